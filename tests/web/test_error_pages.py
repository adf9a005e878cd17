"""The pages of refused requests (400, 403, 404, 405): in the site's style with its menu for a
signed-in user, in Chinese by default and in English after the switch, saying what happened (the
view's reason, escaped) and what to do; status codes and the ``Allow`` header as the views gave
them; the API's answers stay JSON. The test settings are the production ones (``DEBUG`` off), so
these are the pages a user meets."""

from __future__ import annotations

import re
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from planeval.web.core import values
from planeval.web.core.error_pages import nearest_page
from planeval.web.core.models import Value
from planeval.web.supervision import service as supervision
from planeval.web.tasks.models import Task

STYLE = 'href="/static/planeval/site.css"'
MENU = 'href="/plans/synthetic/warnings/"'  # an entry of the signed-in menu
OVERVIEW, WARNINGS, ASSESSMENT = "/plans/synthetic/", "/plans/synthetic/warnings/", "/plans/synthetic/assessment/"


def in_english(client: Client) -> Client:
    """``client`` after the language switch (its cookie), as a user who chose English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def page(response: Any, status: int) -> str:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert STYLE in text
    return text


def same_page(text: str, path: str) -> str:
    """``text`` without what differs between two answers of the same page: the address and the
    forms' CSRF tokens."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text.replace(path, "PATH"))


@pytest.fixture
def task(world) -> Task:
    """A key task led by department A, which department B's clerk may read but not report on."""
    return Task.objects.create(plan=world.plan, code="T1", text="合成任务", lead=world.department_a,
                               start=world.round.opens, due=world.round.deadline)  # fmt: skip


def test_it_renders_the_pages_as_production_does():
    assert settings.DEBUG is False  # with DEBUG on, Django would show its technical pages instead


# 400 ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [OVERVIEW, WARNINGS, ASSESSMENT])
def test_it_says_which_period_is_outside_the_plan_in_chinese(world, personas, url):
    text = page(personas["viewer"].get(url + "?as_of=2026"), 400)
    assert "请求无效" in text and MENU in text
    assert "as_of=2026 超出规划期 2021—2025 年" in text  # the plan: base year 2020, target year 2025
    assert f'href="{url}">打开不带这些选项的页面' in text


@pytest.mark.parametrize("url", [OVERVIEW, WARNINGS, ASSESSMENT])
def test_it_says_which_method_is_unknown_in_english(world, personas, url):
    text = page(in_english(personas["clerk_a"]).get(url + "?method=all"), 400)
    assert "The request is not valid" in text and MENU in text
    assert "method=all is not an evaluation method the site knows." in text
    assert f'href="{url}">Open the page without these choices' in text


def test_it_escapes_the_reason(world, personas):
    text = page(personas["viewer"].get(OVERVIEW, {"method": "<script>alert(1)</script>"}), 400)
    assert "method=&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>alert" not in text


def test_it_says_a_warnings_filter_is_not_offered(world, personas):
    text = page(in_english(personas["viewer"]).get(WARNINGS + "?level=purple"), 400)
    assert "purple is not one of the available choices" in text  # Django's message of the filter form


def test_it_tells_an_anonymous_visitor_in_plain_words_that_a_form_was_too_large(db):
    fields = {f"field{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    text = page(Client().post(reverse("login"), fields), 400)
    assert "表单一次提交的字段数超过了网站的接收上限。" in text
    assert MENU not in text and "退出登录" not in text  # nobody is signed in
    assert "DATA_UPLOAD_MAX_NUMBER_FIELDS" not in text  # Django's message is for developers


def test_it_does_not_show_the_message_of_a_forged_host_name(db):
    text = page(in_english(Client()).get("/", headers={"host": "intruder.example"}), 400)
    assert "The request is not valid" in text and "intruder.example" not in text


# 403 ---------------------------------------------------------------------------------------------


def test_it_tells_a_cooperating_departments_clerk_whose_work_a_task_report_is(world, personas, task):
    url = reverse("tasks:report", args=[world.plan.slug, task.pk])
    text = page(personas["clerk_b"].get(url), 403)
    assert "此页面或操作不对您开放" in text and MENU in text
    assert "这是其他部门或规划处的工作" in text
    assert "您当前的登录账号为 clerk_b（乙局，填报单位）。" in text
    english = page(in_english(personas["clerk_b"]).get(url), 403)
    assert "You are signed in as clerk_b, department reporter of 乙局." in english
    assert "the work of another department or of the planning office" in english
    assert 'href="/plans/synthetic/">Back to the plan\'s overview' in english


def test_it_names_the_roles_that_may_open_a_page(world, personas):
    text = page(in_english(personas["viewer"]).get(reverse("review:rounds", args=[world.plan.slug])), 403)
    assert "Only these roles may open this page or do this:" in text
    assert "<li>planning office</li><li>reviewer</li>" in text
    assert "You are signed in as viewer, viewer." in text
    chinese = page(personas["clerk_a"].get(reverse("review:rounds", args=[world.plan.slug])), 403)
    assert "<li>规划处</li><li>审核人员</li>" in chinese


def test_it_shows_the_reason_a_view_gave_escaped(world, personas):
    refusal = PermissionDenied("Only <b>the planning office</b> may do this.")
    with mock.patch("planeval.web.review.views.round_progress", side_effect=refusal):
        text = page(personas["reviewer"].get(reverse("review:rounds", args=[world.plan.slug])), 403)
    assert "Only &lt;b&gt;the planning office&lt;/b&gt; may do this." in text and "<b>the" not in text
    assert "这是其他部门或规划处的工作" not in text  # the view said why: no guess


def test_it_shows_why_the_value_service_refused_an_approval(world, personas):
    clerk = get_user_model().objects.get(username="clerk_a")
    draft = values.save(clerk, world.indicator_a, world.round, "43")  # saved, not submitted
    url = reverse("review:approve", args=[world.plan.slug, draft.pk])
    text = page(in_english(personas["reviewer"]).post(url, {"version": draft.version}), 403)
    assert "Only a submitted value can be approved." in text
    assert "Only these roles" not in text  # the reviewer's role may approve: the value's state is why


def test_it_asks_to_reload_a_form_whose_token_expired(db):
    anonymous = Client(enforce_csrf_checks=True)
    text = page(anonymous.post(reverse("login"), {"username": "x", "password": "y"}), 403)
    assert "表单未被接受" in text and "请刷新页面后重新提交" in text and "没有任何数据被修改" in text
    english = in_english(Client(enforce_csrf_checks=True))
    text = page(
        english.post(reverse("login"), {"username": "x"}, headers={"referer": "http://testserver/accounts/login/"}), 403
    )
    assert "The form was not accepted" in text and "CSRF" not in text
    assert 'href="http://testserver/accounts/login/">Back to the page' in text


# 404 ---------------------------------------------------------------------------------------------


def test_it_does_not_tell_another_department_that_a_supervision_item_exists(world, personas):
    planner = get_user_model().objects.get(username="planner")
    item = supervision.open_item(planner, world.plan, department=world.department_a, findings="进度滞后",
                                 requirement="追赶", deadline=world.round.deadline)  # fmt: skip
    url = reverse("supervision:detail", args=[world.plan.slug, item.pk])
    hidden = page(personas["clerk_b"].get(url), 404)
    missing = page(personas["clerk_b"].get(reverse("supervision:detail", args=[world.plan.slug, item.pk + 99])), 404)
    assert "找不到此页面" in hidden and "也可能属于其他部门" in hidden and MENU in hidden
    assert same_page(hidden, url) == same_page(missing, url.replace(str(item.pk), str(item.pk + 99)))
    english = page(in_english(personas["clerk_b"]).get(url), 404)
    assert "This page cannot be found" in english and "it may belong to another department" in english


def test_it_keeps_the_menu_on_the_plan_that_exists(world, personas):
    text = page(in_english(personas["viewer"]).get("/plans/no-such-plan/warnings/"), 404)
    assert 'href="/plans/no-such-plan/' not in text
    assert MENU in text  # the only plan's menu


def test_it_sends_an_anonymous_visitor_to_log_in(db):
    text = page(Client().get("/no/such/page/"), 404)
    assert "您尚未登录" in text and f'href="{reverse("login")}"' in text and "退出登录" not in text
    assert "/no/such/page/" in text


def test_it_escapes_the_path(db):
    text = page(Client().get("/no/<b>page</b>/"), 404)
    assert "<b>page</b>" not in text


# 405 ---------------------------------------------------------------------------------------------


def test_it_says_an_import_address_takes_only_post_and_links_back(world, personas):
    answer = personas["planner"].get(reverse("tasks:import", args=[world.plan.slug]))
    text = page(answer, 405)
    assert answer["Allow"] == "POST"
    assert "此网址不是可直接打开的页面" in text and MENU in text
    assert "/plans/synthetic/tasks/import/ 只接受 POST 请求，而本次请求为 GET。" in text
    assert 'href="/plans/synthetic/tasks/">打开上一级页面' in text  # the task list, above the import
    english = page(in_english(personas["planner"]).get(reverse("tasks:import", args=[world.plan.slug])), 405)
    assert "/plans/synthetic/tasks/import/ only takes POST requests; this one was GET." in english
    assert "Nothing was changed." in english


def test_it_answers_an_anonymous_get_of_the_logout_address(db):
    answer = in_english(Client()).get(reverse("logout"))
    text = page(answer, 405)
    assert answer["Allow"] == "POST, OPTIONS"  # as Django's LogoutView says
    assert "only takes POST requests" in text and "OPTIONS" not in text
    assert 'href="/">Open the page above it' in text


def test_it_says_a_page_does_not_take_a_method_it_does_not_know(world, personas):
    answer = in_english(personas["viewer"]).delete(reverse("supervision:list", args=[world.plan.slug]))
    text = page(answer, 405)
    assert answer["Allow"] == "GET"
    assert "This page does not take this request" in text and "this one was DELETE" in text


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/plans/synthetic/tasks/import/", "/plans/synthetic/tasks/"),
        ("/plans/synthetic/tasks/import/confirm/", "/plans/synthetic/tasks/"),  # import/ takes only POST
        ("/plans/synthetic/rounds/2022/upload/", "/plans/synthetic/rounds/2022/"),
        ("/accounts/logout/", "/"),
        ("/", "/"),
    ],
)
def test_it_finds_the_nearest_page_above_an_address(path, expected):
    assert nearest_page(path) == expected


# The API -----------------------------------------------------------------------------------------


def test_it_leaves_the_apis_answers_json(world, personas):
    english = {"accept-language": "en"}
    viewer = personas["viewer"]
    approved = Value.objects.get(indicator=world.indicator_a, period="2021")  # the viewer sees it, may not change it
    approve = reverse("api:value-approve", args=[world.plan.slug, approved.pk])
    refused = viewer.post(approve, headers=english)
    assert refused.status_code == 403 and refused["Content-Type"] == "application/json"
    assert refused.json() == {"detail": "You do not have permission to perform this action."}  # DRF's own
    wrong = viewer.get(reverse("api:value-save", args=[world.plan.slug, "2022"]), headers=english)
    assert wrong.status_code == 405 and wrong["Content-Type"] == "application/json"
    assert wrong.json() == {"detail": 'Method "GET" not allowed.'} and "POST" in wrong["Allow"]
    missing = viewer.get("/api/plans/no such plan!/", headers=english)  # names no route
    assert (missing.status_code, missing["Content-Type"]) == (404, "application/json")
    assert missing.json() == {"detail": "Not found."}
    bad = viewer.get(reverse("api:evaluation", args=[world.plan.slug]) + "?as_of=2026", headers=english)
    assert bad.status_code == 400 and bad["Content-Type"] == "application/json"
