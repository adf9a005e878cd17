"""The data-entry form of a department for a round: what a clerk sees, saves and submits."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from planeval.web.core import values
from planeval.web.core.models import Evidence, Indicator, Membership, Role, Value, ValueState

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English messages

FIELDS = ("indicator", "version", "value", "explanation")
PDF = b"%PDF-1.4\n%fake but well-formed enough\n"


def form_url(world: Any, query: str = "") -> str:
    return reverse("reporting:form", args=[world.plan.slug, world.round.period]) + query


def page_data(response: Any, action: str = "save") -> dict[str, Any]:
    """The POST a browser would send for the page in ``response`` when nothing is changed."""
    formset = response.context["formset"]
    management = formset.management_form
    data: dict[str, Any] = {management.add_prefix(name): management[name].value() for name in management.fields}
    for form in formset:
        for name in FIELDS:
            value = form[name].value()
            data[form.add_prefix(name)] = "" if value is None else value
    data["action"] = action
    return data


def fill(data: dict[str, Any], indicator: Indicator, /, **fields: Any) -> dict[str, Any]:
    """``data`` with ``fields`` set on the row of ``indicator``."""
    prefix = next(key.removesuffix("-indicator") for key, value in data.items()
                  if key.endswith("-indicator") and str(value) == str(indicator.pk))  # fmt: skip
    data.update({f"{prefix}-{name}": value for name, value in fields.items()})
    return data


def user(name: str) -> Any:
    return get_user_model().objects.get(username=name)


def stored(indicator: Indicator) -> Value | None:
    return Value.objects.filter(indicator=indicator, period="2022").first()


@pytest.fixture
def second_indicator(world: Any) -> Indicator:
    """A second indicator of department A, so a form has more than one row."""
    return Indicator.objects.create(plan=world.plan, position=3, code="A2", name="合成指标丙", unit="万人",
                                    aspect="民生", attribute="expected", direction="increase", base_year=2020,
                                    base_value=100, target_text="120", target_year=2025,
                                    department=world.department_a)  # fmt: skip


def test_it_shows_only_the_clerks_department_indicators(world, personas):
    page = personas["clerk_a"].get(form_url(world))
    assert page.status_code == 200
    assert "合成指标甲" in page.text and "合成指标乙" not in page.text
    assert "42" in page.text and "2021" in page.text  # the last approved value and its period
    assert [form.initial["indicator"] for form in page.context["formset"]] == [world.indicator_a.pk]


def test_it_saves_a_draft(world, personas):
    clerk = personas["clerk_a"]
    data = fill(page_data(clerk.get(form_url(world))), world.indicator_a, value="４３．５")
    response = clerk.post(form_url(world), data)
    assert response.status_code == 302
    value = stored(world.indicator_a)
    assert (value.value, value.raw, value.state, value.updated_by.username) == (43.5, "４３．５", "draft", "clerk_a")
    assert "1 value saved" in clerk.get(response.url).text


def test_it_submits_after_saving(world, personas):
    clerk = personas["clerk_a"]
    data = fill(page_data(clerk.get(form_url(world)), action="submit"), world.indicator_a, value="43")
    assert clerk.post(form_url(world), data).status_code == 302
    value = stored(world.indicator_a)
    assert value.state == ValueState.SUBMITTED
    assert [h.history_change_reason for h in value.history.order_by("history_date")] == ["saved", "submitted"]


def test_it_leaves_a_submitted_value_alone_when_the_form_is_saved_unchanged(world, personas):
    clerk = personas["clerk_a"]
    values.submit(user("clerk_a"), values.save(user("clerk_a"), world.indicator_a, world.round, "43"))
    assert clerk.post(form_url(world), page_data(clerk.get(form_url(world)))).status_code == 302
    assert (stored(world.indicator_a).state, stored(world.indicator_a).version) == (ValueState.SUBMITTED, 2)


def test_it_shows_a_malformed_number_and_saves_nothing_from_the_whole_form(world, personas, second_indicator):
    clerk = personas["clerk_a"]
    data = page_data(clerk.get(form_url(world)))
    fill(data, world.indicator_a, value="43", explanation="正常")
    fill(data, second_indicator, value="约105")
    response = clerk.post(form_url(world), data)
    assert response.status_code == 400
    assert "is not a number" in response.text and "Nothing was saved" in response.text
    assert 'value="约105"' in response.text and 'value="43"' in response.text  # what was typed stays
    assert stored(world.indicator_a) is None and stored(second_indicator) is None


def test_it_asks_for_an_explanation_beside_the_row(world, personas):
    clerk = personas["clerk_a"]
    response = clerk.post(form_url(world), fill(page_data(clerk.get(form_url(world))), world.indicator_a, value="4200"))
    assert response.status_code == 400
    form = response.context["formset"][0]
    assert "check the unit" in form.errors["explanation"][0]
    assert stored(world.indicator_a) is None


def test_it_refuses_another_departments_indicator_in_a_forged_post(world, personas):
    clerk = personas["clerk_a"]
    data = page_data(clerk.get(form_url(world)))
    fill(data, world.indicator_a, indicator=world.indicator_b.pk, value="5.0")
    assert clerk.post(form_url(world), data).status_code == 403
    assert stored(world.indicator_b) is None


def test_it_shows_an_approved_value_read_only_and_refuses_to_edit_it(world, personas):
    Value.objects.create(indicator=world.indicator_a, period="2022", round=world.round, value=44, raw="44",
                         state=ValueState.APPROVED)  # fmt: skip
    clerk = personas["clerk_a"]
    page = clerk.get(form_url(world))
    assert len(page.context["formset"]) == 0 and "<b>44</b>" in page.text
    forged = {"row-TOTAL_FORMS": "1", "row-INITIAL_FORMS": "1", "row-0-indicator": world.indicator_a.pk,
              "row-0-version": "1", "row-0-value": "45", "row-0-explanation": "", "action": "save"}  # fmt: skip
    assert clerk.post(form_url(world), forged).status_code == 403
    assert stored(world.indicator_a).value == 44


@pytest.mark.parametrize("change", [{"deadline": -2}, {"state": "closed"}])
def test_it_makes_the_form_read_only_for_a_reporter_after_the_deadline_or_closing(world, personas, change):
    clerk = personas["clerk_a"]
    data = fill(page_data(clerk.get(form_url(world))), world.indicator_a, value="43")
    if "deadline" in change:
        world.round.deadline = datetime.date.today() + datetime.timedelta(days=change["deadline"])
    else:
        world.round.state = change["state"]
    world.round.save()
    page = clerk.get(form_url(world))
    assert len(page.context["formset"]) == 0 and page.context["closed_reason"]
    assert "Save draft" not in page.text
    assert clerk.post(form_url(world), data).status_code == 403
    assert stored(world.indicator_a) is None
    planner = personas["planner"]
    assert planner.post(form_url(world, "?department=dept-a"), data).status_code == 302  # the office still may
    assert stored(world.indicator_a).value == 43


def test_it_tells_the_second_of_two_clerks_who_saved_meanwhile_and_keeps_both_versions(world, personas):
    other = get_user_model().objects.create_user("clerk_a2")
    Membership.objects.create(user=other, role=Role.REPORTER, department=world.department_a)
    second = Client()
    second.force_login(other)
    first = personas["clerk_a"]
    values.save(user("clerk_a"), world.indicator_a, world.round, "43")
    first_page, second_page = page_data(first.get(form_url(world))), page_data(second.get(form_url(world)))

    assert first.post(form_url(world), fill(first_page, world.indicator_a, value="44")).status_code == 302
    response = second.post(form_url(world), fill(second_page, world.indicator_a, value="45"))
    assert response.status_code == 409
    assert "clerk_a saved 44" in response.text and 'value="45"' in response.text
    assert stored(world.indicator_a).value == 44
    # Having seen the other value, the second clerk may replace it: every version stays in the history.
    again = page_data(response)
    assert second.post(form_url(world), again).status_code == 302
    history = stored(world.indicator_a).history.order_by("history_date")
    assert [(h.value, h.updated_by.username) for h in history] == [(43, "clerk_a"), (44, "clerk_a"), (45, "clerk_a2")]


def test_it_highlights_the_reviewers_comment_on_a_returned_value(world, personas):
    value = values.submit(user("clerk_a"), values.save(user("clerk_a"), world.indicator_a, world.round, "43"))
    values.send_back(user("reviewer"), value, "请核对数据来源")
    clerk = personas["clerk_a"]
    page = clerk.get(form_url(world))
    assert 'class="rep-returned"' in page.text and "请核对数据来源" in page.text
    data = fill(page_data(page, action="submit"), world.indicator_a, explanation="已核对，来源为统计年鉴")
    assert clerk.post(form_url(world), data).status_code == 302
    assert stored(world.indicator_a).state == ValueState.SUBMITTED


def test_it_escapes_html_in_an_indicator_name(world, personas):
    world.indicator_a.name = "<script>alert(1)</script>"
    world.indicator_a.save()
    page = personas["clerk_a"].get(form_url(world))
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_it_attaches_evidence_to_the_value(world, personas):
    clerk = personas["clerk_a"]
    data = fill(page_data(clerk.get(form_url(world))), world.indicator_a, value="43",
                evidence=SimpleUploadedFile("公报.pdf", PDF, content_type="application/pdf"))  # fmt: skip
    assert clerk.post(form_url(world), data).status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.value == stored(world.indicator_a) and evidence.uploaded_by.username == "clerk_a"
    page = clerk.get(form_url(world))
    download = clerk.get(reverse("reporting:evidence", args=[world.plan.slug, "2022", evidence.pk]))
    assert b"".join(download.streaming_content) == PDF and "公报" in page.text


@pytest.mark.parametrize(
    ("name", "content"),
    [("page.html", b"<html><script>alert(1)</script>"), ("bulletin.pdf", b"MZ\x90\x00 not a pdf"),
     ("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024))],
)  # fmt: skip
def test_it_refuses_evidence_of_another_type_or_too_large(world, personas, name, content):
    clerk = personas["clerk_a"]
    data = fill(page_data(clerk.get(form_url(world))), world.indicator_a, value="43",
                evidence=SimpleUploadedFile(name, content))  # fmt: skip
    response = clerk.post(form_url(world), data)
    assert response.status_code == 400
    assert any(
        refusal in response.text for refusal in ("not accepted as evidence", "is not a PDF file", "the limit is 5.0")
    )
    assert stored(world.indicator_a) is None and not Evidence.objects.exists()


def test_it_lets_the_planner_choose_a_department(world, personas):
    planner = personas["planner"]
    choose = planner.get(form_url(world))
    assert "?department=dept-a" in choose.text and "?department=dept-b" in choose.text
    page = planner.get(form_url(world, "?department=dept-b"))
    assert "合成指标乙" in page.text and "合成指标甲" not in page.text
    data = fill(page_data(page), world.indicator_b, value="5.1")
    data["department"] = "dept-b"
    assert planner.post(form_url(world, "?department=dept-b"), data).status_code == 302
    assert stored(world.indicator_b).updated_by.username == "planner"


@pytest.mark.parametrize(("persona", "status"), [("reviewer", 403), ("viewer", 403), ("anonymous", 302)])
def test_it_keeps_the_form_to_reporters_and_the_planner(world, personas, persona, status):
    assert personas[persona].get(form_url(world)).status_code == status


def test_it_lists_the_rounds_with_the_reporters_progress(world, personas):
    values.submit(user("clerk_a"), values.save(user("clerk_a"), world.indicator_a, world.round, "43"))
    page = personas["clerk_a"].get(reverse("reporting:rounds", args=[world.plan.slug]))
    assert page.status_code == 200
    tallies = {t.state: t.count for t in page.context["rounds"][0]["progress"]}
    assert tallies == {"empty": 0, "draft": 0, "submitted": 1, "approved": 0, "returned": 0}
    assert "甲局" in page.text and world.round.deadline.isoformat() in page.text
    whole = personas["viewer"].get(reverse("reporting:rounds", args=[world.plan.slug]))
    assert {t.state: t.count for t in whole.context["rounds"][0]["progress"]}["empty"] == 1
    assert "Enter values" not in whole.text


def test_it_sends_an_anonymous_visitor_of_the_rounds_to_the_login(world, personas):
    response = personas["anonymous"].get(reverse("reporting:rounds", args=[world.plan.slug]))
    assert response.status_code == 302 and reverse("login") in response.url
