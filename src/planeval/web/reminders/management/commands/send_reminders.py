"""``planeval manage send_reminders [--today YYYY-MM-DD] [--dry-run]``: the reminders due today,
run daily from cron (see README.md).

``--today`` may name a past day (a day cron missed), never a later one: a reminder is recorded
as sent on that day and would keep the real one of that day from going out. ``--dry-run`` sends
and records nothing and shows what a run on any day, a later one too, would send.

Whatever the verbosity, a reminder due that did not go out is written on stderr and the command
ends with exit code 1, so that cron mails the operator: the mail server failed (the next run tries
again), or a department owes values and has no reporter with an e-mail address.
"""

from __future__ import annotations

import datetime
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from planeval.web.reminders.send import Outcome, Result, send_reminders

BAD_INPUT = 2  # the exit code of every planeval command refusing its input


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ArgumentTypeError(f"expected a date such as 2025-03-31, got {text!r}") from None


class Command(BaseCommand):
    help = (
        "E-mail the departments that have not submitted every value of an open round, on the days "
        "set before and after its deadline; at most once a round, department and day. Exit code 1 "
        "when a reminder due could not be sent or a department has nobody to send it to."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--today", type=_day, help="the day to send for, not after today (default: today, site time zone)"
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="send and record nothing: show what would be sent on --today (any day, a later one too)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        real_today = timezone.localdate()
        today, dry_run = options["today"] or real_today, options["dry_run"]
        if today > real_today and not dry_run:
            raise CommandError(
                f"--today {today.isoformat()} is after today ({real_today.isoformat()}): a reminder would be "
                "recorded for a day that has not come; use --dry-run to see what that day would bring",
                returncode=BAD_INPUT,
            )
        outcomes = send_reminders(today, settings.REMINDER_SCHEDULE, dry_run=dry_run)
        quiet = options["verbosity"] == 0  # -v 0 from cron: only what went wrong is written
        for outcome in outcomes:
            if outcome.result.is_failure:
                self.stderr.write(_line(today, outcome))
            elif not quiet:
                self.stdout.write(_line(today, outcome))
        if not quiet:
            counted = Result.WOULD_SEND if dry_run else Result.SENT
            done = "would be sent; nothing was sent or recorded" if dry_run else "sent"
            self.stdout.write(f"{today}: {sum(1 for o in outcomes if o.result is counted)} reminder(s) {done}")
        failed = sum(1 for outcome in outcomes if outcome.result is Result.FAILED)
        unreachable = sum(1 for outcome in outcomes if outcome.result is Result.NO_RECIPIENT)
        if failed or unreachable:
            raise CommandError(_failure(failed, unreachable))


def _line(today: datetime.date, outcome: Outcome) -> str:
    to = f" → {', '.join(outcome.recipients)}" if outcome.recipients else ""
    detail = f": {outcome.detail}" if outcome.detail else ""
    line = f"{today} {outcome.round.plan.slug} {outcome.round.period} {outcome.department.name}: "
    return line + f"{outcome.result}{to}{detail}"


def _failure(failed: int, unreachable: int) -> str:
    said = []
    if failed:
        said.append(f"{failed} reminder(s) could not be sent; the next run tries again")
    if unreachable:
        said.append(
            f"{unreachable} department(s) could not be reminded: no reporter with an e-mail address "
            "(give a reporter of each an e-mail address)"
        )
    return "; ".join(said)
