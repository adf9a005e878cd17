"""The site's foundation: health check, demo content, conversion to the core, access rules."""

import pytest
from django.core.management import call_command

from planeval import evaluate, parse_period
from planeval.web.core.access import may_report, role_of
from planeval.web.core.convert import domain_plan, observations
from planeval.web.core.demo import install_demo
from planeval.web.core.models import Department, Plan, Role, Value, ValueState


@pytest.mark.django_db
def test_it_answers_the_health_check(client):
    assert client.get("/healthz").json() == {"status": "ok"}


@pytest.mark.django_db
def test_it_installs_the_national_example_once_with_departments_and_logins():
    logins = install_demo()
    plan = Plan.objects.get(slug="cn-14th-fyp")
    assert plan.indicators.count() == 20 and plan.rounds.get().period == "2025"
    assert Value.objects.filter(indicator__plan=plan, state=ValueState.APPROVED).count() == 81
    # NBS publishes most values; MEE the air and water bulletins.
    assert plan.indicators.get(code="N16").department.name == "生态环境部"
    assert plan.indicators.get(code="N01").department.name == "国家统计局"
    assert {login.role for login in logins} == set(Role)
    assert install_demo() == []


@pytest.mark.django_db
def test_it_evaluates_the_stored_plan_as_the_folder_does():
    install_demo()
    plan = Plan.objects.get(slug="cn-14th-fyp")
    stored = evaluate(domain_plan(plan), observations(plan), parse_period("2022"))
    assert stored.summary.paragraph.startswith("规划确定的5个方面20项主要指标中，12项达到或超过规划进度要求")
    assert stored.result("N03").baseline == 63.89  # the census value of 2020 revises the base


def test_it_lets_only_the_own_department_report_while_the_round_is_open(world, personas):
    from django.contrib.auth import get_user_model

    users = {u.username: u for u in get_user_model().objects.all()}
    assert may_report(users["clerk_a"], world.indicator_a, world.round)
    assert not may_report(users["clerk_b"], world.indicator_a, world.round)
    assert not may_report(users["viewer"], world.indicator_a, world.round)
    assert may_report(users["planner"], world.indicator_b, world.round)
    world.round.state = "closed"
    assert not may_report(users["clerk_a"], world.indicator_a, world.round)
    approved = Value.objects.get(indicator=world.indicator_a, period="2021")
    assert not may_report(users["planner"], world.indicator_a, world.round, approved)
    assert role_of(users["reviewer"]) is Role.REVIEWER


@pytest.mark.django_db
def test_it_has_its_migrations_up_to_date():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_it_keeps_departments_named_uniquely(db):
    Department.objects.create(code="x", name="甲")
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Department.objects.create(code="y", name="甲")


READ_BY_EVERYONE = [f"/plans/synthetic/{page}" for page in ("", "warnings/", "tasks/", "supervision/", "assessment/")]
"""The menu's pages every role reads (overview, early warnings, key tasks, supervision, assessment)."""


@pytest.mark.parametrize(
    ("persona", "links"),
    [("viewer", []), ("clerk_a", ["/plans/synthetic/rounds/"]), ("reviewer", ["/plans/synthetic/review/"]),
     ("planner", ["/plans/synthetic/rounds/", "/plans/synthetic/review/"])],
)  # fmt: skip
def test_it_offers_each_role_its_pages_in_the_menu(personas, persona, links):
    import re

    html = personas[persona].get("/plans/synthetic/").text
    nav = re.search(r"<nav>(.*?)</nav>", html, re.S).group(1)
    shown = re.findall(r'href="(/plans/[^"]*)"', nav)
    assert shown[0] == "/plans/synthetic/"  # the overview first
    assert sorted(shown) == sorted(READ_BY_EVERYONE + links)


def test_it_refuses_a_huge_request_before_reading_it(personas):
    huge = str(100 * 1024 * 1024)
    answer = personas["clerk_a"].post(
        "/plans/synthetic/rounds/2022/", data=b"x", content_type="text/plain", CONTENT_LENGTH=huge
    )
    assert answer.status_code == 413
