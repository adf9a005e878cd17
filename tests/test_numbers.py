"""Numbers as plan tables and departments write them."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planeval.domain.numbers import (
    Reading,
    format_number,
    format_unit,
    in_unit,
    is_percent_format,
    parse_number,
    read_number,
    typed_text,
)
from planeval.errors import NumberError, PlanevalError, UnitError


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("60.6*", Reading(60.6, estimated=True)),
        ("５．５％", Reading(5.5, percent=True)),
        ("１２．５％", Reading(12.5, percent=True)),
        ("1,020.5", Reading(1020.5)),
        ("１，０２０", Reading(1020.0)),
        ("－3.2", Reading(-3.2)),
        ("\u22123.2", Reading(-3.2)),
        ("—3.2", Reading(-3.2)),
        ("+3.2", Reading(3.2)),
        (" 65 ", Reading(65.0)),
        ("65", Reading(65.0)),  # a number stored as text
        (65, Reading(65.0)),
        (0, Reading(0.0)),
        ("0", Reading(0.0)),
        ("1,385,000万元", Reading(1385000.0, unit="万元")),
        ("1,385,000 万元", Reading(1385000.0, unit="万元")),
        ("5万元/人", Reading(5.0, unit="万元/人")),
        ("5‰", Reading(5.0, unit="‰")),
        ("5 %", Reading(5.0, percent=True)),
        ("1.2E+05", Reading(120000.0)),
        ("85.3*", Reading(85.3, estimated=True)),
        ("85.3＊", Reading(85.3, estimated=True)),
        ("85.3（预计）", Reading(85.3, estimated=True, note="预计")),
        ("85.3（初步核算）", Reading(85.3, estimated=True, note="初步核算")),
        ("85.3(初步)", Reading(85.3, estimated=True, note="初步")),
        ("85.3（快报）", Reading(85.3, estimated=True, note="快报")),
        ("85.3（估计）", Reading(85.3, estimated=True, note="估计")),
        ("85.3预计", Reading(85.3, estimated=True, note="预计")),
        ("（初步核算）85.3", Reading(85.3, estimated=True, note="初步核算")),
        ("85.3*（预计）", Reading(85.3, estimated=True, note="预计")),
        ("5.5%（初步核算）", Reading(5.5, percent=True, estimated=True, note="初步核算")),
        ("85.3①", Reading(85.3, note="①")),
        ("85.3（调整口径）", Reading(85.3, note="调整口径")),
        ("—", Reading(None)),
        ("——", Reading(None)),
        ("/", Reading(None)),
        ("", Reading(None)),
        ("  ", Reading(None)),
        ("暂无", Reading(None)),
        ("—（暂缺）", Reading(None, note="暂缺")),
        ("不适用", Reading(None, not_applicable=True)),
        ("不涉及", Reading(None, not_applicable=True)),
        ("‐3.2", Reading(-3.2)),  # U+2010 hyphen
        ("﹣3.2", Reading(-3.2)),  # U+FE63 small hyphen-minus
        ("\u200b66.16\u200b", Reading(66.16)),  # zero-width blanks pasted from a web page
        ("1 234.5", Reading(1234.5)),  # a blank as thousands separator
        ("12\u00a0345", Reading(12345.0)),
        ("'66.16", Reading(66.16)),  # Excel's text prefix
        ("*66.16", Reading(66.16, estimated=True)),
        ("0.0（无）", Reading(None, note="无")),  # a zero noted 无 is no value
        ("12（2022年数据）", Reading(12.0, note="2022年数据")),  # kept as a note: its reader checks the year
    ],
)
def test_it_reads_a_cell(text, reading):
    assert read_number(text) == reading


def test_it_keeps_zero_missing_and_not_applicable_apart():
    zero, missing, not_applicable = read_number("0"), read_number("—"), read_number("不适用")
    assert (zero.value, zero.missing, zero.not_applicable) == (0.0, False, False)
    assert (missing.value, missing.missing, missing.not_applicable) == (None, True, False)
    assert (not_applicable.value, not_applicable.missing, not_applicable.not_applicable) == (None, False, True)
    assert parse_number("0") == 0.0 and parse_number("—") is None and parse_number("不适用") is None


@pytest.mark.parametrize(
    ("cell", "number_format", "reading"),
    [
        (0.055, "0.0%", Reading(5.5, percent=True)),  # Excel shows 5.5%: 0.055 × 100
        (0.055, "0.00%", Reading(5.5, percent=True)),
        (1.0, "0%", Reading(100.0, percent=True)),
        (0.055, "General", Reading(0.055)),
        (5.5, '0.0"%"', Reading(5.5, percent=True)),  # a literal % after the number: a percent, not scaled
        ("5.5%", "@", Reading(5.5, percent=True)),  # text in a text-formatted cell
    ],
)
def test_it_reads_excel_cells_formatted_as_percent_as_printed(cell, number_format, reading):
    assert read_number(cell, number_format) == reading


@pytest.mark.parametrize(
    ("number_format", "percent"), [("0.0%", True), ("0%", True), ('0.0"%"', False), ("0.0\\%", False), ("", False)]
)
def test_it_tells_a_percent_format_from_a_literal_percent_sign(number_format, percent):
    assert is_percent_format(number_format) is percent


@pytest.mark.parametrize(
    "text",
    ["约60", "60.6.1", "abc", "5%%", True, float("nan"), float("inf"), "12左右", "12以上", "1,02", "5元/",
     "（初步核算）", "预计", "1e400", "5-6", datetime.date(2023, 6, 1), "66.16 66.17", "1 23", "12（无）",
     "#DIV/0!", "#N/A"],
)  # fmt: skip
def test_it_refuses_what_is_not_a_number(text):
    with pytest.raises(NumberError):
        read_number(text)


@pytest.mark.parametrize(
    ("text", "declared", "unit", "value"),
    [
        ("1,385,000万元", "亿元", "亿元", 138.5),  # 1,385,000 × 10⁴ ÷ 10⁸
        ("1,385,000万元", "", "亿元", 138.5),
        ("138.5", "亿元", "亿元", 138.5),
        ("1385000", "万元", "亿元", 138.5),  # the column's unit counts when the cell has none
        ("13,850,000,000元", "", "亿元", 138.5),
        ("1.385亿元", "", "万元", 13850.0),
        ("141,175万人", "", "万人", 141175.0),
        ("141,175万人", "", "亿人", 14.1175),
        ("28,600人", "", "万人", 2.86),
        ("5‰", "", "%", 0.5),  # 5 per mille is 0.5 percent
        ("5.5%", "", "%", 5.5),
        ("5.5", "%", "%", 5.5),
        ("5.5", "", "%", 5.5),
        ("68,653万吨", "亿吨", "亿吨", 6.8653),
        ("12", "", "", 12.0),  # an indicator without a unit takes the number as written
        ("—", "亿元", "亿元", None),
    ],
)
def test_it_converts_a_value_to_the_indicators_unit(text, declared, unit, value):
    assert in_unit(read_number(text), unit, declared) == value


@pytest.mark.parametrize(
    ("text", "declared", "unit", "message"),
    [
        ("48万人", "亿元", "亿元", "the cell's unit 万人 cannot be converted to 亿元"),
        ("48万人", "", "亿元", "万人 cannot be converted to 亿元"),
        ("5.5%", "", "亿元", "% cannot be converted to 亿元"),
        ("5.5", "万人", "%", "万人 cannot be converted to %"),
    ],
)
def test_it_refuses_a_unit_that_does_not_convert(text, declared, unit, message):
    with pytest.raises(UnitError, match=message):
        in_unit(read_number(text), unit, declared)


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("1.2万亿", "亿元", 12000.0),  # a bare 万亿 is of the indicator's unit: 1.2 × 10¹² 元 = 12,000 亿元
        ("138.5亿", "亿元", 138.5),
        ("1.2万", "人", 12000.0),
        ("12.5万", "万人", 12.5),
        ("1.2万亿元", "亿元", 12000.0),
    ],
)
def test_it_reads_a_bare_magnitude_as_of_the_indicators_unit(text, unit, value):
    assert in_unit(read_number(text), unit) == value


def test_it_reads_a_bare_magnitude_declared_by_the_row_or_column():
    # a 单位 column saying 万 for an indicator in 人: 3 万人 = 30,000 人
    assert in_unit(read_number("3"), "人", "万") == 30000.0


@pytest.mark.parametrize(
    ("number_format", "unit"),
    [
        ('0.0"万元"', "万元"),
        ('#,##0.00" 亿元"', "亿元"),
        ("0.0\\万", "万"),
        ('0.00"%"', "%"),
        ('[Red]0.0"万元";-0.0"万元"', "万元"),
        ('0,"千元"', ""),  # shows thousands: the value stored is not the value printed
        ("#,##0,,", ""),
        ('"约"0', ""),  # text before the number is no unit
        ('0"左右"', ""),
        ("General", ""),
        ("0.0%", ""),
        ("", ""),
    ],
)
def test_it_reads_the_unit_an_excel_number_format_prints(number_format, unit):
    assert format_unit(number_format) == unit


def test_it_reads_a_number_with_the_unit_its_format_prints():
    assert read_number(12.5, '0.0"万元"') == Reading(12.5, unit="万元")
    assert in_unit(read_number(12.5, '0.0"万元"'), "亿元") == 0.00125  # 12.5 × 10⁴ ÷ 10⁸


@pytest.mark.parametrize(
    ("cell", "number_format", "text"),
    [(0.055, "0.0%", "5.5%"), (43.5, "", "43.5"), (0.1 + 0.2, "", "0.3"), (105, "", "105"), (None, "", ""),
     (" １０５ ", "", "１０５"), (datetime.datetime(2023, 6, 1), "", "2023-06-01")],
)  # fmt: skip
def test_it_shows_a_cell_as_typed(cell, number_format, text):
    assert typed_text(cell, number_format) == text


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [(1015986.2, 2, "1015986.2"), (5.0, 2, "5"), (-0.001, 2, "0"), (0.5437, 2, "0.54"), (63.89, 4, "63.89"),
     (None, 2, "—"), (-3.25, 1, "-3.2"), (12.0, 0, "12")],
)  # fmt: skip
def test_it_formats_a_number_as_a_report_prints_it(value, digits, text):
    assert format_number(value, digits) == text


@settings(max_examples=300)
@given(st.text(max_size=30))
def test_it_raises_only_its_own_errors_on_any_text(text):
    try:
        reading = read_number(text)
    except PlanevalError:
        return
    assert reading.value is None or reading.value == reading.value  # a number, never NaN


@settings(max_examples=300)
@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.integers(0, 6))
def test_it_reads_back_what_it_formats_to_the_printed_precision(value, digits):
    read = read_number(format_number(value, digits)).value
    # format_number rounds to `digits` decimals: reading it back gives that rounded value
    assert read == round(value, digits)
    assert abs(read - value) <= 0.5 * 10**-digits + abs(value) * 1e-15
