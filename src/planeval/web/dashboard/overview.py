"""The overview page as data: the tallies of an evaluation and one row per indicator.

Everything here is placed, not computed: verdicts, progress and paths come from the core
(:func:`planeval.evaluate.evaluate`, :mod:`planeval.reports.paths`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from planeval.domain.evaluation import Evaluation
from planeval.domain.indicator import Attribute
from planeval.domain.numbers import format_number, format_percent
from planeval.domain.result import IndicatorResult
from planeval.domain.verdict import Verdict
from planeval.reports.paths import actual_path, required_path
from planeval.web.dashboard.selection import period_label
from planeval.web.dashboard.sparkline import Sparkline, sparkline

VALUE_DIGITS = 4  # a reported value is shown as reported, up to this many decimals


@dataclass(frozen=True)
class Bar:
    """Progress against time share, as percentages of the bar's width (0 = baseline, 100 =
    target); ``over`` when progress passes the target, ``back`` when it went the wrong way."""

    progress: float
    time_share: float
    over: bool
    back: bool
    label: str
    title: str


@dataclass(frozen=True)
class Row:
    result: IndicatorResult
    verdict_label: str
    latest: str
    latest_period: str
    bar: Bar | None
    sparkline: Sparkline | None


@dataclass(frozen=True)
class Group:
    aspect: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Segment:
    verdict: Verdict
    count: int


@dataclass(frozen=True)
class AspectLine:
    aspect: str
    total: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class AttributeLine:
    """One line of the verdict × attribute table; ``subtotal`` for 达到或超过规划进度要求."""

    label: str
    verdict: Verdict | None
    counts: tuple[int, ...]
    total: int
    subtotal: bool = False


def verdict_label(result: IndicatorResult) -> str:
    """The method's own class (or the common verdict), with the reason it was not evaluated."""
    label = result.status_label or result.verdict.label
    return f"{label}（{result.reason.label}）" if result.reason else label


def bar(result: IndicatorResult) -> Bar | None:
    """The progress bar, or None when the target kind has no progress to draw (bounds, in-step)."""
    if result.progress is None or result.time_share is None:
        return None
    progress, share = result.progress, result.time_share
    label = format_percent(progress)
    title = _("progress %(progress)s against time share %(share)s") % {
        "progress": label,
        "share": format_percent(share),
    }
    width, line = round(min(max(progress, 0.0), 1.0) * 100, 1), round(min(share, 1.0) * 100, 1)
    return Bar(width, line, over=progress > 1, back=progress < 0, label=label, title=title)


def row(result: IndicatorResult, base_year: int) -> Row:
    latest = result.observations[-1] if result.observations else None
    value = f"{format_number(latest.value, VALUE_DIGITS)}{latest.unit or result.indicator.unit}" if latest else "—"
    when = period_label(latest.period) if latest else ""
    target_year = result.indicator.target_year
    line = sparkline(actual_path(result), required_path(result, base_year, target_year), base_year, target_year)
    return Row(result, verdict_label(result), value, when, bar(result), line)


def groups(evaluation: Evaluation) -> list[Group]:
    """The rows by aspect, in the order of the plan table."""
    by_aspect: dict[str, list[Row]] = {}
    for result in evaluation.results:
        by_aspect.setdefault(result.indicator.aspect, []).append(row(result, evaluation.plan.base_year))
    return [Group(aspect, tuple(rows)) for aspect, rows in by_aspect.items()]


def attribute_lines(evaluation: Evaluation) -> list[AttributeLine]:
    """Counts by verdict × attribute, with the subtotal of those meeting the schedule after
    ``on_schedule``."""
    summary = evaluation.summary
    lines = []
    for verdict in Verdict:
        counts = tuple(summary.count([verdict], a) for a in Attribute)
        lines.append(AttributeLine(verdict.label, verdict, counts, summary.count([verdict])))
        if verdict is Verdict.ON_SCHEDULE:
            meeting = tuple(summary.count([v for v in Verdict if v.meets_schedule], a) for a in Attribute)
            label = _("meeting or ahead of schedule")
            lines.append(AttributeLine(label, None, meeting, summary.meeting_schedule, subtotal=True))
    return lines


def aspect_lines(evaluation: Evaluation) -> list[AspectLine]:
    return [
        AspectLine(a.aspect, a.total, tuple(Segment(v, a.counts[v]) for v in Verdict if a.counts.get(v)))
        for a in evaluation.summary.aspects
    ]


def legend() -> list[tuple[str, str]]:
    """(verdict, label) of every verdict, best first: the colour key."""
    return [(v.value, v.label) for v in Verdict]


def attribute_labels() -> list[str]:
    return [a.label for a in Attribute]


def headline(evaluation: Evaluation) -> dict[str, int]:
    """The four numbers a reader looks at first; ``final`` (0/1) when judged at the plan's end,
    where a reached target is no longer reached *early*."""
    summary = evaluation.summary
    return {
        "final": int(summary.final),
        "total": summary.total,
        "meeting": summary.meeting_schedule,
        "reached": summary.count([Verdict.TARGET_REACHED]),
        "behind": summary.count([Verdict.BEHIND]),
        "not_evaluated": summary.count([Verdict.NOT_EVALUATED]),
    }


def context(evaluation: Evaluation) -> dict[str, Any]:
    """What the overview page draws, beside the plan and the selection."""
    return {
        "evaluation": evaluation,
        "headline": headline(evaluation),
        "attributes": attribute_lines(evaluation),
        "attribute_labels": attribute_labels(),
        "aspects": aspect_lines(evaluation),
        "groups": groups(evaluation),
        "verdicts": legend(),
    }
