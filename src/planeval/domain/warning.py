"""Early warnings (预警): the values a warning rule produces, and the thresholds of the rules.

A warning names what it is about (an indicator, a task, a department's report), how serious it
is (yellow 黄色预警: watch it; red 红色预警: act now), the rule that raised it, a sentence in
Chinese with the numbers, and those numbers as facts. The rules themselves are in
:mod:`planeval.early_warning`; their thresholds are :class:`WarningSettings`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from planeval.domain.period import Period
from planeval.domain.settings import EvaluationSettings, check_limits, setting, with_values
from planeval.errors import PlanevalError

RED_MARGIN = 0.2
MILESTONE_RED_DAYS = 90
STALE_DAYS = 90
REPORT_RED_DAYS = 15
WARNING_LIMITS = {"red_margin": 1.0, "milestone_red_days": 3660.0, "stale_days": 3660.0, "report_red_days": 3660.0}
"""The largest sensible value of each setting: a margin of 1 asks for no progress at all; ten
years of days."""
DAY_SETTINGS = ("milestone_red_days", "stale_days", "report_red_days")
RED_LINE_SLACK = 1e-9
"""Slack for the sum tolerance + red_margin, so that 0.3 + 0.7 (0.9999999999999999 in binary
floating point) counts as 1."""

FactValue = float | int | str | None


class WarningLevel(StrEnum):
    """How serious a warning is; red first when sorted by :attr:`rank`."""

    RED = "red"
    YELLOW = "yellow"

    @property
    def label(self) -> str:
        """红色预警 or 黄色预警."""
        return "红色预警" if self is WarningLevel.RED else "黄色预警"

    @property
    def rank(self) -> int:
        """0 for red, 1 for yellow."""
        return list(WarningLevel).index(self)


class SubjectKind(StrEnum):
    """What a warning is about, in the order warnings of one level are listed."""

    INDICATOR = "indicator"
    TASK = "task"
    DEPARTMENT = "department"

    @property
    def label(self) -> str:
        return _SUBJECT_LABELS[self]

    @property
    def rank(self) -> int:
        return list(SubjectKind).index(self)


_SUBJECT_LABELS = {SubjectKind.INDICATOR: "指标", SubjectKind.TASK: "重点任务", SubjectKind.DEPARTMENT: "责任单位"}


@dataclass(frozen=True)
class EarlyWarning:
    """One warning.

    ``rule`` is the registered name of the rule that raised it (see
    :func:`planeval.early_warning.available_rules`); ``subject_code`` the indicator's or
    task's code, or the department's code (its name when it has none); ``department`` the
    responsible department's name ("" when the plan names none); ``message`` the Chinese
    sentence with the numbers; ``facts`` those numbers as ``(name, value)`` pairs: fractions
    as fractions (0.4 = 40 %), days as whole numbers, dates as ISO text.
    """

    rule: str
    level: WarningLevel
    subject_kind: SubjectKind
    subject_code: str
    subject_name: str
    department: str
    message: str
    facts: tuple[tuple[str, FactValue], ...] = field(default=())

    def fact(self, name: str) -> FactValue:
        """The fact called ``name``.

        Raises:
            KeyError: the warning has no such fact.
        """
        for key, value in self.facts:
            if key == name:
                return value
        raise KeyError(name)

    @property
    def facts_dict(self) -> dict[str, FactValue]:
        return dict(self.facts)


@dataclass(frozen=True)
class ReportDue:
    """A department's report for a reporting round, as the warning rules see it: who
    (``department`` name, ``code``), for which ``period``, the ``deadline`` (the last day
    allowed), and whether every value it owes is ``submitted`` (submitted or approved)."""

    department: str
    period: Period
    deadline: date
    submitted: bool
    code: str = ""

    def days_late(self, on: date) -> int:
        """Calendar days past the deadline on ``on`` while not submitted: 0 on the deadline day
        itself, before it, and once submitted."""
        return 0 if self.submitted else max(0, (on - self.deadline).days)


@dataclass(frozen=True)
class WarningSettings:
    """The thresholds of the warning rules (:mod:`planeval.early_warning`).

    No national standard fixes them; each default below is a design choice, documented in its
    help text, and every one can be changed per run (``--set NAME=VALUE``).

    Raises:
        PlanevalError: a margin outside 0–1, or a number of days that is not a whole number from
            0 to 3660.
    """

    red_margin: float = setting(
        RED_MARGIN,
        "An indicator behind schedule (未达进度要求) is a red warning when progress < time share × "
        "(1 − tolerance − red_margin), the tolerance being the evaluation's for its attribute; "
        "0.2 makes an expected indicator red below 75 % of the schedule.",
    )
    milestone_red_days: int = setting(
        MILESTONE_RED_DAYS,
        "A task's yearly milestone (年度节点) not done by the end of its year is a yellow warning, "
        "and red when more than milestone_red_days days overdue; 90 is one quarter, the usual "
        "interval of task progress reports (季度调度).",
    )
    stale_days: int = setting(
        STALE_DAYS,
        "A task not completed whose last progress update (or start, with none) is stale_days or "
        "more days old is a yellow warning; 90 days, one quarterly report missed.",
    )
    report_red_days: int = setting(
        REPORT_RED_DAYS,
        "A department not done reporting after a round's deadline is a yellow warning, and red "
        "when more than report_red_days days late; 15 as the escalation of supervision items "
        "(escalation_days).",
    )

    def __post_init__(self) -> None:
        for name in DAY_SETTINGS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise PlanevalError(f"setting {name}: expected a whole number of days, got {value!r}")
        check_limits(self, WARNING_LIMITS)

    def with_values(self, values: dict[str, str]) -> WarningSettings:
        """A copy with settings given as text (``{"stale_days": "60"}``).

        Raises:
            PlanevalError: an unknown name, or a value of the wrong type or out of range.
        """
        return with_values(self, values)


def check_red_line(settings: WarningSettings, evaluation: EvaluationSettings) -> None:
    """Refuse thresholds that leave the red line of ``behind_schedule`` at or below zero.

    The red line is time share × (1 − tolerance − red_margin) (:mod:`planeval.early_warning`);
    with tolerance + red_margin ≥ 1 it is zero or negative, and an indicator behind schedule
    could never be red (未低于红色预警线-1.0%). Only ``tolerance`` counts here: a binding
    indicator has no red line (any binding indicator behind is red), so ``binding_tolerance``
    never meets ``red_margin``.

    Raises:
        PlanevalError: tolerance + red_margin ≥ 1; the message names both settings and values.
    """
    total = evaluation.tolerance + settings.red_margin
    if total >= 1 - RED_LINE_SLACK:
        raise PlanevalError(
            f"settings tolerance ({evaluation.tolerance:g}) and red_margin ({settings.red_margin:g}) add up to "
            f"{total:.12g}: the red line time share × (1 − tolerance − red_margin) would be zero or below; "
            "keep tolerance + red_margin below 1"
        )
