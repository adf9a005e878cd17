"""The UNSD progress assessment on the projected value (2023 method, docs/METHODS.md §4).

Expected values are computed by hand in the comments.
"""

from pathlib import Path

import pytest

from planeval import evaluate, parse_period
from planeval.domain.settings import EvaluationSettings
from planeval.domain.verdict import Reason, Verdict
from planeval.io import load_plan_folder
from planeval.methods.unsd_projection import classify, unsd_projection

from factory import indicator, judge, raw_case

NAME = "unsd_projection"
EXAMPLE = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"


def assess(ind, values, as_of):
    return judge(ind, values, as_of, method=NAME)


def test_it_projects_the_growth_so_far_to_the_target_year():
    # 100 (2015) → 110 (2020), target 150 in 2030. CAGR_a = 1.1^(1/5) − 1 = 1.9245 %;
    # v_e = 110 · 1.019245^10 = 110 · 1.1^2 = 133.1; CR = (133.1 − 100)/(150 − 100) = 0.662 → moderate.
    result = assess(indicator("150", 100, base_year=2015, target_year=2030), {"2020": 110}, "2020")
    assert result.achieved == pytest.approx(133.1)
    assert result.required == result.target_value == 150
    assert result.progress == pytest.approx(0.662)
    assert result.gap == pytest.approx(-16.9)
    assert (result.status, result.status_label, result.verdict) == ("moderate", "中等进展", Verdict.BEHIND)
    assert "2030年预计为133.1" in result.explanation and "66.2%" in result.explanation


@pytest.mark.parametrize(
    ("ratio", "status", "verdict"),
    [
        (0.95, "on_track", Verdict.ON_SCHEDULE),
        (0.9499, "moderate", Verdict.BEHIND),
        (0.5, "moderate", Verdict.BEHIND),
        (0.4999, "marginal", Verdict.BEHIND),
        (0.1, "marginal", Verdict.BEHIND),
        (0.0999, "stagnation", Verdict.BEHIND),
        (-0.1, "stagnation", Verdict.BEHIND),
        (-0.1001, "regression", Verdict.BEHIND),
    ],
)
def test_it_classifies_the_completion_ratio_in_five_classes(ratio, status, verdict):
    assert (classify(ratio).name, classify(ratio).verdict) == (status, verdict)


@pytest.mark.parametrize(
    ("latest", "target", "expected", "ratio", "status"),
    [
        # 100 (2020) → 121 (2022): 10 %/yr; v_e = 121 · 1.1^3 = 161.051; CR = 61.051/60 = 1.0175.
        (121, "160", 161.051, 1.0175167, "on_track"),
        # 100 → 81: −10 %/yr; v_e = 81 · 0.9^3 = 59.049; CR = −40.951/20 = −2.04755.
        (81, "120", 59.049, -2.04755, "regression"),
        # 100 → 100.5: v_e = 100 · 1.005^(5/2) = 101.2547; CR = 1.2547/50 = 0.02509.
        (100.5, "150", 101.2547, 0.02509, "stagnation"),
    ],
)
def test_it_classifies_end_to_end(latest, target, expected, ratio, status):
    result = assess(indicator(target, 100), {"2022": latest}, "2022")
    assert result.achieved == pytest.approx(expected, abs=1e-4)
    assert result.progress == pytest.approx(ratio, abs=1e-4)
    assert result.status == status


def test_it_reports_a_target_met_regardless_of_the_trend():
    # N05 (examples): 14.0 in 2024 meets 12 件.
    result = assess(indicator("12", 6.3, unit="件"), {"2022": 9.4, "2024": 14.0}, "2024")
    assert (result.status, result.verdict, result.progress) == ("target_met", Verdict.TARGET_REACHED, None)


def test_it_projects_a_falling_indicator():
    # 40 → 36 in 2 years: ×0.9 in 2 years; v_e = 36 · 0.9^(3/2) = 30.7373 ≤ 33; CR = 9.2627/7 = 1.3232.
    result = assess(indicator("33", 40), {"2022": 36}, "2022")
    assert result.achieved == pytest.approx(36 * 0.9**1.5)
    assert result.progress == pytest.approx(1.3232, abs=1e-4)
    assert (result.status, result.verdict) == ("on_track", Verdict.ON_SCHEDULE)
    assert result.gap == pytest.approx(33 - 36 * 0.9**1.5)  # below 33 is the good side


@pytest.mark.parametrize(
    ("target", "base", "values"),
    [
        ("5", 0, {"2021": 1}),  # zero base
        ("-1", -3, {"2021": -2}),  # negative levels
        ("5", -1, {"2021": 1, "2022": 2}),  # sign change
    ],
)
def test_it_refuses_levels_that_are_not_positive_without_substituting(target, base, values):
    result = assess(indicator(target, base), values, "2022")
    assert (result.verdict, result.reason) == (Verdict.NOT_EVALUATED, Reason.NOT_POSITIVE)
    assert result.status == "not_evaluated"


def test_it_judges_a_target_met_at_baseline_as_a_level_through_evaluate():
    # evaluate() marks a level met at baseline as held; the method then judges it as the level it
    # is (met, or fallen back), exactly as when called on the level directly.
    through_evaluate = assess(indicator("85", 90, direction="increase"), {"2022": 84}, "2022")
    direct = unsd_projection(
        raw_case(indicator("85", 90, direction="increase"), {"2022": 84}, "2022"), EvaluationSettings()
    )
    assert (through_evaluate.status, through_evaluate.verdict) == (direct.status, direct.verdict)
    assert through_evaluate.reason is None


@pytest.mark.parametrize(("latest", "status"), [(88, "target_met"), (84, "regression")])
def test_it_judges_a_base_beyond_the_target_by_where_the_value_is_now(latest, status):
    case = raw_case(indicator("85", 90, direction="increase"), {"2022": latest}, "2022")
    result = unsd_projection(case, EvaluationSettings())
    assert (result.status, result.progress) == (status, None)


def test_it_finds_no_ratio_when_the_target_equals_the_base():
    case = raw_case(indicator("5", 5, direction="increase"), {"2022": 4.8}, "2022")
    assert unsd_projection(case, EvaluationSettings()).reason is Reason.NOT_APPLICABLE


def test_it_needs_only_the_base_and_the_latest_value():
    ind = indicator("150", 100, base_year=2015, target_year=2030)
    full = assess(ind, {"2016": 95, "2018": 130, "2020": 110}, "2020")
    assert full.progress == pytest.approx(0.662)


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
    assert evaluation.result("N05").status == "target_met"
