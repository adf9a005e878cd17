"""The text of a reminder: which plan, period and deadline, the indicators still owed and the
link to the reporting page. Written in the active language (the site's default, Chinese, when
sent by :mod:`planeval.web.reminders.send`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from planeval.domain.period import parse_period
from planeval.domain.reminder import ReminderKind
from planeval.errors import PeriodError
from planeval.web.core.models import Department, Indicator, ReportingRound, ValueState
from planeval.web.dashboard.selection import period_label


@dataclass(frozen=True)
class Owed:
    """An indicator whose value of the round is not submitted: ``state`` None when not entered,
    else ``draft`` or ``returned``."""

    indicator: Indicator
    state: str | None


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


def compose(round_: ReportingRound, department: Department, owed: list[Owed], kind: ReminderKind,
            today: datetime.date, link: str) -> Message:  # fmt: skip
    """The reminder to ``department`` on ``today`` of the values it owes in ``round_``."""
    facts = {"plan": round_.plan.title, "period": _period(round_.period), "deadline": round_.deadline.isoformat(),
             "department": department.name, "link": link}  # fmt: skip
    if kind is ReminderKind.BEFORE:
        days = (round_.deadline - today).days
        subject = _("[Reminder] %(plan)s, %(period)s: please submit by %(deadline)s") % facts
        when = ngettext("in %(days)s day", "in %(days)s days", days) % {"days": days} if days else _("today")
        opening = ngettext(
            "The values of %(plan)s for %(period)s are due by %(deadline)s (%(when)s). The following "
            "%(count)s indicator of your department has not been submitted yet:",
            "The values of %(plan)s for %(period)s are due by %(deadline)s (%(when)s). These %(count)s "
            "indicators of your department have not been submitted yet:",
            len(owed),
        ) % {**facts, "when": when, "count": len(owed)}
        closing = _("Please enter and submit them at %(link)s") % facts
    else:
        days = (today - round_.deadline).days
        subject = _("[Overdue] %(plan)s, %(period)s: the deadline %(deadline)s has passed") % facts
        overdue = ngettext("%(days)s day ago", "%(days)s days ago", days) % {"days": days}
        opening = ngettext(
            "The deadline %(deadline)s for the values of %(plan)s for %(period)s has passed (%(overdue)s). "
            "The following %(count)s indicator of your department has not been submitted:",
            "The deadline %(deadline)s for the values of %(plan)s for %(period)s has passed (%(overdue)s). "
            "These %(count)s indicators of your department have not been submitted:",
            len(owed),
        ) % {**facts, "overdue": overdue, "count": len(owed)}
        closing = (
            _(
                "Values returned to you can still be corrected and submitted at %(link)s; for values not yet "
                "entered, please contact the planning office."
            )
            % facts
        )
    lines = [_("%(department)s:") % facts, "", opening, *(_item(n, item) for n, item in enumerate(owed, 1)), "",
             closing, "", _("Sent automatically by the plan monitoring and evaluation system.")]  # fmt: skip
    return Message(subject, "\n".join(lines))


def _item(number: int, owed: Owed) -> str:
    names = {
        None: pgettext("reminder", "not entered"),
        ValueState.DRAFT: pgettext("reminder", "draft, not submitted"),
        ValueState.RETURNED: pgettext("reminder", "returned for correction"),
    }
    facts = {"number": number, "code": owed.indicator.code, "name": owed.indicator.name,
             "state": names.get(owed.state, owed.state or "")}  # fmt: skip
    return "  " + pgettext("reminder", "%(number)s. %(code)s %(name)s (%(state)s)") % facts


def _period(text: str) -> str:
    """``2025年`` in Chinese, ``2025`` otherwise; a label that is no period as stored."""
    try:
        return period_label(parse_period(text))
    except PeriodError:
        return text
