"""Who may do what: the one place every page and API route asks.

=============  ===============================================================================
role           may
=============  ===============================================================================
planner        everything for every plan: rounds, review, import, reports, yearly targets
reporter       read the plan; enter and submit values of its own department's indicators while
               the round is open and the value is not approved
               and report progress of the key tasks its department leads (牵头); see its own
               department's row of the department assessment (with its rank), not the others'
reviewer       read; approve or return submitted values
viewer         read dashboards
=============  ===============================================================================

Views call :func:`require` (403 otherwise: :class:`RoleRequired`, whose page names the roles
that may) and fetch objects with :func:`get_or_404`.
"""

from __future__ import annotations

import datetime
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from planeval.web.core.models import Indicator, Membership, ReportingRound, Role, RoundState, Value, ValueState

M = TypeVar("M", bound=Model)

READERS = frozenset(Role)
REVIEWERS = frozenset({Role.PLANNER, Role.REVIEWER})
PLANNERS = frozenset({Role.PLANNER})
"""The planning office: sets and clears the yearly targets (年度目标) of the indicators."""


def role_of(user: AbstractBaseUser | AnonymousUser) -> Role | None:
    """The user's role, or None for an anonymous visitor or a user with no membership."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.PLANNER
    membership = Membership.objects.filter(user=user).first()
    return Role(membership.role) if membership else None


class RoleRequired(PermissionDenied):
    """Refused by role: only ``roles`` may do this. The 403 page names them
    (:mod:`planeval.web.core.error_pages`); the exception carries no message, so the API's
    answer stays DRF's own."""

    def __init__(self, roles: frozenset[Role]) -> None:
        super().__init__()
        self.roles = roles


def require(user: AbstractBaseUser | AnonymousUser, roles: frozenset[Role]) -> Role:
    """The user's role when it is one of ``roles``.

    Raises:
        RoleRequired: anonymous, no membership, or another role (a PermissionDenied: 403).
    """
    role = role_of(user)
    if role is None or role not in roles:
        raise RoleRequired(roles)
    return role


def round_is_open(round_: ReportingRound, today: datetime.date | None = None) -> bool:
    """True while reporters may enter values: the round is open and ``today`` (the site's local
    date by default) lies between its opening and its deadline, both days included."""
    day = today or timezone.localdate()
    return round_.state == RoundState.OPEN and round_.opens <= day <= round_.deadline


def may_report(user: AbstractBaseUser | AnonymousUser, indicator: Indicator, round_: ReportingRound,
               value: Value | None = None) -> bool:  # fmt: skip
    """True when ``user`` may write ``indicator``'s value in ``round_``: a planner always
    (except an approved value); a reporter of the indicator's department while the round is
    open (:func:`round_is_open`: not closed, not before its opening, not past its deadline), and
    after the deadline still for a value the reviewer returned, until the round is closed (review
    runs past the deadline). An approved value is locked for everyone."""
    if value is not None and value.state == ValueState.APPROVED:
        return False
    role = role_of(user)
    if role is Role.PLANNER:
        return True
    returned = value is not None and value.state == ValueState.RETURNED and round_.state == RoundState.OPEN
    if role is not Role.REPORTER or not (round_is_open(round_) or returned):
        return False
    membership = Membership.objects.get(user=user)
    return indicator.department_id is not None and indicator.department_id == membership.department_id


def visible_values(user: AbstractBaseUser | AnonymousUser, values: QuerySet[Value]) -> QuerySet[Value]:
    """The values ``user`` may see: approved ones for everybody; drafts, submitted and returned
    values only for the planning office, reviewers and the reporters of the indicator's own
    department (a draft is the department's own work until it is reported)."""
    role = role_of(user)
    if role in (Role.PLANNER, Role.REVIEWER):
        return values
    if role is Role.REPORTER:
        return values.filter(Q(state=ValueState.APPROVED) | Q(indicator__department_id=department_of(user)))
    return values.filter(state=ValueState.APPROVED)


def may_see(user: AbstractBaseUser | AnonymousUser, value: Value) -> bool:
    """True when ``user`` may see ``value`` (see :func:`visible_values`)."""
    return visible_values(user, Value.objects.filter(pk=value.pk)).exists()


def assessed_departments(user: AbstractBaseUser | AnonymousUser) -> set[str] | None:
    """The departments (by name) whose assessment rows ``user`` may see: a reporter its own
    department's only (none without a department); None — every row — for the other roles."""
    if role_of(user) is not Role.REPORTER:
        return None
    membership = Membership.objects.filter(user=user).select_related("department").first()
    return {membership.department.name} if membership and membership.department else set()


def may_set_yearly_targets(user: AbstractBaseUser | AnonymousUser) -> bool:
    """True for the planning office, which sets the yearly targets that override the computed
    breakdown; every other role reads them."""
    return role_of(user) in PLANNERS


def may_report_task(user: AbstractBaseUser | AnonymousUser, task: Model) -> bool:
    """True when ``user`` may report progress on ``task`` (a key task, ``planeval.web.tasks``):
    the planning office always; a reporter of the task's lead department (牵头单位), not one of
    a cooperating department."""
    role = role_of(user)
    if role is Role.PLANNER:
        return True
    lead = getattr(task, "lead_id", None)
    return role is Role.REPORTER and lead is not None and lead == department_of(user)


def may_import_tasks(user: AbstractBaseUser | AnonymousUser) -> bool:
    """True for the planning office, which imports the responsibility breakdown (责任分解方案)."""
    return role_of(user) is Role.PLANNER


def department_of(user: AbstractBaseUser | AnonymousUser) -> int | None:
    """The department id of a reporter, else None."""
    membership = Membership.objects.filter(user=user).first() if user.is_authenticated else None
    return membership.department_id if membership else None


def get_or_404(model: type[M], **lookup: object) -> M:
    """The object, or a 404 page."""
    return get_object_or_404(model, **lookup)
