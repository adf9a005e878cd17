"""The data-entry page of a department for a round: one form with all its indicators."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from planeval.web.core import access
from planeval.web.core.models import Department, Role, RoundState
from planeval.web.reporting import saving
from planeval.web.reporting.forms import PREFIX, UploadForm, ValueForm, ValueFormSet
from planeval.web.reporting.rows import Row, department_rows, tally
from planeval.web.reporting.scope import Scope, entry_scope, require_entry


@login_required
def entry(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    """GET: the form; POST: save the drafts (``action=save``) or save and submit (``action=submit``)."""
    scope = entry_scope(request, slug, period)
    if scope.department is None:
        departments = Department.objects.filter(indicators__plan=scope.plan).distinct()
        return render(request, "reporting/choose.html", {"scope": scope, "departments": departments})
    rows = department_rows(request.user, scope.round, scope.indicators())
    if request.method == "POST":
        return _post(request, scope, rows)
    formset = ValueFormSet(initial=[row.initial() for row in rows if row.editable], prefix=PREFIX)
    return _page(request, scope, rows, formset)


def _post(request: HttpRequest, scope: Scope, rows: list[Row]) -> HttpResponse:
    require_entry(request, scope)
    data = request.POST.copy()  # mutable: a conflict moves a row's version on
    formset = ValueFormSet(data, request.FILES, prefix=PREFIX)
    valid = formset.is_valid()
    pairs = _pairs(formset, rows)
    if not valid:
        return _page(request, scope, rows, formset, status=400)
    outcome = saving.apply(request.user, scope.round, pairs, submit=request.POST.get("action") == "submit")
    if outcome.ok:
        messages.success(request, _summary(outcome))
        return redirect(reverse("reporting:form", args=[scope.plan.slug, scope.round.period]) + scope.query())
    for form in formset:
        if form.conflict is not None:  # the clerk has now seen the other value: saving again replaces it
            data[f"{form.prefix}-version"] = str(form.conflict.version)
    return _page(request, scope, rows, formset, status=409 if outcome.conflicts else 400)


def _pairs(formset: Any, rows: list[Row]) -> list[tuple[Row, ValueForm]]:
    """Each posted form with the row it is for.

    Raises:
        PermissionDenied: a row the page did not offer for entry (another department's
            indicator, an approved value, a round closed to the user).
        SuspiciousOperation: a row without an indicator id.
    """
    by_id = {row.indicator.pk: row for row in rows}
    pairs = []
    for form in formset:
        posted = form["indicator"].value()
        if not str(posted or "").isdigit():
            raise SuspiciousOperation("entry row without an indicator")
        row = by_id.get(int(posted))
        if row is None or not row.editable:
            raise PermissionDenied
        pairs.append((row, form))
    return pairs


def _summary(outcome: saving.Outcome) -> str:
    parts = [ngettext("%(n)d value saved.", "%(n)d values saved.", outcome.saved) % {"n": outcome.saved}]
    if outcome.submitted:
        parts.append(ngettext("%(n)d value submitted for review.", "%(n)d values submitted for review.",
                              outcome.submitted) % {"n": outcome.submitted})  # fmt: skip
    if outcome.files:
        parts.append(ngettext("%(n)d file attached.", "%(n)d files attached.", outcome.files) % {"n": outcome.files})
    # Chinese sentences end in a full-width stop and follow each other without a space.
    return "".join(parts) if all(part.endswith("。") for part in parts) else " ".join(parts)


def closed_reason(scope: Scope) -> str:
    """Why a reporter cannot enter values in the round, or ``""`` when it can."""
    if scope.role is not Role.REPORTER or access.round_is_open(scope.round):
        return ""
    if scope.round.state == RoundState.CLOSED:
        return _("This round is closed: the values are shown read-only.")
    if scope.round.opens > timezone.localdate():
        return _("This round opens on %(date)s: values can be entered from then.") % {"date": scope.round.opens}
    return _("The deadline (%(date)s) has passed: values can no longer be entered. Ask the planning office "
             "if a value must still change.") % {"date": scope.round.deadline}  # fmt: skip


def _page(request: HttpRequest, scope: Scope, rows: list[Row], formset: Any, status: int = 200) -> HttpResponse:
    forms = {int(form["indicator"].value()): form for form in formset}
    context = {
        "scope": scope,
        "entries": [(row, forms.get(row.indicator.pk)) for row in rows],
        "tallies": tally(rows),
        "formset": formset,
        "editable": bool(forms),
        "closed_reason": closed_reason(scope),
        "upload_form": UploadForm(),
        "conflicts": [form.conflict for form in formset if form.conflict is not None],
        "has_errors": any(form.errors for form in formset) or bool(formset.non_form_errors()),
        "error_rows": [row for row in rows if row.indicator.pk in forms and forms[row.indicator.pk].errors],
    }
    return render(request, "reporting/entry.html", context, status=status)
