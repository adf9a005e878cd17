"""The headers every answer carries: a strict Content-Security-Policy (django-csp), no MIME
sniffing, the referrer kept on the site, no framing; and the pages keep to the policy, checked
in the templates and in a real browser on the national example, where a violation would show
as a refused script or style."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import Browser, Page

from planeval.web.core.demo import DEMO_PASSWORD, EXAMPLE_SLUG, install_demo
from planeval.web.core.models import Department, Plan, Value, ValueState
from planeval.web.tasks.models import ProgressUpdate, Task

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
OTHER_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"}
TEMPLATE_FOLDERS = sorted({Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates")})
INLINE = {
    "a style attribute": re.compile(r"\sstyle\s*=", re.I),
    "a <style> element": re.compile(r"<style\b", re.I),
    "an event handler attribute": re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    "an inline <script>": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I),
    "a javascript: link": re.compile(r"javascript:", re.I),
}
"""What the policy refuses in a page, as it would be written in a template."""


def policy_of(header: str) -> dict[str, list[str]]:
    """``"default-src 'self'; img-src 'self' data:"`` → ``{"default-src": ["'self'"], ...}``."""
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


@pytest.mark.parametrize("persona", ["anonymous", "planner"])
def test_it_sends_the_policy_and_the_other_headers_with_every_page(world, personas, persona):
    for url in ("/accounts/login/", "/plans/synthetic/", "/no-such-page/"):
        response = personas[persona].get(url)
        assert policy_of(response["Content-Security-Policy"]) == POLICY, url
        assert {name: response[name] for name in OTHER_HEADERS} == OTHER_HEADERS, url


def test_it_sends_the_policy_with_the_api_too(world, personas):
    response = personas["planner"].get("/api/plans/", headers={"accept": "application/json"})
    assert response.status_code == 200
    assert policy_of(response["Content-Security-Policy"]) == POLICY


def test_it_leaves_the_inline_style_out_of_the_browsable_api(world, personas):
    response = personas["planner"].get("/api/plans/", headers={"accept": "text/html"})
    assert response.status_code == 200 and "<html" in response.text
    assert "<style" not in response.text


def test_it_names_the_policy_when_the_header_is_parsed():
    header = "default-src 'self'; img-src 'self' data:; object-src 'none'"
    assert policy_of(header) == {"default-src": ["'self'"], "img-src": ["'self'", "data:"], "object-src": ["'none'"]}


@pytest.mark.parametrize("folder", TEMPLATE_FOLDERS, ids=lambda folder: str(folder.relative_to(settings.BASE_DIR)))
def test_it_writes_nothing_inline_that_the_policy_refuses(folder):
    """Every template of the site: scripts and styles come from static files; data for a script
    travel in ``json_script`` blocks (``type="application/json"``), which are not run."""
    found = []
    for template in sorted(folder.rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        for what, pattern in INLINE.items():
            for match in pattern.finditer(text):
                if what == "an inline <script>" and 'type="application/json"' in match.group(0):
                    continue
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{template.relative_to(settings.BASE_DIR)}:{line}: {what}")
    assert not found, "\n".join(found)


def test_it_finds_what_the_policy_refuses_in_a_template():
    # the scan above must see each kind of inline code
    samples = {
        "a style attribute": '<span class="fill" style="width: 40%">',
        "a <style> element": "<style>p { color: red }</style>",
        "an event handler attribute": '<button type="button" onclick="go()">',
        "an inline <script>": "<script>go()</script>",
        "a javascript: link": '<a href="javascript:go()">',
    }
    assert {what: bool(INLINE[what].search(sample)) for what, sample in samples.items()} == dict.fromkeys(samples, True)
    assert not INLINE["an inline <script>"].search('<script src="/static/planeval/dashboard.js" defer></script>')


# In a real browser ---------------------------------------------------------------------------

TIMEOUT_MS = 15_000
WATCH = """
window.__refused = [];
document.addEventListener("securitypolicyviolation", (e) => window.__refused.push(
  `${e.violatedDirective} ${e.blockedURI || "inline"} ${e.sourceFile || ""}:${e.lineNumber}`));
"""
"""Collects the policy's refusals in the page, from its first script on."""


@pytest.fixture
def page(browser: Browser, live_server: object) -> Iterator[Page]:
    context = browser.new_context(base_url=str(live_server), locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(WATCH)
    tab = context.new_page()
    yield tab
    context.close()


def _pages(plan: Plan, task: Task) -> list[str]:
    slug, round_ = plan.slug, plan.rounds.get()
    value = Value.objects.filter(indicator__plan=plan, state=ValueState.APPROVED).first()
    department = Department.objects.get(code="nbs")
    return [
        reverse("home"),
        reverse("dashboard:overview", kwargs={"slug": slug}),
        reverse("dashboard:compare", kwargs={"slug": slug}),
        reverse("dashboard:indicator", kwargs={"slug": slug, "code": "N05"}),  # the ECharts path chart
        reverse("assessment:table", kwargs={"slug": slug}),
        reverse("warnings:list", kwargs={"slug": slug}),
        reverse("tasks:list", kwargs={"slug": slug}),
        reverse("tasks:detail", kwargs={"slug": slug, "task": task.pk}),
        reverse("supervision:list", kwargs={"slug": slug}),
        reverse("review:rounds", kwargs={"slug": slug}),
        reverse("review:department", kwargs={"slug": slug, "period": round_.period, "code": department.code}),
        reverse("review:history", kwargs={"slug": slug, "pk": value.pk}),
        reverse("reporting:rounds", kwargs={"slug": slug}),
        reverse("reporting:form", kwargs={"slug": slug, "period": round_.period}) + f"?department={department.code}",
        reverse("api:plan-list"),  # DRF's browsable page
        "/no-such-page/",
    ]


def test_the_main_pages_run_in_the_browser_without_a_refusal(page: Page, transactional_db: None) -> None:
    install_demo()
    plan = Plan.objects.get(slug=EXAMPLE_SLUG)
    task = Task.objects.create(plan=plan, code="T1", text="合成任务", lead=Department.objects.get(code="nbs"),
                               start=datetime.date(2021, 1, 1), due=datetime.date(2025, 12, 31))  # fmt: skip
    ProgressUpdate.objects.create(task=task, reported_on=datetime.date(2023, 6, 30), percent=45)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(reverse("login"))
    page.fill("input[name=username]", "planner")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state()
    assert get_user_model().objects.get(username="planner").last_login is not None
    refused = {}
    for url in _pages(plan, task):
        response = page.goto(url)
        page.wait_for_load_state("networkidle")
        assert response is not None and response.status < 500, url
        found = page.evaluate("window.__refused")
        if found:
            refused[url] = found
        if "/indicators/" in url:  # the chart's script ran: ECharts drew its SVG
            assert page.locator("#path-chart svg").count() == 1
    assert not refused, refused
    assert not [line for line in console if "Content Security Policy" in line], console
