"""Which plan indicator a row of a department's table names (``planeval.io.indicator_names``).

The indicators are those of examples/cn-14th-fyp.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planeval.io.folder import load_plan_folder
from planeval.io.indicator_names import IndicatorNames

EXAMPLE = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"


@pytest.fixture(scope="module")
def names() -> IndicatorNames:
    return IndicatorNames(load_plan_folder(EXAMPLE).plan.indicators)


@pytest.mark.parametrize(
    ("key", "code"),
    [
        ("常住人口城镇化率", "N03"),
        (" 常住人口 城镇化率 ", "N03"),
        ("1.常住人口城镇化率", "N03"),
        ("（一）常住人口城镇化率", "N03"),
        ("常住人口城镇化率〔约束性〕", "N03"),  # a remark in brackets, not a unit
        ("*森林覆盖率", "N18"),  # footnote and highlight marks
        ("常住人口城镇化率▲", "N03"),
        ("①常住人口城镇化率", "N03"),
        ("★常住人口城镇化率", "N03"),
        ("国内生产总值(ＧＤＰ)增长", "N01"),  # full-width letters
        ("国内生产总值（gdp）增长", "N01"),  # lower case
        ("地表水达到或好于III类水体比例", "N17"),  # III for the numeral Ⅲ
        ("n03", "N03"),
        ("Ｎ０３", "N03"),  # a full-width code
    ],
)
def test_it_finds_the_indicator_a_name_or_code_names_as_typed(names: IndicatorNames, key: str, code: str) -> None:
    match = names.find([key])
    assert match.indicator is not None and match.indicator.code == code


@pytest.mark.parametrize(
    ("keys", "code", "unit"),
    [
        (["粮食综合生产能力（万吨）"], "N19", "万吨"),
        (["每千人口拥有执业（助理）医师数（人）"], "N10", "人"),
        (["N19", "粮食综合生产能力（万吨）"], "N19", "万吨"),  # found by its code, the name still gives the unit
        (
            ["能源综合生产能力（万人）"],
            "N20",
            "万人",
        ),  # a unit of the plan's kinds: its reader says it does not convert
        (["常住人口城镇化率（%）"], "N03", "%"),
        (["常住人口城镇化率"], "N03", ""),
    ],
)
def test_it_hands_back_the_unit_in_the_names_brackets(
    names: IndicatorNames, keys: list[str], code: str, unit: str
) -> None:
    match = names.find(keys)
    assert match.indicator is not None and (match.indicator.code, match.unit) == (code, unit)


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("城镇化率", "no indicator '城镇化率' in the plan (expected a code or an indicator name)"),
        ("N3", "no indicator 'N3' in the plan (expected a code or an indicator name)"),
    ],
)
def test_it_says_why_a_key_names_no_indicator(names: IndicatorNames, key: str, why: str) -> None:
    assert names.find([key]).why == why


def test_it_tells_a_footnote_star_on_a_name_from_a_note(names: IndicatorNames) -> None:
    assert names.names("森林覆盖率") and names.names("n18")
    assert not names.names("为初步统计数")
