"""The report as an Excel workbook (``planeval.reports.xlsx``), on the real example plan evaluated
as of 2022, reopened with openpyxl; the formula-injection plan is synthetic (code S01, made-up
figures)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from planeval import Evaluation, evaluate, parse_period
from planeval.domain.indicator import Attribute
from planeval.domain.verdict import Verdict
from planeval.io import load_plan_folder
from planeval.reports.model import ANNEX_COLUMNS, build_report
from planeval.reports.xlsx import write_xlsx

EXAMPLE = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"
ANNEX, SUMMARY, LAGGING = "主要指标进度评价表", "评价汇总", "未达进度指标"
PATENTS = "每万人口高价值发明专利拥有量"
ENERGY = "单位GDP能源消耗降低"
INJECTED = '=HYPERLINK("x")'
SYNTHETIC_TABLE = (
    "code,category,name,unit,base_year,base_value,target_year,target_text,attribute\n"
    'S01,合成类,"=HYPERLINK(""x"")",个,2020,50,2025,60,预期性\n'
)
SYNTHETIC_OBSERVATIONS = "code,period,value\nS01,2022,51\n"


@pytest.fixture(scope="module")
def evaluation() -> Evaluation:
    folder = load_plan_folder(EXAMPLE)
    return evaluate(folder.plan, folder.observations, parse_period("2022"))


@pytest.fixture(scope="module")
def workbook(evaluation: Evaluation, tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    path = tmp_path_factory.mktemp("xlsx") / "report.xlsx"
    write_xlsx(build_report(evaluation), evaluation, path)
    return load_workbook(path)


def values(sheet: Worksheet, row: int) -> list[object]:
    """The values of one row, trailing empty cells dropped."""
    cells = [c.value for c in sheet[row]]
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def row_named(sheet: Worksheet, name: str, column: int) -> list[object]:
    rows = [row for row in sheet.iter_rows(values_only=True) if row[column - 1] == name]
    assert len(rows) == 1, name
    return list(rows[0])


def annex_row(workbook: Workbook, name: str) -> dict[str, object]:
    sheet = workbook[ANNEX]
    header = [c.value for c in sheet[2]]
    return dict(zip(header, row_named(sheet, name, 2), strict=True))


def test_it_writes_three_sheets_in_order(workbook: Workbook) -> None:
    assert workbook.sheetnames == [ANNEX, SUMMARY, LAGGING]


def test_it_titles_the_annex_with_the_report_title_and_cut_off(workbook: Workbook) -> None:
    sheet = workbook[ANNEX]

    assert sheet["A1"].value == (
        "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要实施中期评估报告（评估数据截至2022年）"
    )
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:N1"]


def test_it_heads_the_annex_with_the_annex_columns_then_explanation_and_numbers(workbook: Workbook) -> None:
    assert values(workbook[ANNEX], 2) == [*ANNEX_COLUMNS, "评价依据", "时间进度(数值)", "完成进度(数值)"]
    assert [c.font.bold for c in workbook[ANNEX][2]] == [True] * 14


def test_it_writes_one_annex_row_per_indicator(workbook: Workbook) -> None:
    sheet = workbook[ANNEX]

    assert sheet.max_row == 22
    assert [sheet.cell(row, 1).value for row in range(3, 23)] == list(range(1, 21))


def test_it_writes_the_annex_row_of_an_indicator_as_the_report_formats_it(workbook: Workbook) -> None:
    row = annex_row(workbook, PATENTS)

    assert (row["单位"], row["属性"], row["基期值"], row["目标值"]) == ("件", "预期性", "6.3", "12")
    assert (row["最新值及期别"], row["时间进度"], row["完成进度"]) == ("9.4（2022年）", "40.0%", "54.4%")
    assert row["评价结论"] == "快于预期"
    assert row["时间进度(数值)"] == 0.4
    assert row["完成进度(数值)"] == pytest.approx(0.543860, abs=1e-6)


def test_it_formats_the_fractions_as_percentages(workbook: Workbook) -> None:
    sheet = workbook[ANNEX]

    assert {sheet.cell(row, column).number_format for row in range(3, 23) for column in (13, 14)} == {"0.0%"}


def test_it_leaves_the_fraction_cells_empty_where_there_is_no_figure(workbook: Workbook) -> None:
    row = annex_row(workbook, "数字经济核心产业增加值占GDP比重")

    assert (row["评价结论"], row["时间进度(数值)"], row["完成进度(数值)"]) == ("未作评估（缺少年度数据）", None, None)


def test_it_writes_the_explanation_of_each_indicator(workbook: Workbook, evaluation: Evaluation) -> None:
    row = annex_row(workbook, PATENTS)

    assert row["评价依据"] == evaluation.result("N05").explanation
    assert row["评价依据"]


def test_it_fills_the_verdict_cell_with_the_verdict_colour(workbook: Workbook) -> None:
    sheet = workbook[ANNEX]
    cells = {sheet.cell(row, 10).value: sheet.cell(row, 10) for row in range(3, 23)}

    colours = {label: (c.fill.fgColor.rgb, c.font.color.rgb) for label, c in cells.items()}
    assert colours == {
        "提前达到规划目标": ("001E6B30", "00FFFFFF"),
        "快于预期": ("0070AD47", "00000000"),
        "基本符合进度要求": ("002F75B5", "00FFFFFF"),
        "未达进度要求": ("00C00000", "00FFFFFF"),
        "未作评估（缺少年度数据）": ("00BFBFBF", "00000000"),
    }


def test_it_keeps_a_negative_percentage_as_the_text_the_report_wrote(workbook: Workbook) -> None:
    cell = workbook[ANNEX].cell(2 + 16, 9)  # 地级及以上城市空气质量优良天数比率, below its baseline

    assert (cell.value, cell.data_type, cell.quotePrefix) == ("-100.0%", "s", True)


def test_it_sizes_the_columns_for_chinese_text(workbook: Workbook) -> None:
    widths = workbook[ANNEX].column_dimensions

    assert (widths["B"].width, widths["L"].width) == (28, 60)


def test_it_borders_and_wraps_the_table_cells(workbook: Workbook) -> None:
    cell = workbook[ANNEX]["L3"]

    assert (cell.border.left.style, cell.border.bottom.style, cell.alignment.wrap_text) == ("thin", "thin", True)


def test_it_freezes_filters_and_sets_up_printing_of_the_annex(workbook: Workbook) -> None:
    sheet = workbook[ANNEX]

    assert (sheet.freeze_panes, sheet.auto_filter.ref, sheet.print_title_rows) == ("A3", "A2:N22", "$2:$2")
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (9, "landscape", 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"


def test_it_counts_verdicts_by_attribute_as_the_summary_does(workbook: Workbook, evaluation: Evaluation) -> None:
    sheet = workbook[SUMMARY]
    summary = evaluation.summary

    assert values(sheet, 1) == ["评价结论", "预期性", "约束性", "合计"]
    for offset, verdict in enumerate(Verdict):
        expected, binding = (summary.count([verdict], a) for a in (Attribute.EXPECTED, Attribute.BINDING))
        assert values(sheet, 2 + offset) == [verdict.label, expected, binding, summary.count([verdict])]
    assert values(sheet, 5) == ["未达进度要求", 2, 4, 6]
    assert values(sheet, 7) == ["合计", 12, 8, 20]


def test_it_counts_verdicts_by_aspect_after_a_blank_row(workbook: Workbook) -> None:
    sheet = workbook[SUMMARY]

    assert values(sheet, 8) == []
    assert values(sheet, 9) == ["方面", "指标数", *(v.label for v in Verdict)]
    assert [values(sheet, row) for row in range(10, 15)] == [
        ["经济发展", 3, 1, 0, 1, 1, 0],
        ["创新驱动", 3, 0, 2, 0, 0, 1],
        ["民生福祉", 7, 0, 2, 2, 2, 1],
        ["绿色生态", 5, 1, 1, 0, 3, 0],
        ["安全保障", 2, 1, 0, 1, 0, 0],
    ]


def test_it_ends_the_summary_with_the_paragraph_in_one_wrapped_cell(workbook: Workbook, evaluation: Evaluation) -> None:
    sheet = workbook[SUMMARY]
    cell = sheet["A16"]

    assert cell.value == evaluation.summary.paragraph
    assert cell.alignment.wrap_text is True
    assert "A16:G16" in [str(r) for r in sheet.merged_cells.ranges]
    assert sheet.max_row == 16


def test_it_lists_the_lagging_indicators(workbook: Workbook) -> None:
    sheet = workbook[LAGGING]

    assert values(sheet, 1) == [
        "指标",
        "属性",
        "最新值及期别",
        "时间进度",
        "完成进度",
        "差距(百分点)",
        "其余年份需年均",
        "评价依据",
    ]
    assert [sheet.cell(row, 1).value for row in range(2, sheet.max_row + 1)] == [
        "国内生产总值（GDP）增长",
        "劳动年龄人口平均受教育年限",
        "每千人口拥有3岁以下婴幼儿托位数",
        "单位GDP能源消耗降低",
        "单位GDP二氧化碳排放降低",
        "地级及以上城市空气质量优良天数比率",
    ]


def test_it_gives_the_gap_and_the_rate_still_needed(workbook: Workbook, evaluation: Evaluation) -> None:
    row = row_named(workbook[LAGGING], ENERGY, 1)

    assert row[1:7] == ["约束性", "累计降低2.8%（2021—2022年）", "40.0%", "20.7%", 19.3, "3.81%"]
    assert row[7] == evaluation.result("N14").explanation


@pytest.mark.parametrize(
    ("name", "gap", "needed"),
    [
        ("国内生产总值（GDP）增长", None, None),  # a yearly target: no progress, no rate
        ("劳动年龄人口平均受教育年限", 7.3, "0.12年/年"),
        ("每千人口拥有3岁以下婴幼儿托位数", 11.5, "0.62个/年"),
        ("地级及以上城市空气质量优良天数比率", 140.0, "0.33个百分点/年"),  # a level in %: points a year
    ],
)
def test_it_gives_the_rate_in_the_unit_of_the_target_kind(
    workbook: Workbook, name: str, gap: float | None, needed: str | None
) -> None:
    row = row_named(workbook[LAGGING], name, 1)

    assert (row[5], row[6]) == (gap, needed)


def test_it_freezes_and_filters_the_lagging_sheet(workbook: Workbook) -> None:
    sheet = workbook[LAGGING]

    assert (sheet.freeze_panes, sheet.auto_filter.ref, sheet.print_title_rows) == ("A2", "A1:H7", "$1:$1")
    assert sheet["F5"].number_format == "0.0"


def test_it_keeps_a_formula_like_name_as_text(tmp_path: Path) -> None:
    (tmp_path / "indicators.csv").write_text(SYNTHETIC_TABLE, encoding="utf-8")
    (tmp_path / "observations.csv").write_text(SYNTHETIC_OBSERVATIONS, encoding="utf-8")
    folder = load_plan_folder(tmp_path)
    evaluation = evaluate(folder.plan, folder.observations, parse_period("2022"))
    path = tmp_path / "report.xlsx"

    write_xlsx(build_report(evaluation), evaluation, path)

    reopened = load_workbook(path)
    names = [reopened[ANNEX]["B3"], reopened[LAGGING]["A2"]]
    assert [(c.value, c.data_type, c.quotePrefix) for c in names] == [(INJECTED, "s", True)] * 2
    cells = [c for sheet in reopened.worksheets for row in sheet.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert all(not str(c.value).startswith("=") for c in cells if c.data_type != "s")
