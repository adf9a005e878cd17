"""What a dashboard page shows: the as-of period and the evaluation method, read from the
query string (``?as_of=2023H1&method=cagr_ratio``) and checked against the plan.

The as-of period defaults to the latest period with an approved value, capped at the plan's
target year (the core evaluates nothing after it) and no earlier than the plan's first year.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import BadRequest
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from planeval.domain.period import Period, chinese_label, parse_period
from planeval.errors import PeriodError
from planeval.evaluate import DEFAULT_METHOD
from planeval.methods import available_methods
from planeval.web.core.models import Plan, Value, ValueState

METHOD_LABELS: dict[str, Promise] = {
    "time_progress": _("Time progress (序时进度)"),
    "cagr_ratio": _("CAGR ratio (Eurostat)"),
    "escap": _("UN ESCAP progress"),
    "trend_shortfall": _("Trend against gap (Destatis)"),
    "unsd_projection": _("Projected value (UNSD)"),
}
"""How the built-in methods are named on the page; a method registered later shows its name."""


def method_label(name: str) -> str:
    return str(METHOD_LABELS.get(name, name))


def methods() -> list[str]:
    """The registered methods, the default first (the order of ``evaluate_methods``)."""
    return sorted(available_methods(), key=lambda name: (name != DEFAULT_METHOD, name))


def period_label(period: Period) -> str:
    """``2023年上半年`` in Chinese, ``2023H1`` otherwise."""
    return chinese_label(period) if (get_language() or "").startswith("zh") else str(period)


def _approved_periods(plan: Plan) -> set[Period]:
    labels = Value.objects.filter(indicator__plan=plan, state=ValueState.APPROVED, value__isnull=False)
    periods = set()
    # without the model's ordering, which would make DISTINCT one row per value, not per period
    for label in labels.order_by().values_list("period", flat=True).distinct():
        try:
            periods.add(parse_period(label))
        except PeriodError:  # stored before validation existed: it cannot be chosen, nor hide the others
            continue
    return periods


def in_plan(plan: Plan, period: Period) -> bool:
    """True when the core can evaluate the plan as of ``period``: after its first year has
    begun, not after its target year."""
    return period.end > plan.base_year + 1 and period.year <= plan.end_year


def default_as_of(plan: Plan, approved: set[Period]) -> Period:
    """The latest of the ``approved`` periods, capped at the plan's target year; the plan's
    first year when nothing is approved yet."""
    first = Period.of_year(plan.base_year + 1)
    latest = max(approved, default=first)
    if latest.year > plan.end_year:
        return Period.of_year(plan.end_year)
    return max(latest, first)


def period_choices(plan: Plan, approved: set[Period]) -> list[Period]:
    """Every year of the plan and every shorter ``approved`` period in it, in time order."""
    years = {Period.of_year(year) for year in range(plan.base_year + 1, plan.end_year + 1)}
    return sorted(years | {p for p in approved if in_plan(plan, p)})


class SelectionForm(forms.Form):
    as_of = forms.CharField(required=False, max_length=20)
    method = forms.CharField(required=False, max_length=40)

    def __init__(self, data: object, plan: Plan, approved: set[Period]) -> None:
        super().__init__(data)
        self.plan, self.approved = plan, approved

    def clean_as_of(self) -> Period:
        text = self.cleaned_data["as_of"].strip()
        if not text:
            return default_as_of(self.plan, self.approved)
        try:
            period = parse_period(text)
        except PeriodError:
            raise forms.ValidationError(_("as_of=%(text)s is not a period such as 2022 or 2023H1."),
                                        params={"text": text}) from None  # fmt: skip
        if not in_plan(self.plan, period):
            span = {"text": text, "first": self.plan.base_year + 1, "last": self.plan.end_year}
            raise forms.ValidationError(_("as_of=%(text)s is outside the plan period %(first)s–%(last)s: choose a "
                                          "period in it."), params=span)  # fmt: skip
        return period

    def clean_method(self) -> str:
        name = self.cleaned_data["method"].strip() or DEFAULT_METHOD
        if name not in available_methods():
            message = _("method=%(name)s is not an evaluation method the site knows.")
            raise forms.ValidationError(message, params={"name": name})
        return name


@dataclass(frozen=True)
class Selection:
    """The period and method chosen, and what the selector offers."""

    as_of: Period
    method: str
    periods: tuple[Period, ...]

    @cached_property  # read once per row of the overview
    def query(self) -> str:
        """The query string that keeps the choice on the next page."""
        return urlencode({"as_of": str(self.as_of), "method": self.method})

    @property
    def as_of_label(self) -> str:
        return period_label(self.as_of)

    @property
    def method_label(self) -> str:
        return method_label(self.method)

    @property
    def period_options(self) -> list[tuple[str, str]]:
        return [(str(p), period_label(p)) for p in self.periods]

    @property
    def method_options(self) -> list[tuple[str, str]]:
        return [(name, method_label(name)) for name in methods()]


def select(plan: Plan, query: object) -> Selection:
    """The selection in ``query`` (a request's GET).

    Raises:
        BadRequest: a period that cannot be read or is outside the plan, or an unknown method.
    """
    approved = _approved_periods(plan)
    form = SelectionForm(query, plan, approved)
    if not form.is_valid():
        raise BadRequest(" ".join(str(e) for errors in form.errors.values() for e in errors))
    as_of: Period = form.cleaned_data["as_of"]
    choices = period_choices(plan, approved)
    periods = choices if as_of in choices else sorted([*choices, as_of])
    return Selection(as_of, form.cleaned_data["method"], tuple(periods))
