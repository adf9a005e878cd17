"""The timeline of a supervision item, read from django-simple-history, as rows a page draws.

One row per recorded change, oldest first: when, who ("" for the escalation command), which
step, the state before (None for the opening) and after, the escalation level, the reason
recorded, the office's comment of a return or closing, and for an answer the rectification
report it brought (the n-th answer brought the n-th report: :func:`service.answer` writes both
in one transaction).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import pgettext_lazy

from planeval.web.supervision.models import ItemState, Rectification, SupervisionItem


class Step(models.TextChoices):
    OPENED = "opened", pgettext_lazy("supervision", "opened")
    ANSWERED = "answered", pgettext_lazy("supervision", "answered")
    RETURNED = "returned", pgettext_lazy("supervision", "sent back")
    CLOSED = "closed", pgettext_lazy("supervision", "closed")
    ESCALATED = "escalated", pgettext_lazy("supervision", "escalated")
    EDITED = "edited", pgettext_lazy("supervision", "edited")


QUIET = frozenset({Step.OPENED, Step.RETURNED, Step.CLOSED})
STEPS = {ItemState.ANSWERED: Step.ANSWERED, ItemState.RETURNED: Step.RETURNED, ItemState.CLOSED: Step.CLOSED}


@dataclass(frozen=True)
class TimelineRow:
    when: datetime.datetime
    who: str
    step: Step
    before: ItemState | None
    state: ItemState
    level: int
    reason: str
    comment: str = ""
    report: Rectification | None = None

    @property
    def shown_reason(self) -> str:
        """The reason a page shows: none for an opening (it only says "opened"), nor for a return or
        a closing, whose comment is shown whole instead of the reason's shortened copy."""
        return "" if self.step in QUIET else self.reason

    @property
    def state_changed(self) -> bool:
        return self.before is not None and self.before != self.state


def _step(record: Any, previous: Any) -> Step:
    if previous is None:
        return Step.OPENED
    if previous.state != record.state and record.state in STEPS:
        return STEPS[ItemState(record.state)]
    if record.escalation_level > previous.escalation_level:
        return Step.ESCALATED
    return Step.EDITED


def timeline(item: SupervisionItem) -> list[TimelineRow]:
    """Every recorded change of ``item``, oldest first, with the reports its answers brought."""
    records = item.history.select_related("history_user", "updated_by").order_by("history_date", "history_id")
    reports = iter(item.rectifications.select_related("submitted_by").prefetch_related("files").order_by("pk"))
    rows: list[TimelineRow] = []
    previous = None
    for record in records:
        step = _step(record, previous)
        user = record.history_user or record.updated_by  # the request's user, else the service's
        comment = record.office_comment if step in (Step.RETURNED, Step.CLOSED) else ""
        report = next(reports, None) if step is Step.ANSWERED else None
        rows.append(
            TimelineRow(
                record.history_date,
                user.get_username() if user else "",
                step,
                ItemState(previous.state) if previous else None,
                ItemState(record.state),
                record.escalation_level,
                record.history_change_reason or "",
                comment,
                report,
            )
        )
        previous = record
    return rows
