"""Where a department's table is and what each of its columns holds (``planeval.io.submission_header``).

The layouts are those departments make; the headers are test inputs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.styles import Alignment

from planeval.domain.period import Period, format_period
from planeval.io.grid import read_grids
from planeval.io.submission_header import Header, find_header


def sheet(tmp_path: Path, rows: Mapping[int, Sequence[Any]], merges: Sequence[str] = (), name: str = "Sheet1",
          centred: Sequence[str] = ()) -> Header:  # fmt: skip
    """The header of a one-sheet workbook holding ``rows`` (None for a blank cell)."""
    book = Workbook()
    worksheet = book.active
    assert worksheet is not None
    worksheet.title = name
    for number, row in rows.items():
        for column, value in enumerate(row, start=1):
            if value is not None:
                worksheet.cell(number, column, value)
    for merge in merges:
        worksheet.merge_cells(merge)
    for cell in centred:  # centred across the selection: looks merged, is not
        worksheet[cell].alignment = Alignment(horizontal="centerContinuous")
    book.save(tmp_path / "sheet.xlsx")
    header = find_header(read_grids(tmp_path / "sheet.xlsx")[0])
    assert header is not None
    return header


def periods(header: Header) -> dict[int, str]:
    """Column → its period label with a ``+`` when cumulative, or the error why none."""
    return {
        c.number: f"{format_period(c.period.period)}{'+' if c.period.cumulative else ''}" if c.period else c.error
        for c in header.values
    }


GROUPS_TYPED_ONCE = {
    1: ["代码", "指标", "单位", "2023年", None, "2024年", None],
    2: [None, None, None, "1-6月", "全年", "1-6月", "全年"],
    3: ["N08", "城镇调查失业率", "%", "5.3", "5.2", "5.1", "5.0"],
}


def test_it_gives_a_group_year_typed_once_to_the_unmerged_columns_to_its_right(tmp_path: Path) -> None:
    header = sheet(tmp_path, GROUPS_TYPED_ONCE, centred=("D1", "E1", "F1", "G1"))

    assert (header.first, header.last) == (1, 2)
    assert periods(header) == {4: "2023H1+", 5: "2023", 6: "2024H1+", 7: "2024"}


def test_it_reads_a_two_row_header_of_a_csv_file(tmp_path: Path) -> None:
    path = tmp_path / "values.csv"
    path.write_text("代码,指标,2023年,,2024年,\n,,1-6月,全年,1-9月,全年\nN08,城镇调查失业率,5.3,5.2,5.1,5.0\n")

    header = find_header(read_grids(path)[0])

    assert header is not None and periods(header) == {3: "2023H1+", 4: "2023", 5: "2024M01-09+", 6: "2024"}


def test_it_reads_the_merged_group_as_before(tmp_path: Path) -> None:
    header = sheet(tmp_path, GROUPS_TYPED_ONCE, merges=("D1:E1", "F1:G1"))

    assert periods(header) == {4: "2023H1+", 5: "2023", 6: "2024H1+", 7: "2024"}


def test_it_leaves_unread_a_group_that_names_one_period_twice(tmp_path: Path) -> None:
    # the 2024年 over F and G was left out: 2023年 would span 1-6月, 全年, 1-6月, 全年
    rows = {**GROUPS_TYPED_ONCE, 1: ["代码", "指标", "单位", "2023年", None, None, None]}

    header = sheet(tmp_path, rows)

    message = "the columns under '2023年' name 2023H1 twice: put the year over each group of columns"
    assert all(error.startswith(message) for error in periods(header).values())


def test_it_leaves_unread_a_sub_column_whose_year_stands_right_of_it(tmp_path: Path) -> None:
    # 2023年 typed over the second column of its pair: is 1-6月 of 2023 or of the year before?
    rows = {1: ["代码", "指标", None, "2023年"], 2: [None, None, "1-6月", "全年"], 3: ["N08", "失业率", "5.3", "5.2"]}

    found = periods(sheet(tmp_path, rows))

    assert found[3].startswith("the year over '1-6月' is not clear: '2023年' stands right of it")
    assert found[4] == "2023"


@pytest.mark.parametrize(
    ("above", "name", "expected"),
    [
        # the report's date never gives the year of the data
        ([["2023年主要指标完成情况"], ["填报单位：统计局", None, "填报日期：2024年1月15日"]], "Sheet1", "2023H1+"),
        ([["2023年主要指标完成情况"], ["报送时间：2024年1月"]], "Sheet1", "2023H1+"),
        ([["2023年主要指标完成情况"], ["2024年1月15日"]], "Sheet1", "2023H1+"),
        ([["主要指标完成情况"]], "2023年", "2023H1+"),  # the sheet's name
        ([["2023年主要指标完成情况"]], "2023年", "2023H1+"),  # title and sheet agree
    ],
)
def test_it_takes_the_year_from_the_title_not_from_the_report_date(tmp_path: Path, above: list[list[Any]], name: str,
                                                                   expected: str) -> None:  # fmt: skip
    rows = {number: row for number, row in enumerate([*above, ["代码", "单位", "1-6月"], ["N08", "%", "5.3"]], 1)}

    assert list(periods(sheet(tmp_path, rows, name=name)).values()) == [expected]


def test_it_leaves_unread_a_column_when_title_and_sheet_name_other_years(tmp_path: Path) -> None:
    rows = {1: ["2024年主要指标完成情况"], 2: ["代码", "单位", "1-6月"], 3: ["N08", "%", "5.3"]}

    found = periods(sheet(tmp_path, rows, name="2023年"))

    assert found == {3: "the title names 2024 but the sheet is named '2023年': write the year in the header "
                        "(2024年1-6月 or 2023年1-6月)"}  # fmt: skip


@pytest.mark.parametrize(
    ("label", "expected", "unit", "preliminary"),
    [
        ("2023年度", Period.of_year(2023), "", False),
        ("2023年全年", Period.of_year(2023), "", False),
        ("2023年末", Period.of_year(2023), "", False),
        ("二〇二三年", Period.of_year(2023), "", False),
        ("2024年1-6月（累计）", Period.of_half(2024, 1), "", False),  # 累计 is no unit
        ("2020年（基期）", Period.of_year(2020), "", False),  # 基期 is no unit either
        ("2023年（快报）", Period.of_year(2023), "", True),
        ("2023年*", Period.of_year(2023), "", True),
        ("2023年（亿吨）", Period.of_year(2023), "亿吨", False),
    ],
)
def test_it_reads_the_headers_departments_write(tmp_path: Path, label: str, expected: Period, unit: str,
                                                preliminary: bool) -> None:  # fmt: skip
    header = sheet(tmp_path, {1: ["代码", label], 2: ["N19", "6.95"]})

    column = header.values[0]
    assert column.period is not None and column.period.period == expected
    assert (column.unit, column.preliminary, column.growth) == (unit, preliminary, False)


@pytest.mark.parametrize("label", ["2023年同比增长（%）", "比上年增长（%）", "2023年增速"])
def test_it_marks_a_growth_column(tmp_path: Path, label: str) -> None:
    header = sheet(tmp_path, {1: ["2023年报表"], 2: ["代码", label], 3: ["N01", "5.2"]})

    column = header.values[0]
    assert column.growth and column.period is not None and column.period.period == Period.of_year(2023)


def test_it_reads_a_column_headed_base_alone_as_the_plans_base_year(tmp_path: Path) -> None:
    header = sheet(tmp_path, {1: ["代码", "基期值", "2023年"], 2: ["N19", "6.69", "6.95"]})

    assert [(c.number, c.base, c.period is None) for c in header.values] == [(2, True, True), (3, False, False)]
