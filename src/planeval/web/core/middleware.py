"""The interface language, and the size of a request.

The interface language: Chinese unless the user chose English with the switch.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an office computer
with an English browser would get English pages; here only the user's own choice (the language
cookie the switch sets) changes the default zh-hans. API clients, which have no switch, still
negotiate with Accept-Language.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from planeval.domain.numbers import format_number

MEGABYTE = 1024 * 1024
TOO_LARGE = 413  # Content Too Large


class ChosenLanguageMiddleware:
    """Activate the language of the switch's cookie, else ``settings.LANGUAGE_CODE``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.known = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if request.path.startswith("/api/"):
            language = translation.get_language_from_request(request)
        else:
            language = chosen if chosen in self.known else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body exceeds ``settings.MAX_REQUEST_BYTES`` with 413
    before any of it is read, so that a huge upload cannot tie up a worker or fill the disk.

    The answer is :func:`too_large`: a page in the site's style, so it sits after the
    authentication and language middleware (none of which reads the body; the CSRF check, which
    does, runs later, with the view)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.MAX_REQUEST_BYTES:
            return too_large(request, declared)
        return self.get_response(request)


def too_large(request: HttpRequest, declared: int) -> HttpResponse:
    """413 for a request of ``declared`` bytes: the page ``413.html`` (the size sent, the limits
    of a request and of a file, nothing saved, back to the form), or under ``/api/`` JSON
    ``{"detail": message}``. Sizes are in MB of 1,048,576 bytes, as the settings give them."""
    sizes = {
        "sent": format_number(declared / MEGABYTE, 1),
        "request_limit": format_number(settings.MAX_REQUEST_BYTES / MEGABYTE, 1),
        "file_limit": format_number(settings.UPLOAD_MAX_BYTES / MEGABYTE, 1),
    }
    if request.path.startswith("/api/"):
        message = _("The request holds %(sent)s MB; the site takes at most %(request_limit)s MB at once, "
                    "and each file may be at most %(file_limit)s MB. Nothing was saved.")  # fmt: skip
        return JsonResponse({"detail": message % sizes}, status=TOO_LARGE)
    return render(request, "413.html", {**sizes, "back": _form_page(request), "status": TOO_LARGE}, status=TOO_LARGE)


def _form_page(request: HttpRequest) -> str:
    """Where the refused form was: the page the request came from (its ``Referer``, when on this
    site), else the address it was sent to (a form of the site posts to its own page)."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()):
        return referer
    return request.path
