"""``planeval manage escalate_supervision``: raise the escalation level of overdue supervision
items (run daily from cron). Running it twice on a day changes nothing the second time; bad
options end it with a one-line message and exit code 2. ``--on`` may name a past day (a day cron
missed), never a later one: the raises are recorded as of now. ``--dry-run`` writes nothing and
shows what a run on any day, a later one too, would raise given the levels recorded now."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from planeval.domain.escalation import EscalationSettings, overdue_since
from planeval.errors import PlanevalError
from planeval.web.core.models import Plan
from planeval.web.supervision.service import Escalation, escalate_overdue, escalations_due

BAD_INPUT = 2  # the exit code of every planeval command refusing its input


class Command(BaseCommand):
    help = (
        "Raise overdue supervision items to level 1 the day after their deadline and to level 2 more "
        "than PLANEVAL_ESCALATION_DAYS days after it; each raise is recorded in the item's history."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--on", help="the day to check as of, YYYY-MM-DD, not after today (default: today, site time)"
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="write nothing: show what would be raised on --on (any day, a later one too)",
        )
        parser.add_argument("--plan", help="only the plan with this slug (default: every plan)")
        parser.add_argument("--days", type=int, help="days at level 1 before level 2 (default: the setting)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        on = _day(options["on"]) if options["on"] else today
        if on > today and not options["dry_run"]:
            raise CommandError(
                f"--on {on.isoformat()} is after today ({today.isoformat()}): a raise is recorded now and "
                "cannot be dated later; use --dry-run to see what that day would bring",
                returncode=BAD_INPUT,
            )
        plan = _plan(options["plan"]) if options["plan"] else None
        days = settings.SUPERVISION_ESCALATION_DAYS if options["days"] is None else options["days"]
        try:
            rules = EscalationSettings(escalation_days=days)
        except PlanevalError as error:
            raise CommandError(str(error), returncode=BAD_INPUT) from None
        with translation.override(settings.LANGUAGE_CODE):  # reasons and numbers in the site's language
            raised = (escalations_due if options["dry_run"] else escalate_overdue)(on, rules, plan)
            for step in raised:
                self.stdout.write(_line(step))
        if options["dry_run"]:
            self.stdout.write(f"{len(raised)} item(s) would be escalated as of {on.isoformat()}; nothing was written.")
        else:
            self.stdout.write(f"{len(raised)} item(s) escalated as of {on.isoformat()}.")


def _line(step: Escalation) -> str:
    item = step.item
    since = overdue_since(item.deadline, item.returned_on)
    what = "past" if since == item.deadline else "since it was sent back on"
    days = f"{step.days} day{'' if step.days == 1 else 's'}"
    return (
        f"{item.plan.slug} {item.number}: level {step.before} → {int(step.after)} ({days} {what} {since.isoformat()})"
    )


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--on {text!r}: expected a date as YYYY-MM-DD", returncode=BAD_INPUT) from None


def _plan(slug: str) -> Plan:
    found = Plan.objects.filter(slug=slug).first()
    if found is None:
        raise CommandError(f"--plan {slug!r}: no such plan", returncode=BAD_INPUT)
    return found
