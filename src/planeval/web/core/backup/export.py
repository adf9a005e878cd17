"""A plan and everything of it as the content of a plan file; what deleting the plan would take
that a file does not carry."""

from __future__ import annotations

import base64
import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from django.contrib.auth import get_user_model
from django.db import router
from django.db.models import Model, ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.db.models.fields.files import FieldFile
from django.utils import timezone, translation

from planeval.errors import BackupError
from planeval.web.core.backup.format import (
    CARRIED,
    FORMAT,
    PARTS,
    PLAN_FIELDS,
    RECORD_FIELDS,
    VERSION,
    Attached,
    Part,
    checksum,
    is_named,
    name_of,
    named_by,
)
from planeval.web.core.models import Department, Plan


@dataclass
class _Names:
    """Ids of this database → the names the file writes, per referred model."""

    names: dict[type[Model], dict[int, str]] = field(default_factory=dict)

    def know(self, model: type[Model], ids: Sequence[int | None]) -> None:
        wanted = {i for i in ids if i is not None} - set(self.names.get(model, {}))
        found = model._default_manager.filter(pk__in=wanted).values_list("pk", *named_by(model))
        self.names.setdefault(model, {}).update((pk, name_of(rest)) for pk, *rest in found)

    def learn(self, rows: Sequence[Model]) -> None:
        """Learn the names of every row ``rows`` refer to by name."""
        if not rows:
            return
        for model_field in rows[0]._meta.concrete_fields:
            if model_field.is_relation and is_named(model_field.related_model):
                self.know(model_field.related_model, [getattr(r, model_field.attname) for r in rows])

    def dump(self, row: Model, fields: Sequence[str]) -> dict[str, Any]:
        """``fields`` of ``row`` as the file writes them; a reference to a row that is not
        here (deleted since) is ``None``."""
        out: dict[str, Any] = {}
        for name in fields:
            model_field = row._meta.get_field(name)
            value = getattr(row, model_field.attname)
            if model_field.is_relation:
                out[name] = self.names.get(model_field.related_model, {}).get(value)
            elif isinstance(value, FieldFile):
                out[name] = value.name or ""
            elif isinstance(value, datetime.date):  # dates and moments
                out[name] = value.isoformat()
            else:
                out[name] = value
        return out


def _content(file: FieldFile, row: Model, part: Part) -> str:
    """The bytes of ``file`` (of ``row`` of ``part``, or attached to it), base64.

    Raises:
        BackupError: the file cannot be read from the media folder.
    """
    try:
        with file.open("rb") as opened:
            data = opened.read()
    except OSError as error:
        with translation.override(None):  # the commands' messages are in English
            what = str(part.model._meta.verbose_name)
            owner = str(row) if type(row).__str__ is not Model.__str__ else f"of {getattr(row, _step(part))}"
        raise BackupError(f"file {file.name} of the {what} {owner} cannot be read: {error}") from None
    return base64.b64encode(data).decode("ascii")


def _step(part: Part) -> str:
    """The field of a row of ``part`` that leads to its plan (``indicator`` of a value)."""
    return part.plan.split("__")[0]


def _rows(part: Part, plan: Plan) -> list[Model]:
    return list(part.model._default_manager.filter(**{part.plan: plan}).order_by(*part.order))


def _records(part: Part, plan: Plan) -> list[Model]:
    """The history records of the plan's rows of ``part`` (deleted rows' too), oldest first."""
    historical = part.model.history.model  # type: ignore[attr-defined]
    return list(historical.objects.filter(**{part.plan: plan}).order_by("history_id"))


def link_records(historical: type[Model]) -> list[tuple[str, type[Model]]]:
    """The many-to-many fields whose links ``historical`` records keep (a task's cooperating
    departments), with the model of those link records."""
    fields = getattr(historical, "_history_m2m_fields", [])
    return [(f.name, historical.__dict__[f.name].model) for f in fields]


class _Writer:
    """One export: the rows of the plan, the names they refer to, then the content."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.names = _Names()
        self.rows = {part: _rows(part, plan) for part in PARTS}
        self.records = {part: _records(part, plan) for part in PARTS if part.history}
        self.attached: dict[Attached, dict[int, list[Model]]] = {}
        for part in PARTS:
            for attached in part.attached:
                self.attached[attached] = self._attached(part, attached)
        self.links: dict[tuple[Part, str], dict[int, list[Model]]] = {}
        for part in self.records:
            for name, model in link_records(part.model.history.model):  # type: ignore[attr-defined]
                rows = model._default_manager.filter(**{f"history__{part.plan}": plan}).order_by("pk")
                self.links[part, name] = _grouped(rows, "history_id")
        for rows in (*self.rows.values(), *self.records.values(),
                     *(r for by in (*self.attached.values(), *self.links.values()) for r in by.values())):  # fmt: skip
            self.names.learn(rows)

    def _attached(self, part: Part, attached: Attached) -> dict[int, list[Model]]:
        lookup = {f"{attached.parent}__{part.plan}": self.plan}
        return _grouped(attached.model._default_manager.filter(**lookup).order_by("pk"), f"{attached.parent}_id")

    def row(self, part: Part, row: Model) -> dict[str, Any]:
        out = {"key": row.pk} if part.history else {}
        out |= self.names.dump(row, part.fields)
        for name in part.files:
            file = getattr(row, name)
            out[f"{name}_content"] = _content(file, row, part) if file else None
        for attached in part.attached:
            out[attached.name] = [
                self.one_attached(attached, a, row, part) for a in self.attached[attached].get(row.pk, [])
            ]
        return out

    def one_attached(self, attached: Attached, row: Model, owner: Model, part: Part) -> dict[str, Any]:
        out = {"key": row.pk} if attached.keyed else {}
        if attached.file:
            file = getattr(row, attached.file)
            out |= {"path": file.name, "name": PurePosixPath(file.name).name}
        out |= self.names.dump(row, attached.fields)
        if attached.file:
            out["content"] = _content(getattr(row, attached.file), owner, part)
        return out

    def record(self, part: Part, record: Model) -> dict[str, Any]:
        out = {"key": record.id, **self.names.dump(record, part.fields + RECORD_FIELDS)}  # type: ignore[attr-defined]
        for attached in part.attached:
            if (part, attached.name) in self.links:  # the links as they were at this record
                links = self.links[part, attached.name].get(record.pk, [])
                out[attached.name] = [{"key": link.id, **self.names.dump(link, attached.fields)} for link in links]
        return out

    def content(self) -> dict[str, Any]:
        departments = Department.objects.filter(pk__in=self.names.names.get(Department, {})).order_by("code")
        content = {
            "exported_at": timezone.now().isoformat(),
            "plan": self.names.dump(self.plan, PLAN_FIELDS),
            "departments": [{"code": d.code, "name": d.name} for d in departments],
            "users": sorted(self.names.names.get(get_user_model(), {}).values()),
        }
        for part in PARTS:
            content[part.name] = [self.row(part, row) for row in self.rows[part]]
            if part.history:
                content[part.history] = [self.record(part, record) for record in self.records[part]]
        return content


def _grouped(rows: Any, key: str) -> dict[int, list[Model]]:
    grouped: dict[int, list[Model]] = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), []).append(row)
    return grouped


def export_plan(plan: Plan) -> dict[str, Any]:
    """The whole file (``format``, ``version``, ``sha256``, ``content``) for ``plan``.

    Raises:
        BackupError: an evidence file cannot be read from the media folder, or a stored number
            is not finite (JSON has no NaN).
    """
    content = _Writer(plan).content()
    try:
        digest = checksum(content)
    except ValueError as error:
        raise BackupError(f"plan {plan.slug}: a stored number cannot be written as JSON ({error})") from None
    return {"format": FORMAT, "version": VERSION, "sha256": digest, "content": content}


def uncarried(plan: Plan) -> dict[str, int]:
    """Rows that deleting ``plan`` would delete, empty or keep from being deleted, and that a
    plan file does not carry (rows another part of the site keeps about the plan), counted by
    their model's plural name; empty when the file holds everything."""
    collector = Collector(using=router.db_for_write(Plan))
    counted: list[tuple[type[Model], int]] = []
    try:
        collector.collect([plan])
    except (ProtectedError, RestrictedError) as error:  # rows elsewhere that would keep the plan's
        blocking = error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
        counted += [(type(row), 1) for row in blocking]
    counted += [(model, len(rows)) for model, rows in collector.data.items()]
    counted += [(rows.model, rows.count()) for rows in collector.fast_deletes]
    for (model_field, _value), updates in collector.field_updates.items():  # references that would be emptied
        counted += [(model_field.model, len(rows)) for rows in updates]
    found: Counter[str] = Counter()
    with translation.override(None):  # the commands' messages are in English
        for model, count in counted:
            if model not in CARRIED and not model._meta.auto_created and count:
                found[str(model._meta.verbose_name_plural)] += count
    return dict(found)
