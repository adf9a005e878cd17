"""The database going away mid-request: the answer is the 503 page (JSON for the API), and the
request's writes are rolled back — checked against the real database (transactional tests:
every write is committed for real unless the request's transaction rolls it back)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from io import BytesIO
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import InterfaceError, OperationalError, connection, transaction
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from planeval.web.core import values
from planeval.web.core.failures import server_error
from planeval.web.core.models import Indicator, Value, ValueState

WRITES = ("INSERT", "UPDATE", "DELETE")
ENGLISH = {"accept-language": "en"}
API_ENTER = "/api/plans/synthetic/rounds/2022/values/"
VALUE_TABLES = (Value._meta.db_table, Value.history.model._meta.db_table)


def user(name: str) -> Any:
    return get_user_model().objects.get(username=name)


@contextmanager
def database_fails_at(write: int, error: type[Exception] = OperationalError) -> Iterator[list[str]]:
    """The ``write``-th statement that writes a value or its history raises ``error``, as when the
    server goes away part-way; yields the write statements seen."""
    seen: list[str] = []

    def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        if sql.lstrip().upper().startswith(WRITES) and any(f'"{table}"' in sql for table in VALUE_TABLES):
            seen.append(sql)
            if len(seen) == write:
                raise error("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield seen


def snapshot() -> list[tuple[Any, ...]]:
    """Every value and every history record, to compare before and after."""
    stored = list(Value.objects.order_by("pk").values_list("pk", "period", "value", "state", "version"))
    history = list(Value.history.order_by("history_id").values_list("history_id", "value", "state", "version"))
    return [*stored, *history]


@pytest.fixture
def department_a(world: Any) -> list[Indicator]:
    """Department A with three indicators, so one request writes several values."""
    extra = [
        Indicator.objects.create(
            plan=world.plan,
            position=position,
            code=code,
            name=name,
            unit="万人",
            aspect="民生",
            attribute="expected",
            direction="increase",
            base_year=2020,
            base_value=100,
            target_text="120",
            target_year=2025,
            department=world.department_a,
        )  # fmt: skip
        for position, code, name in ((3, "A2", "合成指标丙"), (4, "A3", "合成指标丁"))
    ]
    return [world.indicator_a, *extra]


def _upload_three_values(clerk: Client, world: Any) -> None:
    url = lambda name: reverse(f"reporting:{name}", args=[world.plan.slug, world.round.period])  # noqa: E731
    book = load_workbook(BytesIO(clerk.get(url("template")).content))
    for row, typed in zip((3, 4, 5), ("43", "101", "102"), strict=True):
        book.active[f"J{row}"] = typed
    out = BytesIO()
    book.save(out)
    preview = clerk.post(url("upload"), {"workbook": SimpleUploadedFile("filled.xlsx", out.getvalue())}, follow=True)
    assert len(preview.context["preview"].changes) == 3


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_it_saves_none_of_an_upload_when_the_database_fails_at_the_third_write(world, personas, department_a, error):
    clerk = personas["clerk_a"]
    _upload_three_values(clerk, world)
    before = snapshot()
    with database_fails_at(3, error) as seen:
        # writes 1-2: the first value and its history record; write 3 (the second value) fails
        answer = clerk.post(reverse("reporting:confirm", args=[world.plan.slug, "2022"]), {"action": "confirm"})
    assert len(seen) == 3
    assert answer.status_code == 503 and answer["Retry-After"] == "60"
    assert "数据暂时无法访问" in answer.text and "没有任何数据被修改" in answer.text
    assert 'href="/static/planeval/site.css"' in answer.text  # the site's style
    assert snapshot() == before
    assert not Value.objects.filter(period="2022").exists()


@pytest.mark.django_db(transaction=True)
def test_it_approves_none_of_a_department_when_the_database_fails_part_way(world, personas, department_a):
    clerk = user("clerk_a")
    shown = [values.submit(clerk, values.save(clerk, indicator, world.round, raw))
             for indicator, raw in zip(department_a, ("43", "101", "102"), strict=True)]  # fmt: skip
    before = snapshot()
    with database_fails_at(3) as seen:
        # writes 1-2 approve the first value (update, history); write 3 would approve the second
        answer = personas["reviewer"].post(
            reverse("review:approve_all", args=[world.plan.slug, "2022", "dept-a"]),
            {"value": [f"{value.pk}:{value.version}" for value in shown]},
        )
    assert len(seen) == 3 and answer.status_code == 503
    assert snapshot() == before
    assert set(Value.objects.values_list("state", flat=True).filter(period="2022")) == {ValueState.SUBMITTED}


@pytest.mark.django_db(transaction=True)
def test_it_answers_the_api_with_json_503_and_keeps_nothing(world, personas):
    before = snapshot()
    with database_fails_at(2):  # the value is inserted, its history record fails
        body = {"indicator": "A1", "value": "43"}
        answer = personas["clerk_a"].post(API_ENTER, body, content_type="application/json", headers=ENGLISH)
    assert answer.status_code == 503 and answer["Content-Type"] == "application/json"
    assert "nothing was changed" in answer.json()["detail"]
    assert snapshot() == before


@pytest.mark.django_db(transaction=True)
def test_it_runs_each_view_in_one_transaction(world, personas):
    assert settings.DATABASES["default"]["ATOMIC_REQUESTS"] is True
    seen: list[bool] = []
    real = "planeval.web.review.views.round_progress"
    from planeval.web.review.views import round_progress

    def spy(*args: Any) -> Any:
        seen.append(transaction.get_connection().in_atomic_block)
        return round_progress(*args)

    with mock.patch(real, spy):
        assert personas["reviewer"].get(reverse("review:rounds", args=[world.plan.slug])).status_code == 200
    assert seen == [True]  # no test transaction here: only the request's own makes it True


def test_it_answers_500_with_the_page_for_an_error_that_is_not_the_database(world, personas, english):
    client = Client(raise_request_exception=False)
    client.force_login(user("reviewer"))
    with mock.patch("planeval.web.review.views.round_progress", side_effect=RuntimeError("a bug")):
        answer = client.get(reverse("review:rounds", args=[world.plan.slug]))
    assert answer.status_code == 500 and not answer.has_header("Retry-After")
    text = answer.content.decode()
    assert "Something went wrong" in text and "saved whole or not at all" in text


def test_it_answers_503_for_a_database_error_outside_the_view(rf):
    request = rf.get("/plans/")
    try:
        raise OperationalError("could not save the session")
    except OperationalError:
        answer = server_error(request)
    text = answer.content.decode()
    assert answer.status_code == 503 and "数据暂时无法访问" in text  # the view may have committed before:
    assert "没有任何数据被修改" not in text and "请刷新页面查看已保存的内容" in text  # no promise then


def test_it_keeps_the_health_check_answering_json_when_the_database_is_down(db, client):
    def down(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        raise OperationalError("connection refused")

    with connection.execute_wrapper(down):
        answer = client.get("/healthz")
    assert answer.status_code == 503 and answer.json() == {"status": "database unavailable"}
