"""`planeval report`: every format written from one evaluation."""

import shutil
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from planeval.cli import app

EXAMPLE = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"


def test_it_writes_word_excel_and_html(tmp_path):
    paths = ["--out", str(tmp_path / "r.docx"), "--xlsx", str(tmp_path / "t.xlsx"), "--html", str(tmp_path / "r.html")]
    result = CliRunner().invoke(app, ["report", str(EXAMPLE), "--as-of", "2022", *paths])
    assert result.exit_code == 0, result.output
    assert [line for line in result.stdout.splitlines() if line.startswith("wrote")] == [
        f"wrote {tmp_path / 'r.docx'}", f"wrote {tmp_path / 't.xlsx'}", f"wrote {tmp_path / 'r.html'}"]  # fmt: skip
    tally = next(p.text for p in Document(str(tmp_path / "r.docx")).paragraphs if p.text.startswith("规划确定的"))
    assert tally.startswith("规划确定的5个方面20项主要指标中，12项达到或超过规划进度要求")
    assert load_workbook(tmp_path / "t.xlsx").sheetnames[0] == "主要指标进度评价表"
    assert tally in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_it_uses_the_office_text_of_the_folder(tmp_path):
    folder = tmp_path / "plan"
    shutil.copytree(EXAMPLE, folder)
    (folder / "report.yaml").write_text("recommendations: 加快推进节能降碳。\n", encoding="utf-8")
    out = tmp_path / "r.docx"
    assert CliRunner().invoke(app, ["report", str(folder), "--as-of", "2022", "--out", str(out)]).exit_code == 0
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "加快推进节能降碳。" in texts and "【待填写：对策建议】" not in texts


def test_it_reports_a_bad_report_yaml_in_one_line(tmp_path):
    folder = tmp_path / "plan"
    shutil.copytree(EXAMPLE, folder)
    (folder / "report.yaml").write_text("chapters: [{title: 甲, indicators: [N99]}]\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["report", str(folder), "--as-of", "2022", "--out", str(tmp_path / "r.docx")])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("planeval: error:") and "N99" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_it_converts_the_word_report_to_pdf(tmp_path):
    pdf = tmp_path / "r.pdf"
    result = CliRunner().invoke(app, ["report", str(EXAMPLE), "--as-of", "2022", "--out", str(tmp_path / "r.docx"),
                                      "--pdf", str(pdf)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--out", "{t}/r.pdf"], "the Word output must end in .docx"),
        (["--out", "{t}/r.docx", "--pdf", "{t}/r.docx"], "the PDF output must end in .pdf"),
        (["--out", "{t}/missing/r.docx"], "does not exist"),
    ],
)
def test_it_checks_the_output_paths_before_writing_anything(tmp_path, options, message):
    args = [option.format(t=tmp_path) for option in options]
    result = CliRunner().invoke(app, ["report", str(EXAMPLE), "--as-of", "2022", *args])
    assert result.exit_code == 2 and message in result.stderr
    assert result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == [] or not any(p.suffix for p in tmp_path.iterdir())


def test_it_refuses_pdf_without_libreoffice_before_writing(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = CliRunner().invoke(app, ["report", str(EXAMPLE), "--as-of", "2022", "--out", str(tmp_path / "r.docx"),
                                      "--pdf", str(tmp_path / "r.pdf")])  # fmt: skip
    assert result.exit_code == 2 and "needs LibreOffice" in result.stderr
    assert not (tmp_path / "r.docx").exists()
