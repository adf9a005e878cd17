"""The layout of a plan file (the package docstring describes it): its parts as data, how a row
is named where another refers to it, the checksum, and the file written and read whole."""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import os
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Model

from planeval.errors import BackupError
from planeval.web.core.models import AnnualTarget, Department, Evidence, Indicator, Plan, ReportingRound, Value
from planeval.web.reminders.models import Reminder
from planeval.web.supervision.models import Rectification, RectificationFile, SupervisionItem
from planeval.web.tasks.models import Milestone, ProgressUpdate, Task

FORMAT = "planeval-plan"
VERSION = 3
READS = (1, 2, 3)
"""The format versions this planeval reads: a file of an older version has no part and no field
a later version added (:data:`ADDED`)."""
FILE_MODE = 0o666  # less the umask, as any file the user writes

PLAN_FIELDS = ("slug", "title", "region", "base_year", "end_year")
RECORD_FIELDS = ("history_date", "history_type", "history_user", "history_change_reason")
"""What a history record holds besides the fields of its row."""
NAME_SEPARATOR = "-"
"""Between the fields of a name made of several (a supervision item's ``2026-3``)."""


@dataclass(frozen=True)
class Attached:
    """Rows written inside each row of a part: a value's evidence files, a task's cooperating
    departments, a rectification report's files.

    ``parent`` is the field referring to the row they belong to; ``file`` a file field, written
    as ``path`` (its name in the media folder), ``name`` and ``content`` (base64); ``keyed``
    rows carry ``key``, their id where exported, which history records name. Attached rows
    named as a many-to-many field of the part (``cooperating``) are that field's links; the
    part's history records hold them too, as they were at each record. ``label`` is what names
    one of them in a message, after the row it belongs to."""

    name: str
    model: type[Model]
    parent: str
    fields: tuple[str, ...]
    label: str
    file: str = ""
    keyed: bool = False


@dataclass(frozen=True)
class Part:
    """One list of a plan file's ``content``: the rows of ``model`` that belong to a plan.

    ``plan`` is the lookup from a row to its plan (``indicator__plan``), ``order`` the order the
    rows are written in. A part with ``history`` writes the rows' django-simple-history records
    under that name, and its rows carry ``key``. ``spare`` is a field unique among the plan's
    rows that a stand-in row for a deleted one sets to a value no real row has (a period
    ``#0``, a year 0). ``files`` are file fields of the row itself, their bytes written beside
    as ``<field>_content``. ``since`` is the format version that added the part. ``label`` are
    the fields that name a row in a message (``N03 2025``, a value's indicator and period)."""

    name: str
    model: type[Model]
    fields: tuple[str, ...]
    plan: str
    order: tuple[str, ...]
    label: tuple[str, ...]
    history: str = ""
    spare: str = ""
    attached: tuple[Attached, ...] = ()
    files: tuple[str, ...] = ()
    since: int = 1


PARTS = (
    Part("rounds", ReportingRound, ("period", "opens", "deadline", "state"), "plan", ("opens", "period"),
         ("period",)),
    Part("indicators", Indicator, ("position", "code", "name", "unit", "aspect", "attribute", "direction",
         "base_year", "base_value", "base_estimated", "target_text", "target_year", "frequency", "department",
         "note"), "plan", ("position",), ("code",)),
    Part("annual_targets", AnnualTarget, ("indicator", "year", "target_text", "source", "set_by", "updated_at"),
         "indicator__plan", ("indicator__position", "year"), ("indicator", "year"), history="target_history",
         spare="year"),
    Part("values", Value, ("indicator", "round", "period", "value", "raw", "state", "explanation",
         "review_comment", "vintage", "source", "note", "version", "updated_by", "updated_at"),
         "indicator__plan", ("indicator__position", "period"), ("indicator", "period"), history="value_history",
         spare="period",
         attached=(Attached("evidence", Evidence, "value", ("uploaded_by", "uploaded_at"), "path", file="file"),)),
    Part("tasks", Task, ("position", "code", "chapter", "text", "lead", "start", "due", "planned_investment",
         "planned_start", "planned_completion", "actual_start", "actual_completion", "note", "continuous"), "plan",
         ("position", "code"), ("code",), history="task_history", spare="code",
         attached=(Attached("cooperating", Task.cooperating.through, "task", ("department",), "department",
                            keyed=True),),
         since=2),
    Part("milestones", Milestone, ("task", "year", "text", "done_on"), "task__plan",
         ("task__position", "task__code", "year", "pk"), ("task", "year"), history="milestone_history", since=2),
    Part("progress_updates", ProgressUpdate, ("task", "reported_on", "percent", "investment_completed",
         "narrative", "evidence", "reported_by", "created_at"), "task__plan",
         ("task__position", "task__code", "reported_on", "pk"), ("task", "reported_on"),
         history="progress_update_history", files=("evidence",), since=2),
    Part("supervision_items", SupervisionItem, ("year", "sequence", "kind", "opened_on", "findings",
         "requirement", "department", "deadline", "indicator", "task", "rule", "state", "escalation_level",
         "office_comment", "closed_on", "returned_on", "opened_by", "updated_by", "updated_at"), "plan",
         ("year", "sequence"), ("year", "sequence"), history="supervision_item_history", spare="year", since=2),
    Part("rectifications", Rectification, ("item", "text", "submitted_by", "submitted_at"), "item__plan",
         ("item__year", "item__sequence", "submitted_at", "pk"), ("item", "submitted_at"),
         history="rectification_history",
         attached=(Attached("files", RectificationFile, "rectification", ("name",), "path", file="file"),), since=2),
    Part("reminders", Reminder, ("round", "department", "day", "kind", "recipients", "sent_at"), "round__plan",
         ("day", "round__period", "department__code"), ("round", "department", "day"), since=2),
)  # fmt: skip
"""The parts of a plan file in the order they are stored: a row refers only to rows before it."""


@dataclass(frozen=True)
class Added:
    """A field that format version ``since`` added to the rows of the part ``part`` and to their
    history records; the rows and records of an older file take ``default``."""

    part: str
    field: str
    since: int
    default: Any


ADDED = (
    Added("tasks", "continuous", 3, False),
    Added("supervision_items", "returned_on", 3, None),
)

CARRIED: tuple[type[Model], ...] = (Plan, *(p.model for p in PARTS), *(a.model for p in PARTS for a in p.attached))
"""The models whose rows a plan file holds."""


def named_by(model: type[Model]) -> tuple[str, ...]:
    """The fields a reference to ``model`` is written as (joined by :data:`NAME_SEPARATOR`)."""
    if model is get_user_model():
        return (str(model.USERNAME_FIELD),)
    return {Department: ("code",), Indicator: ("code",), ReportingRound: ("period",), Task: ("code",),
            SupervisionItem: ("year", "sequence")}[model]  # fmt: skip


def is_named(model: type[Model] | None) -> bool:
    """Whether references to ``model`` are written as its name (else it is the plan, or a row
    the reference's place in the file says)."""
    try:
        named_by(model)  # type: ignore[arg-type]
    except KeyError:
        return False
    return True


def name_of(values: tuple[Any, ...]) -> str:
    """The name made of the :func:`named_by` fields' ``values``."""
    return NAME_SEPARATOR.join(str(value) for value in values)


def checksum(content: dict[str, Any]) -> str:
    """SHA-256 (hex) of ``content`` in canonical JSON (see the package docstring)."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


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


def read_backup(path: Path) -> dict[str, Any]:
    """The ``content`` of the plan file at ``path``, checked, and laid out as :data:`VERSION`
    lays it out (the parts an older version did not have are empty).

    Raises:
        BackupError: the file cannot be read, is cut short or not JSON, is not a planeval plan
            file, is of an unknown format version, or its checksum does not match its content.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BackupError(f"{path}: cannot be read ({error.strerror or error})") from None
    try:
        if path.name.endswith(".gz"):
            data = gzip.decompress(data)
        document = parse_json(data)
    except (EOFError, OSError, zlib.error, UnicodeDecodeError, ValueError) as error:  # gzip's errors are OSError
        raise BackupError(f"{path}: not a complete plan file, cut short or damaged ({error})") from None
    except RecursionError:
        raise BackupError(f"{path}: not a plan file: nested too deeply to be read") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        found = document.get("format") if isinstance(document, dict) else None
        raise BackupError(f"{path}: not a planeval plan file (format {found!r}, expected {FORMAT!r})")
    version = document.get("version")
    if isinstance(version, bool) or version not in READS:
        readable = ", ".join(str(v) for v in READS)
        raise BackupError(f"{path}: format version {version!r} is unknown; this planeval reads versions {readable}")
    content = document.get("content")
    try:
        matches = isinstance(content, dict) and checksum(content) == document.get("sha256")
    except RecursionError:
        raise BackupError(f"{path}: not a plan file: nested too deeply to be read") from None
    if not matches:
        raise BackupError(f"{path}: checksum mismatch: the content was damaged or changed after it was written")
    return upgrade(content, version)


def parse_json(data: bytes) -> Any:
    """``data`` (UTF-8 JSON) as Python values; strictly JSON: no ``NaN`` or ``Infinity``, no
    number too large to be finite.

    Raises:
        ValueError: not JSON (a :class:`json.JSONDecodeError`), or one of those numbers.
        RecursionError: nested deeper than Python reads.
    """
    return json.loads(data.decode("utf-8"), parse_constant=_not_json, parse_float=_finite)


def _not_json(word: str) -> float:
    raise ValueError(f"{word} is not a number JSON allows")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text} is too large a number")
    return number


def upgrade(content: dict[str, Any], version: int) -> dict[str, Any]:
    """``content`` of a file of format ``version`` as :data:`VERSION` lays it out: the parts
    added since are there, empty, and the fields added since (:data:`ADDED`) hold their
    defaults."""
    added = [p for p in PARTS if p.since > version]
    content = content | {name: [] for p in added for name in (p.name, p.history) if name}
    histories = {p.name: p.history for p in PARTS}
    for field in (a for a in ADDED if a.since > version):
        for name in (field.part, histories[field.part]):
            rows = content.get(name)
            for row in rows if isinstance(rows, list) else ():
                if isinstance(row, dict):
                    row.setdefault(field.field, field.default)
    return content
