"""The supervision loop's steps, shared by the pages and the escalation command.

==================  ==================  ===================================================
step                who                 state
==================  ==================  ===================================================
:func:`open_item`   planning office     (new) → open
:func:`answer`      reporter of the     open or returned → answered, with a rectification
                    item's department   report (整改报告) and evidence files
:func:`close`       planning office     answered → closed (销号)
:func:`send_back`   planning office     answered → returned, with the office's comment
:func:`escalate_    nobody (cron)       level raised while the item waits on the department
overdue`                                (open or returned) past its deadline, counted from
                                        the return when it came later
                                        (:mod:`planeval.domain.escalation`)
==================  ==================  ===================================================

Each step runs in one transaction on the item locked for it, and records the change in the
item's history with the user and a reason. Refusals are typed: :class:`WrongPerson` (403),
:class:`WrongState` (the item moved on: the pages say so), :class:`InvalidItem` (a form error,
naming the field). Who may read an item: :func:`visible_items`.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from planeval.domain.escalation import EscalationSettings, Level, days_overdue, overdue_since, raised_level
from planeval.web.core import access
from planeval.web.core.models import Department, Indicator, Plan, Role
from planeval.web.reporting import files
from planeval.web.supervision.models import (
    RULE_MAX_LENGTH,
    ItemState,
    Kind,
    Rectification,
    RectificationFile,
    SupervisionItem,
)
from planeval.web.tasks.models import Task

User = AbstractBaseUser | AnonymousUser
REASON_MAX_LENGTH = 100
"""django-simple-history keeps a change reason of at most 100 characters; longer comments are
kept whole in the item's ``office_comment`` and shortened in the reason."""
ANSWERABLE = (ItemState.OPEN, ItemState.RETURNED)


class InvalidItem(Exception):
    """A step that cannot be taken as given; ``field`` names the form field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


class WrongPerson(PermissionDenied):
    """The user may not take this step on this item (another department, not the office)."""


class WrongState(PermissionDenied):
    """The item is not in the state the step needs (closing an open item, answering a closed
    one): usually someone else took a step meanwhile."""


@dataclass(frozen=True)
class Escalation:
    """An item raised by :func:`escalate_overdue`: its level before and after."""

    item: SupervisionItem
    before: int
    after: Level
    days: int


# Who may do what -------------------------------------------------------------------------------


def visible_items(user: User, items: QuerySet[SupervisionItem]) -> QuerySet[SupervisionItem]:
    """The items ``user`` may read: a reporter its own department's, every other role all.

    Raises:
        PermissionDenied: anonymous or without a role.
    """
    role = access.require(user, access.READERS)
    if role is Role.REPORTER:
        return items.filter(department_id=access.department_of(user))
    return items


def may_see(user: User, item: SupervisionItem) -> bool:
    return visible_items(user, SupervisionItem.objects.filter(pk=item.pk)).exists()


def is_office(user: User) -> bool:
    """True for the planning office, which opens, closes and sends back items."""
    return access.role_of(user) is Role.PLANNER


def may_answer(user: User, item: SupervisionItem) -> bool:
    """True for a reporter of the item's department (whatever the item's state)."""
    return access.role_of(user) is Role.REPORTER and access.department_of(user) == item.department_id


def has_reporter(department: Department) -> bool:
    """True when an active user reports for ``department``: somebody can answer its items. An
    item may be opened for a department without one; the pages warn that nobody can answer it."""
    return departments_with_reporters().filter(pk=department.pk).exists()


def departments_with_reporters() -> QuerySet[Department]:
    """The departments that have at least one active reporter."""
    return Department.objects.filter(membership__role=Role.REPORTER, membership__user__is_active=True).distinct()


def _require_office(user: User) -> None:
    if not is_office(user):
        raise WrongPerson(_("Only the planning office may do this."))


# The steps -------------------------------------------------------------------------------------


@transaction.atomic
def open_item(
    user: User,
    plan: Plan,
    *,
    department: Department,
    findings: str,
    requirement: str,
    deadline: datetime.date,
    opened_on: datetime.date | None = None,
    kind: str = Kind.WRITTEN,
    indicator: Indicator | None = None,
    task: Task | None = None,
    rule: str = "",
) -> SupervisionItem:
    """Open an item dated ``opened_on`` (today by default), numbered after the plan's last one of
    that year: numbers follow the order items are entered, as in a register of outgoing documents
    (发文登记), so an item entered late with an earlier date takes the next free number.

    Raises:
        WrongPerson: not the planning office.
        InvalidItem: empty findings or requirement, an opening after today or before the plan's
            base year, a deadline before the opening, a subject of another plan, both an
            indicator and a task, an unknown kind, a rule name too long.
    """
    _require_office(user)
    opened_on = opened_on or timezone.localdate()
    _check_opening(plan, findings, requirement, opened_on, deadline, kind, indicator, task, rule)
    Plan.objects.select_for_update().get(pk=plan.pk)  # numbers are taken one at a time per plan
    last = SupervisionItem.objects.filter(plan=plan, year=opened_on.year).aggregate(last=Max("sequence"))["last"]
    item = SupervisionItem(
        plan=plan,
        year=opened_on.year,
        sequence=(last or 0) + 1,
        kind=kind,
        opened_on=opened_on,
        findings=findings.strip(),
        requirement=requirement.strip(),
        department=department,
        deadline=deadline,
        indicator=indicator,
        task=task,
        rule=rule.strip(),
        opened_by=user,
        updated_by=user,
    )
    item._change_reason = pgettext("supervision", "opened")  # type: ignore[attr-defined]
    item.save()
    return item


def _check_opening(
    plan: Plan,
    findings: str,
    requirement: str,
    opened_on: datetime.date,
    deadline: datetime.date,
    kind: str,
    indicator: Indicator | None,
    task: Task | None,
    rule: str,
) -> None:
    if not findings.strip():
        raise InvalidItem("findings", _("Describe the problems found."))
    if not requirement.strip():
        raise InvalidItem("requirement", _("Say what the department must rectify."))
    if opened_on > timezone.localdate():
        raise InvalidItem(
            "opened_on",
            _("The opening %(opened)s is after today: date an item when it is opened.") % {"opened": opened_on},
        )
    if opened_on.year < plan.base_year:
        raise InvalidItem(
            "opened_on",
            _("The opening %(opened)s is before the plan's base year %(year)d.")
            % {"opened": opened_on, "year": plan.base_year},
        )
    if deadline < opened_on:
        raise InvalidItem(
            "deadline",
            _("The deadline %(deadline)s is before the opening %(opened)s.")
            % {"deadline": deadline, "opened": opened_on},
        )
    if kind not in Kind.values:
        raise InvalidItem("kind", _("Unknown kind of supervision: %(kind)s.") % {"kind": kind})
    if indicator is not None and task is not None:
        raise InvalidItem("subject_code", _("An item is about one indicator or one task, not both."))
    subject = indicator or task
    if subject is not None and subject.plan_id != plan.pk:
        raise InvalidItem("subject_code", _("%(subject)s is not of this plan.") % {"subject": subject})
    if len(rule.strip()) > RULE_MAX_LENGTH:
        raise InvalidItem("rule", _("A rule name has at most %(n)d characters.") % {"n": RULE_MAX_LENGTH})


@transaction.atomic
def answer(user: User, item: SupervisionItem, text: str, evidence: Sequence[UploadedFile] = ()) -> Rectification:
    """The department's rectification report on an open or returned item; the item is then
    answered and waits for the office.

    Raises:
        WrongPerson: not a reporter of the item's department.
        WrongState: the item is answered or closed.
        InvalidItem: an empty report, or a file not accepted as evidence
            (:func:`planeval.web.reporting.files.check_evidence`).
    """
    item = _locked(item)
    if not may_answer(user, item):
        raise WrongPerson(_("Only the responsible department answers this item."))
    if item.state not in ANSWERABLE:
        raise WrongState(_("%(number)s is %(state)s: it takes no answer now.") % _facts(item))
    if not text.strip():
        raise InvalidItem("text", _("Describe what was rectified."))
    for upload in evidence:
        try:
            files.check_evidence(upload)
        except ValidationError as error:
            raise InvalidItem("evidence", " ".join(error.messages)) from None
    count = item.rectifications.count() + 1
    report = Rectification.objects.create(item=item, text=text.strip(), submitted_by=user, submitted_at=timezone.now())
    for upload in evidence:
        RectificationFile.objects.create(rectification=report, file=upload, name=PurePath(upload.name or "").name)
    reason = _("rectification report %(n)d submitted") % {"n": count}
    _step(item, user, ItemState.ANSWERED, reason)
    return report


@transaction.atomic
def close(user: User, item: SupervisionItem, comment: str = "", on: datetime.date | None = None) -> SupervisionItem:
    """Accept the department's answer and close the item (销号) on ``on`` (today by default).

    Raises:
        WrongPerson: not the planning office.
        WrongState: the item is not answered.
    """
    _require_office(user)
    item = _locked(item)
    if item.state != ItemState.ANSWERED:
        raise WrongState(_("%(number)s is %(state)s: only an answered item can be closed.") % _facts(item))
    item.closed_on = on or timezone.localdate()
    item.office_comment = comment.strip()
    return _step(
        item, user, ItemState.CLOSED, _shorten(comment.strip() or pgettext("supervision", "closed")), ["closed_on"]
    )


@transaction.atomic
def send_back(user: User, item: SupervisionItem, comment: str, on: datetime.date | None = None) -> SupervisionItem:
    """Send the department's answer back on ``on`` (today by default) with a comment it will see;
    it answers again, late from that day when the deadline has passed
    (:func:`planeval.domain.escalation.overdue_since`).

    Raises:
        WrongPerson: not the planning office.
        InvalidItem: no comment.
        WrongState: the item is not answered.
    """
    _require_office(user)
    if not comment.strip():
        raise InvalidItem("comment", _("Say what is still missing."))
    item = _locked(item)
    if item.state != ItemState.ANSWERED:
        raise WrongState(_("%(number)s is %(state)s: only an answered item can be sent back.") % _facts(item))
    item.office_comment = comment.strip()
    item.returned_on = on or timezone.localdate()
    return _step(item, user, ItemState.RETURNED, _shorten(comment.strip()), ["returned_on"])


def escalations_due(
    on: datetime.date, rules: EscalationSettings | None = None, plan: Plan | None = None
) -> list[Escalation]:
    """The raises due on ``on`` (of ``plan``, or of every plan) given the levels recorded now,
    without writing anything: what :func:`escalate_overdue` would do, on any day.

    Only items waiting on the department (open or sent back) are raised; see
    :mod:`planeval.domain.escalation` for the days. ``rules`` defaults to
    ``settings.SUPERVISION_ESCALATION_DAYS`` (PLANEVAL_ESCALATION_DAYS).
    """
    return [step for item in _waiting(plan, False) if (step := _due(item, on, _rules(rules))) is not None]


@transaction.atomic
def escalate_overdue(
    on: datetime.date, rules: EscalationSettings | None = None, plan: Plan | None = None
) -> list[Escalation]:
    """Raise the level of every item due on ``on`` (:func:`escalations_due`), recording each raise
    in its history with no user. Idempotent: a second run on the same day finds nothing to raise.
    """
    raised = []
    for item in _waiting(plan, True):
        step = _due(item, on, _rules(rules))
        if step is None:
            continue
        item.escalation_level, item.updated_by = step.after, None
        item._change_reason = _shorten(_escalation_reason(item, step))  # type: ignore[attr-defined]
        item.save(update_fields=["escalation_level", "updated_by", "updated_at"])
        raised.append(step)
    return raised


def _rules(rules: EscalationSettings | None) -> EscalationSettings:
    return rules or EscalationSettings(escalation_days=settings.SUPERVISION_ESCALATION_DAYS)


def _waiting(plan: Plan | None, lock: bool) -> QuerySet[SupervisionItem]:
    """The items waiting on the department, in the order they were entered."""
    items = SupervisionItem.objects.filter(state__in=ANSWERABLE).select_related("plan")
    if lock:
        items = items.select_for_update(of=("self",))
    return (items.filter(plan=plan) if plan is not None else items).order_by("pk")


def _due(item: SupervisionItem, on: datetime.date, rules: EscalationSettings) -> Escalation | None:
    level = raised_level(
        item.escalation_level, item.deadline, on, rules, awaits_department=item.awaits_department,
        returned_on=item.returned_on,
    )  # fmt: skip
    if level is None:
        return None
    return Escalation(item, item.escalation_level, level, days_overdue(item.deadline, on, item.returned_on))


# Helpers ---------------------------------------------------------------------------------------


def _locked(item: SupervisionItem) -> SupervisionItem:
    return SupervisionItem.objects.select_for_update().get(pk=item.pk)


def _step(
    item: SupervisionItem, user: User | None, state: str, reason: str, also: Sequence[str] = ()
) -> SupervisionItem:
    item.state, item.updated_by = state, user  # type: ignore[assignment]
    item._change_reason = reason  # type: ignore[attr-defined]
    item.save(update_fields=["state", "updated_by", "office_comment", "updated_at", *also])
    return item


def _escalation_reason(item: SupervisionItem, step: Escalation) -> str:
    facts = {"days": step.days, "deadline": item.deadline.isoformat(), "returned": str(item.returned_on)}
    since_return = overdue_since(item.deadline, item.returned_on) != item.deadline
    if since_return and step.after is Level.REPORTED:
        text = ngettext(
            "%(days)d day since it was sent back on %(returned)s, past the deadline %(deadline)s: level 2, reported",
            "%(days)d days since it was sent back on %(returned)s, past the deadline %(deadline)s: level 2, reported",
            step.days,
        )
    elif since_return:
        text = ngettext(
            "%(days)d day since it was sent back on %(returned)s, past the deadline %(deadline)s: level 1, reminder",
            "%(days)d days since it was sent back on %(returned)s, past the deadline %(deadline)s: level 1, reminder",
            step.days,
        )
    elif step.after is Level.REPORTED:
        text = ngettext(
            "%(days)d day past the deadline %(deadline)s: level 2, reported",
            "%(days)d days past the deadline %(deadline)s: level 2, reported",
            step.days,
        )
    else:
        text = ngettext(
            "%(days)d day past the deadline %(deadline)s: level 1, reminder",
            "%(days)d days past the deadline %(deadline)s: level 1, reminder",
            step.days,
        )
    return text % facts


def _shorten(text: str) -> str:
    """``text`` as a change reason: whole when it fits, else cut with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= REASON_MAX_LENGTH else flat[: REASON_MAX_LENGTH - 1] + "…"


def _facts(item: SupervisionItem) -> dict[str, str]:
    return {"number": item.number, "state": str(item.get_state_display())}
