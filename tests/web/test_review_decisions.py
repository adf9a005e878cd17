"""Approving and returning values from a department's review page."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from planeval.web.core import values
from planeval.web.core.models import Evidence, Indicator, Value, ValueState

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English messages

PAGE = "/plans/synthetic/review/2022/dept-a/"


def user(name):
    return get_user_model().objects.get(username=name)


def submitted(indicator, round_, raw, clerk="clerk_a", explanation=""):
    return values.submit(user(clerk), values.save(user(clerk), indicator, round_, raw, explanation=explanation))


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_it_shows_each_value_with_the_last_approved_one_and_its_evidence(world, personas):
    value = submitted(world.indicator_a, world.round, "43.5", explanation="新口径")
    Evidence.objects.create(value=value, file=SimpleUploadedFile("公报2022.pdf", b"%PDF"), uploaded_by=user("clerk_a"))
    page = personas["reviewer"].get(PAGE)
    [(waiting, [(row, form)]), (_, []), (_, [])] = page.context["sections"]
    assert waiting == "Awaiting review"
    assert (row.shown, row.last_shown, row.last.period, row.difference, row.relative) == (
        "43.5", "42", "2021", "+1.5", "+3.6%")  # fmt: skip
    assert [link.name for link in row.evidence] == ["公报2022.pdf"]
    html = page.content.decode()
    assert "新口径" in html and "公报2022.pdf" in html
    assert f'action="/plans/synthetic/review/value/{value.pk}/approve/"' in html
    assert f'action="/plans/synthetic/review/value/{value.pk}/return/"' in html
    assert form.initial == {"version": 2}


def test_it_approves_a_submitted_value_and_shows_it_locked(world, personas):
    value = submitted(world.indicator_a, world.round, "43")
    answer = personas["reviewer"].post(f"/plans/synthetic/review/value/{value.pk}/approve/", {"version": 2})
    assert answer.url == PAGE
    value.refresh_from_db()
    assert (value.state, value.updated_by.username) == (ValueState.APPROVED, "reviewer")
    page = personas["reviewer"].get(answer.url)
    assert messages_of(page) == ["Approved 合成指标甲 for 2022: 43."]
    assert "Approved and locked" in page.content.decode()
    assert "/approve/" not in page.content.decode()


def test_it_returns_a_value_with_a_comment_and_lets_the_clerk_edit_it_again(world, personas):
    value = submitted(world.indicator_a, world.round, "43")
    answer = personas["planner"].post(f"/plans/synthetic/review/value/{value.pk}/return/",
                                      {"version": 2, "comment": " 请附统计公报 "}, follow=True)  # fmt: skip
    assert messages_of(answer) == ["Returned 合成指标甲 to 甲局 with your comment."]
    value.refresh_from_db()
    assert (value.state, value.review_comment, value.version) == (ValueState.RETURNED, "请附统计公报", 3)
    again = values.save(user("clerk_a"), world.indicator_a, world.round, "43.1", version=value.version)
    assert (again.state, again.value, again.version) == (ValueState.DRAFT, 43.1, 4)


def test_it_wants_a_comment_to_return_a_value(world, personas):
    value = submitted(world.indicator_a, world.round, "43")
    answer = personas["reviewer"].post(f"/plans/synthetic/review/value/{value.pk}/return/",
                                       {"version": 2, "comment": "  "})  # fmt: skip
    assert answer.status_code == 400
    assert "Say why the value is returned." in answer.content.decode()
    value.refresh_from_db()
    assert (value.state, value.review_comment) == (ValueState.SUBMITTED, "")


@pytest.mark.parametrize("persona", ["clerk_a", "clerk_b", "viewer"])
@pytest.mark.parametrize("action", ["approve", "return"])
def test_it_lets_no_clerk_or_viewer_decide(world, personas, persona, action):
    value = submitted(world.indicator_a, world.round, "43")
    answer = personas[persona].post(f"/plans/synthetic/review/value/{value.pk}/{action}/",
                                    {"version": 2, "comment": "自己批准"})  # fmt: skip
    assert answer.status_code == 403
    value.refresh_from_db()
    assert value.state == ValueState.SUBMITTED


def test_it_sends_anonymous_deciders_to_log_in(world, personas):
    value = submitted(world.indicator_a, world.round, "43")
    answer = personas["anonymous"].post(f"/plans/synthetic/review/value/{value.pk}/approve/", {"version": 2})
    assert answer.status_code == 302 and answer.url.startswith("/accounts/login/")


def test_it_approves_nothing_changed_since_the_page_was_made(world, personas):
    value = submitted(world.indicator_a, world.round, "43")
    values.send_back(user("reviewer"), value, "请核对")
    values.submit(user("clerk_a"), values.save(user("clerk_a"), world.indicator_a, world.round, "44"))
    answer = personas["planner"].post(f"/plans/synthetic/review/value/{value.pk}/approve/", {"version": 2}, follow=True)
    assert messages_of(answer) == ["合成指标甲 changed since the page was opened; check it again."]
    value.refresh_from_db()
    assert (value.state, value.value) == (ValueState.SUBMITTED, 44)


@pytest.fixture
def second_indicator_a(world):
    return Indicator.objects.create(plan=world.plan, position=3, code="A2", name="合成指标丙", aspect="经济",
                                    attribute="expected", direction="increase", base_year=2020, target_year=2025,
                                    department=world.department_a)  # fmt: skip


def test_it_approves_all_submitted_values_of_a_department_at_once(world, personas, second_indicator_a):
    first = submitted(world.indicator_a, world.round, "43")
    second = submitted(second_indicator_a, world.round, "7")
    other = submitted(world.indicator_b, world.round, "5.1", clerk="clerk_b")
    page = personas["reviewer"].get(PAGE)
    assert "Approve all 2 submitted values" in page.content.decode()
    answer = personas["reviewer"].post(f"{PAGE}approve-all/", {"value": [f"{first.pk}:2", f"{second.pk}:2"]},
                                       follow=True)  # fmt: skip
    assert messages_of(answer) == ["Approved 2 values of 甲局."]
    states = dict(Value.objects.filter(period="2022").values_list("pk", "state"))
    assert states == {first.pk: "approved", second.pk: "approved", other.pk: "submitted"}


def test_it_approves_none_of_them_when_one_changed_meanwhile(world, personas, second_indicator_a):
    first = submitted(world.indicator_a, world.round, "43")
    second = submitted(second_indicator_a, world.round, "7")
    values.send_back(user("planner"), second, "单位有误")
    answer = personas["reviewer"].post(f"{PAGE}approve-all/", {"value": [f"{first.pk}:2", f"{second.pk}:2"]},
                                       follow=True)  # fmt: skip
    assert "nothing was approved" in messages_of(answer)[0]
    states = dict(Value.objects.filter(period="2022").values_list("pk", "state"))
    assert states == {first.pk: "submitted", second.pk: "returned"}


def test_it_approves_no_value_of_another_department_with_all(world, personas):
    other = submitted(world.indicator_b, world.round, "5.1", clerk="clerk_b")
    personas["reviewer"].post(f"{PAGE}approve-all/", {"value": [f"{other.pk}:2"]})
    other.refresh_from_db()
    assert other.state == ValueState.SUBMITTED


@pytest.mark.parametrize("persona", ["clerk_a", "viewer"])
def test_it_lets_no_clerk_or_viewer_approve_all(world, personas, persona):
    value = submitted(world.indicator_a, world.round, "43")
    assert personas[persona].post(f"{PAGE}approve-all/", {"value": [f"{value.pk}:2"]}).status_code == 403
    value.refresh_from_db()
    assert value.state == ValueState.SUBMITTED


def test_it_refuses_a_malformed_approve_all(world, personas):
    assert personas["reviewer"].post(f"{PAGE}approve-all/", {"value": ["x:2"]}).status_code == 400


def test_it_escapes_html_in_names_explanations_and_comments(world, personas):
    world.department_a.name = "<b>甲局</b>"
    world.department_a.save()
    world.indicator_a.name = "<img src=x onerror=alert(1)>"
    world.indicator_a.save()
    value = submitted(world.indicator_a, world.round, "43", explanation="<script>alert(2)</script>")
    answer = personas["reviewer"].post(f"/plans/synthetic/review/value/{value.pk}/return/",
                                       {"version": 2, "comment": "<i>再核</i>"}, follow=True)  # fmt: skip
    pages = [answer, personas["reviewer"].get("/plans/synthetic/review/"),
             personas["reviewer"].get(f"/plans/synthetic/review/value/{value.pk}/history/")]  # fmt: skip
    for page in pages:
        html = page.content.decode()
        assert "<img src=x" not in html and "<script>alert" not in html and "<i>再核" not in html
        assert "<b>甲局" not in html
    html = answer.content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "&lt;i&gt;再核&lt;/i&gt;" in html and "&lt;b&gt;甲局&lt;/b&gt;" in html


@pytest.mark.parametrize(
    ("raw", "typed"), [("43.50", ""), ("４３．５", "４３．５"), ("43.5*", "43.5*")]
)  # *: estimated
def test_it_shows_the_text_as_typed_only_when_it_is_not_the_plain_number(world, personas, raw, typed):
    submitted(world.indicator_a, world.round, raw)
    [(_, [(row, _form)]), _, _] = personas["planner"].get(PAGE).context["sections"]
    assert (row.shown, row.typed) == ("43.5", typed)
