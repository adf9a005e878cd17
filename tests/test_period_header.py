"""Periods as they head the columns of a department's table."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planeval.domain.period import Period, chinese_label, format_period
from planeval.domain.period_header import HeaderPeriod, context_period, is_period_part, read_period_header
from planeval.errors import PeriodError, PlanevalError

H1_2023 = Period.of_half(2023, 1)
JUNE_2023 = Period.of_month(2023, 6)
YEAR_2023 = Period.of_year(2023)


@pytest.mark.parametrize(
    ("cell", "context", "expected"),
    [
        (45078, (), HeaderPeriod(JUNE_2023)),  # Excel serial 45078 is 2023-06-01
        (45078.5, (), HeaderPeriod(JUNE_2023)),  # noon of that day
        (datetime.datetime(2023, 6, 15), (), HeaderPeriod(JUNE_2023)),
        (datetime.date(2023, 6, 30), (), HeaderPeriod(JUNE_2023)),
        ("2023年6月", (), HeaderPeriod(JUNE_2023)),
        ("2023.6", (), HeaderPeriod(JUNE_2023)),
        (2023.6, (), HeaderPeriod(JUNE_2023)),  # 2023.6 typed into a cell Excel made a number
        (2023.12, (), HeaderPeriod(Period.of_month(2023, 12))),
        ("2023-06-30", (), HeaderPeriod(JUNE_2023)),
        ("２０２３年６月", (), HeaderPeriod(JUNE_2023)),
        ("1-6月", ("2023年",), HeaderPeriod(H1_2023, cumulative=True)),
        ("1-6月", "2023年", HeaderPeriod(H1_2023, cumulative=True)),
        ("1—9月", ("2023年",), HeaderPeriod(Period(2023, 9, 1), cumulative=True)),
        ("1-6月累计", ("2023年",), HeaderPeriod(H1_2023, cumulative=True)),
        ("前三季度", ("2023年",), HeaderPeriod(Period(2023, 9, 1), cumulative=True)),
        ("上半年", ("2023年",), HeaderPeriod(H1_2023)),
        ("二季度", ("2023年",), HeaderPeriod(Period.of_quarter(2023, 2))),
        ("全年", ("2023年",), HeaderPeriod(YEAR_2023)),
        ("6月", ("2023年",), HeaderPeriod(JUNE_2023)),
        ("上半年", (2023,), HeaderPeriod(H1_2023)),  # a group header Excel holds as a number
        ("累计", ("2023年6月",), HeaderPeriod(H1_2023, cumulative=True)),
        ("本年累计", ("2023年6月",), HeaderPeriod(H1_2023, cumulative=True)),
        ("本月", ("2023年6月",), HeaderPeriod(JUNE_2023)),
        ("累计", ("2023年",), HeaderPeriod(YEAR_2023, cumulative=True)),
        ("1-9月", ("", "2023年主要指标完成情况"), HeaderPeriod(Period(2023, 9, 1), cumulative=True)),
        ("1-6月", ("“十四五”规划（2021-2025年）", "2023年"), HeaderPeriod(H1_2023, cumulative=True)),
        ("1-6月", ("2022年",), HeaderPeriod(Period.of_half(2022, 1), cumulative=True)),  # nearest context first
        ("2023年上半年", (), HeaderPeriod(H1_2023)),
        ("2023年1-6月", (), HeaderPeriod(H1_2023, cumulative=True)),
        ("2023年1-6月", ("2022年",), HeaderPeriod(H1_2023, cumulative=True)),  # its own year wins
        ("2023", (), HeaderPeriod(YEAR_2023)),
        (2023, (), HeaderPeriod(YEAR_2023)),
        (2023.0, (), HeaderPeriod(YEAR_2023)),
        ("2023年", (), HeaderPeriod(YEAR_2023)),
        ("2023年（亿元）", (), HeaderPeriod(YEAR_2023)),
        ("2022年完成值", (), HeaderPeriod(Period.of_year(2022))),
        ("2023H1", (), HeaderPeriod(H1_2023)),
        ("2023M01-09", (), HeaderPeriod(Period(2023, 9, 1), cumulative=True)),
        ("2023年度", (), HeaderPeriod(YEAR_2023)),
        ("2023年全年", (), HeaderPeriod(YEAR_2023)),
        ("2023年末", (), HeaderPeriod(YEAR_2023)),
        ("二〇二三年", (), HeaderPeriod(YEAR_2023)),
        ("2024年1-6月（累计）", (), HeaderPeriod(Period.of_half(2024, 1), cumulative=True)),  # 累计 in brackets
        ("2023年（累计）", (), HeaderPeriod(YEAR_2023, cumulative=True)),
        ("2020年（基期）", (), HeaderPeriod(Period.of_year(2020))),
        ("2020年基期值", (), HeaderPeriod(Period.of_year(2020))),
        ("2023年*", (), HeaderPeriod(YEAR_2023)),
        ("2023年1～6月", (), HeaderPeriod(H1_2023, cumulative=True)),
        ("2023年同比增长（%）", (), HeaderPeriod(YEAR_2023, growth=True)),
        ("比上年增长（%）", ("2023年",), HeaderPeriod(YEAR_2023, growth=True)),
        ("1-6月同比增长", ("2023年",), HeaderPeriod(H1_2023, cumulative=True, growth=True)),
        ("2023年增速", (), HeaderPeriod(YEAR_2023, growth=True)),
        # a line dating the report is passed over for the title's year
        ("1-6月", ("填报日期：2024年1月15日", "2023年完成情况"), HeaderPeriod(H1_2023, cumulative=True)),
        ("全年", ("报送时间：2024年1月", "2023年完成情况"), HeaderPeriod(YEAR_2023)),
        ("全年", ("2024年1月15日", "2023年完成情况"), HeaderPeriod(YEAR_2023)),
    ],
)
def test_it_reads_the_period_a_header_names(cell, context, expected):
    assert read_period_header(cell, context) == expected


@pytest.mark.parametrize(
    ("cell", "context", "message"),
    [
        ("1-6月", (), "names no year"),
        ("1-6月", ("合计",), "names no year"),
        ("1-6月", ("2021年与2022年",), "names no year"),  # two years above: not guessed
        ("本月", ("2023年",), "names no month"),
        (2023.1, (), "January or October"),
        ("2023年13月", (), "is not a period"),
        ("目标", ("2023年",), "is not a period"),
        ("", ("2023年",), "empty header"),
        (True, (), "is not a period"),
        (12, (), "neither a year"),
        (1899, (), "neither a year"),
        (float("nan"), (), "is not a period"),
        ("2023-13-01", (), "month 13"),
        ("1-6月", ("填报日期：2024年1月15日",), "names no year"),  # the report's date is no year of data
        ("0000年", (), "is not a period"),
    ],
)
def test_it_refuses_a_header_that_names_no_period(cell, context, message):
    with pytest.raises(PeriodError, match=message):
        read_period_header(cell, context)


@pytest.mark.parametrize(
    ("cell", "part"),
    [("1-6月", True), ("全年", True), ("上半年", True), ("1-9月", True), ("累计", True), ("本月", True),
     ("二季度", True), ("2023年", False), ("2023年1-6月", False), ("指标", False), ("备注", False), ("", False),
     (2023, False)],
)  # fmt: skip
def test_it_tells_a_sub_header_that_needs_a_year_above_it(cell, part):
    assert is_period_part(cell) is part


@pytest.mark.parametrize(
    ("text", "found"),
    [("2023年主要指标完成情况", (2023, None)), ("2023年6月主要指标", (2023, 6)), ("2023年", (2023, None)),
     ("填报日期：2024年1月15日", None), ("报送时间：2024年1月", None), ("2024年1月15日", None),
     ("2021年与2022年", None), ("主要指标完成情况", None)],
)  # fmt: skip
def test_it_finds_the_year_a_title_names_but_not_a_report_date(text, found):
    assert context_period(text) == found


@pytest.mark.parametrize(("serial", "month"), [(18264, (1950, 1)), (44197, (2021, 1)), (46022, (2025, 12))])
def test_it_reads_excel_date_serials_at_the_boundaries(serial, month):
    # 18264 is 1950-01-01 (the first serial read as a date); 44197 is 2021-01-01; 46022 2025-12-31
    assert read_period_header(serial).period == Period.of_month(*month)


@settings(max_examples=250)
@given(st.integers(1990, 2100), st.integers(1, 12), st.integers(1, 12))
def test_it_reads_back_the_labels_it_writes(year, a, b):
    period = Period(year, max(a, b), min(a, b))
    assert read_period_header(format_period(period)).period == period
    assert read_period_header(chinese_label(period)).period == period


@settings(max_examples=250)
@given(st.one_of(st.text(max_size=20), st.integers(), st.floats()), st.lists(st.text(max_size=12), max_size=3))
def test_it_raises_only_period_errors(cell, context):
    try:
        read_period_header(cell, context)
    except PlanevalError as error:
        assert isinstance(error, PeriodError)
