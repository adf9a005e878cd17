"""Every route of the site, GET by every persona: nobody anonymous gets in, nothing answers 5xx,
and the pages a role may not see answer 403.

The routes are not listed here: the test walks the whole URL configuration
(``get_resolver().url_patterns``, every included module, every namespace), so a page appears
here as soon as its ``urls.py`` names it. Admin routes are skipped, except the admin index.

For every route × persona (anonymous, viewer, clerk_a, clerk_b, reviewer, planner) it asserts:

- no answer is a 5xx (and no view raises);
- anonymous visitors get 200 only from :data:`PUBLIC` routes (the health check, the login page,
  static and i18n routes); elsewhere they are sent to the login page or get 401/403;
- what :data:`EXPECTED` says for the route, by default :data:`READ` for every signed-in role.

How to add a route
------------------
1. Give it a name in its app's ``urls.py``; an unnamed route fails here.
2. Its path parameters are filled from the ``world`` fixture by name (:func:`_values`): ``slug``
   the plan, ``period`` the open round, ``code`` an indicator code, ``department`` a department
   code, ``pk``/``id`` a value of the round, ``evidence`` its evidence file, ``item`` a
   supervision item of department A answered with an evidence ``file``; other names from
   :data:`DEFAULTS`. A name not known fails with a message: add it to :data:`DEFAULTS`, or, when
   the route means something else by a known name (``code`` of a department), map it in
   :data:`ALIASES`. A route that needs a query string to show something gets one in
   :data:`QUERIES`.
3. If some role may not see the page, add it to :data:`EXPECTED` (``"review:rounds"``), or give
   a whole namespace a rule (``"review:*"``); the exact name wins over the namespace.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from planeval.web.core import values
from planeval.web.core.models import Evidence
from planeval.web.supervision import service as supervision
from planeval.web.tasks.models import ProgressUpdate, Task

PERSONAS = ("anonymous", "viewer", "clerk_a", "clerk_b", "reviewer", "planner")
SKIPPED_NAMESPACES = ("admin",)
KEPT = frozenset({"admin:index"})
"""Routes of a skipped namespace that are still walked."""


@dataclass(frozen=True)
class Outcome:
    """What a GET must answer: ``accepts`` the response, described for the failure message."""

    description: str
    accepts: Callable[[HttpResponse], bool]


def _redirects_to(response: HttpResponse, url: str) -> bool:
    return response.status_code in (301, 302, 303, 307, 308) and response["Location"].split("?")[0] == url


def _reads(response: HttpResponse) -> bool:
    return response.status_code not in (401, 403) and not _redirects_to(response, resolve_url(settings.LOGIN_URL))


READ = Outcome("to be let in: neither 401/403 nor a redirect to the login page", _reads)
FORBIDDEN = Outcome("403", lambda r: r.status_code == 403)
LOGIN = Outcome(
    "a redirect to the login page, or 401/403",
    lambda r: r.status_code in (401, 403) or _redirects_to(r, resolve_url(settings.LOGIN_URL)),
)
ADMIN_LOGIN = Outcome("a redirect to the admin's login page", lambda r: _redirects_to(r, reverse("admin:login")))
NOT_ALLOWED = Outcome("405: the route only takes POST", lambda r: r.status_code == 405)

PUBLIC = frozenset({"healthz", "login", "set_language"})
"""Routes anonymous visitors may read, besides those under ``static/`` and ``i18n/``."""
PUBLIC_PREFIXES = ("static/", "i18n/")

REVIEWERS_ONLY = {"viewer": FORBIDDEN, "clerk_a": FORBIDDEN, "clerk_b": FORBIDDEN}
ENTERERS_ONLY = {"viewer": FORBIDDEN, "reviewer": FORBIDDEN}
OFFICE_ONLY = {"viewer": FORBIDDEN, "clerk_a": FORBIDDEN, "clerk_b": FORBIDDEN, "reviewer": FORBIDDEN}
EXPECTED: dict[str, dict[str, Outcome]] = {
    "logout": {"anonymous": NOT_ALLOWED},
    "admin:index": dict.fromkeys(PERSONAS, ADMIN_LOGIN),  # staff only; no persona is staff
    "review:rounds": REVIEWERS_ONLY,
    "review:department": REVIEWERS_ONLY,
    "reporting:form": ENTERERS_ONLY,
    "reporting:template": ENTERERS_ONLY,
    "reporting:preview": ENTERERS_ONLY,
    "supervision:new": OFFICE_ONLY,
    "supervision:verify": OFFICE_ONLY,
    "supervision:answer": {"viewer": FORBIDDEN, "clerk_b": FORBIDDEN, "reviewer": FORBIDDEN, "planner": FORBIDDEN},
    "tasks:import_preview": {"viewer": FORBIDDEN, "clerk_a": FORBIDDEN, "clerk_b": FORBIDDEN, "reviewer": FORBIDDEN},
    "tasks:report": {"viewer": FORBIDDEN, "clerk_b": FORBIDDEN, "reviewer": FORBIDDEN},  # the lead (A) and the office
    "dashboard:yearly_target": dict.fromkeys(PERSONAS[1:], NOT_ALLOWED),  # POST only; planners set, others 403
}
"""What differs from the default, by URL name (``"namespace:name"``) or namespace
(``"namespace:*"``): anonymous → :data:`LOGIN` (:data:`READ` on a public route), any signed-in
role → :data:`READ`."""

DEFAULTS: dict[str, str] = {"year": "2022", "as_of": "2022", "format": "json"}
"""Path parameters that need nothing from the world, by name."""
ALIASES: dict[str, dict[str, str]] = {
    "review:department": {"code": "department"},
    "review:approve_all": {"code": "department"},
    "reporting:evidence": {"pk": "evidence"},
}
"""Where a route means something else by a parameter's name: route → {parameter: value name}."""
QUERIES: dict[str, str] = {
    "api:evaluation": "?as_of={period}",
    "api:value-list": "?period={period}",
    "reporting:form": "?department={department}",
    "reporting:template": "?department={department}",
    "reporting:preview": "?department={department}",
    "warnings:list": "?as_of={period}&level=red&kind=indicator",  # the filters, for every persona
}
"""A query string for routes that say more with one, its ``{names}`` filled like path parameters."""


@dataclass(frozen=True)
class Route:
    name: str | None
    pattern: str
    parameters: tuple[str, ...]

    def __str__(self) -> str:
        return self.name or self.pattern


def _parameters(entry: URLPattern | URLResolver) -> tuple[str, ...]:
    pattern = entry.pattern
    if hasattr(pattern, "converters"):
        return tuple(pattern.converters)
    regex = pattern.regex
    positional = ("<positional>",) * (regex.groups - len(regex.groupindex))
    return (*regex.groupindex, *positional)


def _walk(
    entries: list, namespace: tuple[str, ...] = (), prefix: str = "", params: tuple[str, ...] = ()
) -> Iterator[Route]:
    for entry in entries:
        pattern, parameters = prefix + str(entry.pattern), params + _parameters(entry)
        if isinstance(entry, URLResolver):
            inner = (*namespace, entry.namespace) if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner, pattern, parameters)
        else:
            yield Route(":".join((*namespace, entry.name)) if entry.name else None, pattern, parameters)


def routes() -> list[Route]:
    """Every route of the site, but the skipped namespaces' (except :data:`KEPT`)."""
    return [route for route in _walk(get_resolver().url_patterns) if route.name in KEPT or not _skipped(route)]


def _skipped(route: Route) -> bool:
    named = (route.name or "").startswith(tuple(f"{ns}:" for ns in SKIPPED_NAMESPACES))
    return named or route.pattern.startswith(tuple(f"{ns}/" for ns in SKIPPED_NAMESPACES))


def _expected(route: Route, persona: str) -> Outcome:
    name = route.name or ""
    for key in (name, name.rpartition(":")[0] + ":*"):
        if persona in EXPECTED.get(key, {}):
            return EXPECTED[key][persona]
    if persona != "anonymous":
        return READ
    return READ if _public(route) else LOGIN


def _public(route: Route) -> bool:
    return route.name in PUBLIC or route.pattern.startswith(PUBLIC_PREFIXES)


@pytest.fixture
def filled(world, personas) -> dict[str, str]:
    """The world's values for path parameters, by name: a value of the open round with an
    evidence file, and a key ``task`` led by department A with a progress ``update`` holding one,
    so that every page about a value, a task or a file has one to show."""
    clerk = get_user_model().objects.get(username="clerk_a")
    value = values.save(clerk, world.indicator_a, world.round, "43")
    evidence = Evidence.objects.create(
        value=value, file=ContentFile(b"%PDF-1.4\n", name="bulletin.pdf"), uploaded_by=clerk
    )
    planner = get_user_model().objects.get(username="planner")
    item = supervision.open_item(planner, world.plan, department=world.department_a, findings="进度滞后",
                                 requirement="追赶", deadline=world.round.deadline)  # fmt: skip
    report = supervision.answer(clerk, item, "已整改", [SimpleUploadedFile("台账.pdf", b"%PDF-1.4\n")])
    task = Task.objects.create(plan=world.plan, code="T1", text="合成任务", lead=world.department_a,
                               start=world.round.opens, due=world.round.deadline)  # fmt: skip
    update = ProgressUpdate.objects.create(task=task, reported_on=world.round.opens, percent=40,
                                           evidence=ContentFile(b"%PDF-1.4\n", name="progress.pdf"))  # fmt: skip
    return {
        "slug": world.plan.slug,
        "period": world.round.period,
        "code": world.indicator_a.code,
        "indicator": world.indicator_a.code,
        "department": world.department_a.code,
        "pk": str(value.pk),
        "id": str(value.pk),
        "evidence": str(evidence.pk),
        "item": str(item.pk),
        "file": str(report.files.get().pk),
        "task": str(task.pk),
        "update": str(update.pk),
        **DEFAULTS,
    }


def _url(route: Route, filled: dict[str, str]) -> str:
    if route.name is None:
        pytest.fail(f"route {route.pattern!r} has no name: name it in its urls.py (see tests/web/test_routes.py)")
    kwargs = {}
    for parameter in route.parameters:
        known = ALIASES.get(route.name, {}).get(parameter, parameter)
        if known not in filled:
            pytest.fail(
                f"route {route.name} ({route.pattern}) has the path parameter {parameter!r}, which "
                f"tests/web/test_routes.py cannot fill: add it to DEFAULTS, or to ALIASES for this route"
            )
        kwargs[parameter] = filled[known]
    return reverse(route.name, kwargs=kwargs) + QUERIES.get(route.name, "").format(**filled)


def _get(client: Client, url: str) -> HttpResponse | Exception:
    try:
        return client.get(url)
    except Exception as error:  # noqa: BLE001 - a view that raises is reported with the route
        return error


@pytest.mark.parametrize("route", routes(), ids=str)
def test_it_guards_every_route_for_every_persona(route, personas, filled):
    url = _url(route, filled)
    failures = []
    for persona in PERSONAS:
        response = _get(personas[persona], url)
        if isinstance(response, Exception):
            failures.append(f"{persona}: raised {response!r}")
            continue
        expected = _expected(route, persona)
        if response.status_code >= 500:
            failures.append(f"{persona}: answered {response.status_code}")
        elif persona == "anonymous" and response.status_code == 200 and not _public(route):
            failures.append("anonymous: answered 200 on a page that is not public")
        elif not expected.accepts(response):
            where = f" → {response['Location']}" if response.has_header("Location") else ""
            failures.append(f"{persona}: answered {response.status_code}{where}; expected {expected.description}")
    assert not failures, f"GET {url} ({route}):\n  " + "\n  ".join(failures)


def test_it_walks_every_included_module():
    names = {route.name for route in routes()}
    assert {"home", "healthz", "login", "admin:index", "api:schema", "api:plan-list"} <= names
    assert not any(name and name.startswith("admin:") and name != "admin:index" for name in names)


def test_it_keeps_the_expectations_about_routes_that_exist():
    names = {route.name for route in routes()}
    namespaces = {name.rpartition(":")[0] for name in names if name}
    for key in (*EXPECTED, *ALIASES, *QUERIES):
        if key.endswith(":*"):
            assert key[:-2] in namespaces, f"EXPECTED names the namespace {key[:-2]!r}, which has no routes"
        else:
            assert key in names, f"tests/web/test_routes.py names the route {key!r}, which does not exist"


REFUSED_ANONYMOUS = Outcome(
    "401/403/405, or a redirect to a login page",
    lambda r: (
        r.status_code in (401, 403, 405)
        or _redirects_to(r, resolve_url(settings.LOGIN_URL))
        or _redirects_to(r, reverse("admin:login"))
    ),
)


def _post(client: Client, url: str) -> HttpResponse | Exception:
    try:
        return client.post(url)
    except Exception as error:  # noqa: BLE001 - a view that raises is reported with the route
        return error


@pytest.mark.parametrize("route", [r for r in routes() if not _public(r)], ids=str)
def test_it_answers_a_bare_post_on_every_route_for_every_persona(route, personas, filled):
    """POST with an empty body — a forged form, a broken script, a client guessing at the API —
    to every route but the public ones: nothing answers 5xx, and an anonymous visitor is turned
    away before anything is read (:data:`REFUSED_ANONYMOUS`). The API's writes are walked here
    for every persona; the GET walk above only reaches their 401/403 and 405."""
    url = _url(route, filled)
    failures = []
    for persona in PERSONAS:
        response = _post(personas[persona], url)
        if isinstance(response, Exception):
            failures.append(f"{persona}: raised {response!r}")
        elif response.status_code >= 500:
            failures.append(f"{persona}: answered {response.status_code}")
        elif persona == "anonymous" and not REFUSED_ANONYMOUS.accepts(response):
            failures.append(f"anonymous: answered {response.status_code}; expected {REFUSED_ANONYMOUS.description}")
    assert not failures, f"POST {url} ({route}):\n  " + "\n  ".join(failures)


SECRET_RAW, SECRET_EXPLANATION = "43.21", "草稿说明-仅甲局可见"
"""A draft of department A that only A's clerk, the reviewer and the planner may see."""
UNSEEING = ("viewer", "clerk_b")
"""The personas that may not see department A's draft (:func:`planeval.web.core.access.may_see`)."""


def _post_stale(client: Client, url: str, code: str, version: int) -> HttpResponse | Exception:
    body = {"indicator": code, "value": "44", "explanation": "x", "comment": "x", "version": version,
            "department": "dept-a", "action": "submit"}  # fmt: skip
    try:
        if url.startswith("/api/"):
            return client.post(url, body, content_type="application/json")
        return client.post(url, body)
    except Exception as error:  # noqa: BLE001 - a view that raises is reported with the route
        return error


@pytest.mark.parametrize("route", [r for r in routes() if not _public(r)], ids=str)
def test_it_shows_no_hidden_draft_to_a_stale_write_on_any_route(route, world, personas, filled):
    """POST a write with a stale ``version`` — the request that meets the version check — to
    every route as every persona: no answer shows department A's draft to a persona that may not
    see it (a 409 that carried the current value would). The draft is at version 2; the POST
    says version 1."""
    clerk = get_user_model().objects.get(username="clerk_a")
    draft = values.save(clerk, world.indicator_a, world.round, SECRET_RAW, SECRET_EXPLANATION, version=1)
    assert draft.version == 2
    url = _url(route, filled)
    failures = []
    for persona in PERSONAS:
        response = _post_stale(personas[persona], url, filled["code"], version=1)
        if isinstance(response, Exception):
            failures.append(f"{persona}: raised {response!r}")
        elif response.status_code >= 500:
            failures.append(f"{persona}: answered {response.status_code}")
        elif persona in UNSEEING:
            shown = response.content.decode(errors="replace")
            if SECRET_RAW in shown or SECRET_EXPLANATION in shown:
                failures.append(f"{persona}: answered {response.status_code} showing the hidden draft")
    assert not failures, f"POST {url} ({route}) with a stale version:\n  " + "\n  ".join(failures)
