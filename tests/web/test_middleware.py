"""The site's own middleware: a request larger than the site takes is answered 413 unread, with a
page in the site's style (in the chosen language, with the menu) or JSON under /api/."""

from __future__ import annotations

import pytest

ENTRY = "/plans/synthetic/rounds/2022/"
LIMIT = 3 * 1024 * 1024  # 3 MB for these tests; the site's default is 12 MB


@pytest.fixture
def limits(settings) -> None:
    settings.MAX_REQUEST_BYTES = LIMIT
    settings.UPLOAD_MAX_BYTES = 2 * 1024 * 1024


def _send(client, url: str, size: int, **headers: str):
    """A POST that declares ``size`` bytes; the body itself is one byte: a refusal must not read it."""
    return client.post(url, data=b"x", content_type="application/octet-stream", CONTENT_LENGTH=str(size),
                       headers=headers)  # fmt: skip


def test_it_refuses_a_form_too_large_with_a_page_that_names_the_limits(world, personas, limits):
    # 20,000,000 bytes = 19.07 MB of 1,048,576 bytes: shown as 19.1
    answer = _send(personas["clerk_a"], ENTRY, 20_000_000)
    assert (answer.status_code, answer["Content-Type"]) == (413, "text/html; charset=utf-8")
    page = answer.content.decode()
    assert "表单内容过大，无法提交" in page  # Chinese by default
    assert "本次提交 19.1 MB；网站一次最多接收 3 MB，每个文件最多 2 MB。" in page
    assert f'href="{ENTRY}"' in page  # back to the form it was sent from
    assert 'href="/plans/synthetic/rounds/"' in page  # the menu of a signed-in reporter
    assert "错误代码 413" in page


def test_it_speaks_english_after_the_switch(world, personas, limits, settings):
    client = personas["clerk_a"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = _send(client, ENTRY, LIMIT + 1).content.decode()
    # 3,145,729 bytes is 3.000001 MB: 3 at one decimal
    assert "The form held 3 MB; the site takes at most 3 MB at once, and each file may be at most 2 MB." in page
    assert "Back button" in page


def test_it_links_back_to_the_page_the_form_was_on(world, personas, limits):
    referer = "http://testserver/plans/synthetic/rounds/2022/?department=dept-a"
    page = _send(personas["planner"], ENTRY, LIMIT + 1, referer=referer).content.decode()
    assert 'href="http://testserver/plans/synthetic/rounds/2022/?department=dept-a"' in page
    elsewhere = _send(personas["planner"], ENTRY, LIMIT + 1, referer="https://evil.example/x").content.decode()
    assert "evil.example" not in elsewhere and f'href="{ENTRY}"' in elsewhere


def test_it_answers_json_under_the_api(world, personas, limits):
    answer = _send(personas["clerk_a"], "/api/plans/synthetic/rounds/2022/values/", 20_000_000,
                   accept_language="en")  # fmt: skip
    assert (answer.status_code, answer["Content-Type"]) == (413, "application/json")
    assert answer.json() == {
        "detail": "The request holds 19.1 MB; the site takes at most 3 MB at once, and each file may be at most 2 MB. "
        "Nothing was saved."
    }


def test_it_refuses_an_anonymous_visitor_the_same_way(world, personas, limits):
    answer = _send(personas["anonymous"], "/accounts/login/", LIMIT + 1)
    assert answer.status_code == 413
    assert "/accounts/login/" in answer.content.decode()


@pytest.mark.parametrize(("size", "refused"), [(LIMIT, False), (LIMIT + 1, True)])
def test_it_takes_a_request_of_exactly_the_limit(world, personas, limits, size, refused):
    answer = _send(personas["clerk_a"], ENTRY, size)
    assert (answer.status_code == 413) is refused
