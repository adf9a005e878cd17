"""One plan with everything that belongs to it, in one file, and back into a database.

``planeval manage export_plan SLUG --out FILE`` writes the file, ``planeval manage import_plan
FILE`` reads it (the two commands in ``management/commands``).

The file
========

JSON in UTF-8, gzip-compressed when its name ends in ``.gz`` (``plan.json.gz``)::

    {
      "format": "planeval-plan",        # FORMAT: what the file is
      "version": 1,                     # VERSION: how "content" is laid out
      "sha256": "9f2c…",                # checksum of "content", see below
      "content": {
        "exported_at": "2025-03-01T08:00:00+00:00",
        "plan": {"slug", "title", "region", "base_year", "end_year"},
        "departments": [{"code", "name"}],            # those the indicators name
        "users": ["clerk_nbs", "reviewer", …],        # every user the rows below name
        "rounds": [{"period", "opens", "deadline", "state"}],
        "indicators": [{"position", "code", "name", "unit", "aspect", "attribute", "direction",
                        "base_year", "base_value", "base_estimated", "target_text",
                        "target_year", "frequency", "department", "note"}],
        "annual_targets": [{"key", "indicator", "year", "target_text", "source", "set_by",
                            "updated_at"}],
        "values": [{"key", "indicator", "round", "period", "value", "raw", "state",
                    "explanation", "review_comment", "vintage", "source", "note", "version",
                    "updated_by", "updated_at",
                    "evidence": [{"path",             # the file's name in the media folder
                                  "name",             # the file's own name (公报.pdf)
                                  "uploaded_by", "uploaded_at",
                                  "content"}]}],      # the file's bytes, base64
        "value_history": [{"key", <the fields of "values" but evidence>,
                           "history_date", "history_type", "history_user",
                           "history_change_reason"}],
        "target_history": [{"key", <the fields of "annual_targets">,
                            "history_date", "history_type", "history_user",
                            "history_change_reason"}]
      }
    }

A reference to another row is written as that row's name: a department or an indicator by
its code, a round by its period, a user by username (``null`` for none, or for a row deleted
since). Dates are ISO 8601 (``2025-03-01``), moments ISO 8601 with their UTC offset. ``key`` is
the row's id where it was exported; a history record carries the key of the value or yearly
target it records, which is in no row of the file when that row was deleted before the export
(``history_type`` ``"-"`` closes its records). Records are in the order they were made.

``sha256`` is the SHA-256 (hex) of ``content`` written canonically: keys sorted, no spaces
(``separators=(",", ":")``), non-ASCII characters as they are, UTF-8.

Restoring
=========

:func:`restore_plan` stores the file's plan in one transaction: any error leaves the database
as it was. A plan with the file's slug is refused unless ``replace``; then it is deleted with
its history and evidence files (refused too when other parts of the site hold rows of it that
the file does not carry, such as key tasks). Departments are matched by code and must have the
same name. Users missing here are created inactive, with the username and no password, so that
the history keeps naming them; a planner activates those who should sign in. Every row gets a
new id; dates (``updated_at``, ``uploaded_at``, ``history_date``) are kept as written. Who may
do what (memberships) is the site's, not the plan's: it is not in the file.
"""

from __future__ import annotations

import base64
import datetime
import gzip
import hashlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import IntegrityError, router, transaction
from django.db.models import DateField, DateTimeField, Model
from django.db.models.deletion import Collector
from django.utils import timezone, translation

from planeval.errors import BackupError
from planeval.web.core.models import AnnualTarget, Department, Evidence, Indicator, Plan, ReportingRound, Value

FORMAT = "planeval-plan"
VERSION = 1
FILE_MODE = 0o666  # less the umask, as any file the user writes
BATCH_ROWS = 500
"""Rows stored per statement; progress is reported after each batch."""

PLAN_FIELDS = ("slug", "title", "region", "base_year", "end_year")
DEPARTMENT_FIELDS = ("code", "name")
ROUND_FIELDS = ("period", "opens", "deadline", "state")
INDICATOR_FIELDS = ("position", "code", "name", "unit", "aspect", "attribute", "direction", "base_year",
                    "base_value", "base_estimated", "target_text", "target_year", "frequency", "department",
                    "note")  # fmt: skip
TARGET_FIELDS = ("indicator", "year", "target_text", "source", "set_by", "updated_at")
VALUE_FIELDS = ("indicator", "round", "period", "value", "raw", "state", "explanation", "review_comment",
                "vintage", "source", "note", "version", "updated_by", "updated_at")  # fmt: skip
EVIDENCE_FIELDS = ("uploaded_by", "uploaded_at")
RECORD_FIELDS = ("history_date", "history_type", "history_user", "history_change_reason")
CARRIED = (Plan, Indicator, AnnualTarget, ReportingRound, Value, Evidence)
"""The models whose rows a plan file holds."""

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


def checksum(content: dict[str, Any]) -> str:
    """SHA-256 (hex) of ``content`` in canonical JSON (see the module docstring)."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _names_of(model: type[Model]) -> str:
    """What a reference to ``model`` is written as (the user model: its username field)."""
    if model is get_user_model():
        return str(model.USERNAME_FIELD)
    return {Department: "code", Indicator: "code", ReportingRound: "period"}[model]


# --- export -----------------------------------------------------------------------------------


@dataclass
class _Names:
    """Ids of this database → the names the file writes, per referred model."""

    names: dict[type[Model], dict[int, str]] = field(default_factory=dict)

    def know(self, model: type[Model], ids: Sequence[int | None]) -> None:
        wanted = {i for i in ids if i is not None} - set(self.names.get(model, {}))
        found = model._default_manager.filter(pk__in=wanted).values_list("pk", _names_of(model))
        self.names.setdefault(model, {}).update(found)

    def dump(self, row: Model, fields: Sequence[str]) -> dict[str, Any]:
        """``fields`` of ``row`` as the file writes them."""
        out: dict[str, Any] = {}
        for name in fields:
            model_field = row._meta.get_field(name)
            value = getattr(row, model_field.attname)
            if model_field.is_relation:
                out[name] = self.names.get(model_field.related_model, {}).get(value)
            elif isinstance(value, datetime.date):  # dates and moments
                out[name] = value.isoformat()
            else:
                out[name] = value
        return out


def _referred(rows: Sequence[Model], names: _Names) -> None:
    """Learn the names of every user, department, indicator and round ``rows`` refer to."""
    if not rows:
        return
    for model_field in rows[0]._meta.concrete_fields:
        if model_field.is_relation and model_field.related_model in (get_user_model(), Department, Indicator,
                                                                     ReportingRound):  # fmt: skip
            names.know(model_field.related_model, [getattr(r, model_field.attname) for r in rows])


def _evidence(evidence: Evidence, value: Value, names: _Names) -> dict[str, Any]:
    try:
        with evidence.file.open("rb") as file:
            data = file.read()
    except OSError as error:
        raise BackupError(
            f"evidence {evidence.file.name} of {value.indicator.code} {value.period} cannot be read: {error}"
        ) from None
    return {
        "path": evidence.file.name,
        "name": PurePosixPath(evidence.file.name).name,
        **names.dump(evidence, EVIDENCE_FIELDS),
        "content": base64.b64encode(data).decode("ascii"),
    }


def export_plan(plan: Plan) -> dict[str, Any]:
    """The whole file (``format``, ``version``, ``sha256``, ``content``) for ``plan``.

    Raises:
        BackupError: an evidence file cannot be read from the media folder, or a stored number
            is not finite (JSON has no NaN).
    """
    indicators = list(plan.indicators.all())
    ids = [i.pk for i in indicators]
    rounds = list(ReportingRound.objects.filter(plan=plan).order_by("opens", "period"))
    targets = list(AnnualTarget.objects.filter(indicator__plan=plan).order_by("indicator__position", "year"))
    values = list(Value.objects.filter(indicator__plan=plan).order_by("indicator__position", "period"))
    evidence = list(Evidence.objects.filter(value__indicator__plan=plan).order_by("pk"))
    value_records = list(Value.history.model.objects.filter(indicator_id__in=ids).order_by("history_id"))
    target_records = list(AnnualTarget.history.model.objects.filter(indicator_id__in=ids).order_by("history_id"))
    names = _Names()
    for rows in (indicators, rounds, targets, values, evidence, value_records, target_records):
        _referred(rows, names)  # type: ignore[arg-type]
    by_value: dict[int, list[Evidence]] = {}
    for item in evidence:
        by_value.setdefault(item.value_id, []).append(item)  # type: ignore[attr-defined]
    content = {
        "exported_at": timezone.now().isoformat(),
        "plan": names.dump(plan, PLAN_FIELDS),
        "departments": [{"code": code, "name": name} for code, name in sorted(_departments_of(indicators).items())],
        "users": sorted(names.names.get(get_user_model(), {}).values()),
        "rounds": [names.dump(r, ROUND_FIELDS) for r in rounds],
        "indicators": [names.dump(i, INDICATOR_FIELDS) for i in indicators],
        "annual_targets": [{"key": t.pk, **names.dump(t, TARGET_FIELDS)} for t in targets],
        "values": [
            {
                "key": v.pk,
                **names.dump(v, VALUE_FIELDS),
                "evidence": [_evidence(e, v, names) for e in by_value.get(v.pk, [])],
            }
            for v in values
        ],
        "value_history": [{"key": r.id, **names.dump(r, VALUE_FIELDS + RECORD_FIELDS)} for r in value_records],
        "target_history": [{"key": r.id, **names.dump(r, TARGET_FIELDS + RECORD_FIELDS)} for r in target_records],
    }
    try:
        digest = checksum(content)
    except ValueError as error:
        raise BackupError(f"plan {plan.slug}: a stored number cannot be written as JSON ({error})") from None
    return {"format": FORMAT, "version": VERSION, "sha256": digest, "content": content}


def _departments_of(indicators: Sequence[Indicator]) -> dict[str, str]:
    ids = {i.department_id for i in indicators if i.department_id is not None}  # type: ignore[attr-defined]
    return dict(Department.objects.filter(pk__in=ids).values_list("code", "name"))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_backup(document: dict[str, Any], path: Path) -> None:
    """Write ``document`` to ``path`` (gzip when the name ends in ``.gz``), whole or not at all:
    it is written beside ``path`` and renamed into place."""
    data = json.dumps(document, ensure_ascii=False, allow_nan=False).encode("utf-8")
    if path.name.endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, FILE_MODE & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- reading ----------------------------------------------------------------------------------


def read_backup(path: Path) -> dict[str, Any]:
    """The ``content`` of the plan file at ``path``, checked.

    Raises:
        BackupError: the file cannot be read, is cut short or not JSON, is not a planeval plan
            file, is of an unknown format version, or its checksum does not match its content.
    """
    try:
        data = path.read_bytes()
        if path.name.endswith(".gz"):
            data = gzip.decompress(data)
        document = json.loads(data.decode("utf-8"))
    except OSError as error:
        raise BackupError(f"{path}: cannot be read ({error.strerror or error})") from None
    except (EOFError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path}: not a complete plan file, cut short or damaged ({error})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        found = document.get("format") if isinstance(document, dict) else None
        raise BackupError(f"{path}: not a planeval plan file (format {found!r}, expected {FORMAT!r})")
    if document.get("version") != VERSION:
        raise BackupError(
            f"{path}: format version {document.get('version')!r} is unknown; this planeval reads version {VERSION}"
        )
    content = document.get("content")
    if not isinstance(content, dict) or checksum(content) != document.get("sha256"):
        raise BackupError(f"{path}: checksum mismatch: the content was changed or damaged after it was written")
    return content


# --- restoring --------------------------------------------------------------------------------


def _batches(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), BATCH_ROWS):
        yield items[start : start + BATCH_ROWS]


def _auto_dates(model: type[Model]) -> list[str]:
    """The fields Django sets to now on a save (``auto_now``, ``auto_now_add``)."""
    return [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False) or
            getattr(f, "auto_now_add", False)]  # fmt: skip


class _Restore:
    """One restore: the file's names → the ids stored here, the rows stored, the files written."""

    def __init__(self, content: dict[str, Any], progress: Progress | None):
        self.content = content
        self.progress = progress
        parts = ("rounds", "indicators", "annual_targets", "values", "value_history", "target_history")
        self.total = 1 + sum(len(content[part]) for part in parts) + sum(len(v["evidence"]) for v in content["values"])
        self.stored = 0
        self.ids: dict[type[Model], dict[str, int]] = {}
        self.keys: dict[type[Model], dict[int, int]] = {Value: {}, AnnualTarget: {}}  # file key → id here
        self.files: list[str] = []  # evidence written to the media folder
        self.replaced: set[str] = set()  # evidence of the plan replaced: deleted on commit

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
        """Keyword arguments making a ``model`` of the file's ``row``."""
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
            else:
                made[name] = value
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


def uncarried(plan: Plan) -> dict[str, int]:
    """Rows deleted with ``plan`` that a plan file does not carry (another part of the site's
    rows that belong to the plan, such as key tasks), counted by their model's plural name;
    empty when the file holds everything."""
    collector = Collector(using=router.db_for_write(Plan))
    collector.collect([plan])
    found: Counter[str] = Counter()
    counted = [(model, len(rows)) for model, rows in collector.data.items()]
    counted += [(rows.model, rows.count()) for rows in collector.fast_deletes]
    with translation.override(None):  # the command's messages are in English
        for model, count in counted:
            if model not in CARRIED and not model._meta.auto_created and count:
                found[str(model._meta.verbose_name_plural)] += count
    return dict(found)


def _replace(slug: str, replace: bool) -> set[str]:
    """Delete the plan ``slug`` with its history; the names of its evidence files.

    Raises:
        BackupError: the plan exists and ``replace`` is false, or it holds rows a plan file
            does not carry.
    """
    old = Plan.objects.filter(slug=slug).first()
    if old is None:
        return set()
    if not replace:
        raise BackupError(f"plan {slug!r} is already in the database: import with --replace to overwrite it")
    lost = uncarried(old)
    if lost:
        held = ", ".join(f"{count} {name}" for name, count in lost.items())
        raise BackupError(f"plan {slug!r} here also holds {held}, which plan files do not carry: "
                          "replacing it would lose them")  # fmt: skip
    indicators = list(old.indicators.values_list("pk", flat=True))
    files = set(Evidence.objects.filter(value__indicator__plan=old).values_list("file", flat=True))
    old.delete()
    for model in (Value, AnnualTarget):  # their records, with those of the delete
        model.history.model.objects.filter(indicator_id__in=indicators).delete()  # type: ignore[attr-defined]
    return files


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


def _store_evidence(state: _Restore) -> None:
    storage = Evidence._meta.get_field("file").storage
    made, rows = [], []
    for value in state.content["values"]:
        for item in value["evidence"]:
            try:
                data = base64.b64decode(item["content"], validate=True)
            except ValueError:
                raise BackupError(f"evidence {item['path']}: the content is not base64") from None
            if item["path"] in state.replaced and _holds(storage, item["path"], data):
                name = item["path"]  # the replaced plan's own file: kept
                state.replaced.discard(name)
            else:
                name = storage.save(item["path"], ContentFile(data))
                state.files.append(name)
            loaded = state.load(Evidence, item, EVIDENCE_FIELDS)
            made.append(Evidence(value_id=state.keys[Value][value["key"]], file=name, **loaded))
            rows.append(item)
    for start in range(0, len(made), BATCH_ROWS):
        state.create(Evidence, made[start : start + BATCH_ROWS], rows[start : start + BATCH_ROWS])


def _holds(storage: Storage, name: str, data: bytes) -> bool:
    """Whether ``storage`` has a file ``name`` with the bytes ``data``."""
    try:
        with storage.open(name, "rb") as file:
            return bool(file.read() == data)
    except OSError:
        return False


def _store_rows(state: _Restore, model: type[Model], part: str, fields: Sequence[str]) -> None:
    """Store the rows of ``part`` (values, yearly targets) and learn their ids by key."""
    for batch in _batches(state.content[part]):
        made = [model(**state.load(model, row, fields)) for row in batch]
        state.create(model, made, batch)
        state.keys[model].update((row["key"], obj.pk) for row, obj in zip(batch, made, strict=True))


def _placeholder(model: type[Model], n: int, indicator: int | None) -> Model:
    """A row that holds an id for the records of a deleted one: a period or year no real row has."""
    if model is Value:
        return Value(indicator_id=indicator, period=f"#{n}")
    return AnnualTarget(indicator_id=indicator, year=n, target_text="#")


def _reserve_ids(state: _Restore, model: type[Model], part: str) -> None:
    """Ids for the records of rows deleted before the export: a row is made and deleted for
    each, so that no row stored later takes the id (and the records) over."""
    keys = state.keys[model]
    missing = {row["key"]: row["indicator"] for row in state.content[part] if row["key"] not in keys}
    if not missing:
        return
    holders = [_placeholder(model, n, state.id_of(Indicator, code)) for n, code in enumerate(missing.values())]
    model._default_manager.bulk_create(holders)
    ids = [holder.pk for holder in holders]
    model._default_manager.filter(pk__in=ids).delete()
    model.history.model.objects.filter(id__in=ids).delete()  # type: ignore[attr-defined]  # those of that delete
    keys.update(zip(missing, ids, strict=True))


def _store_records(state: _Restore, model: type[Model], part: str, fields: Sequence[str]) -> None:
    """Store the history records of ``part`` with their dates and users, after their rows."""
    _reserve_ids(state, model, part)
    historical = model.history.model  # type: ignore[attr-defined]
    for batch in _batches(state.content[part]):
        historical.objects.bulk_create(
            [
                historical(id=state.keys[model][row["key"]], **state.load(historical, row, fields + RECORD_FIELDS))
                for row in batch
            ]  # fmt: skip
        )
        state.count(len(batch))


def _restore(state: _Restore, replace: bool) -> Restored:
    content = state.content
    state.replaced = _replace(content["plan"]["slug"], replace)
    state.ids[get_user_model()], users_created = _users(content["users"])
    state.ids[Department], departments_created = _departments(content["departments"])
    plan = Plan.objects.create(**{name: content["plan"][name] for name in PLAN_FIELDS})
    state.count(1)
    rounds = [ReportingRound(plan=plan, **state.load(ReportingRound, row, ROUND_FIELDS)) for row in content["rounds"]]
    state.create(ReportingRound, rounds, content["rounds"])
    state.ids[ReportingRound] = {r.period: r.pk for r in rounds}
    indicators = [Indicator(plan=plan, **state.load(Indicator, row, INDICATOR_FIELDS)) for row in content["indicators"]]
    state.create(Indicator, indicators, content["indicators"])
    state.ids[Indicator] = {i.code: i.pk for i in indicators}
    _store_rows(state, AnnualTarget, "annual_targets", TARGET_FIELDS)
    _store_rows(state, Value, "values", VALUE_FIELDS)
    _store_evidence(state)
    _store_records(state, Value, "value_history", VALUE_FIELDS)
    _store_records(state, AnnualTarget, "target_history", TARGET_FIELDS)
    storage, replaced = Evidence._meta.get_field("file").storage, state.replaced
    transaction.on_commit(lambda: [storage.delete(name) for name in replaced])
    return Restored(plan, state.stored, users_created, departments_created)


def restore_plan(content: dict[str, Any], replace: bool = False, progress: Progress | None = None) -> Restored:
    """Store the plan of a file's ``content`` (:func:`read_backup`), all or nothing.

    ``progress`` is told ``(rows stored, rows to store)`` after every batch of at most
    :data:`BATCH_ROWS` rows.

    Raises:
        BackupError: a plan of that slug is present and ``replace`` is false; a department
            here differs from the file's; the content misses a field or names a row it does
            not hold; a row breaks a rule of the database. Nothing is stored then, and the
            evidence files written meanwhile are deleted.
    """
    try:
        state = _Restore(content, progress)
    except (KeyError, TypeError) as error:
        raise BackupError(f"the file's content misses the part {error}") from None
    try:
        with transaction.atomic():
            return _restore(state, replace)
    except BackupError:
        _forget(state.files)
        raise
    except KeyError as error:
        _forget(state.files)
        raise BackupError(f"the file's content misses the field {error}") from None
    except (TypeError, ValueError, IntegrityError) as error:
        _forget(state.files)
        raise BackupError(f"the file's content cannot be stored: {error}") from None
    except BaseException:
        _forget(state.files)
        raise


def _forget(names: list[str]) -> None:
    """Delete the evidence files a failed restore wrote."""
    storage = Evidence._meta.get_field("file").storage
    for name in names:
        storage.delete(name)
