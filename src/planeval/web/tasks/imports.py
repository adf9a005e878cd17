"""Importing the responsibility breakdown (责任分解方案) from Excel: upload, preview, confirm.

The planning office uploads the workbook on the task list; it is read by
:func:`planeval.io.tasks.read_task_sheet` and the tasks are kept in the session (plain data,
never the file) while the preview shows what would be created and changed — each task's start
and due date as read, renumbered and reworded tasks, lead departments changing under a task's
record, columns not read — and which departments the site does not know. Confirming saves
everything in one transaction (:func:`planeval.web.tasks.store.save_tasks`), or nothing while a
problem remains. A file that cannot be read is refused with its place and problem in the page's
language (:func:`planeval.web.tasks.messages.describe`).

Confirming twice (a double click, or the back button) saves once: the second confirmation finds
the import already saved and says so.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from planeval.domain.task import Task as DomainTask
from planeval.errors import PlanError
from planeval.io.tasks import read_task_sheet
from planeval.web.core.access import get_or_404, may_import_tasks
from planeval.web.core.models import Plan
from planeval.web.tasks import store
from planeval.web.tasks.forms import ImportForm
from planeval.web.tasks.messages import describe

SESSION_KEY = "tasks-import"
SAVED_KEY = "tasks-import-saved"
"""The last import saved: its plan and file, so that a second confirmation can say so."""
REASON_LENGTH = 100  # django-simple-history's history_change_reason


def _plan(request: HttpRequest, slug: str) -> Plan:
    if not may_import_tasks(request.user):
        raise PermissionDenied
    return get_or_404(Plan, slug=slug)


@login_required
@require_POST
def upload(request: HttpRequest, slug: str) -> HttpResponse:
    """Read the uploaded workbook and keep its tasks in the session for the preview."""
    plan = _plan(request, slug)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        workbook = form.cleaned_data["workbook"]
        name = workbook.name or "upload.xlsx"
        try:
            table = read_task_sheet(workbook, plan.base_year + 1, plan.end_year, name=name)
        except PlanError as error:
            form.add_error("workbook", _("The file could not be read: %(error)s") % {"error": describe(error)})
        else:
            request.session[SESSION_KEY] = {"plan": plan.slug, "filename": name, "ignored": list(table.ignored),
                                            "tasks": [store.to_data(task) for task in table.tasks]}  # fmt: skip
            return redirect("tasks:import_preview", slug=plan.slug)
    return render(request, "tasks/import.html", {"plan": plan, "import_form": form}, status=400)


def _pending(request: HttpRequest, plan: Plan) -> tuple[str, list[DomainTask], list[str]] | None:
    data: dict[str, Any] | None = request.session.get(SESSION_KEY)
    if not data or data.get("plan") != plan.slug:
        return None
    return data["filename"], [store.from_data(task) for task in data["tasks"]], data.get("ignored", [])


@login_required
@require_GET
def preview(request: HttpRequest, slug: str) -> HttpResponse:
    """What the uploaded breakdown would create and change, and its problems; nothing saved yet."""
    plan = _plan(request, slug)
    pending = _pending(request, plan)
    if pending is None:
        messages.info(request, _("There is no breakdown waiting to be confirmed."))
        return redirect("tasks:list", slug=plan.slug)
    filename, tasks, ignored = pending
    context = {"plan": plan, "preview": store.compare(plan, tasks, filename, ignored), "import_form": ImportForm()}
    return render(request, "tasks/import.html", context)


@login_required
@require_POST
def confirm(request: HttpRequest, slug: str) -> HttpResponse:
    """Save the previewed breakdown (all or nothing), or discard it (``action=discard``)."""
    plan = _plan(request, slug)
    pending = _pending(request, plan)
    if request.POST.get("action") == "discard":
        request.session.pop(SESSION_KEY, None)
        messages.info(request, _("The breakdown was discarded; nothing was saved."))
    elif pending is None:
        _say_nothing_waits(request, plan)
    else:
        _save(request, plan, *pending[:2])
    return redirect("tasks:list", slug=plan.slug)


def _say_nothing_waits(request: HttpRequest, plan: Plan) -> None:
    saved: dict[str, Any] | None = request.session.get(SAVED_KEY)
    if saved and saved.get("plan") == plan.slug:
        messages.info(
            request, _("%(name)s was already imported; nothing more was saved.") % {"name": saved["filename"]}
        )
    else:
        messages.info(request, _("There is no breakdown waiting to be confirmed; nothing was saved."))


def _save(request: HttpRequest, plan: Plan, filename: str, tasks: list[DomainTask]) -> None:
    try:
        done = store.save_tasks(plan, tasks, reason=f"import {filename}"[:REASON_LENGTH])
    except PlanError:
        messages.error(request, _("Nothing was saved: the file names departments the site does not know. "
                                  "Add them, or correct the names, and import the file again."))  # fmt: skip
        return
    request.session.pop(SESSION_KEY, None)
    request.session[SAVED_KEY] = {"plan": plan.slug, "filename": filename}
    created, updated = len(done.created), len(done.updated)
    text = ngettext("Imported %(n)d task: ", "Imported %(n)d tasks: ", len(tasks)) % {"n": len(tasks)}
    messages.success(request, text + _("%(created)d new, %(updated)d changed.") % {"created": created,
                                                                                    "updated": updated})  # fmt: skip
