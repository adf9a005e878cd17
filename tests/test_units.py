"""Units of measure and converting values between them."""

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planeval.domain.units import RATIO, Unit, convert, convertible, parse_unit, split_header_unit, with_base
from planeval.errors import UnitError


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("元", Unit(1, "元")),
        ("万元", Unit(1e4, "元")),
        ("亿元", Unit(1e8, "元")),
        ("万亿元", Unit(1e12, "元")),
        ("千元", Unit(1e3, "元")),
        ("百万元", Unit(1e6, "元")),
        ("人", Unit(1, "人")),
        ("万人", Unit(1e4, "人")),
        ("亿吨标准煤", Unit(1e8, "吨标准煤")),
        ("万千瓦", Unit(1e7, "瓦")),  # prefixes stack: 10⁴ × 10³
        ("%", Unit(0.01, RATIO)),
        ("％", Unit(0.01, RATIO)),
        ("‰", Unit(0.001, RATIO)),
        ("（亿元）", Unit(1e8, "元")),
        ("百分点", Unit(1, "百分点")),
        ("个百分点", Unit(1, "百分点")),
        ("", Unit(1, "")),
        ("万", Unit(1e4, "")),
    ],
)
def test_it_reads_a_unit_as_scale_and_base(text, unit):
    assert parse_unit(text) == unit


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        (1385000, "万元", "亿元", 138.5),  # 1,385,000 × 10⁴ ÷ 10⁸
        (138.5, "亿元", "万元", 1385000),
        (1, "亿元", "元", 1e8),
        (141175, "万人", "人", 1411750000),
        (28600, "人", "万人", 2.86),
        (5, "‰", "%", 0.5),
        (0.5, "%", "‰", 5),
        (46.6, "亿吨标准煤", "万吨标准煤", 466000),
        (12, "件", "件", 12),
    ],
)
def test_it_converts_between_magnitudes_of_one_base(value, source, target, expected):
    assert convert(value, source, target) == expected


@pytest.mark.parametrize(("source", "target"), [("万人", "亿元"), ("%", "元"), ("吨", "吨标准煤"), ("千瓦", "千瓦时")])
def test_it_refuses_to_convert_between_bases(source, target):
    assert not convertible(source, target)
    with pytest.raises(UnitError, match=f"{source} cannot be converted to {target}"):
        convert(1, source, target)


@pytest.mark.parametrize(
    ("header", "split"),
    [
        ("2023年（亿元）", ("2023年", "亿元")),
        ("数值(万吨)", ("数值", "万吨")),
        ("单位：亿元", ("", "亿元")),
        ("计量单位: %", ("", "%")),
        ("1-6月", ("1-6月", "")),
        ("2023年（）", ("2023年（）", "")),
    ],
)
def test_it_finds_the_unit_a_header_names(header, split):
    assert split_header_unit(header) == split


@pytest.mark.parametrize(
    ("unit", "target", "completed"),
    [
        ("万亿", "亿元", "万亿元"),  # a bare magnitude takes the indicator's base
        ("亿", "亿元", "亿元"),
        ("万", "人", "万人"),
        ("万", "万吨标准煤", "万吨标准煤"),
        ("万元", "亿元", "万元"),  # a unit with its own base stays as it is
        ("万", "%", "万"),  # no base to give: a percent is a ratio
        ("万", "", "万"),
        ("", "亿元", ""),
    ],
)
def test_it_completes_a_bare_magnitude_with_the_base_of_the_target(unit, target, completed):
    assert with_base(unit, target) == completed


@settings(max_examples=200)
@given(
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    st.sampled_from(["元", "万元", "亿元", "千元"]),
    st.sampled_from(["元", "万元", "亿元", "千元"]),
)
def test_it_converts_there_and_back(value, source, target):
    back = convert(convert(value, source, target), target, source)
    assert back == pytest.approx(value, rel=1e-11, abs=1e-9)


@settings(max_examples=200)
@given(st.text(max_size=12), st.text(max_size=12))
def test_it_raises_only_unit_errors(source, target):
    with contextlib.suppress(UnitError):
        convert(1.0, source, target)
