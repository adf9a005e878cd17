"""What a method is given to judge one indicator: the case.

Building a case is where the data are chosen, once for every method: which baseline (the
plan table's, or a revised one), which observations (those ending by the evaluation date, on a
comparable basis, one per year for flows), and which target kind really applies (a level
already met at baseline is a level to hold).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from planeval.domain.indicator import Attribute, Direction, Indicator
from planeval.domain.numbers import format_number
from planeval.domain.observation import Observation
from planeval.domain.period import Frequency, Period, chinese_label
from planeval.domain.plan import AnnualTarget, Plan
from planeval.domain.target import Target, TargetKind

LEVEL_KINDS = frozenset(
    {TargetKind.LEVEL, TargetKind.CUMULATIVE_CHANGE, TargetKind.FLOOR, TargetKind.CEILING, TargetKind.RANGE}
)
"""Kinds whose observations are levels, compared with a baseline or bound on one basis."""
BOUND_KINDS = frozenset({TargetKind.FLOOR, TargetKind.CEILING, TargetKind.RANGE})


@dataclass(frozen=True)
class Reference:
    """The other indicator an ``in_step`` target compares with, and its yearly observations."""

    indicator: Indicator
    observations: tuple[Observation, ...]


@dataclass(frozen=True)
class Case:
    """Everything a method needs for one indicator, already chosen and in period order.

    ``target`` is the effective target (see :func:`effective_target`); ``baseline`` the value
    used (None when unknown); ``observations`` for level kinds are every comparable value up to
    the evaluation date, for flow kinds one year-to-date value per plan year; ``notes`` say in
    Chinese what was chosen and why.
    """

    indicator: Indicator
    target: Target
    baseline: float | None
    observations: tuple[Observation, ...]
    start_year: int
    end_year: int
    as_of: Period
    annual_targets: tuple[AnnualTarget, ...] = ()
    reference: Reference | None = None
    excluded: tuple[Observation, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def direction(self) -> Direction:
        return self.indicator.direction

    @property
    def binding(self) -> bool:
        return self.indicator.attribute is Attribute.BINDING

    @property
    def years(self) -> int:
        """N, the length of the plan period in years."""
        return self.end_year - self.start_year + 1


def build_case(plan: Plan, indicator: Indicator, observations: Iterable[Observation], as_of: Period) -> Case:
    """Choose the baseline, observations and effective target of ``indicator`` as of ``as_of``.

    ``observations`` are this indicator's values, in any order; those in another unit than the
    indicator's (a level in 亿元 beside growth rates in %) are left out, never converted.
    """
    own = sorted((o for o in observations if o.period.end <= as_of.end), key=_order)
    own, other_units = _same_unit(indicator, own)
    levels = measures_levels(indicator, indicator.target.kind)
    baseline, basis, notes = _baseline(indicator, own) if levels else (indicator.baseline.value, None, [])
    notes += [
        f"{chinese_label(o.period)}数值{_fmt(o.value)}{o.unit}与指标单位{indicator.unit}不同，未采用"
        for o in other_units
    ]
    target, target_note = effective_target(indicator.target, baseline, indicator.direction)
    in_plan = [o for o in own if indicator.baseline.year < o.period.year <= indicator.target_year]
    kept, excluded = _comparable(in_plan, basis) if levels else (in_plan, [])
    if not measures_levels(indicator, target.kind):
        kept = yearly(kept)
    elif target.kind in BOUND_KINDS:
        kept, skipped = per_year(kept, indicator.frequency)
        notes += [f"{chinese_label(o.period)}数值{_fmt(o.value)}非年度数据，未用于年度目标判断" for o in skipped]
    notes += [
        f"{chinese_label(o.period)}数值{_fmt(o.value)}（{vintage_label(o.vintage)}）与基期口径不可比，未采用"
        for o in excluded
    ]
    last_year = min(as_of.end, indicator.target_year + 1)
    if kept and last_year - kept[-1].period.end >= 1:
        notes.append(f"最新数据为{chinese_label(kept[-1].period)}，早于评估截止期{chinese_label(as_of)}")
    return Case(
        indicator=indicator,
        target=target,
        baseline=baseline,
        observations=tuple(kept),
        start_year=plan.start_year,
        end_year=indicator.target_year,
        as_of=as_of,
        annual_targets=plan.annual_targets.get(indicator.code, ()),
        excluded=tuple(excluded),
        notes=tuple(notes + ([target_note] if target_note else [])),
    )


def measures_levels(indicator: Indicator, kind: TargetKind) -> bool:
    """True when the indicator's values are levels judged against a baseline or bound: level
    kinds, and an average-growth target on an indicator that is not itself a growth rate
    (地区生产总值 in 亿元, 年均增长6%)."""
    return kind in LEVEL_KINDS or (kind is TargetKind.AVG_GROWTH and not indicator.is_growth_rate)


def per_year(values: Sequence[Observation], frequency: Frequency) -> tuple[list[Observation], list[Observation]]:
    """One value a year for a bound judged year by year: the annual value where there is one;
    otherwise, for an indicator reported more often than yearly, its latest value of that year.
    Returns (kept, skipped); ``values`` must be in period order."""
    kept: dict[int, Observation] = {}
    for observation in values:
        if observation.period.years == 1 or frequency is not Frequency.YEAR:
            current = kept.get(observation.period.year)
            if current is None or current.period.years < 1 or observation.period.years == 1:
                kept[observation.period.year] = observation
    chosen = [kept[year] for year in sorted(kept)]
    return chosen, [o for o in values if o not in chosen]


VINTAGE_LABELS = {
    "census": "人口普查", "census-benchmarked": "经济普查修订", "land-survey method": "国土调查",
    "preliminary": "初步核算", "final": "最终核实", "revised": "修订", "derived": "推算", "estimate": "估计",
}  # fmt: skip


def vintage_label(vintage: str) -> str:
    """The Chinese name of a vintage or statistical basis, or the vintage itself."""
    return VINTAGE_LABELS.get(vintage.strip().lower(), vintage)


def with_reference(case: Case, plan: Plan, by_code: Mapping[str, Sequence[Observation]]) -> Case:
    """The case with its ``in_step`` reference attached, when the plan has that indicator.
    ``by_code`` maps indicator codes to their observations."""
    if case.target.kind is not TargetKind.IN_STEP or not case.target.reference:
        return case
    other = plan.resolve_reference(case.target.reference, exclude=case.indicator.code)
    if other is None:
        return case
    values = [o for o in by_code.get(other.code, ()) if o.period.end <= case.as_of.end]
    chosen = yearly([o for o in sorted(values, key=_order) if o.period.year > other.baseline.year])
    return replace(case, reference=Reference(other, tuple(chosen)))


def _order(observation: Observation) -> tuple[float, float]:
    # Later end first in sort order last; for one end, the longer span (the year) last.
    return (observation.period.end, observation.period.years)


def _same_unit(indicator: Indicator, values: list[Observation]) -> tuple[list[Observation], list[Observation]]:
    def same(unit: str) -> bool:
        return not unit or unit.replace("％", "%") == indicator.unit.replace("％", "%")

    return [o for o in values if same(o.unit)], [o for o in values if not same(o.unit)]


def _fmt(value: float) -> str:
    return format_number(value, 4)


def _baseline(indicator: Indicator, own: list[Observation]) -> tuple[float | None, str | None, list[str]]:
    """The baseline value, its statistical basis and a note on where it came from."""
    table = indicator.baseline
    if table.is_revised:
        basis = vintage_label(table.revised_basis or "修订")
        note = f"基期值采用{basis}口径{_fmt(table.current or 0)}（规划表{_fmt(table.value or 0)}）"
        return table.current, table.revised_basis, [note]
    at_base = [
        o for o in own if o.period.year == table.year and o.period.first_month == 1 and o.period.last_month == 12
    ]
    if not at_base:
        return table.value, None, []
    observed = at_base[-1]
    if table.value is None:
        return observed.value, observed.basis, [f"基期值取{table.year}年数据{_fmt(observed.value)}"]
    if abs(observed.value - table.value) < 1e-12:
        return table.value, observed.basis, []
    basis = f"{vintage_label(observed.basis)}口径" if observed.basis else ""
    note = f"基期值采用{table.year}年{basis}数据{_fmt(observed.value)}（规划表{_fmt(table.value)}）"
    return observed.value, observed.basis, [note]


def _comparable(values: list[Observation], basis: str | None) -> tuple[list[Observation], list[Observation]]:
    kept: list[Observation] = []
    excluded: list[Observation] = []
    for observation in values:
        (kept if observation.basis is None or observation.basis == basis else excluded).append(observation)
    return kept, excluded


def yearly(values: Iterable[Observation]) -> list[Observation]:
    """One value per year for flows (growth rates, reductions, amounts): the year-to-date
    value (a span starting in January) that ends latest, so the full year supersedes 1–6月.
    ``values`` must be in period order."""
    by_year: dict[int, Observation] = {}
    for observation in values:
        if observation.period.is_year_to_date:
            by_year[observation.period.year] = observation
    return [by_year[year] for year in sorted(by_year)]


def effective_target(target: Target, baseline: float | None, direction: Direction) -> tuple[Target, str]:
    """The target kind that really applies given the baseline, and a note when it changed.

    - ``cumulative_change`` 〔Δ〕 becomes the level baseline + Δ (with a revised baseline,
      the revised one: the plan asks for the change, not the printed level);
    - a ``level`` already met or equalled at baseline becomes a floor or ceiling to hold
      (``held``: judged on the latest value, since a level target is about where it ends);
    - a ``floor`` or ``ceiling`` the baseline does not yet satisfy becomes a level to reach by
      the target year (``>46`` 亿吨标准煤 from 40.8).
    """
    d = direction.sign
    value = target.value
    if target.kind is TargetKind.CUMULATIVE_CHANGE and value is not None and baseline is not None:
        level = baseline + value
        return replace(target, kind=TargetKind.LEVEL, value=level), f"累计变化{_fmt(value)}折合目标值{_fmt(level)}"
    if baseline is None or value is None:
        return target, ""
    if target.kind is TargetKind.LEVEL and d * (baseline - value) >= 0:
        bound = TargetKind.FLOOR if d > 0 else TargetKind.CEILING
        word = "不低于" if d > 0 else "不高于"
        return replace(target, kind=bound, held=True), f"基期已达到目标，按保持{word}{_fmt(value)}评价"
    if target.kind in (TargetKind.FLOOR, TargetKind.CEILING) and d * (baseline - value) < 0:
        return replace(
            target, kind=TargetKind.LEVEL
        ), f"基期{_fmt(baseline)}尚未达到{_fmt(value)}，按目标年达到该值评价"
    return target, ""
