"""No spreadsheet the project writes runs a formula someone typed into a name or a comment.

Every writer asks :func:`planeval.io.export.formula_like`: CSV cells get a leading apostrophe
(:func:`~planeval.io.export.neutralise`), Excel cells stay text with Excel's quote prefix
(:func:`planeval.reports.xlsx.put_cell`). Real numbers stay numbers, negative ones included.
The plan here is synthetic (code S01, made-up figures); the assessment workbook has its own
test in tests/web/test_assessment.py.
"""

from __future__ import annotations

import csv
import io
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from planeval import Evaluation, evaluate, parse_period
from planeval.io import load_plan_folder
from planeval.io.export import comparison_to_csv, evaluation_to_csv, formula_like, neutralise
from planeval.reports.model import build_report
from planeval.reports.xlsx import write_xlsx
from planeval.web.core import values

HOSTILE = '=HYPERLINK("http://x","y")'
COMMENT = "@SUM(A1:A9)"
TABLE = (
    "code,category,name,unit,base_year,base_value,target_year,target_text,attribute\n"
    'S01,合成类,"=HYPERLINK(""http://x"",""y"")",万人,2020,-3.5,2025,5,预期性\n'
)
OBSERVATIONS = "code,period,value\nS01,2022,-1.2\n"


@pytest.fixture
def evaluation(tmp_path: Path) -> Evaluation:
    (tmp_path / "indicators.csv").write_text(TABLE, encoding="utf-8")
    (tmp_path / "observations.csv").write_text(OBSERVATIONS, encoding="utf-8")
    folder = load_plan_folder(tmp_path)
    return evaluate(folder.plan, folder.observations, parse_period("2022"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", True), ("+1", True), ("-1", True), ("@SUM(A1)", True), ("\tx", True), ("\rx", True),
     (" =1", False), ("国内生产总值", False), ("", False), (-3.2, False), (0, False), (None, False)],
)  # fmt: skip
def test_it_knows_what_a_spreadsheet_would_run(value: object, expected: bool) -> None:
    assert formula_like(value) is expected
    assert neutralise(value) == ("'" + value if expected else value)  # type: ignore[operator]


def test_it_neutralises_the_evaluation_csv_and_keeps_negative_numbers(evaluation: Evaluation) -> None:
    [row] = csv.DictReader(io.StringIO(evaluation_to_csv(evaluation)))
    assert row["name"] == "'" + HOSTILE
    # progress (−1.2 − (−3.5)) / (5 − (−3.5)) = 2.3 / 8.5 = 0.270588; the numbers are written as numbers
    assert (row["baseline"], row["latest_value"], row["progress"]) == ("-3.5", "-1.2", "0.270588")


def test_it_neutralises_the_method_comparison_csv(evaluation: Evaluation) -> None:
    other = evaluate(evaluation.plan, [], parse_period("2022"))
    rows = list(csv.reader(io.StringIO(comparison_to_csv({"time_progress": evaluation, "empty": other}))))
    assert rows[1][:3] == ["1", "S01", "'" + HOSTILE]


def test_it_keeps_the_excel_report_free_of_formulas_and_its_numbers_numeric(
    evaluation: Evaluation, tmp_path: Path
) -> None:
    path = tmp_path / "report.xlsx"
    write_xlsx(build_report(evaluation), evaluation, path)
    book = load_workbook(path)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    hostile = [cell for cell in cells if cell.value == HOSTILE]
    assert hostile and all(cell.data_type == "s" and cell.quotePrefix for cell in hostile)
    annex, lagging = book.worksheets[0], book["未达进度指标"]
    # the baseline as the report prints it: text, its value unchanged under the quote prefix
    assert (annex["E3"].value, annex["E3"].data_type, annex["E3"].quotePrefix) == ("-3.5", "s", True)
    # progress 2.3 / 8.5 = 0.270588 and the gap 40 − 27.06 = 12.9 points stay numbers
    assert (round(annex["N3"].value, 6), lagging["F2"].value) == (0.270588, 12.9)


def test_it_writes_the_reporting_template_without_formulas(world: Any, personas: Any) -> None:
    world.indicator_a.name, world.indicator_a.base_value = HOSTILE, -3.5
    world.indicator_a.save()
    clerk = get_user_model().objects.get(username="clerk_a")
    values.save(clerk, world.indicator_a, world.round, "-1.2", explanation=COMMENT)
    response = personas["clerk_a"].get(reverse("reporting:template", args=[world.plan.slug, world.round.period]))
    sheet = load_workbook(BytesIO(response.content)).active
    name, baseline, value, explanation = sheet["B3"], sheet["D3"], sheet["J3"], sheet["K3"]
    assert [(cell.value, cell.data_type, cell.quotePrefix) for cell in (name, explanation)] == [
        (HOSTILE, "s", True),
        (COMMENT, "s", True),
    ]
    assert [(cell.value, cell.data_type) for cell in (baseline, value)] == [(-3.5, "n"), (-1.2, "n")]
    assert not [cell.coordinate for line in sheet.iter_rows() for cell in line if cell.data_type == "f"]
