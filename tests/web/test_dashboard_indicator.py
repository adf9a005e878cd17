"""One indicator's page: its chart data, the numbers behind its verdict, projections and every
reported value with its audit trail."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from planeval.web.core import values
from planeval.web.core.models import Indicator

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English messages

PAGE = "/plans/cn-14th-fyp/indicators/{}/"


def chart(html: str) -> dict:
    found = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html, re.S)
    assert found, "no chart data in the page"
    return json.loads(found.group(1))


def test_it_passes_the_actual_values_the_required_path_and_the_target_to_the_chart(viewer):
    response = viewer.get(PAGE.format("N05"), {"as_of": "2022"})
    data = chart(response.text)
    assert data["actual"] == [[2020, 6.3], [2021, 7.5], [2022, 9.4]]
    assert data["required"] == [[2020, 6.3], [2025, 12.0]]
    assert (data["target"], data["first"], data["last"], data["unit"]) == (12.0, 2020, 2025, "件")
    assert data["trend"] == [[2022, 9.4], [2025, 13.933333]]  # to the linear projection at the target year
    assert '<script src="/static/vendor/echarts/echarts.min.js" defer></script>' in response.text


def test_it_shows_why_n05_is_ahead(viewer):
    html = viewer.get(PAGE.format("N05"), {"as_of": "2022"}).text
    assert '<span class="verdict ahead">快于预期</span>' in html
    assert "完成规划目标的54.4%，时间进度40.0%，按序时进度应达8.58件" in html
    figures = {
        "time share": "40.0%",
        "progress": "54.4%",
        "required by now": "8.58件",
        "gap (negative = behind)": "0.82件",
        "needed each remaining year": "0.87件/年",
    }
    for label, text in figures.items():
        assert f"<dt>{label}</dt><dd>{text}</dd>" in html
    assert "Trend projected to 2025" in html
    assert '<td>linear trend</td><td class="num">13.93件</td><td class="num">2.84–25.03件</td>' in html
    assert '<td>log-linear trend</td><td class="num">16.99件</td><td class="num">7.52–38.39件</td>' in html


def test_it_charts_n14_as_the_cumulative_reduction_behind_its_path(viewer):
    response = viewer.get(PAGE.format("N14"), {"as_of": "2022"})
    assert '<span class="verdict behind">未达进度要求</span>' in response.text
    data = chart(response.text)
    assert data["actual"] == [[2020, 0.0], [2021, 2.7], [2022, 2.7973]]
    assert data["required"] == [[2020, 0.0], [2025, 13.5]] and data["target"] == 13.5
    assert data["trend"] == []  # its projection is of the energy-intensity index, not on this scale
    assert "其余3年需年均降低3.81%" in response.text


def test_it_draws_no_separate_target_line_for_a_bound(viewer):
    data = chart(viewer.get(PAGE.format("N08"), {"as_of": "2022"}).text)
    assert data["target"] is None and data["labels"]["required"] == "target bound"


def test_it_lists_every_value_with_its_state_source_and_audit_trail(viewer):
    html = viewer.get(PAGE.format("N05"), {"as_of": "2022"}).text
    for period in ("2021", "2022", "2023", "2024", "2025"):  # every period, not only up to the as-of
        assert f"<td>{period}</td>" in html
    assert "NBS statistical communiqué 2022" in html and '<span class="state approved">' in html
    assert "created: 9.4, approved" in html


def test_it_shows_who_changed_a_value_and_why(viewer):
    planner = get_user_model().objects.get(username="planner")
    reviewer = get_user_model().objects.get(username="reviewer")
    indicator = Indicator.objects.get(plan__slug="cn-14th-fyp", code="N12")
    round_ = indicator.plan.rounds.get()
    value = values.save(planner, indicator, round_, "4.1", explanation="国家卫生健康委员会快报")
    values.submit(planner, value)
    values.send_back(reviewer, value, "请附统计公报")
    assert "请附统计公报" not in viewer.get(PAGE.format("N12")).text  # not approved: not for viewers
    office = Client()
    office.force_login(planner)
    html = office.get(PAGE.format("N12")).text
    assert '<span class="state returned">returned</span>' in html
    assert "planner: created: 4.1, draft — <q>国家卫生健康委员会快报</q>" in html
    assert "reviewer: state submitted → returned — <q>请附统计公报</q>" in html


def test_it_links_each_value_to_its_review_history_when_that_page_exists(viewer):
    from django.urls import NoReverseMatch, reverse

    value = Indicator.objects.get(plan__slug="cn-14th-fyp", code="N05").values.get(period="2022")
    try:
        url = reverse("review:history", kwargs={"slug": "cn-14th-fyp", "pk": value.pk})
    except NoReverseMatch:
        pytest.skip("the review pages have no history page")
    assert f'href="{url}"' in viewer.get(PAGE.format("N05")).text


def test_it_escapes_html_in_an_indicator_name_also_inside_the_chart_data(world, personas):
    world.indicator_a.name = '<script>alert("x")</script>'
    world.indicator_a.unit = "</script><b>"
    world.indicator_a.save()
    html = personas["viewer"].get("/plans/synthetic/indicators/A1/").text
    assert "<script>alert" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert chart(html)["unit"] == "</script><b>"  # the JSON is escaped as \u003C…, not as HTML
    overview = personas["viewer"].get("/plans/synthetic/").text
    assert "<script>alert" not in overview and "&lt;script&gt;alert" in overview


def test_it_answers_404_for_an_unknown_indicator_code(viewer):
    assert viewer.get(PAGE.format("N99")).status_code == 404


def test_it_sends_an_anonymous_visitor_to_log_in(world, personas):
    response = personas["anonymous"].get("/plans/synthetic/indicators/A1/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("persona", ["planner", "clerk_b", "reviewer", "viewer"])
def test_it_shows_the_indicator_to_every_role(world, personas, persona):
    response = personas[persona].get("/plans/synthetic/indicators/A1/")
    assert response.status_code == 200 and chart(response.text)["actual"] == [[2020, 40.0], [2021, 42.0]]


def test_it_says_so_when_there_is_nothing_to_draw(viewer):
    html = viewer.get(PAGE.format("N06"), {"as_of": "2022"}).text
    assert 'id="chart-data"' not in html and "echarts.min.js" not in html
    assert "未作评估（缺少年度数据）" in html
