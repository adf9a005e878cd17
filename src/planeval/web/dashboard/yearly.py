"""Setting and clearing a yearly target (年度目标) from the indicator page.

Only the planning office may (:func:`planeval.web.core.access.may_set_yearly_targets`); every
other role reads the yearly targets on the page. A yearly target overrides the computed
breakdown of its year (:mod:`planeval.yearly_targets`); saving and deleting go through the model,
so django-simple-history keeps who changed what and when.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planeval.web.core import access
from planeval.web.core.access import READERS, get_or_404, require
from planeval.web.core.models import AnnualTarget, Indicator, Plan
from planeval.web.dashboard.forms import CLEAR, YearlyTargetForm
from planeval.web.dashboard.selection import select
from planeval.web.dashboard.views import indicator_page


@login_required
@require_POST
def set_yearly_target(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """Set (``action=set``) or clear (``action=clear``) the target of ``year``; back to the
    indicator page as it was selected (``as_of``, ``method`` posted along), or the page again
    with the form's errors (400)."""
    require(request.user, READERS)
    if not access.may_set_yearly_targets(request.user):
        raise PermissionDenied
    plan = get_or_404(Plan, slug=slug)
    stored = get_or_404(Indicator, plan=plan, code=code)
    selection = select(plan, request.POST)
    form = YearlyTargetForm(request.POST, stored)
    if not form.is_valid():
        return indicator_page(request, plan, selection, stored, form, status=400)
    data = form.cleaned_data
    facts = {"year": data["year"], "text": data["target_text"]}
    with transaction.atomic():
        if data["action"] == CLEAR:
            found = AnnualTarget.objects.filter(indicator=stored, year=data["year"]).first()
            if found is not None:
                found.delete()
            text = _("The %(year)s target is cleared: the computed one applies.") if found else _(
                "There was no %(year)s target to clear.")  # fmt: skip
        else:
            AnnualTarget.objects.update_or_create(
                indicator=stored, year=data["year"],
                defaults={"target_text": data["target_text"], "source": data["source"], "set_by": request.user},
            )  # fmt: skip
            text = _("The %(year)s target is set to %(text)s.")
    messages.success(request, text % facts)
    url = reverse("dashboard:indicator", kwargs={"slug": slug, "code": code})
    return redirect(f"{url}?{selection.query}#yearly-targets")
