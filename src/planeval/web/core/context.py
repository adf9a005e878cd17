"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from planeval.web.core.access import role_of


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The signed-in user's role, for the menu."""
    return {"role": role_of(request.user) if request.user.is_authenticated else None}
