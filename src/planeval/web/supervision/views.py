"""The supervision pages: the list of items, a new item, an item with its timeline, the
department's answer, the office's verification, and the evidence files.

Reporters see their own department's items (another department's answers 404); viewers,
reviewers and the office read all. Only the office opens, closes and sends back; only a
reporter of the item's department answers (403 for everybody else). The steps themselves are
in :mod:`planeval.web.supervision.service`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Q, QuerySet, When
from django.db.models import Value as Constant
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from planeval.web.core import access
from planeval.web.core.models import Plan, Role
from planeval.web.supervision import service
from planeval.web.supervision.forms import AnswerForm, FilterForm, ItemForm, VerifyForm, initial_from_query, item_kwargs
from planeval.web.supervision.history import timeline
from planeval.web.supervision.models import ItemState, RectificationFile, SupervisionItem

LATE, ACTIVE, DONE = 0, 1, 2  # the list's order: overdue first, closed last


@login_required
@require_GET
def items(request: HttpRequest, slug: str) -> HttpResponse:
    plan = access.get_or_404(Plan, slug=slug)
    visible = service.visible_items(request.user, plan.supervision_items.all())
    today = timezone.localdate()
    form = FilterForm(request.GET or None)
    listed = [(item, item.days_overdue(today)) for item in _ordered(_filtered(visible, form), today)]
    is_reporter = access.role_of(request.user) is Role.REPORTER
    tally = visible.aggregate(
        total=Count("pk"), overdue=Count("pk", filter=_late(today)), open=Count("pk", filter=~Q(state=ItemState.CLOSED))
    )
    context = {
        "plan": plan,
        "items": listed,
        "form": form,
        "today": today,
        "tally": tally,
        "is_office": service.is_office(request.user),
        "is_reporter": is_reporter,
    }
    return render(request, "supervision/list.html", context)


def _late(today: Any) -> Q:
    """Items the department is late with on ``today``: waiting on it (open or sent back), past
    the deadline and, when sent back, past the day it came back
    (:func:`planeval.domain.escalation.overdue_since`)."""
    sent_back_before = Q(returned_on__isnull=True) | Q(returned_on__lt=today)
    return Q(state__in=service.ANSWERABLE, deadline__lt=today) & sent_back_before


def _filtered(items: QuerySet[SupervisionItem], form: FilterForm) -> QuerySet[SupervisionItem]:
    if not form.is_bound or not form.is_valid():
        return items
    data = form.cleaned_data
    if data["state"]:
        items = items.filter(state=data["state"])
    if data["department"]:
        items = items.filter(department=data["department"])
    if data["overdue"]:
        items = items.filter(_late(timezone.localdate()))
    return items


def _ordered(items: QuerySet[SupervisionItem], today: Any) -> QuerySet[SupervisionItem]:
    group = Case(
        When(_late(today), then=Constant(LATE)),
        When(state=ItemState.CLOSED, then=Constant(DONE)),
        default=Constant(ACTIVE),
        output_field=IntegerField(),
    )
    chosen = items.select_related("department", "indicator", "task").annotate(group=group)
    return chosen.order_by("group", "deadline", "-year", "-sequence")


@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest, slug: str) -> HttpResponse:
    """The office's form; a link may prefill it (see :func:`forms.initial_from_query`)."""
    if not service.is_office(request.user):
        raise PermissionDenied
    plan = access.get_or_404(Plan, slug=slug)
    if request.method == "GET":
        form = ItemForm(plan, initial=initial_from_query(plan, request.GET))
        return render(request, "supervision/new.html", {"plan": plan, "form": form})
    form = ItemForm(plan, request.POST)
    if form.is_valid():
        try:
            item = service.open_item(request.user, plan, **item_kwargs(form.cleaned_data))
        except service.InvalidItem as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("%(number)s opened for %(department)s.")
                % {"number": item.number, "department": item.department.name},
            )
            return redirect("supervision:detail", slug=slug, item=item.pk)
    return render(request, "supervision/new.html", {"plan": plan, "form": form}, status=400)


@login_required
@require_GET
def detail(request: HttpRequest, slug: str, item: int) -> HttpResponse:
    found = _visible(request, slug, item)
    today = timezone.localdate()
    context = {
        "plan": found.plan,
        "item": found,
        "rows": timeline(found),
        "overdue": found.is_overdue(today),
        "days_late": found.days_overdue(today),
        "may_answer": service.may_answer(request.user, found) and found.awaits_department,
        "may_verify": service.is_office(request.user) and found.state == ItemState.ANSWERED,
        "nobody_answers": found.awaits_department and not service.has_reporter(found.department),
    }
    return render(request, "supervision/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, slug: str, item: int) -> HttpResponse:
    """The department's rectification report; 403 for anyone but its reporters."""
    found = access.get_or_404(SupervisionItem, pk=item, plan__slug=slug)
    if not service.may_answer(request.user, found):
        raise PermissionDenied
    if not found.awaits_department:
        return _moved_on(request, found)
    form = AnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            service.answer(request.user, found, form.cleaned_data["text"], form.cleaned_data["evidence"])
        except service.WrongState:
            return _moved_on(request, found)
        except service.InvalidItem as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("Your rectification report on %(number)s was sent to the planning office.")
                % {"number": found.number},
            )
            return redirect("supervision:detail", slug=slug, item=found.pk)
    status = 400 if form.is_bound else 200
    return render(request, "supervision/answer.html", _step_context(found, form), status=status)


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, slug: str, item: int) -> HttpResponse:
    """The office's decision on an answer: close (销号) or send back with a comment."""
    if not service.is_office(request.user):
        raise PermissionDenied
    found = access.get_or_404(SupervisionItem, pk=item, plan__slug=slug)
    if found.state != ItemState.ANSWERED:
        return _moved_on(request, found)
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"]
        try:
            if form.cleaned_data["decision"] == "close":
                service.close(request.user, found, comment)
                done = _("%(number)s is closed.")
            else:
                service.send_back(request.user, found, comment)
                done = _("%(number)s was sent back to %(department)s with your comment.")
        except service.WrongState:
            return _moved_on(request, found)
        messages.success(request, done % {"number": found.number, "department": found.department.name})
        return redirect("supervision:detail", slug=slug, item=found.pk)
    status = 400 if form.is_bound else 200
    return render(request, "supervision/verify.html", _step_context(found, form), status=status)


@login_required
@require_GET
def evidence(request: HttpRequest, slug: str, item: int, file: int) -> FileResponse:
    """An evidence file of a rectification report, for whoever may read the item."""
    found = _visible(request, slug, item)
    stored = access.get_or_404(RectificationFile, pk=file, rectification__item=found)
    return FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.name)


def _visible(request: HttpRequest, slug: str, pk: int) -> SupervisionItem:
    """The item, or 404 also when the user may not read it (another department's)."""
    found = access.get_or_404(SupervisionItem.objects.select_related("plan", "department"), pk=pk, plan__slug=slug)
    if not service.may_see(request.user, found):
        raise Http404
    return found


def _step_context(item: SupervisionItem, form: Any) -> dict[str, Any]:
    reports = item.rectifications.select_related("submitted_by").prefetch_related("files")
    return {"plan": item.plan, "item": item, "form": form, "reports": reports}


def _moved_on(request: HttpRequest, item: SupervisionItem) -> HttpResponse:
    item.refresh_from_db()
    messages.warning(
        request,
        _("%(number)s is now %(state)s: nothing was changed.")
        % {"number": item.number, "state": item.get_state_display()},
    )
    return redirect("supervision:detail", slug=item.plan.slug, item=item.pk)
