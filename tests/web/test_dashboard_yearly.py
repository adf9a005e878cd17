"""The yearly targets on the indicator page: computed and published ones, marked; the planning
office sets and clears a year's target (kept in the history), the other roles only read.

The plan is the demo's national example, as of 2022 (the remaining years are 2023–2025)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from planeval.web.core.models import AnnualTarget

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English messages

PAGE = "/plans/cn-14th-fyp/indicators/{}/"
SET = "/plans/cn-14th-fyp/indicators/{}/yearly-targets/"
AS_OF = {"as_of": "2022"}


def client_of(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.fixture
def planner(viewer) -> Client:  # the viewer fixture installs the demo
    return client_of("planner")


def cells(html: str, year: int) -> str:
    start = html.index(f"<td>{year}</td>", html.index('id="yearly-targets"'))
    return html[start : html.index("</tr>", start)]


def test_it_shows_the_computed_yearly_targets(viewer):
    html = viewer.get(PAGE.format("N14"), AS_OF).text
    # N14: 1 − (0.865/(0.973 × 0.999))^(1/3) = 3.81 % a year in 2023–2025
    assert "the yearly cut that compounds to the target" in html
    for year in (2023, 2024, 2025):
        assert '<td class="num">3.81%</td>' in cells(html, year)
    assert "Set the yearly target" not in html  # a viewer reads only


def test_it_marks_the_published_yearly_targets_with_their_source(viewer):
    html = viewer.get(PAGE.format("N01"), AS_OF).text
    row = cells(html, 2023)
    assert 'class="mark"' in row and "5%左右 · Government Work Report 2023" in row
    # the years already past are on record, not in the table
    assert "2021: 6%以上 · Government Work Report 2021" in html


def test_it_says_why_an_indicator_has_no_yearly_targets(viewer):
    html = viewer.get(PAGE.format("N03"), AS_OF).text
    assert "已达到规划目标，无需分解" in html


def test_it_lets_the_planning_office_set_a_year_and_computes_the_later_years_again(planner):
    response = planner.post(SET.format("N14"), {"year": "2024", "target_text": "3", "source": "年度计划", **AS_OF,
                                                "action": "set", "method": "time_progress"})  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == PAGE.format("N14") + "?as_of=2022&method=time_progress#yearly-targets"
    stored = AnnualTarget.objects.get(indicator__code="N14", year=2024)
    assert (stored.target_text, stored.source, stored.set_by.username) == ("3", "年度计划", "planner")
    assert [(r.history_type, r.history_user.username) for r in stored.history.all()] == [("+", "planner")]
    html = planner.get(PAGE.format("N14"), AS_OF).text
    assert "The 2024 target is set to 3." in html
    # index 97.2027 → 93.4955 (3.81 %) → 90.6907 (3 %); 2025: 1 − 86.5/90.6907 = 4.62 %
    assert '<td class="num">3%<span class="mark"' in cells(html, 2024)
    assert '<td class="num">3.81%</td>' in cells(html, 2024)  # what the breakdown computed, beside it
    assert '<td class="num">4.62%</td>' in cells(html, 2025)
    assert "set by planner on" in cells(html, 2024)


def test_it_lets_the_planning_office_clear_a_year(planner):
    planner.post(SET.format("N14"), {"year": "2024", "target_text": "3", "action": "set", **AS_OF})
    response = planner.post(SET.format("N14"), {"year": "2024", "action": "clear", **AS_OF})
    assert response.status_code == 302
    assert not AnnualTarget.objects.filter(indicator__code="N14", year=2024).exists()
    history = AnnualTarget.history.filter(indicator__code="N14", year=2024).order_by("history_date")
    assert [r.history_type for r in history] == ["+", "-"] and history.last().history_user.username == "planner"
    html = planner.get(PAGE.format("N14"), AS_OF).text
    assert "The 2024 target is cleared: the computed one applies." in html
    assert '<td class="num">3.81%</td>' in cells(html, 2025)


@pytest.mark.parametrize("username", ["viewer", "reviewer", "clerk_nbs"])
def test_it_refuses_everyone_but_the_planning_office(viewer, username):
    response = client_of(username).post(SET.format("N14"), {"year": "2024", "target_text": "3", "action": "set"})
    assert response.status_code == 403
    assert not AnnualTarget.objects.filter(indicator__code="N14").exists()


def test_it_refuses_a_target_without_a_number(planner):
    response = planner.post(SET.format("N05"), {"year": "2024", "target_text": "稳步提高", "action": "set", **AS_OF})
    assert response.status_code == 400
    assert "“稳步提高” gives no number: write it as 3.9, 5%左右, &gt;6.5 or 5-6." in response.text
    assert not AnnualTarget.objects.filter(indicator__code="N05").exists()


def test_it_refuses_a_year_outside_the_plan(planner):
    response = planner.post(SET.format("N05"), {"year": "2030", "target_text": "13", "action": "set", **AS_OF})
    assert response.status_code == 400
    assert not AnnualTarget.objects.filter(indicator__code="N05").exists()
