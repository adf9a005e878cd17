"""The supervision forms: the list's filters, a new item (prefilled from a warning's link), the
department's answer with evidence files, and the office's verification."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from planeval.web.core.models import Department, Indicator, Plan
from planeval.web.reporting import files
from planeval.web.supervision.models import RULE_MAX_LENGTH, ItemState, Kind
from planeval.web.supervision.service import departments_with_reporters
from planeval.web.tasks.models import Task

EVIDENCE_ACCEPT = ",".join(files.EVIDENCE_SIGNATURES)
PREFILLED = ("rule", "subject_kind", "subject_code", "findings")
"""Query parameters the new-item form takes as they are (``department`` is looked up)."""


SUBJECT_KINDS = [
    ("", pgettext_lazy("supervision", "none")),
    ("indicator", pgettext_lazy("supervision", "indicator")),
    ("task", pgettext_lazy("supervision", "task")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class FilterForm(forms.Form):
    """The list's filters; an empty field filters nothing."""

    state = forms.ChoiceField(
        label=pgettext_lazy("supervision", "State"),
        required=False,
        choices=[("", pgettext_lazy("supervision", "all"))] + ItemState.choices,
    )
    department = forms.ModelChoiceField(
        label=pgettext_lazy("supervision", "Department"),
        required=False,
        to_field_name="code",
        queryset=Department.objects.all(),
        empty_label=pgettext_lazy("supervision", "all"),
    )
    overdue = forms.BooleanField(label=pgettext_lazy("supervision", "Overdue only"), required=False)


class ItemForm(forms.Form):
    """A new supervision item; the subject is given by its kind and its code in the plan."""

    kind = forms.ChoiceField(
        label=pgettext_lazy("supervision", "Kind"), choices=Kind.choices, initial=Kind.WRITTEN, widget=forms.RadioSelect
    )
    department = forms.ModelChoiceField(
        label=pgettext_lazy("supervision", "Responsible department"), queryset=Department.objects.all()
    )
    subject_kind = forms.ChoiceField(label=pgettext_lazy("supervision", "About"), choices=SUBJECT_KINDS, required=False)
    subject_code = forms.CharField(label=gettext_lazy("Indicator or task code"), required=False, max_length=40)
    findings = forms.CharField(
        label=pgettext_lazy("supervision", "Findings"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Describe the problems found.")},
    )
    requirement = forms.CharField(
        label=pgettext_lazy("supervision", "Rectification required"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Say what the department must rectify.")},
    )
    opened_on = forms.DateField(label=pgettext_lazy("supervision", "Opened on"), widget=DateInput())
    deadline = forms.DateField(label=pgettext_lazy("supervision", "Rectification deadline"), widget=DateInput())
    rule = forms.CharField(label=gettext_lazy("From warning rule"), required=False, max_length=RULE_MAX_LENGTH)

    def __init__(self, plan: Plan, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["opened_on"].initial = timezone.localdate()
        self.answered_by = set(departments_with_reporters().values_list("pk", flat=True))
        field = self.fields["department"]
        field.label_from_instance = self._department_label  # type: ignore[attr-defined]

    def _department_label(self, department: Department) -> str:
        if department.pk in self.answered_by:
            return department.name
        return _("%(department)s (no reporter account)") % {"department": department.name}

    def unanswerable_department(self) -> Department | None:
        """The department chosen (posted, else prefilled) when nobody reports for it: an item
        opened for it could not be answered until a reporter account exists."""
        chosen = self["department"].value()
        try:
            found = Department.objects.filter(pk=int(chosen)).first() if chosen not in (None, "") else None
        except (TypeError, ValueError):
            return None
        return found if found is not None and found.pk not in self.answered_by else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, code = data.get("subject_kind") or "", (data.get("subject_code") or "").strip()
        data["indicator"], data["task"] = None, None
        if kind and not code:
            self.add_error("subject_code", _("Give the code of the indicator or task."))
        elif code and not kind:
            self.add_error("subject_kind", _("Say whether %(code)s is an indicator or a task.") % {"code": code})
        elif kind:
            subject = find_subject(self.plan, kind, code)
            if subject is None:
                self.add_error(
                    "subject_code",
                    _("The plan has no %(kind)s %(code)s.") % {"kind": dict(SUBJECT_KINDS)[kind], "code": code},
                )
            data[kind] = subject
        return data


def find_subject(plan: Plan, kind: str, code: str) -> Indicator | Task | None:
    """The plan's indicator or task with ``code``, or None."""
    if kind == "indicator":
        return Indicator.objects.filter(plan=plan, code=code).first()
    if kind == "task":
        return Task.objects.filter(plan=plan, code=code).first()
    return None


def find_department(text: str) -> Department | None:
    """The department whose code or name is ``text``, or None."""
    text = text.strip()
    if not text:
        return None
    return Department.objects.filter(code=text).first() or Department.objects.filter(name=text).first()


def initial_from_query(plan: Plan, query: QueryDict) -> dict[str, Any]:
    """The new-item form's initial values from a link (the warnings page's):
    ``rule``, ``subject_kind`` (indicator/task), ``subject_code``, ``findings``, and
    ``department`` as a name or a code; without a department, the subject's own (the
    indicator's department, the task's lead). A warning about a department itself
    (``subject_kind=department``, its code in ``subject_code``) prefills only the department:
    such an item is about neither an indicator nor a task. Unknown names are left out."""
    initial: dict[str, Any] = {name: query[name].strip() for name in PREFILLED if query.get(name, "").strip()}
    named = query.get("department", "")
    if initial.get("subject_kind") == "department":  # a warning about a department's reporting
        code = initial.pop("subject_code", "")
        named = named or code
    if initial.get("subject_kind", "") not in dict(SUBJECT_KINDS):
        initial.pop("subject_kind")
    department = find_department(named)
    subject = find_subject(plan, initial.get("subject_kind", ""), initial.get("subject_code", ""))
    if department is None and isinstance(subject, Indicator):
        department = subject.department
    elif department is None and isinstance(subject, Task):
        department = subject.lead
    if department is not None:
        initial["department"] = department.pk
    return initial


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Any number of evidence files, each checked by its extension, first bytes and size."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": EVIDENCE_ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        single = super().clean
        return [files.check_evidence(single(upload, initial)) for upload in uploads]


class AnswerForm(forms.Form):
    """The department's rectification report."""

    text = forms.CharField(
        label=pgettext_lazy("supervision", "Rectification report"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("What was done, with dates and figures, and what remains."),
        error_messages={"required": gettext_lazy("Describe what was rectified.")},
    )
    evidence = EvidenceField(
        label=pgettext_lazy("supervision", "Evidence files"),
        required=False,
        help_text=gettext_lazy("PDF, PNG, JPG, XLSX or DOCX, at most 5 MB each."),
    )


class VerifyForm(forms.Form):
    """The office's decision on an answer: close the item (销号) or send it back with a comment."""

    decision = forms.ChoiceField(
        label=pgettext_lazy("supervision", "Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("close", gettext_lazy("Rectified: close the item")),
            ("return", gettext_lazy("Not yet: send it back")),
        ],
    )
    comment = forms.CharField(
        label=pgettext_lazy("supervision", "Your comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The department sees it; needed when sending back."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Say what is still missing."))
        return data


def item_kwargs(data: dict[str, Any]) -> dict[str, Any]:
    """The cleaned new-item form as keyword arguments of :func:`service.open_item`."""
    names = ("kind", "department", "findings", "requirement", "opened_on", "deadline", "indicator", "task", "rule")
    return {name: data[name] for name in names}
