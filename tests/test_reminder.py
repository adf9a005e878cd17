"""The days reminders of a reporting deadline are due on, counted by hand from the deadline."""

from datetime import date, timedelta

import pytest

from planeval.domain.reminder import ReminderKind, ReminderSchedule, reminder_due
from planeval.domain.settings import describe_settings
from planeval.errors import PlanevalError

DEADLINE = date(2025, 3, 31)
B, A = ReminderKind.BEFORE, ReminderKind.AFTER


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (date(2025, 3, 23), None),  # 8 days before
        (date(2025, 3, 24), B),  # 7 days before
        (date(2025, 3, 25), None),
        (date(2025, 3, 30), B),  # 1 day before
        (DEADLINE, B),  # the deadline day
        (date(2025, 4, 1), None),  # 1 day after
        (date(2025, 4, 2), None),
        (date(2025, 4, 3), A),  # 3 days after
        (date(2025, 4, 4), None),
        (date(2025, 4, 6), A),  # 6 days after
        (date(2025, 4, 30), A),  # 30 days after: still every 3rd day
    ],
)
def test_it_reminds_on_the_days_before_and_every_third_day_after(today, kind):
    assert reminder_due(DEADLINE, today) is kind


def test_it_counts_calendar_days_across_a_month_and_a_leap_day():
    # 2024-02-29 exists: 7 days before 2024-03-03 is 2024-02-25
    assert reminder_due(date(2024, 3, 3), date(2024, 2, 25)) is B
    assert reminder_due(date(2024, 3, 3), date(2024, 2, 26)) is None


def test_it_follows_the_days_set():
    schedule = ReminderSchedule.from_text("10, 2", "5")
    assert schedule == ReminderSchedule((10, 2), 5)
    due = [d for d in range(-12, 12) if reminder_due(DEADLINE, DEADLINE - timedelta(days=d), schedule)]
    assert due == [-10, -5, 2, 10]  # 10 and 5 days after, 2 and 10 before; not the deadline day


def test_it_sends_nothing_after_the_deadline_when_every_after_is_0():
    schedule = ReminderSchedule(every_after=0)
    assert [reminder_due(DEADLINE, DEADLINE + timedelta(days=d), schedule) for d in (1, 3, 6)] == [None] * 3


def test_it_keeps_the_defaults_for_empty_texts():
    assert ReminderSchedule.from_text("", " ") == ReminderSchedule() == ReminderSchedule((7, 1, 0), 3)


@pytest.mark.parametrize(("before", "after"), [("7,x", "3"), ("7", "every"), ("-1", "3"), ("7", "-3")])
def test_it_refuses_days_that_are_not_whole_numbers_of_at_least_0(before, after):
    with pytest.raises(PlanevalError, match="reminder days"):
        ReminderSchedule.from_text(before, after)


def test_it_describes_its_settings():
    assert [(name, default) for name, default, _ in describe_settings(ReminderSchedule)] == [
        ("days_before", (7, 1, 0)),
        ("every_after", 3),
    ]
