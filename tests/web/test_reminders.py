"""Reminders of a reporting deadline by e-mail: the days they go out (counted by hand from the
world's deadline), who gets them, the text, and never twice a day."""

from __future__ import annotations

import datetime
import smtplib
from io import StringIO
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from planeval.web.core.models import Department, Membership, Role, Value
from planeval.web.reminders.models import Reminder

DAY = datetime.timedelta(days=1)


@pytest.fixture
def reporters(world, personas):
    """The two clerks with addresses, a second clerk of 甲局, and one of 乙局 without an address."""
    users = get_user_model().objects
    users.filter(username="clerk_a").update(email="a1@example.cn")
    users.filter(username="clerk_b").update(email="b1@example.cn")
    second = users.create_user("clerk_a2", email="a2@example.cn")
    Membership.objects.create(user=second, role=Role.REPORTER, department=world.department_a)
    silent = users.create_user("clerk_b2")
    Membership.objects.create(user=silent, role=Role.REPORTER, department=world.department_b)
    return world


def _on(day: datetime.date):
    """The clock at noon of ``day`` in the site's time zone: the command refuses a later day."""
    noon = datetime.datetime.combine(day, datetime.time(12), tzinfo=ZoneInfo(settings.TIME_ZONE))
    return time_machine.travel(noon, tick=False)


def _run(day: datetime.date, *options: str) -> str:
    """The command's output for ``day``, run on that day."""
    out = StringIO()
    with _on(day):
        call_command("send_reminders", "--today", day.isoformat(), *options, stdout=out, stderr=StringIO())
    return out.getvalue()


def _sent(world) -> list[tuple[str, str]]:
    return sorted((r.department.name, r.kind) for r in Reminder.objects.filter(round=world.round))


@pytest.mark.parametrize(
    ("days", "kind"),
    [
        (-8, None),
        (-7, "before"),
        (-6, None),
        (-2, None),
        (-1, "before"),
        (0, "before"),  # the deadline day
        (1, None),
        (2, None),
        (3, "after"),
        (4, None),
        (6, "after"),
    ],
)
def test_it_reminds_on_the_days_around_the_deadline(reporters, days, kind):
    _run(reporters.round.deadline + days * DAY)
    expected = [] if kind is None else [("乙局", kind), ("甲局", kind)]
    assert _sent(reporters) == expected
    assert len(mail.outbox) == len(expected)


def test_it_writes_to_every_reporter_of_the_department_with_an_address(reporters):
    _run(reporters.round.deadline - 7 * DAY)
    to = sorted(message.to for message in mail.outbox)
    assert to == [["a1@example.cn", "a2@example.cn"], ["b1@example.cn"]]
    assert Reminder.objects.get(department=reporters.department_a).recipients == "a1@example.cn\na2@example.cn"


def test_it_does_not_remind_a_department_that_has_submitted_everything(reporters):
    Value.objects.create(indicator=reporters.indicator_a, period="2022", value=44, raw="44", state="submitted")
    Value.objects.create(indicator=reporters.indicator_b, period="2022", value=5, raw="5", state="returned")
    _run(reporters.round.deadline - DAY)
    assert _sent(reporters) == [("乙局", "before")]  # 甲局's only value is submitted; 乙局's was returned


def test_it_counts_an_approved_value_as_submitted_and_a_draft_as_not(reporters):
    Value.objects.create(indicator=reporters.indicator_a, period="2022", value=44, raw="44", state="approved")
    Value.objects.create(indicator=reporters.indicator_b, period="2022", value=5, raw="5", state="draft")
    _run(reporters.round.deadline)
    assert _sent(reporters) == [("乙局", "before")]


def test_it_sends_no_reminder_twice_on_the_same_day(reporters):
    day = reporters.round.deadline + 3 * DAY
    _run(day)
    second = _run(day)
    assert len(mail.outbox) == 2 and Reminder.objects.count() == 2
    assert "甲局: already sent" in second


def test_it_reminds_again_on_the_next_scheduled_day(reporters):
    deadline = reporters.round.deadline
    for days in (3, 4, 5, 6):
        _run(deadline + days * DAY)
    assert sorted(r.day for r in Reminder.objects.filter(department=reporters.department_a)) == [
        deadline + 3 * DAY,
        deadline + 6 * DAY,
    ]
    assert len(mail.outbox) == 4


def test_it_writes_the_plan_period_deadline_missing_indicators_and_link_in_chinese(reporters, settings):
    settings.SITE_URL = "https://plan.example.cn/"
    Value.objects.create(indicator=reporters.indicator_a, period="2022", value=44, raw="44", state="returned")
    deadline = reporters.round.deadline
    _run(deadline - 7 * DAY)
    (message,) = [m for m in mail.outbox if m.to == ["a1@example.cn", "a2@example.cn"]]
    assert message.subject == f"【催报】合成规划 2022年数据请于{deadline.isoformat()}前报送"
    assert message.body.splitlines()[:5] == [
        "甲局：",
        "",
        f"《合成规划》2022年数据报送截止日期为{deadline.isoformat()}（还有 7 天），贵单位尚有以下 1 项指标未报送：",
        "  1. A1 合成指标甲（已退回，待修改）",
        "",
    ]
    assert "https://plan.example.cn/plans/synthetic/rounds/2022/" in message.body


def test_it_says_how_late_after_the_deadline(reporters):
    deadline = reporters.round.deadline
    _run(deadline + 6 * DAY)
    message = next(m for m in mail.outbox if m.to == ["b1@example.cn"])
    assert message.subject == f"【逾期】合成规划 2022年数据已过报送截止日期{deadline.isoformat()}"
    assert f"截止日期{deadline.isoformat()}已过（已逾期 6 天）" in message.body
    assert "  1. B1 合成指标乙（未填报）" in message.body


def test_it_leaves_no_record_when_the_mail_server_fails_and_tries_again_next_run(reporters):
    day = reporters.round.deadline - DAY
    failing = mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=smtplib.SMTPServerDisconnected("gone"),
    )
    with failing, pytest.raises(CommandError, match="2 reminder"):
        _run(day)
    assert Reminder.objects.count() == 0 and mail.outbox == []
    _run(day)
    assert Reminder.objects.count() == 2 and len(mail.outbox) == 2


@pytest.mark.parametrize("verbosity", ["0", "1"])
def test_it_reports_a_department_nobody_can_be_reminded_in_and_fails(reporters, verbosity):
    get_user_model().objects.filter(username="clerk_b").update(email="")  # 乙局's reporters have no address
    out, err = StringIO(), StringIO()
    with _on(reporters.round.deadline), pytest.raises(CommandError) as refused:
        call_command("send_reminders", "-v", verbosity, stdout=out, stderr=err)
    assert refused.value.returncode == 1  # cron mails the operator
    assert str(refused.value) == (
        "1 department(s) could not be reminded: no reporter with an e-mail address (give a reporter of each an "
        "e-mail address)"
    )
    assert err.getvalue() == f"{reporters.round.deadline} synthetic 2022 乙局: no reporter with an e-mail address\n"
    assert _sent(reporters) == [("甲局", "before")]  # the others are reminded all the same
    assert (out.getvalue() == "") is (verbosity == "0")


def test_it_refuses_a_day_after_today(reporters):
    tomorrow = datetime.date.today() + DAY
    with pytest.raises(CommandError) as refused:
        call_command("send_reminders", "--today", tomorrow.isoformat(), stdout=StringIO())
    assert refused.value.returncode == 2
    assert str(refused.value).startswith(f"--today {tomorrow} is after today") and "\n" not in str(refused.value)
    assert Reminder.objects.count() == 0 and mail.outbox == []


def test_it_shows_what_a_later_day_would_send_without_sending_or_recording(reporters):
    day = reporters.round.deadline - 7 * DAY  # 3 days from now
    out = StringIO()
    call_command("send_reminders", "--today", day.isoformat(), "--dry-run", stdout=out)
    assert out.getvalue().splitlines() == [
        f"{day} synthetic 2022 乙局: would be sent → b1@example.cn",
        f"{day} synthetic 2022 甲局: would be sent → a1@example.cn, a2@example.cn",
        f"{day}: 2 reminder(s) would be sent; nothing was sent or recorded",
    ]
    assert Reminder.objects.count() == 0 and mail.outbox == []
    _run(day)  # the real run of that day is not blocked
    assert _sent(reporters) == [("乙局", "before"), ("甲局", "before")]


def test_it_reminds_nothing_of_a_closed_round_or_one_not_yet_open(reporters):
    the_round = reporters.round
    the_round.state = "closed"
    the_round.save()
    _run(the_round.deadline + 3 * DAY)
    the_round.state, the_round.opens = "open", the_round.deadline - 5 * DAY
    the_round.save()
    _run(the_round.deadline - 7 * DAY)  # two days before it opens
    assert Reminder.objects.count() == 0 and mail.outbox == []


def test_it_skips_departments_without_indicators_in_the_plan(reporters):
    Department.objects.create(code="dept-x", name="无指标局")
    _run(reporters.round.deadline)
    assert "无指标局" not in {r.department.name for r in Reminder.objects.all()}


def test_it_refuses_a_day_that_is_no_date(reporters):
    with pytest.raises(CommandError, match="expected a date such as 2025-03-31"):
        call_command("send_reminders", "--today", "tomorrow")


def test_it_writes_nothing_but_failures_at_verbosity_0(reporters):
    out = StringIO()
    with _on(reporters.round.deadline):
        call_command("send_reminders", "-v", "0", stdout=out)
    assert out.getvalue() == "" and len(mail.outbox) == 2
