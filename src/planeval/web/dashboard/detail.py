"""The indicator page as data: the chart's series, the numbers behind the verdict, the trend
projection, and every stored value with its audit trail.

The chart data go to the page through ``json_script`` (escaped for HTML) and are drawn by
``dashboard.js`` with ECharts; nothing here evaluates.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planeval.domain.numbers import format_number, format_percent
from planeval.domain.period import Period, parse_period
from planeval.domain.projection import Projection, Trend
from planeval.domain.result import IndicatorResult
from planeval.domain.target import TargetKind
from planeval.errors import PeriodError
from planeval.evaluate import DEFAULT_METHOD
from planeval.reports.paths import Point, actual_path, required_path
from planeval.web.core.models import AnnualTarget, Value, ValueState
from planeval.yearly_targets import Breakdown, Rule

CHART_DIGITS = 6


def _point(point: Point) -> list[float]:
    x, y = point
    return [int(x) if float(x).is_integer() else x, round(y, CHART_DIGITS)]


def chart_unit(result: IndicatorResult) -> str:
    """The unit of the chart's y axis: the paths of growth targets are an index (base = 100),
    those of cumulative reductions the reduction so far in %."""
    if result.kind is TargetKind.AVG_GROWTH:
        return _("index, base year = 100")
    if result.kind is TargetKind.CUMULATIVE_REDUCTION:
        return _("cumulative reduction, %")
    return result.indicator.unit


def chart_data(result: IndicatorResult, base_year: int) -> dict[str, Any]:
    """``{"actual", "required", "trend": [[year, value]…], "target", "first", "last", "unit", "labels"}``.

    The target line is left out where the required path already is the target (a bound); for
    a growth target it is where the required index ends, since the target itself is a rate.
    """
    target_year = result.indicator.target_year
    actual, required = actual_path(result), required_path(result, base_year, target_year)
    target = result.target_value
    if result.kind is TargetKind.AVG_GROWTH and required:
        target = required[-1][1]
    flat = bool(required) and all(y == target for _x, y in required)
    return {
        "actual": [_point(p) for p in actual],
        "required": [_point(p) for p in required],
        "trend": _trend(result, actual),
        "target": None if target is None or flat else round(target, CHART_DIGITS),
        "first": base_year,
        "last": target_year,
        "unit": chart_unit(result),
        "labels": {
            "actual": _("actual"),
            "required": _("target bound") if flat else _("required path"),
            "target": _("target"),
            "trend": _("linear trend"),
        },
    }


def _trend(result: IndicatorResult, actual: Sequence[Point]) -> list[list[float]]:
    """From the latest value to the linear projection at the target year, for a level, whose
    projection is on the chart's scale (that of a flow is of the level behind it)."""
    projection = result.projection
    if projection is None or result.kind is not TargetKind.LEVEL or not actual:
        return []
    return [_point(actual[-1]), _point((projection.year, projection.linear.value))]


def measure_unit(result: IndicatorResult) -> str:
    """The unit of ``achieved``, ``required`` and ``gap`` under the time-progress method; other
    methods measure in their own terms (a growth ratio, a trend), which their explanation states."""
    if result.method != DEFAULT_METHOD:
        return ""
    if result.kind in (TargetKind.AVG_GROWTH, TargetKind.CUMULATIVE_REDUCTION):
        return "%"
    return result.indicator.unit


def figures(result: IndicatorResult) -> list[tuple[str, str]]:
    """(label, text) of every number behind the verdict that the method gave."""
    unit = measure_unit(result)
    rows = [
        (_("time share"), format_percent(result.time_share) if result.time_share is not None else None),
        (_("progress"), format_percent(result.progress) if result.progress is not None else None),
        (_("achieved"), _number(result.achieved, unit)),
        (_("required by now"), _number(result.required, unit)),
        (_("gap (negative = behind)"), _number(result.gap, unit)),
        (_("needed each remaining year"), _number(result.needed_per_year, result.needed_unit)),
        (_("compound growth still needed"), _number(result.needed_growth, _("% a year"))),
        (_("baseline"), _number(result.baseline, unit)),
        (_("target"), result.indicator.target.text or None),
    ]
    return [(label, text) for label, text in rows if text]


def _number(value: float | None, unit: str) -> str | None:
    return None if value is None else f"{format_number(value)}{unit}"


@dataclass(frozen=True)
class TrendLine:
    label: str
    value: str
    interval: str


def projection_lines(projection: Projection | None) -> list[TrendLine]:
    """The linear and log-linear projections with their 95 % intervals, as text."""
    if projection is None:
        return []
    unit = projection.unit
    trends = ((_("linear trend"), projection.linear), (_("log-linear trend"), projection.log_linear))
    return [TrendLine(label, _number(t.value, unit) or "", _interval(t, unit)) for label, t in trends if t]


INDEX_UNIT = "指数"  # the unit the core gives the level series of growth and reduction targets


def projection_note(projection: Projection | None) -> str:
    """What the projected numbers are, where they are not in the indicator's own unit."""
    if projection is None or projection.unit != INDEX_UNIT:
        return ""
    return _(
        "For a growth or reduction target the trend is that of the level behind the yearly rates, "
        "as an index with the base year = 100."
    )


def _interval(trend: Trend, unit: str) -> str:
    if trend.low is None or trend.high is None:
        return _("needs three points or more")
    return f"{format_number(trend.low)}–{format_number(trend.high)}{unit}"


@dataclass(frozen=True)
class AuditEntry:
    when: datetime.datetime
    who: str
    changes: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class ValueLine:
    """A stored value; ``later`` when its period ends after the as-of period (not evaluated)."""

    value: Value
    history_url: str | None
    audit: tuple[AuditEntry, ...]
    later: bool


def _state(state: str) -> str:
    return str(ValueState(state).label) if state in ValueState.values else state


def _shown(record: Any) -> str:
    """A recorded value as typed, or its number when no text was kept (an import)."""
    return str(record.raw or format_number(record.value, CHART_DIGITS))


def _changes(old: Any, new: Any) -> tuple[str, ...]:
    if old is None:
        return (_("created: %(value)s, %(state)s") % {"value": _shown(new), "state": _state(new.state)},)
    changes = []
    if (old.value, old.raw) != (new.value, new.raw):
        changes.append(_("value %(old)s → %(new)s") % {"old": _shown(old), "new": _shown(new)})
    if old.state != new.state:
        changes.append(_("state %(old)s → %(new)s") % {"old": _state(old.state), "new": _state(new.state)})
    return tuple(changes)


def audit_trail(value: Value) -> tuple[AuditEntry, ...]:
    """Every recorded change of ``value``, oldest first (django-simple-history)."""
    entries, old = [], None
    for record in value.history.select_related("history_user", "updated_by").order_by("history_date", "history_id"):
        user = record.history_user or record.updated_by  # the request's user, else the one the service saved
        who = user.get_username() if user else ""
        entries.append(AuditEntry(record.history_date, who, _changes(old, record), record.history_change_reason or ""))
        old = record
    return tuple(entries)


def history_url(slug: str, value: Value) -> str | None:
    """The review pages' history of ``value``, when that page exists (it is built apart)."""
    for kwargs in ({"slug": slug, "pk": value.pk}, {"slug": slug, "value_id": value.pk}):
        try:
            return reverse("review:history", kwargs=kwargs)
        except NoReverseMatch:
            continue
    return None


def _when(value: Value) -> tuple[int, float, str]:
    try:
        period = parse_period(value.period)
    except PeriodError:
        return (1, 0.0, value.period)
    return (0, period.end, value.period)


def value_lines(slug: str, values: Sequence[Value], as_of: Period) -> list[ValueLine]:
    """Every stored value of an indicator in every state, in time order, with its history."""
    return [
        ValueLine(v, history_url(slug, v), audit_trail(v), _when(v)[1] > as_of.end) for v in sorted(values, key=_when)
    ]


def context(
    result: IndicatorResult, base_year: int, slug: str, values: Sequence[Value], as_of: Period
) -> dict[str, Any]:
    """What the indicator page draws, beside the plan and the selection."""
    return {
        "result": result,
        "chart": chart_data(result, base_year),
        "figures": figures(result),
        "trends": projection_lines(result.projection),
        "trend_note": projection_note(result.projection),
        "values": value_lines(slug, values, as_of),
    }


# --- yearly targets (年度目标分解) ------------------------------------------------------------

RULE_LABELS: dict[Rule, Promise] = {
    Rule.LINEAR: gettext_lazy("equal steps to the target"),
    Rule.GEOMETRIC: gettext_lazy("the same growth rate every year"),
    Rule.GROWTH: gettext_lazy("the growth rate still needed"),
    Rule.COMPOUNDING: gettext_lazy("the yearly cut that compounds to the target"),
    Rule.TOTAL: gettext_lazy("what remains of the total, spread evenly"),
    Rule.BOUND: gettext_lazy("the bound holds every year"),
    Rule.HOLD: gettext_lazy("the target reached, held every year"),
    Rule.ANNUAL: gettext_lazy("set year by year"),
}
"""How each rule of :mod:`planeval.yearly_targets` is named on the page."""


@dataclass(frozen=True)
class YearLine:
    """A remaining year: its target (the published one where ``overridden``), written with how it
    is met (``≥6.5亿吨``, ``≤5.5%``, ``5%左右``), and what the breakdown computed;
    ``set_by``/``set_at`` where the planning office set it on the site."""

    year: int
    value: str
    computed: str
    overridden: bool
    text: str
    source: str
    set_by: str
    set_at: datetime.datetime | None


@dataclass(frozen=True)
class YearlyTargets:
    """The indicator's yearly targets as the page shows them; ``others`` the stored yearly
    targets of the years not among ``lines`` (years already past judge the evaluation of a
    target set year by year; they no longer steer the breakdown)."""

    rule: str
    explanation: str
    lines: tuple[YearLine, ...]
    others: tuple[AnnualTarget, ...]


def yearly_targets(breakdown: Breakdown, stored: Sequence[AnnualTarget]) -> YearlyTargets:
    """The page's view of ``breakdown``, with who set each yearly target among ``stored`` (the
    indicator's :class:`AnnualTarget` rows)."""
    by_year = {target.year: target for target in stored}
    unit = breakdown.indicator.unit
    lines = []
    for row in breakdown.years:
        kept = by_year.get(row.year) if row.overridden else None
        user = kept.set_by if kept else None
        number = None if row.value is None else f"{format_number(row.value)}{unit}"
        target = (row.override_text or "—") if number is None else row.comparison.show(number)
        lines.append(YearLine(
            row.year, target, _number(row.computed, unit) or "",
            row.overridden, row.override_text, row.override_source, user.get_username() if user else "",
            kept.updated_at if kept and user else None,
        ))  # fmt: skip
    shown = {row.year for row in breakdown.years if row.overridden}
    rule = str(RULE_LABELS[breakdown.rule]) if breakdown.rule else ""
    others = tuple(target for target in stored if target.year not in shown)
    return YearlyTargets(rule, breakdown.explanation, tuple(lines), others)
