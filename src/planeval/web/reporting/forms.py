"""The entry form (one row per indicator) and the Excel upload form."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy

from planeval.web.core.models import Value
from planeval.web.reporting import files

VALUE_MAX_LENGTH = Value._meta.get_field("raw").max_length
EVIDENCE_ACCEPT = ",".join(files.EVIDENCE_SIGNATURES)
PREFIX = "row"


class ValueForm(forms.Form):
    """One indicator's row: the value as typed, why, an optional file, and the version the page
    was made from (0 before the first save)."""

    indicator = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    value = forms.CharField(label=gettext_lazy("Value"), required=False, max_length=VALUE_MAX_LENGTH, strip=True,
                            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))  # fmt: skip
    explanation = forms.CharField(label=gettext_lazy("Explanation"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    evidence = forms.FileField(label=gettext_lazy("Evidence"), required=False,
                               widget=forms.FileInput(attrs={"accept": EVIDENCE_ACCEPT}))  # fmt: skip

    conflict: Value | None = None  # the value someone else saved meanwhile, when they did

    def clean_evidence(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("evidence")
        return files.check_evidence(upload) if upload else None


ValueFormSet = forms.formset_factory(ValueForm, extra=0)


class UploadForm(forms.Form):
    """The filled-in Excel template."""

    workbook = forms.FileField(label=gettext_lazy("Filled-in template (.xlsx)"),
                               widget=forms.FileInput(attrs={"accept": ".xlsx"}))  # fmt: skip

    def clean_workbook(self) -> UploadedFile:
        return files.check_workbook(self.cleaned_data["workbook"])
