"""Where each department stands in a round: the rule, the round's table, and who may see it."""

import datetime

import pytest

from planeval.web.core.models import Department, Indicator, Value
from planeval.web.review.progress import DepartmentState, ValueCounts, round_progress, state_of

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English messages

S = DepartmentState


@pytest.mark.parametrize(
    ("states", "past_deadline", "expected"),
    [
        ([None, None], False, S.NOT_STARTED),
        (["draft", None], False, S.DRAFT),
        (["approved", None], False, S.DRAFT),  # begun, not all entered
        (["submitted", "approved"], False, S.SUBMITTED),
        (["approved", "approved"], False, S.APPROVED),
        (["returned", "approved"], False, S.RETURNED),
        (["returned", "draft"], False, S.RETURNED),
        ([None, None], True, S.OVERDUE),
        (["returned", "approved"], True, S.OVERDUE),
        (["submitted", "approved"], True, S.SUBMITTED),  # all in: late review is not the department's
        (["approved", "approved"], True, S.APPROVED),
    ],
)
def test_it_gives_a_department_the_state_its_values_call_for(states, past_deadline, expected):
    assert state_of(ValueCounts.of(states), past_deadline) is expected


def _department(world, code, states):
    """A department with one indicator per state in ``states``, and that value for the round."""
    department = Department.objects.create(code=code, name=f"局{code}")
    for n, state in enumerate(states, start=1):
        indicator = Indicator.objects.create(plan=world.plan, position=10 + n + 10 * len(code), code=f"{code}{n}",
                                             name=f"指标{code}{n}", aspect="经济", attribute="expected",
                                             direction="increase", base_year=2020, target_year=2025,
                                             department=department)  # fmt: skip
        if state:
            Value.objects.create(indicator=indicator, period="2022", value=n, raw=str(n), state=state)


@pytest.fixture
def round_in_every_state(world):
    # 甲局 (A1, only a 2021 value) and 乙局 (B1) have not started.
    _department(world, "c", ["draft", None])
    _department(world, "d", ["submitted", "approved"])
    _department(world, "e", ["approved", "approved"])
    _department(world, "f", ["returned", "approved", "submitted"])
    Indicator.objects.create(plan=world.plan, position=99, code="X1", name="无主指标", aspect="经济",
                             attribute="expected", direction="increase", base_year=2020, target_year=2025)  # fmt: skip
    return world


def _table(progress):
    return [(row.department.name, row.state, row.counts) for row in progress.departments]


def test_it_tells_where_each_department_stands_before_the_deadline(round_in_every_state):
    progress = round_progress(round_in_every_state.round, datetime.date.today())
    assert _table(progress) == [
        ("乙局", S.NOT_STARTED, ValueCounts(missing=1)),
        ("局c", S.DRAFT, ValueCounts(missing=1, draft=1)),
        ("局d", S.SUBMITTED, ValueCounts(submitted=1, approved=1)),
        ("局e", S.APPROVED, ValueCounts(approved=2)),
        ("局f", S.RETURNED, ValueCounts(submitted=1, returned=1, approved=1)),
        ("甲局", S.NOT_STARTED, ValueCounts(missing=1)),
    ]
    assert progress.summary == [(S.NOT_STARTED, 2), (S.DRAFT, 1), (S.SUBMITTED, 1), (S.RETURNED, 1), (S.APPROVED, 1)]
    assert progress.unassigned == 1


def test_it_marks_departments_overdue_once_the_deadline_has_passed(round_in_every_state):
    the_round = round_in_every_state.round
    progress = round_progress(the_round, the_round.deadline + datetime.timedelta(days=1))
    states = {name: state for name, state, _counts in _table(progress)}
    assert states == {"乙局": S.OVERDUE, "局c": S.OVERDUE, "局d": S.SUBMITTED, "局e": S.APPROVED,
                      "局f": S.OVERDUE, "甲局": S.OVERDUE}  # fmt: skip
    on_the_day = round_progress(the_round, the_round.deadline)
    assert S.OVERDUE not in {row.state for row in on_the_day.departments}


def test_it_shows_the_rounds_page_with_overdue_departments(round_in_every_state, personas):
    the_round = round_in_every_state.round
    the_round.deadline = datetime.date.today() - datetime.timedelta(days=1)
    the_round.save(update_fields=["deadline"])
    page = personas["planner"].get("/plans/synthetic/review/")
    assert page.status_code == 200
    [progress] = page.context["progress"]
    assert progress.summary == [(S.SUBMITTED, 1), (S.APPROVED, 1), (S.OVERDUE, 4)]
    assert 'href="/plans/synthetic/review/2022/d/"' in page.content.decode()
    assert "deadline passed" in page.content.decode()


@pytest.mark.parametrize(("persona", "status"), [("planner", 200), ("reviewer", 200), ("clerk_a", 403),
                                                 ("viewer", 403), ("anonymous", 302)])  # fmt: skip
def test_it_lets_only_planners_and_reviewers_see_the_rounds(personas, persona, status):
    assert personas[persona].get("/plans/synthetic/review/").status_code == status
    assert personas[persona].get("/plans/synthetic/review/2022/dept-a/").status_code == status


def test_it_sends_anonymous_visitors_to_log_in(personas):
    page = personas["anonymous"].get("/plans/synthetic/review/")
    assert page.url == "/accounts/login/?next=/plans/synthetic/review/"


def test_it_knows_no_department_without_indicators_in_the_plan(world, personas):
    Department.objects.create(code="elsewhere", name="外局")
    assert personas["planner"].get("/plans/synthetic/review/2022/elsewhere/").status_code == 404
    assert personas["planner"].get("/plans/synthetic/review/2030/dept-a/").status_code == 404
