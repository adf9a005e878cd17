"""The overview's SQL: a bounded number of queries whatever the size of the plan, and the
evaluation kept between views only while the plan's values and table stay the same."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planeval.web.core.models import AnnualTarget, Indicator, Plan, Value
from planeval.web.dashboard import cache

MAX_QUERIES = 12
"""Session, user, role (the view's check and the page header's), plan, approved periods and the
values' stamp; on a first view also the indicators, yearly targets and approved values: 10 now."""
KINDS = (  # name, unit, target, base value, direction
    ("某水平", "%", "50", 40.0, "increase"),
    ("某增长", "%", ">6", None, "increase"),
    ("某上限", "%", "<5.5", 5.2, "decrease"),
    ("某累计降低", "%", "〔13.5〕", None, "decrease"),
)
YEARS = (2021, 2022, 2023, 2024)


def _plan(slug: str, count: int) -> Plan:
    """A plan of ``count`` indicators of every kind, four approved years each, one yearly target."""
    plan = Plan.objects.create(slug=slug, title=f"{count}项指标", base_year=2020, end_year=2025)
    indicators = Indicator.objects.bulk_create(
        Indicator(plan=plan, position=n, code=f"I{n:03d}", name=f"{name}{n}", unit=unit, aspect=f"方面{n % 5}",
                  attribute="binding" if n % 3 == 0 else "expected", direction=direction, base_year=2020,
                  base_value=base, target_text=target, target_year=2025)
        for n, (name, unit, target, base, direction) in ((n, KINDS[n % len(KINDS)]) for n in range(1, count + 1))
    )  # fmt: skip
    AnnualTarget.objects.create(indicator=indicators[0], year=2023, target_text="45")
    Value.objects.bulk_create(
        Value(indicator=ind, period=str(year), value=value, raw=str(value), state="approved")
        for ind in indicators
        for year, value in zip(YEARS, (4.1 + ind.position % 3, 4.5, 4.9, 5.0), strict=True)
    )
    return plan


def _queries(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def _latest(client: Client, url: str, code: str) -> str:
    rows = {row.result.code: row for group in client.get(url).context["groups"] for row in group.rows}
    return rows[code].latest


@pytest.fixture
def viewer(personas: dict[str, Client]) -> Client:
    cache.clear()
    return personas["viewer"]


def test_the_overview_of_a_100_indicator_plan_takes_as_many_queries_as_that_of_a_10_indicator_one(viewer):
    small, large = _plan("small", 10), _plan("large", 100)
    cache.clear()
    first_small = _queries(viewer, f"/plans/{small.slug}/?as_of=2024")
    first_large = _queries(viewer, f"/plans/{large.slug}/?as_of=2024")
    assert len(first_large) == len(first_small) <= MAX_QUERIES, "\n".join(first_large)
    again = _queries(viewer, f"/plans/{large.slug}/?as_of=2024")
    assert len(again) < len(first_large)  # the evaluation is kept: the plan table and values are not read again
    assert not [sql for sql in again if 'FROM "core_indicator"' in sql or 'FROM "core_annualtarget"' in sql]


def test_it_shows_a_value_approved_after_the_plan_was_viewed(viewer, world):
    url = "/plans/synthetic/?as_of=2022"
    assert _latest(viewer, url, "A1") == "42%"
    Value.objects.create(indicator=world.indicator_a, period="2022", value=45, raw="45", state="approved")
    assert _latest(viewer, url, "A1") == "45%"


def test_it_shows_an_approved_value_corrected_or_deleted_after_the_plan_was_viewed(viewer, world):
    url = "/plans/synthetic/?as_of=2022"
    value = Value.objects.get(indicator=world.indicator_a, period="2021")
    assert _latest(viewer, url, "A1") == "42%"
    value.value, value.raw = 41.5, "41.5"
    value.save()
    assert _latest(viewer, url, "A1") == "41.5%"
    value.delete()
    assert _latest(viewer, url, "A1") == "—"


def test_it_ignores_a_value_saved_but_not_approved(viewer, world):
    url = "/plans/synthetic/?as_of=2022"
    assert _latest(viewer, url, "A1") == "42%"
    Value.objects.create(indicator=world.indicator_a, period="2022", value=45, raw="45", state="submitted")
    assert _latest(viewer, url, "A1") == "42%"


def test_it_judges_by_the_plan_table_as_edited(viewer, world):
    url = "/plans/synthetic/?as_of=2022"
    before = viewer.get(url).context["evaluation"].result("A1")
    world.indicator_a.target_text = "80"
    world.indicator_a.save()
    after = viewer.get(url).context["evaluation"].result("A1")
    assert (before.indicator.target.text, after.indicator.target.text) == ("50", "80")
    assert after.progress != before.progress


def test_it_keeps_one_entry_per_period_method_and_language(viewer, world):
    base = "/plans/synthetic/"
    pages = [
        viewer.get(base, {"as_of": "2022"}),
        viewer.get(base, {"as_of": "2023"}),
        viewer.get(base, {"as_of": "2022", "method": "cagr_ratio"}),
    ]
    viewer.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans" if pages[0]["Content-Language"] == "en" else "en"
    pages.append(viewer.get(base, {"as_of": "2022"}))
    assert pages[3]["Content-Language"] != pages[0]["Content-Language"]
    assert [(str(p.context["evaluation"].as_of), p.context["evaluation"].method) for p in pages] == [
        ("2022", "time_progress"),
        ("2023", "time_progress"),
        ("2022", "cagr_ratio"),
        ("2022", "time_progress"),
    ]
    assert pages[0].context["evaluation"] is pages[3].context["evaluation"]  # the same evaluation, reused
    assert pages[0].context["groups"] is not pages[3].context["groups"]  # but rows in the other language
