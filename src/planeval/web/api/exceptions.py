"""How the API answers its refusals: DRF's handler, except that a refused login is remembered.

Each request runs in one transaction (``ATOMIC_REQUESTS``) and DRF rolls it back for every error
it answers. For wrong credentials that would also roll back the failure django-axes has just
recorded (:mod:`planeval.web.core.throttle`), and passwords could be guessed through the API
without limit. Authentication runs before the view does anything, so the failure record is the
only write to keep.
"""

from __future__ import annotations

from typing import Any

from django.db import connections
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's answer to ``exc``; the transaction is kept when ``exc`` is a refused login."""
    response = drf_exception_handler(exc, context)
    if isinstance(exc, AuthenticationFailed):
        for connection in connections.all(initialized_only=True):
            if connection.settings_dict["ATOMIC_REQUESTS"] and connection.in_atomic_block:
                connection.set_rollback(False)
    return response
