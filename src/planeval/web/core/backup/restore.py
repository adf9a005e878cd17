"""The content of a plan file stored in a database, in one transaction (the package docstring
says how names, ids, dates, users and files are kept): checked field by field first
(:mod:`.checks`), its files staged until the transaction commits (:mod:`.staging`)."""

from __future__ import annotations

import base64
import datetime
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.db import DatabaseError, transaction
from django.db.models import DateField, DateTimeField, IntegerField, Model
from django.db.models.fields.files import FileField

from planeval.errors import BackupError, PlanevalError
from planeval.web.core.backup.checks import check_content
from planeval.web.core.backup.export import link_records, uncarried
from planeval.web.core.backup.format import (
    PARTS,
    PLAN_FIELDS,
    RECORD_FIELDS,
    Attached,
    Part,
    is_named,
    name_of,
    named_by,
)
from planeval.web.core.backup.staging import Staging, clean_stale
from planeval.web.core.convert import domain_plan, observations
from planeval.web.core.models import Department, Plan, ValueState
from planeval.web.tasks.convert import domain_tasks

BATCH_ROWS = 500
"""Rows stored per statement; progress is reported after each batch."""

Progress = Callable[[int, int], None]
"""Told ``(rows stored, rows to store)`` after every batch."""


@dataclass(frozen=True)
class Restored:
    """What :func:`restore_plan` stored: the plan, the number of rows, and the users and
    departments it had to create."""

    plan: Plan
    rows: int
    users_created: tuple[str, ...]
    departments_created: tuple[str, ...]


def _batches(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), BATCH_ROWS):
        yield items[start : start + BATCH_ROWS]


def _auto_dates(model: type[Model]) -> list[str]:
    """The fields Django sets to now on a save (``auto_now``, ``auto_now_add``)."""
    return [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False) or
            getattr(f, "auto_now_add", False)]  # fmt: skip


def _plan_field(model: type[Model]) -> str | None:
    """The field of ``model`` referring to the plan, which the file leaves out (it is the plan
    of the file), if any."""
    return next((f.attname for f in model._meta.concrete_fields if f.is_relation and f.related_model is Plan), None)


def _size(content: dict[str, Any]) -> int:
    """Rows the content holds: the plan, every row, attached row, history record and link."""
    total = 1
    for part in PARTS:
        rows = content[part.name]
        total += len(rows) + sum(len(row[a.name]) for row in rows for a in part.attached)
        if part.history:
            links = [a.name for a in part.attached if a.keyed]
            total += sum(1 + sum(len(record[name]) for name in links) for record in content[part.history])
    return total


class _Restore:
    """One restore: the file's names and keys → the ids stored here, the files written."""

    def __init__(self, content: dict[str, Any], progress: Progress | None):
        self.content = content
        self.progress = progress
        self.total = _size(content)
        self.stored = 0
        self.plan: Plan | None = None
        self.ids: dict[type[Model], dict[str, int]] = {}  # a name in the file → the id here
        self.keys: dict[type[Model], dict[int, int]] = {}  # a key in the file → the id here
        self.staging: dict[Storage, Staging] = {}  # the files written, per storage, until the commit
        self.replaced: dict[str, Storage] = {}  # files of the plan replaced: deleted on commit
        self.renamed: dict[str, str] = {}  # a file's path in the file → its name here

    def count(self, rows: int) -> None:
        if rows:
            self.stored += rows
            if self.progress:
                self.progress(self.stored, self.total)

    def id_of(self, model: type[Model], name: str | None) -> int | None:
        if name is None:
            return None
        known = self.ids.get(model, {})
        if name not in known:
            what = "user" if model is get_user_model() else model._meta.model_name
            raise BackupError(f"{what} {name!r} is named in a row but not among the file's {what}s")
        return known[name]

    def load(self, model: type[Model], row: dict[str, Any], fields: Sequence[str]) -> dict[str, Any]:
        """Keyword arguments making a ``model`` of the file's ``row`` (in the restored plan)."""
        made: dict[str, Any] = {}
        for name in fields:
            model_field = model._meta.get_field(name)
            value = row[name]
            if model_field.is_relation:
                made[model_field.attname] = self.id_of(model_field.related_model, value)
            elif isinstance(model_field, DateTimeField):
                made[name] = datetime.datetime.fromisoformat(value) if value else None
            elif isinstance(model_field, DateField):
                made[name] = datetime.date.fromisoformat(value) if value else None
            elif value and isinstance(value, str) and value in self.renamed and _is_file(model, name):
                made[name] = self.renamed[value]
            else:
                made[name] = value
        plan = _plan_field(model)
        if plan and self.plan is not None:
            made[plan] = self.plan.pk
        return made

    def create(self, model: type[Model], made: list[Model], rows: Sequence[dict[str, Any]]) -> None:
        """Store ``made`` (of the file's ``rows``), keeping the file's dates where Django would
        set them to now."""
        model._default_manager.bulk_create(made)
        dates = _auto_dates(model)
        if dates:
            for obj, row in zip(made, rows, strict=True):
                for name in dates:
                    setattr(obj, name, datetime.datetime.fromisoformat(row[name]) if row[name] else None)
            model._default_manager.bulk_update(made, dates)
        self.count(len(made))

    def learn(self, model: type[Model], rows: Sequence[dict[str, Any]], made: Sequence[Model], keyed: bool) -> None:
        """Learn the ids of ``made`` by the names and keys the file gives them."""
        if is_named(model):
            names = self.ids.setdefault(model, {})
            names.update((name_of(tuple(getattr(obj, f) for f in named_by(model))), obj.pk) for obj in made)
        if keyed:
            self.keys.setdefault(model, {}).update((row["key"], obj.pk) for row, obj in zip(rows, made, strict=True))

    def save_file(self, field: FileField, path: str, content: str) -> str:
        """Stage a file of the plan; its name here (``path``, or with a suffix when taken)."""
        storage = field.storage
        data = base64.b64decode(content, validate=True)  # checked before
        if path in self.replaced and _holds(storage, path, data):
            name = path  # the replaced plan's own file: kept
            del self.replaced[path]
        else:
            if storage not in self.staging:
                assert isinstance(storage, FileSystemStorage), "files are staged in a folder of the media folder"
                self.staging[storage] = Staging(storage)
            name = self.staging[storage].add(path, data, field.max_length)
        self.renamed[path] = name
        return name

    def publish(self) -> None:
        """After the commit: the staged files into place, the replaced plan's files deleted."""
        for staging in self.staging.values():
            renamed = staging.publish()
            if renamed:
                _rename_files(self.plan, renamed)
        for name, storage in self.replaced.items():
            storage.delete(name)

    def discard(self) -> None:
        for staging in self.staging.values():
            staging.discard()


def _is_file(model: type[Model], name: str) -> bool:
    """Whether ``name`` of ``model`` is a file's name: a file field, or its history record's."""
    instance_type = getattr(model, "instance_type", None)  # the model a history record is of
    return any(isinstance(m._meta.get_field(name), FileField) for m in (model, instance_type) if m is not None)


def _holds(storage: Storage, name: str, data: bytes) -> bool:
    """Whether ``storage`` has a file ``name`` with the bytes ``data``."""
    try:
        with storage.open(name, "rb") as file:
            return bool(file.read() == data)
    except OSError:
        return False


def _file_field(model: type[Model], name: str) -> FileField:
    field = model._meta.get_field(name)
    assert isinstance(field, FileField)
    return field


def _file_fields() -> list[tuple[type[Model], str, str]]:
    """The file fields of the rows a plan file carries: (model, field, lookup to the plan)."""
    fields = []
    for part in PARTS:
        fields += [(part.model, name, part.plan) for name in part.files]
        fields += [(a.model, a.file, f"{a.parent}__{part.plan}") for a in part.attached if a.file]
    return fields


def _committed(name: str) -> bool:
    """Whether a row of any plan names the file ``name`` of the media folder."""
    return any(model._default_manager.filter(**{field: name}).exists() for model, field, _ in _file_fields())


def _rename_files(plan: Plan | None, renamed: dict[str, str]) -> None:
    """Name the files ``renamed`` (old → new) by their new names in the plan's rows and records."""
    with transaction.atomic():
        for model, field, lookup in _file_fields():
            models = [model, *([model.history.model] if hasattr(model, "history") else [])]  # type: ignore[attr-defined]
            for rows in models:
                for old, new in renamed.items():
                    rows._default_manager.filter(**{lookup: plan, field: old}).update(**{field: new})


# Replacing a plan --------------------------------------------------------------------------------


def _parent(part: Part) -> tuple[str, type[Model]]:
    """The field of a row of ``part`` that leads to its plan, and the model it refers to."""
    step = part.plan.split("__")[0]
    return step, part.model._meta.get_field(step).related_model  # type: ignore[return-value]


def _recorded(plan: Plan) -> dict[type[Model], set[int]]:
    """Per model, the ids of the plan's rows, those here and those deleted that records name."""
    ids: dict[type[Model], set[int]] = {Plan: {plan.pk}}
    for part in PARTS:
        step, parent = _parent(part)
        lookup = {f"{step}_id__in": ids[parent]}
        ids[part.model] = set(part.model._default_manager.filter(**lookup).values_list("pk", flat=True))
        if part.history:
            ids[part.model] |= set(part.model.history.model.objects.filter(**lookup).values_list("id", flat=True))  # type: ignore[attr-defined]
    return ids


def _forget_links(model: type[Model], ids: set[int] | Sequence[int]) -> None:
    """Delete the links the history records of the rows ``ids`` of ``model`` keep."""
    for _name, link_model in link_records(model.history.model):  # type: ignore[attr-defined]
        own = next(f for f in link_model._meta.concrete_fields if f.related_model is model)
        link_model.objects.filter(**{f"{own.attname}__in": ids}).delete()


def _files_of(plan: Plan) -> dict[str, Storage]:
    """The names of the files of the plan's rows in the media folder."""
    files: dict[str, Storage] = {}
    for model, name, lookup in _file_fields():
        names = model._default_manager.filter(**{lookup: plan}).exclude(**{name: ""}).values_list(name, flat=True)
        files.update(dict.fromkeys(names, _file_field(model, name).storage))
    return files


def _replace(slug: str, replace: bool) -> dict[str, Storage]:
    """Delete the plan ``slug`` with its history; its files in the media folder.

    Raises:
        BackupError: the plan exists and ``replace`` is false, or it holds rows a plan file
            does not carry.
    """
    old = Plan.objects.filter(slug=slug).first()
    if old is None:
        return {}
    if not replace:
        raise BackupError(f"plan {slug!r} is already in the database: import with --replace to overwrite it")
    lost = uncarried(old)
    if lost:
        held = ", ".join(f"{count} {name}" for name, count in lost.items())
        raise BackupError(f"plan {slug!r} here also holds {held}, which plan files do not carry: "
                          "replacing it would lose them")  # fmt: skip
    files, recorded = _files_of(old), _recorded(old)
    old.delete()
    for part in PARTS:
        if part.history:  # the records of the rows, with those the delete just made
            step, parent = _parent(part)
            _forget_links(part.model, recorded[part.model])
            records = part.model.history.model.objects  # type: ignore[attr-defined]
            records.filter(**{f"{step}_id__in": recorded[parent]}).delete()
    return files


# Users and departments ---------------------------------------------------------------------------


def _users(names: list[str]) -> tuple[dict[str, int], tuple[str, ...]]:
    """The ids of the users ``names``; those missing are created inactive without a password."""
    users = get_user_model()
    key = users.USERNAME_FIELD
    found = dict(users.objects.filter(**{f"{key}__in": names}).values_list(key, "pk"))
    created = []
    for name in names:
        if name not in found:
            user = users(**{key: name, "is_active": False})
            user.set_unusable_password()
            user.save()
            found[name] = user.pk
            created.append(name)
    return found, tuple(created)


def _departments(items: list[dict[str, str]]) -> tuple[dict[str, int], tuple[str, ...]]:
    """The ids of the file's departments by code, those missing created.

    Raises:
        BackupError: a code is here under another name, or a name under another code.
    """
    found, created = {}, []
    for item in items:
        code, name = item["code"], item["name"]
        department = Department.objects.filter(code=code).first()
        if department is None:
            other = Department.objects.filter(name=name).first()
            if other is not None:
                raise BackupError(f"department {name} is {other.code!r} here but {code!r} in the file")
            department = Department.objects.create(code=code, name=name)
            created.append(code)
        elif department.name != name:
            raise BackupError(f"department {code!r} is {department.name} here but {name} in the file")
        found[code] = department.pk
    return found, tuple(created)


# Rows ----------------------------------------------------------------------------------------------


def _store_part(state: _Restore, part: Part) -> None:
    """Store the rows of ``part`` with their files and attached rows; learn their ids."""
    rows = state.content[part.name]
    made: list[Model] = []
    for batch in _batches(rows):
        for row in batch:
            for name in part.files:
                if row[f"{name}_content"] is not None:
                    state.save_file(_file_field(part.model, name), row[name], row[f"{name}_content"])
        objects = [part.model(**state.load(part.model, row, part.fields)) for row in batch]
        state.create(part.model, objects, batch)
        state.learn(part.model, batch, objects, keyed=bool(part.history))
        made += objects
    for attached in part.attached:
        _store_attached(state, attached, rows, made)


def _store_attached(state: _Restore, attached: Attached, rows: Sequence[dict[str, Any]], made: Sequence[Model]) -> None:
    items, objects = [], []
    for row, parent in zip(rows, made, strict=True):
        for item in row[attached.name]:
            fields = state.load(attached.model, item, attached.fields)
            if attached.file:
                fields[attached.file] = state.save_file(_file_field(attached.model, attached.file), item["path"],
                                                        item["content"])  # fmt: skip
            items.append(item)
            objects.append(attached.model(**{f"{attached.parent}_id": parent.pk}, **fields))
    for start in range(0, len(items), BATCH_ROWS):
        batch, done = items[start : start + BATCH_ROWS], objects[start : start + BATCH_ROWS]
        state.create(attached.model, done, batch)
        state.learn(attached.model, batch, done, keyed=attached.keyed)


# History records -----------------------------------------------------------------------------------


def _stand_in(state: _Restore, part: Part, record: dict[str, Any], n: int) -> Model:
    """A row made of ``record`` that holds an id: its ``spare`` field set to a value no real
    row has, no file."""
    row = part.model(**state.load(part.model, record, part.fields))
    if part.spare:
        spare = part.model._meta.get_field(part.spare)
        setattr(row, part.spare, n if isinstance(spare, IntegerField) else f"#{n}")
    for name in part.files:
        setattr(row, name, "")
    return row


def _reserve_ids(state: _Restore, part: Part) -> None:
    """Ids for the records of rows deleted before the export, and of links removed since: a
    row is made and deleted for each, so that no row stored later takes the id (and the
    records) over."""
    model, records = part.model, state.content[part.history]
    keys = state.keys.setdefault(model, {})
    last = {row["key"]: row for row in records if row["key"] not in keys}  # the deleted rows' last records
    links = [a for a in part.attached if a.keyed]
    gone = {a: [k for k in dict.fromkeys(link["key"] for r in records for link in r[a.name])
                if k not in state.keys.get(a.model, {})] for a in links}  # fmt: skip
    holders = [_stand_in(state, part, row, n) for n, row in enumerate(last.values())]
    if any(gone.values()):  # a row the links are made to, one at a time
        holders.append(_stand_in(state, part, records[-1], len(holders)))
    if not holders:
        return
    model._default_manager.bulk_create(holders)
    for attached, removed in gone.items():
        _reserve_link_ids(state, attached, removed, holders[-1])
    ids = [holder.pk for holder in holders]
    model._default_manager.filter(pk__in=ids).delete()
    _forget_links(model, ids)  # the records of that delete
    model.history.model.objects.filter(id__in=ids).delete()  # type: ignore[attr-defined]
    keys.update(zip(last, ids[: len(last)], strict=True))


def _reserve_link_ids(state: _Restore, attached: Attached, removed: list[int], holder: Model) -> None:
    """Ids for the links ``removed`` since the export: each made to ``holder`` and deleted."""
    links = attached.model._default_manager
    other = attached.model._meta.get_field(attached.fields[0])  # the other side: any of its rows will do
    anyone = next(iter(state.ids[other.related_model].values()))  # type: ignore[index]
    for key in removed:
        link = links.create(**{f"{attached.parent}_id": holder.pk, other.attname: anyone})  # type: ignore[union-attr]
        links.filter(pk=link.pk).delete()
        state.keys.setdefault(attached.model, {})[key] = link.pk


def _store_records(state: _Restore, part: Part) -> None:
    """Store the history records of ``part`` with their dates, users and links, after the rows."""
    _reserve_ids(state, part)
    historical = part.model.history.model  # type: ignore[attr-defined]
    keys = state.keys[part.model]
    links = [(a, model) for a in part.attached for name, model in link_records(historical) if a.name == name]
    for batch in _batches(state.content[part.history]):
        made = [historical(id=keys[row["key"]], **state.load(historical, row, part.fields + RECORD_FIELDS))
                for row in batch]  # fmt: skip
        historical.objects.bulk_create(made)
        linked = 0
        for attached, link_model in links:
            own = next(f for f in link_model._meta.concrete_fields if f.related_model is part.model)
            link_keys = state.keys[attached.model]
            rows = [link_model(id=link_keys[link["key"]], history_id=record.pk, **{own.attname: record.id},
                               **state.load(link_model, link, attached.fields))
                    for row, record in zip(batch, made, strict=True) for link in row[attached.name]]  # fmt: skip
            link_model.objects.bulk_create(rows)
            linked += len(rows)
        state.count(len(batch) + linked)


def _restore(state: _Restore, replace: bool) -> Restored:
    content = state.content
    state.replaced = _replace(content["plan"]["slug"], replace)
    state.ids[get_user_model()], users_created = _users(content["users"])
    state.ids[Department], departments_created = _departments(content["departments"])
    state.plan = Plan.objects.create(**{name: content["plan"][name] for name in PLAN_FIELDS})
    state.count(1)
    for part in PARTS:
        _store_part(state, part)
    for part in PARTS:
        if part.history:
            _store_records(state, part)
    _evaluable(state.plan)
    return Restored(state.plan, state.stored, users_created, departments_created)


def _evaluable(plan: Plan) -> None:
    """Raises: BackupError: the stored plan is not one the evaluation and the task statuses read
    (the rows were checked one by one before: this is what holds among them)."""
    try:
        domain_plan(plan)
        observations(plan, tuple(ValueState))
        domain_tasks(plan.tasks.all())
    except PlanevalError as error:
        raise BackupError(f"the plan as stored cannot be evaluated: {error}") from None


def restore_plan(content: dict[str, Any], replace: bool = False, progress: Progress | None = None) -> Restored:
    """Store the plan of a file's ``content`` (:func:`~planeval.web.core.backup.read_backup`),
    all or nothing.

    Every field of every row is checked first (:func:`~planeval.web.core.backup.checks.check_content`).
    The files are staged in a folder of the media folder and moved into place once the
    transaction commits (at once, or when the caller's transaction around this one commits);
    staging folders that restores killed before left behind are removed first
    (:mod:`~planeval.web.core.backup.staging`). ``progress`` is told ``(rows stored, rows to
    store)`` after every batch of at most :data:`BATCH_ROWS` rows.

    Raises:
        BackupError: a field of a row is not what its part holds, or names a row the file does
            not hold; a plan of that slug is present and ``replace`` is false, or holds rows a
            plan file does not carry; a department here differs from the file's; the database
            refuses a row. Nothing is stored then, and the files staged are deleted.
    """
    check_content(content)
    clean_stale(default_storage, _committed)
    state = _Restore(content, progress)
    try:
        with transaction.atomic():
            restored = _restore(state, replace)
    except DatabaseError as error:
        state.discard()
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise BackupError(f"the database refused the plan: {first}") from None
    except (KeyError, TypeError, ValueError) as error:  # what the checks let through and storing did not take
        state.discard()
        raise BackupError(f"the file's content cannot be stored: {error!r}") from None
    except BaseException:  # a BackupError among them
        state.discard()
        raise
    transaction.on_commit(state.publish)  # at once unless a transaction of the caller's is open
    return restored
