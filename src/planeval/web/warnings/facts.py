"""What the warnings page is computed from, read from the stored plan, and the one call to the
core (:func:`planeval.early_warning.early_warnings`), which applies every rule.

- **Indicators**: the dashboard's evaluation of the plan as of the chosen period by
  ``time_progress`` (whose progress the red line of ``behind_schedule`` reads), on approved
  values, shared through :mod:`planeval.web.dashboard.cache` under the dashboard's own key.
- **Tasks**: every key task of the plan with its milestones and updates, judged on ``today``:
  the page says what to act on now, as the task list does.
- **Reports**: in every open round whose period can be read, each department with indicators
  in the plan, done when every value it owes is submitted or approved
  (:func:`planeval.web.review.progress.round_progress`), judged on ``today`` against the
  round's deadline. Closed rounds are left out: the office has ended them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from planeval.domain.period import Period, parse_period
from planeval.domain.warning import EarlyWarning, ReportDue
from planeval.early_warning import early_warnings
from planeval.errors import PeriodError
from planeval.evaluate import DEFAULT_METHOD
from planeval.web.core.models import Plan, RoundState
from planeval.web.dashboard import cache
from planeval.web.review.progress import round_progress
from planeval.web.tasks.convert import domain_tasks
from planeval.web.tasks.models import Task


def warnings_of(plan: Plan, as_of: Period, today: datetime.date) -> tuple[EarlyWarning, ...]:
    """Every warning of ``plan``: indicators as of ``as_of``, tasks and reports on ``today``."""
    tasks = domain_tasks(Task.objects.filter(plan=plan))
    evaluation = cache.evaluation(plan, as_of, DEFAULT_METHOD)
    return early_warnings(evaluation, tasks, list(reports_due(plan, today)), today)


def reports_due(plan: Plan, today: datetime.date) -> Iterator[ReportDue]:
    """Each department's report in each open round of ``plan`` (see the module docstring)."""
    for round_ in plan.rounds.filter(state=RoundState.OPEN):
        try:
            period = parse_period(round_.period)
        except PeriodError:  # stored before validation existed: it cannot be placed in time
            continue
        for row in round_progress(round_, today).departments:
            done = row.counts.submitted + row.counts.approved == row.counts.total
            yield ReportDue(row.department.name, period, round_.deadline, done, row.department.code)
