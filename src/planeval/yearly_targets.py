"""Yearly targets (年度目标分解): for every indicator, the target of each remaining year of the
plan that leads from the latest value to the five-year target, or holds a target already met.

Which rule applies follows from the facts the evaluation judges by — the case's effective
target kind (:func:`planeval.domain.case.effective_target`), whether the indicator measures
levels (:func:`planeval.domain.case.measures_levels`), its aggregation — and every computed
rule works on the indicator's level series (:func:`planeval.domain.series.level_series`): the
levels themselves, the growth index of a growth rate (base year = 100), the intensity index of a
cumulative reduction, the running sum of a total. From the latest point p0 at s0 to the target
level G at the target year T (series time: a year's value sits at the year, 2022 → 2022.0):

===========  ====================================  ==========  =================================
rule         target kind                           path p(s)   the target of year y
===========  ====================================  ==========  =================================
linear       ``level`` (also ``〔Δ〕`` and a floor    linear      p(y), a level
             not met at baseline)
geometric    ``avg_growth`` of a level (GDP in      geometric   p(y), a level
             亿元); ``level`` of a summed amount
             (aggregation ``sum``)
growth       ``avg_growth`` of a growth rate        geometric   100·(p(y)/p(y−1) − 1), % a year
compounding  ``cumulative_reduction``               geometric   100·(1 − p(y)/p(y−1)), % a year
total        ``cumulative_total``                   linear      p(y) − p(y−1), an amount
bound        ``floor``, ``ceiling``, ``range``; a  —           the bound itself, every year
             level held since the baseline; a floor
             or ceiling met after the baseline
hold         ``level`` (also ``〔Δ〕``) reached      —           the target, every year
annual       ``annual`` (各年度视情提出)             —           the published yearly target
===========  ====================================  ==========  =================================

linear: p(s) = p0 + (G − p0)·(s − s0)/(T − s0), equal steps (docs/METHODS.md §1.2(a), the linear
progress P = (x − x0)/(X − x0) by which the evaluation judges a level). geometric:
p(s) = p0·(G/p0)^((s − s0)/(T − s0)), the same compound rate every year (§1.2(a), geometric
variant). growth: the rate ((1 + g)^N / Π(1 + gᵢ))^(1/(T − s0)) − 1 that makes the average over
the plan reach g from the growth achieved so far (§1.2(b); :func:`formulas.growth_needed`).
compounding: 1 − ((1 − r)/Π(1 − rᵢ))^(1/(T − s0)) a year (§1.2(c);
:func:`formulas.reduction_needed`): after 2.7 % and 0.1 % in 2021–2022, a 13.5 % five-year
reduction needs 1 − (0.865/(0.973·0.999))^(1/3) = 3.81 % a year in 2023–2025. total: the
remainder (A − Σaᵢ)/(T − s0) each year (§1.2(d)). Splitting a five-year target into yearly ones is
the NDRC practice for the energy targets: 20/40/60/80 % of the five-year target after years 1–4
(§1.1). For ``avg_growth`` the rate aimed at is the one the evaluation accepts
(:func:`planeval.domain.target.growth_floor`: ``5%左右`` counts from 4.5 %).

Published yearly targets (:attr:`Plan.annual_targets`, e.g. the Government Work Report's) are the
office's own: a published target of a remaining year overrides the computed one and is kept and
marked, beside what the breakdown would have computed; the years after it are computed again
from it (a level from the level set, a rate from the series moved by that rate). After an
override that already passes the target, the later years show what still suffices.

Targets met. A bound (floor, ceiling, band) shows the bound every remaining year once it is
met — at the baseline (粮食综合生产能力 >6.5 from 6.69) or since (能源综合生产能力 >46, 40.8 in
2020 and 46.6 in 2022). A floor or ceiling the baseline does not meet is, as in the evaluation
(:func:`planeval.domain.case.effective_target`), a level to reach by the target year: until it is
met its years step linearly to the bound (the yearly plans do the same: the 2022 energy
guidance aimed at 44.1 亿吨标准煤, not 46). A level target reached (by the evaluation's own test,
on the latest value) is held: the target every remaining year (rule ``hold``, 保持), because the
evaluation judges a level on its latest value and a value may fall back (N16 air quality: 87.5 %
in 2021, 86.5 % in 2022). This holds for expected (预期性) as for binding (约束性) indicators —
for an expected one the explanation keeps 已达到规划目标，无需分解 and adds that holding the target
keeps it; for a binding one it says the target must be held. Other kinds reached (a growth
rate, a cumulative reduction or total already achieved) get the reason ``target_reached``: a
yearly rate or amount has no level to hold.

No value reported yet. An indicator with a baseline and a target but no value in the plan
period is broken down from the baseline: the path starts at the base year (2020) as if the
baseline were the latest value (N11 基本养老保险参保率 91 → 95: 91.8, 92.6, 93.4, 94.2, 95 for
2021–2025); rates and totals start from the base year's index 100 or sum 0. The breakdown says
so (:attr:`Breakdown.from_baseline`). Without a baseline either, there is no breakdown.

Negative yearly targets. The values of an indicator that measures levels (level, floor, ceiling,
band, 〔Δ〕, the level of an average-growth target), is not itself a rate of change, and whose
known baseline and target levels are all positive cannot be negative (每千人口医师数, 参保率, 亿吨):
a negative yearly target for it is refused (:func:`check_yearly_target`), and one already on
record is not carried forward. Growth rates, reductions, totals and changes may be negative.

An indicator that needs no breakdown gets a :class:`NoBreakdown` reason, never a silent gap:
a rate or total reached, nothing remains (the cut-off is in the target year), not evaluated
(with the evaluation's :class:`Reason`), a relative or completion target, or a target set year
by year with none published yet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from planeval.domain.case import BOUND_KINDS, Case, measures_levels
from planeval.domain.indicator import Aggregation, Direction, Indicator
from planeval.domain.numbers import format_number
from planeval.domain.observation import Observation
from planeval.domain.period import Period, chinese_label
from planeval.domain.plan import AnnualTarget, Plan
from planeval.domain.series import INDEX_BASE, LevelSeries, level_series
from planeval.domain.settings import EvaluationSettings
from planeval.domain.target import Target, TargetKind, growth_floor, parse_target
from planeval.domain.verdict import Reason, Verdict
from planeval.errors import PlanevalError
from planeval.evaluate import build_cases
from planeval.methods import formulas
from planeval.methods.formulas import EPSILON
from planeval.methods.time_progress import time_progress


class Rule(Enum):
    """How a five-year target is split into yearly ones (see the module docstring)."""

    LINEAR = "linear"
    GEOMETRIC = "geometric"
    GROWTH = "growth"
    COMPOUNDING = "compounding"
    TOTAL = "total"
    BOUND = "bound"
    HOLD = "hold"
    ANNUAL = "annual"

    @property
    def label(self) -> str:
        """The rule in the words of a planning office."""
        return _RULE_LABELS[self]


_RULE_LABELS = {
    Rule.LINEAR: "等差分解", Rule.GEOMETRIC: "等比分解", Rule.GROWTH: "年均增速分解",
    Rule.COMPOUNDING: "累计降低复合分解", Rule.TOTAL: "累计总量均分", Rule.BOUND: "各年保持约束值",
    Rule.HOLD: "各年保持目标值", Rule.ANNUAL: "逐年提出",
}  # fmt: skip


class NoBreakdown(Enum):
    """Why an indicator gets no yearly targets."""

    TARGET_REACHED = "target_reached"
    NOTHING_REMAINS = "nothing_remains"
    NOT_EVALUATED = "not_evaluated"
    RELATIVE = "relative"
    COMPLETION = "completion"
    NOT_SET = "not_set"

    @property
    def label(self) -> str:
        return _NO_BREAKDOWN_LABELS[self]


_NO_BREAKDOWN_LABELS = {
    NoBreakdown.TARGET_REACHED: "已达到规划目标，无需分解",
    NoBreakdown.NOTHING_REMAINS: "规划期内已无剩余年份",
    NoBreakdown.NOT_EVALUATED: "未作评估，无法分解",
    NoBreakdown.RELATIVE: "目标与参照指标比较，各年随参照指标确定，无独立数值",
    NoBreakdown.COMPLETION: "目标为完成下达任务，无数值可分解",
    NoBreakdown.NOT_SET: "目标逐年提出，剩余年份尚未公布年度目标",
}


class Comparison(Enum):
    """How a year's value is to be met: reached exactly (a step on the path), at least (``≥``: a
    floor, a level held upwards), at most (``≤``: a ceiling) or about (``左右``)."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ABOUT = "about"

    def show(self, number: str) -> str:
        """``number`` with the comparison written as a plan table writes it: ``≥6.5``, ``≤5.5``,
        ``5左右``, ``3.81``."""
        return {Comparison.AT_LEAST: f"≥{number}", Comparison.AT_MOST: f"≤{number}",
                Comparison.ABOUT: f"{number}左右"}.get(self, number)  # fmt: skip


@dataclass(frozen=True)
class YearlyTarget:
    """The target of indicator ``code`` for ``year``.

    ``value`` is in the indicator's unit: the level to reach by the year's end (linear,
    geometric, bound), the year's growth or reduction in % (growth, compounding), the year's
    amount (total); the published target's number where ``overridden``. It is None only where
    the year's target has no single number: a band ``X-Y``, or a published target that cannot be
    quantified (``override_text`` then says what it is). ``computed`` is what the breakdown
    gives for the year, shown beside an override (None for ``annual``, which computes nothing).
    ``comparison`` says how ``value`` is to be met (a bound's ``≥``/``≤``, a published ``左右``).
    """

    code: str
    year: int
    value: float | None
    rule: Rule
    computed: float | None
    overridden: bool = False
    override_text: str = ""
    override_source: str = ""
    comparison: Comparison = Comparison.EXACT


@dataclass(frozen=True)
class Breakdown:
    """One indicator's yearly targets, or the reason it has none.

    ``target`` is the effective target (a 〔Δ〕 as the level it leads to); ``latest`` the latest
    value used; ``goal`` the five-year target as the rule reads it (the level; the average
    growth in % a year; the cumulative reduction in %; the total); ``rule`` is None exactly when
    ``reason`` is set, and ``evaluation_reason`` says why the evaluation could not judge the
    indicator when ``reason`` is ``not_evaluated``. ``from_baseline`` when no value is reported
    yet and the years start from the baseline (``latest`` is then None). ``explanation`` says it
    in Chinese.
    """

    indicator: Indicator
    target: Target
    rule: Rule | None
    years: tuple[YearlyTarget, ...] = ()
    latest: Observation | None = None
    goal: float | None = None
    reason: NoBreakdown | None = None
    evaluation_reason: Reason | None = None
    explanation: str = ""
    from_baseline: bool = False

    @property
    def code(self) -> str:
        return self.indicator.code


def yearly_targets(
    plan: Plan, observations: Iterable[Observation], as_of: Period, settings: EvaluationSettings | None = None
) -> tuple[Breakdown, ...]:
    """The yearly targets of every indicator of ``plan`` as of ``as_of``, in table order.

    Args:
        plan: the plan; its ``annual_targets`` override the computed years they name.
        observations: values of the plan's indicators (chosen as the evaluation chooses them).
        as_of: the cut-off; the remaining years are those ending after it (2022 → 2023–2025,
            2023H1 → 2023–2025, 2025 → none).
        settings: the evaluation's thresholds (``about_tolerance`` sets the rate aimed at for
            ``X左右``); the documented defaults when None.

    Returns:
        One :class:`Breakdown` per indicator.

    Raises:
        PlanevalError: ``as_of`` before the plan's first year or after its target year.
    """
    chosen = settings or EvaluationSettings()
    return tuple(breakdown(case, chosen) for case in build_cases(plan, observations, as_of))


def remaining_years(case: Case) -> tuple[int, ...]:
    """The plan years that end after the cut-off: a year in progress at a half-year cut-off
    still gets a target (its value is not known), a year whose data are complete does not."""
    return tuple(year for year in range(case.start_year, case.end_year + 1) if year + 1 > case.as_of.end)


_RULES_BY_KIND: dict[TargetKind, Rule | NoBreakdown] = {
    TargetKind.CUMULATIVE_REDUCTION: Rule.COMPOUNDING,
    TargetKind.CUMULATIVE_TOTAL: Rule.TOTAL,
    TargetKind.ANNUAL: Rule.ANNUAL,
    TargetKind.IN_STEP: NoBreakdown.RELATIVE,
    TargetKind.COMPLETION: NoBreakdown.COMPLETION,
    **dict.fromkeys(BOUND_KINDS, Rule.BOUND),
}


def rule_for(case: Case) -> Rule | NoBreakdown:
    """The rule for the case's effective target, or why there is none (``not_evaluated`` for a
    target that cannot be read: the evaluation gives the reason)."""
    kind = case.target.kind
    if kind is TargetKind.AVG_GROWTH:
        return Rule.GEOMETRIC if measures_levels(case.indicator, kind) else Rule.GROWTH
    if kind is TargetKind.LEVEL:
        return Rule.GEOMETRIC if case.indicator.aggregation is Aggregation.SUM else Rule.LINEAR
    return _RULES_BY_KIND.get(kind, NoBreakdown.NOT_EVALUATED)


def breakdown(case: Case, settings: EvaluationSettings) -> Breakdown:
    """One indicator's yearly targets as of the case's cut-off (see :func:`yearly_targets`)."""
    years = remaining_years(case)
    rule = rule_for(case)
    if not years:
        return _none(case, NoBreakdown.NOTHING_REMAINS)
    overrides = {annual.year: annual for annual in case.annual_targets if annual.year in years}
    if rule is Rule.BOUND:
        return _bound(case, years, overrides)
    if rule is Rule.ANNUAL:
        return _annual(case, years, overrides)
    if isinstance(rule, NoBreakdown) and rule is not NoBreakdown.NOT_EVALUATED:
        return _none(case, rule)
    judged = time_progress(case, settings)
    if isinstance(rule, NoBreakdown):
        return _none(case, NoBreakdown.NOT_EVALUATED, judged.reason or Reason.NOT_APPLICABLE)
    if judged.verdict is Verdict.TARGET_REACHED:
        return _reached(case, years, overrides)
    from_base = judged.reason is Reason.NO_DATA and not case.observations
    if judged.verdict is Verdict.NOT_EVALUATED and not from_base:
        return _none(case, NoBreakdown.NOT_EVALUATED, judged.reason or Reason.NOT_APPLICABLE)
    floor = growth_floor(case.target, settings.about_tolerance) if case.target.kind is TargetKind.AVG_GROWTH else None
    series = level_series(case, floor, from_base=from_base)
    if isinstance(series, Reason):  # with no value, no baseline either: the evaluation's reason
        return _none(case, NoBreakdown.NOT_EVALUATED, judged.reason if from_base else series)
    if _SHAPES[rule].geometric and min(series.latest, series.target) <= 0:
        return _none(case, NoBreakdown.NOT_EVALUATED, Reason.NOT_POSITIVE)
    return _computed(case, rule, series, years, overrides, floor)


def fallback_as_of(breakdown: Breakdown, first_year: int) -> Period | None:
    """Where to break an indicator down when its cut-off leaves no remaining year (a page opened
    as of the plan's end): the period of its latest value when a plan year remains after it
    (latest 2024 → as of 2024, leaving 2025), the plan's ``first_year`` when it has no value
    yet, None when nothing remains either way (a value for the target year is final).
    """
    if breakdown.reason is not NoBreakdown.NOTHING_REMAINS:
        return None
    if breakdown.latest is None:
        return Period.of_year(first_year)
    period = breakdown.latest.period
    return period if period.end < breakdown.indicator.target_year + 1 else None


# --- negative yearly targets ----------------------------------------------------------------


def cannot_be_negative(indicator: Indicator) -> bool:
    """True when the indicator's values cannot be negative: it measures levels (a level, a
    bound, a band, a 〔Δ〕, the level behind an average-growth target), it is not a rate of
    change (…增长 in %), and every known level among its baseline and target is positive
    (a 〔Δ〕's change and a growth target's rate are not levels and are not counted)."""
    target = indicator.target
    if indicator.is_growth_rate or not measures_levels(indicator, target.kind):
        return False
    levels = [indicator.baseline.current]
    if target.kind in (TargetKind.LEVEL, *BOUND_KINDS):
        levels += [target.value, target.low, target.high]
    known = [level for level in levels if level is not None]
    return bool(known) and all(level > 0 for level in known)


def _reads_as_level(indicator: Indicator, target: Target) -> bool:
    """True when a yearly target's number is a level of the indicator, not a rate moving it
    (``6.5%`` published for an amount in 亿元 is a growth rate)."""
    return not (target.kind is TargetKind.AVG_GROWTH and not indicator.is_growth_rate)


def _negative_level(indicator: Indicator, target: Target) -> float | None:
    """The yearly target's number where it is a negative level of an indicator whose values
    cannot be negative; None otherwise."""
    number = _number(target, indicator.direction)
    if number is None or number >= 0 or not _reads_as_level(indicator, target):
        return None
    return number if cannot_be_negative(indicator) else None


def check_yearly_target(indicator: Indicator, target: Target) -> None:
    """Refuse a yearly target the indicator's values cannot take (see :func:`cannot_be_negative`).

    Raises:
        PlanevalError: a negative level for an indicator whose values cannot be negative; the
            message names the indicator, the number and why.
    """
    number = _negative_level(indicator, target)
    if number is not None:
        raise PlanevalError(
            f"yearly target {target.text!r} of {indicator.code} {indicator.name}: a negative level "
            f"({_n(number)} {indicator.unit}) for an indicator whose values cannot be negative; "
            "a negative target is allowed only for growth rates, reductions and changes"
        )


# --- the computed rules ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Shape:
    """A computed rule on the level series: the path from the latest point to the target is
    ``geometric`` or linear; ``value(a, b)`` is the year's target from the series at the year's
    start ``a`` and end ``b``; ``moved(a, v)`` the series at the year's end when the year's target
    ``v`` is met; ``levels`` when the year's target is the level itself."""

    geometric: bool
    value: Callable[[float, float], float]
    moved: Callable[[float, float], float]
    levels: bool = False


def _level(start: float, end: float) -> float:
    return end


def _level_moved(start: float, value: float) -> float:
    return value


_SHAPES = {
    Rule.LINEAR: _Shape(False, _level, _level_moved, levels=True),
    Rule.GEOMETRIC: _Shape(True, _level, _level_moved, levels=True),
    Rule.GROWTH: _Shape(True, lambda a, b: (b / a - 1) * 100, lambda a, v: a * (1 + v / 100)),
    Rule.COMPOUNDING: _Shape(True, lambda a, b: (1 - b / a) * 100, lambda a, v: a * (1 - v / 100)),
    Rule.TOTAL: _Shape(False, lambda a, b: b - a, lambda a, v: a + v),
}


@dataclass(frozen=True)
class _Anchor:
    """Where the path starts: the series at time ``time`` is ``level``."""

    time: float
    level: float


def _path(shape: _Shape, anchor: _Anchor, series: LevelSeries, time: float) -> float:
    """The series at ``time`` on the path from ``anchor`` to the target."""
    rest = series.target_time - anchor.time
    if shape.geometric:
        rate = formulas.level_growth_needed(anchor.level, series.target, rest)
        return float(anchor.level * (1 + rate / 100) ** (time - anchor.time))
    return anchor.level + (series.target - anchor.level) * (time - anchor.time) / rest


def _at(shape: _Shape, anchor: _Anchor, series: LevelSeries, time: float) -> float:
    """The series at ``time``: on the path from ``anchor`` on, observed before it (the last
    point by then: after a half-year value, the previous full year is the year's start)."""
    if time >= anchor.time - EPSILON:
        return _path(shape, anchor, series, time)
    known = [value for at, value in zip(series.times, series.values, strict=True) if at <= time + EPSILON]
    return known[-1] if known else series.base


def _computed(
    case: Case,
    rule: Rule,
    series: LevelSeries,
    years: tuple[int, ...],
    overrides: Mapping[int, AnnualTarget],
    floor: float | None,
) -> Breakdown:
    shape = _SHAPES[rule]
    anchor = _Anchor(series.times[-1], series.latest)
    rows: list[YearlyTarget] = []
    notes: list[str] = []
    for year in years:
        start = _at(shape, anchor, series, year - 1.0)
        computed = shape.value(start, _path(shape, anchor, series, float(year)))
        annual = overrides.get(year)
        if annual is None:
            rows.append(YearlyTarget(case.indicator.code, year, computed, rule, computed))
            continue
        value, reached = _overridden(case, shape, annual, start)
        rows.append(YearlyTarget(case.indicator.code, year, value, rule, computed, True, annual.target.text,
                                 annual.source, _published(case.indicator, annual.target)))  # fmt: skip
        if reached is not None and (reached > 0 or not shape.geometric):
            anchor = _Anchor(float(year), reached)
            notes.append(f"{year}年采用年度目标{annual.target.text}，其后年份据此重算")
        elif _negative_level(case.indicator, annual.target) is not None:
            notes.append(f"{year}年度目标{annual.target.text}为负值，该指标数值不能为负，未采用，其后年份按原路径")
        else:
            notes.append(f"{year}年度目标{annual.target.text}无法用于测算，其后年份按原路径")
    latest = case.observations[-1] if case.observations else None
    text = "；".join([_start(case, rule, series), _goal(case, rule, series, floor), *notes])
    return Breakdown(case.indicator, case.target, rule, tuple(rows), latest, _goal_value(case, rule, series, floor),
                     explanation=text, from_baseline=latest is None)  # fmt: skip


def _overridden(case: Case, shape: _Shape, annual: AnnualTarget, start: float) -> tuple[float | None, float | None]:
    """(the year's target in the indicator's unit, the series at the year's end) for a published
    target; a growth rate published for a level (``6%左右`` for 亿元) moves the level by that
    rate. (None, None) where the text gives no number."""
    number = _number(annual.target, case.direction)
    if number is None or _negative_level(case.indicator, annual.target) is not None:
        return None, None
    rate_of_level = annual.target.kind is TargetKind.AVG_GROWTH and not case.indicator.is_growth_rate
    if shape.levels and rate_of_level:
        level = start * (1 + number / 100)
        return level, level
    return number, shape.moved(start, number)


def _number(target: Target, direction: Direction) -> float | None:
    """The number a yearly target sets: its value, or for a band the end met first in the
    indicator's direction (the low end when higher is better)."""
    if target.value is not None:
        return target.value
    end = target.low if direction is Direction.INCREASE else target.high
    return end if end is not None else None


def _start(case: Case, rule: Rule, series: LevelSeries) -> str:
    """Where the indicator stands, in the words of its rule."""
    if not case.observations:
        base = int(series.times[0])
        level = f"基期值{_n(series.base)}{case.indicator.unit}" if _SHAPES[rule].levels else "基期"
        return f"尚无报送数据，自{base}年{level}起分解"
    first, latest = case.observations[0], case.observations[-1]
    span = chinese_label(latest.period) if first.period == latest.period else (
        f"{chinese_label(first.period)}至{chinese_label(latest.period)}")  # fmt: skip
    unit = case.indicator.unit
    if rule is Rule.GROWTH:
        achieved = formulas.level_growth_needed(INDEX_BASE, series.latest, series.times[-1] - series.times[0])
        return f"{span}年均增长{_n(achieved)}%"
    if rule is Rule.COMPOUNDING:
        return f"{span}累计降低{_n((1 - series.latest / INDEX_BASE) * 100)}%"
    if rule is Rule.TOTAL:
        return f"{span}累计{_n(series.latest)}{unit}"
    return f"{chinese_label(latest.period)}为{_n(latest.value)}{unit}"


def _goal(case: Case, rule: Rule, series: LevelSeries, floor: float | None) -> str:
    """The target the years lead to, and how they are split."""
    unit, year = case.indicator.unit, case.end_year
    goals = {
        Rule.GROWTH: f"五年年均增长{_n(floor)}%",
        Rule.COMPOUNDING: f"五年累计降低{_n(case.target.value)}%",
        Rule.TOTAL: f"五年累计{_n(series.target)}{unit}",
    }
    goal = goals.get(rule, f"{year}年目标{_n(series.target)}{unit}")
    printed = case.indicator.target
    if rule is Rule.GEOMETRIC and case.target.kind is TargetKind.AVG_GROWTH:
        goal = f"{year}年目标{_n(series.target)}{unit}（按{case.target.text}折合）"
    elif printed.kind is not case.target.kind and _SHAPES[rule].levels:
        goal += f"（规划表{printed.text}）"  # a 〔Δ〕 as the level it leads to, a floor not yet met
    return f"按{rule.label}实现{goal}"


def _goal_value(case: Case, rule: Rule, series: LevelSeries, floor: float | None) -> float | None:
    return {Rule.GROWTH: floor, Rule.COMPOUNDING: case.target.value}.get(rule, series.target)


# --- bounds, yearly and no breakdown --------------------------------------------------------


_COMPARISONS = {TargetKind.FLOOR: Comparison.AT_LEAST, TargetKind.CEILING: Comparison.AT_MOST}


def _bound(case: Case, years: tuple[int, ...], overrides: Mapping[int, AnnualTarget]) -> Breakdown:
    """A floor, ceiling or band holds every year: the bound itself (a band has no one number)."""
    target = case.target
    bound = target.value if target.kind is not TargetKind.RANGE or target.approximate else None
    comparison = Comparison.ABOUT if target.approximate else _COMPARISONS.get(target.kind, Comparison.EXACT)
    unit = case.indicator.unit
    if target.held:
        text = f"基期已达到目标，各年保持{_word(case)}{_n(target.value)}{unit}，无需分解"
    else:
        text = f"目标{target.text}为各年均须满足的约束值，无需分解"
    return _every_year(case, Rule.BOUND, years, overrides, bound, comparison, text)


def _reached(case: Case, years: tuple[int, ...], overrides: Mapping[int, AnnualTarget]) -> Breakdown:
    """A target met by the latest value: a printed floor or ceiling met since the baseline is
    the bound every year, a level reached is held (see the module docstring); a rate or a
    total reached needs no breakdown."""
    printed, target = case.indicator.target, case.target
    if target.kind is not TargetKind.LEVEL or target.value is None or not case.observations:
        return _none(case, NoBreakdown.TARGET_REACHED)
    latest, unit = case.observations[-1], case.indicator.unit
    now = f"{chinese_label(latest.period)}为{_n(latest.value)}{unit}"
    held = f"{_word(case)}{_n(target.value)}{unit}"
    comparison = Comparison.AT_LEAST if case.direction is Direction.INCREASE else Comparison.AT_MOST
    if printed.kind in (TargetKind.FLOOR, TargetKind.CEILING):
        text = f"{now}，已达到约束值{printed.text}，各年保持{held}，无需分解"
        return _every_year(case, Rule.BOUND, years, overrides, target.value, comparison, text)
    if case.binding:
        text = f"已达到规划目标（{now}），约束性指标其后各年须保持{held}，防止回落"
    else:
        text = f"{NoBreakdown.TARGET_REACHED.label}（{now}）；其后各年保持{held}即可维持"
    return _every_year(case, Rule.HOLD, years, overrides, target.value, comparison, text)


def _word(case: Case) -> str:
    return "不低于" if case.direction is Direction.INCREASE else "不高于"


def _every_year(
    case: Case,
    rule: Rule,
    years: tuple[int, ...],
    overrides: Mapping[int, AnnualTarget],
    value: float | None,
    comparison: Comparison,
    text: str,
) -> Breakdown:
    """The same ``value`` every remaining year, a published target where there is one."""
    rows = []
    code = case.indicator.code
    for year in years:
        annual = overrides.get(year)
        if annual is None:
            rows.append(YearlyTarget(code, year, value, rule, value, comparison=comparison))
            continue
        number = None if _negative_level(case.indicator, annual.target) is not None else (
            _number(annual.target, case.direction))  # fmt: skip
        rows.append(YearlyTarget(code, year, number, rule, value, True, annual.target.text, annual.source,
                                 _published(case.indicator, annual.target)))  # fmt: skip
    latest = case.observations[-1] if case.observations else None
    return Breakdown(case.indicator, case.target, rule, tuple(rows), latest, value, explanation=text)


def _published(indicator: Indicator, target: Target) -> Comparison:
    """How a published yearly target is to be met, as its text writes it: ``5%左右`` about,
    ``>6.5`` or ``6%以上`` at least, ``<5.5`` at most, a plain number exactly."""
    if target.approximate:
        return Comparison.ABOUT
    as_written = parse_target(target.text, unit=indicator.unit)  # a rate's floor is read as a floor here
    return _COMPARISONS.get(as_written.kind, Comparison.EXACT)


def _annual(case: Case, years: tuple[int, ...], overrides: Mapping[int, AnnualTarget]) -> Breakdown:
    """A target set year by year: the published targets of the remaining years, nothing computed."""
    if not overrides:
        return _none(case, NoBreakdown.NOT_SET)
    rows = tuple(
        YearlyTarget(case.indicator.code, year, _number(a.target, case.direction), Rule.ANNUAL, None, True,
                     a.target.text, a.source, _published(case.indicator, a.target))
        for year, a in sorted(overrides.items())
    )  # fmt: skip
    latest = case.observations[-1] if case.observations else None
    missing = [year for year in years if year not in overrides]
    text = "目标逐年提出，采用已公布的年度目标" + (
        "；" + "、".join(f"{y}年" for y in missing) + "尚未公布" if missing else ""
    )
    return Breakdown(case.indicator, case.target, Rule.ANNUAL, rows, latest, explanation=text)


def _none(case: Case, reason: NoBreakdown, evaluation_reason: Reason | None = None) -> Breakdown:
    text = reason.label
    if evaluation_reason is not None:
        text = f"因{evaluation_reason.label}暂不分解"
    latest = case.observations[-1] if case.observations else None
    return Breakdown(case.indicator, case.target, None, (), latest, reason=reason,
                     evaluation_reason=evaluation_reason, explanation=text)  # fmt: skip


def _n(value: float | None) -> str:
    return format_number(value, 2)
