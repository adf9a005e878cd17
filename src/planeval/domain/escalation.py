"""Escalation of an overdue supervision item (督办事项逾期升级).

The planning office opens a supervision item (督办单) with a rectification deadline (整改时限).
While the item waits on the department — open, or sent back by the office — and the deadline has
passed, the item climbs levels:

=====  ==========================================================================================
level  when (``days`` = calendar days since the item became the department's to answer late, on
       the day the check runs; see :func:`overdue_since`)
=====  ==========================================================================================
0      ``days`` ≤ 0: on or before the deadline (the deadline day itself is not overdue)
1      overdue (1 ≤ ``days`` ≤ ``escalation_days``): 催办, the department is reminded
2      more than ``escalation_days`` overdue (``days`` > ``escalation_days``): 通报, the item goes
       before the leadership
=====  ==========================================================================================

Days are counted from the deadline, except for an item the office sent back after the deadline
had passed: its days count from the day it was sent back (that day is like a deadline day, not
overdue), since until then the department's answer was with the office. Worked example: deadline
31 March, answered 30 March, sent back 10 April → level 1 on 11 April, level 2 on
10 April + 15 + 1 days = 26 April (not on 1 and 16 April).

An item waiting on the office (answered, not yet verified) does not climb, nor does a closed one:
the department has done its part for now. Levels only rise: moving the deadline, answering or a
return do not lower a level already recorded, since the reminder or report it triggered has gone
out. Source: the escalation ladder (催办, then 通报) of the offices' supervision rules; the counting
from the return is a design choice so that the office's own time is not held against the department.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from planeval.domain.settings import check_limits, setting
from planeval.errors import PlanevalError

ESCALATION_DAYS = 15
ESCALATION_LIMITS = {"escalation_days": 366.0}
"""An item may wait at most a year at the first level before it is reported."""


class Level(IntEnum):
    """How far an item has been escalated."""

    NONE = 0
    REMINDED = 1  # 催办
    REPORTED = 2  # 通报


@dataclass(frozen=True)
class EscalationSettings:
    """When an overdue supervision item moves to the second level.

    Raises:
        PlanevalError: ``escalation_days`` not a whole number from 0 to 366.
    """

    escalation_days: int = setting(
        ESCALATION_DAYS,
        "Calendar days past the rectification deadline (整改时限) an item may stay at level 1 "
        "(催办); from the next day it is level 2 (通报). 15 (about three working weeks) is a "
        "design choice: offices set their own in their supervision rules.",
    )

    def __post_init__(self) -> None:
        if isinstance(self.escalation_days, bool) or not isinstance(self.escalation_days, int):
            raise PlanevalError(
                f"setting escalation_days: expected a whole number of days, got {self.escalation_days!r}"
            )
        check_limits(self, ESCALATION_LIMITS)


def overdue_since(deadline: date, returned_on: date | None = None) -> date:
    """The day an item waiting on the department counts its overdue days from: the deadline, or
    ``returned_on`` — the day the office last sent the answer back — when that came later.

    >>> overdue_since(date(2026, 3, 31), date(2026, 4, 10))
    datetime.date(2026, 4, 10)
    """
    return returned_on if returned_on is not None and returned_on > deadline else deadline


def days_overdue(deadline: date, on: date, returned_on: date | None = None) -> int:
    """Calendar days from :func:`overdue_since` to ``on``: 0 on that day, negative before it."""
    return (on - overdue_since(deadline, returned_on)).days


def escalation_level(
    deadline: date, on: date, settings: EscalationSettings | None = None, returned_on: date | None = None
) -> Level:
    """The level an item waiting on the department has reached on ``on`` (see the module
    docstring).

    >>> escalation_level(date(2026, 3, 31), date(2026, 4, 1))
    <Level.REMINDED: 1>
    """
    days = days_overdue(deadline, on, returned_on)
    if days <= 0:
        return Level.NONE
    if days <= (settings or EscalationSettings()).escalation_days:
        return Level.REMINDED
    return Level.REPORTED


def raised_level(
    recorded: int,
    deadline: date,
    on: date,
    settings: EscalationSettings | None = None,
    *,
    awaits_department: bool,
    returned_on: date | None = None,
) -> Level | None:
    """The new level when the item must climb above ``recorded`` on ``on``, else None: always
    None for an item not waiting on the department (``awaits_department`` False: answered or
    closed). Levels only rise; running the check twice on a day raises nothing the second time."""
    if not awaits_department:
        return None
    level = escalation_level(deadline, on, settings, returned_on)
    return level if level > recorded else None
