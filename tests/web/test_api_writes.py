"""Writing through the API: the value service's rules, answered as 201/200, 400, 403, 404 and 409."""

import pytest
from django.contrib.auth import get_user_model

from planeval.web.core import values
from planeval.web.core.models import Plan, Value

ENTER = "/api/plans/synthetic/rounds/2022/values/"


def _post(client, url, **body):
    return client.post(url, body, content_type="application/json", headers={"accept-language": "en"})


def _user(name):
    return get_user_model().objects.get(username=name)


def _submitted(world) -> Value:
    value = values.save(_user("clerk_a"), world.indicator_a, world.round, "43")
    return values.submit(_user("clerk_a"), value)


def test_it_saves_a_value_of_the_own_department(world, personas):
    response = _post(personas["clerk_a"], ENTER, indicator="A1", value="４３．５")
    assert response.status_code == 201
    body = response.json()
    assert {k: body[k] for k in ("indicator", "period", "value", "raw", "state", "version", "updated_by")} == {
        "indicator": "A1",
        "period": "2022",
        "value": 43.5,
        "raw": "４３．５",
        "state": "draft",
        "version": 1,
        "updated_by": "clerk_a",
    }
    assert Value.objects.get(pk=body["id"]).value == 43.5


def test_it_answers_200_for_a_changed_value(world, personas):
    _post(personas["clerk_a"], ENTER, indicator="A1", value="43")
    response = _post(personas["clerk_a"], ENTER, indicator="A1", value="44", version=1)
    assert (response.status_code, response.json()["value"], response.json()["version"]) == (200, 44.0, 2)


@pytest.mark.parametrize("persona", ["clerk_b", "viewer", "reviewer"])
def test_it_forbids_writing_another_departments_value(world, personas, persona):
    assert _post(personas[persona], ENTER, indicator="A1", value="43").status_code == 403
    assert not Value.objects.filter(period="2022").exists()


def test_it_keeps_anonymous_visitors_from_writing(world, personas):
    assert _post(personas["anonymous"], ENTER, indicator="A1", value="43").status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"indicator": "A1", "value": "约43"}, "value"),
        ({"indicator": "A1", "value": "70"}, "explanation"),  # +67 % on the approved 42 of 2021
        ({"indicator": "A1", "value": "4200"}, "explanation"),  # 100×: a unit slip?
        ({"indicator": "Z9", "value": "43"}, "indicator"),
        ({"value": "43"}, "indicator"),
        ({"indicator": "A1", "value": "43", "version": 0}, "version"),
    ],
)
def test_it_refuses_a_bad_value_naming_the_field(world, personas, body, field):
    response = _post(personas["clerk_a"], ENTER, **body)
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_it_quotes_the_reason_for_a_unit_slip(world, personas):
    response = _post(personas["clerk_a"], ENTER, indicator="A1", value="4200")
    assert response.json() == {"explanation": ["100× the last approved value 42 (2021): check the unit."]}
    explained = _post(personas["clerk_a"], ENTER, indicator="A1", value="4200", explanation="口径调整")
    assert (explained.status_code, explained.json()["explanation"]) == (201, "口径调整")


def test_it_answers_404_for_a_round_that_does_not_exist(world, personas):
    response = _post(personas["clerk_a"], "/api/plans/synthetic/rounds/2030/values/", indicator="A1", value="43")
    assert response.status_code == 404


def test_it_answers_409_to_a_save_from_a_stale_version(world, personas):
    _post(personas["clerk_a"], ENTER, indicator="A1", value="43")
    _post(personas["planner"], ENTER, indicator="A1", value="44", version=1)
    response = _post(personas["clerk_a"], ENTER, indicator="A1", value="45", version=1)
    assert response.status_code == 409
    body = response.json()
    assert (body["current"]["value"], body["current"]["version"], body["current"]["updated_by"]) == (44.0, 2, "planner")
    assert "planner" in body["detail"]
    assert Value.objects.get(period="2022").value == 44


def test_it_submits_the_own_value(world, personas):
    value = values.save(_user("clerk_a"), world.indicator_a, world.round, "43")
    response = _post(personas["clerk_a"], f"/api/plans/synthetic/values/{value.pk}/submit/")
    assert (response.status_code, response.json()["state"], response.json()["version"]) == (200, "submitted", 2)


def test_it_refuses_to_submit_an_empty_value(world, personas):
    value = values.save(_user("clerk_a"), world.indicator_a, world.round, "")
    response = _post(personas["clerk_a"], f"/api/plans/synthetic/values/{value.pk}/submit/")
    assert (response.status_code, list(response.json())) == (400, ["value"])


@pytest.mark.parametrize(("persona", "status"), [("clerk_a", 403), ("clerk_b", 404), ("viewer", 404)])
def test_it_forbids_approval_but_by_a_reviewer(world, personas, persona, status):
    # the own clerk sees the submitted value (403); the others may not even see it (404)
    value = _submitted(world)
    assert _post(personas[persona], f"/api/plans/synthetic/values/{value.pk}/approve/").status_code == status
    assert Value.objects.get(pk=value.pk).state == "submitted"


@pytest.mark.parametrize("persona", ["reviewer", "planner"])
def test_it_approves_a_submitted_value(world, personas, persona):
    value = _submitted(world)
    response = _post(personas[persona], f"/api/plans/synthetic/values/{value.pk}/approve/")
    assert (response.status_code, response.json()["state"]) == (200, "approved")
    assert Value.objects.get(pk=value.pk).state == "approved"


def test_it_refuses_to_approve_a_draft_as_a_conflict(world, personas):
    value = values.save(_user("clerk_a"), world.indicator_a, world.round, "43")
    assert _post(personas["reviewer"], f"/api/plans/synthetic/values/{value.pk}/approve/").status_code == 409


def test_it_returns_a_value_with_the_reviewers_comment(world, personas):
    value = _submitted(world)
    url = f"/api/plans/synthetic/values/{value.pk}/return/"
    refused = _post(personas["reviewer"], url, comment=" ")
    assert (refused.status_code, list(refused.json())) == (400, ["comment"])
    response = _post(personas["reviewer"], url, comment="请核对数据来源")
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["review_comment"]) == ("returned", "请核对数据来源")


def test_it_answers_404_for_a_value_of_another_plan(world, personas):
    value = _submitted(world)
    Plan.objects.create(slug="other", title="另一规划", base_year=2020, end_year=2025)
    assert _post(personas["reviewer"], f"/api/plans/other/values/{value.pk}/approve/").status_code == 404


def test_it_refuses_to_approve_a_value_changed_since_the_reviewer_saw_it(world, personas):
    from planeval.web.core import values as service
    from planeval.web.core.models import Value

    clerk = get_user_model().objects.get(username="clerk_a")
    seen = service.submit(clerk, service.save(clerk, world.indicator_a, world.round, "43"))
    Value.objects.filter(pk=seen.pk).update(version=seen.version + 1)  # changed meanwhile
    answer = personas["reviewer"].post(f"/api/plans/synthetic/values/{seen.pk}/approve/",
                                       {"version": seen.version}, content_type="application/json")  # fmt: skip
    assert answer.status_code == 409
    assert Value.objects.get(pk=seen.pk).state == "submitted"


STEPS = ("submit", "approve", "return")


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("persona", ["clerk_b", "viewer"])
@pytest.mark.parametrize("version", [99, 1, None])  # stale, current, not given
def test_it_answers_404_for_a_draft_the_user_may_not_see(world, personas, step, persona, version):
    draft = values.save(_user("clerk_a"), world.indicator_a, world.round, "43.21", explanation="草稿说明")
    body = {"comment": "x"} | ({"version": version} if version is not None else {})
    response = _post(personas[persona], f"/api/plans/synthetic/values/{draft.pk}/{step}/", **body)
    assert response.status_code == 404
    assert "43.21" not in response.content.decode() and "草稿说明" not in response.content.decode()
    assert Value.objects.get(pk=draft.pk).version == 1


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("persona", ["clerk_b", "viewer"])
def test_it_answers_403_for_an_approved_value_the_user_sees_but_may_not_change(world, personas, step, persona):
    approved = Value.objects.get(indicator=world.indicator_a, period="2021")  # 42, approved: everybody sees it
    response = _post(personas[persona], f"/api/plans/synthetic/values/{approved.pk}/{step}/", comment="x", version=99)
    assert response.status_code == 403
    assert "current" not in response.json()


@pytest.mark.parametrize("persona", ["clerk_b", "viewer", "reviewer"])
def test_it_refuses_a_stale_save_by_who_may_not_write_without_the_value(world, personas, persona):
    values.save(_user("clerk_a"), world.indicator_a, world.round, "43.21", explanation="草稿说明")
    response = _post(personas[persona], ENTER, indicator="A1", value="1", version=99)
    assert response.status_code == 403
    assert "43.21" not in response.content.decode() and "草稿说明" not in response.content.decode()


def test_it_refuses_a_draft_to_the_reviewer_before_asking_the_version(world, personas):
    draft = values.save(_user("clerk_a"), world.indicator_a, world.round, "43")
    for step in ("approve", "return"):
        response = _post(
            personas["reviewer"], f"/api/plans/synthetic/values/{draft.pk}/{step}/", comment="x", version=99
        )
        assert response.status_code == 409
        assert "current" not in response.json()  # the state is wrong, whatever the version


def test_it_refuses_to_submit_a_value_twice(world, personas):
    value = _submitted(world)
    response = _post(personas["clerk_a"], f"/api/plans/synthetic/values/{value.pk}/submit/", version=value.version)
    assert (response.status_code, response.json()) == (409, {"detail": "This value is already submitted."})


def test_it_answers_a_stale_submit_by_the_own_clerk_with_the_current_value(world, personas):
    draft = values.save(_user("clerk_a"), world.indicator_a, world.round, "43")
    values.save(_user("planner"), world.indicator_a, world.round, "44", version=draft.version)
    response = _post(personas["clerk_a"], f"/api/plans/synthetic/values/{draft.pk}/submit/", version=draft.version)
    assert response.status_code == 409
    assert (response.json()["current"]["value"], response.json()["current"]["version"]) == (44.0, 2)
