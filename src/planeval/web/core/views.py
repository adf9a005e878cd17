"""Pages that belong to no feature: the start page and the health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from planeval.web.core.access import READERS, require
from planeval.web.core.models import Plan


@transaction.non_atomic_requests  # a database that is down must not fail before the check runs
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the site and its database answer; 503 when the database does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The only plan's dashboard, or the list of plans."""
    require(request.user, READERS)
    plans = list(Plan.objects.all())
    if len(plans) == 1:
        return redirect("dashboard:overview", slug=plans[0].slug)
    return render(request, "planeval/plans.html", {"plans": plans})
