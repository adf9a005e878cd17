"""Escalation levels of overdue supervision items, at the boundaries, with hand-computed dates."""

from datetime import date

import pytest

from planeval.domain.escalation import (
    ESCALATION_DAYS,
    EscalationSettings,
    Level,
    days_overdue,
    escalation_level,
    raised_level,
)
from planeval.errors import PlanevalError

DEADLINE = date(2026, 3, 31)


@pytest.mark.parametrize(
    ("on", "days", "level"),
    [
        (date(2026, 3, 1), -30, Level.NONE),
        (DEADLINE, 0, Level.NONE),  # the deadline day itself is not overdue
        (date(2026, 4, 1), 1, Level.REMINDED),  # the day after
        (date(2026, 4, 15), 15, Level.REMINDED),  # 31 March + 15 days = 15 April: still level 1
        (date(2026, 4, 16), 16, Level.REPORTED),  # 31 March + 15 + 1 days
        (date(2027, 1, 1), 276, Level.REPORTED),  # April–December: 30+31+30+31+31+30+31+30+31 = 275, +1
    ],
)
def test_it_raises_the_level_the_day_after_the_deadline_and_again_after_n_days(on, days, level):
    assert ESCALATION_DAYS == 15
    assert days_overdue(DEADLINE, on) == days
    assert escalation_level(DEADLINE, on) is level


def test_it_counts_calendar_days_across_a_leap_day():
    # 2028 is a leap year: 28 Feb + 3 days = 29 Feb, 1 Mar, 2 Mar
    assert days_overdue(date(2028, 2, 28), date(2028, 3, 2)) == 3
    settings = EscalationSettings(escalation_days=2)
    assert escalation_level(date(2028, 2, 28), date(2028, 3, 1), settings) is Level.REMINDED  # 2 days
    assert escalation_level(date(2028, 2, 28), date(2028, 3, 2), settings) is Level.REPORTED  # 3 days


def test_it_reports_at_once_with_no_days_at_the_first_level():
    settings = EscalationSettings(escalation_days=0)
    assert escalation_level(DEADLINE, DEADLINE, settings) is Level.NONE
    assert escalation_level(DEADLINE, date(2026, 4, 1), settings) is Level.REPORTED


def test_it_only_raises():
    on = date(2026, 4, 5)  # 5 days overdue: level 1
    assert raised_level(0, DEADLINE, on) is Level.REMINDED
    assert raised_level(1, DEADLINE, on) is None  # already there: nothing to do the second time
    assert raised_level(2, DEADLINE, on) is None  # a recorded report is not taken back
    assert raised_level(0, DEADLINE, DEADLINE) is None


@pytest.mark.parametrize("days", [-1, 367, 1.5, True])
def test_it_refuses_a_number_of_days_that_is_not_a_whole_number_within_a_year(days):
    with pytest.raises(PlanevalError, match="escalation_days"):
        EscalationSettings(escalation_days=days)
