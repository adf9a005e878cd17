"""Two people change the same value from the same version: the second gets a conflict (the form
shows it, the API answers 409), nothing is lost, and the history keeps both people's versions —
the refused text itself is not written there, only once its author saves it again."""

from __future__ import annotations

import threading
import time
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse

from planeval.web.core import values
from planeval.web.core.models import Membership, Role, Value

ENTER = "/api/plans/synthetic/rounds/2022/values/"


def user(name: str) -> Any:
    return get_user_model().objects.get(username=name)


def history(indicator: Any) -> list[tuple[float | None, int, str]]:
    """Each recorded version of the indicator's 2022 value: (value, version, who), oldest first."""
    value = Value.objects.get(indicator=indicator, period="2022")
    records = value.history.order_by("history_date", "history_id")
    return [(h.value, h.version, h.updated_by.username) for h in records]


def post(client: Client, **body: Any) -> Any:
    return client.post(ENTER, body, content_type="application/json", headers={"accept-language": "en"})


def test_it_answers_409_to_the_second_api_save_and_keeps_both_versions(world, personas):
    assert post(personas["clerk_a"], indicator="A1", value="43").status_code == 201
    assert post(personas["planner"], indicator="A1", value="44", version=1).status_code == 200
    refused = post(personas["clerk_a"], indicator="A1", value="45", version=1)
    assert refused.status_code == 409
    assert (refused.json()["current"]["value"], refused.json()["current"]["version"]) == (44.0, 2)
    assert history(world.indicator_a) == [(43, 1, "clerk_a"), (44, 2, "planner")]  # 45 was not the value
    # the clerk, having seen 44, saves again from version 2: now every version is in the history
    assert post(personas["clerk_a"], indicator="A1", value="45", version=2).status_code == 200
    assert history(world.indicator_a) == [(43, 1, "clerk_a"), (44, 2, "planner"), (45, 3, "clerk_a")]


def test_it_shows_the_conflict_on_the_form_and_keeps_what_the_second_clerk_typed(world, personas, english):
    other = get_user_model().objects.create_user("clerk_a2")
    Membership.objects.create(user=other, role=Role.REPORTER, department=world.department_a)
    second = Client()
    second.force_login(other)
    values.save(user("clerk_a"), world.indicator_a, world.round, "43")
    url = reverse("reporting:form", args=[world.plan.slug, world.round.period])
    pages = [client.get(url).context["formset"] for client in (personas["clerk_a"], second)]
    posts = []
    for formset, typed in zip(pages, ("44", "45"), strict=True):
        data = {f"row-{name}": formset.management_form[name].value() for name in formset.management_form.fields}
        data |= {"row-0-indicator": world.indicator_a.pk, "row-0-version": 1, "row-0-value": typed,
                 "row-0-explanation": "", "action": "save"}  # fmt: skip
        posts.append(data)
    assert personas["clerk_a"].post(url, posts[0]).status_code == 302
    refused = second.post(url, posts[1])
    assert refused.status_code == 409
    assert "clerk_a saved 44" in refused.text and 'value="45"' in refused.text
    assert history(world.indicator_a) == [(43, 1, "clerk_a"), (44, 2, "clerk_a")]


@pytest.mark.django_db(transaction=True)
def test_it_lets_only_one_of_two_simultaneous_saves_through(world, personas):
    first = values.save(user("clerk_a"), world.indicator_a, world.round, "43")
    checked = values.check
    outcomes: dict[str, object] = {}

    def slow_check(*args: Any) -> Any:
        time.sleep(0.3)  # both saves are under way before either writes
        return checked(*args)

    def attempt(who: str, typed: str) -> None:
        try:
            saved = values.save(user(who), world.indicator_a, world.round, typed, version=first.version)
            outcomes[who] = saved.value
        except values.Conflict as refusal:  # SQLite queues the second writer (IMMEDIATE), PostgreSQL locks the row
            outcomes[who] = type(refusal).__name__
        finally:
            connection.close()

    with mock.patch.object(values, "check", slow_check):
        threads = [threading.Thread(target=attempt, args=pair) for pair in (("clerk_a", "44"), ("planner", "45"))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    winners = {who: value for who, value in outcomes.items() if isinstance(value, float)}
    assert len(outcomes) == 2 and len(winners) == 1, outcomes
    [(winner, value)] = winners.items()
    assert set(outcomes.values()) - {value} == {"Conflict"}
    assert history(world.indicator_a) == [(43, 1, "clerk_a"), (value, 2, winner)]
