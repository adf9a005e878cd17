"""Excel pages: download the template, upload it filled in, preview the changes, confirm."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from planeval.web.core import values
from planeval.web.reporting import preview as previews
from planeval.web.reporting import workbook
from planeval.web.reporting.forms import UploadForm
from planeval.web.reporting.rows import department_rows
from planeval.web.reporting.scope import Scope, entry_scope, require_entry

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _scope(request: HttpRequest, slug: str, period: str) -> Scope:
    scope = entry_scope(request, slug, period)
    if scope.department is None:
        raise Http404("choose a department")
    return scope


def _url(name: str, scope: Scope) -> str:
    return reverse(name, args=[scope.plan.slug, scope.round.period]) + scope.query()


@login_required
@require_GET
def template(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    """The department's template for the round, pre-filled (.xlsx)."""
    scope = _scope(request, slug, period)
    content = workbook.build(scope, department_rows(request.user, scope.round, scope.indicators()))
    name = f"{scope.plan.slug}-{scope.round.period}-{scope.department.code if scope.department else ''}.xlsx"
    return HttpResponse(content, content_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@login_required
@require_POST
def upload(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    """Read a filled-in template and keep what it would change in the session for the preview."""
    scope = _scope(request, slug, period)
    require_entry(request, scope)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["workbook"]
        try:
            lines = workbook.read(upload, scope)
        except workbook.NotTemplate as error:
            form.add_error("workbook", str(error))
        else:
            found = previews.compare(request.user, scope, lines, upload.name or "")
            request.session[previews.SESSION_KEY] = found.to_session()
            return redirect(_url("reporting:preview", scope), permanent=False)
    return render(request, "reporting/preview.html", {"scope": scope, "upload_form": form}, status=400)


def _pending(request: HttpRequest, scope: Scope) -> previews.Preview | None:
    data = request.session.get(previews.SESSION_KEY)
    if not data or data.get("scope") != workbook.marker(scope):
        return None
    return previews.Preview.from_session(data)


@login_required
@require_GET
def preview(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    """Every change (old → new) and every problem of the uploaded file; nothing saved yet."""
    scope = _scope(request, slug, period)
    found = _pending(request, scope)
    if found is None:
        messages.info(request, _("There is no upload waiting to be confirmed."))
        return redirect(_url("reporting:form", scope))
    return render(request, "reporting/preview.html", {"scope": scope, "preview": found, "upload_form": UploadForm()})


@login_required
@require_POST
def confirm(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    """Save the previewed changes (all or nothing), or discard them (``action=discard``)."""
    scope = _scope(request, slug, period)
    require_entry(request, scope)
    found = _pending(request, scope)
    request.session.pop(previews.SESSION_KEY, None)
    if found is None or request.POST.get("action") == "discard":
        messages.info(request, _("The upload was discarded; nothing was saved."))
        return redirect(_url("reporting:form", scope))
    if found.problems:  # the preview offers no confirmation then; a forged POST lands here
        messages.error(request, _("Nothing was saved: correct the problems listed and upload the file again."))
        return redirect(_url("reporting:form", scope))
    try:
        saved = previews.confirm(request.user, scope, found)
    except (values.InvalidValue, values.Conflict) as error:
        messages.error(request, _("Nothing was saved: %(reason)s Upload the file again.") % {"reason": error})
    else:
        messages.success(request, ngettext("%(n)d value saved from the file.", "%(n)d values saved from the file.",
                                           saved) % {"n": saved})  # fmt: skip
    return redirect(_url("reporting:form", scope))
