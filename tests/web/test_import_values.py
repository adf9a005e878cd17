"""``planeval manage import_values``: a department's values file stored in one transaction."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook, load_workbook

from planeval.web.core.models import Indicator, Value, ValueState

pytestmark = pytest.mark.usefixtures("english")

EXTRA = 11  # indicators A2…A12 beside A1: twelve values, so the progress line shows once


@pytest.fixture
def indicators(world: Any) -> list[Indicator]:
    """Department A's A1 (in %) and eleven more in 万人, levels of 100 at base."""
    extra = [
        Indicator.objects.create(plan=world.plan, position=10 + n, code=f"A{n}", name=f"合成指标{n}", unit="万人",
                                 aspect="民生", attribute="expected", direction="increase", base_year=2020,
                                 base_value=100, target_text="120", target_year=2025, department=world.department_a)
        for n in range(2, 2 + EXTRA)
    ]  # fmt: skip
    return [world.indicator_a, *extra]


def values_file(path: Path, rows: list[list[Any]], header: tuple[str, ...] = ("代码", "指标", "2022年")) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "报送"
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def department_rows() -> list[list[Any]]:
    # A1 in %: full-width digits; A2…A12 in 万人, A2 written in 人 (1,050,000 人 = 105 万人)
    return [["A1", "合成指标甲", "４３．５"], ["A2", "合成指标2", "1,050,000人"],
            *[[f"A{n}", f"合成指标{n}", 100 + n] for n in range(3, 2 + EXTRA)]]  # fmt: skip


def command(path: Path, user: str = "clerk_a", period: str = "2022") -> list[str]:
    return ["import_values", str(path), "--plan", "synthetic", "--round", period, "--user", user]


def run(path: Path, user: str = "clerk_a") -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*command(path, user), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def history_count() -> int:
    return Value.history.count()


def test_it_saves_every_value_with_progress_and_nothing_twice(world, personas, indicators, tmp_path):
    path = values_file(tmp_path / "dept.xlsx", department_rows())

    out, err = run(path)

    assert err == ""
    assert out.splitlines() == ["saved 10 of 12", "saved 12 values for round 2022; 0 already stored"]
    stored = {v.indicator.code: v for v in Value.objects.filter(period="2022")}
    assert (stored["A1"].value, stored["A1"].raw, stored["A1"].state) == (43.5, "４３．５", ValueState.DRAFT)
    assert (stored["A2"].value, stored["A2"].raw) == (105.0, "1,050,000人")
    assert stored["A12"].value == 112
    count, history = Value.objects.count(), history_count()

    again, _ = run(path)

    assert again.splitlines() == ["saved 0 values for round 2022; 12 already stored"]
    assert (Value.objects.count(), history_count()) == (count, history)


def test_it_saves_the_value_in_the_indicators_unit_from_the_row_unit(world, personas, indicators, tmp_path):
    path = values_file(tmp_path / "unit.xlsx", [["A2", "人", "1050000"]], header=("代码", "单位", "2022年"))

    run(path)

    # the row says 人: 1,050,000 人 is 105 万人, saved as the indicator's value
    value = Value.objects.get(indicator__code="A2", period="2022")
    assert (value.value, value.raw) == (105.0, "105")


def test_it_stores_nothing_when_the_file_has_a_problem(world, personas, indicators, tmp_path):
    rows = [*department_rows(), ["Z9", "不存在的指标", "1"], ["B1", "合成指标乙", "5.1"]]
    path = values_file(tmp_path / "bad.xlsx", rows)

    with pytest.raises(CommandError, match="2 problems in .*: nothing was stored"):
        run(path)

    assert not Value.objects.filter(period="2022").exists()


def test_it_names_each_problem_with_its_place(world, personas, indicators, tmp_path):
    rows = [["A1", "合成指标甲", "4200"], ["Z9", "不存在的指标", "1"], ["B1", "合成指标乙", "5.1"]]
    path = values_file(tmp_path / "bad.xlsx", rows)
    later = values_file(
        tmp_path / "later.xlsx", [["A1", "合成指标甲", None, "44"]], header=("代码", "指标", "2022年", "2023年")
    )
    errors, other = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError):
        call_command(*command(path), stderr=errors)
    with pytest.raises(CommandError):
        call_command(*command(later), stderr=other)

    assert errors.getvalue().splitlines() == [
        # 4200 is 100× the last approved 42 (2021): the value service questions it
        "报送, row 2, column C: A1: 100× the last approved value 42 (2021): check the unit. Give an explanation "
        "(--explanation) to import it.",
        "报送, row 3, column A: no indicator 'Z9 / 不存在的指标' in the plan (expected a code or an indicator name)",
        "报送, row 4, column C: clerk_a may not report B1 in round 2022",
    ]
    assert other.getvalue() == "报送, row 2, column D: A1 2023 is not the period of round 2022\n"


def test_it_saves_a_questioned_value_with_the_explanation_given(world, personas, indicators, tmp_path):
    path = values_file(tmp_path / "slip.xlsx", [["A1", "合成指标甲", "4200"]])

    call_command(*command(path), "--explanation", "口径调整：按新统计制度", stdout=io.StringIO())

    value = Value.objects.get(indicator__code="A1", period="2022")
    assert (value.value, value.explanation) == (4200, "口径调整：按新统计制度")


def test_it_refuses_an_unknown_round_user_or_file(world, personas, tmp_path):
    path = values_file(tmp_path / "dept.xlsx", [["A1", "合成指标甲", "43"]])
    with pytest.raises(CommandError, match="no round 2030"):
        call_command(*command(path, period="2030"))
    with pytest.raises(CommandError, match="no user 'nobody'"):
        run(path, user="nobody")
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "missing.xlsx")


def test_it_speaks_english_whatever_the_sites_language(world, personas, indicators, tmp_path):
    path = values_file(tmp_path / "slip.xlsx", [["A1", "合成指标甲", "4200"]])
    errors = io.StringIO()

    with translation.override("zh-hans"), pytest.raises(CommandError, match="1 problems in .*: nothing was stored"):
        call_command(*command(path), stderr=errors)

    # the value service's question in English too, not a Chinese sentence in an English line
    assert errors.getvalue() == (
        "报送, row 2, column C: A1: 100× the last approved value 42 (2021): check the unit. Give an explanation "
        "(--explanation) to import it.\n"
    )


def test_it_stores_the_year_of_a_group_header_typed_once_over_unmerged_columns(world, personas, indicators, tmp_path):
    # 2022年 typed once over 1-6月 and 全年, not merged: the 全年 column is the round's 2022
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["代码", "指标", "2022年", None], [None, None, "1-6月", "全年"], ["A1", "合成指标甲", None, "43.5"]):
        sheet.append(row)
    book.save(tmp_path / "groups.xlsx")

    out, _ = run(tmp_path / "groups.xlsx")

    assert out.splitlines() == ["saved 1 values for round 2022; 0 already stored"]
    assert Value.objects.get(indicator__code="A1", period="2022").value == 43.5


def test_it_refuses_a_formula_whose_value_the_file_does_not_hold(world, personas, indicators, tmp_path):
    # openpyxl writes a formula without its result, as a program-made file has it
    path = values_file(tmp_path / "formula.xlsx", [["A1", "合成指标甲", "=40+3.5"]])
    errors = io.StringIO()

    with pytest.raises(CommandError, match="1 problems"):
        call_command(*command(path), stderr=errors)

    assert errors.getvalue() == (
        "报送, row 2, column C: formula with no computed value: open and save the file in Excel\n"
    )
    assert not Value.objects.filter(period="2022").exists()


def test_it_refuses_a_percent_typed_as_a_fraction_even_with_an_explanation(world, personas, indicators, tmp_path):
    path = values_file(tmp_path / "fraction.xlsx", [["A1", "合成指标甲", "0.435"]])
    errors = io.StringIO()

    with pytest.raises(CommandError, match="1 problems"):
        call_command(*command(path), "--explanation", "按统计公报", stderr=errors)

    # 0.435 × 100 = 43.5, near the last approved 42 (2021)
    assert errors.getvalue() == (
        "报送, row 2, column C: A1: 0.435 looks like a fraction of 43.5% (the last value is 42, 2021): type 43.5\n"
    )


def test_it_reads_the_unit_in_the_names_brackets_and_notes_what_it_skips(world, personas, indicators, tmp_path):
    path = values_file(tmp_path / "names.xlsx", [["A2", "合成指标2（人）", "1,050,000"], ["A3", "合成指标3", "999"]])
    book = load_workbook(path)
    book.active.row_dimensions[3].hidden = True
    book.save(path)

    out, _ = run(path)

    # the name says 人: 1,050,000 人 is 105 万人; the hidden row 3 is not read
    assert out.splitlines() == ["note: 报送, row 3: hidden row 3 (A3) is skipped",
                                "saved 1 values for round 2022; 0 already stored"]  # fmt: skip
    assert Value.objects.get(indicator__code="A2", period="2022").value == 105
    assert not Value.objects.filter(indicator__code="A3", period="2022").exists()
