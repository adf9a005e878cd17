"""The dashboard pages: the plan at a glance, one indicator, and every method side by side.

Every page reads only: any role may see it (anonymous visitors are sent to log in). The
evaluation is the core's, on approved values (:mod:`planeval.web.core.convert`), kept until the
plan's values change (:mod:`planeval.web.dashboard.cache`).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from planeval.domain.evaluation import Evaluation
from planeval.domain.period import Period
from planeval.evaluate import evaluate, evaluate_methods
from planeval.web.core import access
from planeval.web.core.access import READERS, get_or_404, require
from planeval.web.core.convert import domain_plan, observations
from planeval.web.core.models import Indicator, Plan
from planeval.web.dashboard import cache, detail
from planeval.web.dashboard import compare as comparison
from planeval.web.dashboard import overview as tally
from planeval.web.dashboard.forms import YearlyTargetForm
from planeval.web.dashboard.selection import Selection, period_label, select
from planeval.yearly_targets import Breakdown, fallback_as_of, yearly_targets


def _open(request: HttpRequest, slug: str) -> tuple[Plan, Selection]:
    require(request.user, READERS)
    plan = get_or_404(Plan, slug=slug)
    return plan, select(plan, request.GET)


def _key(plan: Plan, selection: Selection) -> tuple[object, ...]:
    """What the plan's evaluation as selected depends on: the plan's stamp, period and method."""
    return (*cache.stamp(plan), str(selection.as_of), selection.method)


def _evaluate(plan: Plan, selection: Selection, key: tuple[object, ...]) -> Evaluation:
    return cache.cached(
        (*key, "evaluation"),
        lambda: evaluate(domain_plan(plan), observations(plan), selection.as_of, selection.method),
    )


@login_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    """Summary paragraph, counts by attribute and aspect, and a row per indicator."""
    plan, selection = _open(request, slug)
    key = _key(plan, selection)
    # the rows hold labels in the page's language
    page = cache.cached((*key, "overview", get_language()), lambda: _overview(plan, selection, key))
    return render(
        request, "dashboard/overview.html", {"plan": plan, "selection": selection, "page": "overview", **page}
    )


def _overview(plan: Plan, selection: Selection, key: tuple[object, ...]) -> dict[str, Any]:
    """The overview's figures and its indicator table, rendered once per key: the table is the
    bulk of the page and holds nothing of the user's (no form, no token)."""
    page = tally.context(_evaluate(plan, selection, key))
    table = render_to_string("dashboard/_indicator_table.html", {"plan": plan, "selection": selection, **page})
    return {**page, "indicator_table": mark_safe(table)}  # rendered (and escaped) by the template engine


@login_required
def indicator(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """The indicator's chart, the numbers behind its verdict, projections, every value and the
    yearly targets."""
    plan, selection = _open(request, slug)
    return indicator_page(request, plan, selection, get_or_404(Indicator, plan=plan, code=code))


def indicator_page(
    request: HttpRequest,
    plan: Plan,
    selection: Selection,
    stored: Indicator,
    form: YearlyTargetForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The indicator page; ``form`` a yearly-target form posted with errors (shown with ``status``)."""
    key = _key(plan, selection)
    result = _evaluate(plan, selection, key).result(stored.code)
    page = detail.context(
        result,
        plan.base_year,
        plan.slug,
        list(access.visible_values(request.user, stored.values.all())),
        selection.as_of,
    )
    row = tally.row(result, plan.base_year)
    yearly = _yearly(request, plan, selection, key, stored, form)
    return render(
        request,
        "dashboard/indicator.html",
        {"plan": plan, "selection": selection, "page": "indicator", "indicator": stored, "row": row, **page, **yearly},
        status=status,
    )


def _yearly(
    request: HttpRequest,
    plan: Plan,
    selection: Selection,
    key: tuple[object, ...],
    stored: Indicator,
    form: YearlyTargetForm | None,
) -> dict[str, Any]:
    """The yearly targets of the page, and for the planning office the form that sets them.

    When the page's period leaves no year of the plan (a page opened as of the plan's end), the
    yearly targets are those as of the indicator's latest value, or of the plan's first year
    when it has none (:func:`planeval.yearly_targets.fallback_as_of`): ``yearly_as_of`` names
    that period, ``yearly_no_value`` says it has no value yet.
    """
    breakdown = _breakdowns(plan, selection.as_of, key)[stored.code]
    fallback = fallback_as_of(breakdown, plan.base_year + 1)
    if fallback is not None:
        breakdown = _breakdowns(plan, fallback, key)[stored.code]
    targets = list(stored.annual_targets.select_related("set_by"))
    if form is None and access.may_set_yearly_targets(request.user):
        as_of = fallback or selection.as_of
        first = breakdown.years[0].year if breakdown.years else min(as_of.year + 1, stored.target_year)
        form = YearlyTargetForm(None, stored, initial={"year": first})
    return {
        "yearly": detail.yearly_targets(breakdown, targets),
        "yearly_form": form,
        "yearly_as_of": period_label(fallback) if fallback else "",
        "yearly_no_value": breakdown.latest is None,
    }


def _breakdowns(plan: Plan, as_of: Period, key: tuple[object, ...]) -> dict[str, Breakdown]:
    """Every indicator's yearly targets as of ``as_of``, kept with the page's plan ``key``."""
    return cache.cached(
        (*key, "yearly", str(as_of)),
        lambda: {b.code: b for b in yearly_targets(domain_plan(plan), observations(plan), as_of)},
    )


@login_required
def compare(request: HttpRequest, slug: str) -> HttpResponse:
    """Every method side by side; rows where they split on the schedule are marked."""
    plan, selection = _open(request, slug)
    page = cache.cached(
        (*_key(plan, selection), "compare", get_language()),
        lambda: comparison.context(evaluate_methods(domain_plan(plan), observations(plan), selection.as_of)),
    )
    return render(request, "dashboard/compare.html", {"plan": plan, "selection": selection, "page": "compare", **page})
