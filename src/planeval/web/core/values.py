"""Reported values: validation and the workflow, shared by the form, the Excel upload and the API.

Every write goes through here, so the rules are the same whichever way a value arrives:

- the text must be a number (full-width digits, ``1,020.5``, ``5.5%``, ``85.3（初步核算）``
  accepted; see :func:`planeval.domain.numbers.read_number`); a unit typed with it is converted
  to the indicator's (``1,050,000人`` is 105 for an indicator in 万人), one that does not
  convert is refused;
- a value 100× or 10,000× (or 1/100, 1/10,000) the last approved one is questioned: the unit
  was probably wrong (万 against 亿, % against ‰) — the clerk must confirm with an explanation;
- a change against the last approved value beyond
  :data:`planeval.domain.plausibility.JUMP_THRESHOLD` needs an explanation;
- only who :func:`planeval.web.core.access.may_report` allows may write, and not an approved value;
- ``version`` is the version the clerk's page was made from: a save from an older one is a
  :class:`Conflict`; the value saved meanwhile is kept, the refused save writes nothing (not
  even a history record: the history holds what the value was), and the caller hands the
  refused text back to its author to save again.

Every write checks in one order: who may (PermissionDenied), then the value's state
(:class:`WrongState`), then the version (:class:`Conflict`). A Conflict carries the current
value, so it is raised only to a user the first check let through: one who may change the value,
and so may see it. Callers that answer 404 for a value the user may not see
(:func:`planeval.web.core.access.may_see`) ask that before calling here.

State changes: draft → submitted (:func:`submit`) → approved (:func:`approve`) or returned with
a comment (:func:`send_back`) → draft again on the next save.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from planeval.domain.numbers import in_unit, read_number
from planeval.domain.plausibility import JUMP_THRESHOLD, SCALE_FACTORS, SCALE_SLACK
from planeval.errors import NumberError
from planeval.web.core.access import REVIEWERS, may_report, require
from planeval.web.core.models import Indicator, ReportingRound, Value, ValueState


class InvalidValue(Exception):
    """A value that cannot be saved as given; ``field`` names the form field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


class WrongState(PermissionDenied):
    """The value is not in the state the step needs (approving a draft, returning an approved
    value): a refusal like any other on the pages (403), a conflict for API clients (409)."""


class Conflict(Exception):
    """The value changed since the page was made; ``current`` is the value saved meanwhile."""

    def __init__(self, current: Value):
        super().__init__(_("This value was changed by %(user)s meanwhile; reload to see it.")
                         % {"user": current.updated_by or "?"})  # fmt: skip
        self.current = current


@dataclass(frozen=True)
class Check:
    """What validation found: the number read, and a warning that needs an explanation."""

    value: float | None
    warning: str = ""


def last_approved(indicator: Indicator, before: str | None = None) -> Value | None:
    """The latest approved value of ``indicator`` (other than for period ``before``)."""
    values = Value.objects.filter(indicator=indicator, state=ValueState.APPROVED, value__isnull=False)
    if before:
        values = values.exclude(period=before)
    return max(values, key=lambda v: v.period, default=None)


def number_of(indicator: Indicator, raw: str) -> float | None:
    """The value ``raw`` gives, in ``indicator``'s unit; None for an empty or missing mark.

    Raises:
        InvalidValue: not a number, or in a unit that does not convert to the indicator's.
    """
    try:
        return in_unit(read_number(raw), indicator.unit)
    except NumberError as error:
        raise InvalidValue("value", str(error)) from None


def check(indicator: Indicator, period: str, raw: str) -> Check:
    """Read and check ``raw`` for ``indicator`` and ``period`` (see the module docstring).

    Raises:
        InvalidValue: not a number, or in a unit that does not convert to the indicator's.
    """
    number = number_of(indicator, raw)
    previous = last_approved(indicator, before=period)
    if number is None or previous is None or not previous.value:
        return Check(number)
    ratio = abs(number / previous.value)
    facts = {"last": f"{previous.value:g}", "period": previous.period}
    for factor in SCALE_FACTORS:
        for scaled in (factor, 1 / factor):
            if ratio and abs(ratio / scaled - 1) <= SCALE_SLACK:
                message = _("%(ratio)s× the last approved value %(last)s (%(period)s): check the unit.")
                return Check(number, message % {"ratio": f"{ratio:g}", **facts})
    if abs(number - previous.value) / abs(previous.value) > JUMP_THRESHOLD:
        message = _("A change of more than %(share)s against %(last)s (%(period)s) needs an explanation.")
        return Check(number, message % {"share": f"{JUMP_THRESHOLD:.0%}", **facts})
    return Check(number)


@transaction.atomic
def save(user: AbstractBaseUser | AnonymousUser, indicator: Indicator, round_: ReportingRound, raw: str,
         explanation: str = "", version: int | None = None) -> Value:  # fmt: skip
    """Save a draft of ``indicator``'s value for ``round_``.

    Raises:
        PermissionDenied: the user may not write this value (another department, round closed,
            value approved).
        InvalidValue: not a number, or a warning (unit, jump) without an explanation.
        Conflict: ``version`` is older than the stored value's.
    """
    current = Value.objects.select_for_update().filter(indicator=indicator, period=round_.period).first()
    if not may_report(user, indicator, round_, current):
        raise PermissionDenied
    if current is not None and version is not None and version != current.version:
        raise Conflict(current)
    checked = check(indicator, round_.period, raw)
    if checked.warning and not explanation.strip():
        raise InvalidValue("explanation", checked.warning)
    value = current or Value(indicator=indicator, period=round_.period, round=round_)
    value.value, value.raw, value.explanation = checked.value, raw.strip(), explanation.strip()
    value.state, value.updated_by = ValueState.DRAFT, user  # type: ignore[assignment]
    value.version = (current.version + 1) if current else 1
    value._change_reason = explanation.strip() or _("saved")  # type: ignore[attr-defined]
    value.save()
    return value


def _locked(value: Value) -> Value:
    """The value as stored, locked until the transaction ends."""
    return Value.objects.select_for_update().get(pk=value.pk)


def _as_seen(value: Value, seen: int | None) -> Value:
    """``value``; Conflict when it moved on from the version ``seen`` (None: not checked).
    Called last, once the user is known to be allowed to change ``value``, which the Conflict shows."""
    if seen is not None and seen != value.version:
        raise Conflict(value)
    return value


def _transition(value: Value, user: AbstractBaseUser | AnonymousUser, state: str, reason: str) -> Value:
    value.state, value.updated_by = state, user  # type: ignore[assignment]
    value.version += 1
    value._change_reason = reason  # type: ignore[attr-defined]
    value.save(update_fields=["state", "updated_by", "version", "review_comment", "updated_at"])
    return value


@transaction.atomic
def submit(user: AbstractBaseUser | AnonymousUser, value: Value, seen: int | None = None) -> Value:
    """Submit a draft (or a returned value) for review. ``seen``: the version the user saw.

    Raises:
        PermissionDenied: the user may not write this value (checked first).
        WrongState: the value is already submitted.
        Conflict: the value changed since the version ``seen``.
        InvalidValue: an empty value.
    """
    value = _locked(value)
    if value.round is None or not may_report(user, value.indicator, value.round, value):
        raise PermissionDenied
    if value.state == ValueState.SUBMITTED:
        raise WrongState(_("This value is already submitted."))
    value = _as_seen(value, seen)
    if value.value is None:
        raise InvalidValue("value", _("An empty value cannot be submitted."))
    return _transition(value, user, ValueState.SUBMITTED, _("submitted"))


@transaction.atomic
def approve(user: AbstractBaseUser | AnonymousUser, value: Value, seen: int | None = None) -> Value:
    """Approve a submitted value, which locks it. ``seen``: the version the reviewer saw.
    Raises, in this order: PermissionDenied (not a reviewer or planner); WrongState (the value is
    not submitted); Conflict (the value changed since ``seen``)."""
    require(user, REVIEWERS)
    value = _locked(value)
    if value.state != ValueState.SUBMITTED:
        raise WrongState(_("Only a submitted value can be approved."))
    value = _as_seen(value, seen)
    value.review_comment = ""
    return _transition(value, user, ValueState.APPROVED, _("approved"))


@transaction.atomic
def send_back(user: AbstractBaseUser | AnonymousUser, value: Value, comment: str, seen: int | None = None) -> Value:
    """Return a submitted value to its department with a comment it will see.

    Raises:
        PermissionDenied: not a reviewer or planner (checked first).
        InvalidValue: no comment.
        WrongState: the value is not submitted.
        Conflict: the value changed since the version ``seen``.
    """
    require(user, REVIEWERS)
    if not comment.strip():
        raise InvalidValue("comment", _("Say why the value is returned."))
    value = _locked(value)
    if value.state != ValueState.SUBMITTED:
        raise WrongState(_("Only a submitted value can be returned."))
    value = _as_seen(value, seen)
    value.review_comment = comment.strip()
    return _transition(value, user, ValueState.RETURNED, comment.strip())
