"""Uploaded files are judged by their content as well as their name, and limited in size."""

from __future__ import annotations

import zipfile
from io import BytesIO

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from planeval.web.core.models import Evidence, Value
from planeval.web.reporting import files

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English messages

PDF = b"%PDF-1.4\n%a bulletin\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
EXE = b"MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode."
HTML = b"<!doctype html><html><script>alert(1)</script></html>"


def workbook() -> bytes:
    out = BytesIO()
    Workbook().save(out)
    return out.getvalue()


def document() -> bytes:
    out = BytesIO()
    docx.Document().save(out)
    return out.getvalue()


def zipped(parts: dict[str, bytes]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [("公报.pdf", PDF), ("scan.PNG", PNG), ("photo.jpg", b"\xff\xd8\xff\xe0JFIF"), ("table.xlsx", workbook()),
     ("note.docx", document())],
)  # fmt: skip
def test_it_accepts_evidence_whose_content_is_what_its_name_says(name, content):
    upload = SimpleUploadedFile(name, content)
    assert files.check_evidence(upload) is upload
    assert upload.read() == content  # read back from the start: the check left the file as it was


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.pdf", EXE, "setup.pdf is not a PDF file, whatever its name says"),
        ("chart.png", HTML, "chart.png is not a PNG file, whatever its name says"),
        ("table.xlsx", document(), "table.xlsx is not a XLSX file"),  # a zip, but a Word document
        ("note.docx", zipped({"payload/run.exe": EXE}), "note.docx is not a DOCX file"),
        ("broken.docx", b"PK\x03\x04 and nothing after", "broken.docx is not a DOCX file"),
        ("page.html", HTML, "page.html is not accepted as evidence: attach a PDF, PNG, JPG, XLSX or DOCX file."),
        ("no-extension", PDF, "is not accepted as evidence"),
    ],
)
def test_it_refuses_evidence_of_another_type_whatever_it_is_called(name, content, message):
    with pytest.raises(ValidationError) as refused:
        files.check_evidence(SimpleUploadedFile(name, content))
    assert message in refused.value.messages[0]


def test_it_limits_evidence_to_the_size_set(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    assert files.check_evidence(SimpleUploadedFile("at-limit.pdf", PDF.ljust(1024, b"0")))
    with pytest.raises(ValidationError) as refused:
        files.check_evidence(SimpleUploadedFile("over.pdf", PDF.ljust(1025, b"0")))
    assert refused.value.messages == ["over.pdf is 1.0\xa0KB; the limit is 1.0\xa0KB."]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("values.csv", b"A1,43\n", "Upload the Excel template as an .xlsx file."),
        ("values.xlsx", b"A1,43\n", "values.xlsx cannot be opened as an Excel workbook, whatever its name says"),
        ("report.xlsx", document(), "report.xlsx cannot be opened as an Excel workbook"),
        ("payload.xlsx", EXE, "payload.xlsx cannot be opened as an Excel workbook"),
        ("big.xlsx", b"PK\x03\x04" + b"0" * (2 * 1024 * 1024), "big.xlsx is 2.0\xa0MB; the limit is 2.0\xa0MB."),
    ],
)
def test_it_refuses_an_upload_that_is_not_a_small_xlsx_workbook(name, content, message):
    with pytest.raises(ValidationError) as refused:
        files.check_workbook(SimpleUploadedFile(name, content))
    assert message in refused.value.messages[0]


def test_it_refuses_a_workbook_that_unpacks_to_far_more_than_a_template(monkeypatch):
    monkeypatch.setattr(files, "UNZIPPED_MAX_BYTES", 100_000)
    bomb = zipped({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b" " * 100_000})
    assert len(bomb) < 2_000  # 100 kB of spaces zip to almost nothing
    with pytest.raises(ValidationError) as refused:
        files.check_workbook(SimpleUploadedFile("bomb.xlsx", bomb))
    assert refused.value.messages == [
        "bomb.xlsx unpacks to more than 97.7\xa0KB: a department's template is far smaller."
    ]
    assert files.check_workbook(SimpleUploadedFile("template.xlsx", workbook()))


def test_it_refuses_a_renamed_program_on_the_entry_form_and_saves_nothing(world, personas):
    clerk = personas["clerk_a"]
    url = reverse("reporting:form", args=[world.plan.slug, world.round.period])
    page = clerk.get(url)
    formset = page.context["formset"]
    data = {f"row-{name}": formset.management_form[name].value() for name in formset.management_form.fields}
    program = SimpleUploadedFile("公报.pdf", EXE)
    data |= {"row-0-indicator": world.indicator_a.pk, "row-0-version": 0, "row-0-value": "43",
             "row-0-explanation": "", "row-0-evidence": program, "action": "save"}  # fmt: skip
    answer = clerk.post(url, data)
    assert answer.status_code == 400
    assert "公报.pdf is not a PDF file, whatever its name says" in answer.content.decode()
    assert not Value.objects.filter(period="2022").exists() and not Evidence.objects.exists()


def test_it_refuses_a_word_document_renamed_xlsx_on_the_upload_page(world, personas):
    clerk = personas["clerk_a"]
    url = reverse("reporting:upload", args=[world.plan.slug, world.round.period])
    answer = clerk.post(url, {"workbook": SimpleUploadedFile("甲局.xlsx", document())})
    assert answer.status_code == 400
    assert "甲局.xlsx cannot be opened as an Excel workbook, whatever its name says" in answer.content.decode()
    assert clerk.session.get("reporting-upload") is None
