"""The read-only API: plans, indicators, rounds and values for any signed-in role."""

import base64

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from planeval.web.core import values
from planeval.web.core.models import Value

SIGNED_IN = ["viewer", "clerk_a", "clerk_b", "reviewer", "planner"]


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_it_lists_the_plans_for_every_role(world, personas, persona):
    response = personas[persona].get("/api/plans/")
    assert response.status_code == 200
    assert response.json() == [
        {"slug": "synthetic", "title": "合成规划", "region": "", "base_year": 2020, "end_year": 2025}
    ]


@pytest.mark.parametrize("url", ["/api/plans/", "/api/plans/synthetic/values/", "/api/schema/"])
def test_it_keeps_anonymous_visitors_out(world, personas, url):
    assert personas["anonymous"].get(url).status_code == 401


def test_it_keeps_out_a_user_without_a_role(world):
    client = Client()
    client.force_login(get_user_model().objects.create_user("stranger"))
    assert client.get("/api/plans/").status_code == 403


def _basic(username: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def test_it_accepts_basic_authentication(world, personas):
    viewer = get_user_model().objects.get(username="viewer")
    viewer.set_password("for-scripts")
    viewer.save()
    assert Client().get("/api/plans/", **_basic("viewer", "for-scripts")).status_code == 200
    refused = Client().get("/api/plans/", **_basic("viewer", "wrong"))
    assert (refused.status_code, refused["WWW-Authenticate"]) == (401, 'Basic realm="api"')


def test_it_shows_a_plan_and_answers_404_for_an_unknown_one(world, personas):
    viewer = personas["viewer"]
    assert viewer.get("/api/plans/synthetic/").json()["title"] == "合成规划"
    assert viewer.get("/api/plans/nowhere/").status_code == 404
    assert viewer.get("/api/plans/nowhere/indicators/").status_code == 404


def test_it_lists_the_indicators_in_table_order(world, personas):
    indicators = personas["clerk_b"].get("/api/plans/synthetic/indicators/").json()
    assert [i["code"] for i in indicators] == ["A1", "B1"]
    assert indicators[1] == {
        "code": "B1",
        "position": 2,
        "name": "合成指标乙",
        "unit": "%",
        "aspect": "民生",
        "attribute": "binding",
        "direction": "decrease",
        "base_year": 2020,
        "base_value": 5.2,
        "base_estimated": False,
        "target_text": "<5.5",
        "target_year": 2025,
        "frequency": "year",
        "department": "dept-b",
        "note": "",
        "annual_targets": [],
    }


def test_it_lists_the_rounds(world, personas):
    assert personas["viewer"].get("/api/plans/synthetic/rounds/").json() == [
        {
            "period": "2022",
            "opens": world.round.opens.isoformat(),
            "deadline": world.round.deadline.isoformat(),
            "state": "open",
        }
    ]


@pytest.fixture
def draft(world, personas) -> Value:
    clerk = get_user_model().objects.get(username="clerk_a")
    return values.save(clerk, world.indicator_a, world.round, "43")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", [("A1", "2021", "approved"), ("A1", "2022", "draft")]),
        ("?state=approved", [("A1", "2021", "approved")]),
        ("?period=2022年", [("A1", "2022", "draft")]),
        ("?indicator=A1&period=2021", [("A1", "2021", "approved")]),
        ("?indicator=B1", []),
    ],
)
def test_it_lists_the_values_filtered(world, personas, draft, query, expected):
    rows = personas["planner"].get(f"/api/plans/synthetic/values/{query}").json()
    assert [(v["indicator"], v["period"], v["state"]) for v in rows] == expected


@pytest.mark.parametrize(("persona", "seen"), [("viewer", 1), ("clerk_b", 1), ("clerk_a", 2), ("reviewer", 2)])
def test_it_shows_a_draft_only_to_its_department_and_the_office(world, personas, draft, persona, seen):
    assert len(personas[persona].get("/api/plans/synthetic/values/").json()) == seen
    answer = personas[persona].get(f"/api/plans/synthetic/values/{draft.pk}/")
    assert answer.status_code == (200 if seen == 2 else 404)


def test_it_shows_a_value_as_stored(world, personas, draft):
    shown = personas["reviewer"].get(f"/api/plans/synthetic/values/{draft.pk}/").json()
    assert shown == {
        "id": draft.pk,
        "indicator": "A1",
        "period": "2022",
        "value": 43.0,
        "raw": "43",
        "state": "draft",
        "explanation": "",
        "review_comment": "",
        "vintage": "",
        "source": "",
        "note": "",
        "version": 1,
        "updated_by": "clerk_a",
        "updated_at": shown["updated_at"],
    }


@pytest.mark.parametrize(
    ("query", "field"),
    [("?state=lost", "state"), ("?period=2022年13月", "period")],
)
def test_it_refuses_a_bad_filter_naming_it(world, personas, query, field):
    response = personas["viewer"].get(f"/api/plans/synthetic/values/{query}")
    assert response.status_code == 400
    assert list(response.json()) == [field]
