"""The interface language: Chinese unless the user chose English with the switch.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an office computer
with an English browser would get English pages; here only the user's own choice (the language
cookie the switch sets) changes the default zh-hans. API clients, which have no switch, still
negotiate with Accept-Language.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


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
    before any of it is read, so that a huge upload cannot tie up a worker or fill the disk."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.MAX_REQUEST_BYTES:
            return HttpResponse("Request body too large", status=413, content_type="text/plain")
        return self.get_response(request)
