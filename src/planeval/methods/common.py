"""Result building shared by the evaluation methods.

Every method answers with an :class:`IndicatorResult`; the helpers here fill in what all of
them share (indicator, method name, the case's notes, kind and baseline), so that a method
only states its verdict and its own numbers. Methods with their own scale of classes
(``cagr_ratio``: on_track … deterioration) declare each class once as a :class:`Status`, which
carries the English name, the Chinese label and the :class:`Verdict` it maps onto.

The series-based methods (``cagr_ratio``, ``unsd_projection``, ``escap``, ``trend_shortfall``)
also share the compound growth rate :func:`cagr`, the target tests :func:`meets` and
:func:`fell_back`, and :func:`series_fields` and :func:`describe`, which report a
:class:`LevelSeries` the same way in each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planeval.domain.case import Case
from planeval.domain.numbers import format_number, format_percent
from planeval.domain.observation import Observation
from planeval.domain.period import chinese_label
from planeval.domain.result import IndicatorResult
from planeval.domain.series import LevelSeries
from planeval.domain.target import TargetKind
from planeval.domain.verdict import Reason, Verdict
from planeval.methods.formulas import EPSILON


@dataclass(frozen=True)
class Status:
    """One class of a method's own scale: ``name`` in English snake_case (``on_track``),
    ``label`` in Chinese, and the common ``verdict`` it maps onto."""

    name: str
    label: str
    verdict: Verdict


NOT_EVALUATED = Status("not_evaluated", Verdict.NOT_EVALUATED.label, Verdict.NOT_EVALUATED)


def result(case: Case, method: str, verdict: Verdict, explanation: str = "", **values: Any) -> IndicatorResult:
    """A result of ``method`` for ``case``; ``values`` are further :class:`IndicatorResult`
    fields. ``notes`` are added to the case's own; ``kind`` and ``baseline`` default to the
    case's."""
    notes = tuple(case.notes) + tuple(values.pop("notes", ()))
    fields = {"kind": case.target.kind, "baseline": case.baseline, **values}
    return IndicatorResult(
        indicator=case.indicator,
        method=method,
        verdict=verdict,
        notes=notes,
        explanation=explanation,
        **fields,
    )


def not_evaluated(
    case: Case, method: str, reason: Reason, detail: str = "", status: Status | None = None
) -> IndicatorResult:
    """A ``not_evaluated`` result with its reason; ``detail`` says more in Chinese; ``status``
    is set when the method reports classes of its own (:data:`NOT_EVALUATED`).

    Lacking data because every value was on another statistical basis is reported as
    ``incomparable_basis``, not ``no_data``.
    """
    if reason is Reason.NO_DATA and case.excluded and not case.observations:
        reason = Reason.INCOMPARABLE_BASIS
    text = f"因{reason.label}暂不评价" + (f"（{detail}）" if detail else "")
    labels = {} if status is None else {"status": status.name, "status_label": status.label}
    return result(case, method, Verdict.NOT_EVALUATED, text, reason=reason, observations=case.observations, **labels)


def classified(case: Case, method: str, status: Status, explanation: str, **values: Any) -> IndicatorResult:
    """A result in the method's class ``status``, with the verdict that class maps onto."""
    return result(case, method, status.verdict, explanation, status=status.name, status_label=status.label, **values)


def skipped(case: Case, method: str, reason: Reason, detail: str = "") -> IndicatorResult:
    """:func:`not_evaluated` for a method with classes of its own."""
    return not_evaluated(case, method, reason, detail, status=NOT_EVALUATED)


# --- series-based methods -------------------------------------------------------------------


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth as a fraction: (end/start)^(1/years) − 1, for positive levels.

    Example: 100 → 110 in 5 years → 0.019245.

    Raises:
        ValueError: a level that is not positive, or no years.
    """
    if start <= 0 or end <= 0:
        raise ValueError("compound growth needs positive levels")
    if years <= 0:
        raise ValueError("compound growth needs a positive span of years")
    return float((end / start) ** (1 / years) - 1)


def yearly_change(rate: float) -> str:
    """A compound rate (a fraction) in words: ``年均增长1.92%`` or ``年均下降0.5%``."""
    return f"年均{'下降' if rate < 0 else '增长'}{format_percent(abs(rate), 2)}"


def meets(series: LevelSeries, value: float) -> bool:
    """True when ``value`` is at or beyond the target in the desired direction."""
    return series.direction.sign * (value - series.target) >= -EPSILON


def fell_back(series: LevelSeries) -> bool:
    """True when the base was already beyond the target and the latest value no longer is
    (call after :func:`meets` on the latest value has failed)."""
    return series.direction.sign * (series.base - series.target) > EPSILON


def growth_gate(
    case: Case, method: str, series: LevelSeries, reached: Status, fallen: Status, flat: str, fields: dict[str, Any]
) -> IndicatorResult | None:
    """The checks the compound-growth methods (cagr_ratio, unsd_projection) make before any
    rate: target met → ``reached``; base beyond the target and fallen back → ``fallen``; a level
    or target that is not positive → not_positive (never a substitute for zero); target equal
    to base → not_applicable (``flat`` says why); no time elapsed → too_few_points. None when
    the method may go on to its rate."""
    described = describe(case, series)
    if meets(series, series.latest):
        return classified(case, method, reached, f"{described}，已达到目标", **fields)
    if fell_back(series):
        return classified(case, method, fallen, f"{described}，基期已达到目标但现已回落，{fallen.label}", **fields)
    if min(*series.values, series.target) <= 0:
        return skipped(case, method, Reason.NOT_POSITIVE)
    if abs(series.target - series.base) <= EPSILON:
        return skipped(case, method, Reason.NOT_APPLICABLE, flat)
    if series.times[-1] <= series.times[0]:
        return skipped(case, method, Reason.TOO_FEW_POINTS)
    return None


def series_fields(case: Case, series: LevelSeries, latest: int = -1) -> dict[str, Any]:
    """The fields every series-based result reports: the base level (100 for an index), the
    target level, the latest period used (point ``latest`` of the series), the observations and
    the elapsed share of the base-to-target span, (t − t0)/(T − t0)."""
    t0, t = series.times[0], series.times[latest]
    span = series.target_time - t0
    return {
        "baseline": series.base,
        "target_value": series.target,
        "latest_period": _observation(case, series, latest).period,
        "observations": case.observations,
        "time_share": min(max((t - t0) / span, 0.0), 1.0) if span > 0 else None,
    }


_MEASURES = {
    TargetKind.AVG_GROWTH: "按累计增长指数（基期为100）计",
    TargetKind.CUMULATIVE_REDUCTION: "按强度指数（基期为100）计",
    TargetKind.CUMULATIVE_TOTAL: "按累计值计",
}


def describe(case: Case, series: LevelSeries, latest: int = -1) -> str:
    """The levels in Chinese: ``2020年为110，基期2015年为100，2030年目标150``, prefixed by what
    the levels measure when they are an index or a running sum."""
    period = chinese_label(_observation(case, series, latest).period)
    base_year, target_year = int(series.times[0]), int(series.target_time)
    text = (
        f"{period}为{level(series, series.values[latest])}，基期{base_year}年为{level(series, series.base)}，"
        f"{target_year}年目标{level(series, series.target)}"
    )
    kind = case.target.kind
    if kind is TargetKind.AVG_GROWTH and not case.indicator.is_growth_rate:
        return f"{text}（按{case.target.text}折算）"
    prefix = _MEASURES.get(kind)
    return f"{prefix}，{text}" if prefix else text


def level(series: LevelSeries, value: float) -> str:
    """A level with its unit; an index has none."""
    unit = "" if series.unit == "指数" else series.unit
    return f"{format_number(value)}{unit}"


def _observation(case: Case, series: LevelSeries, point: int) -> Observation:
    # Point 0 of a series is the base year; point i ≥ 1 is the case's observation i − 1.
    index = point if point >= 0 else len(series.values) + point
    return case.observations[max(index - 1, 0)]
