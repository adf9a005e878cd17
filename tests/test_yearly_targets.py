"""Yearly targets (年度目标分解): one rule per target kind, published targets as overrides, and
the indicators that get no breakdown, each with its reason.

The figures are made up unless a test names examples/cn-14th-fyp; expected values are worked
by hand in the comments.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from planeval.domain.indicator import Aggregation
from planeval.domain.period import Period, parse_period
from planeval.domain.settings import EvaluationSettings
from planeval.domain.target import parse_target
from planeval.domain.verdict import Reason
from planeval.errors import PlanevalError
from planeval.evaluate import evaluate
from planeval.io.folder import load_plan_folder
from planeval.yearly_targets import (
    Breakdown,
    Comparison,
    NoBreakdown,
    Rule,
    cannot_be_negative,
    check_yearly_target,
    fallback_as_of,
    yearly_targets,
)

from factory import indicator, plan, series

EXAMPLE = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"
ENERGY = {"name": "单位GDP能源消耗降低", "unit": "%", "binding": True}


def breakdown(ind, values, as_of="2022", annual=None, **settings) -> Breakdown:
    the_plan = plan(ind, annual=annual)
    chosen = EvaluationSettings(**settings)
    (only,) = yearly_targets(the_plan, series(ind.code, values), parse_period(as_of), chosen)
    return only


def values(result: Breakdown) -> dict[int, float | None]:
    return {row.year: row.value for row in result.years}


def approx(expected: dict[int, float], abs_: float = 5e-4):
    return pytest.approx(expected, abs=abs_)


# --- the computed rules ---------------------------------------------------------------------


def test_it_spreads_a_cumulative_reduction_by_compounding():
    # 2.7 % and 0.1 % in 2021–2022: 1 − 0.973 × 0.999 = 2.7973 % so far. A 13.5 % five-year cut
    # needs (1 − 0.135)/(0.973 × 0.999) = 0.889893, 0.889893^(1/3) = 0.961862 → 3.8138 % a year.
    # (Rounding the cube root to 0.96183 would give 3.82 %; it is 0.961862.)
    result = breakdown(indicator("〔13.5〕", **ENERGY), {"2021": 2.7, "2022": 0.1})
    assert result.rule is Rule.COMPOUNDING
    assert values(result) == approx({2023: 3.8138, 2024: 3.8138, 2025: 3.8138})
    # check: 0.973 × 0.999 × 0.961862³ = 0.865 → 13.5 % over the five years
    assert all(row.computed == row.value and not row.overridden for row in result.years)
    assert result.goal == 13.5 and "累计降低2.8%" in result.explanation


def test_it_spreads_an_average_growth_rate_over_the_remaining_years():
    # 6 % a year over five years after 8 % and 2 %: (1.06⁵/(1.08 × 1.02))^(1/3) − 1
    # = (1.338226/1.1016)^(1/3) − 1 = 1.214802^(1/3) − 1 = 6.7010 % a year.
    growth = indicator("6", name="研发经费投入增长", unit="%")
    result = breakdown(growth, {"2021": 8.0, "2022": 2.0})
    assert result.rule is Rule.GROWTH
    assert values(result) == approx({2023: 6.7010, 2024: 6.7010, 2025: 6.7010})


def test_it_aims_a_growth_target_written_about_at_the_rate_the_evaluation_accepts():
    # 5%左右 is met from 4.5 % (about_tolerance 0.5): (1.045⁵/1.04²)^(1/3) − 1 = 4.8347 %;
    # with the tolerance set to 0, from 5 %: (1.05⁵/1.04²)^(1/3) − 1 = 5.6720 %.
    growth = indicator("5%左右", name="地区生产总值增长", unit="%")
    assert values(breakdown(growth, {"2021": 4.0, "2022": 4.0}))[2023] == pytest.approx(4.8347, abs=5e-4)
    strict = breakdown(growth, {"2021": 4.0, "2022": 4.0}, about_tolerance=0)
    assert values(strict)[2023] == pytest.approx(5.6720, abs=5e-4)


def test_it_grows_a_level_with_an_average_growth_target_geometrically():
    # 年均增长6% from 100 亿元: 2025 level 100 × 1.06⁵ = 133.8226; from 110 in 2022 the rate is
    # (133.8226/110)^(1/3) − 1 = 6.7527 %: 117.428, 125.358, 133.823.
    level = indicator("年均增长6%", 100, name="地区生产总值", unit="亿元")
    result = breakdown(level, {"2021": 105, "2022": 110})
    assert result.rule is Rule.GEOMETRIC
    assert values(result) == approx({2023: 117.428, 2024: 125.358, 2025: 133.823})
    assert result.goal == pytest.approx(133.8226, abs=5e-4)


def test_it_grows_the_level_of_a_summed_amount_geometrically():
    # An amount that adds up across regions (aggregation sum) grows by a rate: 120 → 150 亿元 in
    # three years is (150/120)^(1/3) − 1 = 7.7217 % a year: 129.266, 139.248, 150.
    amount = replace(indicator("150", 100, name="社会消费品零售总额", unit="亿元"), aggregation=Aggregation.SUM)
    result = breakdown(amount, {"2022": 120})
    assert result.rule is Rule.GEOMETRIC
    assert values(result) == approx({2023: 129.266, 2024: 139.248, 2025: 150.0})


def test_it_steps_a_share_linearly():
    # 62.3 % in 2022 to 65 % in 2025: three equal steps of (65 − 62.3)/3 = 0.9 point.
    share = indicator("65", 60, name="常住人口城镇化率", unit="%")
    result = breakdown(share, {"2021": 61.0, "2022": 62.3})
    assert result.rule is Rule.LINEAR
    assert values(result) == approx({2023: 63.2, 2024: 64.1, 2025: 65.0})


def test_it_steps_from_an_older_latest_value_over_every_year_left():
    # The latest value is 2021 (2022 not reported by the 2022 cut-off): four steps from 2021,
    # (4.5 − 2.0)/4 = 0.625 a year; the years after the cut-off are 2023–2025: 3.25, 3.875, 4.5.
    places = indicator("4.5", 1.8, name="每千人口拥有3岁以下婴幼儿托位数", unit="个")
    assert values(breakdown(places, {"2021": 2.0})) == approx({2023: 3.25, 2024: 3.875, 2025: 4.5})


def test_it_spreads_what_remains_of_a_total_evenly():
    # 〔5500〕 over five years, 1100 + 1200 = 2300 in 2021–2022: (5500 − 2300)/3 = 1066.67 a year.
    jobs = indicator("〔5500〕", name="城镇新增就业", unit="万人")
    result = breakdown(jobs, {"2021": 1100, "2022": 1200})
    assert result.rule is Rule.TOTAL
    assert values(result) == approx({2023: 1066.667, 2024: 1066.667, 2025: 1066.667}, abs_=1e-3)
    assert result.goal == 5500


def test_it_gives_the_rate_the_evaluation_says_is_still_needed():
    # The first remaining year's target is the evaluation's own "still needed" figure.
    cases = [
        (indicator("〔13.5〕", **ENERGY), {"2021": 2.7, "2022": 0.1}),
        (indicator("6", name="研发经费投入增长", unit="%"), {"2021": 8.0, "2022": 2.0}),
        (indicator("〔5500〕", name="城镇新增就业", unit="万人"), {"2021": 1100, "2022": 1200}),
    ]
    for ind, data in cases:
        judged = evaluate(plan(ind), series(ind.code, data), parse_period("2022")).results[0]
        assert values(breakdown(ind, data))[2023] == pytest.approx(judged.needed_per_year, abs=1e-9)


def test_it_includes_the_year_in_progress_at_a_half_year_cut_off():
    # 8 %, 2 %, then 5 % in 2023H1 against 6 % a year: index 110.16 at the end of 2022,
    # 110.16 × 1.05^0.5 = 112.880 at mid-2023; target index 133.8226 needs
    # (133.8226/112.880)^(1/2.5) − 1 = 7.0445 % a year for the 2.5 years left; the full year 2023
    # then grows 1.05^0.5 × 1.070445^0.5 − 1 = 6.0173 %.
    growth = indicator("6", name="研发经费投入增长", unit="%")
    result = breakdown(growth, {"2021": 8.0, "2022": 2.0, "2023H1": 5.0}, as_of="2023H1")
    assert values(result) == approx({2023: 6.0173, 2024: 7.0445, 2025: 7.0445})


# --- published yearly targets as overrides --------------------------------------------------


def test_it_keeps_a_published_target_in_the_middle_year_and_computes_the_later_years_again():
    # Computed: 3.8138 % a year (see above). Published for 2024: 3 %. Intensity index:
    # 100 × 0.973 × 0.999 = 97.2027; 2023 at 3.8138 % → 93.4955; 2024 at 3 % → 90.6907;
    # 2025 must reach 86.5: 1 − 86.5/90.6907 = 4.6208 %.
    result = breakdown(indicator("〔13.5〕", **ENERGY), {"2021": 2.7, "2022": 0.1}, annual={"X1": {2024: "3"}})
    assert values(result) == approx({2023: 3.8138, 2024: 3.0, 2025: 4.6208})
    middle = result.years[1]
    assert (middle.overridden, middle.override_text, middle.computed) == (True, "3", pytest.approx(3.8138, abs=5e-4))
    assert not result.years[2].overridden and result.years[2].computed == pytest.approx(4.6208, abs=5e-4)
    assert "2024年采用年度目标3，其后年份据此重算" in result.explanation


def test_it_moves_a_level_by_a_growth_rate_published_for_it():
    # 年均增长6% from 100 亿元 (2025: 133.8226); 2023 published as 6.5 %: 110 × 1.065 = 117.15,
    # then (133.8226/117.15)^(1/2) − 1 = 6.8793 % a year: 2024 125.209, 2025 133.823.
    level = indicator("年均增长6%", 100, name="地区生产总值", unit="亿元")
    result = breakdown(level, {"2021": 105, "2022": 110}, annual={"X1": {2023: "6.5%"}})
    assert values(result) == approx({2023: 117.15, 2024: 125.209, 2025: 133.823})
    assert result.years[0].computed == pytest.approx(117.428, abs=5e-4)


def test_it_ignores_targets_published_for_years_already_past():
    share = indicator("65", 60, name="常住人口城镇化率", unit="%")
    result = breakdown(share, {"2021": 61.0, "2022": 62.3}, annual={"X1": {2022: "63"}})
    assert not any(row.overridden for row in result.years)
    assert values(result) == approx({2023: 63.2, 2024: 64.1, 2025: 65.0})


def test_it_shows_a_published_target_without_a_number_and_keeps_the_computed_path():
    share = indicator("65", 60, name="常住人口城镇化率", unit="%")
    result = breakdown(share, {"2021": 61.0, "2022": 62.3}, annual={"X1": {2023: "稳步提高"}})
    first = result.years[0]
    assert (first.value, first.overridden, first.override_text) == (None, True, "稳步提高")
    assert values(result)[2024] == pytest.approx(64.1)


def test_it_lists_the_published_targets_of_a_target_set_each_year():
    gdp = indicator("保持在合理区间、各年度视情提出", 2.3, name="国内生产总值增长", unit="%")
    result = breakdown(gdp, {"2021": 8.1, "2022": 3.0}, annual={"X1": {2022: "5.5%左右", 2023: "5%左右"}})
    assert result.rule is Rule.ANNUAL
    assert [(r.year, r.value, r.computed, r.overridden) for r in result.years] == [(2023, 5.0, None, True)]
    assert "2024年、2025年尚未公布" in result.explanation
    assert breakdown(gdp, {"2021": 8.1}).reason is NoBreakdown.NOT_SET


# --- no breakdown, and bounds ---------------------------------------------------------------


def test_it_holds_a_binding_level_already_reached_every_remaining_year():
    # 87.5 % reached in 2021 (as N16 air quality did, falling back to 86.5 % in 2022): the
    # target is held in 2022–2025; exactly at target counts as reached (the boundary).
    air = indicator("87.5", 87, name="空气质量优良天数比率", unit="%", binding=True)
    held = breakdown(air, {"2021": 87.5}, as_of="2021")
    assert (held.rule, held.reason) == (Rule.HOLD, None)
    assert values(held) == {2022: 87.5, 2023: 87.5, 2024: 87.5, 2025: 87.5}
    assert {row.comparison for row in held.years} == {Comparison.AT_LEAST}
    assert "约束性指标其后各年须保持不低于87.5%" in held.explanation
    # fallen back to 86.5 in 2022: steps again, (87.5 − 86.5)/3 = 0.3333 a year
    fallen = breakdown(air, {"2021": 87.5, "2022": 86.5})
    assert fallen.rule is Rule.LINEAR
    assert values(fallen) == approx({2023: 86.8333, 2024: 87.1667, 2025: 87.5})


def test_it_holds_an_expected_level_already_reached_and_says_it_is_reached():
    share = indicator("65", 60, name="常住人口城镇化率", unit="%")
    result = breakdown(share, {"2022": 65.2})
    assert (result.rule, values(result)) == (Rule.HOLD, {2023: 65, 2024: 65, 2025: 65})
    assert result.explanation.startswith("已达到规划目标，无需分解（2022年为65.2%）")
    # a lower-is-better level is held as a ceiling: 〔-1〕 from 10 is 9; 8.8 ≤ 9
    falling = breakdown(indicator("〔-1〕", 10, name="某比例", unit="%"), {"2022": 8.8})
    assert values(falling) == {2023: 9, 2024: 9, 2025: 9}
    assert {row.comparison for row in falling.years} == {Comparison.AT_MOST}


def test_it_keeps_a_published_target_of_a_level_held():
    share = indicator("65", 60, name="常住人口城镇化率", unit="%")
    result = breakdown(share, {"2022": 65.2}, annual={"X1": {2024: "66左右"}})
    middle = result.years[1]
    assert (middle.value, middle.computed, middle.overridden, middle.comparison) == (66, 65, True, Comparison.ABOUT)


def test_it_holds_a_floor_met_after_the_baseline_as_a_bound():
    # N20-like: >46 from 40.8 in 2020 is a level to reach (the baseline misses it); 46.6 in 2022
    # meets it, and from then on the floor holds every year.
    energy = indicator(">46", 40.8, name="能源综合生产能力", unit="亿吨标准煤", binding=True)
    met = breakdown(energy, {"2021": 43.3, "2022": 46.6})
    assert (met.rule, values(met)) == (Rule.BOUND, {2023: 46, 2024: 46, 2025: 46})
    assert {row.comparison for row in met.years} == {Comparison.AT_LEAST}
    assert "已达到约束值>46，各年保持不低于46亿吨标准煤" in met.explanation
    # not yet met in 2021 (43.3): steps to the floor, (46 − 43.3)/4 = 0.675 a year
    on_the_way = breakdown(energy, {"2021": 43.3}, as_of="2021")
    assert on_the_way.rule is Rule.LINEAR
    assert values(on_the_way) == approx({2022: 43.975, 2023: 44.65, 2024: 45.325, 2025: 46.0})
    # a ceiling the baseline exceeded (6 > 5.5), met in 2022: at most 5.5 every year
    ceiling = breakdown(indicator("<5.5", 6, name="某失业率", unit="%"), {"2022": 5.4})
    assert (ceiling.rule, values(ceiling)) == (Rule.BOUND, {2023: 5.5, 2024: 5.5, 2025: 5.5})
    assert ceiling.years[0].comparison is Comparison.AT_MOST


def test_it_needs_no_breakdown_for_a_reduction_already_achieved():
    # 1 − 0.9 × 0.95 = 14.5 % ≥ 13.5 %: a yearly rate has no level to hold
    result = breakdown(indicator("〔13.5〕", **ENERGY), {"2021": 10.0, "2022": 5.0})
    assert (result.reason, result.years) == (NoBreakdown.TARGET_REACHED, ())


# --- no value yet: from the baseline --------------------------------------------------------


def test_it_breaks_a_level_down_from_the_baseline_when_no_value_is_reported_yet():
    # N11-like: 91 in 2020 to 95 in 2025, (95 − 91)/5 = 0.8 a year: 91.8, 92.6, 93.4, 94.2, 95;
    # as of 2022 the years 2023–2025 remain.
    pension = indicator("95", 91, name="基本养老保险参保率", unit="%")
    result = breakdown(pension, {})
    assert (result.rule, result.from_baseline, result.latest) == (Rule.LINEAR, True, None)
    assert values(result) == approx({2023: 93.4, 2024: 94.2, 2025: 95.0})
    assert result.explanation.startswith("尚无报送数据，自2020年基期值91%起分解")
    assert not breakdown(pension, {"2021": 92}).from_baseline


def test_it_breaks_a_rate_down_from_the_base_year_when_no_value_is_reported_yet():
    # 〔13.5〕 with nothing reported by 2021: 1 − 0.865^(1/5) = 2.8589 % in each of 2022–2025
    result = breakdown(indicator("〔13.5〕", **ENERGY), {}, as_of="2021")
    assert result.rule is Rule.COMPOUNDING and result.from_baseline
    assert values(result) == approx({2022: 2.8589, 2023: 2.8589, 2024: 2.8589, 2025: 2.8589})


def test_it_gives_no_breakdown_without_a_value_or_a_baseline():
    result = breakdown(indicator("10", name="数字经济核心产业增加值占GDP比重", unit="%"), {})
    assert (result.reason, result.evaluation_reason) == (NoBreakdown.NOT_EVALUATED, Reason.NO_DATA)
    assert result.explanation == "因缺少年度数据暂不分解"


# --- negative yearly targets ----------------------------------------------------------------


def test_it_refuses_a_negative_yearly_target_of_a_level_that_cannot_be_negative():
    doctors = indicator("3.2", 2.9, code="N10", name="每千人口拥有执业（助理）医师数", unit="人")
    assert cannot_be_negative(doctors)
    with pytest.raises(PlanevalError, match="N10 每千人口拥有执业（助理）医师数: a negative level"):
        check_yearly_target(doctors, parse_target("-5", unit="人"))
    check_yearly_target(doctors, parse_target("0", unit="人"))  # the boundary: zero is not negative
    growth = indicator("6", name="研发经费投入增长", unit="%")
    reduction = indicator("〔13.5〕", **ENERGY)
    change = indicator("〔-1〕", -0.5, name="某净变化", unit="个")  # a level whose baseline is negative
    floor_without_base = indicator(">6.5", name="粮食综合生产能力", unit="亿吨")
    assert [cannot_be_negative(i) for i in (growth, reduction, change, floor_without_base)] == [
        False, False, False, True]  # fmt: skip
    check_yearly_target(growth, parse_target("-2", unit="%", growth_rate=True))


def test_it_does_not_carry_a_negative_level_on_record_forward():
    # 3.15 in 2022 to 3.2: (3.2 − 3.15)/3 = 0.01667 a year; −5 published for 2023 is not used:
    # 2024 stays 3.1833 (from −5 it would have been −5 + (3.2 + 5)/2 = −0.9).
    doctors = indicator("3.2", 2.9, name="每千人口拥有执业（助理）医师数", unit="人")
    result = breakdown(doctors, {"2022": 3.15}, annual={"X1": {2023: "-5"}})
    first = result.years[0]
    assert (first.value, first.overridden, first.override_text) == (None, True, "-5")
    assert values(result)[2024] == pytest.approx(3.1833, abs=5e-4)
    assert "2023年度目标-5为负值，该指标数值不能为负，未采用" in result.explanation


# --- how a year's target is to be met -------------------------------------------------------


def test_it_says_how_each_years_target_is_to_be_met():
    assert [c.show("5.5") for c in Comparison] == ["5.5", "≥5.5", "≤5.5", "5.5左右"]
    floor = breakdown(indicator(">6.5", 6.6, name="粮食综合生产能力", unit="亿吨"), {"2022": 6.87})
    assert {row.comparison for row in floor.years} == {Comparison.AT_LEAST}
    gdp = indicator("保持在合理区间、各年度视情提出", 2.3, name="国内生产总值增长", unit="%")
    published = breakdown(gdp, {"2022": 3.0}, annual={"X1": {2023: "5%左右", 2024: "6%以上", 2025: "5"}})
    assert [row.comparison for row in published.years] == [Comparison.ABOUT, Comparison.AT_LEAST, Comparison.EXACT]
    steps = breakdown(indicator("65", 60, name="常住人口城镇化率", unit="%"), {"2022": 62.3})
    assert {row.comparison for row in steps.years} == {Comparison.EXACT}


# --- a cut-off that leaves no year ----------------------------------------------------------


def test_it_falls_back_to_the_latest_value_when_the_cut_off_leaves_no_year():
    doctors = indicator("3.2", 2.9, name="每千人口拥有执业（助理）医师数", unit="人")
    up_to_2024 = breakdown(doctors, {"2023": 3.40, "2024": 3.61}, as_of="2025")
    assert up_to_2024.reason is NoBreakdown.NOTHING_REMAINS
    assert fallback_as_of(up_to_2024, 2021) == parse_period("2024")
    final = breakdown(doctors, {"2024": 3.1, "2025": 3.3}, as_of="2025")
    assert fallback_as_of(final, 2021) is None  # a value for the target year is final
    half = breakdown(doctors, {"2024": 3.1, "2025H1": 3.15}, as_of="2025")
    assert fallback_as_of(half, 2021) == parse_period("2025H1")
    assert fallback_as_of(breakdown(doctors, {}, as_of="2025"), 2021) == Period.of_year(2021)
    assert fallback_as_of(breakdown(doctors, {"2022": 3.1}), 2021) is None  # years remain: no fallback


def test_it_holds_a_bound_every_year_without_breaking_it_down():
    ceiling = breakdown(indicator("<5.5", 5.2, name="城镇调查失业率", unit="%"), {"2022": 5.6})
    assert ceiling.rule is Rule.BOUND and values(ceiling) == {2023: 5.5, 2024: 5.5, 2025: 5.5}
    assert "无需分解" in ceiling.explanation
    held = breakdown(
        indicator("85", 86, name="地表水达到或好于Ⅲ类水体比例", unit="%", direction="increase"), {"2022": 87.9}
    )
    assert held.rule is Rule.BOUND and values(held)[2025] == 85 and "各年保持不低于85%" in held.explanation
    band = breakdown(indicator("5-6", name="某比例", unit="%"), {"2022": 5.5})
    assert values(band) == {2023: None, 2024: None, 2025: None}  # a band has no one number


def test_it_says_why_a_relative_or_completion_target_is_not_broken_down():
    relative = indicator("高于GDP增长", name="全员劳动生产率增长", unit="%")
    assert breakdown(relative, {"2022": 4.2}).reason is NoBreakdown.RELATIVE
    completion = indicator("完成省下达任务", name="主要污染物排放总量减少", unit="")
    assert breakdown(completion, {"2022": 1}).reason is NoBreakdown.COMPLETION


def test_it_gives_the_evaluations_reason_where_it_could_not_evaluate():
    unparsed = breakdown(indicator("稳步提高", 60, name="某指标", unit="%"), {"2022": 61})
    assert unparsed.evaluation_reason is Reason.UNPARSED_TARGET
    gap = breakdown(indicator("〔13.5〕", **ENERGY), {"2021": 2.7, "2023": 3.0}, as_of="2023")  # 2022 missing
    assert gap.evaluation_reason is Reason.NO_DATA


def test_it_leaves_nothing_when_the_cut_off_is_in_the_target_year():
    share = indicator("65", 60, name="常住人口城镇化率", unit="%")
    assert breakdown(share, {"2024": 64.0, "2025": 64.5}, as_of="2025").reason is NoBreakdown.NOTHING_REMAINS
    # at mid-2025 the year 2025 is still to come, and its target is the five-year target
    assert values(breakdown(share, {"2024": 64.0}, as_of="2025H1")) == {2025: 65.0}


def test_it_refuses_a_cut_off_after_the_plan():
    share = indicator("65", 60, name="常住人口城镇化率", unit="%")
    with pytest.raises(PlanevalError, match="after the plan's target year"):
        yearly_targets(plan(share), [], parse_period("2026"))


# --- the national 14th Five-Year Plan -------------------------------------------------------


def test_it_breaks_down_the_national_plan_as_of_2022():
    folder = load_plan_folder(EXAMPLE)
    result = {b.code: b for b in yearly_targets(folder.plan, folder.observations, parse_period("2022"))}
    # N14 energy intensity: 2.7 % (2021) and 0.1 % (2022) against 〔13.5〕: 0.865/(0.973 × 0.999)
    # = 0.889893, cube root 0.961862 → 3.81 % a year in 2023–2025.
    assert values(result["N14"]) == approx({2023: 3.8138, 2024: 3.8138, 2025: 3.8138})
    # N13 life expectancy: 〔1〕 on the census base 77.93 → 78.93; latest 78.2 (2021), four
    # steps of (78.93 − 78.2)/4 = 0.1825: 2023 78.2 + 2 × 0.1825 = 78.565, 2024 78.7475, 2025 78.93.
    assert values(result["N13"]) == approx({2023: 78.565, 2024: 78.7475, 2025: 78.93})
    assert result["N13"].rule is Rule.LINEAR and "（规划表〔1〕）" in result["N13"].explanation
    # N01's targets are set each year: the Government Work Reports' 5%左右 for 2023–2025
    assert [(r.year, r.value, r.override_source) for r in result["N01"].years] == [
        (2023, 5.0, "Government Work Report 2023"),
        (2024, 5.0, "Government Work Report 2024"),
        (2025, 5.0, "Government Work Report 2025"),
    ]
    # reached: N03 (expected) and N17 (binding) held, N20's floor >46 (met in 2022: 46.6) holds
    assert {code for code, b in result.items() if b.rule is Rule.HOLD} == {"N03", "N17"}
    assert values(result["N20"]) == {2023: 46, 2024: 46, 2025: 46} and result["N20"].rule is Rule.BOUND
    assert values(result["N19"]) == {2023: 6.5, 2024: 6.5, 2025: 6.5}
    assert not any(b.reason is NoBreakdown.TARGET_REACHED for b in result.values())
    # N11 has no value: from the baseline 91 (2020) to 95, 0.8 a year: 93.4, 94.2, 95 in 2023–2025
    assert values(result["N11"]) == approx({2023: 93.4, 2024: 94.2, 2025: 95.0})
    assert result["N11"].from_baseline


def test_it_breaks_down_n18_from_its_baseline_as_of_2021():
    # N18 forest cover: no value for 2021; 23.2 (2020) to 24.1, (24.1 − 23.2)/5 = 0.18 a year
    folder = load_plan_folder(EXAMPLE)
    result = {b.code: b for b in yearly_targets(folder.plan, folder.observations, parse_period("2021"))}
    assert values(result["N18"]) == approx({2022: 23.56, 2023: 23.74, 2024: 23.92, 2025: 24.1})
