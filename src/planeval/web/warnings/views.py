"""The early-warnings page of a plan.

Every role may open it (:data:`planeval.web.core.access.READERS`); a department's reporter sees
its own department's warnings only (:func:`planeval.web.warnings.page.department_scope`). The
as-of period of the indicators is chosen as on the dashboard; tasks and reports are judged on
the site's today (:mod:`planeval.web.warnings.facts`).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from planeval.domain.warning import WarningLevel
from planeval.early_warning import count
from planeval.web.core.access import READERS, get_or_404, require
from planeval.web.core.models import Plan
from planeval.web.dashboard.selection import select
from planeval.web.tasks.models import Task
from planeval.web.warnings import facts, page


@login_required
@require_GET
def listing(request: HttpRequest, slug: str) -> HttpResponse:
    """The warnings grouped by level, red first, filtered by level, kind and department."""
    role = require(request.user, READERS)
    plan = get_or_404(Plan, slug=slug)
    selection = select(plan, request.GET)
    today = timezone.localdate()
    visible = page.scoped(facts.warnings_of(plan, selection.as_of, today), page.department_scope(request.user))
    form = page.FilterForm(request.GET, (w.department for w in visible if w.department))
    shown = form.chosen(visible)
    task_ids = dict(Task.objects.filter(plan=plan).values_list("code", "pk"))
    rows = [page.row(w, page.Context(slug, selection, role, task_ids)) for w in shown]
    counted = count(shown)
    context = {
        "plan": plan,
        "selection": selection,
        "page": "warnings",
        "today": today,
        "form": form,
        "groups": page.groups(rows, form.cleaned_data["level"]),
        "red": counted[WarningLevel.RED],
        "yellow": counted[WarningLevel.YELLOW],
        "office": any(r.supervise for r in rows),  # the planning office, where supervision items exist
    }
    return render(request, "warnings/list.html", context)
