"""The supervision loop end to end in a real browser, two people at once: the planner opens an
item for 甲局 from the new-item form (prefilled as the warnings page links to it), clerk_a of
甲局 answers it with a rectification report and an evidence file, the planner sends it back
with a comment, clerk_a answers again, the planner closes it (销号), and the item's page shows
every step.

Each person has a browser context of their own, so both stay logged in. Elements are found by
name, id, URL and CSS class, never by their text. Screenshots of the list and the item go to
the test's tmp dir and to ``/tmp/e2e/`` for a person to look at.
"""

from __future__ import annotations

import datetime
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect

from planeval.web.supervision import service
from planeval.web.supervision.models import ItemState, SupervisionItem

SHOTS = Path("/tmp/e2e")
LANGUAGE = "zh-hans"
TIMEOUT_MS = 15_000
PASSWORD = "supervision-e2e"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _context(browser: Browser, live_server: object) -> BrowserContext:
    context = browser.new_context(base_url=str(live_server), locale="zh-CN", viewport={"width": 1280, "height": 900})
    host = urlparse(str(live_server)).hostname
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": LANGUAGE, "domain": host, "path": "/"}])
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def pages(browser: Browser, live_server: object) -> Iterator[tuple[Page, Page]]:
    """The planner's tab and the clerk's tab, each in its own browser context."""
    office, department = _context(browser, live_server), _context(browser, live_server)
    yield office.new_page(), department.new_page()
    office.close()
    department.close()


def _shoot(page: Page, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, SHOTS / path.name)
    except OSError:  # a copy for people only
        pass


def _class(name: str) -> re.Pattern[str]:
    return re.compile(rf"(^|\s){re.escape(name)}(\s|$)")


def _log_in(page: Page, username: str) -> None:
    page.goto(reverse("login"))
    form = page.locator("main form[method=post]")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert urlparse(page.url).path != reverse("login"), f"{username} could not log in"


def _verify(page: Page, detail: str, decision: str, comment: str) -> None:
    page.goto(detail)
    page.locator("a#verify").click()
    form = page.locator("form#verify-form")
    form.locator(f"input[name=decision][value={decision}]").check()
    form.locator("textarea[name=comment]").fill(comment)
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"**{detail}")
    expect(page.locator(".messages li.success")).to_have_count(1)


def _answer(page: Page, detail: str, text: str, evidence: Path | None = None) -> None:
    page.goto(detail)
    page.locator("a#answer").click()
    form = page.locator("form#answer-form")
    form.locator("textarea[name=text]").fill(text)
    if evidence is not None:
        form.locator("input[name=evidence]").set_input_files(str(evidence))
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"**{detail}")
    expect(page.locator(".messages li.success")).to_have_count(1)


def test_planner_opens_clerk_answers_planner_returns_then_closes(
    pages: tuple[Page, Page], world, personas, tmp_path: Path
) -> None:
    for username in ("planner", "clerk_a"):
        user = get_user_model().objects.get(username=username)
        user.set_password(PASSWORD)
        user.save()
    office, clerk = pages
    slug, deadline = world.plan.slug, timezone.localdate() + datetime.timedelta(days=30)
    evidence = tmp_path / "整改台账.pdf"
    evidence.write_bytes(PDF)

    # the planner opens the item from the form, as the warnings page links to it
    _log_in(office, "planner")
    query = {"rule": "behind_schedule", "subject_kind": "indicator", "subject_code": world.indicator_a.code,
             "department": world.department_a.name, "findings": "合成指标甲进度滞后于时间进度"}  # fmt: skip
    office.goto(reverse("supervision:new", kwargs={"slug": slug}) + "?" + urlencode(query))
    form = office.locator("form#item-form")
    expect(form.locator("select[name=department]")).to_have_value(str(world.department_a.pk))
    expect(form.locator("textarea[name=findings]")).to_have_value(query["findings"])
    form.locator("input[name=kind][value=on_site]").check()
    form.locator("textarea[name=requirement]").fill("制定追赶方案，按季度报送进展")
    form.locator("input[name=deadline]").fill(deadline.isoformat())
    _shoot(office, tmp_path, "supervision-new")
    form.locator("button[type=submit]").click()
    office.wait_for_url(re.compile(r"/supervision/\d+/$"))
    item = SupervisionItem.objects.get()
    detail = reverse("supervision:detail", kwargs={"slug": slug, "item": item.pk})
    assert urlparse(office.url).path == detail
    assert (item.department, item.indicator, item.rule, item.kind) == (world.department_a, world.indicator_a,
                                                                       "behind_schedule", "on_site")  # fmt: skip

    # clerk_a of 甲局 sees it in the list and answers with a report and a file
    _log_in(clerk, "clerk_a")
    clerk.goto(reverse("supervision:list", kwargs={"slug": slug}))
    row = clerk.locator(f"tr#item-{item.pk}")
    expect(row).to_have_count(1)
    expect(row.locator(".sv-state")).to_have_class(_class("open"))
    _answer(clerk, detail, "已制定追赶方案，第一季度完成进度 30%", evidence)
    expect(clerk.locator("h1 .sv-state")).to_have_class(_class("answered"))
    item.refresh_from_db()
    assert item.state == ItemState.ANSWERED

    # the planner sends it back with a comment; the clerk sees the comment
    _verify(office, detail, "return", "缺少分季度目标和责任人")
    expect(office.locator("h1 .sv-state")).to_have_class(_class("returned"))
    clerk.goto(detail)
    expect(clerk.locator(".sv-text .sv-comment")).to_contain_text("缺少分季度目标和责任人")

    # clerk_a answers again; the planner closes it (销号)
    _answer(clerk, detail, "补充了分季度目标，明确了责任人")
    _verify(office, detail, "close", "整改到位，同意销号")
    expect(office.locator("h1 .sv-state")).to_have_class(_class("closed"))
    item.refresh_from_db()
    assert (item.state, item.closed_on) == (ItemState.CLOSED, timezone.localdate())

    # the whole history on the item's page, with the evidence file
    clerk.goto(detail)
    steps = clerk.locator("ol.sv-timeline > li")
    expect(steps).to_have_count(5)
    classes = [steps.nth(i).get_attribute("class") for i in range(5)]
    assert classes == ["step-opened", "step-answered", "step-returned", "step-answered", "step-closed"]
    stored = item.rectifications.first().files.get()
    href = reverse("supervision:evidence", kwargs={"slug": slug, "item": item.pk, "file": stored.pk})
    link = clerk.locator(f"a[href='{href}']")
    expect(link).to_have_count(1)
    with clerk.expect_download() as download:
        link.click()
    assert Path(download.value.path()).read_bytes() == PDF
    _shoot(clerk, tmp_path, "supervision-detail")

    # beside it an item of 乙局 20 days past its deadline: listed first, marked, at level 2
    today = timezone.localdate()
    late = service.open_item(get_user_model().objects.get(username="planner"), world.plan,
                             department=world.department_b, indicator=world.indicator_b,
                             findings="合成指标乙数据逾期未报", requirement="补报数据并说明原因",
                             opened_on=today - datetime.timedelta(days=40),
                             deadline=today - datetime.timedelta(days=20))  # fmt: skip
    service.escalate_overdue(today)  # 20 days > 15: level 2
    office.goto(reverse("supervision:list", kwargs={"slug": slug}))
    rows = office.locator("table.sv-items tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_have_attribute("id", f"item-{late.pk}")
    expect(rows.first).to_have_class(_class("overdue"))
    expect(rows.first.locator(".sv-level")).to_have_class(_class("level-2"))
    expect(office.locator(f"tr#item-{item.pk} .sv-state")).to_have_class(_class("closed"))
    _shoot(office, tmp_path, "supervision-list")
    clerk.goto(reverse("supervision:list", kwargs={"slug": slug}))
    expect(clerk.locator("table.sv-items tbody tr")).to_have_count(1)  # 甲局's clerk: not 乙局's item
    office.locator(f"tr#item-{late.pk} a").first.click()
    expect(office.locator("ol.sv-timeline > li.step-escalated")).to_have_count(1)
    _shoot(office, tmp_path, "supervision-overdue")
