"""How the API answers its refusals: DRF's handler, except that a refused login is remembered.

Each request runs in one transaction (``ATOMIC_REQUESTS``) and DRF rolls it back for every error
it answers. For wrong credentials that would also roll back the failure django-axes has just
recorded (:mod:`planeval.web.core.throttle`), and passwords could be guessed through the API
without limit. Authentication runs before the view does anything, so the failure record is the
only write to keep.

django-axes marks a login it refused (the user name or address locked out) on the request; DRF
would answer it like a wrong password, 401, so the refusal is answered here: 429 with
``Retry-After`` and ``{"detail": message}`` naming the minutes.
"""

from __future__ import annotations

from typing import Any

from django.db import connections
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from planeval.web.core.throttle import REFUSED, cooloff_minutes, lockout_message


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's answer to ``exc``; the transaction is kept when ``exc`` is a refused login, and a
    login refused because the user name or address is locked out answers 429 saying for how long
    (DRF would say 401 "wrong user name or password", though the password may be right)."""
    response = drf_exception_handler(exc, context)
    if isinstance(exc, AuthenticationFailed):
        for connection in connections.all(initialized_only=True):
            if connection.settings_dict["ATOMIC_REQUESTS"] and connection.in_atomic_block:
                connection.set_rollback(False)
        if getattr(context.get("request"), "axes_locked_out", False):
            retry = {"Retry-After": str(cooloff_minutes() * 60)}
            return Response({"detail": lockout_message()}, status=REFUSED, headers=retry)
    return response
