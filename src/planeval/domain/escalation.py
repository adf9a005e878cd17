"""Escalation of an overdue supervision item (督办事项逾期升级).

The planning office opens a supervision item (督办单) with a rectification deadline (整改时限);
until it accepts the department's rectification (销号) the item climbs levels as the deadline
recedes:

=====  ==========================================================================================
level  when (``days`` = calendar days since the deadline, on the day the check runs)
=====  ==========================================================================================
0      on or before the deadline (``days`` ≤ 0): the deadline day itself is not overdue
1      overdue (1 ≤ ``days`` ≤ ``escalation_days``): 催办, the department is reminded
2      more than ``escalation_days`` overdue (``days`` > ``escalation_days``): 通报, the item goes
       before the leadership
=====  ==========================================================================================

A closed item does not climb. Levels only rise: moving the deadline does not lower a level
already recorded, since the reminder or report it triggered has gone out.
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


def days_overdue(deadline: date, on: date) -> int:
    """Calendar days from ``deadline`` to ``on``: 0 on the deadline, negative before it."""
    return (on - deadline).days


def escalation_level(deadline: date, on: date, settings: EscalationSettings | None = None) -> Level:
    """The level an item not yet closed has reached on ``on`` (see the module docstring).

    >>> escalation_level(date(2026, 3, 31), date(2026, 4, 1))
    <Level.REMINDED: 1>
    """
    days = days_overdue(deadline, on)
    if days <= 0:
        return Level.NONE
    if days <= (settings or EscalationSettings()).escalation_days:
        return Level.REMINDED
    return Level.REPORTED


def raised_level(recorded: int, deadline: date, on: date, settings: EscalationSettings | None = None) -> Level | None:
    """The new level when the item must climb above ``recorded`` on ``on``, else None (levels
    only rise; running the check twice on a day raises nothing the second time)."""
    level = escalation_level(deadline, on, settings)
    return level if level > recorded else None
