"""The audit trail of a value: every change with who, old → new and the reason, in order."""

import pytest
from django.contrib.auth import get_user_model

from planeval.web.core import values
from planeval.web.core.models import Value, ValueState
from planeval.web.review.history import Change, Snapshot, value_history

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English messages

D, S, A, R = ValueState.DRAFT, ValueState.SUBMITTED, ValueState.APPROVED, ValueState.RETURNED


def user(name):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def reviewed(world, personas):
    """save → submit → return → save → submit → approve, as the clerk and the reviewer do it."""
    clerk, reviewer = user("clerk_a"), user("reviewer")
    value = values.save(clerk, world.indicator_a, world.round, "43")
    values.submit(clerk, value)
    values.send_back(reviewer, value, "请附统计公报")
    value = values.save(clerk, world.indicator_a, world.round, "４３．２", explanation="按公报修正")
    values.submit(clerk, value)
    return values.approve(reviewer, value)


def test_it_lists_every_change_with_who_old_new_and_reason_in_order(reviewed):
    rows = value_history(reviewed)
    assert [(r.who, r.change, r.old, r.new, r.reason) for r in rows] == [
        ("clerk_a", Change.CREATED, None, Snapshot(43, "43", D), "saved"),
        ("clerk_a", Change.SUBMITTED, Snapshot(43, "43", D), Snapshot(43, "43", S), "submitted"),
        ("reviewer", Change.RETURNED, Snapshot(43, "43", S), Snapshot(43, "43", R), "请附统计公报"),
        ("clerk_a", Change.EDITED, Snapshot(43, "43", R), Snapshot(43.2, "４３．２", D), "按公报修正"),
        ("clerk_a", Change.SUBMITTED, Snapshot(43.2, "４３．２", D), Snapshot(43.2, "４３．２", S), "submitted"),
        ("reviewer", Change.APPROVED, Snapshot(43.2, "４３．２", S), Snapshot(43.2, "４３．２", A), "approved"),
    ]
    assert [r.when for r in rows] == sorted(r.when for r in rows)
    assert [(r.value_changed, r.state_changed) for r in rows[2:4]] == [(False, True), (True, True)]


def test_it_names_the_user_of_the_request_that_made_the_change(world, personas):
    value = values.submit(user("clerk_a"), values.save(user("clerk_a"), world.indicator_a, world.round, "43"))
    personas["reviewer"].post(f"/plans/synthetic/review/value/{value.pk}/approve/", {"version": 2})
    assert [row.who for row in value_history(value)] == ["clerk_a", "clerk_a", "reviewer"]


def test_it_shows_an_imported_value_as_created_by_no_one(world):
    imported = Value.objects.get(indicator=world.indicator_a, period="2021")  # stored without a user
    [row] = value_history(imported)
    assert (row.who, row.change, row.old, row.new.shown) == ("", Change.CREATED, None, "42")


@pytest.mark.parametrize("persona", ["planner", "reviewer", "clerk_a", "clerk_b", "viewer"])
def test_it_lets_every_role_read_the_trail(reviewed, personas, persona):
    page = personas[persona].get(f"/plans/synthetic/review/value/{reviewed.pk}/history/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "请附统计公报" in html and "按公报修正" in html and "４３．２" in html


def test_it_keeps_anonymous_visitors_from_the_trail(reviewed, personas):
    page = personas["anonymous"].get(f"/plans/synthetic/review/value/{reviewed.pk}/history/")
    assert page.status_code == 302 and page.url.startswith("/accounts/login/")


def test_it_draws_old_and_new_side_by_side(reviewed, personas):
    html = personas["viewer"].get(f"/plans/synthetic/review/value/{reviewed.pk}/history/").content.decode()
    assert '<span class="old">43</span> → ４３．２' in html
    assert "returned → " in html  # the state before the edit
    assert "/review/2022/dept-a/" not in html  # a viewer gets no link into the review


def test_it_answers_404_for_a_value_of_another_plan(reviewed, personas):
    assert personas["planner"].get(f"/plans/other/review/value/{reviewed.pk}/history/").status_code == 404
