"""Reading the main-indicator table as the plan prints it, from ``indicators.xlsx``.

The rows are those of the national 14th Five-Year Plan's table (表1 “十四五”时期经济社会发展主要指标).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from planeval import TargetKind, Verdict, evaluate, parse_period
from planeval.domain.indicator import Attribute, Indicator
from planeval.errors import PlanFormatError
from planeval.io.excel_table import read_indicator_table
from planeval.io.folder import load_plan_folder
from planeval.io.rows import DEFAULT_ASPECT

TITLE = "“十四五”时期经济社会发展主要指标"
HEADER = ["序号", "类别", "指标", "单位", "2020年", "2025年", "年均增长〔累计〕", "属性"]
NATIONAL_ROWS: list[list[Any]] = [
    [1, "经济发展", "国内生产总值（GDP）增长", "%", 2.3, "—", "保持在合理区间、各年度视情提出", "预期性"],
    [2, None, "常住人口城镇化率", "%", "60.6*", 65.0, "—", "预期性"],
    [3, "创新驱动", "全社会研发经费投入增长", "%", "—", "—", ">7", "预期性"],
    [4, "绿色生态", "单位GDP能源消耗降低", "%", "—", "—", "〔13.5〕", "约束性"],
    [5, "民生福祉", "城镇调查失业率", "%", 5.2, "<5.5", "—", "预期性"],
    [6, None, "人均预期寿命", "岁", "77.3*", "—", "〔1〕", "预期性"],
]
NOTES = ["注：①GDP、全员劳动生产率、居民人均可支配收入增长按可比价计算。②带*的为2019年数据。", "〔〕内为5年累计数。"]


def write_workbook(
    path: Path,
    rows: Sequence[Sequence[Any]],
    merges: Sequence[str] = (),
    sheet: str = "主要指标",
    formats: Mapping[str, str] | None = None,
) -> Path:
    """A one-sheet workbook at ``path`` holding ``rows`` from A1 (None for a blank cell), with
    ``merges`` (``"B4:B5"``) and number ``formats`` by cell (``{"E2": "0.0%"}``)."""
    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            if value is not None:
                worksheet.cell(number, column, value)
    for merge in merges:
        worksheet.merge_cells(merge)
    for cell, number_format in (formats or {}).items():
        worksheet[cell].number_format = number_format
    workbook.save(path)
    return path


def national_table(path: Path) -> Path:
    """The national table as printed: title (row 1), blank row, header (row 3), six indicators
    (rows 4–9) with merged 类别 cells, and two notes rows, the first merged across the table."""
    rows = [[TITLE], [], HEADER, *NATIONAL_ROWS, [NOTES[0]], [NOTES[1]]]
    merges = ("A1:H1", "B4:B5", "B8:B9", "A10:H10")
    return write_workbook(path, rows, merges)


@pytest.fixture
def national(tmp_path: Path) -> dict[str, Indicator]:
    return {indicator.name: indicator for indicator in read_indicator_table(national_table(tmp_path / "t.xlsx"))}


def test_it_reads_every_indicator_row_between_the_title_and_the_notes(national: dict[str, Indicator]) -> None:
    assert list(national) == [row[2] for row in NATIONAL_ROWS]


def test_it_fills_the_category_from_its_merged_range(national: dict[str, Indicator]) -> None:
    assert [indicator.aspect for indicator in national.values()] == [
        "经济发展",
        "经济发展",
        "创新驱动",
        "绿色生态",
        "民生福祉",
        "民生福祉",
    ]


@pytest.mark.parametrize(
    ("name", "value", "estimated"),
    [
        ("国内生产总值（GDP）增长", 2.3, False),
        ("常住人口城镇化率", 60.6, True),
        ("全社会研发经费投入增长", None, False),
        ("单位GDP能源消耗降低", None, False),
        ("城镇调查失业率", 5.2, False),
        ("人均预期寿命", 77.3, True),
    ],
)
def test_it_reads_the_base_value_and_its_estimate_mark(
    national: dict[str, Indicator], name: str, value: float | None, estimated: bool
) -> None:
    baseline = national[name].baseline
    assert (baseline.year, baseline.value, baseline.estimated) == (2020, value, estimated)


@pytest.mark.parametrize(
    ("name", "kind", "value", "printed"),
    [
        ("国内生产总值（GDP）增长", TargetKind.ANNUAL, None, "保持在合理区间、各年度视情提出"),
        ("常住人口城镇化率", TargetKind.LEVEL, 65.0, "65"),
        ("全社会研发经费投入增长", TargetKind.AVG_GROWTH, 7.0, ">7"),
        ("单位GDP能源消耗降低", TargetKind.CUMULATIVE_REDUCTION, 13.5, "〔13.5〕"),
        ("城镇调查失业率", TargetKind.CEILING, 5.5, "<5.5"),
        ("人均预期寿命", TargetKind.CUMULATIVE_CHANGE, 1.0, "〔1〕"),
    ],
)
def test_it_reads_the_target_from_the_target_year_or_the_cumulative_column(
    national: dict[str, Indicator], name: str, kind: TargetKind, value: float | None, printed: str
) -> None:
    target = national[name].target
    assert (target.kind, target.value, target.text) == (kind, value, printed)
    assert national[name].target_year == 2025


def test_it_reads_the_attribute(national: dict[str, Indicator]) -> None:
    assert national["单位GDP能源消耗降低"].attribute is Attribute.BINDING
    assert {i.attribute for n, i in national.items() if n != "单位GDP能源消耗降低"} == {Attribute.EXPECTED}


def test_it_takes_codes_from_the_serial_number_column(national: dict[str, Indicator]) -> None:
    assert [indicator.code for indicator in national.values()] == ["1", "2", "3", "4", "5", "6"]


def test_it_does_not_forward_fill_an_unmerged_empty_category(tmp_path: Path) -> None:
    rows = [HEADER, NATIONAL_ROWS[0], NATIONAL_ROWS[1]]
    indicators = read_indicator_table(write_workbook(tmp_path / "t.xlsx", rows))
    assert [indicator.aspect for indicator in indicators] == ["经济发展", DEFAULT_ASPECT]


def test_it_generates_codes_in_row_order_without_a_code_or_serial_column(tmp_path: Path) -> None:
    rows = [HEADER[1:], *(row[1:] for row in NATIONAL_ROWS)]
    indicators = read_indicator_table(write_workbook(tmp_path / "t.xlsx", rows, ("A2:A3",)))
    assert [indicator.code for indicator in indicators] == ["I01", "I02", "I03", "I04", "I05", "I06"]


def test_it_prefers_a_code_column_to_the_serial_number(tmp_path: Path) -> None:
    rows = [["代码", *HEADER], ["N03", *NATIONAL_ROWS[1]]]
    [indicator] = read_indicator_table(write_workbook(tmp_path / "t.xlsx", rows))
    assert indicator.code == "N03"


def test_it_stops_at_a_notes_row_written_in_the_indicator_column(tmp_path: Path) -> None:
    rows = [
        ["指标", "单位", "2020年", "2025年", "属性"],
        ["常住人口城镇化率", "%", "60.6*", 65, "预期性"],
        ["注：带*的为2019年数据。"],
        ["能源综合生产能力指煤炭、石油、天然气、非化石能源生产能力之和。"],
    ]
    indicators = read_indicator_table(write_workbook(tmp_path / "t.xlsx", rows))
    assert [indicator.name for indicator in indicators] == ["常住人口城镇化率"]


def test_it_skips_a_row_merged_across_the_table(tmp_path: Path) -> None:
    rows = [HEADER, NATIONAL_ROWS[1], ["带*的为2019年数据。"]]
    indicators = read_indicator_table(write_workbook(tmp_path / "t.xlsx", rows, ("A3:H3",)))
    assert [indicator.name for indicator in indicators] == ["常住人口城镇化率"]


def test_it_reads_a_growth_rate_target_from_the_average_growth_column(tmp_path: Path) -> None:
    rows = [HEADER, [1, "经济发展", "地区生产总值增长", "%", 3.6, 6, "6.5左右", "预期性"]]
    [indicator] = read_indicator_table(write_workbook(tmp_path / "t.xlsx", rows))
    assert (indicator.target.kind, indicator.target.value, indicator.target.approximate) == (
        TargetKind.AVG_GROWTH,
        6.5,
        True,
    )


def test_it_reads_year_headers_written_as_numbers_without_a_cumulative_column(tmp_path: Path) -> None:
    rows = [["类别", "指标", "单位", 2020, 2025, "属性"], ["经济发展", "常住人口城镇化率", "%", "60.6*", 65, "预期性"]]
    [indicator] = read_indicator_table(write_workbook(tmp_path / "t.xlsx", rows))
    assert (indicator.baseline.year, indicator.target_year, indicator.target.value) == (2020, 2025, 65.0)


def test_it_reads_the_responsible_department(tmp_path: Path) -> None:
    rows = [[*HEADER, "责任单位"], [*NATIONAL_ROWS[4], "人力资源社会保障部"]]
    [indicator] = read_indicator_table(write_workbook(tmp_path / "t.xlsx", rows))
    assert indicator.department == "人力资源社会保障部"


def test_it_reads_a_percent_formatted_cell_as_printed(tmp_path: Path) -> None:
    rows = [
        HEADER,
        [2, "经济发展", "常住人口城镇化率", "%", 0.606, 0.65, None, "预期性"],
        [5, "民生福祉", "城镇调查失业率", "%", 5.2, "<5.5", None, "预期性"],
    ]
    path = write_workbook(tmp_path / "t.xlsx", rows, formats={"E2": "0.0%", "F2": "0%", "E3": '0.0"%"'})
    urbanisation, unemployment = read_indicator_table(path)
    assert (urbanisation.baseline.value, urbanisation.target.value) == (60.6, 65.0)
    assert unemployment.baseline.value == 5.2


def test_it_uses_the_first_sheet_that_holds_the_table(tmp_path: Path) -> None:
    workbook = Workbook()
    cover = workbook.active
    assert cover is not None
    cover.title = "说明"
    cover.append(["本表为规划纲要主要指标"])
    table = workbook.create_sheet("表1")
    for row in [HEADER, NATIONAL_ROWS[1]]:
        table.append(row)
    workbook.save(tmp_path / "t.xlsx")
    [indicator] = read_indicator_table(tmp_path / "t.xlsx")
    assert indicator.name == "常住人口城镇化率"


def test_it_names_the_sheet_row_and_column_of_a_bad_attribute(tmp_path: Path) -> None:
    rows = [[TITLE], HEADER, NATIONAL_ROWS[0], [*NATIONAL_ROWS[1][:7], "指导性"]]
    path = write_workbook(tmp_path / "t.xlsx", rows)
    with pytest.raises(PlanFormatError) as raised:
        read_indicator_table(path)
    assert (raised.value.path, raised.value.row, raised.value.column) == (f"{path} [主要指标]", 4, "属性")
    assert "指导性" in str(raised.value) and "预期性" in str(raised.value)


def test_it_names_the_year_column_of_a_base_value_that_is_not_a_number(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "t.xlsx", [HEADER, [*NATIONAL_ROWS[1][:4], "约60", *NATIONAL_ROWS[1][5:]]])
    with pytest.raises(PlanFormatError) as raised:
        read_indicator_table(path)
    assert (raised.value.row, raised.value.column) == (2, "2020年")


def test_it_refuses_a_workbook_without_the_header(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "t.xlsx", [[TITLE], ["类别", "名称", "2020年", "2025年"]], sheet="Sheet1")
    with pytest.raises(PlanFormatError, match=r"指标 \(or 指标名称\) and 属性") as raised:
        read_indicator_table(path)
    assert raised.value.path == str(path)
    assert "Sheet1" in str(raised.value) and "2025年" in str(raised.value)


def test_it_refuses_a_header_without_two_year_columns(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "t.xlsx", [[TITLE], ["类别", "指标", "单位", "基期值", "2025年", "属性"]])
    with pytest.raises(PlanFormatError, match="two year columns") as raised:
        read_indicator_table(path)
    assert (raised.value.path, raised.value.row) == (f"{path} [主要指标]", 2)


def test_it_refuses_a_file_that_is_not_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "indicators.xlsx"
    path.write_text("类别,指标,属性\n", encoding="utf-8")
    with pytest.raises(PlanFormatError, match="not an Excel .xlsx workbook") as raised:
        read_indicator_table(path)
    assert raised.value.path == str(path)


def test_it_evaluates_a_plan_folder_holding_the_excel_table(tmp_path: Path) -> None:
    national_table(tmp_path / "indicators.xlsx")
    (tmp_path / "observations.csv").write_text(
        "code,period,value,unit,vintage,source\n"
        "常住人口城镇化率,2020,63.89,%,census,7th population census\n"
        "常住人口城镇化率,2021,64.72,%,final,NBS statistical communiqué 2021\n"
        "常住人口城镇化率,2022,65.22,%,final,NBS statistical communiqué 2022\n"
        "常住人口城镇化率,2023,66.16,%,final,NBS statistical communiqué 2023\n",
        encoding="utf-8",
    )
    folder = load_plan_folder(tmp_path)
    evaluation = evaluate(folder.plan, folder.observations, parse_period("2022"))
    [urbanisation] = [result for result in evaluation.results if result.code == "2"]
    assert (folder.plan.base_year, folder.plan.end_year) == (2020, 2025)
    assert urbanisation.verdict is Verdict.TARGET_REACHED


def test_it_skips_the_header_repeated_where_the_table_continues_on_a_new_page(tmp_path: Path) -> None:
    rows = [HEADER, NATIONAL_ROWS[1], HEADER, NATIONAL_ROWS[4]]
    indicators = read_indicator_table(write_workbook(tmp_path / "t.xlsx", rows))
    assert [indicator.name for indicator in indicators] == ["常住人口城镇化率", "城镇调查失业率"]


def test_it_takes_the_unit_from_the_name_when_the_table_has_no_unit_column(tmp_path: Path) -> None:
    # The national table prints "1.国内生产总值（GDP）增长（%）" with no 单位 column.
    rows = [
        ["类别", "指标", "2020年", "2025年", "年均/累计", "属性"],
        ["经济发展", "1.国内生产总值（GDP）增长（%）", 2.3, "—", "保持在合理区间、各年度视情提出", "预期性"],
        [None, "3.全社会研发经费投入增长（%）", "—", "—", ">7", "预期性"],
        [None, "10.每千人口拥有执业（助理）医师数（人）", 2.9, 3.2, "—", "预期性"],
    ]
    indicators = read_indicator_table(write_workbook(tmp_path / "t.xlsx", rows, ("A2:A4",)))
    assert [(i.name, i.unit) for i in indicators] == [
        ("国内生产总值（GDP）增长", "%"),
        ("全社会研发经费投入增长", "%"),
        ("每千人口拥有执业（助理）医师数", "人"),
    ]
    assert indicators[1].target.kind is TargetKind.AVG_GROWTH


def test_it_refuses_a_serial_number_used_twice(tmp_path: Path) -> None:
    rows = [HEADER, NATIONAL_ROWS[0], [1, *NATIONAL_ROWS[2][1:]]]
    with pytest.raises(PlanFormatError, match=r"\[主要指标\], row 3, column 序号: '1' repeats row 2"):
        read_indicator_table(write_workbook(tmp_path / "t.xlsx", rows))


def test_it_reads_a_growth_column_target_of_a_level_as_average_growth(tmp_path: Path) -> None:
    # Provincial tables print 地区生产总值（亿元） with its 2025 level blank and 年均增长 6%左右.
    rows = [HEADER, [1, "经济发展", "地区生产总值", "亿元", 1000, "—", "6%左右", "预期性"]]
    [indicator] = read_indicator_table(write_workbook(tmp_path / "t.xlsx", rows))
    assert (indicator.target.kind, indicator.target.value, indicator.target.approximate) == (
        TargetKind.AVG_GROWTH, 6.0, True)  # fmt: skip


def test_it_refuses_a_sheet_with_a_stray_far_cell_without_walking_the_empty_ones(tmp_path: Path) -> None:
    path = national_table(tmp_path / "far.xlsx")
    book = load_workbook(path)
    book.active["XFD1048576"] = "."  # one stray cell: 17 billion cells if every row and column were read
    book.save(path)

    with pytest.raises(PlanFormatError, match=r"sheet 主要指标 was not read: the sheet has data in row 1,048,576"):
        read_indicator_table(path)
