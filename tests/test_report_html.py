"""The report as a self-contained HTML page (``planeval.reports.html``), on the real example plan
evaluated as of 2022; the escaping tests use a synthetic plan (code S01, made-up figures)."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from planeval import evaluate, parse_period
from planeval.io import load_plan_folder
from planeval.reports.html import render_html
from planeval.reports.model import ANNEX_COLUMNS, OfficeText, Report, build_report

EXAMPLE_DIR = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DATA_PNG = "data:image/png;base64,"
SCRIPT = "<script>alert(1)</script>"
VOID_TAGS = {"meta", "img", "br", "hr", "link", "input", "col", "source", "wbr"}


@dataclass
class Element:
    """One element of the page: its tag, attributes, children and the text within it."""

    tag: str
    attrs: dict[str, str]
    children: list[Element] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def all(self, tag: str) -> list[Element]:
        """The descendants named ``tag``, in document order."""
        found = []
        for child in self.children:
            found += [child] if child.tag == tag else []
            found += child.all(tag)
        return found


class Collector(HTMLParser):
    """Builds an :class:`Element` tree; text counts for every open element."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Element("document", {})
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in VOID_TAGS:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while len(self.open) > 1 and self.open.pop().tag != tag:
            pass

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.parts.append(data)


def parse(page: str) -> Element:
    collector = Collector()
    collector.feed(page)
    collector.close()
    return collector.root


def table(page: Element, caption: str) -> Element:
    [found] = [t for t in page.all("table") if t.all("caption")[0].text == caption]
    return found


@pytest.fixture(scope="module")
def report() -> Report:
    folder = load_plan_folder(EXAMPLE_DIR)
    return build_report(evaluate(folder.plan, folder.observations, parse_period("2022")))


@pytest.fixture(scope="module")
def html(report: Report) -> str:
    return render_html(report)


@pytest.fixture(scope="module")
def page(html: str) -> Element:
    return parse(html)


def synthetic_report(folder: Path, name: str = SCRIPT, office: OfficeText | None = None) -> Report:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "indicators.csv").write_text(
        "code,category,name,unit,base_year,base_value,target_year,target_text,attribute\n"
        f"S01,合成类,{name},个,2020,50,2025,60,预期性\n",
        encoding="utf-8",
    )
    (folder / "observations.csv").write_text("code,period,value\nS01,2021,51\nS01,2022,52\n", encoding="utf-8")
    plan = load_plan_folder(folder)
    return build_report(evaluate(plan.plan, plan.observations, parse_period("2022")), office)


def test_it_is_a_complete_chinese_utf8_document(html: str, page: Element, report: Report) -> None:
    assert html.startswith("<!DOCTYPE html>")
    [document] = page.all("html")
    assert document.attrs["lang"] == "zh-CN"
    assert [m.attrs.get("charset") for m in page.all("meta") if "charset" in m.attrs] == ["utf-8"]
    assert page.all("title")[0].text == report.title
    assert "@page { size: A4; margin: 20mm; }" in page.all("style")[0].text


def test_it_loads_nothing_from_elsewhere(html: str, page: Element) -> None:
    assert page.all("script") == [] and page.all("link") == []
    assert all(img.attrs["src"].startswith(DATA_PNG) for img in page.all("img"))
    assert "http://" not in html and "https://" not in html and "url(" not in html


def test_it_gives_the_title_as_h1_with_subtitle_and_issuer(tmp_path: Path, page: Element, report: Report) -> None:
    assert [h1.text for h1 in page.all("h1")] == [report.title]
    assert report.subtitle in [p.text for p in page.all("header")[0].all("p")]

    office = OfficeText(issuer="合成市发展和改革委员会")
    issued = parse(render_html(synthetic_report(tmp_path / "plan", "合成指标甲", office)))
    assert [p.text for p in issued.all("p") if "issuer" in p.classes] == ["合成市发展和改革委员会"]


def test_it_gives_the_sections_as_h2_in_order(page: Element) -> None:
    assert [h2.text for h2 in page.all("h2")] == [
        "一、主要目标指标进展",
        "二、重点任务进展",
        "三、存在问题",
        "四、对策建议",
        "附件",
    ]


def test_it_gives_the_chapters_as_h3(page: Element) -> None:
    assert [h3.text for h3 in page.all("h3")] == [
        "（一）经济发展",
        "（二）创新驱动",
        "（三）民生福祉",
        "（四）绿色生态",
        "（五）安全保障",
    ]


def test_it_gives_the_summary_paragraph(page: Element, report: Report) -> None:
    assert report.summary_paragraph in [p.text for p in page.all("p")]


def test_it_highlights_the_placeholders(page: Element) -> None:
    placeholders = [p.text for p in page.all("p") if "placeholder" in p.classes]

    # No office text in the example: every chapter's three texts, the problems and recommendations.
    assert len(placeholders) == 5 * 3 + 2
    assert "【待填写：存在问题】" in placeholders and "规划要求：【待填写：经济发展的规划要求】" in placeholders
    assert all("【待填写：" in text for text in placeholders)
    assert "p.placeholder {" in page.all("style")[0].text


def test_it_gives_the_annex_table_with_its_explanation_column(page: Element, report: Report) -> None:
    annex = table(page, "主要指标进度评价表")

    assert [th.text for th in annex.all("thead")[0].all("th")] == [*ANNEX_COLUMNS, "评价依据"]
    rows = annex.all("tbody")[0].all("tr")
    assert len(rows) == 20
    [patents] = [r for r in rows if r.all("td")[1].text == "每万人口高价值发明专利拥有量"]
    cells = dict(zip([*ANNEX_COLUMNS, "评价依据"], [td.text for td in patents.all("td")], strict=True))
    assert [cells[c] for c in ("基期值", "目标值", "最新值及期别", "时间进度", "完成进度", "评价结论")] == [
        "6.3", "12", "9.4（2022年）", "40.0%", "54.4%", "快于预期",
    ]  # fmt: skip
    assert cells["评价依据"].startswith("2022年为9.4件")


def test_it_shows_the_chapter_tables_without_explanation(page: Element) -> None:
    chapter = table(page, "创新驱动相关指标进展")

    assert [th.text for th in chapter.all("th")] == list(ANNEX_COLUMNS)
    assert len(chapter.all("tbody")[0].all("tr")) == 3


def test_it_marks_each_verdict_cell_with_its_verdict(page: Element) -> None:
    rows = table(page, "主要指标进度评价表").all("tbody")[0].all("tr")
    verdict = ANNEX_COLUMNS.index("评价结论")
    marked = {(r.all("td")[verdict].text, tuple(r.all("td")[verdict].classes)) for r in rows}

    assert ("快于预期", ("verdict-ahead",)) in marked
    assert ("未达进度要求", ("verdict-behind",)) in marked
    assert ("提前达到规划目标", ("verdict-target_reached",)) in marked
    assert "td.verdict-behind { background: #d6604d" in page.all("style")[0].text  # the charts' colour


def test_it_embeds_the_charts_as_png_with_their_titles(page: Element) -> None:
    figures = page.all("figure")
    images = [f.all("img")[0] for f in figures]

    assert len(images) >= 1
    assert base64.b64decode(images[0].attrs["src"].removeprefix(DATA_PNG)).startswith(PNG_SIGNATURE)
    assert [i.attrs["alt"] for i in images] == [f.all("figcaption")[0].text for f in figures]
    assert images[0].attrs["alt"] == "主要指标评价结论分布"


def test_it_escapes_markup_in_indicator_names(tmp_path: Path) -> None:
    html = render_html(synthetic_report(tmp_path / "plan"))

    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    names = [r.all("td")[1].text for r in table(parse(html), "主要指标进度评价表").all("tr")[1:]]
    assert names == [SCRIPT]


def test_it_escapes_markup_in_the_office_text(tmp_path: Path) -> None:
    office = OfficeText(title="<b>报告</b>", issuer='"发改委" & <i>', problems=SCRIPT)
    html = render_html(synthetic_report(tmp_path / "plan", "合成指标甲", office))

    assert "<b>" not in html and "<i>" not in html and "<script" not in html
    assert "<h1>&lt;b&gt;报告&lt;/b&gt;</h1>" in html
    assert "&quot;发改委&quot; &amp; &lt;i&gt;" in html
    assert [h1.text for h1 in parse(html).all("h1")] == ["<b>报告</b>"]
