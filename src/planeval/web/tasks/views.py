"""The pages of a plan's key tasks: the list, one task, its progress form and evidence files.

Every signed-in role reads; the planning office and the reporters of a task's lead department
report its progress (:func:`planeval.web.core.access.may_report_task`); the office imports the
breakdown (:mod:`planeval.web.tasks.imports`).
"""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from planeval.domain.task import Milestone
from planeval.web.core.access import READERS, get_or_404, may_import_tasks, may_report_task, require
from planeval.web.core.models import Plan
from planeval.web.tasks.forms import ImportForm, ProgressForm
from planeval.web.tasks.history import task_history
from planeval.web.tasks.listing import FilterForm, assessed, listing
from planeval.web.tasks.models import ProgressUpdate, Task


@login_required
@require_GET
def task_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The plan's tasks with their status today, filtered by status, department and chapter."""
    require(request.user, READERS)
    plan = get_or_404(Plan, slug=slug)
    form, today = FilterForm(plan, request.GET), timezone.localdate()
    context = {"plan": plan, "form": form, "listing": listing(plan, form, today), "today": today,
               "filtered": any(form.value(name) for name in form.fields),
               "may_import": may_import_tasks(request.user), "import_form": ImportForm()}  # fmt: skip
    return render(request, "tasks/list.html", context)


def _task(slug: str, pk: int) -> Task:
    return get_or_404(Task.objects.select_related("plan", "lead"), pk=pk, plan__slug=slug)


@login_required
@require_GET
def detail(request: HttpRequest, slug: str, task: int) -> HttpResponse:
    """One task: its facts and status, milestones (overdue marked), updates and history."""
    require(request.user, READERS)
    found = _task(slug, task)
    today = timezone.localdate()
    (row,) = assessed(Task.objects.filter(pk=found.pk), today)
    milestones = [(m, Milestone(m.year, m.text, m.done_on).is_overdue(today)) for m in found.milestones.all()]
    context = {"plan": found.plan, "task": found, "row": row, "milestones": milestones,
               "updates": found.updates.select_related("reported_by"), "history": task_history(found),
               "may_report": may_report_task(request.user, found)}  # fmt: skip
    return render(request, "tasks/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, slug: str, task: int) -> HttpResponse:
    """The progress form, for the office and the lead department's reporters (403 otherwise)."""
    require(request.user, READERS)
    found = _task(slug, task)
    if not may_report_task(request.user, found):
        raise PermissionDenied
    form = ProgressForm(found, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        _save_update(request, found, form)
        messages.success(request, _("Progress of %(code)s saved.") % {"code": found.code})
        return redirect("tasks:detail", slug=slug, task=found.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "tasks/report.html", {"plan": found.plan, "task": found, "form": form}, status=status)


def _save_update(request: HttpRequest, task: Task, form: ProgressForm) -> None:
    data = form.cleaned_data
    with transaction.atomic():
        ProgressUpdate.objects.create(
            task=task, reported_on=data["reported_on"], percent=data["percent"],
            investment_completed=data.get("investment_completed"), narrative=data["narrative"],
            evidence=data["evidence"] or "", reported_by=request.user,
        )  # fmt: skip
        milestone = data["milestone"]
        if milestone is not None:
            milestone.done_on = data["milestone_done_on"]
            milestone.save(update_fields=["done_on"])


@login_required
@require_GET
def evidence(request: HttpRequest, slug: str, update: int) -> FileResponse:
    """The evidence file of a progress update, as a download, for every signed-in role (a task's
    progress is public once reported, as an approved value is)."""
    require(request.user, READERS)
    found = get_or_404(ProgressUpdate.objects.exclude(evidence=""), pk=update, task__plan__slug=slug)
    return FileResponse(found.evidence.open("rb"), as_attachment=True, filename=PurePath(found.evidence.name).name)
