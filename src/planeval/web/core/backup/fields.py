"""One field of a row of a plan file, checked as its model field defines it (see
:mod:`.checks` for the rows): a checker is made once per field and called for every row.

A value must be of the JSON type the field takes (:data:`TYPES`; text for any other field, a
date or a moment with its UTC offset as ISO 8601 text, a row named by text), ``null`` only where
the field may be empty, and then pass the field's own validation (choices, length, range, a
slug's characters); text holds no NUL character (PostgreSQL refuses it). A file's path is
relative to the media folder, inside the folder the field uploads to, without ``..``. Text the
domain reads (:data:`READINGS`) must read.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import functools
import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    Field,
    FloatField,
    IntegerField,
    Model,
    TextField,
)
from django.db.models.fields.files import FileField

from planeval.domain.numbers import read_number
from planeval.domain.period import parse_period
from planeval.errors import PlanevalError
from planeval.web.core.backup.format import NAME_SEPARATOR, named_by
from planeval.web.core.models import ReportingRound, Value

NAME_LENGTH = 40
"""Characters of a value quoted in a message at most."""
READ_CACHE = 4096
"""Texts each reader keeps the reading of: periods and numbers repeat from row to row."""

TYPES: tuple[tuple[type[Field], tuple[type, ...], str], ...] = (
    (BooleanField, (bool,), "true or false"),
    (IntegerField, (int,), "a whole number"),
    (FloatField, (int, float), "a number"),
)
"""The JSON types a field of a kind takes, and how a message says them."""

READINGS: dict[type[Model], dict[str, Callable[[str], object]]] = {
    ReportingRound: {"period": functools.lru_cache(READ_CACHE)(parse_period)},
    Value: {
        "period": functools.lru_cache(READ_CACHE)(parse_period),
        "raw": functools.lru_cache(READ_CACHE)(read_number),
    },
}
"""Text fields the domain reads, per model (its history records too), with the reader that
raises a :class:`~planeval.errors.PlanevalError` for text it cannot read."""

Names = dict[type[Model], set[str]]
"""The names the file gives the rows others refer to, per model (users by username)."""
Checker = Callable[[Any], None]
"""Checks one value; raises :class:`Bad`."""


class Bad(Exception):
    """A value that fails its field's check: the field and what is wrong with it."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def shown(value: Any) -> str:
    """What the JSON holds, for a message: ``text 'abc'``, ``the number 5``, ``true``, ``a list``."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int | float):
        return f"the number {quoted(value)}"
    if isinstance(value, str):
        return f"text {quoted(value)!r}"
    return "a list" if isinstance(value, list) else "an object"


def quoted(value: Any) -> str:
    """``value`` as text, cut to :data:`NAME_LENGTH` characters."""
    text = str(value)
    return text if len(text) <= NAME_LENGTH else text[: NAME_LENGTH - 1] + "…"


def checker(model: type[Model], model_field: Field, names: Names, file: FileField | None = None) -> Checker:
    """The check of a value of ``model_field`` of a row of ``model`` (a history record takes its
    row's model and fields); ``file``: the file field whose name the field holds, if any."""
    name = model_field.name
    if model_field.is_relation:
        inner = functools.partial(_reference, model_field, names)
    elif file is not None or isinstance(model_field, FileField):
        inner = functools.partial(path, file or model_field, name=name)  # type: ignore[arg-type]
    elif isinstance(model_field, DateField):
        inner = functools.partial(_moment, model_field)
    else:
        inner = _plain(model_field)
    reader = READINGS.get(model, {}).get(name)

    def check(value: Any) -> None:
        if value is None:
            if model_field.null:
                return
            raise Bad(name, "is null; a value is required")
        inner(value)
        if reader is not None:
            try:
                reader(value)
            except PlanevalError as error:
                raise Bad(name, str(error)) from None

    return check


def _reference(model_field: Field, names: Names, value: Any) -> None:
    model = model_field.related_model
    if isinstance(value, str) and value in names.get(model, ()):  # type: ignore[call-overload]
        return
    what, many = str(model._meta.verbose_name), str(model._meta.verbose_name_plural)  # type: ignore[union-attr]
    if not isinstance(value, str):
        raise Bad(model_field.name, f"a {what} is named by text, not {shown(value)}")
    fields = NAME_SEPARATOR.join(named_by(model))  # type: ignore[arg-type]
    raise Bad(model_field.name, f"names {what} {value!r} ({fields}), which is not among the file's {many}")


def _plain(model_field: Field) -> Checker:
    """The check of a field that is neither a reference, a file nor a date."""
    expected, what = (str,), "text"
    for kind, types, said in TYPES:
        if isinstance(model_field, kind):
            expected, what = types, said
            break
    name, blank = model_field.name, model_field.blank
    # text with no rule but its length: checked here; any other value by the field itself
    length = getattr(model_field, "max_length", None)
    simple = isinstance(model_field, CharField | TextField) and not model_field.choices and all(
        isinstance(v, MaxLengthValidator) for v in model_field.validators)  # fmt: skip

    def check(value: Any) -> None:
        if not isinstance(value, expected) or (isinstance(value, bool) and bool not in expected):
            raise Bad(name, f"{what} was expected, not {shown(value)}")
        if isinstance(value, str) and "\x00" in value:
            raise Bad(name, "holds a NUL character")
        if simple and (value or blank) and (length is None or len(value) <= length):
            return
        try:
            model_field.clean(value, None)
        except ValidationError as error:
            raise Bad(name, " ".join(error.messages)) from None

    return check


def _moment(model_field: DateField, value: Any) -> None:
    moment = isinstance(model_field, DateTimeField)
    try:
        if not isinstance(value, str):
            raise ValueError
        if moment:
            if datetime.datetime.fromisoformat(value).tzinfo is None:
                raise ValueError
        elif len(value) != len("2025-03-01"):
            raise ValueError
        else:
            datetime.date.fromisoformat(value)
    except ValueError:
        expected = "a moment in ISO 8601 with its UTC offset (2025-03-01T08:00:00+00:00)" if moment else \
            "a date in ISO 8601 (2025-03-01)"  # fmt: skip
        raise Bad(model_field.name, f"{expected} was expected, not {shown(value)}") from None


def path(model_field: FileField, value: Any, name: str = "") -> None:
    """Check a file's name in the media folder (``""`` where the field may be empty): relative,
    inside the folder the field uploads to (``evidence/…``), without ``..``, not too long.

    Raises:
        Bad: naming ``name`` (the field's name by default).
    """
    name = name or model_field.name
    if not isinstance(value, str):
        raise Bad(name, f"a file's path (text) was expected, not {shown(value)}")
    if not value:
        if model_field.blank:
            return
        raise Bad(name, "is empty; a file's path is required")
    folder = str(model_field.upload_to).split("/")[0] if isinstance(model_field.upload_to, str) else ""
    parts = value.split("/")
    if any(part in ("", ".", "..") for part in parts) or "\\" in value or "\x00" in value or \
            (folder and (len(parts) < 2 or parts[0] != folder)):  # fmt: skip
        inside = f" inside {folder}/" if folder else ""
        raise Bad(name, f"{quoted(value)!r} is not a file's path{inside} in the media folder")
    if model_field.max_length and len(value) > model_field.max_length:
        raise Bad(name, f"the path is longer than {model_field.max_length} characters")


def content(name: str, value: Any) -> None:
    """Check a file's bytes as the file writes them: base64 text.

    Raises:
        Bad: naming ``name``.
    """
    if not isinstance(value, str):
        raise Bad(name, f"the file's bytes in base64 (text) were expected, not {shown(value)}")
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise Bad(name, "the file's content is not base64") from None
