"""The assessment table as the page and the Excel download show it: placed, never computed —
every score, weight and rank is the core's (:mod:`planeval.domain.assessment`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from planeval.domain.assessment import Assessment, AssessmentSettings, DepartmentAssessment, Part, PartScore
from planeval.domain.numbers import format_number, format_percent
from planeval.domain.task import TaskStatus
from planeval.domain.verdict import Verdict

# The table's words carry the context "assessment": other pages use some of them in other senses.
PART_NAMES: dict[Part, Promise] = {
    Part.INDICATORS: pgettext_lazy("assessment", "Indicators"),
    Part.TASKS: pgettext_lazy("assessment", "Lead tasks"),
    Part.TIMELINESS: pgettext_lazy("assessment", "Timeliness of reports"),
}
VERDICT_NAMES: dict[Verdict, Promise] = {
    Verdict.TARGET_REACHED: pgettext_lazy("assessment", "target reached early"),
    Verdict.AHEAD: pgettext_lazy("assessment", "ahead of schedule"),
    Verdict.ON_SCHEDULE: pgettext_lazy("assessment", "on schedule"),
    Verdict.BEHIND: pgettext_lazy("assessment", "behind schedule"),
    Verdict.NOT_EVALUATED: pgettext_lazy("assessment", "not evaluated"),
}
STATUS_NAMES: dict[TaskStatus, Promise] = {
    TaskStatus.COMPLETED: pgettext_lazy("assessment", "completed"),
    TaskStatus.ON_TRACK: pgettext_lazy("assessment", "on track"),
    TaskStatus.NOT_STARTED: pgettext_lazy("assessment", "not started"),
    TaskStatus.DELAYED: pgettext_lazy("assessment", "delayed"),
}
TIMELINESS_NAMES: dict[str, Promise] = {
    "on_time": pgettext_lazy("assessment", "on time"),
    "late": pgettext_lazy("assessment", "late"),
    "missing": pgettext_lazy("assessment", "not submitted"),
}


@dataclass(frozen=True)
class Cell:
    """One part of a row: the score (None: nothing to score), the weight applied to it after
    renormalisation, and the facts behind it as ``(name, count)``."""

    part: Part
    score: float | None
    applied: float
    renormalised: bool
    facts: tuple[tuple[str, int], ...]

    @property
    def applied_label(self) -> str:
        return format_percent(self.applied, 0)


@dataclass(frozen=True)
class Line:
    row: DepartmentAssessment
    cells: tuple[Cell, ...]
    note: str


def lines(assessment: Assessment, departments: set[str] | None = None) -> list[Line]:
    """One line per department, in rank order; only those in ``departments`` when given."""
    return [
        Line(row, tuple(_cell(row, part) for part in row.parts), note(row))
        for row in assessment.departments
        if departments is None or row.department in departments
    ]


def _cell(row: DepartmentAssessment, part: PartScore) -> Cell:
    return Cell(part.part, part.score, part.applied, part.score is not None and part.applied != part.weight,
                facts(row, part.part))  # fmt: skip


def facts(row: DepartmentAssessment, part: Part) -> tuple[tuple[str, int], ...]:
    """The counts behind a part: indicators by verdict, lead tasks by status, values on time,
    late and not submitted."""
    if part is Part.INDICATORS:
        return tuple((str(VERDICT_NAMES[v]), n) for v, n in row.verdicts.items())
    if part is Part.TASKS:
        return tuple((str(STATUS_NAMES[s]), row.statuses[s]) for s in STATUS_NAMES)
    t = row.timeliness
    counts = {"on_time": t.on_time, "late": t.late, "missing": t.missing}
    return tuple((str(TIMELINESS_NAMES[key]), n) for key, n in counts.items())


def note(row: DepartmentAssessment) -> str:
    """What the total leaves out, in the page's language (the core's :attr:`note` in words)."""
    if row.total is None:
        if len(row.left_out) == len(Part):
            return _("Nothing to score: no total.")
        return _("The parts with something to score weigh nothing: no total.")
    if not row.left_out:
        return ""
    names = pgettext("assessment", ", ").join(str(PART_NAMES[part]) for part in row.left_out)
    return _("Nothing to score in %(parts)s: the other weights renormalised.") % {"parts": names}


def weights(settings: AssessmentSettings) -> list[tuple[str, str]]:
    """``(part name, weight as set)`` of the three parts, the weight as a percentage."""
    return [(str(PART_NAMES[part]), format_percent(settings.weight(part), 0)) for part in Part]


def points(settings: AssessmentSettings) -> dict[str, str]:
    """The points set for each verdict and each task status, as a list in words."""
    separator = pgettext("assessment", ", ")
    verdicts = [f"{name} {format_number(settings.verdict_points(v))}" for v, name in VERDICT_NAMES.items()
                if v is not Verdict.NOT_EVALUATED]  # fmt: skip
    statuses = [f"{name} {format_number(settings.status_points(s))}" for s, name in STATUS_NAMES.items()]
    return {"verdicts": separator.join(verdicts), "statuses": separator.join(statuses)}
