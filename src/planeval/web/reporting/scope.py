"""Which plan, round and department a reporting page is about, and whether the user may enter.

Every reporting view starts here: :func:`entry_scope` answers 403/404 through
:mod:`planeval.web.core.access`, so the views never decide permissions themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from planeval.web.core import access
from planeval.web.core.models import Department, Indicator, Plan, ReportingRound, Role

ENTERERS = frozenset({Role.PLANNER, Role.REPORTER})
"""Roles with a data-entry page: a reporter for its department, the planner for any."""


@dataclass(frozen=True)
class Scope:
    """A round of a plan, seen by ``role``; ``department`` is None until a planner picks one."""

    plan: Plan
    round: ReportingRound
    role: Role
    department: Department | None

    def indicators(self) -> list[Indicator]:
        """The department's indicators of the plan, in the plan's order."""
        if self.department is None:
            return []
        return list(self.plan.indicators.filter(department=self.department).order_by("position"))

    def query(self) -> str:
        """The query string that keeps a planner's chosen department on the next page."""
        return f"?department={self.department.code}" if self.role is Role.PLANNER and self.department else ""


def entry_scope(request: HttpRequest, slug: str, period: str) -> Scope:
    """The scope of a data-entry page: a reporter's own department; the planner's
    ``?department=<code>`` (GET or POST), or None when not given.

    Raises:
        PermissionDenied: not a reporter or the planner; a reporter without a department.
        Http404: no such plan, round or department.
    """
    role = access.require(request.user, ENTERERS)
    plan = access.get_or_404(Plan, slug=slug)
    round_ = access.get_or_404(ReportingRound, plan=plan, period=period)
    if role is Role.REPORTER:
        department_id = access.department_of(request.user)
        if department_id is None:
            raise PermissionDenied
        return Scope(plan, round_, role, access.get_or_404(Department, pk=department_id))
    code = request.GET.get("department") or request.POST.get("department")
    return Scope(plan, round_, role, access.get_or_404(Department, code=code) if code else None)


def require_entry(request: HttpRequest, scope: Scope) -> None:
    """Refuse a write unless the user may report some of the department's indicators in the
    round (a reporter after the deadline or in a closed round may not).

    Raises:
        PermissionDenied: no indicator the user may write.
    """
    if not any(access.may_report(request.user, indicator, scope.round) for indicator in scope.indicators()):
        raise PermissionDenied
