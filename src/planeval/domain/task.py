"""Key tasks and major projects (重点任务、重大项目) and their status against the schedule.

The office splits a plan into tasks, each with a lead department (牵头单位), cooperating
departments (配合单位), a start and a due date (完成时限) and yearly milestones; departments
report progress (percent complete, and for a project the investment completed). A task's
status compares that progress with the share of its time that has elapsed (序时进度), the
same time-progress principle the indicators are judged by (docs/METHODS.md §1):

==============  =============================================================================
status          when
==============  =============================================================================
completed       the latest update says 100 %, or a project's actual completion date is set
not_started     nothing reported yet and the schedule asks for nothing yet (before the start,
                or elapsed share ≤ ``start_grace``)
delayed         past the due date and not completed; a project not started after its planned
                start; or percent complete < elapsed share ×
                (1 − ``progress_tolerance``); or a project's completed investment < planned
                investment × elapsed share × (1 − ``investment_tolerance``)
on_track        otherwise
==============  =============================================================================

A *continuous* task (``continuous``: 长期坚持, 持续推进 — work that has no real due date, read
as the plan's last day) has no share of its time to be behind: percent complete says little of
work that never ends. Its status says only whether the department keeps reporting it, over
:data:`CONTINUOUS_WINDOW_YEARS` (one year, the yearly reporting cycle):

==============  =============================================================================
status          when (continuous task, on day ``on``)
==============  =============================================================================
not_started     ``on`` before the start; or nothing reported yet and the start at most a year
                before ``on`` (the first yearly report is not late yet)
on_track        an update reported within the year up to ``on`` (on or after the same day a
                year before)
delayed         otherwise: the latest update, or the start when nothing was reported, more than
                a year before ``on``
==============  =============================================================================

A continuous task is never completed and never past due.

What a department may report (:func:`earliest_report`, :meth:`Milestone.done_on_report`): a
report is dated no later than the day it is made and no earlier than a year before the task's
start (preparatory work); a milestone it marks done is done on the report's day, but not before
1 January of the milestone's year (a yearly milestone counts for its year: reached early, it is
recorded as done on the first day of its year), and only once that year has begun.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from planeval.domain.settings import check_limits, setting
from planeval.errors import PlanError

PROGRESS_TOLERANCE = 0.05
INVESTMENT_TOLERANCE = 0.05
START_GRACE = 0.05
TASK_LIMITS = {"progress_tolerance": 1.0, "investment_tolerance": 1.0, "start_grace": 1.0}
COMPLETE = 100.0
CONTINUOUS_WINDOW_YEARS = 1
"""How long a continuous task may go without an update before it counts as delayed."""
REPORT_LEAD_YEARS = 1
"""How long before a task's start a progress report may be dated (preparatory work)."""
EPSILON = 1e-9
"""Slack for comparing fractions, so that a value exactly at a threshold counts as meeting it
(0.4 × 0.75 is 0.30000000000000004 in binary floating point)."""


class TaskStatus(StrEnum):
    """A task's place against its schedule."""

    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    DELAYED = "delayed"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        """The Chinese label an office's progress table prints."""
        return _LABELS[self]


class TaskReason(StrEnum):
    """Which rule of the module's table decided a task's status, so that a reader can say why
    in its own language (the assessment's ``explanation`` says it in Chinese)."""

    COMPLETED = "completed"  # 100 % reported, or a project's actual completion date reached
    PAST_DUE = "past_due"  # past the due date and not completed
    LATE_START = "late_start"  # a project not started after its planned start
    NOTHING_YET = "nothing_yet"  # nothing reported, within the start grace
    BEHIND = "behind"  # percent complete below the elapsed share's floor
    INVESTMENT_BEHIND = "investment_behind"  # completed investment below the elapsed share's floor
    ON_SCHEDULE = "on_schedule"  # none of the above
    REPORTED_RECENTLY = "reported_recently"  # a continuous task with an update in the last year
    NOT_REPORTED_RECENTLY = "not_reported_recently"  # a continuous task without one


_LABELS = {
    TaskStatus.NOT_STARTED: "未启动",
    TaskStatus.ON_TRACK: "按序时推进",
    TaskStatus.DELAYED: "滞后",
    TaskStatus.COMPLETED: "已完成",
}


@dataclass(frozen=True)
class TaskSettings:
    """The thresholds of a task's status (fractions of the task's time or of its plan)."""

    progress_tolerance: float = setting(
        PROGRESS_TOLERANCE,
        "A task is 滞后 (delayed) when its percent complete is below the elapsed share of its "
        "time (序时进度) × (1 − progress_tolerance); 0.05 as the indicators' tolerance.",
    )
    investment_tolerance: float = setting(
        INVESTMENT_TOLERANCE,
        "A major project is delayed when its completed investment is below planned investment × "
        "elapsed share × (1 − investment_tolerance).",
    )
    start_grace: float = setting(
        START_GRACE,
        "Share of a task's time that may pass with nothing reported before it counts as delayed "
        "rather than 未启动 (not started).",
    )

    def __post_init__(self) -> None:
        check_limits(self, TASK_LIMITS)


@dataclass(frozen=True)
class Milestone:
    """What a task must have done by the end of ``year`` (年度节点); ``done_on`` once done."""

    year: int
    text: str
    done_on: date | None = None

    @property
    def due(self) -> date:
        return date(self.year, 12, 31)

    def is_overdue(self, on: date) -> bool:
        """Past the end of its year on ``on`` and not done by then."""
        return on > self.due and (self.done_on is None or self.done_on > on)

    @property
    def year_start(self) -> date:
        return date(self.year, 1, 1)

    def done_on_report(self, reported_on: date, today: date) -> date:
        """The day a report of ``reported_on`` (made on ``today``) that marks this milestone
        done records: the report's day, or 1 January of the milestone's year when the report
        is earlier (module docstring).

        Raises:
            PlanError: the milestone's year has not begun on ``today``.
        """
        if self.year_start > today:
            raise PlanError(f"the milestone of {self.year} can be marked done from {self.year_start.isoformat()}")
        return max(reported_on, self.year_start)


@dataclass(frozen=True)
class ProgressUpdate:
    """A department's report on a task: ``percent`` complete (0–100) on ``reported_on``, a
    narrative, evidence file names, and for a project the investment completed so far (亿元,
    cumulative since the start)."""

    reported_on: date
    percent: float
    narrative: str = ""
    evidence: tuple[str, ...] = ()
    investment_completed: float | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.percent <= COMPLETE:
            raise PlanError(f"progress of {self.reported_on}: percent must be 0–100, got {self.percent:g}")
        if self.investment_completed is not None and self.investment_completed < 0:
            raise PlanError(f"progress of {self.reported_on}: investment completed must be ≥ 0")


@dataclass(frozen=True)
class Project:
    """What a major project (重大项目) adds to a task: investment in 亿元 and its dates."""

    planned_investment: float
    planned_start: date | None = None
    planned_completion: date | None = None
    actual_start: date | None = None
    actual_completion: date | None = None

    def __post_init__(self) -> None:
        if self.planned_investment <= 0:
            raise PlanError(f"planned investment must be positive, got {self.planned_investment:g} 亿元")


@dataclass(frozen=True)
class Task:
    """A key task of the responsibility breakdown (责任分解方案).

    ``lead`` and ``cooperating`` are department names; ``start``..``due`` the task's time;
    ``updates`` in any order (the latest by date counts); ``note`` what the breakdown said that
    has no field of its own (a 完成时限 of 长期坚持 read as the plan's end, a second lead
    department); ``continuous`` for work without a real due date (长期坚持), judged by its
    updates' recency (module docstring).

    Raises:
        PlanError: an empty code or text, or ``due`` before ``start``.
    """

    code: str
    text: str
    lead: str
    start: date
    due: date
    chapter: str = ""
    cooperating: tuple[str, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    updates: tuple[ProgressUpdate, ...] = ()
    project: Project | None = None
    note: str = ""
    continuous: bool = False

    def __post_init__(self) -> None:
        if not self.code.strip() or not self.text.strip():
            raise PlanError(f"task {self.code!r}: code and text are required")
        if self.due < self.start:
            raise PlanError(f"task {self.code}: due date {self.due} is before the start {self.start}")

    def latest_update(self, on: date) -> ProgressUpdate | None:
        """The last update reported by ``on``."""
        known = [u for u in self.updates if u.reported_on <= on]
        return max(known, key=lambda u: u.reported_on, default=None)


@dataclass(frozen=True)
class TaskAssessment:
    """A task's status on a day with the numbers behind it: ``elapsed`` share of its time
    (0–1), ``percent`` complete (0–100, 0 when nothing reported), ``investment_share``
    (completed / planned, a project only), the rule that decided in words (``explanation``)
    and as a ``reason`` code."""

    code: str
    status: TaskStatus
    elapsed: float
    percent: float
    investment_share: float | None
    explanation: str
    reason: TaskReason = TaskReason.ON_SCHEDULE

    @property
    def over_estimate(self) -> bool:
        """A project whose completed investment exceeds its planned investment (超概算)."""
        return self.investment_share is not None and self.investment_share > 1 + EPSILON


def elapsed_share(start: date, due: date, on: date) -> float:
    """序时进度: the share of ``start``..``due`` passed on ``on`` (days, clipped to 0–1).
    A task that starts and is due on the same day has all its time elapsed from that day."""
    if on < start:
        return 0.0
    span = (due - start).days
    return 1.0 if span == 0 else min(1.0, (on - start).days / span)


def years_before(day: date, years: int) -> date:
    """The same day ``years`` years earlier (28 February for a 29 February without one)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def earliest_report(start: date) -> date:
    """The earliest day a progress report on a task starting on ``start`` may be dated:
    :data:`REPORT_LEAD_YEARS` before it."""
    return years_before(start, REPORT_LEAD_YEARS)


def assess_task(task: Task, on: date, settings: TaskSettings | None = None) -> TaskAssessment:
    """The status of ``task`` on ``on`` by the rules in this module's docstring."""
    settings = settings or TaskSettings()
    latest = task.latest_update(on)
    percent = latest.percent if latest else 0.0
    elapsed = elapsed_share(task.start, task.due, on)
    share = _investment_share(task, latest)
    if task.continuous:
        status, reason, why = _continuous_status(task, on, latest)
    else:
        status, reason, why = _status(task, on, latest, elapsed, share, settings)
    return TaskAssessment(task.code, status, elapsed, percent, share, why, reason)


def _continuous_status(task: Task, on: date, latest: ProgressUpdate | None) -> tuple[TaskStatus, TaskReason, str]:
    window_start = years_before(on, CONTINUOUS_WINDOW_YEARS)
    if on < task.start or (latest is None and task.start >= window_start):
        return TaskStatus.NOT_STARTED, TaskReason.NOTHING_YET, "长期任务，尚无进展"
    if latest is not None and latest.reported_on >= window_start:
        return TaskStatus.ON_TRACK, TaskReason.REPORTED_RECENTLY, f"长期任务，{latest.reported_on.isoformat()} 报送进展"
    since = f"自 {latest.reported_on.isoformat()} " if latest else "开始"
    return TaskStatus.DELAYED, TaskReason.NOT_REPORTED_RECENTLY, f"长期任务，{since}以来一年多未报送进展"


def _investment_share(task: Task, latest: ProgressUpdate | None) -> float | None:
    if task.project is None or latest is None or latest.investment_completed is None:
        return None
    return latest.investment_completed / task.project.planned_investment


def _status(
    task: Task,
    on: date,
    latest: ProgressUpdate | None,
    elapsed: float,
    share: float | None,
    settings: TaskSettings,
) -> tuple[TaskStatus, TaskReason, str]:
    finished = task.project.actual_completion if task.project else None
    if (latest and latest.percent >= COMPLETE) or (finished is not None and finished <= on):
        return TaskStatus.COMPLETED, TaskReason.COMPLETED, "已完成"
    if on > task.due:
        return TaskStatus.DELAYED, TaskReason.PAST_DUE, f"已过完成时限 {task.due.isoformat()}"
    late_start = _late_start(task, on)
    if late_start:
        return TaskStatus.DELAYED, TaskReason.LATE_START, late_start
    percent = latest.percent if latest else 0.0
    if percent == 0 and elapsed <= settings.start_grace:
        return TaskStatus.NOT_STARTED, TaskReason.NOTHING_YET, f"序时进度 {elapsed:.0%}，尚无进展"
    floor = elapsed * (1 - settings.progress_tolerance)
    if percent / COMPLETE < floor - EPSILON:
        return TaskStatus.DELAYED, TaskReason.BEHIND, f"完成 {percent:g}%，低于序时进度 {elapsed:.0%}"
    if share is not None and share < elapsed * (1 - settings.investment_tolerance) - EPSILON:
        return TaskStatus.DELAYED, TaskReason.INVESTMENT_BEHIND, f"投资完成 {share:.0%}，低于序时进度 {elapsed:.0%}"
    return TaskStatus.ON_TRACK, TaskReason.ON_SCHEDULE, f"完成 {percent:g}%，序时进度 {elapsed:.0%}"


def _late_start(task: Task, on: date) -> str:
    project = task.project
    if project is None or project.actual_start is not None or project.planned_start is None:
        return ""
    return f"计划 {project.planned_start.isoformat()} 开工，尚未开工" if on > project.planned_start else ""
