"""The history of one task, read from django-simple-history: every recorded change of the task
(its cooperating departments included), of its milestones and of its progress updates, oldest
first, each with the facts that changed (old → new)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planeval.domain.numbers import format_number
from planeval.web.core.models import Department
from planeval.web.tasks.models import Milestone, ProgressUpdate, Task

SHOWN_DIGITS = 4
UNTRACKED = frozenset({"id", "plan", "task", "created_at", "reported_by"})
KINDS = {"+": gettext_lazy("created"), "~": gettext_lazy("changed"), "-": gettext_lazy("deleted")}


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryRow:
    """One recorded change: when, who ("" for an import without a user), what it is about
    (the task, a milestone, an update), the kind of change, the facts and the reason given."""

    when: datetime.datetime
    who: str
    subject: str
    kind: str
    changes: list[Change] = field(default_factory=list)
    reason: str = ""


def task_history(task: Task) -> list[HistoryRow]:
    """Every recorded change of ``task`` and of its milestones and updates, oldest first."""
    names = dict(Department.objects.values_list("pk", "name"))
    rows = _rows(Task, task.history.all(), names, lambda record: _("task"))
    rows += _rows(Milestone, Milestone.history.filter(task_id=task.pk), names,
                  lambda record: _("milestone %(year)s") % {"year": record.year})  # fmt: skip
    rows += _rows(ProgressUpdate, ProgressUpdate.history.filter(task_id=task.pk), names,
                  lambda record: _("progress of %(day)s") % {"day": record.reported_on.isoformat()})  # fmt: skip
    return sorted(rows, key=lambda row: row.when)


def _rows(model: type[models.Model], records: Any, names: dict[int, str], subject: Any) -> list[HistoryRow]:
    """The rows of one model's records; a created milestone or update lists its facts, a
    created task does not (the page shows them)."""
    rows = []
    previous: dict[int, Any] = {}
    for record in records.select_related("history_user").order_by("history_date", "history_id"):
        old = previous.get(record.id)
        listed = old is not None or (record.history_type == "+" and model is not Task)
        changes = _changes(model, old, record, names) if listed else []
        previous[record.id] = record
        if record.history_type == "~" and not changes:
            continue  # a save that changed nothing shown
        who = record.history_user.get_username() if record.history_user else ""
        rows.append(HistoryRow(record.history_date, who, subject(record), str(KINDS[record.history_type]), changes,
                               record.history_change_reason or ""))  # fmt: skip
    return rows


def _changes(model: type[models.Model], old: Any, new: Any, names: dict[int, str]) -> list[Change]:
    changes = []
    for model_field in (f for f in model._meta.concrete_fields if f.name not in UNTRACKED):
        before = _shown(model_field, old, names) if old is not None else "—"
        after = _shown(model_field, new, names)
        if before != after and (old is not None or after != "—"):
            changes.append(Change(str(model_field.verbose_name), before, after))
    if model is Task:
        before = _cooperating(old, names) if old is not None else "—"
        after = _cooperating(new, names)
        if before != after:
            changes.append(Change(str(Task._meta.get_field("cooperating").verbose_name), before, after))
    return changes


def _cooperating(record: Any, names: dict[int, str]) -> str:
    return "、".join(sorted(names.get(row.department_id, "?") for row in record.cooperating.all())) or "—"


def _shown(model_field: models.Field[Any, Any], record: Any, names: dict[int, str]) -> str:
    value = getattr(record, model_field.attname)
    if value in (None, ""):
        return "—"
    if isinstance(model_field, models.ForeignKey):
        return names.get(value, str(value))
    if isinstance(model_field, models.FileField):
        return PurePath(str(value)).name
    if isinstance(value, float):
        return format_number(value, SHOWN_DIGITS)
    return value.isoformat() if isinstance(value, datetime.date) else str(value)
