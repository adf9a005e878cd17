"""Personas for the web tests: the planner, a clerk of department A, a clerk of department B,
a reviewer, a viewer, and an anonymous visitor; and a small synthetic plan they work on.

The site speaks Chinese by default (tests/web/test_i18n.py); the tests that read the site's own
messages were written against its English wording and ask for it with the ``english`` fixture."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

from planeval.web.core.models import Department, Indicator, Membership, Plan, ReportingRound, Role, Value

PASSWORD = "persona-password"


@dataclass
class World:
    plan: Plan
    round: ReportingRound
    department_a: Department
    department_b: Department
    indicator_a: Indicator  # department A's: a level, 40 → 50 by 2025
    indicator_b: Indicator  # department B's: a ceiling <5.5


def _user(username: str, role: Role, department: Department | None = None) -> Client:
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    Membership.objects.create(user=user, role=role, department=department)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world(db) -> World:
    a = Department.objects.create(code="dept-a", name="甲局")
    b = Department.objects.create(code="dept-b", name="乙局")
    plan = Plan.objects.create(slug="synthetic", title="合成规划", base_year=2020, end_year=2025)
    ind_a = Indicator.objects.create(plan=plan, position=1, code="A1", name="合成指标甲", unit="%", aspect="经济",
                                     attribute="expected", direction="increase", base_year=2020, base_value=40,
                                     target_text="50", target_year=2025, department=a)  # fmt: skip
    ind_b = Indicator.objects.create(plan=plan, position=2, code="B1", name="合成指标乙", unit="%", aspect="民生",
                                     attribute="binding", direction="decrease", base_year=2020, base_value=5.2,
                                     target_text="<5.5", target_year=2025, department=b)  # fmt: skip
    Value.objects.create(indicator=ind_a, period="2021", value=42, raw="42", state="approved")
    today = datetime.date.today()
    round_ = ReportingRound.objects.create(plan=plan, period="2022", opens=today - datetime.timedelta(days=10),
                                           deadline=today + datetime.timedelta(days=10))  # fmt: skip
    return World(plan, round_, a, b, ind_a, ind_b)


@pytest.fixture
def personas(world: World) -> dict[str, Client]:
    return {
        "planner": _user("planner", Role.PLANNER),
        "clerk_a": _user("clerk_a", Role.REPORTER, world.department_a),
        "clerk_b": _user("clerk_b", Role.REPORTER, world.department_b),
        "reviewer": _user("reviewer", Role.REVIEWER),
        "viewer": _user("viewer", Role.VIEWER),
        "anonymous": Client(),
    }


@pytest.fixture
def english(settings) -> Iterator[None]:
    """The English interface for the whole test: pages (no browser preference falls back to
    LANGUAGE_CODE) and messages made outside a request, such as the value service's."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def viewer(db) -> Client:
    """The demo's viewer, signed in on the national example (planeval.web.core.demo)."""
    from planeval.web.core.demo import install_demo

    install_demo()
    client = Client()
    client.force_login(get_user_model().objects.get(username="viewer"))
    return client


CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium, driven by Playwright in the browser tests (``apt-get install -y chromium``)."""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """A headless Chromium for one test module; the tests are skipped where it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    # The sync API runs an event loop in the test's thread: Django would refuse the test's own
    # queries as "async unsafe" while it is up.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--no-first-run"]  # fmt: skip
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=flags)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
