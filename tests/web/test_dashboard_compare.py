"""Every evaluation method side by side, with the rows where the methods disagree marked."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English messages

COMPARE = "/plans/cn-14th-fyp/compare/"


def test_it_shows_one_column_per_method_the_default_first(viewer):
    response = viewer.get(COMPARE, {"as_of": "2022"})
    assert [c.method for c in response.context["columns"]] == [
        "time_progress", "cagr_ratio", "escap", "trend_shortfall", "unsd_projection"]  # fmt: skip
    first = response.context["columns"][0]
    assert (first.meeting, first.total) == (12, 20)
    assert "Time progress (序时进度)" in response.text and "12 of 20 meet the schedule" in response.text


def test_it_colours_each_method_s_own_class_by_its_verdict(viewer):
    response = viewer.get(COMPARE, {"as_of": "2022"})
    n16 = next(line for line in response.context["lines"] if line.indicator.code == "N16")
    assert [cell.result.verdict.value for cell in n16.cells][:2] == ["behind", "behind"]
    assert '<span class="verdict behind" title="' in response.text
    assert ">出现倒退</span>" in response.text


def test_it_marks_the_indicators_the_methods_disagree_on(viewer):
    response = viewer.get(COMPARE, {"as_of": "2021"})
    split = [line.indicator.code for line in response.context["lines"] if line.disagreement]
    assert split == ["N14"]
    assert response.text.count('<tr class="disagree">') == 1
    assert response.text.count('<span class="split-mark" title="methods disagree">◆</span>') == 1
    assert "The methods disagree on whether the indicator meets its schedule" in response.text


def test_it_marks_nothing_when_the_methods_agree(viewer):
    response = viewer.get(COMPARE, {"as_of": "2022"})
    assert '<tr class="disagree">' not in response.text


def test_it_answers_404_for_an_unknown_plan_and_redirects_the_anonymous(world, personas):
    assert personas["viewer"].get("/plans/nothing/compare/").status_code == 404
    response = personas["anonymous"].get("/plans/synthetic/compare/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("persona", ["planner", "clerk_a", "reviewer", "viewer"])
def test_it_shows_the_comparison_to_every_role(world, personas, persona):
    assert personas[persona].get("/plans/synthetic/compare/").status_code == 200
