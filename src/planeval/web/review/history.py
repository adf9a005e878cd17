"""The audit trail of one value, read from django-simple-history, as rows any page can draw.

Each row is one recorded change, oldest first: when, who, what kind of change, the value and
state before (None for the first record) and after, and the reason given (the clerk's
explanation, "submitted", the reviewer's comment, …).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from planeval.domain.numbers import format_number
from planeval.web.core.models import Value, ValueState

SHOWN_DIGITS = 6  # decimals shown for a value stored without the text it was typed as


class Change(models.TextChoices):
    CREATED = "created", _("created")
    EDITED = "edited", _("edited")
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned")
    DELETED = "deleted", _("deleted")


TRANSITIONS = {
    ValueState.SUBMITTED: Change.SUBMITTED,
    ValueState.APPROVED: Change.APPROVED,
    ValueState.RETURNED: Change.RETURNED,
}


@dataclass(frozen=True)
class Snapshot:
    """A value as recorded at one moment: the number, the text as typed, and the state."""

    value: float | None
    raw: str
    state: ValueState

    @property
    def shown(self) -> str:
        """The text as typed, or the number when none was kept."""
        return self.raw or format_number(self.value, SHOWN_DIGITS)


@dataclass(frozen=True)
class HistoryRow:
    when: datetime.datetime
    who: str  # user name; "" when unknown (an import)
    change: Change
    old: Snapshot | None
    new: Snapshot
    reason: str

    @property
    def value_changed(self) -> bool:
        return self.old is None or (self.old.value, self.old.raw) != (self.new.value, self.new.raw)

    @property
    def state_changed(self) -> bool:
        return self.old is None or self.old.state != self.new.state


def _change(record: Any, old: Snapshot | None, new: Snapshot) -> Change:
    if record.history_type == "+":
        return Change.CREATED
    if record.history_type == "-":
        return Change.DELETED
    if old is not None and old.state != new.state and new.state in TRANSITIONS:
        return TRANSITIONS[new.state]
    return Change.EDITED


def value_history(value: Value) -> list[HistoryRow]:
    """Every recorded change of ``value``, oldest first."""
    records = value.history.select_related("history_user", "updated_by").order_by("history_date", "history_id")
    rows: list[HistoryRow] = []
    old: Snapshot | None = None
    for record in records:
        new = Snapshot(record.value, record.raw, ValueState(record.state))
        user = record.history_user or record.updated_by  # the request's user, else the service's
        who = user.get_username() if user else ""
        rows.append(HistoryRow(record.history_date, who, _change(record, old, new), old, new,
                               record.history_change_reason or ""))  # fmt: skip
        old = new
    return rows
