"""The time-progress principle (时间与进度基本一致, 序时进度): the method Chinese plan
evaluations use.

Progress towards the five-year target is compared with the time share elapsed (时间进度):
2 of 5 years → 40 %, mid-2023 → 50 %. One rule per target kind (docs/METHODS.md §1.2–1.3):

- level: P = (x − x0)/(X − x0); reached when x passes X in the indicator's direction;
- avg_growth: P = Σ ln(1+gᵢ) / (N·ln(1+g)), i.e. the geometric-mean growth against g;
- cumulative_reduction: P = R/r with R = 1 − Π(1 − rᵢ) (NDRC: 20/40/60/80 % of the target);
- cumulative_total: P = Σaᵢ / A;
- floor, ceiling, range: every period, or the average of the periods (a setting), in bounds;
- in_step: average growth against the reference indicator's over the same years;
- annual: each year's value against that year's target;
- completion: every year done.

Classification, in this order: target reached → 提前达到规划目标; P ≥ τ(1 + ahead_margin) →
快于预期; P ≥ τ(1 − tolerance) → 基本符合进度要求; otherwise 未达进度要求. Binding (约束性)
indicators use ``binding_tolerance``. Sources: NDRC's 2011 energy-saving assessment rule
(20/40/60/80/100 %), Beijing's and the national 14th FYP mid-term evaluations (时间过半、任务过半),
docs/METHODS.md §1.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from statistics import fmean
from typing import Any

from planeval.domain.case import Case
from planeval.domain.numbers import MISSING_MARKS, format_number, format_percent
from planeval.domain.observation import Observation
from planeval.domain.period import chinese_label, time_share
from planeval.domain.plan import AnnualTarget
from planeval.domain.result import IndicatorResult
from planeval.domain.settings import EvaluationSettings
from planeval.domain.target import Relation, Target, TargetKind, growth_floor
from planeval.domain.verdict import Reason, Verdict
from planeval.methods import common, formulas
from planeval.methods.formulas import EPSILON
from planeval.methods.registry import register

NAME = "time_progress"

Rule = Callable[[Case, EvaluationSettings], IndicatorResult]
_RULES: dict[TargetKind, Rule] = {}


def _rule(*kinds: TargetKind) -> Callable[[Rule], Rule]:
    def decorate(function: Rule) -> Rule:
        for kind in kinds:
            _RULES[kind] = function
        return function

    return decorate


@register(NAME)
def time_progress(case: Case, settings: EvaluationSettings) -> IndicatorResult:
    """Judge one indicator by the time-progress principle.

    Args:
        case: the indicator with its chosen baseline, observations and effective target.
        settings: tolerance, ahead margin and the other thresholds.

    Returns:
        An :class:`IndicatorResult` with the verdict and the numbers behind it; a result with
        verdict ``not_evaluated`` and a :class:`Reason` where the data do not allow a verdict.
    """
    return _RULES[case.target.kind](case, settings)


def classify(progress: float, share: float, binding: bool, settings: EvaluationSettings) -> Verdict:
    """Verdict from progress P against time share τ (both fractions), without the
    target-reached test. P ≥ τ(1 + ahead_margin) is ahead, P ≥ τ(1 − tolerance) on schedule.
    """
    if progress >= share * (1 + settings.ahead_margin) - EPSILON and progress > 0:
        return Verdict.AHEAD
    if progress >= share * (1 - settings.tolerance_for(binding)) - EPSILON:
        return Verdict.ON_SCHEDULE
    return Verdict.BEHIND


def _result(case: Case, verdict: Verdict, explanation: str = "", **values: Any) -> IndicatorResult:
    return common.result(case, NAME, verdict, explanation, **values)


def not_evaluated(case: Case, reason: Reason, detail: str = "") -> IndicatorResult:
    """A ``not_evaluated`` result of this method (see :func:`planeval.methods.common.not_evaluated`)."""
    return common.not_evaluated(case, NAME, reason, detail)


def _n(value: float | None, digits: int = 2) -> str:
    return format_number(value, digits)


def _pct(fraction: float) -> str:
    return format_percent(fraction)


def _moved(progress: float, change: float, unit: str) -> str:
    """完成规划目标的X%, or, moving away from the target, how far and which way."""
    if progress >= 0:
        return f"完成规划目标的{_pct(progress)}"
    return f"较基期{'上升' if change > 0 else '下降'}{_n(abs(change))}{unit}，与规划目标方向相反"


def _rest(case: Case, years: float) -> str:
    """The years still to come, as a report says it: 其余3年, 2025年."""
    return f"{case.end_year}年" if years == 1 else f"其余{_n(years, 1)}年"


def _counted(target: Target, floor: float) -> str:
    """``（按4.5%计）`` where the rate judged differs from the one written (X左右, a band)."""
    return "" if target.value == floor and not target.approximate else f"（按{_n(floor)}%计）"


def _span(first: Observation, last: Observation) -> str:
    if first.period == last.period:
        return chinese_label(first.period)
    return f"{chinese_label(first.period)}至{chinese_label(last.period)}"


def _remaining(case: Case, end: float) -> float:
    """Whole plan years left after ``end`` (a fractional year): 3 after 2022, 2.5 after 2023H1."""
    return max(case.end_year + 1 - end, 0.0)


def _share(case: Case, observation: Observation) -> float:
    return time_share(observation.period.end, case.start_year, case.end_year)


# --- level ----------------------------------------------------------------------------------


@_rule(TargetKind.LEVEL)
def _level(case: Case, settings: EvaluationSettings) -> IndicatorResult:
    if not case.observations:
        return not_evaluated(case, Reason.NO_DATA)
    if case.baseline is None:
        return not_evaluated(case, Reason.NO_BASELINE)
    latest = case.observations[-1]
    x, x0, target = latest.value, case.baseline, float(case.target.value or 0)
    d, share = case.direction.sign, _share(case, latest)
    progress = formulas.linear_progress(x, x0, target)
    required = x0 + share * (target - x0)
    reached = d * (x - target) >= -EPSILON
    verdict = Verdict.TARGET_REACHED if reached else classify(progress, share, case.binding, settings)
    rest = _remaining(case, latest.period.end)
    unit = case.indicator.unit
    text = (
        f"{chinese_label(latest.period)}为{_n(x)}{unit}，基期{_n(x0)}{unit}，目标{_n(target)}{unit}；"
        f"{_moved(progress, x - x0, unit)}，时间进度{_pct(share)}，按序时进度应达{_n(required)}{unit}"
    )
    return _result(
        case,
        verdict,
        text,
        time_share=share,
        progress=progress,
        achieved=x,
        required=required,
        target_value=target,
        gap=d * (x - required),
        latest_period=latest.period,
        observations=case.observations,
        needed_per_year=None if reached or rest <= 0 else (target - x) / rest,
        needed_growth=None if reached else _safe(formulas.level_growth_needed, x, target, rest),
    )


def _safe(function: Callable[..., float], *args: float) -> float | None:
    try:
        return function(*args)
    except ValueError:
        return None


# --- floors, ceilings and bands -------------------------------------------------------------


def _bounds(target: Target, settings: EvaluationSettings) -> tuple[float, float]:
    """(low, high) that a value must lie within; ±inf where the target sets no bound."""
    kind, value = target.kind, target.value
    if target.approximate and value is not None:
        return value - settings.about_tolerance, value + settings.about_tolerance
    if kind is TargetKind.RANGE:
        return (
            target.low if target.low is not None else -math.inf,
            target.high if target.high is not None else math.inf,
        )
    if kind is TargetKind.CEILING:
        return -math.inf, float(value if value is not None else math.inf)
    return float(value if value is not None else -math.inf), math.inf


def _within(value: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] - EPSILON <= value <= bounds[1] + EPSILON


def _outside(value: float, bounds: tuple[float, float]) -> str:
    """``低于`` a value under the bound, ``超出`` one over it."""
    return "低于" if value < bounds[0] else "超出"


@_rule(TargetKind.FLOOR, TargetKind.CEILING, TargetKind.RANGE)
def _bound(case: Case, settings: EvaluationSettings) -> IndicatorResult:
    if not case.observations:
        return not_evaluated(case, Reason.NO_DATA)
    if case.target.held:
        return _held(case)
    bounds = _bounds(case.target, settings)
    values = [o.value for o in case.observations]
    outside = [o for o in case.observations if not _within(o.value, bounds)]
    average = fmean(values)
    met = _within(average, bounds) if settings.bound_rule == "average" else not outside
    latest = case.observations[-1]
    unit = case.indicator.unit
    notes = [f"{chinese_label(o.period)}为{_n(o.value)}{unit}，{_outside(o.value, bounds)}目标{case.target.text}"
             for o in outside]  # fmt: skip
    if settings.bound_rule == "average":
        judged = f"各期平均{_n(average)}{unit}"
    else:
        judged = f"{len(values)}个统计期中{len(values) - len(outside)}个在目标范围内"
    text = f"目标{case.target.text}；{judged}，{'符合' if met else '不符合'}要求"
    limit = bounds[1] if case.target.kind is TargetKind.CEILING else bounds[0]
    return _result(
        case,
        Verdict.ON_SCHEDULE if met else Verdict.BEHIND,
        text,
        time_share=_share(case, latest),
        achieved=average,
        target_value=case.target.value,
        gap=case.direction.sign * (average - limit) if math.isfinite(limit) else None,
        latest_period=latest.period,
        observations=case.observations,
        notes=notes,
    )


def _held(case: Case) -> IndicatorResult:
    """A level met at baseline (docs/METHODS.md §1.4): still met at the latest value → reached
    (maintained); fallen back past it → behind."""
    latest = case.observations[-1]
    value = float(case.target.value or 0)
    kept = case.direction.sign * (latest.value - value) >= -EPSILON
    unit = case.indicator.unit
    state = "保持在目标以内" if kept else "已回落，未能保持目标"
    text = f"基期已达到目标{case.target.text}{unit}；{chinese_label(latest.period)}为{_n(latest.value)}{unit}，{state}"
    return _result(
        case, Verdict.TARGET_REACHED if kept else Verdict.BEHIND, text, time_share=_share(case, latest),
        achieved=latest.value, target_value=value, gap=case.direction.sign * (latest.value - value),
        latest_period=latest.period, observations=case.observations,
    )  # fmt: skip


# --- flows: growth, reductions, totals ------------------------------------------------------


def _missing_years(case: Case) -> list[int]:
    years = [o.period.year for o in case.observations]
    return [y for y in range(case.start_year, years[-1] + 1) if y not in years]


def _flow_gate(case: Case) -> IndicatorResult | None:
    """The not-evaluated result when a flow lacks data or a year in the middle."""
    if not case.observations:
        return not_evaluated(case, Reason.NO_DATA)
    missing = _missing_years(case)
    if missing:
        return not_evaluated(case, Reason.NO_DATA, "缺" + "、".join(f"{y}年" for y in missing) + "数据")
    return None


def _weights(case: Case) -> list[float]:
    return [o.period.years for o in case.observations]


def _provisional(case: Case) -> bool:
    return any(o.period.years < 1 for o in case.observations)


def _growth_floor(target: Target, settings: EvaluationSettings) -> float:
    """The lowest average growth (% a year) that meets an ``avg_growth`` target (see
    :func:`planeval.domain.target.growth_floor`)."""
    return growth_floor(target, settings.about_tolerance)


@_rule(TargetKind.AVG_GROWTH)
def _avg_growth(case: Case, settings: EvaluationSettings) -> IndicatorResult:
    if not case.indicator.is_growth_rate:
        return _level_growth(case, settings)
    gate = _flow_gate(case)
    if gate:
        return gate
    rates, weights = [o.value for o in case.observations], _weights(case)
    try:
        achieved_log = formulas.log_growth(rates, weights)
    except ValueError:
        return not_evaluated(case, Reason.NOT_POSITIVE)
    years, total = sum(weights), case.years
    achieved = formulas.average_growth(rates, weights)
    floor = _growth_floor(case.target, settings)
    share, rest = years / total, total - years
    if floor <= 0:
        return _growth_compared(case, achieved, floor, share)
    progress = achieved_log / (total * math.log1p(floor / 100))
    reached = progress >= 1 - EPSILON
    verdict = Verdict.TARGET_REACHED if reached else classify(progress, share, case.binding, settings)
    latest = case.observations[-1]
    needed = None if reached or rest <= 0 else formulas.growth_needed(floor, total, achieved_log, rest)
    text = (
        f"{_span(case.observations[0], latest)}年均增长{_n(achieved)}%，目标{case.target.text}"
        f"{_counted(case.target, floor)}；完成规划目标的{_pct(progress)}，时间进度{_pct(share)}"
    )
    if needed is not None:
        text += f"；{_rest(case, rest)}需{'' if rest == 1 else '年均'}增长{_n(needed)}%"
    return _result(
        case,
        verdict,
        text,
        time_share=share,
        progress=progress,
        achieved=achieved,
        required=floor,
        target_value=floor,
        gap=achieved - floor,
        needed_per_year=needed,
        needed_growth=needed,
        latest_period=latest.period,
        observations=case.observations,
        provisional=_provisional(case),
    )


def _level_growth(case: Case, settings: EvaluationSettings) -> IndicatorResult:
    """An average-growth target on a level (地区生产总值 in 亿元, 年均增长6%): the compound
    growth from the baseline level, ln(x/x0) / (N·ln(1+g)) against τ (docs/METHODS.md §1.2(a),
    geometric variant). From current-price levels this is nominal growth, and the result says so."""
    if not case.observations:
        return not_evaluated(case, Reason.NO_DATA)
    if case.baseline is None:
        return not_evaluated(case, Reason.NO_BASELINE)
    latest = case.observations[-1]
    x, x0, floor = latest.value, case.baseline, _growth_floor(case.target, settings)
    if x <= 0 or x0 <= 0 or floor <= -100:
        return not_evaluated(case, Reason.NOT_POSITIVE)
    years = latest.period.end - (case.start_year)
    total, rest = case.years, case.years - years
    achieved = formulas.level_growth_needed(x0, x, years) if years > 0 else 0.0
    if floor <= 0:
        return _growth_compared(case, achieved, floor, years / total)
    progress = math.log(x / x0) / (total * math.log1p(floor / 100))
    reached = progress >= 1 - EPSILON
    verdict = Verdict.TARGET_REACHED if reached else classify(progress, years / total, case.binding, settings)
    goal = x0 * (1 + floor / 100) ** total
    needed = None if reached or rest <= 0 else formulas.level_growth_needed(x, goal, rest)
    text = (
        f"{chinese_label(latest.period)}为{_n(x)}{case.indicator.unit}，较基期{_n(x0)}年均增长{_n(achieved)}%，"
        f"目标{case.target.text}{_counted(case.target, floor)}；完成规划目标的{_pct(progress)}，"
        f"时间进度{_pct(years / total)}"
    )
    if needed is not None:
        text += f"；{_rest(case, rest)}需{'' if rest == 1 else '年均'}增长{_n(needed)}%"
    return _result(
        case, verdict, text, time_share=years / total, progress=progress, achieved=achieved, required=floor,
        target_value=floor, gap=achieved - floor, needed_per_year=needed, needed_growth=needed,
        latest_period=latest.period, observations=case.observations,
        notes=["增速由水平值推算，现价水平值反映名义增长"],
    )  # fmt: skip


def _growth_compared(case: Case, achieved: float, floor: float, share: float) -> IndicatorResult:
    """For a growth target of zero or less a progress share means nothing: compare rates."""
    met = achieved >= floor - EPSILON
    text = f"年均增长{_n(achieved)}%，目标不低于{_n(floor)}%"
    return _result(
        case,
        Verdict.ON_SCHEDULE if met else Verdict.BEHIND,
        text,
        time_share=share,
        achieved=achieved,
        required=floor,
        target_value=floor,
        gap=achieved - floor,
        latest_period=case.observations[-1].period,
        observations=case.observations,
        provisional=_provisional(case),
    )


@_rule(TargetKind.CUMULATIVE_REDUCTION)
def _reduction(case: Case, settings: EvaluationSettings) -> IndicatorResult:
    gate = _flow_gate(case)
    if gate:
        return gate
    rates, weights = [o.value for o in case.observations], _weights(case)
    target = float(case.target.value or 0)
    if target <= 0:
        return not_evaluated(case, Reason.UNPARSED_TARGET, f"累计降低目标{case.target.text}应为正数")
    try:
        achieved = formulas.compound_reduction(rates, weights)
    except ValueError:
        return not_evaluated(case, Reason.NOT_POSITIVE)
    years = sum(weights)
    share, rest = years / case.years, case.years - years
    progress = achieved / target
    reached = achieved >= target - EPSILON
    verdict = Verdict.TARGET_REACHED if reached else classify(progress, share, case.binding, settings)
    needed = None if reached or rest <= 0 else formulas.reduction_needed(target, achieved, rest)
    latest = case.observations[-1]
    text = (
        f"{_span(case.observations[0], latest)}累计降低{_n(achieved)}%，五年目标{_n(target)}%；"
        f"完成规划目标的{_pct(progress)}，时间进度{_pct(share)}"
    )
    if needed is not None:
        text += f"；{_rest(case, rest)}需{'' if rest == 1 else '年均'}降低{_n(needed)}%"
    return _result(
        case,
        verdict,
        text,
        time_share=share,
        progress=progress,
        achieved=achieved,
        required=target * share,
        target_value=target,
        gap=achieved - target * share,
        needed_per_year=needed,
        latest_period=latest.period,
        observations=case.observations,
        provisional=_provisional(case),
    )


@_rule(TargetKind.CUMULATIVE_TOTAL)
def _total(case: Case, settings: EvaluationSettings) -> IndicatorResult:
    gate = _flow_gate(case)
    if gate:
        return gate
    target = float(case.target.value or 0)
    if target <= 0:
        return not_evaluated(case, Reason.UNPARSED_TARGET, f"累计目标{case.target.text}应为正数")
    achieved = sum(o.value for o in case.observations)
    latest = case.observations[-1]
    share, rest = _share(case, latest), _remaining(case, latest.period.end)
    progress = achieved / target
    reached = achieved >= target - EPSILON
    verdict = Verdict.TARGET_REACHED if reached else classify(progress, share, case.binding, settings)
    unit = case.indicator.unit
    text = (
        f"{_span(case.observations[0], latest)}累计{_n(achieved)}{unit}，五年目标{_n(target)}{unit}；"
        f"完成规划目标的{_pct(progress)}，时间进度{_pct(share)}"
    )
    return _result(
        case,
        verdict,
        text,
        time_share=share,
        progress=progress,
        achieved=achieved,
        required=target * share,
        target_value=target,
        gap=achieved - target * share,
        needed_per_year=None if reached or rest <= 0 else (target - achieved) / rest,
        latest_period=latest.period,
        observations=case.observations,
        provisional=_provisional(case),
    )


# --- relative, annual, completion, unparsed -------------------------------------------------


@_rule(TargetKind.IN_STEP)
def _in_step(case: Case, settings: EvaluationSettings) -> IndicatorResult:
    reference = case.reference
    if reference is None:
        return not_evaluated(case, Reason.NO_REFERENCE, f"规划中未找到{case.target.reference}")
    theirs = {o.period.year: o for o in reference.observations}
    ours = [o for o in case.observations if o.period.year in theirs and theirs[o.period.year].period == o.period]
    if not ours:
        return not_evaluated(case, Reason.NO_DATA, "与参照指标无同期数据")
    weights = [o.period.years for o in ours]
    try:
        mine = formulas.average_growth([o.value for o in ours], weights)
        other = formulas.average_growth([theirs[o.period.year].value for o in ours], weights)
    except ValueError:
        return not_evaluated(case, Reason.NOT_POSITIVE)
    difference = mine - other
    above = case.target.relation is Relation.ABOVE
    met = difference > EPSILON if above else difference >= -settings.in_step_tolerance - EPSILON
    latest = ours[-1]
    text = (
        f"{_span(ours[0], latest)}年均增长{_n(mine)}%，参照指标{reference.indicator.name}年均{_n(other)}%，"
        f"相差{_n(difference)}个百分点；目标{case.target.text}"
    )
    return _result(
        case,
        Verdict.ON_SCHEDULE if met else Verdict.BEHIND,
        text,
        time_share=_share(case, latest),
        achieved=mine,
        required=other,
        gap=difference,
        latest_period=latest.period,
        observations=tuple(ours),
        provisional=any(o.period.years < 1 for o in ours),
    )


def _meets_year(value: float, annual: AnnualTarget, case: Case, settings: EvaluationSettings) -> bool:
    target = annual.target
    if target.kind is TargetKind.CEILING or (target.approximate and case.direction.sign < 0):
        low, high = -math.inf, _bounds(target, settings)[1]
    elif target.kind is TargetKind.RANGE and not target.approximate:
        low, high = _bounds(target, settings)
    else:
        low, high = _growth_floor(target, settings), math.inf
    return _within(value, (low, high))


@_rule(TargetKind.ANNUAL)
def _annual(case: Case, settings: EvaluationSettings) -> IndicatorResult:
    if not case.annual_targets:
        return not_evaluated(case, Reason.NO_ANNUAL_TARGETS)
    targets = {a.year: a for a in case.annual_targets}
    judged = [o for o in case.observations if o.period.year in targets and targets[o.period.year].target.is_parsed]
    unread = [
        f"{y}年度目标“{a.target.text}”无法量化，未作评价"
        for y, a in targets.items()
        if not a.target.is_parsed and any(o.period.year == y for o in case.observations)
    ]
    if not judged:
        return not_evaluated(case, Reason.NO_DATA)
    outcome = [(o, _meets_year(o.value, targets[o.period.year], case, settings)) for o in judged]
    notes = [
        f"{chinese_label(o.period)}为{_n(o.value)}{case.indicator.unit}，年度目标{targets[o.period.year].target.text}，"
        f"{'达到' if ok else '未达到'}"
        for o, ok in outcome
    ]
    met = all(ok for _, ok in outcome)
    hit = sum(ok for _, ok in outcome)
    latest = judged[-1]
    missed = len(outcome) - hit
    span = _span(judged[0], latest)
    text = f"{span}均达到年度目标" if not missed else f"{span}有{missed}个年度未达到年度目标"
    return _result(
        case,
        Verdict.ON_SCHEDULE if met else Verdict.BEHIND,
        text,
        time_share=_share(case, latest),
        achieved=latest.value,
        latest_period=latest.period,
        observations=tuple(judged),
        notes=notes + unread,
        provisional=latest.period.years < 1,
    )


@_rule(TargetKind.COMPLETION)
def _completion(case: Case, settings: EvaluationSettings) -> IndicatorResult:
    if not case.observations:
        return not_evaluated(case, Reason.NO_DATA)
    undone = [o for o in case.observations if o.value < 1]
    latest = case.observations[-1]
    notes = [f"{chinese_label(o.period)}未完成" for o in undone]
    span = _span(case.observations[0], latest)
    text = f"{span}均完成下达任务" if not undone else f"{span}有{len(undone)}个年度未完成下达任务"
    return _result(
        case,
        Verdict.BEHIND if undone else Verdict.ON_SCHEDULE,
        text,
        time_share=_share(case, latest),
        latest_period=latest.period,
        observations=case.observations,
        notes=notes,
    )


@_rule(TargetKind.CUMULATIVE_CHANGE)
def _change_without_baseline(case: Case, settings: EvaluationSettings) -> IndicatorResult:
    # With a baseline the case already turned 〔Δ〕 into the level baseline + Δ.
    return not_evaluated(case, Reason.NO_DATA if not case.observations else Reason.NO_BASELINE)


@_rule(TargetKind.UNPARSED)
def _unparsed(case: Case, settings: EvaluationSettings) -> IndicatorResult:
    text = case.target.text.strip()
    if text in MISSING_MARKS:
        return not_evaluated(case, Reason.NO_TARGET)
    return not_evaluated(case, Reason.UNPARSED_TARGET, f"目标“{text}”")
