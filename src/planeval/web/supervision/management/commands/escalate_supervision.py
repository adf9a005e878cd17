"""``planeval manage escalate_supervision``: raise the escalation level of overdue supervision
items (run daily from cron). Running it twice on a day changes nothing the second time; bad
options end it with a one-line message and exit code 2."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from planeval.domain.escalation import EscalationSettings
from planeval.errors import PlanevalError
from planeval.web.core.models import Plan
from planeval.web.supervision.service import escalate_overdue

BAD_INPUT = 2  # the exit code of every planeval command refusing its input


class Command(BaseCommand):
    help = (
        "Raise overdue supervision items to level 1 the day after their deadline and to level 2 more "
        "than PLANEVAL_ESCALATION_DAYS days after it; each raise is recorded in the item's history."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", help="the day to check as of, YYYY-MM-DD (default: today, site time)")
        parser.add_argument("--plan", help="only the plan with this slug (default: every plan)")
        parser.add_argument("--days", type=int, help="days at level 1 before level 2 (default: the setting)")

    def handle(self, *args: Any, **options: Any) -> None:
        on = _day(options["on"]) if options["on"] else timezone.localdate()
        plan = _plan(options["plan"]) if options["plan"] else None
        days = settings.SUPERVISION_ESCALATION_DAYS if options["days"] is None else options["days"]
        try:
            rules = EscalationSettings(escalation_days=days)
        except PlanevalError as error:
            raise CommandError(str(error), returncode=BAD_INPUT) from None
        with translation.override(settings.LANGUAGE_CODE):  # reasons and numbers in the site's language
            raised = escalate_overdue(on, rules, plan)
            for step in raised:
                self.stdout.write(
                    f"{step.item.plan.slug} {step.item.number}: level {step.before} → {int(step.after)} "
                    f"({step.days} day{'' if step.days == 1 else 's'} past {step.item.deadline.isoformat()})"
                )
        self.stdout.write(f"{len(raised)} item(s) escalated as of {on.isoformat()}.")


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
