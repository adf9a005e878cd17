"""The plan overview: who may read it, the as-of period and method chosen, and the tallies of
the national 14th FYP example."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from planeval.web.core.models import Value

OVERVIEW = "/plans/cn-14th-fyp/"


@pytest.mark.parametrize("persona", ["planner", "clerk_a", "clerk_b", "reviewer", "viewer"])
def test_it_shows_the_overview_to_every_role(world, personas, persona):
    response = personas[persona].get("/plans/synthetic/")
    assert response.status_code == 200
    assert "合成指标甲" in response.text


def test_it_sends_an_anonymous_visitor_to_log_in(world, personas):
    response = personas["anonymous"].get("/plans/synthetic/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_it_refuses_a_user_without_a_role(world):
    client = Client()
    client.force_login(get_user_model().objects.create_user("stranger"))
    assert client.get("/plans/synthetic/").status_code == 403


def test_it_answers_404_for_an_unknown_plan(world, personas):
    assert personas["viewer"].get("/plans/no-such-plan/").status_code == 404


@pytest.mark.parametrize("query", ["as_of=2019", "as_of=2026", "as_of=soon", "method=astrology"])
def test_it_answers_400_for_a_period_outside_the_plan_or_an_unknown_method(world, personas, query):
    assert personas["viewer"].get(f"/plans/synthetic/?{query}").status_code == 400


def test_it_defaults_to_the_latest_approved_period(world, personas):
    response = personas["viewer"].get("/plans/synthetic/")
    assert str(response.context["selection"].as_of) == "2021"
    assert '<option value="2021" selected>' in response.text


def test_it_caps_the_default_period_at_the_target_year(world, personas):
    Value.objects.create(indicator=world.indicator_a, period="2027", value=60, raw="60", state="approved")
    Value.objects.create(indicator=world.indicator_a, period="2022", value=44, raw="44", state="submitted")
    response = personas["viewer"].get("/plans/synthetic/")
    assert str(response.context["selection"].as_of) == "2025"


def test_it_ignores_values_not_yet_approved(world, personas):
    Value.objects.create(indicator=world.indicator_a, period="2023", value=49, raw="49", state="submitted")
    response = personas["viewer"].get("/plans/synthetic/")
    assert str(response.context["selection"].as_of) == "2021"
    assert "42%" in response.text and "49%" not in response.text


def test_it_offers_every_plan_year_and_the_half_years_with_data(viewer):
    response = viewer.get(OVERVIEW)
    offered = [value for value, _label in response.context["selection"].period_options]
    assert offered == ["2021", "2022", "2023H1", "2023", "2024", "2025"]
    assert [m for m, _label in response.context["selection"].method_options][0] == "time_progress"


def test_it_evaluates_the_national_example_as_of_its_latest_year_by_default(viewer):
    response = viewer.get(OVERVIEW)
    assert str(response.context["selection"].as_of) == "2025"
    assert "规划确定的5个方面20项主要指标中，13项达到或超过规划进度要求" in response.text


@pytest.mark.usefixtures("english")  # reads the English messages
def test_it_counts_verdicts_by_attribute_and_aspect_as_of_a_chosen_year(viewer):
    response = viewer.get(OVERVIEW, {"as_of": "2022"})
    assert "规划确定的5个方面20项主要指标中，12项达到或超过规划进度要求（预期性8项、约束性4项）" in response.text
    counts = {line.label: (*line.counts, line.total) for line in response.context["attributes"]}
    assert counts == {
        "提前达到规划目标": (1, 2, 3),
        "快于预期": (4, 1, 5),
        "基本符合进度要求": (3, 1, 4),
        "meeting or ahead of schedule": (8, 4, 12),
        "未达进度要求": (2, 4, 6),
        "未作评估": (2, 0, 2),
    }
    aspects = {line.aspect: (line.total, {s.verdict.value: s.count for s in line.segments})
               for line in response.context["aspects"]}  # fmt: skip
    assert aspects["绿色生态"] == (5, {"target_reached": 1, "ahead": 1, "behind": 3})
    assert response.context["headline"] == {
        "final": 0,
        "total": 20,
        "meeting": 12,
        "reached": 3,
        "behind": 6,
        "not_evaluated": 2,
    }


def test_it_shows_every_indicator_with_its_coloured_verdict_progress_and_sparkline(viewer):
    response = viewer.get(OVERVIEW, {"as_of": "2022"})
    rows = {row.result.code: row for group in response.context["groups"] for row in group.rows}
    assert len(rows) == 20
    n05 = rows["N05"]
    assert (n05.result.verdict.value, n05.bar.label, n05.latest, n05.latest_period) == (
        "ahead",
        "54.4%",
        "9.4件",
        "2022年",
    )
    assert (n05.bar.progress, n05.bar.time_share) == (54.4, 40.0)
    assert rows["N14"].result.verdict.value == "behind"
    assert rows["N08"].bar is None  # a ceiling has no progress to draw
    html = response.text
    assert '<span class="verdict ahead" title="2022年为9.4件' in html
    assert (
        'href="/plans/cn-14th-fyp/indicators/N05/?as_of=2022&amp;method=time_progress">每万人口高价值发明专利拥有量</a>'
        in html
    )
    assert html.count('<svg class="spark"') == 18  # N06 and N11 have no values
    assert '<polyline class="act ahead" points="' in html
    # 54.4 % and 40.0 % in whole percent as classes (widths.css): the pages allow no style attribute
    assert 'w-54"></span><span class="share at-40"></span>' in html and 'style="' not in html


@pytest.mark.usefixtures("english")  # reads the English messages
def test_it_judges_by_the_chosen_method(viewer):
    response = viewer.get(OVERVIEW, {"as_of": "2023H1", "method": "cagr_ratio"})
    assert response.context["evaluation"].method == "cagr_ratio"
    assert "CAGR ratio (Eurostat)" in response.text
    rows = {row.result.code: row for group in response.context["groups"] for row in group.rows}
    assert rows["N16"].verdict_label == "出现倒退"
    assert '<option value="cagr_ratio" selected>' in response.text


@pytest.mark.usefixtures("english")  # reads the English messages
def test_it_hides_the_less_important_columns_on_a_phone(viewer):
    html = viewer.get(OVERVIEW).text
    for header in ("Code", "Attribute", "Latest value", "Values"):
        assert re.search(rf'<th class="hide-narrow[^"]*">{header}</th>', html), header
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def test_it_serves_echarts_and_its_own_files_from_static(viewer):
    for path in ("/static/vendor/echarts/echarts.min.js", "/static/planeval/dashboard.js",
                 "/static/planeval/dashboard.css"):  # fmt: skip
        response = viewer.get(path)
        assert response.status_code == 200, path
        b"".join(response.streaming_content if response.streaming else [response.content])


def test_it_says_at_target_not_early_at_the_end_of_the_plan(viewer):
    page = viewer.get("/plans/cn-14th-fyp/", {"as_of": "2025"})
    assert page.context["headline"]["final"] == 1
    assert "项已达到规划目标" in page.text and "项提前达到规划目标" not in page.text
