"""The arithmetic behind the methods, against hand-computed and published figures."""

import math

import pytest

from planeval.methods import formulas


def test_it_measures_progress_from_the_baseline_in_the_indicator_direction():
    # Base 40, target 33, actual 36: 4 of 7 units of the planned fall → 57.1 %, not 36/33 = 109 %.
    assert formulas.linear_progress(36, 40, 33) == pytest.approx(4 / 7)
    assert formulas.linear_progress(36, 40, 33) == pytest.approx(0.5714, abs=1e-4)


def test_it_handles_negative_and_zero_baselines_linearly():
    assert formulas.linear_progress(-1, -3, 2) == pytest.approx(0.4)
    assert formulas.linear_progress(1, 0, 5) == pytest.approx(0.2)


def test_it_refuses_progress_when_target_equals_baseline():
    with pytest.raises(ValueError):
        formulas.linear_progress(5, 5, 5)


def test_it_measures_percentage_point_targets_as_levels():
    # Base 2.0 %, target 2.5 %, actual 2.4 %: 0.4 of 0.5 points → 80 %, not growth of 20 %.
    assert formulas.linear_progress(2.4, 2.0, 2.5) == pytest.approx(0.8)


def test_it_averages_growth_geometrically():
    # 8.0 % then 2.0 %: sqrt(1.08 × 1.02) − 1 = 4.957 %, not the arithmetic 5.0 %.
    assert formulas.average_growth([8.0, 2.0], [1, 1]) == pytest.approx(4.9571, abs=1e-4)


def test_it_finds_the_growth_the_remaining_years_need():
    # To average 6 % over 2021–2025 after 8 % and 2 %: (1.06^5 / (1.08 × 1.02))^(1/3) − 1 = 6.70 %.
    achieved = formulas.log_growth([8.0, 2.0], [1, 1])
    assert formulas.growth_needed(6.0, 5, achieved, 3) == pytest.approx(6.70, abs=0.005)


def test_it_compounds_annual_reductions():
    # 2.01, 3.6, 3.7, 4.8, 5.6 % a year → 18.25 % over five years, not the sum 19.71 %.
    assert formulas.compound_reduction([2.01, 3.6, 3.7, 4.8, 5.6], [1] * 5) == pytest.approx(18.25, abs=0.005)


def test_it_finds_the_reduction_still_needed():
    # 14th FYP energy intensity: 2.7 % (2021) and 0.1 % (2022) → 1 − (0.865 / 0.972027)^(1/3)
    # = 3.81 % a year in 2023–2025 for 13.5 %.
    achieved = formulas.compound_reduction([2.7, 0.1], [1, 1])
    assert achieved == pytest.approx(2.7973, abs=1e-4)
    assert formulas.reduction_needed(13.5, achieved, 3) == pytest.approx(3.814, abs=5e-4)
    # 十一五 energy: 15.61 % after four years of a 20 % target → 5.20 % in 2010 (METHODS.md G3).
    assert formulas.reduction_needed(20, 15.61, 1) == pytest.approx(5.20, abs=0.005)


def test_it_weights_a_half_year_by_half():
    assert formulas.compound_reduction([10.0], [0.5]) == pytest.approx((1 - math.sqrt(0.9)) * 100)
    assert formulas.average_growth([10.0, 4.0], [1, 0.5]) == pytest.approx((1.1 * 1.04**0.5) ** (1 / 1.5) * 100 - 100)


def test_it_refuses_growth_through_minus_100_percent():
    with pytest.raises(ValueError):
        formulas.log_growth([-100.0], [1])
    with pytest.raises(ValueError):
        formulas.compound_reduction([100.0], [1])


def test_it_needs_positive_levels_for_a_compound_rate():
    assert formulas.level_growth_needed(100, 121, 2) == pytest.approx(10.0)
    with pytest.raises(ValueError):
        formulas.level_growth_needed(0, 121, 2)
