"""Saving a responsibility breakdown (责任分解方案) into a plan: what an import would change, then
all of it in one transaction.

A task of the file is matched to a stored one by its text first and its code second
(:mod:`planeval.web.tasks.matching`), so that a task keeps its progress updates, milestones and
supervision items when a new chapter renumbers it; its code follows the file (a renumbering) and
a task the office reworded keeps its code. The file sets the matched task's facts as read (text,
chapter, departments, start and due date — the start being 1 January of the plan's first year
when the file has no 开始时间 —, whether it is continuous, investment, order, note); an actual
start or completion date, a milestone's done date and progress updates are only added, never
erased by an empty cell: what has happened stays recorded. Milestones are matched by year.
Tasks stored but missing from the file are kept and listed; one whose code a task of the file
takes is given another (``1-2（原）``). Departments are matched by name; a name the site does not
know is a problem that stops the import (:func:`compare`), except in :func:`store_folder_tasks`,
which loads a plan folder and creates them.

Codes change in two steps inside the transaction (each moving task first to a temporary code,
then to its new one), so that two tasks can swap codes under the plan's unique constraint; the
temporary step is not recorded in the history. Nothing is saved when nothing changed: importing
the same file twice records no history.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from planeval.domain.numbers import format_number
from planeval.domain.task import Milestone as DomainMilestone
from planeval.domain.task import ProgressUpdate as DomainUpdate
from planeval.domain.task import Project
from planeval.domain.task import Task as DomainTask
from planeval.errors import PlanError
from planeval.web.core.models import Department, Plan
from planeval.web.tasks.matching import Match, match_tasks
from planeval.web.tasks.models import Milestone, ProgressUpdate, Task

SHOWN_DIGITS = 4
FACTS = ("position", "chapter", "text", "lead", "cooperating", "start", "due", "continuous", "note",
         "planned_investment", "planned_start", "planned_completion", "actual_start", "actual_completion")  # fmt: skip
"""The task's fields an import compares, in the order a change is listed (the code apart)."""
KEPT_WHEN_EMPTY = frozenset({"actual_start", "actual_completion"})
DEPARTMENT_CODE = "dept-{:03d}"
MOVING_CODE = "moving-{pk}-{n}"
"""A task's code between its old and its new one, while codes are swapped."""


@dataclass(frozen=True)
class Change:
    """One fact that will change: its label, the stored value and the file's, as shown."""

    label: str
    old: str
    new: str


@dataclass(frozen=True)
class TaskChange:
    """A task of the file that is new, or stored and different (``changes`` says how, the code
    and a rewording apart), with the start and due date read from the file."""

    code: str
    text: str
    changes: list[Change] = field(default_factory=list)
    start: datetime.date | None = None
    due: datetime.date | None = None
    continuous: bool = False


@dataclass(frozen=True)
class Renumbering:
    """A stored task whose code changes (``old`` → ``new``): moved by the file, or a kept task
    giving up its code to a task of the file."""

    old: str
    new: str
    text: str


@dataclass(frozen=True)
class Rewording:
    """A stored task matched by its code whose text the file changes."""

    code: str
    old: str
    new: str


@dataclass(frozen=True)
class LeadChange:
    """A stored task with progress updates or supervision items whose lead department the file
    changes: the new department inherits its record."""

    code: str
    text: str
    old: str
    new: str
    updates: int
    supervision_items: int


@dataclass(frozen=True)
class Preview:
    """What saving ``tasks`` into a plan would do; ``unknown`` maps each department name the
    site does not know to the codes of the tasks naming it; ``ignored`` lists the file's
    columns that were not read."""

    filename: str
    created: list[TaskChange]
    updated: list[TaskChange]
    unchanged: int
    kept: list[str]
    unknown: dict[str, list[str]]
    renumbered: list[Renumbering] = field(default_factory=list)
    reworded: list[Rewording] = field(default_factory=list)
    lead_changes: list[LeadChange] = field(default_factory=list)
    retired: list[Renumbering] = field(default_factory=list)
    ignored: tuple[str, ...] = ()

    @property
    def changes(self) -> int:
        return len(self.created) + len(self.updated) + len(self.retired)

    @property
    def changed_facts(self) -> list[TaskChange]:
        """The changed tasks with facts to list (a renumbering or rewording alone is listed apart)."""
        return [item for item in self.updated if item.changes]


# Between the session and the core ---------------------------------------------------------------


def to_data(task: DomainTask) -> dict[str, Any]:
    """A task as JSON-able data (dates as ISO text), for the session between preview and confirm."""
    project = task.project
    return {
        "code": task.code, "text": task.text, "lead": task.lead, "start": task.start.isoformat(),
        "due": task.due.isoformat(), "chapter": task.chapter, "cooperating": list(task.cooperating),
        "note": task.note, "continuous": task.continuous,
        "milestones": [[m.year, m.text, _iso(m.done_on)] for m in task.milestones],
        "project": None if project is None else [project.planned_investment, _iso(project.planned_start),
                                                 _iso(project.planned_completion), _iso(project.actual_start),
                                                 _iso(project.actual_completion)],
    }  # fmt: skip


def from_data(data: Mapping[str, Any]) -> DomainTask:
    """The task :func:`to_data` wrote (without updates: a breakdown file has none)."""
    project = data["project"]
    return DomainTask(
        code=data["code"], text=data["text"], lead=data["lead"], start=_date(data["start"]), due=_date(data["due"]),
        chapter=data["chapter"], cooperating=tuple(data["cooperating"]), note=data["note"],
        continuous=data.get("continuous", False),
        milestones=tuple(DomainMilestone(year, text, _date(done)) for year, text, done in data["milestones"]),
        project=None if project is None else Project(project[0], *(_date(day) for day in project[1:])),
    )  # fmt: skip


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _date(text: str | None) -> Any:
    return datetime.date.fromisoformat(text) if text else None


# Comparing ---------------------------------------------------------------------------------------


def _facts(task: DomainTask, position: int) -> dict[str, Any]:
    project = task.project
    return {
        "position": position, "chapter": task.chapter, "text": task.text, "lead": task.lead,
        "cooperating": frozenset(task.cooperating), "start": task.start, "due": task.due,
        "continuous": task.continuous, "note": task.note,
        "planned_investment": project.planned_investment if project else None,
        "planned_start": project.planned_start if project else None,
        "planned_completion": project.planned_completion if project else None,
        "actual_start": project.actual_start if project else None,
        "actual_completion": project.actual_completion if project else None,
    }  # fmt: skip


def _stored_facts(task: Task) -> dict[str, Any]:
    facts = {name: getattr(task, name) for name in FACTS if name not in ("lead", "cooperating")}
    return facts | {"lead": task.lead.name, "cooperating": frozenset(d.name for d in task.cooperating.all())}


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, frozenset):
        return "、".join(sorted(value)) or "—"
    if isinstance(value, float):
        return format_number(value, SHOWN_DIGITS)
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def _label(name: str) -> str:
    return str(Task._meta.get_field(name).verbose_name)


def _differences(stored: Task, task: DomainTask, position: int, reworded: bool) -> list[Change]:
    """The facts of ``stored`` the file changes; not its text when ``reworded``, nor its place in
    the list when its code changes (the rewording and the renumbering are listed apart)."""
    old, new = _stored_facts(stored), _facts(task, position)
    apart = {"text"} if reworded else set()
    if stored.code != task.code:
        apart.add("position")
    changes = [Change(_label(name), _shown(old[name]), _shown(new[name])) for name in FACTS
               if old[name] != new[name] and not (name in KEPT_WHEN_EMPTY and new[name] is None)
               and name not in apart]  # fmt: skip
    milestones = {m.year: m for m in stored.milestones.all()}
    for milestone in task.milestones:
        held = milestones.get(milestone.year)
        if held is None or held.text != milestone.text:
            label = str(_("milestone %(year)s")) % {"year": milestone.year}
            changes.append(Change(label, held.text if held else "—", milestone.text))
    return changes


def _stored(plan: Plan) -> dict[str, Task]:
    """The plan's tasks by code, with what a preview lists of them."""
    tasks = plan.tasks.select_related("lead").prefetch_related("cooperating", "milestones")
    counted = tasks.annotate(update_count=Count("updates", distinct=True),
                             supervision_count=Count("supervision_items", distinct=True))  # fmt: skip
    return {task.code: task for task in counted}


def _lead_change(held: Task, task: DomainTask) -> LeadChange | None:
    """The lead department's change of a task with a record (updates, supervision items)."""
    updates, items = getattr(held, "update_count", 0), getattr(held, "supervision_count", 0)
    if held.lead.name == task.lead or not (updates or items):
        return None
    return LeadChange(task.code, task.text, held.lead.name, task.lead, updates, items)


def _match(stored: Mapping[str, Task], tasks: Sequence[DomainTask]) -> Match:
    return match_tasks({code: task.text for code, task in stored.items()}, [(t.code, t.text) for t in tasks])


def compare(plan: Plan, tasks: Sequence[DomainTask], filename: str = "", ignored: Sequence[str] = ()) -> Preview:
    """What saving ``tasks`` (in file order) into ``plan`` would create and change; nothing is
    saved. ``ignored`` are the file's columns that were not read, listed for the office."""
    stored = _stored(plan)
    match = _match(stored, tasks)
    created, updated, unchanged = [], [], 0
    renumbered, reworded, lead_changes = [], [], []
    for position, (task, target) in enumerate(zip(tasks, match.targets, strict=True), start=1):
        if target is None:
            created.append(TaskChange(task.code, task.text, [], task.start, task.due, task.continuous))
            continue
        held = stored[target]
        changes = _differences(held, task, position, position - 1 in match.reworded)
        if target != task.code:
            renumbered.append(Renumbering(target, task.code, task.text))
        if position - 1 in match.reworded:
            reworded.append(Rewording(task.code, held.text, task.text))
        if lead_change := _lead_change(held, task):
            lead_changes.append(lead_change)
        if changes or target != task.code or position - 1 in match.reworded:
            updated.append(TaskChange(task.code, task.text, changes, task.start, task.due, task.continuous))
        else:
            unchanged += 1
    matched = {target for target in match.targets if target is not None}
    kept = [code for code in stored if code not in matched]
    retired = [Renumbering(old, new, stored[old].text) for old, new in match.retired.items()]
    return Preview(filename, created, updated, unchanged, kept, unknown_departments(tasks), renumbered, reworded,
                   lead_changes, retired, tuple(ignored))  # fmt: skip


def unknown_departments(tasks: Iterable[DomainTask]) -> dict[str, list[str]]:
    """Each department name of ``tasks`` the site does not know → the codes of the tasks naming it."""
    naming: dict[str, list[str]] = {}
    for task in tasks:
        for name in (task.lead, *task.cooperating):
            naming.setdefault(name, []).append(task.code)
    known = set(Department.objects.filter(name__in=naming).values_list("name", flat=True))
    return {name: codes for name, codes in naming.items() if name not in known}


# Saving -----------------------------------------------------------------------------------------


def save_tasks(plan: Plan, tasks: Sequence[DomainTask], reason: str = "") -> Preview:
    """Save ``tasks`` into ``plan`` (module docstring), all or nothing; ``reason`` is recorded
    in each change's history. Returns what was done.

    Raises:
        PlanError: a department is unknown to the site (nothing saved).
    """
    with transaction.atomic():
        Plan.objects.select_for_update().filter(pk=plan.pk).first()  # one import of a plan at a time
        done = compare(plan, tasks)
        if done.unknown:
            raise PlanError(f"departments unknown to the site: {', '.join(done.unknown)}")
        departments = {d.name: d for d in Department.objects.filter(name__in=_names(tasks))}
        stored = {t.code: t for t in plan.tasks.select_related("lead").prefetch_related("cooperating", "milestones")}
        match = _match(stored, tasks)
        _free_codes(stored, match, tasks)
        for position, (task, target) in enumerate(zip(tasks, match.targets, strict=True), start=1):
            held = stored[target] if target is not None else Task(plan=plan, code=task.code)
            _save_task(held, task, position, departments, reason)
        for old, new in match.retired.items():
            _recode(stored[old], new, reason)
    return done


def _free_codes(stored: Mapping[str, Task], match: Match, tasks: Sequence[DomainTask]) -> None:
    """Give every task whose code changes a temporary code (not recorded in its history), so
    that no new code meets an old one under the unique constraint."""
    moving = [stored[target] for target, task in zip(match.targets, tasks, strict=True)
              if target is not None and target != task.code] + [stored[old] for old in match.retired]  # fmt: skip
    taken = set(stored) | {task.code for task in tasks} | set(match.retired.values())
    for task in moving:
        n = 1
        while (temporary := MOVING_CODE.format(pk=task.pk, n=n)) in taken:
            n += 1
        taken.add(temporary)
        Task.objects.filter(pk=task.pk).update(code=temporary)


def _recode(task: Task, code: str, reason: str) -> None:
    task.code = code
    task._change_reason = reason  # type: ignore[attr-defined]  # kept by django-simple-history
    task.save(update_fields=["code"])


def _names(tasks: Iterable[DomainTask]) -> set[str]:
    return {name for task in tasks for name in (task.lead, *task.cooperating)}


def _save_task(held: Task, task: DomainTask, position: int, departments: Mapping[str, Department],
               reason: str) -> None:  # fmt: skip
    new = _facts(task, position)
    facts = {name: value for name, value in new.items() if name not in ("lead", "cooperating")}
    facts = {name: value for name, value in facts.items() if not (name in KEPT_WHEN_EMPTY and value is None)}
    facts["lead"] = departments[task.lead]
    facts["code"] = task.code
    creating = held.pk is None
    changed = [name for name, value in facts.items() if creating or getattr(held, name) != value]
    for name in changed:
        setattr(held, name, facts[name])
    held._change_reason = reason  # type: ignore[attr-defined]  # kept by django-simple-history
    if creating:
        held.save()
    elif changed:
        held.save(update_fields=changed)
    cooperating = {departments[name] for name in task.cooperating}
    if creating or set(held.cooperating.all()) != cooperating:
        held.cooperating.set(cooperating)
    _save_milestones(held, task.milestones, reason)
    _add_updates(held, task.updates, reason)


def _save_milestones(held: Task, milestones: Iterable[DomainMilestone], reason: str) -> None:
    stored = {m.year: m for m in held.milestones.all()}
    for milestone in milestones:
        row = stored.get(milestone.year) or Milestone(task=held, year=milestone.year)
        changed = [name for name, value in (("text", milestone.text), ("done_on", milestone.done_on))
                   if getattr(row, name) != value and not (name == "done_on" and value is None)]  # fmt: skip
        if row.pk is not None and not changed:
            continue
        row.text = milestone.text
        row.done_on = milestone.done_on or row.done_on
        row._change_reason = reason  # type: ignore[attr-defined]
        row.save()


def _add_updates(held: Task, updates: Iterable[DomainUpdate], reason: str) -> None:
    stored = {(u.reported_on, u.percent, u.narrative) for u in held.updates.all()}
    for update in updates:
        if (update.reported_on, update.percent, update.narrative) in stored:
            continue
        row = ProgressUpdate(task=held, reported_on=update.reported_on, percent=update.percent,
                             investment_completed=update.investment_completed, narrative=update.narrative)  # fmt: skip
        row._change_reason = reason  # type: ignore[attr-defined]
        row.save()


def store_folder_tasks(plan: Plan, tasks: Sequence[DomainTask]) -> Preview:
    """Save the tasks of a plan folder (with their updates) into ``plan``, creating the
    departments they name that the site does not know yet (codes ``dept-001``, …)."""
    with transaction.atomic():
        for name in sorted(_names(tasks) - set(Department.objects.values_list("name", flat=True))):
            Department.objects.create(code=_free_code(), name=name)
        return save_tasks(plan, tasks, reason="plan folder")


def _free_code() -> str:
    taken = set(Department.objects.values_list("code", flat=True))
    return next(DEPARTMENT_CODE.format(n) for n in range(1, len(taken) + 2) if DEPARTMENT_CODE.format(n) not in taken)
