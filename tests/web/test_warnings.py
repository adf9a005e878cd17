"""The early-warnings page: the warnings of the stored plan grouped by level, filtered, scoped to a
reporter's department, linked to their indicator, task or department, and for the planning office
a link that opens a supervision item prefilled from the warning.

The world is the synthetic plan of conftest.py (codes A1, B1, T1, made-up figures), with dates
counted from today so that the task and report rules have something to find on any day."""

from __future__ import annotations

import datetime
import gettext
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from test_i18n import placeholders, read_po

from planeval.domain.warning import SubjectKind, WarningLevel
from planeval.early_warning import available_rules
from planeval.web import warnings as warnings_app
from planeval.web.core.models import ReportingRound, Value
from planeval.web.tasks.models import Milestone, Task
from planeval.web.warnings.page import KIND_LABELS, LEVEL_LABELS, RULE_LABELS

PAGE = "/plans/synthetic/warnings/"
TODAY = datetime.date.today()


@pytest.fixture
def warned(world):
    """A1 (甲局, 40 → 50 by 2025) at 42 in 2021 and 42.5 in 2022; task T1 of 乙局 past its due
    date with its milestone of two years ago not done and nothing reported; a round for 2021
    whose deadline passed 20 days ago, in which 乙局 has reported nothing (甲局's 2021 value is
    approved)."""
    Value.objects.create(indicator=world.indicator_a, period="2022", value=42.5, raw="42.5", state="approved")
    start, due = TODAY - datetime.timedelta(days=400), TODAY - datetime.timedelta(days=10)
    task = Task.objects.create(
        plan=world.plan, code="T1", text="合成任务一", lead=world.department_b, start=start, due=due
    )
    Milestone.objects.create(task=task, year=TODAY.year - 2, text="完成方案编制")
    ReportingRound.objects.create(plan=world.plan, period="2021", opens=TODAY - datetime.timedelta(days=50),
                                  deadline=TODAY - datetime.timedelta(days=20))  # fmt: skip
    return world


def _rows(response) -> list[tuple[str, str, str]]:
    """(level, subject code, rule label) of every row, in page order."""
    rows = []
    for level, body in re.findall(r'<section class="warnings (\w+)">(.*?)</section>', response.text, flags=re.S):
        for code, rule in re.findall(r'<tr data-subject="([^"]*)">.*?<td class="rule">([^<]*)</td>', body, flags=re.S):
            rows.append((level, code, rule))
    return rows


def _supervise_links(text: str) -> list[str]:
    """The links that open a supervision item, unescaped."""
    return [
        link.replace("&amp;", "&") for link in re.findall(r'href="(/plans/synthetic/supervision/new/\?[^"]+)"', text)
    ]


def test_it_lists_every_warning_red_first_for_a_viewer(warned, personas):
    response = personas["viewer"].get(PAGE)

    assert response.status_code == 200
    # As of 2022 (the latest approved period): A1 progress (42.5 − 40) / 10 = 0.25 against the red
    # line 0.4 × (1 − 0.05 − 0.2) = 0.30 → red. Its trend through 40, 42, 42.5 (slope 1.25 through
    # (2021, 41.5)) gives 41.5 + 4 × 1.25 = 46.5 < 50 in 2025, the interval's high end
    # 46.5 + 12.706 × 0.612 × 3.055 = 70.3 ≥ 50 → yellow. T1: past due → red; its milestone more
    # than 90 days overdue → red; nothing reported for 400 days → yellow. 乙局: 20 > 15 days late
    # with 2021 → red.
    assert _rows(response) == [
        ("red", "A1", "指标进度滞后"),
        ("red", "T1", "年度节点逾期"),
        ("red", "T1", "任务滞后"),
        ("red", "dept-b", "数据报送逾期"),
        ("yellow", "A1", "预计难以实现规划目标"),
        ("yellow", "T1", "进展久未更新"),
    ]
    text = response.content.decode()
    assert "红色预警 4 项" in text and "黄色预警 2 项" in text
    assert "完成进度25.0%，时间进度40.0%，低于红色预警线30.0%" in text
    assert "逾期20天仍未报送完毕" in text
    assert "发起督办" not in text  # only the planning office opens supervision items


def test_it_shows_a_reporter_only_the_warnings_of_their_department(warned, personas):
    assert [code for _, code, _ in _rows(personas["clerk_a"].get(PAGE))] == ["A1", "A1"]
    assert [code for _, code, _ in _rows(personas["clerk_b"].get(PAGE))] == ["T1", "T1", "dept-b", "T1"]


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("level=yellow", ["A1", "T1"]),
        ("kind=task", ["T1", "T1", "T1"]),
        ("kind=department", ["dept-b"]),
        ("department=甲局", ["A1", "A1"]),
        ("level=red&kind=indicator", ["A1"]),
    ],
)
def test_it_filters_by_level_kind_and_department(warned, personas, query, codes):
    response = personas["viewer"].get(f"{PAGE}?{query}")
    assert [code for _, code, _ in _rows(response)] == codes


def test_it_shows_only_the_level_chosen(warned, personas):
    text = personas["viewer"].get(f"{PAGE}?level=red").content.decode()
    assert '<section class="warnings red">' in text and '<section class="warnings yellow">' not in text


@pytest.mark.parametrize("query", ["level=purple", "kind=region", "department=丙局", "as_of=2019"])
def test_it_refuses_a_filter_it_does_not_offer(warned, personas, query):
    assert personas["viewer"].get(f"{PAGE}?{query}").status_code == 400


def test_it_judges_the_indicators_as_of_the_period_chosen(warned, personas):
    # As of 2021: progress (42 − 40) / 10 = 0.2 against 0.2 × 0.95 = 0.19: on schedule; the line
    # through 40 and 42 reaches 40 + 5 × 2 = 50 in 2025, the target: no indicator warning.
    codes = [code for _, code, _ in _rows(personas["viewer"].get(f"{PAGE}?as_of=2021"))]
    assert "A1" not in codes and "T1" in codes


def test_it_links_each_warning_to_its_indicator_task_or_department(warned, personas):
    text = personas["planner"].get(PAGE).content.decode()

    assert (
        f'href="{reverse("dashboard:indicator", args=["synthetic", "A1"])}?as_of=2022&amp;method=time_progress"' in text
    )
    task = Task.objects.get(code="T1")
    try:
        task_page = reverse("tasks:detail", kwargs={"slug": "synthetic", "task": task.pk})
    except NoReverseMatch:  # the task pages are not part of this site: the task is listed unlinked
        task_page = None
    if task_page is not None:
        assert f'href="{task_page}"' in text
    assert f'href="{reverse("review:department", args=["synthetic", "2021", "dept-b"])}"' in text


def test_it_gives_the_planning_office_a_link_that_opens_a_supervision_item(warned, personas):
    try:
        new = reverse("supervision:new", args=["synthetic"])
    except NoReverseMatch:
        pytest.skip("the supervision pages are not part of this site")
    text = personas["planner"].get(f"{PAGE}?kind=indicator&level=red").content.decode()
    links = re.findall(rf'href="({re.escape(new)}\?[^"]+)"', text)
    assert len(links) == 1
    query = parse_qs(urlparse(links[0].replace("&amp;", "&")).query)
    assert {name: values[0] for name, values in query.items() if name != "findings"} == {
        "rule": "behind_schedule",
        "subject_kind": "indicator",
        "subject_code": "A1",
        "department": "甲局",
    }
    assert query["findings"][0].startswith("【红色预警】指标进度滞后：完成进度25.0%")
    assert ">发起督办<" in text


def test_it_opens_the_supervision_form_prefilled_from_the_link(warned, personas):
    try:
        reverse("supervision:new", args=["synthetic"])
    except NoReverseMatch:
        pytest.skip("the supervision pages are not part of this site")
    text = personas["planner"].get(f"{PAGE}?kind=task&level=red").content.decode()
    link = re.findall(r'href="(/plans/synthetic/supervision/new/\?[^"]+)"', text)[0].replace("&amp;", "&")
    form = personas["planner"].get(link)
    assert form.status_code == 200
    assert "年度节点逾期" in form.content.decode()


def test_it_names_the_rule_once_in_the_findings_it_prefills(warned, personas):
    text = personas["planner"].get(f"{PAGE}?kind=task&level=red").content.decode()
    findings = sorted(parse_qs(urlparse(link).query)["findings"][0] for link in _supervise_links(text))
    # task_delayed's message opens with its rule's name (任务滞后：…): it is not prefixed again
    due = (TODAY - datetime.timedelta(days=10)).isoformat()
    assert findings[0] == f"【红色预警】任务滞后：已过完成时限 {due}，已完成0%"
    assert findings[1].startswith("【红色预警】年度节点逾期：1个年度节点逾期未完成")


def test_it_opens_an_item_from_a_department_warning_about_the_department_alone(warned, personas):
    planner = personas["planner"]
    text = planner.get(f"{PAGE}?kind=department").content.decode()
    (link,) = _supervise_links(text)
    form = planner.get(link).context["form"]
    assert form["department"].value() == warned.department_b.pk
    assert form["subject_kind"].value() in (None, "") and form["subject_code"].value() in (None, "")
    assert form["findings"].value().startswith("【红色预警】数据报送逾期：2021年数据报送截止")
    filled = {name: form[name].value() or "" for name in ("kind", "department", "subject_kind", "subject_code",
                                                          "findings", "rule")}  # fmt: skip
    response = planner.post(link.split("?")[0], filled | {
        "requirement": "补报2021年数据", "opened_on": TODAY.isoformat(),
        "deadline": (TODAY + datetime.timedelta(days=7)).isoformat(),
    })  # fmt: skip
    assert response.status_code == 302
    item = warned.plan.supervision_items.get()
    assert (item.department, item.indicator, item.task, item.rule) == (warned.department_b, None, None,
                                                                       "report_overdue")  # fmt: skip


def test_it_shows_a_department_by_its_name_alone(warned, personas):
    text = personas["viewer"].get(f"{PAGE}?kind=department").content.decode()
    cell = re.search(r'<td class="subject">(.*?)</td>', text, flags=re.S).group(1)
    assert "<small>责任单位</small>" in cell and "乙局" in cell and "dept-b" not in cell


def test_it_shortens_a_long_subject_name_and_keeps_it_whole_in_the_tooltip(warned, personas):
    long_text = "推进" + "重点领域改革" * 10  # 2 + 60 = 62 characters
    Task.objects.filter(code="T1").update(text=long_text)
    text = personas["viewer"].get(f"{PAGE}?kind=task").content.decode()
    shown = long_text[:39] + "…"  # 40 characters, the last the ellipsis
    assert f'title="{long_text}">{shown}</a>' in text
    assert f">{long_text}<" not in text


def test_it_gives_the_explanation_column_room(warned, personas):
    css = Path(warnings_app.__file__).parent / "static" / "planeval" / "warnings.css"
    assert re.search(r"table\.warnings td\.message \{[^}]*min-width: 16rem", css.read_text())


def test_it_says_when_a_level_has_no_warning(world, personas):
    text = personas["viewer"].get(PAGE).content.decode()
    assert text.count('<p class="muted">无。</p>') == 2


def test_it_keeps_out_anonymous_visitors_and_names_the_page_in_the_menu(warned, personas):
    assert personas["anonymous"].get(PAGE).status_code == 302
    overview = personas["clerk_a"].get("/plans/synthetic/").content.decode()
    assert f'href="{PAGE}">预警</a>' in overview


def test_it_speaks_english_after_the_switch(warned, personas):
    client = personas["viewer"]
    client.post("/i18n/setlang/", {"language": "en", "next": PAGE})
    text = client.get(PAGE).content.decode()
    assert "4 red warnings" in text and "2 yellow warnings" in text
    assert "indicator behind schedule" in text and ">Early warnings<" in text


# The app's own catalogue -----------------------------------------------------------------------

CATALOGUE = Path(warnings_app.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_it_names_rules_levels_and_subjects_as_the_core_does():
    with translation.override("zh-hans"):
        assert {rule.name: str(RULE_LABELS[rule.name]) for rule in available_rules()} == {
            rule.name: rule.label for rule in available_rules()
        }
        assert [str(LEVEL_LABELS[level]) for level in WarningLevel] == [level.label for level in WarningLevel]
        assert [str(KIND_LABELS[kind]) for kind in SubjectKind] == [kind.label for kind in SubjectKind]


def test_it_ships_a_complete_compiled_catalogue():
    entries = read_po(CATALOGUE / "django.po")
    assert len(entries) > 20 and not any("fuzzy" in entry.flags for entry in entries)
    assert all(form.strip() for entry in entries[1:] for form in entry.msgstr)
    assert all(placeholders(form) == placeholders(entry.msgid) for entry in entries[1:] for form in entry.msgstr)
    with (CATALOGUE / "django.mo").open("rb") as stream:
        compiled = gettext.GNUTranslations(stream)
    for entry in entries[1:]:
        found = (compiled.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else
                 compiled.ngettext(entry.msgid, entry.msgid_plural, 1) if entry.msgid_plural else
                 compiled.gettext(entry.msgid))  # fmt: skip
        assert found == entry.msgstr[0], f"django.mo is older than django.po: {entry.msgid}"
