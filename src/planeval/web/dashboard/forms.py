"""The form by which the planning office sets or clears the yearly target (年度目标) of one
year of an indicator, on the indicator page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from planeval.domain.indicator import is_growth_rate_name
from planeval.domain.target import Target, parse_target
from planeval.web.core.models import Indicator

SET, CLEAR = "set", "clear"


def gives_a_number(target: Target) -> bool:
    """True when a yearly target's text sets a number: a value (``3.9``, ``5%左右``, ``>6.5``) or a
    band (``5-6``), as the breakdown needs to carry it forward."""
    return any(number is not None for number in (target.value, target.low, target.high))


class YearlyTargetForm(forms.Form):
    """``year`` one of the plan's years up to the indicator's target year; ``target_text`` as
    the office writes it, read by the core's target parser; ``action`` set or clear."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    target_text = forms.CharField(
        label=_("Target for the year"),
        max_length=100,
        required=False,
        help_text=_("As the office writes it: 3.9, 5%左右, >6.5 or 5-6."),
    )
    source = forms.CharField(label=_("Source"), max_length=200, required=False)
    action = forms.ChoiceField(choices=((SET, SET), (CLEAR, CLEAR)), initial=SET, widget=forms.HiddenInput)

    def __init__(self, data: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.indicator = indicator
        years = range(indicator.plan.base_year + 1, indicator.target_year + 1)
        self.fields["year"].choices = [(year, str(year)) for year in years]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text = (data.get("target_text") or "").strip()
        data["target_text"] = text
        if data.get("action") != SET:
            return data
        if not text:
            self.add_error("target_text", _("Write the year's target, e.g. 3.9 or 5%左右."))
            return data
        ind = self.indicator
        target = parse_target(text, name=ind.name, unit=ind.unit, growth_rate=is_growth_rate_name(ind.name, ind.unit))
        if not gives_a_number(target):
            message = _("“%(text)s” gives no number: write it as 3.9, 5%%左右, >6.5 or 5-6.")
            self.add_error("target_text", message % {"text": text})
        return data
