"""What the warnings page shows of each warning: labels in the page's language, the link to its
indicator, task or department, and for the planning office the link that opens a supervision
item (督办) prefilled from the warning; the filter form; who sees which warnings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import BadRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from planeval.domain.warning import EarlyWarning, SubjectKind, WarningLevel
from planeval.early_warning import get_rule
from planeval.web.core.access import department_of, role_of
from planeval.web.core.models import Department, Role
from planeval.web.dashboard.selection import Selection

RULE_LABELS: dict[str, Promise] = {
    "projection_misses_target": pgettext_lazy("warning rule", "projected to miss the target"),
    "behind_schedule": pgettext_lazy("warning rule", "indicator behind schedule"),
    "binding_behind": pgettext_lazy("warning rule", "binding indicator behind schedule"),
    "milestone_overdue": pgettext_lazy("warning rule", "milestone overdue"),
    "stale_update": pgettext_lazy("warning rule", "no recent progress update"),
    "task_delayed": pgettext_lazy("warning rule", "task delayed"),
    "report_overdue": pgettext_lazy("warning rule", "report overdue"),
}
"""The built-in rules as the site names them (Chinese: the core's labels); a rule registered
later shows the core's label."""
LEVEL_LABELS: dict[WarningLevel, Promise] = {
    WarningLevel.RED: pgettext_lazy("warning level", "red warning"),
    WarningLevel.YELLOW: pgettext_lazy("warning level", "yellow warning"),
}
KIND_LABELS: dict[SubjectKind, Promise] = {
    SubjectKind.INDICATOR: pgettext_lazy("warning subject", "indicator"),
    SubjectKind.TASK: pgettext_lazy("warning subject", "key task"),
    SubjectKind.DEPARTMENT: pgettext_lazy("warning subject", "department"),
}
TASK_PAGE = "tasks:detail"
"""The route of a task's page (``slug``, ``task``: its id); without it, tasks are listed unlinked."""
NEW_SUPERVISION_ITEM = "supervision:new"
SUBJECT_NAME_CHARS = 40
"""A subject's name is shown to this many characters (the last an ellipsis); the whole name is
its tooltip. Key tasks are often a paragraph long."""


def rule_label(name: str) -> str:
    return str(RULE_LABELS[name]) if name in RULE_LABELS else get_rule(name).label


@dataclass(frozen=True)
class Row:
    """One warning as a row of the page."""

    warning: EarlyWarning
    level_label: str
    kind_label: str
    rule_label: str
    link: str | None
    supervise: str | None

    @property
    def short_name(self) -> str:
        """The subject's name cut to :data:`SUBJECT_NAME_CHARS` characters."""
        return shorten(self.warning.subject_name, SUBJECT_NAME_CHARS)

    @property
    def shown_code(self) -> str:
        """The code shown beside the kind: an indicator's or a task's; none for a department,
        which is known by its name."""
        return "" if self.warning.subject_kind is SubjectKind.DEPARTMENT else self.warning.subject_code


def shorten(text: str, limit: int) -> str:
    """``text`` with its spaces folded, cut to ``limit`` characters with "…" when longer."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass(frozen=True)
class Context:
    """What the links of a row need: the plan's ``slug``, the dashboard ``selection`` to keep,
    the viewer's ``role`` and the id of each task by its code."""

    slug: str
    selection: Selection
    role: Role | None
    task_ids: dict[str, int]


def row(warning: EarlyWarning, context: Context) -> Row:
    """The row of ``warning``; ``supervise`` only for the planning office."""
    return Row(
        warning,
        str(LEVEL_LABELS[warning.level]),
        str(KIND_LABELS[warning.subject_kind]),
        rule_label(warning.rule),
        _link(warning, context),
        _supervise(warning, context.slug) if context.role is Role.PLANNER else None,
    )


def _link(warning: EarlyWarning, context: Context) -> str | None:
    code, slug = warning.subject_code, context.slug
    if warning.subject_kind is SubjectKind.INDICATOR:
        return f"{reverse('dashboard:indicator', kwargs={'slug': slug, 'code': code})}?{context.selection.query}"
    if warning.subject_kind is SubjectKind.TASK:
        task = context.task_ids.get(code)
        return _reverse(TASK_PAGE, slug=slug, task=str(task)) if task is not None else None
    if context.role in (Role.PLANNER, Role.REVIEWER):  # the department's values of the round, to review
        return _reverse("review:department", slug=slug, period=str(warning.fact("period")), code=code)
    return None


def _supervise(warning: EarlyWarning, slug: str) -> str | None:
    base = _reverse(NEW_SUPERVISION_ITEM, slug=slug)
    if base is None:
        return None
    query = {
        "rule": warning.rule,
        "subject_kind": warning.subject_kind.value,
        "subject_code": warning.subject_code,
        "department": warning.department,
        "findings": findings(warning),
    }
    return f"{base}?{urlencode(query)}"


def findings(warning: EarlyWarning) -> str:
    """The findings a supervision item opened from ``warning`` starts with: its level, its rule
    and its message, the rule named once (a message that already opens with the rule's name, as
    ``task_delayed``'s does, is not prefixed again): 【红色预警】任务滞后：已过完成时限 2025-12-31，已完成30%."""
    label = get_rule(warning.rule).label
    said = warning.message if warning.message.startswith(f"{label}：") else f"{label}：{warning.message}"
    return f"【{warning.level.label}】{said}"


def _reverse(name: str, **kwargs: str) -> str | None:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:  # the page is not part of this site
        return None


def department_scope(user: AbstractBaseUser | AnonymousUser) -> str | None:
    """The department (by name) whose warnings ``user`` sees: a reporter's own ("" without a
    department, which sees none); None — every warning — for the other roles."""
    if role_of(user) is not Role.REPORTER:
        return None
    own = department_of(user)
    name = Department.objects.filter(pk=own).values_list("name", flat=True).first() if own else None
    return name or ""


def scoped(warnings: Iterable[EarlyWarning], department: str | None) -> list[EarlyWarning]:
    """The warnings about ``department`` (its indicators, the tasks it leads, its reports), or
    all of them when None."""
    return [w for w in warnings if department is None or (department and w.department == department)]


class FilterForm(forms.Form):
    """The page's filters: level, kind of subject, department; empty means all."""

    level = forms.ChoiceField(required=False)
    kind = forms.ChoiceField(required=False)
    department = forms.ChoiceField(required=False)

    def __init__(self, data: object, departments: Iterable[str]) -> None:
        super().__init__(data)
        every = [("", pgettext_lazy("warning filter", "all"))]
        self.fields["level"].choices = every + [(level.value, LEVEL_LABELS[level]) for level in WarningLevel]
        self.fields["kind"].choices = every + [(kind.value, KIND_LABELS[kind]) for kind in SubjectKind]
        self.fields["department"].choices = every + [(name, name) for name in sorted(set(departments))]
        self.fields["level"].label = pgettext_lazy("warning filter", "Level")
        self.fields["kind"].label = pgettext_lazy("warning filter", "About")
        self.fields["department"].label = pgettext_lazy("warning filter", "Department")

    def chosen(self, warnings: Iterable[EarlyWarning]) -> list[EarlyWarning]:
        """The warnings that pass the filters.

        Raises:
            BadRequest: a level, kind or department that is not offered.
        """
        if not self.is_valid():
            raise BadRequest(" ".join(str(e) for errors in self.errors.values() for e in errors))
        level, kind, department = (self.cleaned_data[name] for name in ("level", "kind", "department"))
        return [
            w
            for w in warnings
            if (not level or w.level.value == level)
            and (not kind or w.subject_kind.value == kind)
            and (not department or w.department == department)
        ]


@dataclass(frozen=True)
class Group:
    """The rows of one level."""

    level: WarningLevel
    label: str
    rows: list[Row]


def groups(rows: list[Row], level: str) -> list[Group]:
    """Red, then yellow, each with its rows; only the level chosen when one is."""
    return [
        Group(each, str(LEVEL_LABELS[each]), [r for r in rows if r.warning.level is each])
        for each in WarningLevel
        if not level or each.value == level
    ]
