"""Stored tasks to the core's :class:`planeval.domain.task.Task`: one place."""

from __future__ import annotations

from pathlib import PurePath

from django.db.models import QuerySet

from planeval.domain.task import Milestone as DomainMilestone
from planeval.domain.task import ProgressUpdate as DomainUpdate
from planeval.domain.task import Project
from planeval.domain.task import Task as DomainTask
from planeval.web.tasks.models import ProgressUpdate, Task


def domain_task(task: Task) -> DomainTask:
    """The core's task of a stored one (use :func:`domain_tasks` to convert many at once)."""
    return DomainTask(
        code=task.code, text=task.text, lead=task.lead.name, start=task.start, due=task.due, chapter=task.chapter,
        cooperating=tuple(d.name for d in task.cooperating.all()),
        milestones=tuple(DomainMilestone(m.year, m.text, m.done_on) for m in task.milestones.all()),
        updates=tuple(_update(u) for u in task.updates.all()),
        project=_project(task), note=task.note, continuous=task.continuous,
    )  # fmt: skip


def domain_tasks(tasks: QuerySet[Task]) -> list[DomainTask]:
    """The core's tasks of stored ones, fetched with their relations in five queries."""
    related = tasks.select_related("lead").prefetch_related("cooperating", "milestones", "updates")
    return [domain_task(t) for t in related]


def _update(update: ProgressUpdate) -> DomainUpdate:
    evidence = (PurePath(update.evidence.name).name,) if update.evidence else ()
    return DomainUpdate(update.reported_on, update.percent, update.narrative, evidence, update.investment_completed)


def _project(task: Task) -> Project | None:
    if task.planned_investment is None:
        return None
    return Project(task.planned_investment, task.planned_start, task.planned_completion, task.actual_start,
                   task.actual_completion)  # fmt: skip
