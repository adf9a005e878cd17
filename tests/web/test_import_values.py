"""``planeval manage import_values``: a department's values file stored in one transaction."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

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
        "报送, row 2, column C: A1: 100× the last approved value 42 (2021): check the unit. (give an explanation)",
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
