"""Reading a department's values file against the plan (``planeval.io.submission``).

The indicators, names and units are those of examples/cn-14th-fyp; the values in the files
built here are test inputs, not published figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from planeval.domain.period import Period
from planeval.domain.plan import Plan
from planeval.errors import PlanFormatError
from planeval.io.folder import load_plan_folder
from planeval.io.submission import Blank, Problem, SubmittedValue, read_submission, submission_to_dict

import factory

EXAMPLE = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"
SHEET = "2023年报送"
H1_2023, YEAR_2023 = Period.of_half(2023, 1), Period.of_year(2023)

# A department's sheet as departments make them: a title merged across the table; a two-row
# header with 类别, 指标 and 单位 merged down and a merged 2023年 over 1-6月 and 全年; 类别 merged
# over its indicators; full-width digits, a —, a 不适用, a percent-formatted cell, a
# （初步核算） note, a value in 万吨 for an indicator in 亿吨, an unknown indicator, a repeat,
# a fraction among percents, a unit that does not convert, and notes below the table.
DEPARTMENT_ROWS: dict[int, list[Any]] = {
    1: ["“十四五”规划主要指标完成情况"],
    2: ["类别", "指标", "单位", "2023年", None, "备注"],
    3: [None, None, None, "1-6月", "全年", None],
    4: ["经济发展", "国内生产总值（GDP）增长", "%", "５．５", 0.052, "可比价"],
    5: [None, "常住人口城镇化率", "%", "—", "66.16（初步核算）"],
    6: [None, "全员劳动生产率增长", "%", "不适用", "5.7*"],
    7: ["民生福祉", "城镇调查失业率", "%", "5.3", 0.052],
    8: [None, "每千人口拥有执业（助理）医师数", "人", "—", "3.4"],
    9: ["安全保障", "粮食综合生产能力", "亿吨", None, "69,541万吨"],
    10: [None, "能源综合生产能力", "亿吨标准煤", None, "48万人"],
    11: [None, "未知指标", "%", None, "10"],
    12: [None, "国内生产总值（GDP）增长", "%", "5.6", None],
    13: ["注：带*的为预计数。"],
    14: [None, "常住人口城镇化率", "%", "99", "99"],  # below the notes: not part of the table
}
DEPARTMENT_MERGES = ("A1:F1", "A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:F3", "A4:A6", "A7:A8", "A9:A12")


def workbook(
    path: Path,
    rows: Mapping[int, Sequence[Any]],
    merges: Sequence[str] = (),
    formats: Mapping[str, str] | None = None,
    sheet: str = SHEET,
) -> Path:
    """A one-sheet workbook at ``path`` with ``rows`` by row number (None for a blank cell)."""
    book = Workbook()
    worksheet = book.active
    assert worksheet is not None
    worksheet.title = sheet
    for number, row in rows.items():
        for column, value in enumerate(row, start=1):
            if value is not None:
                worksheet.cell(number, column, value)
    for merge in merges:
        worksheet.merge_cells(merge)
    for cell, number_format in (formats or {}).items():
        worksheet[cell].number_format = number_format
    book.save(path)
    return path


def department_file(path: Path) -> Path:
    return workbook(path, DEPARTMENT_ROWS, DEPARTMENT_MERGES, {"E4": "0.0%"})


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan_folder(EXAMPLE).plan


def value(code: str, period: Period, number: float, unit: str, raw: str, row: int, column: str,
          preliminary: bool = False, cumulative: bool = False) -> SubmittedValue:  # fmt: skip
    return SubmittedValue(code, period, number, unit, preliminary, cumulative, raw, SHEET, row, column)


def test_it_reads_every_value_of_a_department_sheet(tmp_path: Path, plan: Plan) -> None:
    submission = read_submission(department_file(tmp_path / "dept.xlsx"), plan)

    assert list(submission.observations) == [
        value("N01", H1_2023, 5.5, "%", "５．５", 4, "D", cumulative=True),  # full-width digits
        value("N01", YEAR_2023, 5.2, "%", "5.2%", 4, "E"),  # 0.052 formatted as percent: 5.2 %
        value("N03", YEAR_2023, 66.16, "%", "66.16（初步核算）", 5, "E", preliminary=True),
        value("N02", YEAR_2023, 5.7, "%", "5.7*", 6, "E", preliminary=True),
        value("N08", H1_2023, 5.3, "%", "5.3", 7, "D", cumulative=True),
        value("N10", YEAR_2023, 3.4, "人", "3.4", 8, "E"),
        value("N19", YEAR_2023, 6.9541, "亿吨", "69,541万吨", 9, "E"),  # 69,541 × 10⁴ ÷ 10⁸
    ]


def test_it_lists_every_problem_of_a_department_sheet_with_its_place(tmp_path: Path, plan: Plan) -> None:
    submission = read_submission(department_file(tmp_path / "dept.xlsx"), plan)

    assert list(submission.problems) == [
        # 0.052 × 100 = 5.2, the baseline of N08 (2020): a fraction typed for 5.2 %
        Problem(SHEET, 7, "E", "N08: 0.052 looks like a fraction of 5.2% (the last value is 5.2, baseline 2020): "
                               "type 5.2"),
        Problem(SHEET, 10, "E", "N20: the cell's unit 万人 cannot be converted to 亿吨标准煤, the unit its row or "
                                "column gives"),
        Problem(SHEET, 11, "B", "no indicator '未知指标' in the plan (expected a code or an indicator name)"),
        Problem(SHEET, 12, "D", "N01 2023H1 is given twice: first at 2023年报送 D4"),
    ]  # fmt: skip


def test_it_keeps_missing_and_not_applicable_cells_apart(tmp_path: Path, plan: Plan) -> None:
    submission = read_submission(department_file(tmp_path / "dept.xlsx"), plan)

    assert list(submission.blanks) == [
        Blank("N03", H1_2023, False, "—", SHEET, 5, "D"),
        Blank("N02", H1_2023, True, "不适用", SHEET, 6, "D"),
        Blank("N10", H1_2023, False, "—", SHEET, 8, "D"),
    ]


def test_it_gives_the_json_shape_of_a_submission(tmp_path: Path, plan: Plan) -> None:
    data = submission_to_dict(read_submission(department_file(tmp_path / "dept.xlsx"), plan))

    assert data["observations"][0] == {
        "code": "N01", "period": "2023H1", "value": 5.5, "unit": "%", "preliminary": False, "cumulative": True,
        "raw": "５．５", "sheet": SHEET, "row": 4, "column": "D",
    }  # fmt: skip
    message = "no indicator '未知指标' in the plan (expected a code or an indicator name)"
    assert data["problems"][2] == {"sheet": SHEET, "row": 11, "column": "B", "message": message, "warning": False}
    assert data["blanks"][1]["not_applicable"] is True


def test_it_reads_the_long_layout_from_csv_saved_by_chinese_excel(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "values.csv"
    rows = [
        "代码,指标,时期,数值,单位",
        'N19,,2023,"69,541",万吨',  # the row's unit: 69,541 万吨 is 6.9541 亿吨
        ",城镇调查失业率,2023年1-6月,５．３,%",
        "N05,,2022年,9.4,件",
        "N16,,2022,不适用,%",
        "N08,,2023年13月,5.2,%",
        "N09,,2022,11,",
    ]
    path.write_bytes(("\n".join(rows) + "\n").encode("gb18030"))

    submission = read_submission(path, plan)

    assert [(o.code, o.period, o.value, o.unit, o.cumulative, o.row, o.column) for o in submission.observations] == [
        ("N19", YEAR_2023, 6.9541, "亿吨", False, 2, "D"),
        ("N08", H1_2023, 5.3, "%", True, 3, "D"),
        ("N05", Period.of_year(2022), 9.4, "件", False, 4, "D"),
        ("N09", Period.of_year(2022), 11.0, "年", False, 7, "D"),
    ]
    assert [(b.code, b.not_applicable) for b in submission.blanks] == [("N16", True)]
    assert [(p.sheet, p.row, p.column) for p in submission.problems] == [("values.csv", 6, "C")]
    assert "2023年13月" in submission.problems[0].message


def test_it_takes_the_unit_from_the_header_or_the_line_above_the_table(tmp_path: Path, plan: Plan) -> None:
    rows = {
        1: ["单位：万吨"],
        2: ["代码", "指标", "2022年", "2023年（亿吨）"],
        3: ["N19", "粮食综合生产能力", "68,653", "6.95"],
    }
    submission = read_submission(workbook(tmp_path / "units.xlsx", rows), plan)

    # 68,653 万吨 (the line above) is 6.8653 亿吨; the 2023 column says 亿吨 itself
    assert [(o.period.year, o.value) for o in submission.observations] == [(2022, 6.8653), (2023, 6.95)]
    assert submission.problems == ()


def test_it_refuses_values_outside_the_plan_period_but_its_base_year(tmp_path: Path, plan: Plan) -> None:
    rows = {1: ["指标", 2019, 2020, 2021, 2025, 2026], 2: ["常住人口城镇化率", "63.1", "63.89", "64.72", "66", "67"]}
    submission = read_submission(workbook(tmp_path / "years.xlsx", rows), plan)

    # 2020, the base year: a value that revises the baseline
    assert [o.period.year for o in submission.observations] == [2020, 2021, 2025]
    assert [(p.column, p.message) for p in submission.problems] == [
        ("B", "N03 2019 is outside the plan period 2021–2025 (and is not its base year 2020)"),
        ("F", "N03 2026 is outside the plan period 2021–2025 (and is not its base year 2020)"),
    ]


def test_it_reports_a_column_header_that_is_no_period_once_when_it_holds_values(tmp_path: Path, plan: Plan) -> None:
    rows = {
        1: ["指标", "2023年", "填写说明", "上年同期", "1-6月"],
        2: ["城镇调查失业率", "5.2", "按月平均", "5.5", "5.3"],
        3: ["人均预期寿命", "78.6", None, "78.2", None],
    }
    submission = read_submission(workbook(tmp_path / "headers.xlsx", rows, sheet="Sheet1"), plan)

    assert [(o.code, o.column) for o in submission.observations] == [("N08", "B"), ("N13", "B")]
    assert [(p.row, p.column) for p in submission.problems] == [(1, "D"), (1, "E")]
    assert "'上年同期' is not a period" in submission.problems[0].message
    assert "'1-6月' names no year" in submission.problems[1].message  # no year above it, nor in the sheet name


def test_it_takes_the_year_from_the_sheet_title_and_marks_a_preliminary_column(tmp_path: Path, plan: Plan) -> None:
    rows = {
        1: ["2023年主要指标完成情况"],
        2: ["序号", "指标名称", "1-9月", "全年（快报）"],
        3: [1, "1.国内生产总值（GDP）增长（%）", "5.2", "5.2"],
    }
    submission = read_submission(workbook(tmp_path / "title.xlsx", rows), plan)

    assert [(o.code, o.period, o.preliminary, o.cumulative) for o in submission.observations] == [
        ("N01", Period(2023, 9, 1), False, True),
        ("N01", YEAR_2023, True, False),
    ]


def test_it_reads_a_merged_value_once_and_skips_category_rows(tmp_path: Path, plan: Plan) -> None:
    rows = {
        1: ["指标", "2022年", "2023年"],
        2: ["一、经济发展"],
        3: ["常住人口城镇化率", "65.22", None],
    }
    submission = read_submission(workbook(tmp_path / "merged.xlsx", rows, merges=("B3:C3",)), plan)

    assert [(o.period.year, o.value) for o in submission.observations] == [(2022, 65.22)]
    assert submission.problems == ()


def test_it_finds_every_sheet_with_a_table(tmp_path: Path, plan: Plan) -> None:
    path = workbook(tmp_path / "two.xlsx", {1: ["填报说明：按统计公报填写"]}, sheet="说明")
    book = load_workbook(path)
    second = book.create_sheet("数据")
    second.append(["代码", "2022"])
    second.append(["N05", "9.4"])
    book.save(path)

    submission = read_submission(path, plan)

    assert [(o.sheet, o.code, o.value) for o in submission.observations] == [("数据", "N05", 9.4)]


def test_it_says_when_no_sheet_holds_a_table(tmp_path: Path, plan: Plan) -> None:
    submission = read_submission(workbook(tmp_path / "empty.xlsx", {1: ["只有标题"]}), plan)

    assert submission.observations == ()
    assert len(submission.problems) == 1 and "no sheet has a header row" in submission.problems[0].message


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.xlsx", None, "no such file"),
        ("values.txt", b"N05,2022,9.4\n", "is neither an Excel .xlsx workbook nor a .csv file"),
        ("broken.xlsx", b"not a zip file", "is not an Excel .xlsx workbook"),
        ("latin.csv", b"\xff\xfe\x00\xd8", "is neither UTF-8 nor GB18030 text"),
    ],
)
def test_it_refuses_a_file_it_cannot_read(tmp_path: Path, plan: Plan, name: str, content: bytes | None,
                                          message: str) -> None:  # fmt: skip
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(PlanFormatError, match=message):
        read_submission(path, plan)


def test_it_tells_indicators_of_one_name_apart_by_their_merged_category(tmp_path: Path) -> None:
    # a city plan names 增加值 twice, once per sector (synthetic plan and values)
    two = factory.plan(
        factory.indicator("500", 300, code="S01", name="增加值", unit="亿元", aspect="工业"),
        factory.indicator("800", 600, code="S02", name="增加值", unit="亿元", aspect="服务业"),
    )
    rows = {1: ["类别", "指标", "2022年"], 2: ["工业", "增加值", "350"], 3: [None, "增加值", "360"]}
    ambiguous = {1: ["指标", "2022年"], 2: ["增加值", "350"]}

    by_category = read_submission(workbook(tmp_path / "a.xlsx", rows, merges=("A2:A3",)), two)
    by_name = read_submission(workbook(tmp_path / "b.xlsx", ambiguous), two)

    # the merged 工业 covers row 3 too: both rows are S01, the second a repeat
    assert [(o.code, o.value) for o in by_category.observations] == [("S01", 350.0)]
    assert [p.message for p in by_category.problems] == ["S01 2022 is given twice: first at 2023年报送 C2"]
    assert [p.message for p in by_name.problems] == [
        "'增加值' is the name of several indicators (S01, S02); give the code"
    ]


def observed(submission: Any) -> list[tuple[str, str, float, str]]:
    """(code, period label, value, column letter and row) of each value to store."""
    return [(o.code, str(o.period), o.value, f"{o.column}{o.row}") for o in submission.observations]


def test_it_gives_a_year_typed_once_to_its_unmerged_columns_not_the_half_to_the_year(tmp_path: Path,
                                                                                     plan: Plan) -> None:  # fmt: skip
    rows = {1: ["代码", "指标", "单位", "2023年", None, "2024年", None],
            2: [None, None, None, "1-6月", "全年", "1-6月", "全年"],
            3: ["N08", "城镇调查失业率", "%", "5.3", "5.2", "5.1", "5.0"]}  # fmt: skip
    csv = tmp_path / "two_rows.csv"
    csv.write_bytes(
        "代码,指标,2023年,,2024年,\n,,1-6月,全年,1-6月,全年\nN08,城镇调查失业率,5.3,5.2,5.1,5.0\n".encode("gb18030")
    )

    from_excel = read_submission(workbook(tmp_path / "unmerged.xlsx", rows), plan)
    from_csv = read_submission(csv, plan)

    assert observed(from_excel) == [("N08", "2023H1", 5.3, "D3"), ("N08", "2023", 5.2, "E3"),
                                    ("N08", "2024H1", 5.1, "F3"), ("N08", "2024", 5.0, "G3")]  # fmt: skip
    assert observed(from_csv) == [("N08", "2023H1", 5.3, "C3"), ("N08", "2023", 5.2, "D3"),
                                  ("N08", "2024H1", 5.1, "E3"), ("N08", "2024", 5.0, "F3")]  # fmt: skip
    assert from_excel.problems == from_csv.problems == ()


def test_it_stores_nothing_under_a_year_that_is_not_clear(tmp_path: Path, plan: Plan) -> None:
    # the year of the second group was left out: 2023年 alone over four columns
    rows = {1: ["代码", "2023年"], 2: [None, "1-6月", "全年", "1-6月", "全年"], 3: ["N08", "5.3", "5.2", "5.1", "5.0"]}

    submission = read_submission(workbook(tmp_path / "one_year.xlsx", rows), plan)

    assert submission.observations == ()
    assert [(p.row, p.column) for p in submission.problems] == [(2, "B"), (2, "C"), (2, "D"), (2, "E")]
    assert "name 2023H1 twice" in submission.problems[0].message


def test_it_converts_from_the_unit_in_the_names_brackets(tmp_path: Path, plan: Plan) -> None:
    rows = {1: ["指标", "2023年"], 2: ["粮食综合生产能力（万吨）", "69,541"],
            3: ["能源综合生产能力（万吨标准煤）", "483,000"], 4: ["每万人口高价值发明专利拥有量（件）", "11.8"],
            5: ["能源综合生产能力（万人）", "1"]}  # fmt: skip

    submission = read_submission(workbook(tmp_path / "names.xlsx", rows), plan)

    # 69,541 万吨 = 6.9541 亿吨; 483,000 万吨标准煤 = 48.3 亿吨标准煤
    assert observed(submission) == [("N19", "2023", 6.9541, "B2"), ("N20", "2023", 48.3, "B3"),
                                    ("N05", "2023", 11.8, "B4")]  # fmt: skip
    assert [(p.row, p.message) for p in submission.problems] == [
        (5, "N20: 万人 cannot be converted to 亿吨标准煤 (the indicator's unit)")
    ]


def test_it_refuses_a_row_unit_that_disagrees_with_its_column(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "conflict.csv"
    path.write_text("代码,单位,2023年（亿吨）\nN19,万吨,6.9541\n", encoding="utf-8")

    submission = read_submission(path, plan)

    assert submission.observations == ()
    assert [(p.row, p.column, p.message) for p in submission.problems] == [
        (2, "C", "N19: the row's unit 万吨 and the column's unit 亿吨 disagree: keep one")
    ]


def test_it_takes_no_year_from_the_date_the_report_was_filled_in(tmp_path: Path, plan: Plan) -> None:
    rows = {1: ["2023年主要指标完成情况"], 2: ["填报单位：国家统计局", None, "填报日期：2024年1月15日"],
            3: ["代码", "单位", "1-6月", "全年"], 4: ["N08", "%", "5.3", "5.2"]}  # fmt: skip
    differ = {1: ["2024年主要指标完成情况"], 2: ["代码", "单位", "1-6月", "全年"], 3: ["N08", "%", "5.3", "5.2"]}

    dated = read_submission(workbook(tmp_path / "dated.xlsx", rows, sheet="Sheet1"), plan)
    other = read_submission(workbook(tmp_path / "other.xlsx", differ, sheet="2023年"), plan)

    assert observed(dated) == [("N08", "2023H1", 5.3, "C4"), ("N08", "2023", 5.2, "D4")]
    assert other.observations == ()
    assert [p.message.split(":")[0] for p in other.problems] == [
        "the title names 2024 but the sheet is named '2023年'"
    ] * 2


def test_it_reads_a_row_whose_name_carries_a_footnote_star_and_ends_at_a_star_note(tmp_path: Path, plan: Plan) -> None:
    rows = {1: ["指标", "单位", "2023年"], 2: ["常住人口城镇化率", "%", "66.16"], 3: ["*森林覆盖率", "%", "24.02"],
            4: ["城镇调查失业率", "%", "5.2"], 5: ["*为初步统计数"],
            6: ["粮食综合生产能力", "亿吨", "6.95"]}  # fmt: skip

    submission = read_submission(workbook(tmp_path / "star.xlsx", rows), plan)

    assert observed(submission) == [("N03", "2023", 66.16, "C2"), ("N18", "2023", 24.02, "C3"),
                                    ("N08", "2023", 5.2, "C4")]  # fmt: skip
    assert submission.problems == ()


def test_it_refuses_a_formula_whose_result_the_file_does_not_hold(tmp_path: Path, plan: Plan) -> None:
    # openpyxl writes formulas without their results, as programs do
    rows = {1: ["代码", "单位", "2023年", "2024年"], 2: ["N10", "人", "=3+0.4", "3.61"]}

    submission = read_submission(workbook(tmp_path / "formulas.xlsx", rows), plan)

    assert observed(submission) == [("N10", "2024", 3.61, "D2")]
    assert submission.problems == (
        Problem(SHEET, 2, "C", "formula with no computed value: open and save the file in Excel"),
    )


def test_it_refuses_a_sheet_with_content_far_below_the_table(tmp_path: Path, plan: Plan) -> None:
    path = workbook(tmp_path / "far.xlsx", {1: ["代码", "2023年"], 2: ["N03", "66.16"]})
    book = load_workbook(path)
    book.active["XFD1048576"] = " x"  # one stray cell: 17 billion cells if the rectangle were walked
    book.save(path)

    submission = read_submission(path, plan)

    assert submission.observations == ()
    assert [p.message for p in submission.problems] == [
        "the sheet has data in row 1,048,576 (XFD1048576); a file has at most 10,000 rows: delete what lies below "
        "the table"
    ]


def test_it_takes_percents_typed_as_fractions_for_what_they_are(tmp_path: Path, plan: Plan) -> None:
    rows = {1: ["代码", "单位", "2023年"], 2: ["N03", "%", 0.6616], 3: ["N08", "%", 0.052], 4: ["N14", "%", "0.5"],
            5: ["N15", "%", "0.1"], 6: ["N19", "亿吨", 6.9541]}  # fmt: skip
    known = load_plan_folder(EXAMPLE).observations

    submission = read_submission(workbook(tmp_path / "fractions.xlsx", rows), plan, known)

    # N03 was 65.22 % in 2022 and N08 5.6 %: 0.6616 and 0.052 are fractions. N14 (0.1 % in 2022) and
    # N15 (0.8 % in 2022) are small percents: 0.5 × 100 = 50 is nowhere near 0.1
    assert observed(submission) == [("N14", "2023", 0.5, "C4"), ("N15", "2023", 0.1, "C5"),
                                    ("N19", "2023", 6.9541, "C6")]  # fmt: skip
    assert [(p.row, p.message, p.warning) for p in submission.problems] == [
        (2, "N03: 0.6616 looks like a fraction of 66.16% (the last value is 65.22, 2022): type 66.16", False),
        (3, "N08: 0.052 looks like a fraction of 5.2% (the last value is 5.6, 2022): type 5.2", False),
        # 0.5 against 0.1: a jump to be explained; 0.1 against 0.8 as well (−87.5 %)
        (4, "N14: a change of more than 50% against the last value 0.1 (2022)", True),
        (5, "N15: a change of more than 50% against the last value 0.8 (2022)", True),
    ]
    assert len(submission.errors) == 2


def test_it_skips_hidden_sheets_rows_and_value_columns_with_a_note(tmp_path: Path, plan: Plan) -> None:
    rows = {
        1: ["代码", "单位", "2022年", "2023年"],
        2: ["N03", "%", "65.22", "66.16"],
        3: ["N18", "%", "24.02", "24.1"],
    }
    path = workbook(tmp_path / "hidden.xlsx", rows)
    book = load_workbook(path)
    book.active.row_dimensions[3].hidden = True
    book.active.column_dimensions["C"].hidden = True
    hidden = book.create_sheet("附表")
    hidden.append(["代码", "2023年"])
    hidden.append(["N08", "5.2"])
    hidden.sheet_state = "hidden"
    book.save(path)

    submission = read_submission(path, plan)

    assert observed(submission) == [("N03", "2023", 66.16, "D2")]
    assert [(n.sheet, n.row, n.column, n.message) for n in submission.notes] == [
        (SHEET, 1, "C", "hidden column C (C, 2022年) is skipped"),
        (SHEET, 3, None, "hidden row 3 (N18) is skipped"),
        ("附表", None, None, "hidden sheet 附表 is skipped"),
    ]
    assert submission.problems == ()


def test_it_reads_a_growth_column_only_for_a_growth_rate(tmp_path: Path, plan: Plan) -> None:
    rows = {1: ["指标", "2023年（亿吨）", "2023年同比增长（%）"], 2: ["粮食综合生产能力", "6.95", "1.3"],
            3: ["国内生产总值（GDP）增长", None, "5.2"]}  # fmt: skip

    submission = read_submission(workbook(tmp_path / "growth.xlsx", rows), plan)

    assert observed(submission) == [("N19", "2023", 6.95, "B2"), ("N01", "2023", 5.2, "C3")]
    assert [(n.row, n.column, n.message) for n in submission.notes] == [
        (1, "C", "growth column C (2023年同比增长（%）) is skipped: its indicators are not growth rates")
    ]
    assert submission.problems == ()


def test_it_reads_cells_as_departments_type_them(tmp_path: Path) -> None:
    # a synthetic plan with the units of a city's table
    city = factory.plan(
        factory.indicator("1500", 1000, code="G1", name="地区生产总值", unit="亿元"),
        factory.indicator("200", 100, code="P1", name="城镇新增就业", unit="人"),
        factory.indicator("65", 60, code="U1", name="常住人口城镇化率", unit="%"),
    )
    rows = {1: ["代码", "2021年", "2022年", "2023年", "2024年"],
            2: ["G1", "1.2万亿", "138.5亿", "1 234.5", 12.5],
            3: ["P1", "1.2万", "'66", "*150", "0.0（无）"],
            4: ["U1", "\u200b61.5", "‐1.2", "﹣1.3", "12（2022年数据）"]}  # fmt: skip

    submission = read_submission(workbook(tmp_path / "cells.xlsx", rows, formats={"E2": '0.0"万元"'}), city)

    # 1.2万亿 for 亿元 is 12000 亿元; 12.5 shown as 12.5万元 is 0.00125 亿元; 1.2万 for 人 is 12000 人
    assert [(o.code, str(o.period), o.value, o.preliminary) for o in submission.observations] == [
        ("G1", "2021", 12000.0, False), ("G1", "2022", 138.5, False), ("G1", "2023", 1234.5, False),
        ("G1", "2024", 0.00125, False), ("P1", "2021", 12000.0, False), ("P1", "2022", 66.0, False),
        ("P1", "2023", 150.0, True), ("U1", "2021", 61.5, False), ("U1", "2022", -1.2, False),
        ("U1", "2023", -1.3, False),
    ]  # fmt: skip
    assert [(b.code, str(b.period), b.raw) for b in submission.blanks] == [("P1", "2024", "0.0（无）")]
    assert [(p.row, p.column, p.message) for p in submission.problems] == [
        (
            4,
            "E",
            "U1: the note (2022年数据) names 2022, not 2024, the year of its column: put the value under that year",
        ),
    ]
