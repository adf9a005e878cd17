"""Every field of every row of a plan file's content checked before anything is stored.

A plan file from elsewhere is input like any other: its checksum finds accidental damage, not a
hand that changed the content and computed the checksum again. So the plan, the departments, the
users, and every row, attached row and history record of every part
(:data:`~planeval.web.core.backup.format.PARTS`) are checked as a form checks what is typed:

- the shape: the parts are lists of objects, each with every field its part writes;
- each field as its model field defines it (:mod:`.fields`): its JSON type, ``null`` only where
  it may be empty, its choices, length and range; a file's path inside the media folder, its
  content base64; a user, department, indicator, round, task or supervision item named is one
  the file holds;
- the readings of the domain: an indicator as the evaluation reads it
  (:func:`~planeval.web.core.convert.domain_indicator`: years, base value, attribute,
  direction, frequency, target year after the base year), the plan's base year before its
  target year, periods (:func:`~planeval.domain.period.parse_period`), a value's text as typed
  (:func:`~planeval.domain.numbers.read_number`) giving the value stored;
- among the rows of a part: keys, and what the database keeps unique (a value per indicator and
  period), given once; the database's check constraints (a task due after its start).

The first problem found is raised as a :class:`~planeval.errors.BackupError` naming the part,
the row (its number in the part and its name: ``values row 12 (N03 2025)``) and the field.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, DateField, DateTimeField, Field, Model, UniqueConstraint
from django.db.models.fields.files import FileField
from django.utils import translation

from planeval.domain.plan import Plan as DomainPlan
from planeval.errors import BackupError, PlanevalError, PlanFormatError
from planeval.web.core.backup.fields import READINGS, Bad, Checker, Names, checker, content, path, quoted, shown
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
from planeval.web.core.convert import domain_indicator
from planeval.web.core.models import Department, Indicator, Plan, Value

RAW_TOLERANCE = 1e-6
"""How far a value may be from the number of its text as typed: a stored plan's text keeps six
decimals (``format_number(value, 6)``, off by 5e-7 at most)."""
RAW_RELATIVE = 1e-9  # and, for a large number, what a float's own precision is off


class _Missing(Exception):
    """A field the row does not hold at all."""


def check_content(content: dict[str, Any]) -> None:
    """Check the ``content`` of a plan file (:func:`~planeval.web.core.backup.read_backup`)
    field by field, as the module docstring says; nothing is stored.

    Raises:
        BackupError: the first problem found, naming the part, the row and the field.
    """
    with translation.override(None):  # the commands' messages are in English
        for name in ("plan", "departments", "users", *(n for p in PARTS for n in (p.name, p.history) if n)):
            if name not in content:
                raise BackupError(f"the file's content misses the part {name!r}")
        names = _people(content)
        _check_plan(content["plan"])
        for part in PARTS:
            _Rows(part, content[part.name], names).check()
            if part.history:
                _Records(part, content[part.history], names).check()


def _list(content: Any, section: str) -> list[Any]:
    if not isinstance(content, list):
        raise BackupError(f"{section}: a list was expected, not {shown(content)}")
    return content


def _object(row: Any, where: str) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise BackupError(f"{where}: an object was expected, not {shown(row)}")
    return row


def _run(where: str | Callable[[], str], row: dict[str, Any], checks: Sequence[tuple[str, Checker]]) -> None:
    """Run ``checks`` (field, checker) on ``row``; a BackupError saying ``where`` when one fails."""
    try:
        for name, check in checks:
            if name not in row:
                raise _Missing(name)
            check(row[name])
    except _Missing as missing:
        raise BackupError(f"{where if isinstance(where, str) else where()} misses the field {str(missing)!r}") from None
    except Bad as bad:
        raise BackupError(f"{where if isinstance(where, str) else where()}, field {bad.field}: {bad.message}") from None


def _people(content: dict[str, Any]) -> Names:
    """Check the file's departments and users; their names as rows give them."""
    fields = [(name, checker(Department, Department._meta.get_field(name), {})) for name in ("code", "name")]  # type: ignore[arg-type]
    seen: dict[str, set[Any]] = {"code": set(), "name": set()}
    for n, row in enumerate(_list(content["departments"], "departments"), start=1):
        where = f"departments row {n} ({quoted(_object(row, f'departments row {n}').get('code', '?'))})"
        _run(where, row, fields)
        for name in ("code", "name"):
            if row[name] in seen[name]:
                raise BackupError(f"{where}, field {name}: {row[name]!r} is given to another department before")
            seen[name].add(row[name])
    users = get_user_model()
    username = users._meta.get_field(users.USERNAME_FIELD)
    check = [(username.name, checker(users, username, {}))]  # type: ignore[arg-type]
    known: set[str] = set()
    for n, name in enumerate(_list(content["users"], "users"), start=1):
        where = f"users row {n} ({quoted(name)})"
        _run(where, {username.name: name}, check)
        if name in known:
            raise BackupError(f"{where}: named before")
        known.add(name)
    return {users: known, Department: seen["code"]}


def _check_plan(plan: Any) -> None:
    _run("plan", _object(plan, "plan"), [(n, checker(Plan, Plan._meta.get_field(n), {})) for n in PLAN_FIELDS])  # type: ignore[arg-type]
    try:
        DomainPlan(plan["title"], plan["base_year"], plan["end_year"], ())
    except PlanevalError as error:
        raise BackupError(f"plan, field end_year: {error}") from None


class _Rows:
    """The rows of one part, with the rows attached to each."""

    records = False

    def __init__(self, part: Part, rows: Any, names: Names):
        self.part = part
        self.model = part.model
        self.rows = _list(rows, self.section)
        self.names = names
        self.keys: set[int] = set()
        self.link_keys: set[int] = set()
        self.checks = [(name, self.checker(name)) for name in self.fields]
        if part.history:
            self.checks.insert(0, ("key", lambda v: _key(v, self.keys, unique=not self.records)))

    @property
    def section(self) -> str:
        return self.part.name

    @property
    def fields(self) -> tuple[str, ...]:
        return self.part.fields

    def checker(self, name: str) -> Checker:
        return checker(self.model, self.model._meta.get_field(name), self.names)  # type: ignore[arg-type]

    def where(self, n: int, row: dict[str, Any]) -> str:
        return f"{self.section} row {n} ({' '.join(quoted(row.get(name, '?')) for name in self.part.label)})"

    def check(self) -> None:
        unique = None if self.records else _Unique(self.model, self.fields)
        for n, row in enumerate(self.rows, start=1):
            self.check_row(n, _object(row, f"{self.section} row {n}"))
            if unique is not None:
                unique.add(self.where(n, row), row)
        if is_named(self.model) and not self.records:  # the names rows of later parts give these
            self.names[self.model] = {name_of(tuple(row[f] for f in named_by(self.model))) for row in self.rows}

    def check_row(self, n: int, row: dict[str, Any]) -> None:
        where = lambda: self.where(n, row)  # noqa: E731 (made into text only for a message)
        _run(where, row, self.checks)
        if not self.records:  # records name a file, without its bytes
            _run(where, row, [(f"{f}_content", lambda v, f=f: _file_content(f, row[f], v)) for f in self.part.files])
        if self.model is Value:
            _run(where, row, [("value", lambda _: _as_typed(row))])
        if not self.records:
            _check_constraints(where(), self.model, row, self.fields)
            if self.model is Indicator:
                _indicator(where(), row)
        for attached in self.part.attached:
            if self.records and not attached.keyed:
                continue  # records hold only the links of a many-to-many field
            if attached.name not in row:
                raise BackupError(f"{where()} misses the field {attached.name!r}")
            items = _list(row[attached.name], f"{where()}, field {attached.name}")
            _Attachments(attached, self.names, self.link_keys, unique=not self.records).check(where, items)


class _Records(_Rows):
    """The history records of one part's rows: the rows' fields, and the record's own."""

    records = True

    @property
    def section(self) -> str:
        return self.part.history

    @property
    def fields(self) -> tuple[str, ...]:
        return self.part.fields + RECORD_FIELDS

    def checker(self, name: str) -> Checker:
        if name in RECORD_FIELDS:
            historical = self.model.history.model  # type: ignore[attr-defined]
            return checker(historical, historical._meta.get_field(name), self.names)
        return super().checker(name)

    def where(self, n: int, row: dict[str, Any]) -> str:
        return f"{super().where(n, row)[:-1]} of {quoted(row.get('history_date', '?'))})"


def _file_content(field: str, named: Any, value: Any) -> None:
    """The bytes of a row's own file ``field`` (``named``: its path): null without a file,
    base64 with one."""
    name = f"{field}_content"
    if value is None and named:
        raise Bad(name, f"is null, but the row names the file {quoted(named)!r}")
    if value is not None and not named:
        raise Bad(name, "holds a file's content, but the row names no file")
    if value is not None:
        content(name, value)


class _Attachments:
    """The rows attached to one row of a part (a value's evidence files)."""

    def __init__(self, attached: Attached, names: Names, keys: set[int], unique: bool):
        self.attached = attached
        model = attached.model
        self.checks: list[tuple[str, Checker]] = [
            (name, checker(model, model._meta.get_field(name), names))
            for name in attached.fields  # type: ignore[arg-type]
        ]
        if attached.keyed:
            self.checks.insert(0, ("key", lambda v: _key(v, keys, unique=unique)))
        if attached.file:
            file = model._meta.get_field(attached.file)
            self.checks += [("path", lambda v: path(file, v)), ("content", lambda v: content("content", v))]  # type: ignore[arg-type]

    def check(self, owner: Callable[[], str], items: list[Any]) -> None:
        name = self.attached.name
        unique = _Unique(self.attached.model, self.attached.fields)
        for n, item in enumerate(items, start=1):
            _object(item, f"{owner()}, {name} {n}")
            where = f"{owner()}, {name} {n} ({quoted(item.get(self.attached.label, '?'))})"
            _run(where, item, self.checks)
            unique.add(where, item)


def _key(value: Any, keys: set[int], unique: bool) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise Bad("key", f"a whole number was expected, not {shown(value)}")
    if unique and value in keys:
        raise Bad("key", f"{value} is the key of a row before")
    keys.add(value)


class _Unique:
    """What the database keeps unique among the rows of ``model``, given once in the file."""

    def __init__(self, model: type[Model], fields: Sequence[str]):
        sets = [tuple(c.fields) for c in model._meta.constraints if isinstance(c, UniqueConstraint) and
                c.fields and c.condition is None]  # fmt: skip
        sets += [tuple(t) for t in model._meta.unique_together]
        sets += [(f.name,) for f in model._meta.concrete_fields if f.unique and not f.primary_key]
        # the plan's field and a parent's are the same for all rows checked together
        self.sets = [s for s in {tuple(f for f in s if f in fields) for s in sets} if s]
        self.seen: dict[tuple[str, ...], dict[tuple[str, ...], str]] = {s: {} for s in self.sets}

    def add(self, where: str, row: dict[str, Any]) -> None:
        for fields in self.sets:
            value = tuple(repr(row[f]) for f in fields)
            if value in self.seen[fields]:
                said = ", ".join(fields)
                raise BackupError(f"{where}: {said} the same as in {self.seen[fields][value]}; "
                                  "there can be only one such row")  # fmt: skip
            self.seen[fields][value] = where


def _as_typed(row: dict[str, Any]) -> None:
    """A value is the number its text as typed gives (to the six decimals a stored plan's text
    keeps), when that text is a number without a unit of its own (a unit converts to the
    indicator's, whose unit may have changed since).

    Raises:
        Bad: naming the field ``value``.
    """
    reading = READINGS[Value]["raw"](row["raw"])  # read before, without error
    if reading.value is None or reading.written_unit:
        return
    if row["value"] is None or not math.isclose(row["value"], reading.value, rel_tol=RAW_RELATIVE,
                                                abs_tol=RAW_TOLERANCE):  # fmt: skip
        raise Bad("value", f"{row['value']!r} is not the number typed, {row['raw']!r}")


def _instance(model: type[Model], row: dict[str, Any], fields: Sequence[str]) -> Model:
    """An unsaved ``model`` made of the checked ``row``: dates read, references set to a
    stand-in id (only whether they are null counts here)."""
    made: dict[str, Any] = {}
    for name in fields:
        model_field: Field = model._meta.get_field(name)  # type: ignore[assignment]
        value = row[name]
        if model_field.is_relation:
            made[model_field.attname] = None if value is None else 0
        elif isinstance(model_field, DateTimeField) and value:
            made[name] = datetime.datetime.fromisoformat(value)
        elif isinstance(model_field, DateField) and value:
            made[name] = datetime.date.fromisoformat(value)
        elif not isinstance(model_field, FileField):
            made[name] = value
    return model(**made)


def _check_constraints(where: str, model: type[Model], row: dict[str, Any], fields: Sequence[str]) -> None:
    checks = [c for c in model._meta.constraints if isinstance(c, CheckConstraint)]
    if not checks:
        return
    instance = _instance(model, row, fields)
    for constraint in checks:
        try:
            constraint.validate(model, instance)
        except ValidationError:
            raise BackupError(f"{where}: breaks the rule {constraint.name} of the database") from None


INDICATOR_FIELDS = ("position", "code", "name", "unit", "aspect", "attribute", "direction", "base_year", "base_value",
                    "base_estimated", "target_text", "target_year", "frequency", "note")  # fmt: skip


def _indicator(where: str, row: dict[str, Any]) -> None:
    """The indicator as the evaluation reads it (:func:`~planeval.web.core.convert.domain_indicator`)."""
    indicator = _instance(Indicator, row, INDICATOR_FIELDS)
    indicator.plan = Plan(slug="of the file")
    indicator.department = Department(code=row["department"] or "", name=row["department"] or "")
    try:
        domain_indicator(indicator)
    except PlanFormatError as error:
        detail = str(error).split(": ", 1)[-1]  # after the place the reader names
        raise BackupError(
            f"{where}, field {error.column}: {detail}" if error.column else f"{where}: {detail}"
        ) from None
    except PlanevalError as error:
        raise BackupError(f"{where}: {error}") from None
