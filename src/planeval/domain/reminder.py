"""Reminders of a reporting deadline (催报): on which days a department that has not submitted
all its values of a round is reminded.

==========  ==============================================================================
kind        days
==========  ==============================================================================
before      each of ``days_before`` days before the deadline: 7 and 1 days before, and 0 —
            the deadline day itself, when the values can still be entered
after       every ``every_after`` days after the deadline (the 3rd, 6th, 9th … day after),
            for as long as the round stays open; 0 sends none after the deadline
==========  ==============================================================================

The days are calendar days of the site's time zone. A reminder is never due before the round
opens; whether a department still owes values, and whether it was already reminded that day,
is the caller's to know.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from planeval.domain.settings import setting
from planeval.errors import PlanevalError

DAYS_BEFORE = (7, 1, 0)
EVERY_AFTER = 3


class ReminderKind(StrEnum):
    """A reminder sent while values can still be entered, or once the deadline has passed."""

    BEFORE = "before"
    AFTER = "after"


@dataclass(frozen=True)
class ReminderSchedule:
    """The days reminders are due, counted from a round's deadline.

    Raises:
        PlanevalError: a negative number of days.
    """

    days_before: tuple[int, ...] = setting(
        DAYS_BEFORE, "Days before a reporting deadline on which departments are reminded (0: the deadline day)."
    )
    every_after: int = setting(
        EVERY_AFTER, "After the deadline, a reminder every this many days while the round is open (0: none)."
    )

    def __post_init__(self) -> None:
        if any(day < 0 for day in self.days_before) or self.every_after < 0:
            raise PlanevalError(
                f"reminder days must be 0 or more, got days before {self.days_before}, every {self.every_after} after"
            )

    @classmethod
    def from_text(cls, days_before: str, every_after: str) -> ReminderSchedule:
        """The schedule written as in the environment: ``"7,1,0"`` and ``"3"``; an empty text
        keeps the default.

        Raises:
            PlanevalError: not whole numbers, or a negative one; the message quotes the text.
        """
        try:
            before = tuple(int(day) for day in days_before.split(",") if day.strip()) if days_before.strip() else None
            after = int(every_after) if every_after.strip() else None
        except ValueError:
            raise PlanevalError(
                f"reminder days: expected whole numbers such as '7,1,0' and '3', got {days_before!r}, {every_after!r}"
            ) from None
        return cls(DAYS_BEFORE if before is None else before, EVERY_AFTER if after is None else after)


def reminder_due(deadline: date, today: date, schedule: ReminderSchedule | None = None) -> ReminderKind | None:
    """The kind of reminder due on ``today`` for a round with ``deadline``, or None on a day
    without one (see the module docstring)."""
    chosen = schedule or ReminderSchedule()
    days = (deadline - today).days
    if days >= 0:
        return ReminderKind.BEFORE if days in chosen.days_before else None
    late = -days
    return ReminderKind.AFTER if chosen.every_after and late % chosen.every_after == 0 else None
