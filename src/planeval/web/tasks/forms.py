"""The progress-update form of a task and the upload form of the breakdown workbook."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planeval.domain.numbers import read_number
from planeval.domain.task import Milestone as DomainMilestone
from planeval.domain.task import earliest_report
from planeval.errors import NumberError, PlanError
from planeval.web.reporting import files
from planeval.web.tasks.models import Milestone, Task

EVIDENCE_ACCEPT = ",".join(files.EVIDENCE_SIGNATURES)


class ProgressForm(forms.Form):
    """A department's report on a task: the day, percent complete, for a major project the
    investment completed so far (亿元), what was done, an evidence file, and a milestone of the
    task reached. Numbers are read as people type them (``45%``, full-width digits).

    Refused as implausible (the rules of :mod:`planeval.domain.task`): a day after today or
    before a year ahead of the task's start (:func:`~planeval.domain.task.earliest_report`); a
    milestone whose year has not begun. The milestone is done on the report's day, or on
    1 January of its year when reached earlier (``milestone_done_on`` in ``cleaned_data``). A
    percent below the one reported before needs the reason in the narrative. An investment above
    the planned one is accepted; the task's page marks it (超概算)."""

    reported_on = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    percent = forms.CharField(label=gettext_lazy("Percent complete"), max_length=20,
                              widget=forms.TextInput(attrs={"inputmode": "decimal"}))  # fmt: skip
    investment_completed = forms.CharField(label=gettext_lazy("Investment completed so far (100 million yuan)"),
                                           max_length=30, required=False,
                                           widget=forms.TextInput(attrs={"inputmode": "decimal"}))  # fmt: skip
    narrative = forms.CharField(label=gettext_lazy("Progress made"), required=False,
                                widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    evidence = forms.FileField(label=gettext_lazy("Evidence"), required=False,
                               widget=forms.FileInput(attrs={"accept": EVIDENCE_ACCEPT}))  # fmt: skip
    milestone = forms.ModelChoiceField(label=gettext_lazy("Milestone reached"), required=False,
                                       queryset=Milestone.objects.none(), empty_label=gettext_lazy("none"))  # fmt: skip

    def __init__(self, task: Task, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"reported_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.task = task
        self.fields["milestone"].queryset = task.milestones.filter(done_on__isnull=True)  # type: ignore[attr-defined]
        self.fields["milestone"].label_from_instance = lambda m: f"{m.year}：{m.text}"  # type: ignore[attr-defined]
        if not task.is_project:
            del self.fields["investment_completed"]

    def clean_reported_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["reported_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date is in the future."))
        earliest = earliest_report(self.task.start)
        if day < earliest:
            raise forms.ValidationError(_("The date is before %(earliest)s, a year before the task's start.")
                                        % {"earliest": earliest.isoformat()})  # fmt: skip
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, percent = data.get("reported_on"), data.get("percent")
        if day is not None and data.get("milestone") is not None:
            self._mark_done(data, day)
        if day is not None and percent is not None and not (data.get("narrative") or "").strip():
            self._explain_a_lower_percent(day, percent)
        return data

    def _mark_done(self, data: dict[str, Any], day: datetime.date) -> None:
        milestone: Milestone = data["milestone"]
        try:
            data["milestone_done_on"] = DomainMilestone(milestone.year, milestone.text).done_on_report(
                day, timezone.localdate()
            )
        except PlanError:
            self.add_error("milestone", _("The milestone of %(year)s can be marked done from 1 January %(year)s.")
                           % {"year": milestone.year})  # fmt: skip

    def _explain_a_lower_percent(self, day: datetime.date, percent: float) -> None:
        before = self.task.updates.filter(reported_on__lte=day).order_by("-reported_on", "-pk").first()
        if before is not None and percent < before.percent:
            values = {
                "percent": f"{percent:g}%",
                "before": f"{before.percent:g}%",
                "day": before.reported_on.isoformat(),
            }
            self.add_error("narrative", _("%(percent)s is below the %(before)s reported on %(day)s: say why in the "
                                          "progress made.") % values)  # fmt: skip

    def clean_percent(self) -> float:
        value = _number(self.cleaned_data["percent"])
        if value is None or not 0 <= value <= 100:
            raise forms.ValidationError(_("Enter the percent complete, from 0 to 100."))
        return value

    def clean_investment_completed(self) -> float | None:
        value = _number(self.cleaned_data.get("investment_completed") or "")
        if value is not None and value < 0:
            raise forms.ValidationError(_("The investment completed cannot be negative."))
        return value

    def clean_evidence(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("evidence")
        return files.check_evidence(upload) if upload else None


def _number(text: str) -> float | None:
    try:
        return read_number(text).value
    except NumberError:
        raise forms.ValidationError(_("%(text)s is not a number.") % {"text": text}) from None


class ImportForm(forms.Form):
    """The breakdown workbook (.xlsx) in the office's layout."""

    workbook = forms.FileField(label=gettext_lazy("Responsibility breakdown (.xlsx)"),
                               widget=forms.FileInput(attrs={"accept": ".xlsx"}))  # fmt: skip

    def clean_workbook(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["workbook"]
        if files.extension(upload) != ".xlsx":
            raise forms.ValidationError(_("Upload the breakdown as an Excel .xlsx file."))
        files.check_size(upload, files.WORKBOOK_MAX_BYTES)
        return upload
