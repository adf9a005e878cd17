"""The Destatis weather symbols (German Sustainable Development Strategy, docs/METHODS.md §8).

Expected values are computed by hand in the comments; G12 is the golden vector of METHODS.md §10.
"""

from pathlib import Path

import pytest

from planeval import evaluate, parse_period
from planeval.domain.settings import EvaluationSettings
from planeval.domain.verdict import Reason, Verdict
from planeval.io import load_plan_folder
from planeval.methods.trend_shortfall import trend_shortfall

from factory import indicator, judge, raw_case

NAME = "trend_shortfall"
EXAMPLE = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"
FOUR_YEARS = {"2021": 12, "2022": 14, "2023": 16}  # after 10 in 2020: Δ = 2, x̂_2025 = 20


def assess(ind, values, as_of):
    return judge(ind, values, as_of, method=NAME)


def test_it_reproduces_golden_vector_g12():
    # METHODS.md G12: 10 (2020), 11…15 (2021–2025), target 30 in 2030.
    # Δ = (15 − 10)/5 = 1; x̂_2030 = 15 + 1 · 5 = 20; s = (30 − 20)/(30 − 15) = 0.667 → cloudy.
    values = {str(year): 10 + year - 2020 for year in range(2021, 2026)}
    result = assess(indicator("30", 10, target_year=2030), values, "2025")
    assert (result.achieved, result.required, result.gap) == (20, 30, -10)
    assert result.needed_per_year == pytest.approx(3)  # 15 more in 5 years
    assert (result.status, result.verdict) == ("cloudy", Verdict.BEHIND)
    assert "近5年年均变化1" in result.explanation and "现有差距的66.7%" in result.explanation


def test_it_takes_the_change_over_the_last_five_years_only():
    # 0 (2018), 50 (2019), then 10…15 (2020–2025): Δ = (15 − 10)/5 = 1 as in G12, not (15 − 0)/7.
    values = {"2019": 50} | {str(year): 10 + year - 2020 for year in range(2020, 2026)}
    result = assess(indicator("30", 0, base_year=2018, target_year=2030), values, "2025")
    assert result.achieved == pytest.approx(20)
    assert result.status == "cloudy"


@pytest.mark.parametrize(
    ("target", "status", "verdict"),
    [
        ("20", "sunny", Verdict.ON_SCHEDULE),  # s = 0
        ("20.2", "sunny", Verdict.ON_SCHEDULE),  # s = 0.2/4.2 = 0.048
        ("20.25", "partly_sunny", Verdict.ON_SCHEDULE),  # s = 0.25/4.25 = 0.059
        ("21", "partly_sunny", Verdict.ON_SCHEDULE),  # s = 1/5 = 0.20, the upper bound included
        ("22", "cloudy", Verdict.BEHIND),  # s = 2/6 = 0.333
    ],
)
def test_it_draws_the_weather_from_four_points(target, status, verdict):
    # Fallback: four consecutive points 10, 12, 14, 16 (2020–2023): Δ = 6/3 = 2; x̂_2025 = 20.
    result = assess(indicator(target, 10), FOUR_YEARS, "2023")
    assert result.achieved == pytest.approx(20)
    assert (result.status, result.verdict) == (status, verdict)


@pytest.mark.parametrize("values", [{"2021": 10, "2022": 10, "2023": 10}, {"2021": 9, "2022": 8, "2023": 7}])
def test_it_warns_of_thunderstorm_when_the_gap_does_not_close(values):
    result = assess(indicator("20", 10), values, "2023")
    assert (result.status, result.verdict) == ("thunderstorm", Verdict.BEHIND)
    assert result.status_label == "雷雨（偏离目标方向）"


def test_it_judges_a_falling_indicator():
    # 40, 39, 38, 37 (2020–2023), target 33: Δ = −1; x̂ = 35; s = −(33 − 35)/(−(33 − 37)) = 0.5.
    result = assess(indicator("33", 40), {"2021": 39, "2022": 38, "2023": 37}, "2023")
    assert result.achieved == pytest.approx(35)
    assert result.gap == pytest.approx(-2)  # 2 above the target, the bad side
    assert result.status == "cloudy"


def test_it_is_sunny_once_the_target_is_reached():
    # 12 in 2021 meets 11: no trend needed, even with two points.
    result = assess(indicator("11", 10), {"2021": 12}, "2021")
    assert (result.status, result.verdict) == ("sunny", Verdict.TARGET_REACHED)


@pytest.mark.parametrize(
    ("values", "as_of"),
    [
        ({"2021": 11, "2022": 12}, "2022"),  # three points with the base
        ({"2021": 11, "2023": 13, "2024": 14}, "2024"),  # 2022 missing: the latest run is 2023–2024
    ],
)
def test_it_needs_four_consecutive_annual_points(values, as_of):
    result = assess(indicator("20", 10), values, as_of)
    assert (result.verdict, result.reason) == (Verdict.NOT_EVALUATED, Reason.TOO_FEW_POINTS)
    assert result.status == "not_evaluated"


def test_it_uses_the_latest_run_of_consecutive_years():
    # 2017 missing: 10…14 (2018–2022) is a run of five, Δ = (14 − 10)/4 = 1; x̂_2030 = 22;
    # s = (30 − 22)/(30 − 14) = 0.5 → cloudy.
    values = {"2016": 5} | {str(year): 10 + year - 2018 for year in range(2018, 2023)}
    result = assess(indicator("30", 4, base_year=2015, target_year=2030), values, "2022")
    assert result.achieved == pytest.approx(22)
    assert "近4年" in result.explanation


def test_it_leaves_out_values_within_a_year_and_says_so():
    # 13.5 for 2024H1 is left out: Δ from 10…13 (2020–2023) = 1, x̂_2025 = 15 = target → sunny.
    result = assess(indicator("15", 10), {"2021": 11, "2022": 12, "2023": 13, "2024H1": 13.5}, "2024H1")
    assert (str(result.latest_period), result.achieved, result.status) == ("2023", 15, "sunny")
    assert any("2024年上半年" in note for note in result.notes)


@pytest.mark.parametrize(
    ("target", "base", "values", "projected", "status"),
    [
        # Sign change: −2, −1, 0, 1: Δ = 1; x̂ = 3; s = (5 − 3)/(5 − 1) = 0.5.
        ("5", -2, {"2021": -1, "2022": 0, "2023": 1}, 3, "cloudy"),
        # Zero base: 0, 1, 2, 3: Δ = 1; x̂ = 5 = target → s = 0.
        ("5", 0, {"2021": 1, "2022": 2, "2023": 3}, 5, "sunny"),
        # Negative, falling is better: −1, −2, −3, −4 → x̂ = −6, target −8: s = 2/4 = 0.5.
        ("-8", -1, {"2021": -2, "2022": -3, "2023": -4}, -6, "cloudy"),
    ],
)
def test_it_works_with_zero_and_negative_levels(target, base, values, projected, status):
    result = assess(indicator(target, base), values, "2023")
    assert (result.achieved, result.status) == (pytest.approx(projected), status)


def test_it_judges_a_target_met_at_baseline_as_a_level_through_evaluate():
    # evaluate() marks a level met at baseline as held; the method then judges it as the level it
    # is (met, or fallen back), exactly as when called on the level directly.
    through_evaluate = assess(
        indicator("10", 12, direction="increase"), {"2021": 11, "2022": 10.5, "2023": 10.2}, "2023"
    )
    direct = trend_shortfall(
        raw_case(indicator("10", 12, direction="increase"), {"2021": 11, "2022": 10.5, "2023": 10.2}, "2023"),
        EvaluationSettings(),
    )
    assert (through_evaluate.status, through_evaluate.verdict) == (direct.status, direct.verdict)
    assert through_evaluate.reason is None


@pytest.mark.parametrize(
    ("values", "status", "verdict"),
    [
        ({"2021": 11, "2022": 10.5, "2023": 10.2}, "sunny", Verdict.TARGET_REACHED),  # still beyond 10
        ({"2021": 11, "2022": 10, "2023": 9}, "thunderstorm", Verdict.BEHIND),  # fell back, still falling
    ],
)
def test_it_judges_a_base_beyond_the_target_from_the_latest_value(values, status, verdict):
    case = raw_case(indicator("10", 12, direction="increase"), values, "2023")
    result = trend_shortfall(case, EvaluationSettings())
    assert (result.status, result.verdict) == (status, verdict)


def test_it_measures_a_target_equal_to_the_base_from_the_latest_value():
    # 10, 9.5, 9, 8.5 against 10: Δ = −0.5; x̂ = 7.5; s = 2.5/1.5 → thunderstorm.
    case = raw_case(indicator("10", 10, direction="increase"), {"2021": 9.5, "2022": 9, "2023": 8.5}, "2023")
    assert trend_shortfall(case, EvaluationSettings()).status == "thunderstorm"


@pytest.mark.parametrize(
    ("target", "base", "values", "reason"),
    [
        ("<5.5", 5.2, {"2022": 5.3}, Reason.NOT_APPLICABLE),
        ("95", 91, {}, Reason.NO_DATA),
        ("95", None, {"2022": 93}, Reason.NO_BASELINE),
    ],
)
def test_it_passes_on_the_reason_there_is_no_level_series(target, base, values, reason):
    result = assess(indicator(target, base, unit="%"), values, "2022")
    assert (result.verdict, result.reason, result.method) == (Verdict.NOT_EVALUATED, reason, NAME)


def test_it_judges_every_national_indicator():
    folder = load_plan_folder(EXAMPLE)
    evaluation = evaluate(folder.plan, folder.observations, parse_period("2024"), method=NAME)
    assert len(evaluation.results) == 20
    assert all(isinstance(r.verdict, Verdict) and r.status and r.method == NAME for r in evaluation.results)
