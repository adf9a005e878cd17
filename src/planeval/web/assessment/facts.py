"""What the department assessment is computed from, read from the stored plan, and the call to
the core (:func:`planeval.domain.assessment.assess_departments`), which does all the scoring.

- **Indicators**: the dashboard's evaluation of the plan as selected (as-of period and method),
  shared through :mod:`planeval.web.dashboard.cache`.
- **Tasks**: every task of the plan with its lead department, assessed by
  :func:`planeval.domain.task.assess_task` on the last day of the as-of period, or today when
  that is earlier (nothing is known of later days).
- **Timeliness** (报送及时性): every round of the plan whose deadline has passed (is before
  ``today``) and whose period ends by the as-of period; in each, every indicator with a
  department is one value due from that department. It came *on time* when the value first
  reached ``submitted`` (or ``approved``) — read from the value's history — on or before the
  deadline, in the site's time zone; *late* when after it; *missing* when it never did. A value
  stored already approved (a plan import) counts from the moment it was stored. The indicator's
  current department answers for it.
"""

from __future__ import annotations

import calendar
import datetime
from collections import Counter

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Min
from django.utils import timezone

from planeval.domain.assessment import Assessment, AssessmentSettings, Timeliness, assess_departments
from planeval.domain.period import Period, parse_period
from planeval.domain.task import TaskAssessment, assess_task
from planeval.errors import PeriodError, PlanevalError
from planeval.web.core.models import Plan, ReportingRound, Value, ValueState
from planeval.web.dashboard import cache
from planeval.web.dashboard.selection import Selection
from planeval.web.tasks.convert import domain_tasks
from planeval.web.tasks.models import Task

REPORTED = (ValueState.SUBMITTED, ValueState.APPROVED)
"""States a value is in once its department has reported it."""
ON_TIME, LATE, MISSING = "on_time", "late", "missing"


def assessment(plan: Plan, selection: Selection, today: datetime.date) -> Assessment:
    """Every department's assessment of ``plan`` as selected, on ``today``.

    Raises:
        ImproperlyConfigured: ``PLANEVAL_ASSESSMENT`` names an unknown setting or a bad value.
    """
    day = min(last_day(selection.as_of), today)
    return assess_departments(
        cache.evaluation(plan, selection.as_of, selection.method).results,
        lead_tasks(plan, day),
        timeliness(plan, selection.as_of, today),
        assessment_settings(),
    )


def last_day(period: Period) -> datetime.date:
    """The last day of ``period``: 2023H1 → 2023-06-30."""
    return datetime.date(period.year, period.last_month, calendar.monthrange(period.year, period.last_month)[1])


def lead_tasks(plan: Plan, on: datetime.date) -> list[tuple[str, TaskAssessment]]:
    """``(lead department, status on ``on``)`` of every task of the plan."""
    return [(task.lead, assess_task(task, on)) for task in domain_tasks(Task.objects.filter(plan=plan))]


def timeliness(plan: Plan, as_of: Period, today: datetime.date) -> dict[str, Timeliness]:
    """How each department reported the values due in the plan's past rounds (see the module
    docstring), by department name."""
    rounds = [r for r in plan.rounds.all() if r.deadline < today and _ends_by(r, as_of)]
    if not rounds:
        return {}
    indicators = list(plan.indicators.filter(department__isnull=False).select_related("department"))
    stored = Value.objects.filter(indicator__plan=plan, period__in=[r.period for r in rounds])
    value_of = {(indicator, period): pk for pk, indicator, period in stored.values_list("pk", "indicator_id", "period")}
    first = dict(
        Value.history.filter(id__in=value_of.values(), state__in=REPORTED)
        .order_by()  # the history's own ordering would split the groups
        .values("id")
        .annotate(first=Min("history_date"))
        .values_list("id", "first")
    )
    counts: dict[str, Counter[str]] = {}
    for round_ in rounds:
        for indicator in indicators:
            reported = first.get(value_of.get((indicator.pk, round_.period)))
            counts.setdefault(indicator.department.name, Counter())[_when(reported, round_.deadline)] += 1
    return {name: Timeliness(c[ON_TIME], c[LATE], c[MISSING]) for name, c in counts.items()}


def _ends_by(round_: ReportingRound, as_of: Period) -> bool:
    try:
        return parse_period(round_.period).end <= as_of.end
    except PeriodError:  # stored before validation existed: it cannot be placed in time
        return False


def _when(reported: datetime.datetime | None, deadline: datetime.date) -> str:
    if reported is None:
        return MISSING
    return ON_TIME if timezone.localdate(reported) <= deadline else LATE


def assessment_settings() -> AssessmentSettings:
    """The weights and points set in ``PLANEVAL_ASSESSMENT`` (``task_weight=0.4,points_behind=60``),
    the documented defaults for the others.

    Raises:
        ImproperlyConfigured: a pair without ``=``, an unknown name or a bad value.
    """
    text = getattr(settings, "ASSESSMENT", "")
    pairs = [pair.strip() for pair in text.split(",") if pair.strip()]
    try:
        if any("=" not in pair for pair in pairs):
            raise PlanevalError(f"expected name=value pairs separated by commas, got {text!r}")
        values = dict(pair.split("=", 1) for pair in pairs)
        return AssessmentSettings().with_values({k.strip(): v.strip() for k, v in values.items()})
    except PlanevalError as error:
        raise ImproperlyConfigured(f"PLANEVAL_ASSESSMENT: {error}") from None
