"""What the site answers when it refuses a request (4xx): a page in the site's style, with the
menu for a signed-in user, saying in plain words what happened and what to do next.

====  ===========================================  ==============================================
code  refusal                                      the page says
====  ===========================================  ==============================================
400   ``BadRequest("reason")`` from a view (an     the view's reason (``as_of=2026 is outside the
      as-of period outside the plan, an unknown    plan period 2021–2025``); a link to the page
      method or filter); an upload too large;      without the choices in its address
      other malformed requests (no reason shown)
403   ``PermissionDenied("reason")`` from a view   the view's reason; for
      or a service; :class:`~planeval.web.core.    ``RoleRequired`` the roles that may; the
      access.RoleRequired` from ``require``        user's own role and department; whom to ask
      a form whose CSRF check failed               reload the page and send the form again:
      (:func:`csrf_failure`)                       nothing was changed
404   no such route, plan or item, or one of       it may not exist (any more) or belong to
      another department's that is not shown       another department; a link to the plan
405   a method the route does not take (a GET on   which methods the address takes; a link back
      a POST-only route): the view's               to the nearest page above it; the ``Allow``
      ``HttpResponseNotAllowed`` turned into the   header is kept
      page by :class:`NotAllowedPageMiddleware`
====  ===========================================  ==============================================

The reason a view gives is shown as text (escaped by the template). Messages of other
``SuspiciousOperation`` errors (a forged host name, a session key) are for the log, not the page.

Paths under ``/api/`` keep answering JSON ``{"detail": …}``: DRF answers its own views'
refusals; the handlers here answer the same way for what reaches Django's handlers there (a
path that names no route). These pages are Django's ``handler400/403/404`` (``planeval.web.urls``)
and ``CSRF_FAILURE_VIEW``; with ``DEBUG`` on, Django shows its technical 404 page instead.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import (
    BadRequest,
    DisallowedHost,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, get_script_prefix, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from planeval.web.core.access import RoleRequired, role_of
from planeval.web.core.models import Membership, Plan, Role

API_PREFIX = "/api/"
PLAIN_REASONS: dict[type[Exception], Callable[[], str]] = {
    RequestDataTooBig: lambda: _("The form sent more data than the site takes at once."),
    TooManyFieldsSent: lambda: _("The form sent more fields than the site takes at once."),
    TooManyFilesSent: lambda: _("The form sent more files than the site takes at once."),
}
"""400s whose own message is for developers, told in plain words instead."""
HIDDEN_METHODS = frozenset({"OPTIONS", "HEAD"})
"""Methods of the ``Allow`` header that the 405 page does not list: no person sends them."""


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The site's ``handler400``: the page with the view's reason (a ``BadRequest`` message or
    a plain-words reason from :data:`PLAIN_REASONS`), JSON under ``/api/``."""
    reason = next((say() for kind, say in PLAIN_REASONS.items() if isinstance(exception, kind)), None)
    if reason is None and type(exception) is BadRequest:
        reason = _message(exception)
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": reason or _("Bad request.")}, status=400)
    with_query = request.method == "GET" and bool(request.GET)
    back = request.path if with_query else _back(request)
    return _page(request, "400.html", 400, {"reason": reason, "with_query": with_query, "back": back})


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The site's ``handler403``: the page with the view's reason, else the roles that may
    (:class:`RoleRequired`), and the user's own role and department; JSON under ``/api/``."""
    reason = _message(exception)
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": reason or _("You do not have permission to do this.")}, status=403)
    roles = [role.label for role in Role if role in exception.roles] if isinstance(exception, RoleRequired) else []
    context = {"title": _("This is not open to you"), "reason": reason, "roles": roles, **_account(request)}
    return _page(request, "403.html", 403, context)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: a form sent from a page open too long (its token expired with the
    login) or from another site. Nothing was done, so the page says to reload and send again;
    Django's own ``reason`` is technical and left out."""
    said = _("The form was sent from a page that had been open too long, or from outside the site, so it "
             "was not accepted and nothing was changed. Reload the page and send the form again.")  # fmt: skip
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": said}, status=403)
    context = {"title": _("The form was not accepted"), "reason": said, "roles": [], "csrf": True,
               "back": _back(request)}  # fmt: skip
    return _page(request, "403.html", 403, {**context, **_account(request)})


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The site's ``handler404``: the page (its message is not shown: it names models and
    queries); under ``/api/`` the API's own ``{"detail": …}`` as JSON, as its schema promises."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return _page(request, "404.html", 404, _account(request))


def not_allowed(request: HttpRequest, refused: HttpResponse) -> HttpResponse:
    """The 405 page for ``refused`` (a view's ``HttpResponseNotAllowed``), with its ``Allow``
    header kept."""
    allowed = [m.strip() for m in refused.get("Allow", "").split(",") if m.strip()]
    shown = [m for m in allowed if m not in HIDDEN_METHODS]
    context = {"method": request.method, "allowed": shown, "back": nearest_page(request.path_info),
               "opened": "GET" not in allowed}  # fmt: skip
    response = _page(request, "405.html", 405, context)
    response["Allow"] = refused["Allow"]
    return response


class NotAllowedPageMiddleware:
    """Turn a view's bare ``HttpResponseNotAllowed`` (``require_POST``, a class-based view's
    ``http_method_not_allowed``) into the 405 page; API answers are left as they are."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed) and not request.path.startswith(API_PREFIX):
            return not_allowed(request, response)
        return response


def nearest_page(path_info: str) -> str:
    """The address of the nearest route above ``path_info`` that opens with GET (``/plans/x/tasks/``
    for ``/plans/x/tasks/import/confirm/``, passing over the POST-only ``import/``), the start
    page at the latest."""
    parts = [part for part in path_info.split("/") if part]
    for end in range(len(parts) - 1, 0, -1):
        candidate = "/" + "/".join(parts[:end]) + "/"
        try:
            match = resolve(candidate)
        except Resolver404:
            continue
        if takes_get(match.func):
            return get_script_prefix() + candidate.lstrip("/")
    return get_script_prefix()


def takes_get(view: Callable[..., Any]) -> bool:
    """False when ``view`` refuses GET: a class-based view without ``get``, or a function under
    Django's ``require_http_methods`` (``require_POST``) without it, whose list of methods is
    read from the decorator's closure. True when it cannot tell."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return "get" in view_class.http_method_names and hasattr(view_class, "get")
    func: Callable[..., Any] | None = view
    while func is not None:
        methods = inspect.getclosurevars(func).nonlocals.get("request_method_list")
        if methods is not None:
            return "GET" in methods
        func = getattr(func, "__wrapped__", None)
    return True


def _back(request: HttpRequest) -> str:
    """The page the request came from (its ``Referer``, when on this site), else the nearest
    page above the address."""
    referer = request.headers.get("Referer", "")
    try:
        if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()):
            return referer
    except DisallowedHost:  # the request is refused for its host name: no address of it is trusted
        pass
    return nearest_page(request.path_info)


def _message(exception: Exception) -> str | None:
    """The message the view gave the exception, if it gave one as text."""
    message = exception.args[0] if exception.args else None
    return str(message) if isinstance(message, str) and message.strip() else None


def _account(request: HttpRequest) -> dict[str, Any]:
    """Who is asking: the role's label and, for a reporter, the department's name."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"signed_in": False}
    role = role_of(user)
    membership = Membership.objects.filter(user=user).select_related("department").first()
    department = membership.department.name if membership and membership.department else None
    return {"signed_in": True, "role_label": role.label if role else None, "department": department}


def _page(request: HttpRequest, template: str, status: int, context: dict[str, Any]) -> HttpResponse:
    """``template`` with the site's menu. The request may have failed before the user was read
    (a forged host name is refused early): it is then drawn for an anonymous visitor. The menu's
    plan is the page's, when that plan exists."""
    if not hasattr(request, "user"):
        request.user = AnonymousUser()
    match = request.resolver_match
    slug = match.kwargs.get("slug") if match else None
    if slug is not None and not Plan.objects.filter(slug=slug).exists():
        only = list(Plan.objects.values_list("slug", flat=True)[:2])
        context = {**context, "nav_slug": only[0] if len(only) == 1 else None}
    return render(request, template, {**context, "status": status}, status=status)
