"""The supervision pages by persona: the list (filters, overdue first), the new-item form and its
prefill from a warning's link, the detail with its timeline, the answer and verify forms, the
evidence download."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from planeval.web.core.models import Department
from planeval.web.supervision import service
from planeval.web.supervision.models import ItemState, SupervisionItem
from planeval.web.tasks.models import Task

PDF = b"%PDF-1.4\n1 0 obj\n"


def _user(name: str):
    return get_user_model().objects.get(username=name)


def _open(world, department=None, deadline_in_days: int = 10, **changes) -> SupervisionItem:
    today = timezone.localdate()
    fields = {
        "department": department or world.department_a,
        "findings": "指标进度滞后",
        "requirement": "制定追赶措施",
        "opened_on": today - datetime.timedelta(days=30),
        "deadline": today + datetime.timedelta(days=deadline_in_days),
    }
    fields.update(changes)
    return service.open_item(_user("planner"), world.plan, **fields)


def _url(name: str, world, item: SupervisionItem | None = None) -> str:
    kwargs = {"slug": world.plan.slug} | ({"item": item.pk} if item else {})
    return reverse(f"supervision:{name}", kwargs=kwargs)


def _listed(response) -> list[int]:
    """The item ids in the order the list shows them."""
    return [int(pk) for pk in re.findall(r'<tr id="item-(\d+)"', response.text)]


@pytest.fixture
def items(world, personas) -> dict[str, SupervisionItem]:
    late = _open(world, deadline_in_days=-3)  # 3 days past its deadline
    soon = _open(world, deadline_in_days=5)
    other = _open(world, department=world.department_b, deadline_in_days=1)
    done = _open(world, deadline_in_days=-20)
    service.answer(_user("clerk_a"), done, "已整改")
    service.close(_user("planner"), done)
    return {"late": late, "soon": soon, "other": other, "done": done}


# The list ----------------------------------------------------------------------------------------


def test_it_lists_overdue_items_first_and_closed_ones_last(world, personas, items):
    response = personas["viewer"].get(_url("list", world))
    assert response.status_code == 200
    assert _listed(response) == [items[k].pk for k in ("late", "other", "soon", "done")]  # then by deadline
    assert re.search(rf'<tr id="item-{items["late"].pk}" class="overdue">', response.text)
    assert "逾期 3 天" in response.text
    assert "共 4 项" in response.text and "1 项逾期" in response.text


def test_it_shows_a_reporter_only_its_departments_items(world, personas, items):
    assert _listed(personas["clerk_a"].get(_url("list", world))) == [items[k].pk for k in ("late", "soon", "done")]
    assert _listed(personas["clerk_b"].get(_url("list", world))) == [items["other"].pk]
    assert _listed(personas["clerk_b"].get(_url("list", world) + "?department=dept-a")) == []  # nothing leaks


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?state=closed", ["done"]),
        ("?department=dept-b", ["other"]),
        ("?overdue=on", ["late"]),
        ("?state=open&department=dept-a", ["late", "soon"]),
        ("?department=nowhere", ["late", "other", "soon", "done"]),  # not understood: not applied
    ],
)
def test_it_filters_by_state_department_and_overdue(world, personas, items, query, expected):
    response = personas["reviewer"].get(_url("list", world) + query)
    assert _listed(response) == [items[k].pk for k in expected]


@pytest.mark.parametrize("persona", ["viewer", "clerk_a", "reviewer", "planner"])
def test_it_is_in_every_roles_menu(world, personas, persona):
    page = personas[persona].get(reverse("dashboard:overview", kwargs={"slug": world.plan.slug})).text
    assert f'<a href="{_url("list", world)}">督查督办</a>' in page


def test_it_offers_a_new_item_only_to_the_office(world, personas):
    assert 'id="new-item"' in personas["planner"].get(_url("list", world)).text
    assert 'id="new-item"' not in personas["reviewer"].get(_url("list", world)).text


# A new item --------------------------------------------------------------------------------------


@pytest.mark.parametrize("department", ["甲局", "dept-a"])
def test_it_prefills_the_form_from_a_warnings_link(world, personas, department):
    query = f"?rule=behind_schedule&subject_kind=indicator&subject_code=A1&department={department}&findings=进度滞后"
    form = personas["planner"].get(_url("new", world) + query).context["form"]
    assert {
        name: form[name].value() for name in ("rule", "subject_kind", "subject_code", "findings", "department")
    } == {
        "rule": "behind_schedule",
        "subject_kind": "indicator",
        "subject_code": "A1",
        "findings": "进度滞后",
        "department": world.department_a.pk,
    }


def test_it_takes_the_department_of_the_subject_when_the_link_names_none(world, personas):
    Task.objects.create(
        plan=world.plan,
        code="T1",
        text="任务",
        lead=world.department_b,
        start=datetime.date(2021, 1, 1),
        due=datetime.date(2025, 12, 31),
    )
    new = _url("new", world)
    assert (
        personas["planner"].get(new + "?subject_kind=indicator&subject_code=B1").context["form"]["department"].value()
        == world.department_b.pk
    )
    assert (
        personas["planner"].get(new + "?subject_kind=task&subject_code=T1").context["form"]["department"].value()
        == world.department_b.pk
    )
    assert personas["planner"].get(new + "?department=无此局").context["form"]["department"].value() is None
    about_department = personas["planner"].get(new + "?rule=report_late&subject_kind=department&subject_code=乙局")
    assert about_department.context["form"]["department"].value() == world.department_b.pk
    assert about_department.context["form"]["subject_kind"].value() in (None, "")


def test_it_prefills_only_the_department_and_findings_from_a_department_warning(world, personas):
    # the warnings page's link for report_overdue: the subject is the department, by its code
    query = "?rule=report_overdue&subject_kind=department&subject_code=dept-b&department=乙局&findings=报送逾期"
    form = personas["planner"].get(_url("new", world) + query).context["form"]
    assert {name: form[name].value() for name in ("subject_kind", "subject_code", "department", "findings")} == {
        "subject_kind": None,
        "subject_code": None,
        "department": world.department_b.pk,
        "findings": "报送逾期",
    }
    today = timezone.localdate()
    response = personas["planner"].post(_url("new", world), {
        "kind": "written", "department": world.department_b.pk, "subject_kind": "", "subject_code": "",
        "findings": "报送逾期", "requirement": "补报", "rule": "report_overdue", "opened_on": today.isoformat(),
        "deadline": (today + datetime.timedelta(days=7)).isoformat(),
    })  # fmt: skip
    assert response.status_code == 302
    assert SupervisionItem.objects.get().subject is None


def test_it_warns_when_nobody_reports_for_the_department(world, personas):
    nobody = Department.objects.create(code="dept-c", name="丙局")  # no reporter account
    planner = personas["planner"]
    form_page = planner.get(_url("new", world) + "?department=丙局").text
    assert 'id="no-reporter"' in form_page and "丙局尚无填报账号" in form_page
    assert "丙局（无填报账号）</option>" in form_page and "甲局（无填报账号）" not in form_page
    assert 'id="no-reporter"' not in planner.get(_url("new", world) + "?department=甲局").text

    item = _open(world, department=nobody)  # still allowed
    page = planner.get(_url("detail", world, item)).text
    assert 'id="no-reporter"' in page and "开设账号前无人能答复此督办单" in page
    assert 'id="no-reporter"' not in planner.get(_url("detail", world, _open(world))).text


def test_it_counts_an_inactive_reporter_as_nobody(world, personas):
    get_user_model().objects.filter(username="clerk_b").update(is_active=False)
    item = _open(world, department=world.department_b)
    assert 'id="no-reporter"' in personas["viewer"].get(_url("detail", world, item)).text


def test_it_refuses_an_opening_after_today_on_the_form(world, personas):
    today = timezone.localdate()
    response = personas["planner"].post(_url("new", world), {
        "kind": "written", "department": world.department_a.pk, "findings": "问题", "requirement": "要求",
        "opened_on": "2099-02-01", "deadline": "2099-03-01",
    })  # fmt: skip
    assert response.status_code == 400
    assert "立项日期 2099-02-01 晚于今天" in response.text
    response = personas["planner"].post(_url("new", world), {
        "kind": "written", "department": world.department_a.pk, "findings": "问题", "requirement": "要求",
        "opened_on": "1900-01-01", "deadline": today.isoformat(),
    })  # fmt: skip
    assert response.status_code == 400 and "早于规划基期年（2020年）" in response.text
    assert not SupervisionItem.objects.exists()


def test_it_shows_a_tasks_text_and_links_the_subject(world, personas):
    long_text = "推进" + "重点领域改革" * 10  # 62 characters
    task = Task.objects.create(plan=world.plan, code="1-1", text=long_text, lead=world.department_b,
                               start=datetime.date(2021, 1, 1), due=datetime.date(2025, 12, 31))  # fmt: skip
    _open(world, department=world.department_b, task=task)
    _open(world, indicator=world.indicator_a)
    page = personas["viewer"].get(_url("list", world)).text
    task_page = reverse("tasks:detail", kwargs={"slug": world.plan.slug, "task": task.pk})
    (shown,) = re.findall(rf'<a class="sv-subject" href="{task_page}" title="{long_text}">1-1 ([^<]+)</a>', page)
    assert long_text.startswith(shown.rstrip(".…")) and len(shown) <= 40  # cut with the language's ellipsis
    indicator_page = reverse("dashboard:indicator", kwargs={"slug": world.plan.slug, "code": "A1"})
    assert f'<a class="sv-subject" href="{indicator_page}">A1 合成指标甲</a>' in page


def test_it_does_not_mark_late_an_item_answered_in_time(world, personas):
    answered = _open(world, deadline_in_days=-3)
    service.answer(_user("clerk_a"), answered, "已整改")  # waiting on the office now
    response = personas["viewer"].get(_url("list", world))
    assert re.search(rf'<tr id="item-{answered.pk}" class="">', response.text)
    assert "逾期" not in re.search(rf'<tr id="item-{answered.pk}".*?</tr>', response.text, flags=re.S).group(0)
    assert _listed(personas["viewer"].get(_url("list", world) + "?overdue=on")) == []


def test_it_opens_an_item_from_the_form(world, personas):
    today = timezone.localdate()
    response = personas["planner"].post(
        _url("new", world),
        {
            "kind": "on_site",
            "department": world.department_a.pk,
            "subject_kind": "indicator",
            "subject_code": "A1",
            "findings": "现场核查发现台账不全",
            "requirement": "补齐台账",
            "opened_on": today.isoformat(),
            "deadline": (today + datetime.timedelta(days=30)).isoformat(),
            "rule": "behind_schedule",
        },
    )
    item = SupervisionItem.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("detail", world, item)
    assert (item.kind, item.indicator, item.rule, item.opened_by.username) == (
        "on_site",
        world.indicator_a,
        "behind_schedule",
        "planner",
    )
    page = personas["planner"].get(response["Location"]).text
    assert "指标进度滞后" in page and '<code class="muted">behind_schedule</code>' in page  # the rule, named


def test_it_says_what_is_wrong_with_a_new_item(world, personas):
    today = timezone.localdate().isoformat()
    response = personas["planner"].post(
        _url("new", world),
        {
            "kind": "written",
            "department": world.department_a.pk,
            "subject_kind": "indicator",
            "subject_code": "Z9",
            "findings": "问题",
            "requirement": "要求",
            "opened_on": today,
            "deadline": "2020-01-01",
        },
    )
    assert response.status_code == 400
    assert "本规划没有编号为 Z9 的指标。" in response.text
    assert not SupervisionItem.objects.exists()


@pytest.mark.parametrize("persona", ["clerk_a", "reviewer", "viewer"])
def test_it_lets_only_the_office_open_an_item(world, personas, persona):
    assert personas[persona].get(_url("new", world)).status_code == 403
    assert personas[persona].post(_url("new", world), {"findings": "x"}).status_code == 403


# Detail, answer, verify --------------------------------------------------------------------------


def test_it_hides_another_departments_item(world, personas, items):
    assert personas["clerk_b"].get(_url("detail", world, items["late"])).status_code == 404
    assert personas["clerk_a"].get(_url("detail", world, items["late"])).status_code == 200


@pytest.mark.parametrize("persona", ["clerk_b", "planner", "reviewer", "viewer"])
def test_it_lets_only_the_departments_reporter_answer(world, personas, items, persona):
    url = _url("answer", world, items["soon"])
    assert personas[persona].get(url).status_code == 403
    assert personas[persona].post(url, {"text": "已整改"}).status_code == 403
    items["soon"].refresh_from_db()
    assert items["soon"].state == ItemState.OPEN


@pytest.mark.parametrize("persona", ["clerk_a", "reviewer", "viewer"])
def test_it_lets_only_the_office_verify(world, personas, items, persona):
    service.answer(_user("clerk_a"), items["soon"], "已整改")
    url = _url("verify", world, items["soon"])
    assert personas[persona].get(url).status_code == 403
    assert personas[persona].post(url, {"decision": "close"}).status_code == 403


def test_it_takes_the_answer_with_evidence_and_the_offices_decisions(world, personas, items):
    item, clerk, planner = items["soon"], personas["clerk_a"], personas["planner"]
    report = SimpleUploadedFile("整改台账.pdf", PDF, content_type="application/pdf")
    response = clerk.post(_url("answer", world, item), {"text": "已制定追赶方案", "evidence": [report]})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == ItemState.ANSWERED

    assert planner.post(_url("verify", world, item), {"decision": "return", "comment": ""}).status_code == 400
    planner.post(_url("verify", world, item), {"decision": "return", "comment": "缺少分季度目标"})
    item.refresh_from_db()
    assert (item.state, item.office_comment) == (ItemState.RETURNED, "缺少分季度目标")
    assert "缺少分季度目标" in clerk.get(_url("detail", world, item)).text

    clerk.post(_url("answer", world, item), {"text": "补充了分季度目标"})
    planner.post(_url("verify", world, item), {"decision": "close", "comment": "整改到位"})
    item.refresh_from_db()
    assert (item.state, item.closed_on) == (ItemState.CLOSED, timezone.localdate())

    page = personas["viewer"].get(_url("detail", world, item)).text
    steps = re.findall(r'<li class="step-(\w+)">', page)
    assert steps == ["opened", "answered", "returned", "answered", "closed"]
    assert "整改台账.pdf" in page and "已销号" in page


def test_it_refuses_a_disguised_evidence_file(world, personas, items):
    program = SimpleUploadedFile("台账.pdf", b"MZ\x90\x00", content_type="application/pdf")
    response = personas["clerk_a"].post(_url("answer", world, items["soon"]), {"text": "已整改", "evidence": [program]})
    assert response.status_code == 400
    assert "台账.pdf" in response.text
    items["soon"].refresh_from_db()
    assert items["soon"].state == ItemState.OPEN


def test_it_says_when_the_item_moved_on(world, personas, items):
    response = personas["clerk_a"].post(_url("answer", world, items["done"]), {"text": "再补充"}, follow=True)
    assert response.redirect_chain[-1][0] == _url("detail", world, items["done"])
    assert "未作任何更改" in response.text
    response = personas["planner"].get(_url("verify", world, items["soon"]))  # open: nothing to verify
    assert response.status_code == 302


def test_it_hands_out_evidence_to_whoever_reads_the_item(world, personas, items):
    report = SimpleUploadedFile("整改台账.pdf", PDF, content_type="application/pdf")
    service.answer(_user("clerk_a"), items["soon"], "已整改", [report])
    stored = items["soon"].rectifications.get().files.get()
    url = reverse("supervision:evidence", kwargs={"slug": world.plan.slug, "item": items["soon"].pk, "file": stored.pk})
    response = personas["viewer"].get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    assert personas["clerk_b"].get(url).status_code == 404
    wrong_item = reverse(
        "supervision:evidence", kwargs={"slug": world.plan.slug, "item": items["late"].pk, "file": stored.pk}
    )
    assert personas["viewer"].get(wrong_item).status_code == 404


def test_it_shows_the_escalation_level_in_the_list_and_the_detail(world, personas, items):
    service.escalate_overdue(timezone.localdate())
    items["late"].refresh_from_db()
    assert items["late"].escalation_level == 1  # 3 days past its deadline
    assert "一级督办 · 催办" in personas["viewer"].get(_url("list", world)).text
    assert "一级督办 · 催办" in personas["viewer"].get(_url("detail", world, items["late"])).text


def test_it_speaks_english_after_the_switch(world, personas, items, english):
    page = personas["viewer"].get(_url("detail", world, items["late"])).text
    assert "Supervision 〔" in page and "awaiting rectification" in page and "3 days overdue" in page
