"""evaluate() on the real national 14th Five-Year Plan data, and properties of the verdicts."""

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planeval import evaluate, parse_period
from planeval.domain.verdict import Reason, Verdict
from planeval.errors import MethodError, PlanevalError
from planeval.io import load_plan_folder

from factory import indicator, plan, run, series

EXAMPLE = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"


@pytest.fixture(scope="module")
def national():
    return load_plan_folder(EXAMPLE)


def verdicts(folder, as_of):
    evaluation = evaluate(folder.plan, folder.observations, parse_period(as_of))
    return {r.code: r.verdict for r in evaluation.results}, evaluation


# Each expected verdict checked by hand against examples/cn-14th-fyp (values in the comments).
AT_2022 = {
    "N01": Verdict.BEHIND,  # 2022: 3.0 against the year's 5.5%左右
    "N02": Verdict.ON_SCHEDULE,  # productivity 8.7, 4.2 vs GDP 8.1, 3.0 → 6.43 > 5.52
    "N03": Verdict.TARGET_REACHED,  # 65.22 ≥ 65 (census base 63.89)
    "N04": Verdict.AHEAD,  # 14.2, 10.4 → 12.28 %/yr vs >7: P = 0.685, τ = 0.4
    "N05": Verdict.AHEAD,  # (9.4 − 6.3)/(12 − 6.3) = 0.544
    "N06": Verdict.NOT_EVALUATED,  # no value up to 2022
    "N07": Verdict.ON_SCHEDULE,  # 5.47 vs 5.52, −0.05 points
    "N08": Verdict.ON_SCHEDULE,  # mean of 5.1, 5.6 = 5.35 < 5.5
    "N09": Verdict.BEHIND,  # (10.93 − 10.75)/(11.3 − 10.75) = 0.327 < 0.4, binding
    "N10": Verdict.AHEAD,  # (3.15 − 2.9)/0.3 = 0.833
    "N11": Verdict.NOT_EVALUATED,  # no data
    "N12": Verdict.BEHIND,  # 2021 only: (2.03 − 1.8)/2.7 = 0.085 < 0.2
    "N13": Verdict.AHEAD,  # 2021: (78.2 − 77.93)/1 = 0.27 vs 0.2
    "N14": Verdict.BEHIND,  # 2.797 % of 13.5 % = 0.207
    "N15": Verdict.BEHIND,  # 1 − 0.962 × 0.992 = 4.57 % of 18 % = 0.254
    "N16": Verdict.BEHIND,  # 86.5 below the 87 base
    "N17": Verdict.TARGET_REACHED,  # 87.9 ≥ 85
    "N18": Verdict.AHEAD,  # (24.02 − 23.2)/0.9 = 0.911
    "N19": Verdict.ON_SCHEDULE,  # grain 6.83, 6.87 above 6.5
    "N20": Verdict.TARGET_REACHED,  # 46.6 ≥ 46 from 40.8
}


def test_it_gives_every_national_indicator_a_verdict_as_of_2022(national):
    got, evaluation = verdicts(national, "2022")
    assert got == AT_2022
    assert all(r.explanation for r in evaluation.results)


def test_it_evaluates_the_national_plan_as_of_2024(national):
    got, evaluation = verdicts(national, "2024")
    assert got["N06"] is Verdict.NOT_EVALUATED
    assert evaluation.result("N06").reason is Reason.INCOMPARABLE_BASIS  # only the re-benchmarked 2023 value
    assert got["N12"] is Verdict.ON_SCHEDULE  # (4.08 − 1.8)/2.7 = 0.844 vs 0.8
    assert got["N13"] is Verdict.TARGET_REACHED  # 79.0 ≥ 77.93 + 1
    assert str(evaluation.result("N18").latest_period) == "2022"  # 2024 is on the land-survey basis
    assert evaluation.result("N14").progress == pytest.approx((1 - 0.973 * 0.999 * 0.995 * 0.962) / 0.135)


def test_it_summarises_the_national_plan(national):
    _, evaluation = verdicts(national, "2022")
    summary = evaluation.summary
    assert summary.total == 20 and len(summary.aspects) == 5
    assert summary.paragraph == (
        "规划确定的5个方面20项主要指标中，12项达到或超过规划进度要求（预期性8项、约束性4项），"
        "其中3项已提前达到2025年规划目标；6项未达到规划进度要求（预期性2项、约束性4项）；"
        "2项因缺少年度数据暂未评估。"
    )


def test_it_evaluates_mid_term_with_half_year_data(national):
    _, evaluation = verdicts(national, "2023H1")
    gdp = evaluation.result("N01")
    assert str(gdp.latest_period) == "2023H1" and gdp.provisional


def test_it_refuses_an_unknown_method(national):
    with pytest.raises(MethodError, match="time_progress"):
        evaluate(national.plan, national.observations, parse_period("2022"), method="magic")


# --- properties -----------------------------------------------------------------------------

tenths = st.integers(-2000, 2000).map(lambda n: n / 10)
YEARS = ("2021", "2022", "2023", "2024", "2025")


@st.composite
def level_cases(draw):
    base, target = draw(tenths), draw(tenths)
    form = draw(st.sampled_from(["{}", ">{}", "<{}"]))
    count = draw(st.integers(1, 5))
    values = [draw(tenths) for _ in range(count)]
    return base, form, target, dict(zip(YEARS, values, strict=False))


def _verdict(base, text, values, direction=None):
    ind = indicator(text, base, direction=direction)
    return run(plan(ind), series("X1", values), "2025").results[0]


@settings(max_examples=300, deadline=None)
@given(level_cases(), st.integers(1, 500).map(lambda n: n / 10))
def test_it_never_worsens_a_verdict_when_the_latest_value_improves(case, step):
    base, form, target, values = case
    before = _verdict(base, form.format(target), values)
    better = dict(values)
    last = list(values)[-1]
    better[last] = values[last] + before.indicator.direction.sign * step
    after = _verdict(base, form.format(target), better)
    assert after.verdict.rank <= before.verdict.rank


MIRROR = {"{}": "{}", ">{}": "<{}", "<{}": ">{}"}


@settings(max_examples=300, deadline=None)
@given(level_cases())
def test_it_keeps_the_verdict_of_a_mirrored_indicator(case):
    base, form, target, values = case
    original = _verdict(base, form.format(target), values)
    mirrored = _verdict(
        -base,
        MIRROR[form].format(-target),
        {p: -v for p, v in values.items()},
        direction=original.indicator.direction.flipped().value,
    )
    assert mirrored.verdict is original.verdict
    assert mirrored.progress == original.progress


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-50, 150).map(lambda n: n / 10), min_size=1, max_size=5), st.integers(1, 50))
def test_it_never_worsens_a_reduction_or_growth_verdict_when_the_latest_year_improves(rates, step):
    for text, name in (("〔13.5〕", "单位GDP能源消耗降低"), (">6", "地区生产总值增长")):
        ind = indicator(text, name=name, unit="%")
        values = dict(zip(YEARS, rates, strict=False))
        before = run(plan(ind), series("X1", values), "2025").results[0]
        values[list(values)[-1]] += step / 10
        after = run(plan(ind), series("X1", values), "2025").results[0]
        assert after.verdict.rank <= before.verdict.rank


@pytest.mark.parametrize(("as_of", "message"), [("2020", "nothing has elapsed"), ("2026", "after the plan's target")])
def test_it_refuses_a_cut_off_outside_the_plan(national, as_of, message):
    with pytest.raises(PlanevalError, match=message):
        evaluate(national.plan, national.observations, parse_period(as_of))


def test_it_ignores_values_after_the_target_year():
    ind = indicator("10", 0)
    result = run(plan(ind), series("X1", {"2024": 8, "2026": 12}), "2025").results[0]
    assert str(result.latest_period) == "2024"


def test_it_evaluates_the_plan_region_only():
    # A city's value (region set) must not enter the plan region's own series.
    ind = indicator("10", 0)
    observations = series("X1", {"2022": 4}) + [replace(o, region="C1") for o in series("X1", {"2023": 9})]
    assert str(run(plan(ind), observations, "2023").results[0].latest_period) == "2022"
