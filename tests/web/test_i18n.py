"""The interface languages: Chinese by default, English after the switch in the page header, and a
Chinese catalogue that is complete, keeps every placeholder and is compiled."""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

from planeval.domain.verdict import Verdict
from planeval.web.core.models import Role, ValueState

MESSAGES = Path(settings.LOCALE_PATHS[0]) / "zh_Hans" / "LC_MESSAGES"
PO, MO = MESSAGES / "django.po", MESSAGES / "django.mo"
PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
APP_CATALOGUES = sorted(
    path
    for app in apps.get_app_configs()
    if app.name.startswith("planeval.")
    for path in [Path(app.path) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"]
    if path.is_file()
)
"""The catalogues of apps that keep their own (``<app>/locale``), which Django finds by itself."""
CATALOGUES = [PO, *APP_CATALOGUES]


def _name(path: Path) -> str:
    return path.parents[3].name


OVERVIEW, ROUNDS, REVIEW = "/plans/synthetic/", "/plans/synthetic/rounds/", "/plans/synthetic/review/"
PAGES = {
    # page: (persona, Chinese strings, English strings)
    OVERVIEW: (
        "viewer",
        [
            "规划实施监测评估",
            "总览",
            "方法比较",
            "按指标属性",
            "按类别",
            "指标一览",
            "评价结论",
            "完成进度",
            "达到或超过规划进度要求",
            "未达进度要求",
            "viewer · 浏览人员",
            "退出登录",
            "序时进度法",
        ],
        [
            "Plan monitoring and evaluation",
            "Overview",
            "Compare methods",
            "By attribute",
            "By aspect",
            "Verdict",
            "meeting or ahead of schedule",
            "behind schedule",
            "viewer · viewer",
            "Log out",
            "Time progress (序时进度)",
        ],
    ),
    ROUNDS: (
        "clerk_a",
        [
            "填报轮次",
            "甲局 填报进度：共 1 项指标。",
            "开放填报",
            "填报数值",
            "未填报",
            "已报送",
            "已审核",
            "clerk_a · 填报单位",
        ],
        [
            "Reporting rounds",
            "Progress of 甲局: 1 indicator.",
            "open for entry",
            "Enter values",
            "not entered",
            "submitted",
            "approved",
            "clerk_a · department reporter",
        ],
    ),
    REVIEW: (
        "reviewer",
        [
            "填报数据审核",
            "2022 填报轮次",
            "填报中",
            "2 个责任单位：",
            "责任单位",
            "待审核",
            "已退回",
            "未开始",
            "reviewer · 审核人员",
        ],
        [
            "Review of reported values",
            "Round 2022",
            "open",
            "2 departments:",
            "Department",
            "Awaiting review",
            "Returned",
            "not started",
            "reviewer · reviewer",
        ],
    ),
}


def _text(response) -> str:
    """The page's text without markup, spaces squeezed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("url", PAGES)
def test_it_speaks_chinese_by_default(world, personas, url):
    persona, chinese, english = PAGES[url]
    response = personas[persona].get(url)
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.text
    text = _text(response)
    for phrase in chinese:
        assert phrase in text, phrase
    for phrase in english[:3]:
        assert phrase not in text, phrase
    assert ">English</button>" in response.text  # the switch offers the other language


def test_it_shows_the_round_dates_in_chinese(world, personas):
    deadline = world.round.deadline.isoformat()
    assert f"截止日期 {deadline}" in _text(personas["clerk_a"].get(ROUNDS))
    assert f"截止日期 {deadline}" in _text(personas["reviewer"].get(REVIEW))


@pytest.mark.parametrize("url", PAGES)
def test_it_speaks_english_after_the_switch_and_chinese_again_after_switching_back(world, personas, url):
    persona, chinese, english = PAGES[url]
    client = personas[persona]
    switched = client.post("/i18n/setlang/", {"language": "en", "next": url})
    assert switched.status_code == 302 and switched["Location"] == url
    response = client.get(url)
    assert '<html lang="en">' in response.text
    text = _text(response)
    for phrase in english:
        assert phrase in text, phrase
    for phrase in chinese[:3]:
        assert phrase not in text, phrase
    assert ">中文</button>" in response.text
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": url})
    assert chinese[0] in _text(client.get(url))


def test_it_follows_a_browser_that_asks_for_chinese(world, personas):
    response = personas["viewer"].get(OVERVIEW, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert '<html lang="zh-hans">' in response.text and "总览" in response.text


def test_it_names_verdicts_roles_and_states_as_the_planning_office_does():
    with translation.override("zh-hans"):
        assert translation.gettext("behind schedule") == Verdict.BEHIND.label
        assert translation.gettext("not evaluated") == Verdict.NOT_EVALUATED.label
        assert translation.gettext("meeting or ahead of schedule") == "达到或超过规划进度要求"
        reached = translation.ngettext("of which %(n)s already at target", "of which %(n)s already at target", 2)
        assert Verdict.TARGET_REACHED.label in reached
        assert [str(role.label) for role in Role] == ["规划处", "填报单位", "审核人员", "浏览人员"]
        assert [str(state.label) for state in ValueState] == ["草稿", "已报送", "已审核", "已退回"]
        assert [translation.gettext(word) for word in ("Approve", "Save draft", "Audit trail", "Evidence")] == [
            "审核通过",
            "保存草稿",
            "修改记录",
            "佐证材料",
        ]


# The catalogue ---------------------------------------------------------------------------------


@dataclass
class Entry:
    """One entry of a .po file; ``msgstr`` holds the plural forms in order (one when singular)."""

    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (obsolete ``#~`` entries left out), header included."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int] | None = None  # the keyword the next continuation string belongs to

    def append(text: str) -> None:
        assert entry is not None and target is not None
        name, index = target
        if name == "msgstr":
            entry.msgstr[index] += text
        else:
            setattr(entry, name, (getattr(entry, name) or "") + text)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if entry is not None and entry.msgstr:  # a comment after a msgstr starts the next entry
                entry = None
            if entry is None:
                entry = Entry(line=number)
                entries.append(entry)
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        keyword, _space, rest = line.partition(" ")
        if keyword.startswith('"'):
            append(ast.literal_eval(line))
            continue
        if keyword in ("msgctxt", "msgid") and (entry is None or entry.msgstr):
            entry = Entry(line=number)
            entries.append(entry)
        assert entry is not None, f"{path}:{number}: {keyword} outside an entry"
        if keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            entry.msgstr.append("")
            assert len(entry.msgstr) == index + 1, f"{path}:{number}: plural forms out of order"
            target = ("msgstr", index)
        else:
            setattr(entry, keyword, "")
            target = (keyword, 0)
        append(ast.literal_eval(rest))
    return entries


def placeholders(text: str) -> list[str]:
    """The %-format directives of a message (``%(name)s``, ``%s``, ``%d``), sorted; ``%%`` is none."""
    return sorted(re.findall(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[sdifgrx]", text.replace("%%", "")))


@pytest.fixture(scope="module", params=CATALOGUES, ids=_name)
def catalogue(request) -> list[Entry]:
    entries = read_po(request.param)
    assert entries[0].msgid == "" and "Plural-Forms: nplurals=1; plural=0;" in entries[0].msgstr[0]
    return entries


def test_it_reads_a_po_file_with_plurals_continuations_and_flags(tmp_path):
    sample = tmp_path / "sample.po"
    sample.write_text(
        'msgid ""\nmsgstr ""\n"Language: zh_Hans\\n"\n\n'
        '#: a.py:1\n#, fuzzy, python-format\nmsgid "Saved %(n)s "\n"value"\nmsgid_plural "Saved %(n)s values"\n'
        'msgstr[0] "已保存 %(n)s "\n"个数值"\n\n#~ msgid "gone"\n#~ msgstr "旧"\n\nmsgid "Say \\"why\\""\nmsgstr ""\n',
        encoding="utf-8",
    )
    header, plural, empty = read_po(sample)
    assert header.msgstr == ["Language: zh_Hans\n"]
    assert (plural.msgid, plural.msgid_plural, plural.msgstr) == ("Saved %(n)s value", "Saved %(n)s values",
                                                                  ["已保存 %(n)s 个数值"])  # fmt: skip
    assert plural.flags == {"fuzzy", "python-format"}
    assert (empty.msgid, empty.msgstr) == ('Say "why"', [""])
    assert placeholders("%(n)d of %(total)s, 95%% and %s") == ["%(n)d", "%(total)s", "%s"]


def test_it_has_a_translation_for_every_message_and_nothing_fuzzy(catalogue):
    assert len(catalogue) > 1 and len(read_po(PO)) > 250
    fuzzy = [entry.msgid for entry in catalogue if "fuzzy" in entry.flags]
    untranslated = [entry.msgid for entry in catalogue[1:] if not all(form.strip() for form in entry.msgstr)]
    assert fuzzy == [] and untranslated == []
    assert all(len(entry.msgstr) == 1 for entry in catalogue)  # Chinese has one plural form


def test_it_keeps_every_placeholder_of_every_message(catalogue):
    wrong = [
        (entry.msgid, form)
        for entry in catalogue[1:]
        for source in filter(None, (entry.msgid, entry.msgid_plural))
        for form in entry.msgstr
        if placeholders(form) != placeholders(source)
    ]
    assert wrong == []


@pytest.mark.parametrize("po", CATALOGUES, ids=_name)
def test_it_ships_a_compiled_catalogue_that_holds_every_translation(po):
    with po.with_suffix(".mo").open("rb") as stream:
        compiled = gettext.GNUTranslations(stream)
    assert compiled.info()["language"] == "zh_Hans"
    stale = []
    for entry in read_po(po)[1:]:
        if entry.msgctxt is not None:
            found = compiled.gettext(f"{entry.msgctxt}\x04{entry.msgid}")
        elif entry.msgid_plural is None:
            found = compiled.gettext(entry.msgid)
        else:
            found = compiled.ngettext(entry.msgid, entry.msgid_plural, 1)
        if found != entry.msgstr[0]:
            stale.append(entry.msgid)
    assert stale == [], "django.mo is older than django.po: run django-admin compilemessages"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("po", CATALOGUES, ids=_name)
def test_it_passes_msgfmt_check(tmp_path, po):
    result = subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(po)],
                            capture_output=True, text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_it_packages_the_catalogue():
    package_data = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    assert "web/locale/**/*" in package_data["planeval"]
    assert PO.is_file() and MO.is_file()
    for po in APP_CATALOGUES:
        patterns = (f"web/{_name(po)}/locale/**/*", "web/*/locale/**/*")
        assert any(pattern in package_data["planeval"] for pattern in patterns), _name(po)


@pytest.mark.parametrize("po", APP_CATALOGUES, ids=_name)
def test_it_finds_the_catalogue_of_every_app(po):
    """Django reads each installed app's ``locale`` folder besides LOCALE_PATHS: a message only
    the app's catalogue holds is translated."""
    site = {(entry.msgctxt, entry.msgid) for entry in read_po(PO)}
    own = [e for e in read_po(po)[1:] if e.msgid_plural is None and (e.msgctxt, e.msgid) not in site]
    assert own, f"{po} holds no message of its own"
    with translation.override("zh-hans"):
        for entry in own:
            context, msgid = entry.msgctxt, entry.msgid
            found = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
            assert found == entry.msgstr[0], msgid


def test_it_stays_chinese_for_a_browser_that_asks_for_english(personas):
    page = personas["viewer"].get("/plans/synthetic/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page["Content-Language"] == "zh-hans"
