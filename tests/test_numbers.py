"""Numbers as plan tables write them."""

import pytest

from planeval.domain.numbers import Reading, format_number, parse_number, read_number
from planeval.errors import NumberError


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("60.6*", Reading(60.6, estimated=True)),
        ("５．５％", Reading(5.5, percent=True)),
        ("1,020.5", Reading(1020.5)),
        ("－3.2", Reading(-3.2)),
        ("\u22123.2", Reading(-3.2)),
        (" 65 ", Reading(65.0)),
        (65, Reading(65.0)),
        (0, Reading(0.0)),
        ("—", Reading(None)),
        ("", Reading(None)),
        ("暂无", Reading(None)),
        ("/", Reading(None)),
    ],
)
def test_it_reads_a_cell(text, reading):
    assert read_number(text) == reading


def test_it_keeps_zero_apart_from_missing():
    assert parse_number("0") == 0.0
    assert parse_number("—") is None


@pytest.mark.parametrize("text", ["约60", "60.6.1", "abc", "5%%", True, float("nan")])
def test_it_refuses_what_is_not_a_number(text):
    with pytest.raises(NumberError):
        read_number(text)


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [(1015986.2, 2, "1015986.2"), (5.0, 2, "5"), (-0.001, 2, "0"), (0.5437, 2, "0.54"), (63.89, 4, "63.89"),
     (None, 2, "—"), (-3.25, 1, "-3.2"), (12.0, 0, "12")],
)  # fmt: skip
def test_it_formats_a_number_as_a_report_prints_it(value, digits, text):
    assert format_number(value, digits) == text
