"""The department assessment page and its Excel download.

Every role may open them (:data:`planeval.web.core.access.READERS`); a department's reporter sees
its own department's row only, with its rank among all
(:func:`planeval.web.core.access.assessed_departments`). The as-of period and the method are
chosen as on the dashboard.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from planeval.domain.assessment import Assessment
from planeval.web.assessment import facts
from planeval.web.assessment import table as layout
from planeval.web.assessment.workbook import workbook
from planeval.web.core import access
from planeval.web.core.models import Plan
from planeval.web.dashboard.selection import Selection, select

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _open(request: HttpRequest, slug: str) -> tuple[Plan, Selection, Assessment, list[layout.Line]]:
    access.require(request.user, access.READERS)
    plan = access.get_or_404(Plan, slug=slug)
    selection = select(plan, request.GET)
    found = facts.assessment(plan, selection, timezone.localdate())
    return plan, selection, found, layout.lines(found, access.assessed_departments(request.user))


@login_required
@require_GET
def table(request: HttpRequest, slug: str) -> HttpResponse:
    """Every department's part scores, weights, total and rank, with the facts behind them."""
    plan, selection, found, lines = _open(request, slug)
    context = {"plan": plan, "selection": selection, "page": "assessment", "assessment": found, "lines": lines,
               "weights": layout.weights(found.settings), "points": layout.points(found.settings),
               "parts": layout.PART_NAMES.values()}  # fmt: skip
    return render(request, "assessment/table.html", context)


@login_required
@require_GET
def download(request: HttpRequest, slug: str) -> HttpResponse:
    """The page's table as an Excel workbook."""
    plan, selection, _found, lines = _open(request, slug)
    title = _("%(plan)s: department assessment as of %(as_of)s") % {"plan": plan.title, "as_of": selection.as_of_label}
    response = HttpResponse(workbook(title, lines), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{plan.slug}-assessment-{selection.as_of}.xlsx"'
    return response
