"""The evaluation route: the stored plan evaluated as of a period, as ``planeval evaluate`` does."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from typer.testing import CliRunner

from planeval import evaluate, parse_period
from planeval.cli import app
from planeval.io.export import evaluation_to_dict
from planeval.web.api.evaluation import EvaluationSerializer
from planeval.web.core.convert import domain_plan, observations
from planeval.web.core.demo import EXAMPLE_SLUG, example_folder, install_demo
from planeval.web.core.models import Plan

URL = f"/api/plans/{EXAMPLE_SLUG}/evaluation/"


@pytest.fixture
def national(db) -> Client:
    """The demo site: the national 14th FYP example, read by its demo viewer."""
    install_demo()
    client = Client()
    client.force_login(get_user_model().objects.get(username="viewer"))
    return client


def _expected(as_of: str, method: str) -> dict:
    plan = Plan.objects.get(slug=EXAMPLE_SLUG)
    evaluation = evaluate(domain_plan(plan), observations(plan), parse_period(as_of), method)
    return json.loads(json.dumps(evaluation_to_dict(evaluation)))


def test_it_evaluates_the_national_example_as_the_export_does(national):
    response = national.get(URL, {"as_of": "2022", "method": "time_progress"})
    assert response.status_code == 200
    body = response.json()
    assert body == _expected("2022", "time_progress")
    n05 = next(r for r in body["indicators"] if r["code"] == "N05")
    assert (n05["verdict"], round(n05["progress"], 5)) == ("ahead", 0.54386)


def test_it_writes_the_summary_paragraph_of_the_command_line(national):
    printed = CliRunner().invoke(app, ["evaluate", str(example_folder()), "--as-of", "2022", "--format", "json"])
    assert printed.exit_code == 0, printed.output
    paragraph = national.get(URL, {"as_of": "2022"}).json()["summary"]["paragraph"]
    assert paragraph == json.loads(printed.stdout)["summary"]["paragraph"]
    assert paragraph.startswith("规划确定的5个方面20项主要指标中，12项达到或超过规划进度要求")


def test_it_evaluates_with_another_method(national):
    body = national.get(URL, {"as_of": "2023H1", "method": "cagr_ratio"}).json()
    assert (body["method"], body["as_of"]) == ("cagr_ratio", "2023H1")
    assert body == _expected("2023H1", "cagr_ratio")


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        (
            {"as_of": "2022年13月"},
            {"as_of": ["period '2022年13月': months 13-13 of 2022 are not a span of 1-12"]},
        ),
        (
            {"as_of": "2022", "method": "guesswork"},
            {
                "method": [
                    "unknown method 'guesswork'; available: cagr_ratio, escap, time_progress, trend_shortfall, "
                    "unsd_projection"
                ]
            },
        ),
        (
            {"as_of": "2026"},
            {"as_of": ["as of 2026: after the plan's target year 2025; evaluate as of 2025"]},
        ),
        (
            {"as_of": "2020"},
            {"as_of": ["as of 2020: the plan runs 2021–2025; nothing has elapsed yet"]},
        ),
    ],
)
def test_it_answers_400_with_the_reason_for_a_bad_query(world, personas, query, errors):
    response = personas["viewer"].get("/api/plans/synthetic/evaluation/", query)
    assert response.status_code == 400
    assert response.json() == errors


def test_it_wants_a_period(world, personas):
    response = personas["viewer"].get("/api/plans/synthetic/evaluation/")
    assert (response.status_code, list(response.json())) == (400, ["as_of"])


def test_it_keeps_anonymous_visitors_away_from_the_evaluation(world, personas):
    assert personas["anonymous"].get("/api/plans/synthetic/evaluation/", {"as_of": "2022"}).status_code == 401


def _keys(serializer) -> dict:
    """The documented shape: field names, nested for nested serializers."""
    shape = {}
    for name, field in serializer.fields.items():
        child = getattr(field, "child", field)
        shape[name] = _keys(child) if hasattr(child, "fields") else None
    return shape


def _shape(data, like: dict) -> dict:
    """The keys of ``data`` where the documented shape has them, nested the same way."""
    shape = {}
    for name, value in data.items():
        nested = like.get(name) if isinstance(like, dict) else None
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = value[0]
        shape[name] = _shape(value, nested) if isinstance(value, dict) and nested is not None else None
    return shape


def test_it_documents_every_key_of_the_evaluation(national):
    body = national.get(URL, {"as_of": "2022"}).json()
    body["indicators"] = [next(r for r in body["indicators"] if r["projection"] and r["observations"])]
    documented = _keys(EvaluationSerializer())
    assert _shape(body, documented) == documented
