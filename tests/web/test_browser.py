"""End to end in a real browser, on the national example (``install_demo``): a clerk of the
statistics bureau reports a missing value through the login page and the entry form, the
planner approves it on the review page, and the dashboard shows it with its verdict.

Elements are found by name, id, URL and CSS class, never by their text, so the test holds in
either interface language; the browser asks for Chinese explicitly all the same. Screenshots
of the form, the dashboard and the indicator page go to the test's tmp dir and are copied to
``/tmp/e2e/`` for a person to look at.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from planeval.domain.numbers import format_number
from planeval.domain.period import parse_period
from planeval.evaluate import DEFAULT_METHOD, evaluate
from planeval.web.core import values
from planeval.web.core.convert import domain_plan, observations
from planeval.web.core.demo import DEMO_PASSWORD, EXAMPLE_SLUG, install_demo
from planeval.web.core.models import Department, Indicator, Plan, ReportingRound, Value, ValueState
from planeval.web.dashboard.overview import VALUE_DIGITS, verdict_label

SHOTS = Path("/tmp/e2e")
LANGUAGE = "zh-hans"
TIMEOUT_MS = 15_000
UNSTICK = ".rep-actions { position: static !important; }"
"""The entry form's sticky buttons would sit over a row in the middle of a full-page picture."""


@pytest.fixture
def page(browser: Browser, live_server: object) -> Iterator[Page]:
    context = browser.new_context(base_url=str(live_server), locale="zh-CN", viewport={"width": 1280, "height": 900})
    host = urlparse(str(live_server)).hostname
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": LANGUAGE, "domain": host, "path": "/"}])
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


class Shots:
    """Full-page screenshots into the test's tmp dir, copied to ``/tmp/e2e/``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def take(self, page: Page, name: str) -> Path:
        path = self.folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True, style=UNSTICK)
        try:
            SHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, SHOTS / path.name)
        except OSError:  # a copy for people only: the test does not depend on it
            pass
        return path


def _class(name: str) -> re.Pattern[str]:
    """Matches a class attribute that has ``name`` among its classes."""
    return re.compile(rf"(^|\s){re.escape(name)}(\s|$)")


def _path(page: Page) -> str:
    return urlparse(page.url).path


def _log_in(page: Page, username: str) -> None:
    page.goto(reverse("login"))
    form = page.locator("main form[method=post]")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert _path(page) != reverse("login"), f"{username} could not log in"
    expect(page.locator(f"form[action='{reverse('logout')}']")).to_have_count(1)


def _log_out(page: Page) -> None:
    page.locator(f"form[action='{reverse('logout')}'] button").click()
    page.wait_for_url(f"**{reverse('login')}")
    expect(page.locator(f"form[action='{reverse('logout')}']")).to_have_count(0)


def _missing_indicator(plan: Plan, round_: ReportingRound, department: Department) -> tuple[Indicator, Value]:
    """The department's first indicator with no value for the round and an approved one before."""
    for indicator in plan.indicators.filter(department=department).order_by("position"):
        if Value.objects.filter(indicator=indicator, period=round_.period).exists():
            continue
        last = values.last_approved(indicator, before=round_.period)
        if last is not None and last.value:
            return indicator, last
    pytest.fail(f"the example has no {department.code} indicator to report for {round_.period}")


def test_clerk_reports_planner_approves_dashboard_shows(page: Page, transactional_db: None, tmp_path: Path) -> None:
    install_demo()
    shots = Shots(tmp_path)
    plan = Plan.objects.get(slug=EXAMPLE_SLUG)
    round_ = plan.rounds.get()
    nbs = Department.objects.get(code="nbs")
    indicator, last = _missing_indicator(plan, round_, nbs)
    number = round(last.value * 1.02, 2)  # 2 % on the last approved value: no explanation needed
    typed = format_number(number, 2)
    assert values.check(indicator, round_.period, typed).warning == ""

    # the clerk reports the value
    _log_in(page, f"clerk_{nbs.code}")
    form_url = reverse("reporting:form", kwargs={"slug": plan.slug, "period": round_.period})
    page.goto(form_url)
    row = page.locator(f"section#indicator-{indicator.pk}")
    expect(row).to_have_class(_class("state-empty"))
    row.locator("input[name$='-value']").fill(typed)
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_url(f"**{form_url}")
    expect(page.locator(".messages li.success")).to_have_count(1)
    expect(row).to_have_class(_class("state-submitted"))
    shots.take(page, "1-reporting-form")
    stored = Value.objects.get(indicator=indicator, period=round_.period)
    assert (stored.state, stored.value, stored.raw) == (ValueState.SUBMITTED, number, typed)
    _log_out(page)

    # the planner approves it
    _log_in(page, "planner")
    review_url = reverse("review:department", kwargs={"slug": plan.slug, "period": round_.period, "code": nbs.code})
    page.goto(review_url)
    card = page.locator(f"article#value-{stored.pk}")
    expect(card).to_have_class(_class("submitted"))
    approve_url = reverse("review:approve", kwargs={"slug": plan.slug, "pk": stored.pk})
    card.locator(f"form[action='{approve_url}'] button[type=submit]").click()
    page.wait_for_url(f"**{review_url}")
    expect(card).to_have_class(_class("approved"))
    shots.take(page, "2-review")
    stored.refresh_from_db()
    assert stored.state == ValueState.APPROVED

    # the dashboard, as of the round's period, shows the value and its verdict
    evaluation = evaluate(domain_plan(plan), observations(plan), parse_period(round_.period), DEFAULT_METHOD)
    result = evaluation.result(indicator.code)
    with translation.override(LANGUAGE):
        label = verdict_label(result)
    page.goto(reverse("dashboard:overview", kwargs={"slug": plan.slug}) + f"?as_of={round_.period}")
    page.wait_for_load_state("networkidle")
    line = page.locator("table.indicators tr", has=page.locator(f"a[href*='/indicators/{indicator.code}/']"))
    expect(line).to_have_count(1)
    latest = line.locator("td.num")
    expect(latest).to_contain_text(f"{format_number(number, VALUE_DIGITS)}{indicator.unit}")
    expect(latest).to_contain_text(round_.period)
    verdict = line.locator("td.verdict-cell span.verdict")
    expect(verdict).to_have_class(_class(result.verdict.value))
    expect(verdict).to_have_text(label)
    shots.take(page, "3-dashboard")

    # its own page, reached from the row
    line.locator(f"a[href*='/indicators/{indicator.code}/']").click()
    page.wait_for_url(f"**{reverse('dashboard:indicator', kwargs={'slug': plan.slug, 'code': indicator.code})}**")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#path-chart svg").first).to_be_visible()  # drawn by ECharts
    expect(page.locator(".facts span.verdict")).to_have_class(_class(result.verdict.value))
    shots.take(page, "4-indicator")
