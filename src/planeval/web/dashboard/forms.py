"""The form by which the planning office sets or clears the yearly target (年度目标) of one
year of an indicator, on the indicator page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from planeval.domain.target import Target, parse_target
from planeval.errors import PlanevalError
from planeval.web.core.convert import domain_indicator
from planeval.web.core.models import Indicator
from planeval.yearly_targets import check_yearly_target

SET, CLEAR = "set", "clear"


def gives_a_number(target: Target) -> bool:
    """True when a yearly target's text sets a number: a value (``3.9``, ``5%左右``, ``>6.5``) or a
    band (``5-6``), as the breakdown needs to carry it forward."""
    return any(number is not None for number in (target.value, target.low, target.high))


class YearlyTargetForm(forms.Form):
    """``year`` one of the plan's years up to the indicator's target year; ``target_text`` as
    the office writes it, read by the core's target parser: it must give a number, and not a
    negative one where the indicator's values cannot be negative
    (:func:`planeval.yearly_targets.check_yearly_target`); ``action`` set or clear."""

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

    def full_clean(self) -> None:
        """Validate, then mark the fields in error (``aria-invalid``) and focus the first, so that
        the page sent back with the errors opens at the form with what was typed."""
        super().full_clean()
        invalid = [name for name in self.fields if name in self.errors and not self.fields[name].widget.is_hidden]
        for name in invalid:
            self.fields[name].widget.attrs["aria-invalid"] = "true"
        if invalid:
            self.fields[invalid[0]].widget.attrs["autofocus"] = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text = (data.get("target_text") or "").strip()
        data["target_text"] = text
        if data.get("action") != SET:
            return data
        if not text:
            self.add_error("target_text", _("Write the year's target, e.g. 3.9 or 5%左右."))
            return data
        ind = domain_indicator(self.indicator)
        target = parse_target(text, name=ind.name, unit=ind.unit, growth_rate=ind.is_growth_rate)
        if not gives_a_number(target):
            message = _("“%(text)s” gives no number: write it as 3.9, 5%%左右, >6.5 or 5-6.")
            self.add_error("target_text", message % {"text": text})
            return data
        try:
            check_yearly_target(ind, target)
        except PlanevalError:
            message = _("“%(text)s” is negative, but %(name)s cannot be: only growth rates, reductions and changes "
                        "may have a negative yearly target.")  # fmt: skip
            self.add_error("target_text", message % {"text": text, "name": ind.name})
        return data
