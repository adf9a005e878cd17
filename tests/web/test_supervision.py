"""The supervision loop's service: each step, each refusal, the numbering, escalation at its
boundaries (hand-computed dates) and the history row every step leaves."""

from __future__ import annotations

import datetime
import importlib
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from planeval.domain.escalation import EscalationSettings
from planeval.web.core.models import Indicator, Plan
from planeval.web.supervision import service
from planeval.web.supervision.history import Step, timeline
from planeval.web.supervision.models import ItemState, Kind, Rectification, RectificationFile, SupervisionItem
from planeval.web.tasks.models import Task

OPENED = datetime.date(2026, 3, 1)
DEADLINE = datetime.date(2026, 3, 31)
N = 15  # EscalationSettings' default: level 2 from 31 March + 15 + 1 days = 16 April
PDF = b"%PDF-1.4\n1 0 obj\n"


def _user(name: str):
    return get_user_model().objects.get(username=name)


def _pdf(name: str = "整改台账.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _open(world, **changes) -> SupervisionItem:
    fields = {
        "department": world.department_a,
        "findings": "指标进度滞后于时间进度",
        "requirement": "制定追赶措施",
        "deadline": DEADLINE,
        "opened_on": OPENED,
        "indicator": world.indicator_a,
    }
    fields.update(changes)
    return service.open_item(_user("planner"), world.plan, **fields)


@pytest.fixture
def item(world, personas) -> SupervisionItem:
    return _open(world)


# Opening and numbering ---------------------------------------------------------------------------


def test_it_numbers_items_in_sequence_per_plan_and_year(world, personas):
    first, second = _open(world), _open(world, kind=Kind.ON_SITE, indicator=None)
    last_year = _open(world, opened_on=datetime.date(2025, 12, 1), deadline=datetime.date(2026, 1, 15))
    other_plan = Plan.objects.create(slug="other", title="另一规划", base_year=2020, end_year=2025)
    elsewhere = service.open_item(
        _user("planner"),
        other_plan,
        department=world.department_b,
        findings="f",
        requirement="r",
        deadline=DEADLINE,
        opened_on=OPENED,
    )
    assert [(i.year, i.sequence) for i in (first, second, last_year, elsewhere)] == [
        (2026, 1),
        (2026, 2),
        (2025, 1),
        (2026, 1),
    ]
    with translation.override("zh-hans"):
        assert second.number == "督办〔2026〕2号"
    with translation.override("en"):
        assert second.number == "Supervision 〔2026〕 No. 2"
    assert (first.state, first.escalation_level, first.opened_by.username) == (ItemState.OPEN, 0, "planner")


def test_it_opens_an_item_about_a_task_with_the_rule_it_came_from(world, personas):
    task = Task.objects.create(
        plan=world.plan,
        code="T1",
        text="建设数据中心",
        lead=world.department_b,
        start=datetime.date(2021, 1, 1),
        due=datetime.date(2025, 12, 31),
    )
    found = _open(world, department=world.department_b, indicator=None, task=task, rule="task_delayed")
    assert (found.subject, found.rule) == (task, "task_delayed")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"findings": "  "}, "findings"),
        ({"requirement": ""}, "requirement"),
        ({"deadline": datetime.date(2026, 2, 28)}, "deadline"),  # the day before the opening
        ({"kind": "phone"}, "kind"),
        ({"rule": "r" * 61}, "rule"),
    ],
)
def test_it_refuses_an_item_that_is_not_complete(world, personas, changes, field):
    with pytest.raises(service.InvalidItem) as refused:
        _open(world, **changes)
    assert refused.value.field == field
    assert not SupervisionItem.objects.exists()


def test_it_accepts_a_deadline_on_the_opening_day(world, personas):
    assert _open(world, deadline=OPENED).deadline == OPENED


def test_it_numbers_a_back_dated_item_in_the_order_it_was_entered(world, personas):
    # entered third but dated 15 January, before the two of 1 March: the next free number, as a
    # register of outgoing documents numbers them
    _open(world), _open(world)
    late_entry = _open(world, opened_on=datetime.date(2026, 1, 15), deadline=datetime.date(2026, 2, 15))
    assert (late_entry.year, late_entry.sequence) == (2026, 3)


@pytest.mark.parametrize(
    ("opened_on", "accepted"),
    [
        (datetime.date(2019, 12, 31), False),  # the year before the plan's base year 2020
        (datetime.date(2020, 1, 1), True),  # the base year's first day
        (datetime.date(1900, 1, 1), False),
        (datetime.date.today(), True),
        (datetime.date.today() + datetime.timedelta(days=1), False),  # tomorrow
        (datetime.date(2099, 1, 1), False),
    ],
)
def test_it_refuses_an_opening_in_the_future_or_before_the_plans_base_year(world, personas, opened_on, accepted):
    deadline = opened_on + datetime.timedelta(days=30)
    if accepted:
        assert _open(world, opened_on=opened_on, deadline=deadline).year == opened_on.year
        return
    with pytest.raises(service.InvalidItem) as refused:
        _open(world, opened_on=opened_on, deadline=deadline)
    assert refused.value.field == "opened_on"
    assert not SupervisionItem.objects.exists()


def test_it_refuses_a_subject_of_another_plan_or_two_subjects(world, personas):
    other_plan = Plan.objects.create(slug="other", title="另一规划", base_year=2020, end_year=2025)
    foreign = Indicator.objects.create(
        plan=other_plan,
        position=1,
        code="X1",
        name="他人指标",
        aspect="经济",
        attribute="expected",
        direction="increase",
        base_year=2020,
        target_year=2025,
    )
    task = Task.objects.create(
        plan=world.plan,
        code="T1",
        text="任务",
        lead=world.department_a,
        start=datetime.date(2021, 1, 1),
        due=datetime.date(2025, 12, 31),
    )
    for changes in ({"indicator": foreign}, {"task": task}):
        with pytest.raises(service.InvalidItem) as refused:
            _open(world, **changes)
        assert refused.value.field == "subject_code"


@pytest.mark.parametrize("persona", ["clerk_a", "reviewer", "viewer"])
def test_it_lets_only_the_office_open_items(world, personas, persona):
    with pytest.raises(service.WrongPerson):
        service.open_item(
            _user(persona),
            world.plan,
            department=world.department_a,
            findings="f",
            requirement="r",
            deadline=DEADLINE,
            opened_on=OPENED,
        )


# The loop ----------------------------------------------------------------------------------------


def test_it_runs_the_loop_answer_send_back_answer_close(item):
    clerk, planner = _user("clerk_a"), _user("planner")
    first = service.answer(clerk, item, "已制定追赶方案", [_pdf()])
    item.refresh_from_db()
    assert item.state == ItemState.ANSWERED
    assert (first.submitted_by, first.files.get().name) == (clerk, "整改台账.pdf")

    service.send_back(planner, item, "缺少分季度目标")
    item.refresh_from_db()
    assert (item.state, item.office_comment) == (ItemState.RETURNED, "缺少分季度目标")

    second = service.answer(clerk, item, "补充了分季度目标")
    service.close(planner, item, "整改到位", on=datetime.date(2026, 3, 20))
    item.refresh_from_db()
    assert (item.state, item.closed_on, item.office_comment) == (
        ItemState.CLOSED,
        datetime.date(2026, 3, 20),
        "整改到位",
    )
    assert list(item.rectifications.all()) == [first, second]


def test_it_keeps_a_history_row_per_step_with_who_and_why(english, item):
    clerk, planner = _user("clerk_a"), _user("planner")
    service.answer(clerk, item, "已制定追赶方案", [_pdf()])
    service.send_back(planner, item, "缺少分季度目标")
    service.answer(clerk, item, "补充了分季度目标")
    service.close(planner, item, "", on=datetime.date(2026, 3, 20))
    rows = timeline(item)
    assert [(r.step, r.who, r.before, r.state) for r in rows] == [
        (Step.OPENED, "planner", None, ItemState.OPEN),
        (Step.ANSWERED, "clerk_a", ItemState.OPEN, ItemState.ANSWERED),
        (Step.RETURNED, "planner", ItemState.ANSWERED, ItemState.RETURNED),
        (Step.ANSWERED, "clerk_a", ItemState.RETURNED, ItemState.ANSWERED),
        (Step.CLOSED, "planner", ItemState.ANSWERED, ItemState.CLOSED),
    ]
    assert [r.reason for r in rows] == [
        "opened",
        "rectification report 1 submitted",
        "缺少分季度目标",
        "rectification report 2 submitted",
        "closed",
    ]
    assert rows[2].comment == "缺少分季度目标"
    assert [r.report.text if r.report else None for r in rows] == [
        None,
        "已制定追赶方案",
        None,
        "补充了分季度目标",
        None,
    ]
    assert item.history.count() == 5


def test_it_keeps_a_long_comment_whole_and_a_short_reason(item):
    service.answer(_user("clerk_a"), item, "已整改")
    comment = "请补充" + "佐证" * 60  # 3 + 120 = 123 characters
    service.send_back(_user("planner"), item, comment)
    item.refresh_from_db()
    record = item.history.first()
    assert item.office_comment == comment and record.office_comment == comment
    assert len(record.history_change_reason) == 100 and record.history_change_reason.endswith("…")


@pytest.mark.parametrize("persona", ["clerk_b", "planner", "reviewer", "viewer"])
def test_it_lets_only_the_departments_reporters_answer(item, persona):
    with pytest.raises(service.WrongPerson):
        service.answer(_user(persona), item, "已整改")
    assert not Rectification.objects.exists()


@pytest.mark.parametrize("persona", ["clerk_a", "reviewer", "viewer"])
def test_it_lets_only_the_office_close_or_send_back(item, persona):
    service.answer(_user("clerk_a"), item, "已整改")
    with pytest.raises(service.WrongPerson):
        service.close(_user(persona), item)
    with pytest.raises(service.WrongPerson):
        service.send_back(_user(persona), item, "不行")
    item.refresh_from_db()
    assert item.state == ItemState.ANSWERED


def test_it_refuses_steps_in_the_wrong_state(item):
    clerk, planner = _user("clerk_a"), _user("planner")
    with pytest.raises(service.WrongState):
        service.close(planner, item)  # open: nothing to verify yet
    with pytest.raises(service.WrongState):
        service.send_back(planner, item, "不行")
    service.answer(clerk, item, "已整改")
    with pytest.raises(service.WrongState):
        service.answer(clerk, item, "再补充")  # answered: the office has it
    service.close(planner, item)
    for step in (
        lambda: service.answer(clerk, item, "再补充"),
        lambda: service.close(planner, item),
        lambda: service.send_back(planner, item, "不行"),
    ):
        with pytest.raises(service.WrongState):
            step()
    assert item.history.count() == 3  # opened, answered, closed


def test_it_needs_a_report_and_a_comment_to_send_back(item):
    with pytest.raises(service.InvalidItem) as empty:
        service.answer(_user("clerk_a"), item, " ")
    assert empty.value.field == "text"
    service.answer(_user("clerk_a"), item, "已整改")
    with pytest.raises(service.InvalidItem) as silent:
        service.send_back(_user("planner"), item, "  ")
    assert silent.value.field == "comment"


def test_it_refuses_a_disguised_file_and_writes_nothing(item):
    program = SimpleUploadedFile("台账.pdf", b"MZ\x90\x00", content_type="application/pdf")
    with pytest.raises(service.InvalidItem) as refused:
        service.answer(_user("clerk_a"), item, "已整改", [_pdf(), program])
    assert refused.value.field == "evidence"
    item.refresh_from_db()
    assert item.state == ItemState.OPEN
    assert not Rectification.objects.exists() and not RectificationFile.objects.exists()


def test_it_shows_a_reporter_only_its_departments_items(world, personas, item):
    other = _open(world, department=world.department_b, indicator=world.indicator_b)
    everything = SupervisionItem.objects.all()
    assert list(service.visible_items(_user("clerk_a"), everything)) == [item]
    assert list(service.visible_items(_user("clerk_b"), everything)) == [other]
    for persona in ("viewer", "reviewer", "planner"):
        assert set(service.visible_items(_user(persona), everything)) == {item, other}


# Escalation --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "level"),
    [
        (DEADLINE, 0),  # the deadline day itself is not overdue
        (datetime.date(2026, 4, 1), 1),  # the day after
        (datetime.date(2026, 4, 15), 1),  # 31 March + 15 days
        (datetime.date(2026, 4, 16), 2),  # 31 March + 15 + 1 days
    ],
)
def test_it_escalates_at_the_boundaries(item, on, level):
    service.escalate_overdue(on, EscalationSettings(escalation_days=N))
    item.refresh_from_db()
    assert item.escalation_level == level
    assert item.history.count() == (1 if level == 0 else 2)  # a jump from 0 to 2 is one step


def test_it_escalates_once_a_day_and_again_when_the_next_level_comes(english, item):
    rules = EscalationSettings(escalation_days=N)
    first = service.escalate_overdue(datetime.date(2026, 4, 1), rules)
    assert [(e.item, e.before, e.after, e.days) for e in first] == [(item, 0, 1, 1)]
    assert service.escalate_overdue(datetime.date(2026, 4, 1), rules) == []  # the second run that day
    assert service.escalate_overdue(datetime.date(2026, 4, 10), rules) == []  # still level 1
    assert [e.after for e in service.escalate_overdue(datetime.date(2026, 4, 16), rules)] == [2]
    assert service.escalate_overdue(datetime.date(2026, 6, 1), rules) == []  # 2 is the top
    rows = timeline(item)
    assert [(r.step, r.who, r.level) for r in rows] == [
        (Step.OPENED, "planner", 0),
        (Step.ESCALATED, "", 1),
        (Step.ESCALATED, "", 2),
    ]
    assert rows[1].reason == "1 day past the deadline 2026-03-31: level 1, reminder"
    assert rows[2].reason == "16 days past the deadline 2026-03-31: level 2, reported"


def test_it_escalates_only_what_waits_on_the_department(world, personas, item):
    answered = _open(world)
    service.answer(_user("clerk_a"), answered, "已整改")  # answered in time, waiting on the office
    closed = _open(world)
    service.answer(_user("clerk_a"), closed, "已整改")
    service.close(_user("planner"), closed, on=datetime.date(2026, 3, 30))
    returned = _open(world)
    service.answer(_user("clerk_a"), returned, "已整改")
    service.send_back(_user("planner"), returned, "缺少佐证", on=datetime.date(2026, 3, 25))  # before the deadline
    raised = service.escalate_overdue(datetime.date(2026, 4, 16))  # 31 March + 15 + 1 days: level 2
    assert [(e.item.pk, e.after, e.days) for e in raised] == [(item.pk, 2, 16), (returned.pk, 2, 16)]
    for waiting_on_office in (answered, closed):
        waiting_on_office.refresh_from_db()
        assert waiting_on_office.escalation_level == 0
        assert not waiting_on_office.is_overdue(datetime.date(2026, 4, 16))


RETURNED = datetime.date(2026, 4, 10)  # answered on time, sent back after the deadline


@pytest.fixture
def returned_late(item) -> SupervisionItem:
    service.answer(_user("clerk_a"), item, "已制定追赶方案")
    service.send_back(_user("planner"), item, "缺少分季度目标", on=RETURNED)
    item.refresh_from_db()
    return item


@pytest.mark.parametrize(
    ("on", "level"),
    [
        (RETURNED, 0),  # the day it came back is like a deadline day
        (datetime.date(2026, 4, 11), 1),  # 1 day, not 11
        (datetime.date(2026, 4, 25), 1),  # 10 April + 15 days
        (datetime.date(2026, 4, 26), 2),  # 10 April + 15 + 1 days
    ],
)
def test_it_escalates_an_item_sent_back_after_the_deadline_from_the_day_it_came_back(returned_late, on, level):
    assert returned_late.returned_on == RETURNED
    service.escalate_overdue(on, EscalationSettings(escalation_days=N))
    returned_late.refresh_from_db()
    assert returned_late.escalation_level == level
    assert returned_late.days_overdue(on) == (on - RETURNED).days


def test_it_says_an_escalation_counts_from_the_return(english, returned_late):
    service.escalate_overdue(datetime.date(2026, 4, 12), EscalationSettings(escalation_days=N))
    assert timeline(returned_late)[-1].reason == (
        "2 days since it was sent back on 2026-04-10, past the deadline 2026-03-31: level 1, reminder"
    )
    with translation.override("zh-hans"):
        service.escalate_overdue(datetime.date(2026, 4, 26), EscalationSettings(escalation_days=N))
    assert (
        timeline(returned_late)[-1].reason
        == "退回（2026-04-10）后逾期 16 天（整改时限 2026-03-31 已过）：二级督办（通报）"
    )


def test_it_fills_the_return_day_of_items_sent_back_before_it_was_kept(returned_late):
    fill = importlib.import_module("planeval.web.supervision.migrations.0003_returned_on_from_history").fill_returned_on
    service.escalate_overdue(datetime.date(2026, 4, 20))  # a record in state returned after the return
    SupervisionItem.objects.filter(pk=returned_late.pk).update(returned_on=None)
    record = returned_late.history.filter(state=ItemState.RETURNED).earliest("history_date")
    fill(django_apps, None)
    returned_late.refresh_from_db()
    assert returned_late.returned_on == timezone.localdate(record.history_date)  # the day it was sent back


def test_it_shows_what_would_be_raised_without_writing(item):
    due = service.escalations_due(datetime.date(2026, 4, 16), EscalationSettings(escalation_days=N))
    assert [(e.item.pk, e.before, e.after, e.days) for e in due] == [(item.pk, 0, 2, 16)]
    item.refresh_from_db()
    assert item.escalation_level == 0 and item.history.count() == 1


def test_it_escalates_from_the_command_with_the_setting(item, settings):
    settings.SUPERVISION_ESCALATION_DAYS = 3  # level 2 from 31 March + 3 + 1 days = 4 April
    out = StringIO()
    call_command("escalate_supervision", on="2026-04-03", stdout=out)
    assert "督办〔2026〕1号: level 0 → 1 (3 days past 2026-03-31)" in out.getvalue()
    out = StringIO()
    call_command("escalate_supervision", on="2026-04-03", stdout=out)
    assert out.getvalue().strip() == "0 item(s) escalated as of 2026-04-03."
    call_command("escalate_supervision", on="2026-04-04", plan=item.plan.slug, stdout=StringIO())
    item.refresh_from_db()
    assert item.escalation_level == 2
    assert item.history.first().history_change_reason == "逾期 4 天（整改时限 2026-03-31）：二级督办（通报）"


def test_it_refuses_a_day_after_today_unless_only_shown(item):
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    with pytest.raises(CommandError, match=f"--on {tomorrow} is after today") as refused:
        call_command("escalate_supervision", on=tomorrow, stdout=StringIO())
    assert refused.value.returncode == 2 and "\n" not in str(refused.value)
    item.refresh_from_db()
    assert item.escalation_level == 0 and item.history.count() == 1
    out = StringIO()
    call_command("escalate_supervision", "--dry-run", on=tomorrow, stdout=out)
    days = (datetime.date.today() + datetime.timedelta(days=1) - DEADLINE).days
    assert out.getvalue().splitlines() == [
        f"synthetic 督办〔2026〕1号: level 0 → 2 ({days} days past 2026-03-31)",
        f"1 item(s) would be escalated as of {tomorrow}; nothing was written.",
    ]
    item.refresh_from_db()
    assert item.escalation_level == 0 and item.history.count() == 1


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"on": "2026-13-01"}, "expected a date"),
        ({"plan": "nowhere"}, "no such plan"),
        ({"days": -1}, "escalation_days"),
    ],
)
def test_it_says_what_is_wrong_with_the_commands_options(item, options, message):
    with pytest.raises(CommandError, match=message) as refused:
        call_command("escalate_supervision", stdout=StringIO(), **options)
    assert refused.value.returncode == 2
