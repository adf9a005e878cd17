"""Who may call the API: every route asks :mod:`planeval.web.core.access`, like the pages.

Reading needs any role; what a user may write is decided by :mod:`planeval.web.core.values`,
which answers PermissionDenied (403).
"""

from __future__ import annotations

from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from planeval.web.core.access import READERS, role_of


class IsReader(BasePermission):
    """A signed-in user with a role; anonymous visitors get 401 or 403, users without a role 403."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return role_of(request.user) in READERS
