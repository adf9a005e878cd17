"""What the entry page and the Excel template show for each indicator of a department.

One place builds the rows (current value, last approved one, whether the user may write it);
the form, the template and the upload read them and never query on their own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils.translation import gettext as _

from planeval.domain.numbers import format_number
from planeval.web.core import access, values
from planeval.web.core.models import Evidence, Indicator, ReportingRound, Value, ValueState

NUMBER_DIGITS = 6
"""Decimals shown for stored numbers (no trailing zeros)."""


@dataclass(frozen=True)
class Row:
    """One indicator of the round: its value (None before the first save), the latest approved
    value of an earlier period, and whether the user may write it now."""

    indicator: Indicator
    value: Value | None
    last: Value | None
    editable: bool
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def state(self) -> str:
        """``draft``, ``submitted``, ``approved``, ``returned``, or ``empty`` before any save."""
        return self.value.state if self.value else "empty"

    @property
    def state_label(self) -> str:
        return self.value.get_state_display() if self.value else _("not entered")

    @property
    def returned(self) -> bool:
        return self.state == ValueState.RETURNED

    @property
    def version(self) -> int:
        """The stored version; 0 before the first save, so a value saved meanwhile conflicts."""
        return self.value.version if self.value else 0

    @property
    def baseline(self) -> str:
        return format_number(self.indicator.base_value, NUMBER_DIGITS)

    @property
    def last_text(self) -> str:
        return format_number(self.last.value, NUMBER_DIGITS) if self.last else "—"

    @property
    def current_text(self) -> str:
        if self.value is None:
            return ""
        return self.value.raw or (
            format_number(self.value.value, NUMBER_DIGITS) if self.value.value is not None else ""
        )

    @property
    def files(self) -> list[tuple[int, str]]:
        """The evidence files as (id, file name)."""
        return [(item.pk, PurePath(item.file.name).name) for item in self.evidence]

    def initial(self) -> dict[str, Any]:
        """The entry form's initial data for this row."""
        return {
            "indicator": self.indicator.pk,
            "version": self.version,
            "value": self.current_text,
            "explanation": self.value.explanation if self.value else "",
        }


def department_rows(user: AbstractBaseUser | AnonymousUser, round_: ReportingRound,
                    indicators: list[Indicator]) -> list[Row]:  # fmt: skip
    """The rows of ``indicators`` in ``round_``, as ``user`` may see and write them."""
    stored = Value.objects.filter(indicator__in=indicators, period=round_.period)
    current = {v.indicator_id: v for v in stored.select_related("updated_by").prefetch_related("evidence")}
    return [
        Row(
            indicator, current.get(indicator.pk), values.last_approved(indicator, before=round_.period),
            access.may_report(user, indicator, round_, current.get(indicator.pk)),
            list(current[indicator.pk].evidence.all()) if indicator.pk in current else [],
        )
        for indicator in indicators
    ]  # fmt: skip


@dataclass(frozen=True)
class Tally:
    """How many indicators have their value in ``state`` (``empty``: none yet)."""

    state: str
    label: str
    count: int


def _tallies(counts: Counter[str], total: int) -> list[Tally]:
    empty = Tally("empty", _("not entered"), total - sum(counts.values()))
    return [empty, *(Tally(state, str(label), counts[state]) for state, label in ValueState.choices)]


def progress(round_: ReportingRound, indicators: list[Indicator]) -> list[Tally]:
    """How many of ``indicators`` have a value in each state for the round, and how many none;
    every state listed, in workflow order."""
    counts = Counter(Value.objects.filter(indicator__in=indicators, period=round_.period)
                     .values_list("state", flat=True))  # fmt: skip
    return _tallies(counts, len(indicators))


def tally(rows: list[Row]) -> list[Tally]:
    """:func:`progress` of rows already read."""
    return _tallies(Counter(row.value.state for row in rows if row.value), len(rows))
