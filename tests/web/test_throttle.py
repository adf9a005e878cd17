"""Login throttling: a user name is refused for a while after 5 wrong passwords, an address after
its own (higher) number of failures; other users and addresses are not affected."""

from __future__ import annotations

import base64
import datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse

from planeval.web.core.models import Membership, Role
from planeval.web.core.throttle import client_address

PASSWORD = "the-right-password"
OFFICE, ELSEWHERE = "10.1.2.3", "10.9.9.9"


@pytest.fixture
def people(db) -> None:
    for name in ("clerk", "colleague"):
        get_user_model().objects.create_user(name, password=PASSWORD)


def log_in(username: str, password: str, address: str = OFFICE) -> Any:
    return Client(REMOTE_ADDR=address).post(reverse("login"), {"username": username, "password": password})


def admitted(response: Any) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("home")


def test_it_refuses_the_right_password_after_five_wrong_ones(people):
    for _ in range(4):
        assert log_in("clerk", "wrong").status_code == 200  # the form again, with its error
    assert log_in("clerk", "wrong").status_code == 429  # the fifth says that logging in is now refused
    refused = log_in("clerk", PASSWORD)
    assert refused.status_code == 429 and not admitted(refused)
    text = refused.content.decode()
    assert "密码错误次数过多" in text and "15 分钟" in text  # Chinese by default, with the period


def test_it_still_admits_after_four_wrong_passwords_and_counts_afresh(people):
    for _ in range(4):
        log_in("clerk", "wrong")
    assert admitted(log_in("clerk", PASSWORD))
    for _ in range(4):  # the success cleared the count: four more do not lock
        log_in("clerk", "wrong")
    assert admitted(log_in("clerk", PASSWORD))


def test_it_admits_again_after_the_cool_off(people, time_machine):
    start = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC)
    time_machine.move_to(start, tick=False)
    for _ in range(5):
        log_in("clerk", "wrong")
    time_machine.move_to(start + datetime.timedelta(minutes=14, seconds=59), tick=False)
    assert log_in("clerk", PASSWORD).status_code == 429  # and this failure starts the 15 minutes anew
    time_machine.move_to(start + datetime.timedelta(minutes=14 + 15, seconds=59 + 1), tick=False)  # 15 min 1 s on
    assert admitted(log_in("clerk", PASSWORD))


def test_it_does_not_lock_out_another_user_of_the_same_office(people):
    for _ in range(6):
        log_in("clerk", "wrong")
    assert admitted(log_in("colleague", PASSWORD))
    assert log_in("clerk", PASSWORD, address=ELSEWHERE).status_code == 429  # the name is locked everywhere


def test_it_refuses_an_address_that_tried_many_user_names(people, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 8
    for attempt in range(8):  # one password tried on eight names, none locked by name
        log_in(f"someone{attempt}", "123456")
    assert log_in("colleague", PASSWORD).status_code == 429
    assert admitted(log_in("colleague", PASSWORD, address=ELSEWHERE))


def test_it_takes_the_address_behind_a_proxy_from_the_right_of_x_forwarded_for(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.1.2.3")
    assert client_address(request) == "127.0.0.1"  # no proxy configured: the header is not trusted
    settings.PROXIES = 1
    assert client_address(request) == "10.1.2.3"  # what the proxy saw; 6.6.6.6 was written by the client
    settings.PROXIES = 3
    assert client_address(request) == "127.0.0.1"  # fewer hops than proxies: the header is forged or wrong


def basic(username: str, password: str) -> dict[str, str]:
    return {"authorization": "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()}


def test_it_counts_and_refuses_logins_through_the_api_too(people):
    api = Client(REMOTE_ADDR=OFFICE)
    Membership.objects.create(user=get_user_model().objects.get(username="clerk"), role=Role.VIEWER)
    assert api.get("/api/plans/", headers=basic("clerk", PASSWORD)).status_code == 200
    for _ in range(4):
        assert api.get("/api/plans/", headers=basic("clerk", "wrong")).status_code == 401
    assert api.get("/api/plans/", headers=basic("clerk", "wrong")).status_code == 429  # the fifth locks, as the form
    assert api.get("/api/plans/", headers=basic("clerk", PASSWORD)).status_code == 429  # not tried while locked
    assert log_in("clerk", PASSWORD).status_code == 429


def test_it_tells_an_api_client_that_the_name_is_locked_and_for_how_long(people, settings):
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=20)
    Membership.objects.create(user=get_user_model().objects.get(username="clerk"), role=Role.VIEWER)
    for _ in range(5):
        log_in("clerk", "wrong")
    api = Client(REMOTE_ADDR=ELSEWHERE)
    refused = api.get("/api/plans/", headers=basic("clerk", PASSWORD))
    assert (refused.status_code, refused["Content-Type"], refused["Retry-After"]) == (429, "application/json", "1200")
    assert "20 分钟内不能登录。请稍后再试" in refused.json()["detail"]  # Chinese by default, 20 min = 1,200 s
    english = api.get("/api/plans/", headers=basic("clerk", PASSWORD) | {"accept-language": "en"})
    assert "logging in is refused for 20 minutes. Try again later." in english.json()["detail"]
    assert api.get("/api/plans/", headers=basic("colleague", "wrong")).status_code == 401  # not locked: wrong


def test_it_answers_a_locked_out_form_login_with_the_wait(people):
    for _ in range(5):
        log_in("clerk", "wrong")
    refused = log_in("clerk", PASSWORD)
    assert (refused.status_code, refused["Retry-After"]) == (429, "900")  # 15 min = 900 s
