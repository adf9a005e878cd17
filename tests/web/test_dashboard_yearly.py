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


def test_it_shows_the_errors_beside_the_fields_and_keeps_what_was_typed(planner):
    source = "来源" * 150  # 300 characters, the limit is 200
    response = planner.post(SET.format("N14"), {"year": "2024", "target_text": "3.5", "source": source,
                                                "action": "set", **AS_OF})  # fmt: skip
    assert response.status_code == 400
    html = response.text
    form = html[html.index('class="set-target"') :]
    field = form[form.index('name="source"') - 200 : form.index("</div>", form.index('name="source"'))]
    assert "Ensure this value has at most 200 characters (it has 300)." in field
    assert f'value="{source}"' in field
    assert 'name="target_text" value="3.5"' in form
    assert '<option value="2024" selected>' in form
    assert not AnnualTarget.objects.filter(indicator__code="N14").exists()


def test_it_refuses_a_negative_target_where_the_values_cannot_be_negative(planner):
    # N10 physicians per 1000 people, 2.9 → 3.2: a count that cannot be negative
    response = planner.post(SET.format("N10"), {"year": "2024", "target_text": "-5", "action": "set", **AS_OF})
    assert response.status_code == 400
    assert "“-5” is negative, but 每千人口拥有执业（助理）医师数 cannot be" in response.text
    assert not AnnualTarget.objects.filter(indicator__code="N10").exists()
    # a growth rate may fall: N04 R&D spending growth, −2 % for 2024 is kept
    response = planner.post(SET.format("N04"), {"year": "2024", "target_text": "-2", "action": "set", **AS_OF})
    assert response.status_code == 302
    assert AnnualTarget.objects.get(indicator__code="N04", year=2024).target_text == "-2"


def test_it_writes_how_each_years_target_is_met(viewer):
    html = viewer.get(PAGE.format("N19"), AS_OF).text
    assert '<td class="num">≥6.5亿吨</td>' in cells(html, 2023)  # >6.5, a floor every year
    html = viewer.get(PAGE.format("N20"), AS_OF).text
    assert '<td class="num">≥46亿吨标准煤</td>' in cells(html, 2023)  # >46, met in 2022 (46.6)
    html = viewer.get(PAGE.format("N17"), AS_OF).text  # binding 85, reached in 2022 (87.9): held
    assert "the target reached, held every year" in html and '<td class="num">≥85%</td>' in cells(html, 2025)


def test_it_shows_the_years_left_after_the_latest_value_when_the_page_is_as_of_the_plans_end(planner):
    # As of 2025, N14's latest value is 2024 (index 100 × 0.973 × 0.999 × 0.995 × 0.962 = 93.0415):
    # 2025 must cut 1 − 86.5/93.0415 = 7.03 %.
    html = planner.get(PAGE.format("N14"), {"as_of": "2025"}).text
    assert "the yearly targets are shown as of 2024, the latest period with a value of this indicator" in html
    assert '<td class="num">7.03%</td>' in cells(html, 2025)
    assert '<option value="2025" selected>' in html  # the office sets the year left
    # N15 has its 2025 value: the plan is over for it
    html = planner.get(PAGE.format("N15"), {"as_of": "2025"}).text
    assert "规划期内已无剩余年份" in html and "latest period with a value" not in html


def test_it_breaks_an_indicator_without_values_down_from_its_baseline(viewer):
    # N11 pension coverage, no value: 91 (2020) to 95, 0.8 a year: 93.4, 94.2, 95 in 2023–2025
    html = viewer.get(PAGE.format("N11"), AS_OF).text
    assert "尚无报送数据，自2020年基期值91%起分解" in html
    assert [f'<td class="num">{v}%</td>' in cells(html, y) for y, v in ((2023, 93.4), (2024, 94.2), (2025, 95))] == [
        True, True, True]  # fmt: skip
