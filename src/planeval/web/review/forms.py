"""The review forms: each carries the version of the value the reviewer saw, so that a value
changed meanwhile is not approved or returned unseen."""

from __future__ import annotations

from django import forms
from django.core.exceptions import BadRequest
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _


class ApproveForm(forms.Form):
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ReturnForm(forms.Form):
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Why is it returned?"),
        help_text=_("The department sees this comment on its reporting form."),
        error_messages={"required": _("Say why the value is returned.")},
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def shown_versions(data: QueryDict) -> dict[int, int]:
    """The values an approve-all form showed, ``value=<id>:<version>`` each, as {id: version}.

    Raises:
        BadRequest: a malformed entry (400).
    """
    pairs = [item.partition(":") for item in data.getlist("value")]
    try:
        return {int(pk): int(version) for pk, _colon, version in pairs}
    except ValueError:
        raise BadRequest("value=<id>:<version> expected") from None
