"""Whether a new value is plausible beside the indicator's last known one.

The known values are those of examples/cn-14th-fyp (NBS communiqués); the new values are test
inputs.
"""

from __future__ import annotations

import pytest

from planeval.domain.numbers import read_number
from planeval.domain.period import Period
from planeval.domain.plausibility import Reference, fraction_warning, jump_warning, reference

import factory

URBANISATION = factory.indicator("65", 60.6, code="N03", name="常住人口城镇化率", unit="%")
ENERGY = factory.indicator("〔13.5〕", code="N14", name="单位GDP能源消耗降低", unit="%")
KNOWN = [
    *factory.series("N03", {"2021": 64.72, "2022": 65.22, "2024": 67.0}),
    *factory.series("N14", {"2021": 2.7, "2022": 0.1}),
    *factory.series("N03", {"2022": 6522.0}, unit="‱"),  # another unit: not a reference
]
YEAR_2023 = Period.of_year(2023)


def test_it_compares_with_the_latest_value_before_the_period():
    assert reference(URBANISATION, YEAR_2023, KNOWN) == Reference(65.22, "2022")


def test_it_compares_with_the_earliest_value_after_the_period_when_none_is_before():
    later = factory.series("N03", {"2024": 67.0, "2025": 67.89})
    assert reference(URBANISATION, Period.of_year(2021), later) == Reference(67.0, "2024")


def test_it_compares_with_the_baseline_when_no_value_is_known():
    assert reference(URBANISATION, YEAR_2023) == Reference(60.6, "baseline 2020")
    assert reference(URBANISATION, YEAR_2023, baseline=False) is None
    assert reference(ENERGY, YEAR_2023) is None  # a reduction rate has no baseline value


def test_it_compares_only_periods_as_long_when_asked():
    # a half year's value is not compared with a year's
    assert reference(URBANISATION, Period.of_half(2023, 1), KNOWN, baseline=False, same_span=True) is None
    assert reference(URBANISATION, YEAR_2023, KNOWN, baseline=False, same_span=True) == Reference(65.22, "2022")


@pytest.mark.parametrize(
    ("cell", "number_format", "against", "message"),
    [
        # 0.6616 × 100 = 66.16, within 50 % of 65.22
        (0.6616, "", 65.22, "0.6616 looks like a fraction of 66.16% (the last value is 65.22, 2022): type 66.16"),
        ("0.052", "", 5.6, "0.052 looks like a fraction of 5.2% (the last value is 5.6, 2022): type 5.2"),
        (0.1, "", 2.7, ""),  # 0.1 × 100 = 10 is not near 2.7: a real 0.1 % fall
        (0.1, "", 0.1, ""),  # an indicator whose values are small
        (0.125, "", 0.1, ""),
        (0.6616, "0.00%", 65.22, ""),  # formatted as percent: 66.16 %
        ("0.66%", "", 65.22, ""),  # written with its sign
        (0, "", 65.22, ""),
        (0.6616, "", None, ""),  # nothing to compare with
        # 97 / 65.22 − 1 = 0.487: within 50 %; 98 / 65.22 − 1 = 0.503: too far to say
        (0.97, "", 65.22, "0.97 looks like a fraction of 97% (the last value is 65.22, 2022): type 97"),
        (0.98, "", 65.22, ""),
    ],
)
def test_it_finds_a_percent_typed_as_a_fraction_of_it(cell, number_format, against, message):
    found = Reference(against, "2022") if against is not None else None
    assert fraction_warning(read_number(cell, number_format), found) == message


@pytest.mark.parametrize(
    ("value", "against", "message"),
    [
        (4200.0, 42.0, "100× the last value 42 (2021): check the unit"),
        (0.0042, 42.0, "0.0001× the last value 42 (2021): check the unit"),
        (5000.0, 42.0, "119.048× the last value 42 (2021): check the unit"),  # 5000 / 42 = 119: within 20 % of 100×
        (5100.0, 42.0, "a change of more than 50% against the last value 42 (2021)"),  # 121×: not a unit slip
        (63.1, 42.0, "a change of more than 50% against the last value 42 (2021)"),  # +50.2 %
        (63.0, 42.0, ""),  # +50 % exactly: not more
        (20.9, 42.0, "a change of more than 50% against the last value 42 (2021)"),
        (43.0, None, ""),
        (0.0, 42.0, ""),
    ],
)
def test_it_questions_a_jump_against_the_last_value(value, against, message):
    found = Reference(against, "2021") if against is not None else None
    assert jump_warning(value, found) == message
