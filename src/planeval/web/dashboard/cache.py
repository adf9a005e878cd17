"""The dashboard's evaluations, kept in the process while the plan's values stay the same.

Reading the plan and its approved values and evaluating them costs tens of milliseconds for a
100-indicator plan, on every page view. The result is kept per plan, as-of period and method
(and, for what a page shows, language), under a *stamp* of the plan's values read with one
query: the latest ``updated_at`` of any of its values and the number of approved ones. Any save
of a value moves the first (``auto_now``), deleting an approved value changes the second, so no
entry outlives a change of the data it was computed from, in any worker process (a save
committed after a later one, with an older ``updated_at``, shows within :data:`PLAN_EDIT_DELAY`).

Edits of the plan table itself (plan, indicator, yearly target, department — the admin's) are
not in the stamp: they clear the cache of the process that makes them at once, and reach the
other processes within :data:`PLAN_EDIT_DELAY` seconds, after which every entry is computed
again.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.db.models import Count, Max, Q
from django.db.models.signals import post_delete, post_save

from planeval.domain.evaluation import Evaluation
from planeval.domain.period import Period
from planeval.evaluate import evaluate
from planeval.web.core.convert import domain_plan, observations
from planeval.web.core.models import AnnualTarget, Department, Indicator, Plan, Value, ValueState

MAX_ENTRIES = 32
PLAN_EDIT_DELAY = 60.0
"""Seconds an entry is kept at most: how late another process sees an edit of the plan table."""

T = TypeVar("T")

_lock = threading.Lock()
_entries: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()


def stamp(plan: Plan) -> tuple[object, ...]:
    """What the plan's evaluations depend on that may change under a running site, in one query."""
    found = Value.objects.filter(indicator__plan=plan).aggregate(
        changed=Max("updated_at"), approved=Count("pk", filter=Q(state=ValueState.APPROVED, value__isnull=False))
    )
    return plan.pk, plan.base_year, plan.end_year, found["changed"], found["approved"]


def cached(key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """The value kept under ``key`` (which should start with :func:`stamp`), or ``compute()``'s,
    kept for :data:`PLAN_EDIT_DELAY` seconds; the least recently used entries go first."""
    now = time.monotonic()
    with _lock:
        entry = _entries.get(key)
        if entry is not None and now - entry[0] < PLAN_EDIT_DELAY:
            _entries.move_to_end(key)
            return entry[1]  # type: ignore[no-any-return]
    value = compute()  # outside the lock: two threads may compute the same entry, harmlessly
    with _lock:
        _entries[key] = (now, value)
        _entries.move_to_end(key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def evaluation(plan: Plan, as_of: Period, method: str) -> Evaluation:
    """The plan's evaluation as of ``as_of`` by ``method``, on approved values: the entry the
    dashboard keeps, computed when missing."""
    key = (*stamp(plan), str(as_of), method, "evaluation")
    return cached(key, lambda: evaluate(domain_plan(plan), observations(plan), as_of, method))


def clear(**_ignored: object) -> None:
    """Forget every entry (a signal receiver: the plan table changed)."""
    with _lock:
        _entries.clear()


for _model in (Plan, Indicator, AnnualTarget, Department):
    post_save.connect(clear, sender=_model, dispatch_uid=f"dashboard-cache-{_model.__name__}-save")
    post_delete.connect(clear, sender=_model, dispatch_uid=f"dashboard-cache-{_model.__name__}-delete")
