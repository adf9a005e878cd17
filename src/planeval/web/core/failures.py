"""What the site answers when a request fails: a page in the site's style saying what became of
the data, instead of a bare server error.

=====================================  ====  ==================================================
failure                                code  answer
=====================================  ====  ==================================================
the database is unreachable or drops   503   ``failure.html``: the site cannot reach its data;
the connection during the view                nothing was changed; try again in a minute
(``OperationalError``, ``InterfaceError``)
the same after the view (saving the    503   the same page, but: reload to see what is stored
session)
any other error                        500   ``failure.html``: the request could not be
                                              completed; reload to see what is stored
=====================================  ====  ==================================================

"Nothing was changed" holds because every request's view runs in one transaction
(``ATOMIC_REQUESTS`` in ``planeval.web.settings``; the value service and the bulk views also
open their own): an exception out of the view rolls back every write it made before this page
is drawn. API clients (paths under ``/api/``) get ``{"detail": message}`` as JSON instead. The
refusals (400, 403, 404, 405) have their own pages: :mod:`planeval.web.core.error_pages`.

The page is drawn without the database — no menu, no user name, no session — since the database
may be why the request failed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

DATABASE_ERRORS = (OperationalError, InterfaceError)
"""Errors that mean the database is unreachable or went away mid-request."""
RETRY_AFTER_SECONDS = 60
"""What the 503 answer's ``Retry-After`` header suggests."""
TEMPLATE = "planeval/failure.html"
API_PREFIX = "/api/"


def failure_response(request: HttpRequest, status: int, rolled_back: bool = True) -> HttpResponse:
    """The answer to a failed request: 503 when the database failed, else 500, as the page (or
    JSON for the API) in the language the request was being answered in. ``rolled_back``: the
    request's own transaction was rolled back, so the 503 may say that nothing was changed."""
    language = getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
    with translation.override(language):
        unavailable = status == 503
        title = _("The data cannot be reached just now") if unavailable else _("Something went wrong")
        detail = (_("The site could not reach its database, so your request was not carried out: nothing was "
                    "changed. Try again in a minute; if it keeps happening, tell the planning office.")
                  if unavailable and rolled_back else
                  _("The site could not complete your request. Changes are saved whole or not at all: reload the "
                    "page to see what is stored, then try again."))  # fmt: skip
        if request.path.startswith(API_PREFIX):
            response: HttpResponse = JsonResponse({"detail": detail}, status=status)
        else:
            context = {"title": title, "detail": detail, "status": status, "LANGUAGE_CODE": language}
            response = HttpResponse(render_to_string(TEMPLATE, context), status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """Turn a database error raised by a view into the 503 answer; other errors go on to the
    500 handler (:func:`server_error`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_ERRORS):
            return failure_response(request, 503)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """The site's ``handler500``: 503 when the error being handled is a database error (one
    raised outside a view, e.g. saving the session), else 500."""
    error = sys.exc_info()[1]
    # Raised outside the view (saving the session, say): the view's transaction may have been
    # committed already, so the page does not claim that nothing was changed.
    return failure_response(request, 503 if isinstance(error, DATABASE_ERRORS) else 500, rolled_back=False)
