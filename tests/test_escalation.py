"""Escalation levels of overdue supervision items, at the boundaries, with hand-computed dates."""

from datetime import date

import pytest

from planeval.domain.escalation import (
    ESCALATION_DAYS,
    EscalationSettings,
    Level,
    days_overdue,
    escalation_level,
    overdue_since,
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
    assert raised_level(0, DEADLINE, on, awaits_department=True) is Level.REMINDED
    assert raised_level(1, DEADLINE, on, awaits_department=True) is None  # already there: nothing to do twice
    assert raised_level(2, DEADLINE, on, awaits_department=True) is None  # a recorded report is not taken back
    assert raised_level(0, DEADLINE, DEADLINE, awaits_department=True) is None


def test_it_does_not_raise_an_item_waiting_on_the_office():
    # answered on time, not yet verified: 16 days past the deadline would be level 2
    assert raised_level(0, DEADLINE, date(2026, 4, 16), awaits_department=False) is None
    assert raised_level(1, DEADLINE, date(2026, 4, 16), awaits_department=False) is None


RETURNED = date(2026, 4, 10)  # answered on 30 March, sent back on 10 April, after the deadline


@pytest.mark.parametrize(
    ("on", "days", "level"),
    [
        (RETURNED, 0, Level.NONE),  # the day it came back is like a deadline day
        (date(2026, 4, 11), 1, Level.REMINDED),  # not 11 days overdue, 1
        (date(2026, 4, 25), 15, Level.REMINDED),  # 10 April + 15 days
        (date(2026, 4, 26), 16, Level.REPORTED),  # 10 April + 15 + 1 days (from the deadline: 16 April)
    ],
)
def test_it_counts_an_item_sent_back_after_the_deadline_from_the_day_it_came_back(on, days, level):
    assert overdue_since(DEADLINE, RETURNED) == RETURNED
    assert days_overdue(DEADLINE, on, RETURNED) == days
    assert escalation_level(DEADLINE, on, returned_on=RETURNED) is level
    assert raised_level(0, DEADLINE, on, awaits_department=True, returned_on=RETURNED) is (
        None if level is Level.NONE else level
    )


@pytest.mark.parametrize("returned", [date(2026, 3, 20), DEADLINE])
def test_it_counts_an_item_sent_back_by_the_deadline_from_the_deadline(returned):
    # sent back on 20 March or on the deadline day: the deadline still stands
    assert overdue_since(DEADLINE, returned) == DEADLINE
    assert days_overdue(DEADLINE, date(2026, 4, 1), returned) == 1
    assert escalation_level(DEADLINE, date(2026, 4, 16), returned_on=returned) is Level.REPORTED  # 15 + 1 days


@pytest.mark.parametrize("days", [-1, 367, 1.5, True])
def test_it_refuses_a_number_of_days_that_is_not_a_whole_number_within_a_year(days):
    with pytest.raises(PlanevalError, match="escalation_days"):
        EscalationSettings(escalation_days=days)
