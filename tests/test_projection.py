"""Trend projections to the target year, checked by hand."""

import math
from dataclasses import replace

import pytest

from planeval.domain.indicator import Direction
from planeval.domain.projection import fit, project, t_quantile

from factory import indicator, judge


def test_it_fits_a_least_squares_line_with_a_prediction_interval():
    # (2020, 10), (2021, 11), (2022, 12.5): slope Sxy/Sxx = 2.5/2 = 1.25 through (2021, 11.1667);
    # at 2025: 11.1667 + 4 × 1.25 = 16.1667. Residuals 1/12, −1/6, 1/12 → SSE = 1/24, s = 0.2041;
    # half width t(0.975, 1) × s × √(1 + 1/3 + 16/2) = 12.706 × 0.2041 × 3.0551 = 7.923.
    trend = fit((2020.0, 2021.0, 2022.0), (10.0, 11.0, 12.5), 2025.0)
    assert trend.slope == pytest.approx(1.25)
    assert trend.value == pytest.approx(16.1667, abs=1e-4)
    assert trend.high - trend.value == pytest.approx(7.923, abs=1e-3)
    assert trend.value - trend.low == pytest.approx(7.923, abs=1e-3)


def test_it_gives_no_interval_from_two_points():
    trend = fit((2020.0, 2022.0), (10.0, 12.0), 2025.0)
    assert (trend.value, trend.low, trend.high) == (pytest.approx(15.0), None, None)


def test_it_fits_constant_growth_on_the_log_scale():
    # 100, 110, 121: exactly 10 % a year → 100 × 1.1^5 = 161.051 in 2025, no residual.
    projection = project((2020.0, 2021.0, 2022.0), (100.0, 110.0, 121.0), 2025.0)
    assert projection.log_linear.value == pytest.approx(161.051)
    assert projection.log_linear.low == pytest.approx(161.051)
    assert math.exp(projection.log_linear.slope) == pytest.approx(1.1)


def test_it_skips_the_log_trend_for_values_that_are_not_positive():
    projection = project((2020.0, 2021.0, 2022.0), (-1.0, 0.0, 1.0), 2025.0)
    assert projection.log_linear is None and projection.linear.value == pytest.approx(4.0)


def test_it_uses_the_normal_quantile_for_many_points():
    assert t_quantile(1) == 12.706 and t_quantile(30) == 2.042 and t_quantile(31) == 1.96


def test_it_projects_each_evaluated_level():
    # 6.3 (2020) → 7.5, 9.4 (examples N05 with its 2021 value): a line through three points.
    result = judge(indicator("12", 6.3, unit="件"), {"2021": 7.5, "2022": 9.4}, "2022")
    assert result.projection.unit == "件" and result.projection.points == 3
    assert result.projection.linear.value == pytest.approx(7.7333 + 4 * 1.55, abs=1e-4)


def test_it_carries_the_target_and_direction_of_the_series():
    # a reduction 〔10〕 is projected on its intensity index, which must fall to 100 × 0.9 = 90
    reduction = judge(indicator("〔10〕", None, name="单位GDP能耗降低", unit="%"), {"2021": 2.0, "2022": 2.0}, "2022")
    assert reduction.projection.target == pytest.approx(90.0)
    assert reduction.projection.direction is Direction.DECREASE
    level = judge(indicator("12", 6.3, unit="件"), {"2021": 7.5, "2022": 9.4}, "2022")
    assert (level.projection.target, level.projection.direction) == (12.0, Direction.INCREASE)


@pytest.mark.parametrize(
    ("direction", "value", "reaches"),
    [("increase", 10.0, True), ("increase", 9.99, False), ("decrease", 10.0, True), ("decrease", 10.01, False)],
)
def test_it_tells_whether_a_projected_level_reaches_the_target(direction, value, reaches):
    projection = replace(project((2020.0, 2021.0), (1.0, 2.0), 2025.0), target=10.0, direction=Direction(direction))
    assert projection.reaches(value) is reaches


def test_it_refuses_to_compare_without_a_target():
    with pytest.raises(ValueError, match="without a target"):
        project((2020.0, 2021.0), (1.0, 2.0), 2025.0).reaches(3.0)
