"""The task list of a plan: each task with its status from the core, filtered, counted by status.

The status is never stored: :func:`planeval.domain.task.assess_task` decides it for the day the
page is made (序时进度: the share of the task's time elapsed against its percent complete).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django import forms
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy, pgettext_lazy

from planeval.domain.numbers import format_number, format_percent
from planeval.domain.task import TaskAssessment, TaskReason, TaskStatus, assess_task
from planeval.web.core.models import Department, Plan
from planeval.web.tasks.convert import domain_task
from planeval.web.tasks.models import Task

STATUS_LABELS: dict[TaskStatus, Promise] = {
    TaskStatus.NOT_STARTED: pgettext_lazy("task status", "not started"),
    TaskStatus.ON_TRACK: pgettext_lazy("task status", "on track"),
    TaskStatus.DELAYED: pgettext_lazy("task status", "delayed"),
    TaskStatus.COMPLETED: pgettext_lazy("task status", "completed"),
}
"""The status as the site names it (Chinese: the core's labels, 未启动 … 已完成)."""
REASONS: dict[TaskReason, Promise] = {
    TaskReason.COMPLETED: gettext_lazy("Completed."),
    TaskReason.PAST_DUE: gettext_lazy("Past its due date %(due)s and not completed."),
    TaskReason.LATE_START: gettext_lazy("Works have not started; they were planned to start on %(planned_start)s."),
    TaskReason.NOTHING_YET: gettext_lazy("Nothing reported yet; %(elapsed)s of its time has passed."),
    TaskReason.BEHIND: gettext_lazy("%(percent)s complete, behind the %(elapsed)s of its time that has passed."),
    TaskReason.INVESTMENT_BEHIND: gettext_lazy(
        "%(invested)s of the planned investment completed, behind the %(elapsed)s of its time that has passed."
    ),
    TaskReason.ON_SCHEDULE: gettext_lazy("%(percent)s complete with %(elapsed)s of its time passed."),
    TaskReason.REPORTED_RECENTLY: gettext_lazy("Continuous work: progress reported within the last year."),
    TaskReason.NOT_REPORTED_RECENTLY: gettext_lazy("Continuous work: no progress reported for more than a year."),
}
"""Why a task has its status, by the rule that decided (the core's reason code)."""
INVESTMENT_DIGITS = 2


@dataclass(frozen=True)
class TaskRow:
    """A stored task with its assessment on the day of the page."""

    task: Task
    assessment: TaskAssessment

    @property
    def status(self) -> str:
        return self.assessment.status.value

    @property
    def status_label(self) -> Promise:
        return STATUS_LABELS[self.assessment.status]

    @property
    def percent(self) -> str:
        return f"{format_number(self.assessment.percent, 1)}%"

    @property
    def elapsed(self) -> str:
        return format_percent(self.assessment.elapsed, 0)

    @property
    def percent_width(self) -> str:
        """Percent complete for a CSS width, written the same in every language (``40.0``)."""
        return f"{self.assessment.percent:.1f}"

    @property
    def elapsed_width(self) -> str:
        return f"{self.assessment.elapsed * 100:.1f}"

    @property
    def investment(self) -> str:
        """Completed / planned investment in 亿元 for a project (``45.5 / 120``), else ""."""
        if not self.task.is_project:
            return ""
        share = self.assessment.investment_share
        done = "—" if share is None else format_number(share * (self.task.planned_investment or 0), INVESTMENT_DIGITS)
        return f"{done} / {format_number(self.task.planned_investment, INVESTMENT_DIGITS)}"

    @property
    def over_estimate(self) -> bool:
        """A project whose completed investment exceeds the planned one (超概算)."""
        return self.assessment.over_estimate

    @property
    def explanation(self) -> str:
        """Why the task has its status, in the page's language."""
        task, assessment = self.task, self.assessment
        share = assessment.investment_share
        return str(REASONS[assessment.reason]) % {
            "due": task.due.isoformat(),
            "planned_start": task.planned_start.isoformat() if task.planned_start else "—",
            "elapsed": self.elapsed,
            "percent": self.percent,
            "invested": format_percent(share, 0) if share is not None else "—",
        }


def assessed(tasks: QuerySet[Task], on: datetime.date) -> list[TaskRow]:
    """Each task with its status on ``on``, in the plan's order, fetched in five queries."""
    related = tasks.select_related("lead").prefetch_related("cooperating", "milestones", "updates")
    return [TaskRow(task, assess_task(domain_task(task), on)) for task in related]


class FilterForm(forms.Form):
    """The list's filters; an empty or unknown choice filters nothing."""

    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    department = forms.ChoiceField(label=gettext_lazy("Department"), required=False)
    chapter = forms.ChoiceField(label=gettext_lazy("Chapter"), required=False)

    def __init__(self, plan: Plan, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        tasks = plan.tasks.all()
        every = [("", gettext_lazy("all"))]
        named = Department.objects.filter(Q(led_tasks__in=tasks) | Q(cooperating_tasks__in=tasks)).distinct()
        chapters = tasks.exclude(chapter="").order_by("position").values_list("chapter", flat=True)
        self.fields["status"].choices = every + [(s.value, label) for s, label in STATUS_LABELS.items()]
        self.fields["department"].choices = every + [(d.code, d.name) for d in named]
        self.fields["chapter"].choices = every + [(c, c) for c in dict.fromkeys(chapters)]

    def value(self, name: str) -> str:
        return str(self.cleaned_data.get(name) or "") if self.is_valid() else ""


@dataclass(frozen=True)
class Listing:
    """The rows the filters keep, and the count of each status among the rows that the
    department and chapter filters keep (so that a count leads to its rows)."""

    rows: list[TaskRow]
    counts: list[tuple[str, Promise, int]]
    total: int


def listing(plan: Plan, form: FilterForm, on: datetime.date) -> Listing:
    """The plan's tasks on ``on`` as ``form`` filters them."""
    tasks = plan.tasks.all()
    if code := form.value("department"):
        tasks = tasks.filter(Q(lead__code=code) | Q(cooperating__code=code)).distinct()
    if chapter := form.value("chapter"):
        tasks = tasks.filter(chapter=chapter)
    rows = assessed(tasks, on)
    tally = Counter(row.status for row in rows)
    counts = [(status.value, label, tally[status.value]) for status, label in STATUS_LABELS.items()]
    status = form.value("status")
    kept = [row for row in rows if row.status == status] if status else rows
    return Listing(kept, counts, len(rows))
