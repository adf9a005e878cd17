"""The rounds of a plan, with the reporter's own progress, and evidence downloads."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from planeval.web.core import access
from planeval.web.core.models import Department, Evidence, Plan, Role
from planeval.web.reporting.rows import progress
from planeval.web.reporting.scope import ENTERERS


@login_required
@require_GET
def rounds(request: HttpRequest, slug: str) -> HttpResponse:
    """Every round of the plan: state, period, deadline; for a reporter its department's
    progress, for everyone else the whole plan's."""
    role = access.require(request.user, access.READERS)
    plan = access.get_or_404(Plan, slug=slug)
    department_id = access.department_of(request.user) if role is Role.REPORTER else None
    department = Department.objects.filter(pk=department_id).first() if department_id else None
    indicators = list(plan.indicators.filter(department=department) if department else plan.indicators.all())
    listed = [
        {"round": round_, "open": access.round_is_open(round_), "progress": progress(round_, indicators)}
        for round_ in plan.rounds.order_by("-deadline")
    ]
    context = {"plan": plan, "rounds": listed, "department": department, "may_enter": role in ENTERERS,
               "total": len(indicators)}  # fmt: skip
    return render(request, "reporting/rounds.html", context)


@login_required
@require_GET
def evidence(request: HttpRequest, slug: str, period: str, pk: int) -> FileResponse:
    """An evidence file of a value of the round, as a download, for whoever may see the value."""
    access.require(request.user, access.READERS)
    found = access.get_or_404(Evidence, pk=pk, value__indicator__plan__slug=slug, value__period=period)
    if not access.may_see(request.user, found.value):
        raise Http404
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=PurePath(found.file.name).name)
