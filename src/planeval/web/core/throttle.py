"""Login throttling with django-axes: two rules, the client's address, the page of a refusal.

- A user name is refused for ``AXES_COOLOFF_TIME`` after ``AXES_FAILURE_LIMIT`` wrong passwords
  in a row, from wherever they came (``PLANEVAL_LOGIN_FAILURES``, default 5;
  ``PLANEVAL_LOGIN_COOLOFF_MINUTES``, default 15).
- An address is refused as long after ``LOGIN_FAILURES_PER_ADDRESS`` failures, whatever user
  names were tried (someone trying one password on many accounts;
  ``PLANEVAL_LOGIN_FAILURES_PER_ADDRESS``, default 30). A department's clerks often reach the site
  from one address behind their office's gateway, so that limit is the higher one: one clerk's
  typing errors do not lock out the building.

A successful login clears the user name's own count; a failure during a refusal starts the period anew
(``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT``). The planning office lifts a refusal early with
``planeval manage axes_reset_username NAME`` (or ``axes_reset_ip ADDRESS``).

A refused login is answered 429 with ``Retry-After``: the page ``planeval/locked_out.html``, or,
through the API, ``{"detail": message}`` — even with the right password, which is not tried
while the refusal lasts.

django-axes counts failures per "lockout parameter" and compares the largest count with one limit;
:class:`LoginThrottle` gives the address its own limit by reporting the user name's limit once
the address has reached its own.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

LOCKOUT_PARAMETERS = ["username", "ip_address"]
"""What failures are counted by, in the order :meth:`LoginThrottle.get_failures` reads them."""
REFUSED = 429  # Too Many Requests


def _total(attempts: QuerySet[Any]) -> int:
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)


class LoginThrottle(AxesDatabaseHandler):  # type: ignore[misc]
    """django-axes' database handler with a separate limit for an address (module docstring)."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """The user name's recent failures, or at least ``AXES_FAILURE_LIMIT`` once the address
        has had ``LOGIN_FAILURES_PER_ADDRESS`` failures."""
        by_name, by_address = (_total(attempts) for attempts in self.get_user_attempts(request, credentials))
        if by_address >= settings.LOGIN_FAILURES_PER_ADDRESS:
            return max(by_name, settings.AXES_FAILURE_LIMIT)
        return by_name

    def reset_user_attempts(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """After a successful login, forget the user name's own failures only: django-axes would
        also forget every failure of the address, so that anyone who can log in from an office
        would lift the refusal of a colleague's name under attack."""
        by_name = self.get_user_attempts(request, credentials)[0]
        count, _ = by_name.delete()
        return int(count)


def client_address(request: HttpRequest) -> str:
    """The address a login comes from: ``REMOTE_ADDR``; behind ``settings.PROXIES`` reverse
    proxies (``PLANEVAL_PROXIES``), the address the outermost of them saw, read from the right
    of ``X-Forwarded-For`` (entries further left are written by the client and not trusted)."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if not settings.PROXIES:
        return remote
    forwarded = [hop.strip() for hop in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if hop.strip()]
    return forwarded[-settings.PROXIES] if len(forwarded) >= settings.PROXIES else remote


def cooloff_minutes() -> int:
    """How long a refused user name or address waits, in whole minutes (``AXES_COOLOFF_TIME``).
    A refused attempt starts the period anew, so it is the wait from the refusal on."""
    return round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)


def lockout_message() -> str:
    """What a refused login is told: why, and for how many minutes (the page's words)."""
    why = _("Too many wrong passwords for this user name or from this address: logging in "
            "is refused for %(minutes)s minutes.") % {"minutes": cooloff_minutes()}  # fmt: skip
    what = _("Try again later. If you have forgotten your password, ask the planning office, "
             "which can also lift the refusal at once.")  # fmt: skip
    return why + ("" if why.endswith("。") else " ") + what  # Chinese sentences follow without a space


def refusal(request: HttpRequest, original: HttpResponse | None = None, credentials: Any = None) -> HttpResponse:
    """The answer to a refused login (``AXES_LOCKOUT_CALLABLE``): 429 and a page that says for
    how long, in the site's style, with ``Retry-After``. (The API's refusals are answered by
    :func:`planeval.web.api.exceptions.exception_handler`.)"""
    response = render(request, "planeval/locked_out.html", {"cooloff_minutes": cooloff_minutes()}, status=REFUSED)
    response["Retry-After"] = str(cooloff_minutes() * 60)
    return response
