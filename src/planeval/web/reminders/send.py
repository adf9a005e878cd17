"""Sending the reminders due on a day (催报), once per round, department and day.

For every open round (state open, already opened) whose deadline puts a reminder on ``today``
(:func:`planeval.domain.reminder.reminder_due`), every department with indicators in the plan
whose values of the round are not all submitted (not entered, draft or returned; submitted and
approved ones count as reported) gets one e-mail, to its reporters (role reporter, active, with
an address). The :class:`~planeval.web.reminders.models.Reminder` record and the hand-over to
the mail server happen in one transaction: a failed send leaves no record, so the next run tries
again, and the record's unique constraint keeps a department from being reminded twice a day.
A department that owes values but has no reporter with an address cannot be reminded: its
outcome says so (:attr:`Result.NO_RECIPIENT`), for the command to report. A dry run writes and
sends nothing: each reminder that would go out is :attr:`Result.WOULD_SEND`.
"""

from __future__ import annotations

import datetime
import smtplib
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from planeval.domain.reminder import ReminderKind, ReminderSchedule, reminder_due
from planeval.web.core.models import Department, Indicator, ReportingRound, Role, RoundState, Value, ValueState
from planeval.web.reminders.message import Owed, compose
from planeval.web.reminders.models import Reminder

REPORTED = (ValueState.SUBMITTED, ValueState.APPROVED)


class Result(StrEnum):
    SENT = "sent"
    ALREADY_SENT = "already sent"
    NO_RECIPIENT = "no reporter with an e-mail address"
    FAILED = "failed"
    WOULD_SEND = "would be sent"

    @property
    def is_failure(self) -> bool:
        """True when a reminder due was not sent and will not be without someone acting: the mail
        server failed (the next run tries again), or nobody can receive it."""
        return self in (Result.FAILED, Result.NO_RECIPIENT)


@dataclass(frozen=True)
class Outcome:
    """What became of one department's reminder of one round; ``detail`` the mail error."""

    round: ReportingRound
    department: Department
    result: Result
    recipients: tuple[str, ...] = ()
    detail: str = ""


def send_reminders(
    today: datetime.date, schedule: ReminderSchedule | None = None, dry_run: bool = False
) -> list[Outcome]:
    """Send every reminder due on ``today`` (see the module docstring), in the site's language;
    with ``dry_run``, only say what would be sent, writing nothing."""
    outcomes = []
    with translation.override(settings.LANGUAGE_CODE):
        rounds = ReportingRound.objects.filter(state=RoundState.OPEN, opens__lte=today).select_related("plan")
        for round_ in rounds.order_by("deadline", "pk"):
            kind = reminder_due(round_.deadline, today, schedule)
            if kind is not None:
                outcomes += [_remind(round_, d, owed, kind, today, dry_run) for d, owed in owed_values(round_).items()]
    return outcomes


def owed_values(round_: ReportingRound) -> dict[Department, list[Owed]]:
    """The departments that have not submitted every value of ``round_``, with the indicators
    they owe in the plan's order; departments that owe nothing are left out."""
    indicators = Indicator.objects.filter(plan_id=round_.plan_id, department__isnull=False)
    states = dict(
        Value.objects.filter(indicator__plan_id=round_.plan_id, period=round_.period).values_list(
            "indicator_id", "state"
        )
    )
    owed: dict[Department, list[Owed]] = {}
    for indicator in indicators.select_related("department").order_by("position"):
        state = states.get(indicator.pk)
        if state not in REPORTED:
            owed.setdefault(indicator.department, []).append(Owed(indicator, state))
    return dict(sorted(owed.items(), key=lambda item: item[0].name))


def recipients(department: Department) -> tuple[str, ...]:
    """The addresses of the department's active reporters, sorted."""
    users = get_user_model().objects.filter(
        membership__role=Role.REPORTER, membership__department=department, is_active=True
    )
    return tuple(sorted(users.exclude(email="").values_list("email", flat=True)))


def reporting_link(round_: ReportingRound) -> str:
    """The address of the round's entry page on the site (``SITE_URL``)."""
    path = reverse("reporting:form", kwargs={"slug": round_.plan.slug, "period": round_.period})
    return settings.SITE_URL.rstrip("/") + path


def _remind(round_: ReportingRound, department: Department, owed: list[Owed], kind: ReminderKind,
            today: datetime.date, dry_run: bool = False) -> Outcome:  # fmt: skip
    if Reminder.objects.filter(round=round_, department=department, day=today).exists():
        return Outcome(round_, department, Result.ALREADY_SENT)
    to = recipients(department)
    if not to:
        return Outcome(round_, department, Result.NO_RECIPIENT)
    if dry_run:
        return Outcome(round_, department, Result.WOULD_SEND, to)
    message = compose(round_, department, owed, kind, today, reporting_link(round_))
    try:
        with transaction.atomic():
            Reminder.objects.create(round=round_, department=department, day=today, kind=kind,
                                    recipients="\n".join(to))  # fmt: skip
            EmailMessage(message.subject, message.body, to=list(to)).send()
    except IntegrityError:  # another run reminded the department meanwhile
        return Outcome(round_, department, Result.ALREADY_SENT)
    except (smtplib.SMTPException, OSError) as error:
        return Outcome(round_, department, Result.FAILED, to, str(error))
    return Outcome(round_, department, Result.SENT, to)
