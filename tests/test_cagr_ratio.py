"""The CAGR-ratio method (Eurostat / Statistics Canada–Open SDG, docs/METHODS.md §2–3).

Expected values are computed by hand in the comments; G13 is the golden vector of METHODS.md §10.
"""

from pathlib import Path

import pytest

from planeval import evaluate, parse_period
from planeval.domain.settings import EvaluationSettings
from planeval.domain.target import TargetKind
from planeval.domain.verdict import Reason, Verdict
from planeval.io import load_plan_folder
from planeval.methods.cagr_ratio import cagr_ratio, classify

from factory import indicator, judge, raw_case

NAME = "cagr_ratio"
EXAMPLE = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"


def assess(ind, values, as_of):
    return judge(ind, values, as_of, method=NAME)


def test_it_reproduces_golden_vector_g13():
    # METHODS.md G13: 100 (2015) → 110 (2020), target 150 in 2030.
    # CAGR_a = 1.1^(1/5) − 1 = 1.9245 %; CAGR_r = 1.5^(1/15) − 1 = 2.7400 % (METHODS.md prints
    # 0.027402, within its 1e-4 tolerance; the exact value is 0.0273997); R = 0.70238 (METHODS.md: 0.7023).
    result = assess(indicator("150", 100, base_year=2015, target_year=2030), {"2020": 110}, "2020")
    assert result.achieved == pytest.approx(1.9245, abs=1e-4)
    assert result.required / 100 == pytest.approx(0.027402, abs=1e-4)
    assert result.required == pytest.approx(2.7400, abs=1e-4)
    assert result.progress == pytest.approx(0.7023, abs=1e-4)
    assert (result.status, result.verdict) == ("acceleration_needed", Verdict.BEHIND)
    assert result.status_label == "有进展但需加快"
    assert result.time_share == pytest.approx(5 / 15)
    assert (result.baseline, result.target_value, str(result.latest_period)) == (100, 150, "2020")
    assert result.needed_growth == pytest.approx((150 / 110) ** (1 / 10) * 100 - 100)
    assert (
        "年均增长1.92%" in result.explanation
        and "2.74%" in result.explanation
        and "所需增速的70.2%" in result.explanation
    )


@pytest.mark.parametrize(
    ("ratio", "status", "verdict"),
    [
        (1.2, "on_track", Verdict.ON_SCHEDULE),
        (0.95, "on_track", Verdict.ON_SCHEDULE),
        (0.9499, "acceleration_needed", Verdict.BEHIND),
        (0.60, "acceleration_needed", Verdict.BEHIND),
        (0.5999, "limited_progress", Verdict.BEHIND),
        (0.0, "limited_progress", Verdict.BEHIND),
        (-0.01, "deterioration", Verdict.BEHIND),
    ],
)
def test_it_classifies_the_ratio_by_the_open_sdg_thresholds(ratio, status, verdict):
    assert (classify(ratio).name, classify(ratio).verdict) == (status, verdict)


def test_it_reports_a_target_achieved_before_looking_at_growth():
    # N05 (examples): 6.3 → 12 件; 14.0 in 2024 meets the target.
    result = assess(indicator("12", 6.3, unit="件"), {"2022": 9.4, "2024": 14.0}, "2024")
    assert (result.status, result.verdict, result.progress) == ("target_achieved", Verdict.TARGET_REACHED, None)


def test_it_judges_a_falling_indicator_by_its_falling_rates():
    # 40 → 36 in 2 years (−5.1317 %/yr) against 40 → 33 in 5 (−3.7744 %/yr): R = 1.3596.
    result = assess(indicator("33", 40), {"2022": 36}, "2022")
    assert result.progress == pytest.approx(1.3596, abs=1e-4)
    assert result.gap == pytest.approx(5.1317 - 3.7744, abs=1e-4)  # faster down is the good side
    assert (result.status, result.verdict) == ("on_track", Verdict.ON_SCHEDULE)
    assert "年均下降5.13%" in result.explanation


def test_it_measures_growth_targets_on_the_growth_index():
    # >5 %/yr: 8.1 %, 3.0 % → index 111.343 against 100·1.05^5 = 127.628; CAGR_a = 5.519 %, R = 1.1038.
    result = assess(indicator(">5", name="地区生产总值增长", unit="%"), {"2021": 8.1, "2022": 3.0}, "2022")
    assert result.kind is TargetKind.AVG_GROWTH
    assert (result.baseline, result.target_value) == (100, pytest.approx(127.628, abs=1e-3))
    assert result.progress == pytest.approx(1.1038, abs=1e-4)
    assert result.status == "on_track"
    assert "累计增长指数" in result.explanation


@pytest.mark.parametrize(
    ("target", "base", "values"),
    [
        ("5", 0, {"2021": 1}),  # zero base
        ("-1", -3, {"2021": -2}),  # negative levels
        ("5", -1, {"2021": 1, "2022": 2}),  # sign change
        ("10", 2, {"2021": 0, "2022": 4}),  # a zero on the way: every level must be positive
    ],
)
def test_it_refuses_levels_that_are_not_positive_without_substituting(target, base, values):
    result = assess(indicator(target, base), values, "2022")
    assert (result.verdict, result.reason) == (Verdict.NOT_EVALUATED, Reason.NOT_POSITIVE)
    assert result.status == "not_evaluated"
    assert result.progress is None and result.achieved is None


def test_it_still_reports_a_target_reached_from_a_zero_base():
    # Reaching the target needs no growth rate.
    assert assess(indicator("5", 0), {"2022": 6}, "2022").status == "target_achieved"


def test_it_cannot_judge_a_running_total_from_zero_before_it_is_reached():
    # A cumulative total runs from 0, so its growth rate is undefined.
    ind = indicator("〔5000〕", name="城镇新增就业", unit="万人")
    assert assess(ind, {"2021": 1000, "2022": 900}, "2022").reason is Reason.NOT_POSITIVE
    assert assess(ind, {"2021": 3000, "2022": 2500}, "2022").status == "target_achieved"


def test_it_judges_a_target_met_at_baseline_as_a_level_through_evaluate():
    # evaluate() marks a level met at baseline as held; the method then judges it as the level it
    # is (met, or fallen back), exactly as when called on the level directly.
    through_evaluate = assess(indicator("85", 90, direction="increase"), {"2022": 84}, "2022")
    direct = cagr_ratio(raw_case(indicator("85", 90, direction="increase"), {"2022": 84}, "2022"), EvaluationSettings())
    assert (through_evaluate.status, through_evaluate.verdict) == (direct.status, direct.verdict)
    assert through_evaluate.reason is None


@pytest.mark.parametrize(("latest", "status", "progress"), [(88, "target_achieved", None), (84, "deterioration", None)])
def test_it_judges_a_base_beyond_the_target_by_where_the_value_is_now(latest, status, progress):
    # Called directly on the level as given: base 90 already beyond 85 (higher is better).
    case = raw_case(indicator("85", 90, direction="increase"), {"2022": latest}, "2022")
    result = cagr_ratio(case, EvaluationSettings())
    assert (result.status, result.progress) == (status, progress)


def test_it_finds_no_ratio_when_the_target_equals_the_base():
    case = raw_case(indicator("5", 5, direction="increase"), {"2022": 4.8}, "2022")
    assert cagr_ratio(case, EvaluationSettings()).reason is Reason.NOT_APPLICABLE


def test_it_needs_only_the_base_and_the_latest_value():
    # Missing intermediate years change nothing: only x0 and xt enter.
    ind = indicator("150", 100, base_year=2015, target_year=2030)
    sparse = assess(ind, {"2020": 110}, "2020")
    full = assess(ind, {"2016": 90, "2017": 120, "2018": 105, "2019": 100, "2020": 110}, "2020")
    assert sparse.progress == pytest.approx(full.progress)
    assert len(full.observations) == 5


def test_it_counts_a_half_year_as_half_a_year():
    # 100 → 110 by mid-2023 = 2.5 years: CAGR_a = 1.1^(1/2.5) − 1.
    result = assess(indicator("150", 100), {"2022": 105, "2023H1": 110}, "2023H1")
    assert result.achieved == pytest.approx((1.1 ** (1 / 2.5) - 1) * 100)


@pytest.mark.parametrize(
    ("target", "base", "values", "reason"),
    [
        ("<5.5", 5.2, {"2022": 5.3}, Reason.NOT_APPLICABLE),  # a ceiling has no level to reach
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
    assert evaluation.result("N05").status == "target_achieved"


def test_it_refuses_a_growth_chain_with_a_year_missing():
    # >6 %/yr with 7, –, 6, 6: counting 2022 as 0 % would give 4.71 %/yr; the year is missing.
    result = assess(indicator(">6", name="地区生产总值增长", unit="%"), {"2021": 7, "2023": 6, "2024": 6}, "2024")
    assert (result.verdict, result.reason) == (Verdict.NOT_EVALUATED, Reason.NO_DATA)
