"""The layout of a plan file (the package docstring describes it): its parts as data, how a row
is named where another refers to it, the checksum, and the file written and read whole."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
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
VERSION = 2
READS = (1, 2)
"""The format versions this planeval reads: version 1 files have no part of a later version."""
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
    part's history records hold them too, as they were at each record."""

    name: str
    model: type[Model]
    parent: str
    fields: tuple[str, ...]
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
    as ``<field>_content``. ``since`` is the format version that added the part."""

    name: str
    model: type[Model]
    fields: tuple[str, ...]
    plan: str
    order: tuple[str, ...]
    history: str = ""
    spare: str = ""
    attached: tuple[Attached, ...] = ()
    files: tuple[str, ...] = ()
    since: int = 1


PARTS = (
    Part("rounds", ReportingRound, ("period", "opens", "deadline", "state"), "plan", ("opens", "period")),
    Part("indicators", Indicator, ("position", "code", "name", "unit", "aspect", "attribute", "direction",
         "base_year", "base_value", "base_estimated", "target_text", "target_year", "frequency", "department",
         "note"), "plan", ("position",)),
    Part("annual_targets", AnnualTarget, ("indicator", "year", "target_text", "source", "set_by", "updated_at"),
         "indicator__plan", ("indicator__position", "year"), history="target_history", spare="year"),
    Part("values", Value, ("indicator", "round", "period", "value", "raw", "state", "explanation",
         "review_comment", "vintage", "source", "note", "version", "updated_by", "updated_at"),
         "indicator__plan", ("indicator__position", "period"), history="value_history", spare="period",
         attached=(Attached("evidence", Evidence, "value", ("uploaded_by", "uploaded_at"), file="file"),)),
    Part("tasks", Task, ("position", "code", "chapter", "text", "lead", "start", "due", "planned_investment",
         "planned_start", "planned_completion", "actual_start", "actual_completion", "note"), "plan",
         ("position", "code"), history="task_history", spare="code",
         attached=(Attached("cooperating", Task.cooperating.through, "task", ("department",), keyed=True),),
         since=2),
    Part("milestones", Milestone, ("task", "year", "text", "done_on"), "task__plan",
         ("task__position", "task__code", "year", "pk"), history="milestone_history", since=2),
    Part("progress_updates", ProgressUpdate, ("task", "reported_on", "percent", "investment_completed",
         "narrative", "evidence", "reported_by", "created_at"), "task__plan",
         ("task__position", "task__code", "reported_on", "pk"), history="progress_update_history",
         files=("evidence",), since=2),
    Part("supervision_items", SupervisionItem, ("year", "sequence", "kind", "opened_on", "findings",
         "requirement", "department", "deadline", "indicator", "task", "rule", "state", "escalation_level",
         "office_comment", "closed_on", "opened_by", "updated_by", "updated_at"), "plan", ("year", "sequence"),
         history="supervision_item_history", spare="year", since=2),
    Part("rectifications", Rectification, ("item", "text", "submitted_by", "submitted_at"), "item__plan",
         ("item__year", "item__sequence", "submitted_at", "pk"), history="rectification_history",
         attached=(Attached("files", RectificationFile, "rectification", ("name",), file="file"),), since=2),
    Part("reminders", Reminder, ("round", "department", "day", "kind", "recipients", "sent_at"), "round__plan",
         ("day", "round__period", "department__code"), since=2),
)  # fmt: skip
"""The parts of a plan file in the order they are stored: a row refers only to rows before it."""

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
    version = document.get("version")
    if version not in READS:
        readable = ", ".join(str(v) for v in READS)
        raise BackupError(f"{path}: format version {version!r} is unknown; this planeval reads versions {readable}")
    content = document.get("content")
    if not isinstance(content, dict) or checksum(content) != document.get("sha256"):
        raise BackupError(f"{path}: checksum mismatch: the content was changed or damaged after it was written")
    return upgrade(content, version)


def upgrade(content: dict[str, Any], version: int) -> dict[str, Any]:
    """``content`` of a file of format ``version`` as :data:`VERSION` lays it out: the parts
    added since are there, empty."""
    added = [p for p in PARTS if p.since > version]
    return content | {name: [] for p in added for name in (p.name, p.history) if name}
