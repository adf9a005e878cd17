"""``planeval manage send_reminders [--today YYYY-MM-DD]``: the reminders due today, run daily
from cron (see README.md)."""

from __future__ import annotations

import datetime
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from planeval.web.reminders.send import Result, send_reminders


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ArgumentTypeError(f"expected a date such as 2025-03-31, got {text!r}") from None


class Command(BaseCommand):
    help = (
        "E-mail the departments that have not submitted every value of an open round, on the days "
        "set before and after its deadline; at most once a round, department and day."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--today", type=_day, help="the day to send for (default: today, site time zone)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        outcomes = send_reminders(today, settings.REMINDER_SCHEDULE)
        quiet = options["verbosity"] == 0  # -v 0 from cron: only failures are written
        for outcome in outcomes:
            to = f" → {', '.join(outcome.recipients)}" if outcome.recipients else ""
            detail = f": {outcome.detail}" if outcome.detail else ""
            line = f"{today} {outcome.round.plan.slug} {outcome.round.period} {outcome.department.name}: "
            line += f"{outcome.result}{to}{detail}"
            if outcome.result is Result.FAILED:
                self.stderr.write(line)
            elif not quiet:
                self.stdout.write(line)
        failed = sum(1 for outcome in outcomes if outcome.result is Result.FAILED)
        if not quiet:
            self.stdout.write(f"{today}: {sum(1 for o in outcomes if o.result is Result.SENT)} reminder(s) sent")
        if failed:
            raise CommandError(f"{failed} reminder(s) could not be sent; the next run tries again")
