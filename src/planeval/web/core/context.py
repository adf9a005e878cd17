"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from planeval.web.core.access import role_of
from planeval.web.core.models import Plan, Role


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The signed-in user's role and the menu of the plan being looked at (the plan of the
    page, or the only plan): overview for everyone, reporting for reporters and the office,
    review for reviewers and the office, supervision and the department assessment for everyone."""
    if not request.user.is_authenticated:
        return {"role": None}
    role = role_of(request.user)
    match = request.resolver_match
    slug = match.kwargs.get("slug") if match else None
    if slug is None:
        only = list(Plan.objects.values_list("slug", flat=True)[:2])
        slug = only[0] if len(only) == 1 else None
    return {
        "role": role,
        "nav_slug": slug,
        "may_report": role in (Role.PLANNER, Role.REPORTER),
        "may_review": role in (Role.PLANNER, Role.REVIEWER),
        "may_read_warnings": role is not None,  # every role reads the warnings (reporters their own)
        "may_read_tasks": role is not None,  # every role reads the key tasks
        "may_read_supervision": role is not None,  # every role reads supervision items (reporters their own)
        "may_assess": role is not None,  # every role reads the assessment (reporters their own row)
    }
