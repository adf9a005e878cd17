"""The UN ESCAP current status index and anticipated progress (docs/METHODS.md §5).

Expected values are computed by hand in the comments. The time weights wᵢ = tᵢ − t0 + 1 are
this project's design choice (ESCAP's own are in a working paper not read).
"""

from pathlib import Path

import pytest

from planeval import evaluate, parse_period
from planeval.domain.settings import EvaluationSettings
from planeval.domain.verdict import Reason, Verdict
from planeval.io import load_plan_folder
from planeval.methods.escap import escap, weighted_trend

from factory import indicator, judge, raw_case

NAME = "escap"
EXAMPLE = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"


def assess(ind, values, as_of):
    return judge(ind, values, as_of, method=NAME)


def test_it_projects_an_exact_line_whatever_the_weights():
    # 10 (2020), 12, 14, 16 (2021–2023): slope 2 → 20 in 2025 = TV → maintain.
    # CS = 10 · (16 − 10)/|20 − 10| = 6.
    result = assess(indicator("20", 10), {"2021": 12, "2022": 14, "2023": 16}, "2023")
    assert result.achieved == pytest.approx(20)
    assert result.progress == pytest.approx(0.6)
    assert (result.status, result.status_label, result.verdict) == ("maintain", "保持现有进展", Verdict.ON_SCHEDULE)
    assert "现状指数6（10为完成规划变动）" in result.explanation and "2025年预计为20" in result.explanation


def test_it_weighs_later_years_more():
    # (0, 0), (1, 2), (2, 3) in years since 2020, weights 1, 2, 3 (W = 6):
    # t̄ = 8/6 = 4/3, ȳ = 13/6; Σw(t − t̄)² = 16/9 + 2/9 + 12/9 = 10/3;
    # Σw(t − t̄)(y − ȳ) = 52/18 + 2/18 + 30/18 = 14/3; slope 1.4; Î(5) = 13/6 + 1.4 · 11/3 = 7.3.
    # Unweighted: slope 1.5, Î(5) = 5/3 + 6 = 7.667, which would reach a target of 7.5.
    assert weighted_trend((2020.0, 2021.0, 2022.0), (0.0, 2.0, 3.0), 2025.0) == pytest.approx(7.3)
    result = assess(indicator("7.5", 0), {"2021": 2, "2022": 3}, "2022")
    assert result.achieved == pytest.approx(7.3)
    assert result.progress == pytest.approx(0.4)  # CS = 10 · 3/7.5 = 4
    assert (result.status, result.verdict) == ("accelerate", Verdict.BEHIND)


def test_it_asks_to_reverse_a_trend_away_from_the_target():
    # 10, 9, 8: slope −1 → 5 in 2025, worse than I_0 = 10; CS = 10 · (8 − 10)/10 = −2.
    result = assess(indicator("20", 10), {"2021": 9, "2022": 8}, "2022")
    assert result.achieved == pytest.approx(5)
    assert result.progress == pytest.approx(-0.2)
    assert (result.status, result.status_label, result.verdict) == ("reverse_trend", "需扭转趋势", Verdict.BEHIND)


def test_it_reports_a_target_reached_when_the_trend_holds_it():
    # 10, 15, 21 with TV 20: latest meets TV; weighted slope 5.6 → Î(2025) = 37.7.
    result = assess(indicator("20", 10), {"2021": 15, "2022": 21}, "2022")
    assert result.achieved == pytest.approx(37.7)
    assert (result.status, result.verdict) == ("maintain", Verdict.TARGET_REACHED)
    assert result.progress == pytest.approx(1.1)


def test_it_measures_a_falling_indicator_with_d_minus_ten():
    # 40, 38, 36 → slope −2 → 30 ≤ 33 in 2025; CS = −10 · (36 − 40)/|33 − 40| = 40/7 = 5.714.
    result = assess(indicator("33", 40), {"2021": 38, "2022": 36}, "2022")
    assert result.progress == pytest.approx(4 / 7)
    assert (result.status, result.verdict) == ("maintain", Verdict.ON_SCHEDULE)
    assert "现状指数5.71" in result.explanation


@pytest.mark.parametrize(
    ("target", "base", "values", "anticipated", "progress", "status"),
    [
        # Sign change: −4, −2, 0, 2 (2020–2023), slope 2 → 6 in 2025 < 10; CS = 10 · 6/14.
        ("10", -4, {"2021": -2, "2022": 0, "2023": 2}, 6, 6 / 14, "accelerate"),
        # All negative: −10 → −8 (2021), slope 2 → 0 in 2025 ≥ −2; CS = 10 · 2/8.
        ("-2", -10, {"2021": -8}, 0, 0.25, "maintain"),
        # Zero base: 0, 1, 2 (2020–2022), slope 1 → 5 = TV; CS = 10 · 2/5.
        ("5", 0, {"2021": 1, "2022": 2}, 5, 0.4, "maintain"),
    ],
)
def test_it_works_with_zero_and_negative_levels(target, base, values, anticipated, progress, status):
    result = assess(indicator(target, base), values, max(values))
    assert result.achieved == pytest.approx(anticipated)
    assert result.progress == pytest.approx(progress)
    assert result.status == status


def test_it_judges_a_target_met_at_baseline_as_a_level_through_evaluate():
    # evaluate() marks a level met at baseline as held; the method then judges it as the level it
    # is (met, or fallen back), exactly as when called on the level directly.
    through_evaluate = assess(indicator("10", 12, direction="increase"), {"2022": 11}, "2022")
    direct = escap(raw_case(indicator("10", 12, direction="increase"), {"2022": 11}, "2022"), EvaluationSettings())
    assert (through_evaluate.status, through_evaluate.verdict) == (direct.status, direct.verdict)
    assert through_evaluate.reason is None


@pytest.mark.parametrize(
    ("values", "anticipated", "status", "verdict"),
    [
        # 12, 12.5, 13 on one line of slope 0.5 → 14.5 in 2025, still beyond 10.
        ({"2021": 12.5, "2022": 13}, 14.5, "maintain", Verdict.TARGET_REACHED),
        # 12, 11, 10.5: weighted slope −0.7 → Î(2025) = 65.5/6 − 0.7 · 11/3 = 8.35, worse than 12.
        ({"2021": 11, "2022": 10.5}, 8.35, "reverse_trend", Verdict.BEHIND),
    ],
)
def test_it_judges_a_base_beyond_the_target_by_its_trend(values, anticipated, status, verdict):
    case = raw_case(indicator("10", 12, direction="increase"), values, "2022")
    result = escap(case, EvaluationSettings())
    assert result.achieved == pytest.approx(anticipated)
    assert (result.status, result.verdict) == (status, verdict)


def test_it_has_no_index_when_the_target_equals_the_base():
    case = raw_case(indicator("5", 5, direction="increase"), {"2022": 4.8}, "2022")
    assert escap(case, EvaluationSettings()).reason is Reason.NOT_APPLICABLE


def test_it_fits_the_line_through_the_years_there_are():
    # 2021 missing: 10 (2020), 14 (2022), 16 (2023) lie on one line of slope 2 → 20 in 2025.
    result = assess(indicator("20", 10), {"2022": 14, "2023": 16}, "2023")
    assert result.achieved == pytest.approx(20)
    assert result.status == "maintain"
    # Base and one value: the line runs through both, 10 → 13 in 2 years → 17.5 in 2025.
    assert assess(indicator("20", 10), {"2022": 13}, "2022").achieved == pytest.approx(17.5)


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
    assert (result.verdict, result.reason, result.status) == (Verdict.NOT_EVALUATED, reason, "not_evaluated")


def test_it_judges_every_national_indicator():
    folder = load_plan_folder(EXAMPLE)
    evaluation = evaluate(folder.plan, folder.observations, parse_period("2024"), method=NAME)
    assert len(evaluation.results) == 20
    assert all(isinstance(r.verdict, Verdict) and r.status and r.method == NAME for r in evaluation.results)
