"""Where each department stands in a reporting round: the rule, and the query that feeds it.

A department's state for a round, from the states of its indicators' values for the round's
period (first rule that holds):

==============  ================================================================================
state           when
==============  ================================================================================
overdue         the deadline has passed and not every value is submitted or approved
not started     no value for any of its indicators
approved        every value approved
submitted       every value submitted or approved, some still awaiting review
returned        some value sent back to the department
draft           otherwise: some values entered, not all submitted
==============  ================================================================================
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from planeval.web.core.models import Department, Indicator, ReportingRound, Value, ValueState


class DepartmentState(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned")
    APPROVED = "approved", _("approved")
    OVERDUE = "overdue", _("overdue")


@dataclass(frozen=True)
class ValueCounts:
    """How many of a department's indicators have a value in each state; ``missing``: none yet."""

    missing: int = 0
    draft: int = 0
    submitted: int = 0
    returned: int = 0
    approved: int = 0

    @classmethod
    def of(cls, states: Iterable[str | None]) -> ValueCounts:
        """The counts of a list of value states, None standing for an indicator without a value."""
        counted = Counter(states)
        return cls(counted[None], **{state: counted[state] for state in ValueState.values})

    @property
    def total(self) -> int:
        return self.missing + self.draft + self.submitted + self.returned + self.approved


def state_of(counts: ValueCounts, past_deadline: bool) -> DepartmentState:
    """The department's state (see the module docstring)."""
    done = counts.submitted + counts.approved
    if past_deadline and done < counts.total:
        return DepartmentState.OVERDUE
    if counts.missing == counts.total:
        return DepartmentState.NOT_STARTED
    if counts.approved == counts.total:
        return DepartmentState.APPROVED
    if done == counts.total:
        return DepartmentState.SUBMITTED
    return DepartmentState.RETURNED if counts.returned else DepartmentState.DRAFT


@dataclass(frozen=True)
class DepartmentProgress:
    department: Department
    counts: ValueCounts
    state: DepartmentState


@dataclass(frozen=True)
class RoundProgress:
    """A round with its departments (by name) and how many departments are in each state."""

    round: ReportingRound
    departments: list[DepartmentProgress]
    unassigned: int  # indicators of the plan without a department, which no one reports

    @property
    def summary(self) -> list[tuple[DepartmentState, int]]:
        """(state, number of departments) for the states that occur, in the order of the enum."""
        counted = Counter(row.state for row in self.departments)
        return [(state, counted[state]) for state in DepartmentState if counted[state]]


def round_progress(round_: ReportingRound, today: datetime.date) -> RoundProgress:
    """Where every department with indicators in the round's plan stands on ``today``."""
    indicators = Indicator.objects.filter(plan_id=round_.plan_id).select_related("department")
    values = Value.objects.filter(indicator__plan_id=round_.plan_id, period=round_.period)
    state_by_indicator = dict(values.values_list("indicator_id", "state"))
    by_department: dict[Department, list[str | None]] = {}
    for indicator in indicators:
        if indicator.department is not None:
            by_department.setdefault(indicator.department, []).append(state_by_indicator.get(indicator.pk))
    past = today > round_.deadline
    rows = [
        DepartmentProgress(department, counts, state_of(counts, past))
        for department, states in sorted(by_department.items(), key=lambda item: item[0].name)
        for counts in [ValueCounts.of(states)]
    ]
    return RoundProgress(round_, rows, sum(1 for i in indicators if i.department is None))
