"""The review pages: where each department stands per round, one department's values to
approve or return, and the audit trail of one value.

Planners and reviewers review; every signed-in role may read a value's trail. State changes go
through :mod:`planeval.web.core.values`; a value changed since the page was made is neither
approved nor returned (the reviewer is told to look again).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from planeval.web.core import values
from planeval.web.core.access import READERS, REVIEWERS, get_or_404, may_see, require
from planeval.web.core.models import Department, Plan, ReportingRound, Value
from planeval.web.review.forms import ApproveForm, ReturnForm, shown_versions
from planeval.web.review.history import value_history
from planeval.web.review.progress import round_progress
from planeval.web.review.sheet import SECTIONS, IndicatorReview, department_sheet


@login_required
@require_GET
def rounds(request: HttpRequest, slug: str) -> HttpResponse:
    require(request.user, REVIEWERS)
    plan = get_or_404(Plan, slug=slug)
    today = timezone.localdate()
    progress = [round_progress(round_, today) for round_ in plan.rounds.all()]
    return render(request, "review/rounds.html", {"plan": plan, "progress": progress, "today": today})


@login_required
@require_GET
def department(request: HttpRequest, slug: str, period: str, code: str) -> HttpResponse:
    require(request.user, REVIEWERS)
    round_, dept = _round_and_department(slug, period, code)
    return _department_page(request, round_, dept)


@login_required
@require_GET
def history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    role = require(request.user, READERS)
    value = _value(slug, pk)
    if not may_see(request.user, value):
        raise Http404  # another department's draft is not shown, not even that it exists
    context = {
        "plan": value.indicator.plan,
        "value": value,
        "rows": value_history(value),
        "can_review": role in REVIEWERS,
    }
    return render(request, "review/history.html", context)


@login_required
@require_POST
def approve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    require(request.user, REVIEWERS)
    value, form = _value(slug, pk), ApproveForm(request.POST)
    with transaction.atomic():
        if not form.is_valid() or not _unchanged(value, form.cleaned_data["version"]):
            return _stale(request, value)
        value = values.approve(request.user, value)
    messages.success(request, _("Approved %(indicator)s for %(period)s: %(value)s.") % _facts(value))
    return redirect(_department_url(value))


@login_required
@require_POST
def send_back(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    require(request.user, REVIEWERS)
    value, form = _value(slug, pk), ReturnForm(request.POST)
    if not form.is_valid():
        code = value.indicator.department.code if value.indicator.department else ""
        return _department_page(request, *_round_and_department(slug, value.period, code), {value.pk: form}, 400)
    with transaction.atomic():
        if not _unchanged(value, form.cleaned_data["version"]):
            return _stale(request, value)
        value = values.send_back(request.user, value, form.cleaned_data["comment"])
    messages.success(request, _("Returned %(indicator)s to %(department)s with your comment.") % _facts(value))
    return redirect(_department_url(value))


@login_required
@require_POST
def approve_all(request: HttpRequest, slug: str, period: str, code: str) -> HttpResponse:
    require(request.user, REVIEWERS)
    round_, dept = _round_and_department(slug, period, code)
    shown = shown_versions(request.POST)
    with transaction.atomic():
        locked = Value.objects.select_for_update().filter(pk__in=shown, indicator__plan=round_.plan,
                                                          indicator__department=dept, period=period)  # fmt: skip
        if not shown or {v.pk: v.version for v in locked} != shown:
            messages.warning(request, _("Some values changed since the page was opened; nothing was approved. "
                                        "Check them and approve again."))  # fmt: skip
            return redirect("review:department", slug=slug, period=period, code=code)
        for value in locked:
            values.approve(request.user, value)
    count = len(shown)
    text = ngettext(
        "Approved %(count)d value of %(department)s.", "Approved %(count)d values of %(department)s.", count
    )
    messages.success(request, text % {"count": count, "department": dept.name})
    return redirect("review:department", slug=slug, period=period, code=code)


def _department_page(request: HttpRequest, round_: ReportingRound, dept: Department,
                     forms: dict[int, ReturnForm] | None = None, status: int = 200) -> HttpResponse:  # fmt: skip
    """The department's page; ``forms`` holds return forms posted with errors, by value id."""
    rows = department_sheet(round_, dept)
    sections = [(title, [(row, _return_form(row, forms or {})) for row in rows if row.state in states])
                for title, states in SECTIONS]  # fmt: skip
    context = {"plan": round_.plan, "round": round_, "department": dept, "sections": sections,
               "submitted": [row.value for row in rows if row.awaiting_review]}  # fmt: skip
    return render(request, "review/department.html", context, status=status)


def _return_form(row: IndicatorReview, posted: dict[int, ReturnForm]) -> ReturnForm | None:
    if row.value is None or not row.awaiting_review:
        return None
    return posted.get(row.value.pk) or ReturnForm(initial={"version": row.value.version})


def _round_and_department(slug: str, period: str, code: str) -> tuple[ReportingRound, Department]:
    round_ = get_or_404(ReportingRound, plan__slug=slug, period=period)
    dept = get_or_404(Department, code=code)
    if not round_.plan.indicators.filter(department=dept).exists():
        raise Http404
    return round_, dept


def _value(slug: str, pk: int) -> Value:
    return get_or_404(Value, pk=pk, indicator__plan__slug=slug)


def _unchanged(value: Value, version: int) -> bool:
    """True when ``value`` is still at ``version``; locks it until the transaction ends."""
    return Value.objects.select_for_update().filter(pk=value.pk, version=version).exists()


def _stale(request: HttpRequest, value: Value) -> HttpResponse:
    messages.warning(request, _("%(indicator)s changed since the page was opened; check it again.") % _facts(value))
    return redirect(_department_url(value))


def _facts(value: Value) -> dict[str, str]:
    dept = value.indicator.department
    return {"indicator": value.indicator.name, "period": value.period, "value": value.raw or str(value.value),
            "department": dept.name if dept else ""}  # fmt: skip


def _department_url(value: Value) -> str:
    dept, slug = value.indicator.department, value.indicator.plan.slug
    if dept is None:
        return reverse("review:rounds", kwargs={"slug": slug})
    # the top of the page, where the message shows and the next value to review waits
    return reverse("review:department", kwargs={"slug": slug, "period": value.period, "code": dept.code})
