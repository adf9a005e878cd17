"""Saving, checking and moving values through the workflow (the service every entry uses)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from planeval.web.core import values
from planeval.web.core.models import Value, ValueState

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English messages


def user(name):
    return get_user_model().objects.get(username=name)


def test_it_saves_a_draft_read_as_people_type_it(world, personas):
    value = values.save(user("clerk_a"), world.indicator_a, world.round, "４３．５")
    assert (value.value, value.raw, value.state, value.version) == (43.5, "４３．５", ValueState.DRAFT, 1)


@pytest.mark.parametrize(
    ("raw", "value"),
    [("43.5%", 43.5), ("４３．５％", 43.5), ("43.5（初步核算）", 43.5), ("435‰", 43.5), ("43.5*", 43.5)],
)
def test_it_reads_a_value_in_the_indicators_unit(world, personas, raw, value):
    # indicator A is in %: 435 ‰ is 43.5 %
    saved = values.save(user("clerk_a"), world.indicator_a, world.round, raw)
    assert (saved.value, saved.raw) == (value, raw)


def test_it_converts_a_magnitude_typed_with_the_value(world, personas):
    world.indicator_a.unit = "万人"
    world.indicator_a.save()
    # 420,000 人 is 42 万人 (420,000 ÷ 10⁴), the last approved value: no question asked
    assert values.save(user("clerk_a"), world.indicator_a, world.round, "420,000人").value == 42


def test_it_refuses_a_unit_that_does_not_convert(world, personas):
    with pytest.raises(values.InvalidValue, match="万元 cannot be converted to %") as caught:
        values.save(user("clerk_a"), world.indicator_a, world.round, "43万元")
    assert caught.value.field == "value"


def test_it_refuses_what_is_not_a_number(world, personas):
    with pytest.raises(values.InvalidValue) as caught:
        values.save(user("clerk_a"), world.indicator_a, world.round, "约43")
    assert caught.value.field == "value"


@pytest.mark.parametrize("raw", ["4200", "0.42"])  # 100× and 1/100 of the approved 42 (2021)
def test_it_questions_a_unit_slip_until_explained(world, personas, raw):
    with pytest.raises(values.InvalidValue, match="check the unit") as caught:
        values.save(user("clerk_a"), world.indicator_a, world.round, raw)
    assert caught.value.field == "explanation"
    assert values.save(user("clerk_a"), world.indicator_a, world.round, raw, explanation="口径调整").value == float(raw)


def test_it_asks_why_for_a_jump(world, personas):
    with pytest.raises(values.InvalidValue, match="more than 50%"):
        values.save(user("clerk_a"), world.indicator_a, world.round, "70")  # +67 % on 42
    assert values.save(user("clerk_a"), world.indicator_a, world.round, "60").value == 60  # +43 %


def test_it_keeps_other_departments_out(world, personas):
    with pytest.raises(PermissionDenied):
        values.save(user("clerk_b"), world.indicator_a, world.round, "43")


def test_it_refuses_a_save_from_a_stale_page_and_keeps_both_in_history(world, personas):
    first = values.save(user("clerk_a"), world.indicator_a, world.round, "43")
    values.save(user("planner"), world.indicator_a, world.round, "44", version=first.version)
    with pytest.raises(values.Conflict):
        values.save(user("clerk_a"), world.indicator_a, world.round, "45", version=first.version)
    stored = Value.objects.get(indicator=world.indicator_a, period="2022")
    assert stored.value == 44
    assert [h.value for h in stored.history.order_by("history_date")] == [43, 44]


def test_it_moves_a_value_through_review_and_locks_it(world, personas):
    value = values.save(user("clerk_a"), world.indicator_a, world.round, "43")
    values.submit(user("clerk_a"), value)
    with pytest.raises(PermissionDenied):
        values.approve(user("clerk_a"), value)
    returned = values.send_back(user("reviewer"), value, "请核对数据来源")
    assert (returned.state, returned.review_comment) == (ValueState.RETURNED, "请核对数据来源")
    again = values.save(user("clerk_a"), world.indicator_a, world.round, "43.2", version=returned.version)
    values.submit(user("clerk_a"), again)
    approved = values.approve(user("reviewer"), again)
    assert approved.state == ValueState.APPROVED
    with pytest.raises(PermissionDenied):
        values.save(user("planner"), world.indicator_a, world.round, "50")
    reasons = [h.history_change_reason for h in approved.history.order_by("history_date")]
    assert reasons == ["saved", "submitted", "请核对数据来源", "saved", "submitted", "approved"]


def test_it_wants_a_reason_to_return(world, personas):
    value = values.save(user("clerk_a"), world.indicator_a, world.round, "43")
    values.submit(user("clerk_a"), value)
    with pytest.raises(values.InvalidValue):
        values.send_back(user("reviewer"), value, " ")


def test_it_lets_a_clerk_correct_a_returned_value_after_the_deadline(world, personas):
    import datetime

    value = values.save(user("clerk_a"), world.indicator_a, world.round, "43")
    values.submit(user("clerk_a"), value)
    returned = values.send_back(user("reviewer"), value, "请核对")
    world.round.deadline = datetime.date.today() - datetime.timedelta(days=1)
    world.round.save()
    corrected = values.save(user("clerk_a"), world.indicator_a, world.round, "43.1", version=returned.version)
    assert corrected.value == 43.1
    with pytest.raises(PermissionDenied):  # a new entry after the deadline is still refused
        values.save(user("clerk_b"), world.indicator_b, world.round, "5.0")


def test_it_refuses_another_departments_stale_submit_before_the_version(world, personas):
    draft = values.save(user("clerk_a"), world.indicator_a, world.round, "43")
    with pytest.raises(PermissionDenied) as caught:
        values.submit(user("clerk_b"), draft, seen=draft.version + 5)
    assert not isinstance(caught.value, values.Conflict)  # a Conflict would carry A's draft
    assert Value.objects.get(pk=draft.pk).state == ValueState.DRAFT


def test_it_refuses_a_value_in_the_wrong_state_before_the_version(world, personas):
    draft = values.save(user("clerk_a"), world.indicator_a, world.round, "43")
    with pytest.raises(values.WrongState, match="Only a submitted value can be approved"):
        values.approve(user("reviewer"), draft, seen=draft.version + 5)
    with pytest.raises(values.WrongState, match="Only a submitted value can be returned"):
        values.send_back(user("reviewer"), draft, "请核对", seen=draft.version + 5)
    submitted = values.submit(user("clerk_a"), draft)
    with pytest.raises(values.WrongState, match="already submitted"):
        values.submit(user("clerk_a"), submitted, seen=submitted.version - 1)


def test_it_answers_a_stale_step_with_the_current_value_to_who_may_take_it(world, personas):
    draft = values.save(user("clerk_a"), world.indicator_a, world.round, "43")
    submitted = values.submit(user("clerk_a"), draft)  # version 2
    with pytest.raises(values.Conflict) as caught:
        values.approve(user("reviewer"), submitted, seen=1)
    assert (caught.value.current.version, caught.value.current.value) == (2, 43)
    assert values.approve(user("reviewer"), submitted, seen=2).state == ValueState.APPROVED
