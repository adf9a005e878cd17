"""The time-progress method (时间与进度基本一致), one rule per target kind.

Expected values are computed by hand in the comments, or taken from the published figures
named there (METHODS.md §10 golden vectors; the national 14th FYP data in examples/).
"""

import math

import pytest

from planeval.domain.settings import EvaluationSettings
from planeval.domain.target import TargetKind
from planeval.domain.verdict import Reason, Verdict
from planeval.methods.time_progress import classify

from factory import indicator, judge, plan, run, series

DEFAULTS = EvaluationSettings()


# --- classification -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("progress", "share", "binding", "verdict"),
    [
        (0.44, 0.4, False, Verdict.AHEAD),  # ratio 1.10 = 1 + ahead_margin
        (0.43, 0.4, False, Verdict.ON_SCHEDULE),
        (0.38, 0.4, False, Verdict.ON_SCHEDULE),  # ratio 0.95 = 1 − tolerance
        (0.379, 0.4, False, Verdict.BEHIND),
        (0.39, 0.4, True, Verdict.BEHIND),  # binding: no slack
        (0.2, 0.2, True, Verdict.ON_SCHEDULE),  # exactly on the NDRC schedule
        (0.0, 0.0, False, Verdict.ON_SCHEDULE),
    ],
)
def test_it_classifies_progress_against_time_share(progress, share, binding, verdict):
    assert classify(progress, share, binding, DEFAULTS) is verdict


def test_it_judges_the_13th_plan_mid_term_reductions_as_published():
    # METHODS.md G2 (People's Daily 2018-12-25): after 2 of 5 years (τ = 0.4) energy −8.5 % of 15 %,
    # CO2 −11.4 % of 18 %, water −13.2 % of 23 %, PM2.5 −15.8 % of 18 % → all 达到或超过.
    for achieved, target in ((8.5, 15), (11.4, 18), (13.2, 23), (15.8, 18)):
        assert classify(achieved / target, 0.4, True, DEFAULTS).meets_schedule


def test_it_judges_the_11th_plan_energy_target_strictly_when_binding():
    # METHODS.md G3: 15.61 % of 20 % after 4 years: P = 0.7805 < τ = 0.8 → 未达 with no slack,
    # on schedule with the default 5 % tolerance of expected indicators.
    assert classify(15.61 / 20, 0.8, True, DEFAULTS) is Verdict.BEHIND
    assert classify(15.61 / 20, 0.8, False, DEFAULTS) is Verdict.ON_SCHEDULE


def test_it_judges_the_13th_plan_gdp_average_on_schedule():
    # METHODS.md G11: cumulative growth 1.2962 over 2016–2019 against >6.5 %/yr for 5 years:
    # P = ln 1.2962 / (5 ln 1.065) = 0.8239 ≥ τ = 0.8.
    progress = math.log(1.2962) / (5 * math.log1p(0.065))
    assert progress == pytest.approx(0.8239, abs=1e-4)
    assert classify(progress, 0.8, False, DEFAULTS) is Verdict.ON_SCHEDULE


# --- level ----------------------------------------------------------------------------------


def test_it_measures_a_falling_level_from_its_baseline():
    # Base 40, target 33, actual 36 in 2022: P = 4/7 = 0.571 against τ = 0.4 → ahead.
    result = judge(indicator("33", 40), {"2022": 36}, "2022")
    assert result.progress == pytest.approx(0.5714, abs=1e-4)
    assert result.time_share == pytest.approx(0.4)
    assert result.required == pytest.approx(37.2)  # 40 − 0.4 × 7
    assert result.gap == pytest.approx(1.2)  # 1.2 below the required 37.2, the good side
    assert result.needed_per_year == pytest.approx(-1.0)  # 3 more down over 2023–2025
    assert result.verdict is Verdict.AHEAD


def test_it_reports_a_level_reached_early():
    # N05 (examples/cn-14th-fyp): 6.3 → 12 件; 14.0 in 2024.
    result = judge(indicator("12", 6.3, unit="件"), {"2022": 9.4, "2024": 14.0}, "2024")
    assert result.verdict is Verdict.TARGET_REACHED
    assert result.progress == pytest.approx((14 - 6.3) / (12 - 6.3))
    assert result.needed_per_year is None


def test_it_finds_a_level_moving_the_wrong_way_behind():
    # N16: air quality 87 → 87.5 %, 86.5 in 2022: P = −1.
    result = judge(indicator("87.5", 87, unit="%", binding=True), {"2022": 86.5}, "2022")
    assert (result.verdict, result.progress) == (Verdict.BEHIND, pytest.approx(-1.0))


def test_it_holds_binding_indicators_stricter():
    # 0 → 10, value 3.9 in 2022: P = 0.39, τ = 0.4, ratio 0.975.
    assert judge(indicator("10", 0), {"2022": 3.9}, "2022").verdict is Verdict.ON_SCHEDULE
    assert judge(indicator("10", 0, binding=True), {"2022": 3.9}, "2022").verdict is Verdict.BEHIND


def test_it_works_with_negative_and_zero_baselines():
    assert judge(indicator("2", -3), {"2022": -1}, "2022").progress == pytest.approx(0.4)
    assert judge(indicator("5", 0), {"2021": 1}, "2021").verdict is Verdict.ON_SCHEDULE


def test_it_measures_percentage_point_targets_as_levels():
    # Base 2.0 %, target 2.5 %, actual 2.4 % in 2024: 0.4 of 0.5 points = 80 % = τ.
    result = judge(indicator("2.5", 2.0, unit="%"), {"2024": 2.4}, "2024")
    assert result.progress == pytest.approx(0.8)
    assert result.verdict is Verdict.ON_SCHEDULE


def test_it_uses_the_half_year_time_share():
    result = judge(indicator("10", 0), {"2023H1": 5}, "2023H1")
    assert (result.time_share, result.progress) == (pytest.approx(0.5), pytest.approx(0.5))


def test_it_ignores_values_after_the_cut_off():
    result = judge(indicator("10", 0), {"2022": 4, "2024": 9}, "2023H1")
    assert (str(result.latest_period), result.achieved) == ("2022", 4)


def test_it_finds_the_compound_growth_a_level_still_needs():
    result = judge(indicator("121", 90), {"2023": 100}, "2023")
    assert result.needed_growth == pytest.approx(10.0)  # 100 → 121 in 2024–2025
    assert result.needed_per_year == pytest.approx(10.5)


@pytest.mark.parametrize(
    ("values", "verdict"),
    [
        ({"2021": 88, "2022": 91}, Verdict.TARGET_REACHED),  # still met: reached (maintained), METHODS §1.4
        ({"2021": 84, "2022": 83}, Verdict.BEHIND),
        ({"2021": 88, "2022": 84}, Verdict.BEHIND),  # fell back at the end, though the mean 86 is above 85
    ],
)
def test_it_holds_a_target_already_met_at_baseline_as_a_floor(values, verdict):
    result = judge(indicator("85", 90, direction="increase"), values, "2022")
    assert (result.kind, result.verdict) == (TargetKind.FLOOR, verdict)
    assert result.progress is None
    assert any("基期已达到目标" in note for note in result.notes)


def test_it_holds_a_target_equal_to_the_baseline():
    result = judge(indicator("5", 5, direction="decrease"), {"2022": 4.8}, "2022")
    assert (result.kind, result.verdict) == (TargetKind.CEILING, Verdict.TARGET_REACHED)


def test_it_reports_missing_data_and_baseline_as_reasons():
    no_data = judge(indicator("95", 91), {}, "2022")
    assert (no_data.verdict, no_data.reason) == (Verdict.NOT_EVALUATED, Reason.NO_DATA)
    no_base = judge(indicator("95"), {"2022": 93}, "2022")
    assert (no_base.verdict, no_base.reason) == (Verdict.NOT_EVALUATED, Reason.NO_BASELINE)


def test_it_uses_a_census_revised_baseline_and_says_so():
    # N03 urbanisation: plan base 60.6*, 2020 census 63.89, 2022 65.22, target 65 → reached.
    ind = indicator("65", 60.6, code="N03", unit="%")
    observations = series("N03", {"2020": 63.89}, vintage="census") + series("N03", {"2022": 65.22}, vintage="final")
    result = run(plan(ind), observations, "2022").results[0]
    assert result.baseline == pytest.approx(63.89)
    assert result.verdict is Verdict.TARGET_REACHED
    assert result.progress == pytest.approx((65.22 - 63.89) / (65 - 63.89))
    assert any("人口普查" in note and "60.6" in note for note in result.notes)


def test_it_uses_a_revised_baseline_given_with_the_plan():
    ind = indicator("65", 60.6, unit="%", revised=63.89, basis="census")
    result = judge(ind, {"2021": 64.72}, "2021")
    assert result.progress == pytest.approx((64.72 - 63.89) / (65 - 63.89))


def test_it_refuses_values_on_another_basis():
    # N06: the only value (2023) is benchmarked to the 5th economic census; the base is not.
    ind = indicator("10", 7.8, code="N06", unit="%")
    result = run(plan(ind), series("N06", {"2023": 9.9}, vintage="census-benchmarked"), "2024").results[0]
    assert (result.verdict, result.reason) == (Verdict.NOT_EVALUATED, Reason.INCOMPARABLE_BASIS)


def test_it_falls_back_to_the_latest_comparable_value():
    # N18 forest cover: 24.02 (2022) comparable; 25.09 (2024, land-survey method) not.
    ind = indicator("24.1", 23.2, code="N18", unit="%", binding=True)
    observations = series("N18", {"2022": 24.02}, "final") + series("N18", {"2024": 25.09}, "land-survey method")
    result = run(plan(ind), observations, "2024").results[0]
    assert str(result.latest_period) == "2022"
    assert result.progress == pytest.approx((24.02 - 23.2) / 0.9)
    assert any("国土调查" in note for note in result.notes)


def test_it_turns_a_cumulative_change_into_a_level_from_the_baseline_used():
    # N13 life expectancy 〔1〕 on the census base 77.93 → 78.93; 79.0 in 2024 → reached.
    ind = indicator("〔1〕", 77.3, code="N13", name="人均预期寿命", unit="岁")
    observations = series("N13", {"2020": 77.93}, "census") + series("N13", {"2021": 78.2, "2024": 79.0}, "final")
    at_2021 = run(plan(ind), observations, "2021").results[0]
    assert at_2021.target_value == pytest.approx(78.93)
    assert at_2021.progress == pytest.approx(0.27)
    assert run(plan(ind), observations, "2024").results[0].verdict is Verdict.TARGET_REACHED


def test_it_needs_a_baseline_for_a_cumulative_change():
    result = judge(indicator("〔1〕", None, name="人均预期寿命"), {"2022": 78.0}, "2022")
    assert result.reason is Reason.NO_BASELINE


def test_it_reads_a_floor_not_met_at_baseline_as_a_level_to_reach():
    # N20 energy production capacity >46 from 40.8 (2020): 46.6 in 2022 → reached.
    result = judge(indicator(">46", 40.8, unit="亿吨标准煤", binding=True), {"2021": 43.3, "2022": 46.6}, "2022")
    assert (result.kind, result.verdict) == (TargetKind.LEVEL, Verdict.TARGET_REACHED)


# --- floors, ceilings, bands ----------------------------------------------------------------


def test_it_judges_a_ceiling_on_the_average_by_default():
    # N08 unemployment <5.5: 5.1 (2021), 5.6 (2022) → mean 5.35 within; 2022 itself above.
    ind = indicator("<5.5", 5.2, unit="%")
    result = judge(ind, {"2021": 5.1, "2022": 5.6}, "2022")
    assert (result.verdict, result.achieved) == (Verdict.ON_SCHEDULE, pytest.approx(5.35))
    assert result.gap == pytest.approx(0.15)  # 0.15 points under the ceiling
    assert any("2022年为5.6" in note for note in result.notes)
    strict = judge(ind, {"2021": 5.1, "2022": 5.6}, "2022", bound_rule="every_period")
    assert strict.verdict is Verdict.BEHIND


def test_it_judges_a_floor_every_period():
    ind = indicator(">6.5", 6.69, unit="亿吨", binding=True)
    assert judge(ind, {"2021": 6.83, "2022": 6.87}, "2022").verdict is Verdict.ON_SCHEDULE
    assert judge(ind, {"2021": 6.4, "2022": 6.45}, "2022").verdict is Verdict.BEHIND


def test_it_judges_bands_and_about_targets():
    band = indicator("5-6")
    assert judge(band, {"2021": 5.5, "2022": 6.5}, "2022").verdict is Verdict.ON_SCHEDULE  # mean 6.0
    assert judge(band, {"2021": 5.5, "2022": 6.5}, "2022", bound_rule="every_period").verdict is Verdict.BEHIND
    about = indicator("3左右", unit="%")
    assert judge(about, {"2022": 3.4}, "2022").verdict is Verdict.ON_SCHEDULE  # within 3 ± 0.5
    assert judge(about, {"2022": 3.6}, "2022").verdict is Verdict.BEHIND


# --- average growth -------------------------------------------------------------------------


GROWTH = {"name": "地区生产总值增长", "unit": "%"}


def test_it_judges_average_growth_by_the_geometric_mean():
    # Target 6 %/yr; 8.0 % then 2.0 %: mean 4.957 %; P = ln 1.1016 / (5 ln 1.06) = 0.3321 < 0.38.
    result = judge(indicator("6", 2.3, **GROWTH), {"2021": 8.0, "2022": 2.0}, "2022")
    assert result.kind is TargetKind.AVG_GROWTH
    assert result.achieved == pytest.approx(4.9571, abs=1e-4)
    assert result.progress == pytest.approx(0.3321, abs=1e-4)
    assert result.needed_per_year == pytest.approx(6.70, abs=0.005)
    assert result.verdict is Verdict.BEHIND


def test_it_accepts_slightly_less_for_an_about_growth_target():
    # 5%左右 counts from 4.5 %: 4.6 and 4.6 → P/τ = ln 1.046 / ln 1.045 > 1.
    result = judge(indicator("5%左右", **GROWTH), {"2021": 4.6, "2022": 4.6}, "2022")
    assert result.required == pytest.approx(4.5)
    assert result.verdict is Verdict.ON_SCHEDULE


def test_it_adds_a_half_year_with_half_weight_and_flags_it_provisional():
    # 14th FYP GDP (examples): 8.1, 3.0, then 5.5 for 2023H1 against a 5 % floor (synthetic target).
    result = judge(indicator(">5", **GROWTH), {"2021": 8.1, "2022": 3.0, "2023H1": 5.5}, "2023H1")
    expected = (1.081 * 1.03 * 1.055**0.5) ** (1 / 2.5) - 1
    assert result.achieved == pytest.approx(expected * 100)
    assert result.time_share == pytest.approx(0.5)
    assert result.provisional


def test_it_prefers_the_full_year_to_its_first_half():
    result = judge(indicator(">5", **GROWTH), {"2021": 8.1, "2022": 3.0, "2022H1": 2.5}, "2022")
    assert [str(o.period) for o in result.observations] == ["2021", "2022"]


def test_it_needs_every_year_for_a_growth_average():
    result = judge(indicator(">5", **GROWTH), {"2022": 3.0}, "2022")
    assert (result.verdict, result.reason) == (Verdict.NOT_EVALUATED, Reason.NO_DATA)
    assert "2021" in result.explanation


def test_it_never_derives_growth_from_nominal_levels_when_rates_are_given():
    ind = indicator(">5", **GROWTH)
    observations = series("X1", {"2021": 8.0, "2022": 2.0}, unit="%") + series(
        "X1", {"2020": 100.0, "2022": 130.0}, unit="亿元"
    )
    result = run(plan(ind), observations, "2022").results[0]
    assert result.achieved == pytest.approx(4.9571, abs=1e-4)  # not (130/100)^(1/2) − 1 = 14 %
    assert any("亿元" in note for note in result.notes)


def test_it_refuses_a_fall_of_100_percent_rather_than_substituting():
    result = judge(indicator(">5", **GROWTH), {"2021": -100.0}, "2021")
    assert result.reason is Reason.NOT_POSITIVE


def test_it_compares_rates_directly_when_the_growth_target_is_zero():
    result = judge(indicator("≥0", **GROWTH), {"2021": 0.5, "2022": -0.2}, "2022")
    assert (result.verdict, result.progress) == (Verdict.ON_SCHEDULE, None)


# --- cumulative reduction and total ---------------------------------------------------------


REDUCTION = {"name": "单位GDP能源消耗降低", "unit": "%", "binding": True}


def test_it_compounds_reductions_against_the_five_year_target():
    # 14th FYP energy intensity (examples): 2.7 %, 0.1 % → 2.797 %; P = 0.2072 < τ = 0.4.
    result = judge(indicator("〔13.5〕", **REDUCTION), {"2021": 2.7, "2022": 0.1}, "2022")
    assert result.achieved == pytest.approx(2.7973, abs=1e-4)
    assert result.progress == pytest.approx(0.2072, abs=1e-4)
    assert result.required == pytest.approx(5.4)  # 40 % of 13.5
    assert result.needed_per_year == pytest.approx(3.814, abs=5e-4)
    assert result.verdict is Verdict.BEHIND


def test_it_counts_a_reduction_exactly_on_the_ndrc_schedule_as_on_schedule():
    # 2.7 of 13.5 after one year is exactly 20 %.
    assert judge(indicator("〔13.5〕", **REDUCTION), {"2021": 2.7}, "2021").verdict is Verdict.ON_SCHEDULE


def test_it_reaches_a_reduction_target_by_compounding_not_summing():
    # 2.01, 3.6, 3.7, 4.8, 5.6 → 18.25 % ≥ 18 %.
    values = dict(zip(("2021", "2022", "2023", "2024", "2025"), (2.01, 3.6, 3.7, 4.8, 5.6), strict=True))
    result = judge(indicator("〔18〕", **REDUCTION), values, "2025")
    assert result.achieved == pytest.approx(18.25, abs=0.005)
    assert result.verdict is Verdict.TARGET_REACHED
    short = judge(indicator("〔19〕", **REDUCTION), values, "2025")  # sum 19.71 would pass; 18.25 does not
    assert short.verdict is Verdict.BEHIND


JOBS = {"name": "城镇新增就业", "unit": "万人"}


def test_it_sums_a_cumulative_total_and_flags_half_years():
    # METHODS.md G5: 2014 H1 737万 new urban jobs against the year's 1000万 → 73.7 % at τ = 0.5.
    ind = indicator("〔1000〕", base_year=2013, target_year=2014, **JOBS)
    result = judge(ind, {"2014H1": 737}, "2014H1")
    assert (result.progress, result.time_share) == (pytest.approx(0.737), pytest.approx(0.5))
    assert result.verdict is Verdict.AHEAD
    assert result.provisional


def test_it_reports_a_total_exceeded():
    # METHODS.md G5: 2021, 1269万 against 1100万 → 115.4 %.
    ind = indicator("〔1100〕", base_year=2020, target_year=2021, **JOBS)
    result = judge(ind, {"2021": 1269}, "2021")
    assert result.progress == pytest.approx(1.1536, abs=1e-4)
    assert result.verdict is Verdict.TARGET_REACHED


def test_it_spreads_the_rest_of_a_total_over_the_remaining_years():
    # Synthetic: 〔5000〕 over 2021–2025, 1000 and 900 so far → 3100 over 3 years.
    result = judge(indicator("〔5000〕", **JOBS), {"2021": 1000, "2022": 900}, "2022")
    assert result.progress == pytest.approx(0.38)
    assert result.needed_per_year == pytest.approx(3100 / 3)
    assert result.verdict is Verdict.ON_SCHEDULE


# --- relative, yearly, completion, unparsed -------------------------------------------------


def _gdp_and(code: str, target: str, name: str) -> tuple:
    gdp = indicator("保持在合理区间、各年度视情提出", 2.3, code="N01", name="国内生产总值（GDP）增长", unit="%")
    other = indicator(target, 2.5, code=code, name=name, unit="%")
    return gdp, other


def test_it_compares_growth_with_the_reference_indicator():
    # N07 (examples) income vs GDP, 2021–2022: 8.1, 2.9 vs 8.1, 3.0 → −0.051 points → 基本同步.
    gdp, income = _gdp_and("N07", "与GDP增长基本同步", "居民人均可支配收入增长")
    observations = series("N01", {"2021": 8.1, "2022": 3.0}) + series("N07", {"2021": 8.1, "2022": 2.9})
    result = run(plan(gdp, income), observations, "2022").results[1]
    expected = (math.sqrt(1.081 * 1.029) - math.sqrt(1.081 * 1.03)) * 100
    assert result.gap == pytest.approx(expected)
    assert result.gap == pytest.approx(-0.0512, abs=1e-4)
    assert result.verdict is Verdict.ON_SCHEDULE


def test_it_requires_growth_above_the_reference_for_higher_than():
    gdp, productivity = _gdp_and("N02", "高于GDP增长", "全员劳动生产率增长")
    observations = series("N01", {"2021": 8.1, "2022": 3.0}) + series("N02", {"2021": 8.0, "2022": 3.0})
    assert run(plan(gdp, productivity), observations, "2022").results[1].verdict is Verdict.BEHIND


def test_it_reports_a_missing_reference():
    result = judge(indicator("高于GDP增长", name="全员劳动生产率增长", unit="%"), {"2021": 8.7}, "2021")
    assert result.reason is Reason.NO_REFERENCE


ANNUAL_GDP = {2021: "6%以上", 2022: "5.5%左右", 2023: "5%左右"}


def test_it_judges_each_year_against_its_own_target():
    # N01 (examples, Government Work Reports): 8.1 ≥ 6 met; 3.0 < 5.5 − 0.5 missed.
    gdp = indicator("保持在合理区间、各年度视情提出", 2.3, code="N01", name="国内生产总值（GDP）增长", unit="%")
    the_plan = plan(gdp, annual={"N01": ANNUAL_GDP})
    observations = series("N01", {"2021": 8.1, "2022": 3.0, "2023": 5.2})
    assert run(the_plan, observations, "2021").results[0].verdict is Verdict.ON_SCHEDULE
    at_2022 = run(the_plan, observations, "2022").results[0]
    assert at_2022.verdict is Verdict.BEHIND
    assert any("2022年为3%" in note and "未达到" in note for note in at_2022.notes)


def test_it_needs_yearly_targets_for_a_yearly_target_indicator():
    result = judge(
        indicator("保持在合理区间、各年度视情提出", name="国内生产总值（GDP）增长", unit="%"), {"2021": 8.1}, "2021"
    )
    assert result.reason is Reason.NO_ANNUAL_TARGETS


def test_it_judges_completion_year_by_year():
    ind = indicator("完成省下达任务")
    assert judge(ind, {"2021": 1, "2022": 1}, "2022").verdict is Verdict.ON_SCHEDULE
    assert judge(ind, {"2021": 1, "2022": 0}, "2022").verdict is Verdict.BEHIND


def test_it_keeps_an_unparsed_target_as_the_reason():
    result = judge(indicator("稳步提高", 10), {"2022": 11}, "2022")
    assert (result.verdict, result.reason) == (Verdict.NOT_EVALUATED, Reason.UNPARSED_TARGET)
    assert "稳步提高" in result.explanation
    assert judge(indicator("", 10), {"2022": 11}, "2022").reason is Reason.NO_TARGET


def test_it_judges_an_average_growth_target_on_a_level_by_compound_growth():
    # Synthetic 地区生产总值 in 亿元: 1000 (2020) → 1080, 1140; target 6%左右 (from 5.5 %):
    # growth √1.14 − 1 = 6.77 %; P = ln 1.14 / (5 ln 1.055) = 0.4895 against τ = 0.4 → ahead.
    ind = indicator("6%左右", 1000, name="地区生产总值", unit="亿元")
    assert ind.target.kind is TargetKind.AVG_GROWTH
    result = judge(ind, {"2021": 1080, "2022": 1140}, "2022")
    assert result.achieved == pytest.approx((math.sqrt(1.14) - 1) * 100)
    assert result.progress == pytest.approx(math.log(1.14) / (5 * math.log(1.055)))
    assert result.verdict is Verdict.AHEAD
    goal = 1000 * 1.055**5
    assert result.needed_per_year == pytest.approx(((goal / 1140) ** (1 / 3) - 1) * 100)
    assert any("名义增长" in note for note in result.notes)


def test_it_says_when_the_latest_value_is_older_than_the_cut_off():
    # N12 as of 2022: 2022 is missing, 2021 is used (τ = 0.2) and the result says so.
    result = judge(indicator("4.5", 1.8, unit="个"), {"2021": 2.03}, "2022")
    assert "最新数据为2021年，早于评估截止期2022年" in result.notes
    assert not any("早于" in note for note in judge(indicator("4.5", 1.8), {"2022": 2.5}, "2022").notes)
