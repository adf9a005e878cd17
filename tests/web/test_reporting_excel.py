"""The Excel template of a department's round: download, fill in, upload, preview, confirm."""

from __future__ import annotations

import datetime
from io import BytesIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from planeval.web.core import values
from planeval.web.core.models import Indicator, Value, ValueState

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English messages

VALUE, EXPLANATION, CODE, VERSION = "J", "K", "A", "L"


def url(name: str, world: Any) -> str:
    return reverse(f"reporting:{name}", args=[world.plan.slug, world.round.period])


def download(client: Any, world: Any) -> Any:
    response = client.get(url("template", world))
    assert response.status_code == 200
    return load_workbook(BytesIO(response.content))


def as_upload(book: Any, name: str = "filled.xlsx") -> SimpleUploadedFile:
    out = BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def upload(client: Any, world: Any, file: Any) -> Any:
    return client.post(url("upload", world), {"workbook": file}, follow=True)


def row_of(sheet: Any, code: str) -> int:
    return next(cell.row for cell in sheet["A"] if cell.value == code)


def stored(indicator: Indicator) -> Value | None:
    return Value.objects.filter(indicator=indicator, period="2022").first()


@pytest.fixture
def more(world: Any) -> list[Indicator]:
    """Two more indicators of department A, so an upload has good rows beside a bad one."""
    return [
        Indicator.objects.create(
            plan=world.plan,
            position=position,
            code=code,
            name=name,
            unit="万人",
            aspect="民生",
            attribute="expected",
            direction="increase",
            base_year=2020,
            base_value=100,
            target_text="120",
            target_year=2025,
            department=world.department_a,
        )  # fmt: skip
        for position, code, name in ((3, "A2", "合成指标丙"), (4, "A3", "合成指标丁"))
    ]


def test_it_downloads_a_prefilled_template_with_a_frozen_header_and_locked_columns(world, personas):
    sheet = download(personas["clerk_a"], world).active
    assert "合成规划" in sheet["A1"].value and "甲局" in sheet["A1"].value
    assert [c.value for c in sheet[2]][:3] == ["Code", "Indicator", "Unit"]
    assert [c.value for c in sheet[3]][:10] == ["A1", "合成指标甲", "%", 40, 2020, "50", 42, "2021", "not entered",
                                                None]  # fmt: skip
    assert sheet["L3"].value == 0 and sheet.column_dimensions["L"].hidden
    assert sheet.freeze_panes == "C3" and sheet.protection.sheet
    assert sheet["A3"].protection.locked and not sheet["J3"].protection.locked and not sheet["K3"].protection.locked
    assert sheet.max_row == 3  # only department A's indicator


def test_it_writes_text_that_looks_like_a_formula_as_text(world, personas):
    values.save(get_user_model().objects.get(username="clerk_a"), world.indicator_a, world.round, "43",
                explanation='=HYPERLINK("http://example.com","x")')  # fmt: skip
    sheet = download(personas["clerk_a"], world).active
    assert sheet[f"{EXPLANATION}3"].data_type == "s"


def test_it_saves_the_values_of_a_filled_template_after_a_preview(world, personas, more):
    clerk = personas["clerk_a"]
    book = download(clerk, world)
    sheet = book.active
    sheet[f"{VALUE}{row_of(sheet, 'A1')}"] = 43.5
    sheet[f"{VALUE}{row_of(sheet, 'A2')}"] = "１０５"
    sheet[f"{EXPLANATION}{row_of(sheet, 'A2')}"] = "新口径"
    preview = upload(clerk, world, as_upload(book))
    assert preview.status_code == 200 and "Nothing has been saved yet" in preview.text
    changes = [(c.code, c.old, c.new) for c in preview.context["preview"].changes]
    assert changes == [("A1", "—", "43.5"), ("A2", "—", "105")]
    assert stored(world.indicator_a) is None  # not before the clerk confirms

    done = clerk.post(url("confirm", world), {"action": "confirm"}, follow=True)
    assert "2 values saved from the file" in done.text
    assert (stored(world.indicator_a).value, stored(more[0]).raw, stored(more[0]).explanation) == (
        43.5,
        "１０５",
        "新口径",
    )
    assert stored(more[1]) is None  # left empty: nothing to save


def test_it_changes_nothing_when_the_same_file_is_uploaded_twice(world, personas):
    clerk = personas["clerk_a"]
    book = download(clerk, world)
    book.active[f"{VALUE}3"] = 43
    upload(clerk, world, as_upload(book))
    clerk.post(url("confirm", world), {"action": "confirm"})
    version = stored(world.indicator_a).version
    again = upload(clerk, world, as_upload(book))
    assert again.context["preview"].changes == [] and again.context["preview"].unchanged == 1
    assert "every value in the file is already saved" in again.text
    clerk.post(url("confirm", world), {"action": "confirm"})
    assert stored(world.indicator_a).version == version


def test_it_lists_every_bad_cell_and_saves_nothing_of_a_file_with_one_bad_row(world, personas, more):
    clerk = personas["clerk_a"]
    book = download(clerk, world)
    sheet = book.active
    sheet[f"{VALUE}{row_of(sheet, 'A1')}"] = 4200  # 100× the last approved 42, no explanation
    sheet[f"{VALUE}{row_of(sheet, 'A2')}"] = "约105"
    sheet[f"{VALUE}{row_of(sheet, 'A3')}"] = 110  # good
    sheet.append(["B1", "合成指标乙", None, None, None, None, None, None, None, 5.1, "", 0])  # another department's
    sheet.append(["Z9", "不存在", None, None, None, None, None, None, None, 1, "", 0])
    preview = upload(clerk, world, as_upload(book)).context["preview"]
    assert [(p.row, p.column) for p in preview.problems] == [(3, EXPLANATION), (4, VALUE), (6, CODE), (7, CODE)]
    messages = [p.message for p in preview.problems]
    assert "check the unit" in messages[0] and "is not a number" in messages[1]
    assert "belongs to 乙局" in messages[2] and "no indicator Z9" in messages[3]
    page = clerk.get(url("preview", world))
    assert "Save 1 value" not in page.text and "Nothing from this file can be saved" in page.text
    clerk.post(url("confirm", world), {"action": "confirm"})  # a forged confirmation
    assert not Value.objects.filter(period="2022").exists()


def test_it_refuses_a_row_changed_since_the_file_was_downloaded(world, personas):
    clerk = personas["clerk_a"]
    book = download(clerk, world)
    values.save(get_user_model().objects.get(username="planner"), world.indicator_a, world.round, "44")
    book.active[f"{VALUE}3"] = 43
    problem = upload(clerk, world, as_upload(book)).context["preview"].problems[0]
    assert (problem.row, problem.column) == (3, VALUE) and "Changed by planner" in problem.message
    assert stored(world.indicator_a).value == 44


def test_it_refuses_to_change_an_approved_value_from_a_file(world, personas):
    clerk = personas["clerk_a"]
    book = download(clerk, world)
    Value.objects.create(indicator=world.indicator_a, period="2022", round=world.round, value=44, raw="44",
                         state=ValueState.APPROVED)  # fmt: skip
    book.active[f"{VALUE}3"] = 45
    problem = upload(clerk, world, as_upload(book)).context["preview"].problems[0]
    assert "approved and locked" in problem.message


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("values.csv", b"A1,43\n", "as an .xlsx file"),
     ("values.xlsx", b"A1,43\n", "cannot be opened as an Excel workbook"),
     ("big.xlsx", b"PK\x03\x04" + b"0" * (2 * 1024 * 1024), "the limit is 2.0")],
)  # fmt: skip
def test_it_refuses_a_file_that_is_not_a_small_xlsx_workbook(world, personas, name, content, message):
    response = personas["clerk_a"].post(url("upload", world), {"workbook": SimpleUploadedFile(name, content)})
    assert response.status_code == 400 and message in response.text
    assert personas["clerk_a"].session.get("reporting-upload") is None


def test_it_refuses_the_template_of_another_round(world, personas):
    clerk = personas["clerk_a"]
    book = download(clerk, world)
    book.active["L1"] = "planeval-reporting|synthetic|2021|dept-a"
    response = clerk.post(url("upload", world), {"workbook": as_upload(book)})
    assert response.status_code == 400 and "not the Excel template of this round" in response.text


def test_it_refuses_a_template_holding_a_formula_whose_result_the_file_does_not_hold(world, personas):
    clerk = personas["clerk_a"]
    book = download(clerk, world)
    book.active[f"{VALUE}3"] = "=40+3.5"  # openpyxl saves the formula without its result
    response = clerk.post(url("upload", world), {"workbook": as_upload(book)})
    assert response.status_code == 400
    assert "Cell J3 holds a formula whose result is not saved in the file" in response.text
    assert clerk.session.get("reporting-upload") is None


def test_it_refuses_a_template_with_data_below_its_rows_without_reading_the_empty_ones(world, personas):
    clerk = personas["clerk_a"]
    book = download(clerk, world)
    book.active["XFD1048576"] = "x"  # one stray cell: a sheet of 17 billion cells if each were read
    response = clerk.post(url("upload", world), {"workbook": as_upload(book)})
    assert response.status_code == 400
    assert "The sheet has data in cell XFD1048576, below the template&#x27;s 2,000 rows" in response.text


def test_it_refuses_an_upload_after_the_deadline(world, personas):
    clerk = personas["clerk_a"]
    book = download(clerk, world)
    world.round.deadline = datetime.date.today() - datetime.timedelta(days=2)
    world.round.save()
    assert clerk.post(url("upload", world), {"workbook": as_upload(book)}).status_code == 403


def test_it_reads_a_department_file_as_typed_anywhere_else(world, personas, more):
    """Full-width digits, a percent-formatted cell and a value in 人 for an indicator in 万人 are
    read as the form, the API and ``planeval import-check`` read them."""
    clerk = personas["clerk_a"]
    book = download(clerk, world)
    sheet = book.active
    sheet[f"{VALUE}{row_of(sheet, 'A1')}"] = 0.435  # shown as 43.5% in Excel
    sheet[f"{VALUE}{row_of(sheet, 'A1')}"].number_format = "0.0%"
    sheet[f"{VALUE}{row_of(sheet, 'A2')}"] = "1,050,000人"  # 1,050,000 ÷ 10⁴ = 105 万人
    sheet[f"{VALUE}{row_of(sheet, 'A3')}"] = "１１０（初步核算）"
    preview = upload(clerk, world, as_upload(book)).context["preview"]
    assert preview.problems == []
    assert [(c.code, c.new, c.raw) for c in preview.changes] == [
        ("A1", "43.5", "43.5%"),
        ("A2", "105", "1,050,000人"),
        ("A3", "110", "１１０（初步核算）"),
    ]
    clerk.post(url("confirm", world), {"action": "confirm"})
    assert [stored(i).value for i in (world.indicator_a, *more)] == [43.5, 105, 110]
    again = upload(clerk, world, as_upload(book)).context["preview"]
    assert (again.changes, again.unchanged) == ([], 3)  # 1,050,000人 is the 105 stored


def test_it_lists_a_value_in_a_unit_that_does_not_convert_as_a_problem(world, personas, more):
    clerk = personas["clerk_a"]
    book = download(clerk, world)
    sheet = book.active
    sheet[f"{VALUE}{row_of(sheet, 'A2')}"] = "105亿元"
    preview = upload(clerk, world, as_upload(book)).context["preview"]
    assert [(p.row, p.column) for p in preview.problems] == [(row_of(sheet, "A2"), VALUE)]
    assert "亿元 cannot be converted to 万人" in preview.problems[0].message
