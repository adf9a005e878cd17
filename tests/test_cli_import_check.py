"""``planeval import-check``: what a department's file would store, and its problems."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner, Result

from planeval.cli import app
from test_submission import department_file, workbook

EXAMPLE = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["import-check", *args], env={"COLUMNS": "200"})


def test_it_prints_the_values_and_problems_as_json_and_exits_1(tmp_path: Path) -> None:
    result = run(str(department_file(tmp_path / "dept.xlsx")), "--plan", str(EXAMPLE), "--format", "json")

    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(o["code"], o["period"], o["value"]) for o in data["observations"]] == [
        ("N01", "2023H1", 5.5), ("N01", "2023", 5.2), ("N03", "2023", 66.16), ("N02", "2023", 5.7),
        ("N08", "2023H1", 5.3), ("N10", "2023", 3.4), ("N19", "2023", 6.9541),
    ]  # fmt: skip
    assert set(data["observations"][0]) == {
        "code", "period", "value", "unit", "preliminary", "cumulative", "raw", "sheet", "row", "column"}  # fmt: skip
    # the plan folder's values are the reference: GDP growth 5.2 in 2023 against 3.0 in 2022 is a
    # change of 73 %, a warning; 0.052 for N08 (5.6 in 2022) a fraction
    assert [(p["row"], p["column"], p["warning"]) for p in data["problems"]] == [
        (4, "E", True), (7, "E", False), (10, "E", False), (11, "B", False), (12, "D", False)]  # fmt: skip
    assert "fraction of 5.2% (the last value is 5.6, 2022)" in data["problems"][1]["message"]
    assert set(data["problems"][0]) == {"sheet", "row", "column", "message", "warning"}


def test_it_prints_tables_and_exits_0_for_a_clean_file(tmp_path: Path) -> None:
    rows = {1: ["代码", "指标", "2022年", "2023年"], 2: ["N05", "每万人口高价值发明专利拥有量", "９．４", "11.8*"]}
    result = run(str(workbook(tmp_path / "clean.xlsx", rows)), "--plan", str(EXAMPLE))

    assert (result.exit_code, result.stderr) == (0, "")
    assert "可导入的数值" in result.stdout and "每万人口高价值发明专利拥有量" in result.stdout
    assert "９．４" in result.stdout and "11.8*" in result.stdout and "初步" in result.stdout
    assert "可导入 2 个数值；空缺 0 个，不适用 0 个。" in result.stdout
    assert "未发现问题。" in result.stdout


def test_it_lists_the_problems_in_the_table_output(tmp_path: Path) -> None:
    result = run(str(department_file(tmp_path / "dept.xlsx")), "--plan", str(EXAMPLE))

    assert result.exit_code == 1
    assert "问题 5 个（修正后再导入；其中需说明 1 个，导入时附说明可通过）" in result.stdout
    assert "需说明" in result.stdout and "a change of more than 50% against the last value 3 (2022)" in result.stdout
    assert "no indicator '未知指标' in the plan" in result.stdout
    assert "2023年1-6月" in result.stdout and "累计" in result.stdout  # the cumulative column as written


def test_it_exits_2_on_a_file_it_cannot_read(tmp_path: Path) -> None:
    missing = run(str(tmp_path / "missing.xlsx"), "--plan", str(EXAMPLE))
    text = tmp_path / "values.txt"
    text.write_text("N05,2022,9.4\n", encoding="utf-8")
    other = run(str(text), "--plan", str(EXAMPLE))

    assert (missing.exit_code, missing.stdout) == (2, "")
    assert missing.stderr == f"planeval: error: {tmp_path / 'missing.xlsx'}: no such file\n"
    assert other.exit_code == 2 and "is neither an Excel .xlsx workbook nor a .csv file" in other.stderr


def test_it_exits_2_on_a_plan_folder_it_cannot_read(tmp_path: Path) -> None:
    result = run(str(department_file(tmp_path / "dept.xlsx")), "--plan", str(tmp_path / "no-plan"))

    assert result.exit_code == 2 and "is not a plan folder" in result.stderr


def test_it_lists_what_it_skipped_and_exits_0_when_nothing_else_is_wrong(tmp_path: Path) -> None:
    rows = {1: ["代码", "2023年", "比上年增长（%）"], 2: ["N05", "11.8", "25.5"]}
    result = run(str(workbook(tmp_path / "growth.xlsx", rows)), "--plan", str(EXAMPLE), "--format", "json")

    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [(o["code"], o["period"], o["value"]) for o in data["observations"]] == [("N05", "2023", 11.8)]
    skipped = "growth column C (比上年增长（%）) is skipped: its indicators are not growth rates"
    assert data["notes"] == [{"sheet": "2023年报送", "row": 1, "column": "C", "message": skipped}]
