"""The comparison page as data: each indicator judged by every method, side by side, and
whether the methods split on meeting the schedule (:func:`planeval.evaluate.disagree`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planeval.domain.evaluation import Evaluation
from planeval.domain.indicator import Indicator
from planeval.domain.result import IndicatorResult
from planeval.evaluate import disagree
from planeval.web.dashboard.overview import legend
from planeval.web.dashboard.selection import method_label


@dataclass(frozen=True)
class Cell:
    """The method's own class for one indicator, and why it could not judge it, if so."""

    result: IndicatorResult
    label: str
    reason: str


@dataclass(frozen=True)
class Line:
    indicator: Indicator
    cells: tuple[Cell, ...]
    disagreement: bool


@dataclass(frozen=True)
class Column:
    method: str
    label: str
    meeting: int
    total: int


def columns(evaluations: dict[str, Evaluation]) -> list[Column]:
    return [
        Column(name, method_label(name), e.summary.meeting_schedule, e.summary.total) for name, e in evaluations.items()
    ]


def lines(evaluations: dict[str, Evaluation]) -> list[Line]:
    """One line per indicator in table order, one cell per method in the order given."""
    first = next(iter(evaluations.values()))
    rows = []
    for position, result in enumerate(first.results):
        results = [e.results[position] for e in evaluations.values()]
        cells = tuple(Cell(r, r.status_label or r.verdict.label, r.reason.label if r.reason else "") for r in results)
        rows.append(Line(result.indicator, cells, disagree(results)))
    return rows


def context(evaluations: dict[str, Evaluation]) -> dict[str, Any]:
    """What the comparison page draws, beside the plan and the selection."""
    drawn = lines(evaluations)
    return {"columns": columns(evaluations), "lines": drawn, "verdicts": legend(),
            "disagreements": sum(line.disagreement for line in drawn)}  # fmt: skip
