"""The evaluation report as data: built once from an Evaluation and the office's text, drawn by
the Word, Excel and HTML renderers, which compute nothing themselves.

The shape follows a real mid-term evaluation report (Jinhua City's 14th FYP mid-term
evaluation): a preface; 一、主要目标指标进展 (the tally, the verdict chart, a sentence per
aspect); 二、重点任务进展 (per chapter: 规划要求 / 主要成效 / 实施评价 from the office, then the
chapter's indicators); 三、存在问题 (the office's text, then the lagging indicators with their gap
and the rate still needed); 四、对策建议; and the annex table 主要指标进度评价表.

Only sentences derived from numbers are generated; every other paragraph is the office's text,
or a visible placeholder (``【待填写：…】``) where the office has written none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planeval.domain.evaluation import Evaluation
from planeval.domain.indicator import Attribute
from planeval.domain.numbers import format_number, format_percent
from planeval.domain.period import chinese_label
from planeval.domain.result import IndicatorResult
from planeval.domain.target import TargetKind
from planeval.domain.verdict import Verdict
from planeval.reports.paths import Point, actual_path, required_path

PLACEHOLDER = "【待填写：{}】"
SECTION_NUMBERS = "一二三四五六七八九十"
ANNEX_COLUMNS = (
    "序号", "指标", "单位", "属性", "基期值", "目标值", "最新值及期别", "时间进度", "完成进度", "评价结论", "责任单位",
)  # fmt: skip


@dataclass(frozen=True)
class ChapterText:
    """The office's text for one chapter of the plan (章节/战略任务) and the indicator codes it
    covers; any text may be None (not yet written)."""

    title: str
    indicators: tuple[str, ...] = ()
    requirement: str | None = None  # 规划要求
    achievements: str | None = None  # 主要成效
    assessment: str | None = None  # 实施评价


@dataclass(frozen=True)
class OfficeText:
    """What the planning office writes for the report; None marks text not yet written."""

    title: str | None = None
    issuer: str | None = None  # 发文机关, e.g. 金华市发展和改革委员会
    adopted: str | None = None  # when the plan was adopted, as written: 2021年2月25日
    date: str | None = None  # 成文日期 of the report: 2023年8月
    preface: str | None = None
    chapters: tuple[ChapterText, ...] = ()
    problems: str | None = None
    recommendations: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """Body text; ``placeholder`` marks text the office still has to write."""

    text: str
    placeholder: bool = False


@dataclass(frozen=True)
class Heading:
    """A heading: level 1 (一、…) or level 2 (（一）…)."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator as the report's tables show it; every cell already formatted as text."""

    number: int
    code: str
    name: str
    unit: str
    attribute: str
    baseline: str
    target: str
    latest: str
    time_share: str
    progress: str
    verdict: Verdict
    verdict_label: str
    department: str
    explanation: str
    time_share_value: float | None = None  # the fractions behind time_share and progress
    progress_value: float | None = None
    gap_points: float | None = None  # how far progress trails time share, percentage points
    needed: str = ""  # what each remaining year must still add, with its unit: 3.81%

    @property
    def cells(self) -> tuple[str, ...]:
        """The cells of :data:`ANNEX_COLUMNS`, in order."""
        return (
            str(self.number), self.name, self.unit, self.attribute, self.baseline, self.target, self.latest,
            self.time_share, self.progress, self.verdict_label, self.department,
        )  # fmt: skip


@dataclass(frozen=True)
class IndicatorTable:
    """A table of indicators, with a caption; ``explained`` tables (the annex) also show each
    row's 评价依据."""

    caption: str
    rows: tuple[IndicatorRow, ...]
    explained: bool = False


@dataclass(frozen=True)
class VerdictChart:
    """Counts of each verdict, split by attribute: ``counts[verdict] = (expected, binding)``."""

    title: str
    counts: tuple[tuple[Verdict, int, int], ...]


@dataclass(frozen=True)
class ProgressBar:
    """One indicator's progress and time share (fractions), for the progress chart."""

    name: str
    aspect: str
    progress: float
    time_share: float
    verdict: Verdict


@dataclass(frozen=True)
class ProgressChart:
    """Progress against time share for every indicator with a progress figure, by aspect;
    ``note`` says which indicators it leaves out."""

    title: str
    bars: tuple[ProgressBar, ...]
    note: str = ""


@dataclass(frozen=True)
class PathPanel:
    """One lagging indicator: its actual values and the path required to reach the target, as
    (fractional year, value) points in ``unit``; ``target`` drawn as a line where known."""

    name: str
    unit: str
    actual: tuple[Point, ...]
    required: tuple[Point, ...]
    target: float | None


@dataclass(frozen=True)
class PathChart:
    """The line charts of the lagging indicators against their required paths."""

    title: str
    panels: tuple[PathPanel, ...]


Block = Heading | Paragraph | IndicatorTable | VerdictChart | ProgressChart | PathChart


@dataclass(frozen=True)
class Report:
    """The whole report: title, issuer, dated cut-off, body blocks in order, and the annex."""

    title: str
    subtitle: str
    issuer: str
    date: str  # 成文日期 under the issuer, as the office writes it
    body: tuple[Block, ...]
    annex: tuple[Block, ...]
    summary_paragraph: str

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.body + self.annex


def _fmt(value: float | None, unit: str = "") -> str:
    return "—" if value is None else f"{format_number(value)}{unit}"


def _percent(value: float | None) -> str:
    return format_percent(value)


def _joined(lines: str) -> str:
    """The lines of one paragraph as one line: no space is put between Chinese characters where
    an editor wrapped the text, one space between Latin words."""
    parts = [line.strip() for line in lines.splitlines() if line.strip()]
    text = parts[0] if parts else ""
    for part in parts[1:]:
        text += (" " if text[-1].isascii() and part[0].isascii() else "") + part
    return text


def _paragraphs(text: str | None, what: str, label: str = "") -> list[Paragraph]:
    """The office's text split at blank lines into paragraphs (the first headed ``label：``), or
    one placeholder."""
    lead = f"{label}：" if label else ""
    if not text or not text.strip():
        return [Paragraph(lead + PLACEHOLDER.format(what), True)]
    parts = [_joined(part) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    return [Paragraph(lead + parts[0]), *(Paragraph(part) for part in parts[1:])]


def indicator_row(number: int, result: IndicatorResult) -> IndicatorRow:
    """The annex row of one result (序号 … 责任单位)."""
    indicator = result.indicator
    verdict = result.verdict.label + (f"（{result.reason.label}）" if result.reason else "")
    return IndicatorRow(
        number=number,
        code=indicator.code,
        name=indicator.name,
        unit=indicator.unit,
        attribute=indicator.attribute.label,
        baseline=_fmt(result.baseline),
        target=indicator.target.text or "—",
        latest=_latest(result),
        time_share=_percent(result.time_share),
        progress=_percent(result.progress),
        verdict=result.verdict,
        verdict_label=verdict,
        department=indicator.department or "",
        explanation="；".join([result.explanation, *result.notes]),
        time_share_value=result.time_share,
        progress_value=result.progress,
        gap_points=_gap_points(result),
        needed="" if result.needed_per_year is None else f"{format_number(result.needed_per_year)}{result.needed_unit}",
    )


FLOW_WORDS = {
    TargetKind.AVG_GROWTH: "年均增长",
    TargetKind.CUMULATIVE_REDUCTION: "累计降低",
    TargetKind.CUMULATIVE_TOTAL: "累计",
}


def _latest(result: IndicatorResult) -> str:
    """The latest value and its period; for flows, what the years so far add up to
    (年均增长12.28%（2021—2022年）), since one year's rate is not what the progress measures."""
    if not result.observations:
        return "—"
    first, last = result.observations[0].period, result.observations[-1].period
    word = FLOW_WORDS.get(result.kind) if result.kind else None
    if word is None or result.achieved is None:
        return f"{_fmt(result.observations[-1].value)}（{chinese_label(last)}）"
    unit = result.indicator.unit if result.kind is TargetKind.CUMULATIVE_TOTAL else "%"
    span = chinese_label(last) if first == last else f"{first.year}—{chinese_label(last)}"
    return f"{word}{_fmt(result.achieved)}{unit}（{span}）"


def _gap_points(result: IndicatorResult) -> float | None:
    if result.time_share is None or result.progress is None:
        return None
    return round((result.time_share - result.progress) * 100, 1)


def _aspect_sentence(aspect: str, results: list[IndicatorResult]) -> Paragraph:
    groups = []
    for verdict in Verdict:
        names = [r.indicator.name for r in results if r.verdict is verdict]
        if names:
            groups.append(f"{'、'.join(names)}{verdict.label}")
    return Paragraph(f"{aspect}方面{len(results)}项指标中，" + "；".join(groups) + "。")


def _lagging_sentence(number: int, result: IndicatorResult) -> Paragraph:
    reasons = result.explanation
    gap = _gap_points(result)
    if gap is not None:
        reasons += f"，完成进度低于时间进度{gap:.1f}个百分点"
    text = "；".join([reasons, *result.notes])
    return Paragraph(f"{number}.{result.indicator.name}（{result.indicator.attribute.label}）：{text}。")


def _chapters(evaluation: Evaluation, office: OfficeText) -> tuple[ChapterText, ...]:
    """The office's chapters, or one chapter per aspect when the office has written none."""
    if office.chapters:
        return office.chapters
    return tuple(ChapterText(a.name, a.codes) for a in evaluation.plan.aspects)


def _indicators_section(evaluation: Evaluation) -> list[Block]:
    summary = evaluation.summary
    counts = tuple((v, summary.count([v], Attribute.EXPECTED), summary.count([v], Attribute.BINDING)) for v in Verdict)
    blocks: list[Block] = [
        Heading("一、主要目标指标进展"),
        Paragraph(summary.paragraph),
        VerdictChart("主要指标评价结论分布", counts),
    ]
    by_aspect: dict[str, list[IndicatorResult]] = {}
    for result in evaluation.results:
        by_aspect.setdefault(result.indicator.aspect, []).append(result)
    blocks += [_aspect_sentence(aspect, results) for aspect, results in by_aspect.items()]
    bars = tuple(
        ProgressBar(r.indicator.name, r.indicator.aspect, r.progress, r.time_share, r.verdict)
        for r in evaluation.results
        if r.progress is not None and r.time_share is not None
    )
    if bars:
        left_out = len(evaluation.results) - len(bars)
        note = f"注：其余{left_out}项指标按年度目标、上下限或参照指标评价，或未作评估，无完成进度。" if left_out else ""
        blocks.append(ProgressChart("主要指标完成进度与时间进度", bars, note))
    return blocks


def _chapter_section(evaluation: Evaluation, office: OfficeText) -> list[Block]:
    blocks: list[Block] = [Heading("二、重点任务进展")]
    results = {r.code: r for r in evaluation.results}
    for number, chapter in enumerate(_chapters(evaluation, office)):
        label = SECTION_NUMBERS[number] if number < len(SECTION_NUMBERS) else str(number + 1)
        blocks.append(Heading(f"（{label}）{chapter.title}", level=2))
        for label, text in (("规划要求", chapter.requirement), ("主要成效", chapter.achievements),
                            ("实施评价", chapter.assessment)):  # fmt: skip
            blocks += _paragraphs(text, f"{chapter.title}的{label}", label)
        rows = tuple(indicator_row(i, results[c]) for i, c in enumerate(chapter.indicators, start=1) if c in results)
        if rows:
            blocks.append(IndicatorTable(f"{chapter.title}相关指标进展", rows))
    return blocks


def _problems_section(evaluation: Evaluation, office: OfficeText) -> list[Block]:
    lagging = [r for r in evaluation.results if r.verdict is Verdict.BEHIND]
    blocks: list[Block] = [Heading("三、存在问题"), *_paragraphs(office.problems, "存在问题")]
    if lagging:
        blocks.append(Paragraph(f"从指标看，{len(lagging)}项指标未达到规划进度要求："))
        blocks += [_lagging_sentence(i, r) for i, r in enumerate(lagging, start=1)]
        panels = tuple(p for p in (_panel(evaluation, r) for r in lagging) if p is not None)
        if panels:
            blocks.append(PathChart("未达进度要求指标的实际值与规划路径", panels))
    return blocks


def _panel(evaluation: Evaluation, result: IndicatorResult) -> PathPanel | None:
    actual = actual_path(result)
    if len(actual) == 0:
        return None
    required = required_path(result, evaluation.plan.base_year, result.indicator.target_year)
    unit = "%" if result.kind in (TargetKind.AVG_GROWTH, TargetKind.CUMULATIVE_REDUCTION) else result.indicator.unit
    return PathPanel(result.indicator.name, unit, actual, required, result.target_value)


def build_report(evaluation: Evaluation, office: OfficeText | None = None) -> Report:
    """The report of ``evaluation`` with the office's text (placeholders where it is missing).

    Returns:
        A :class:`Report`; its ``summary_paragraph`` is the evaluation's tally paragraph.
    """
    office = office or OfficeText()
    plan = evaluation.plan
    cut_off = chinese_label(evaluation.as_of)
    title = office.title or f"{plan.title}实施中期评估报告"
    preface = office.preface or (
        f"《{plan.title}》{('于' + office.adopted + '审议通过') if office.adopted else ''}，"
        f"规划期为{plan.start_year}—{plan.end_year}年。本报告评估数据截至{cut_off}。"
    )
    body: list[Block] = [*_paragraphs(preface, "前言"), *_indicators_section(evaluation)]
    body += _chapter_section(evaluation, office)
    body += _problems_section(evaluation, office)
    body += [Heading("四、对策建议"), *_paragraphs(office.recommendations, "对策建议")]
    annex = (
        Heading("附件"),
        IndicatorTable(
            "主要指标进度评价表",
            tuple(indicator_row(i, r) for i, r in enumerate(evaluation.results, 1)),
            explained=True,
        ),
    )
    return Report(
        title=title,
        subtitle=f"（评估数据截至{cut_off}）",
        issuer=office.issuer or "",
        date=office.date or "",
        body=tuple(body),
        annex=annex,
        summary_paragraph=evaluation.summary.paragraph,
    )
