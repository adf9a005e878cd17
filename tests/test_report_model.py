"""The report model: what each section holds, built from the evaluation and the office's text."""

from pathlib import Path

import pytest

from planeval import evaluate, parse_period
from planeval.io import load_plan_folder
from planeval.reports.model import (
    ChapterText,
    Heading,
    IndicatorTable,
    OfficeText,
    Paragraph,
    PathChart,
    ProgressChart,
    VerdictChart,
    build_report,
)
from planeval.reports.paths import actual_path, required_path

EXAMPLE = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"


@pytest.fixture(scope="module")
def evaluation():
    folder = load_plan_folder(EXAMPLE)
    return evaluate(folder.plan, folder.observations, parse_period("2022"))


def texts(report, kind=Paragraph):
    return [b.text for b in report.blocks if isinstance(b, kind)]


def test_it_orders_the_sections_as_a_real_report(evaluation):
    headings = [b.text for b in build_report(evaluation).blocks if isinstance(b, Heading) and b.level == 1]
    assert headings == [
        "一、主要目标指标进展",
        "二、重点任务进展",
        "三、存在问题",
        "四、对策建议",
        "附件",
    ]


def test_it_opens_the_indicator_section_with_the_tally(evaluation):
    report = build_report(evaluation)
    body = list(report.body)
    first = body.index(Heading("一、主要目标指标进展"))
    assert body[first + 1] == Paragraph(evaluation.summary.paragraph)
    assert isinstance(body[first + 2], VerdictChart)
    assert report.summary_paragraph == evaluation.summary.paragraph


def test_it_writes_a_sentence_per_aspect_from_the_verdicts(evaluation):
    assert "安全保障方面2项指标中，能源综合生产能力提前达到规划目标；粮食综合生产能力基本符合进度要求。" in texts(
        build_report(evaluation)
    )


def test_it_leaves_visible_placeholders_where_the_office_wrote_nothing(evaluation):
    report = build_report(evaluation)
    placeholders = [b.text for b in report.blocks if isinstance(b, Paragraph) and b.placeholder]
    assert "规划要求：【待填写：经济发展的规划要求】" in placeholders
    assert "【待填写：存在问题】" in placeholders and "【待填写：对策建议】" in placeholders
    # With no office chapters, the plan's five aspects stand in for them.
    assert [b.text for b in report.blocks if isinstance(b, Heading) and b.level == 2] == [
        "（一）经济发展", "（二）创新驱动", "（三）民生福祉", "（四）绿色生态", "（五）安全保障"]  # fmt: skip


def test_it_uses_the_office_text_and_chapters(evaluation):
    office = OfficeText(
        title="某报告",
        chapters=(ChapterText("建设创新型国家", ("N04", "N05"), requirement="甲。", achievements="乙。\n\n丙。"),),
        problems="问题一。\n\n问题二。",
    )
    report = build_report(evaluation, office)
    assert report.title == "某报告"
    assert "规划要求：甲。" in texts(report)
    assert "问题一。" in texts(report) and "问题二。" in texts(report)
    [chapter_table] = [b for b in report.body if isinstance(b, IndicatorTable)]
    assert [row.code for row in chapter_table.rows] == ["N04", "N05"]


def test_it_lists_the_lagging_indicators_with_gap_and_rate_needed(evaluation):
    lagging = [t for t in texts(build_report(evaluation)) if t.startswith("4.")]
    assert lagging == [
        "4.单位GDP能源消耗降低（约束性）：2021年至2022年累计降低2.8%，五年目标13.5%；完成规划目标的20.7%，"
        "时间进度40.0%；其余3年需年均降低3.81%，完成进度低于时间进度19.3个百分点。"
    ]
    [paths] = [b for b in build_report(evaluation).blocks if isinstance(b, PathChart)]
    assert len(paths.panels) == 6


def test_it_fills_the_annex_row_as_the_table_prints_it(evaluation):
    annex = build_report(evaluation).annex[1]
    patents = next(row for row in annex.rows if row.code == "N05")
    assert patents.cells == ("5", "每万人口高价值发明专利拥有量", "件", "预期性", "6.3", "12", "9.4（2022年）",
                             "40.0%", "54.4%", "快于预期", "")  # fmt: skip
    energy = next(row for row in annex.rows if row.code == "N14")
    assert energy.latest == "累计降低2.8%（2021—2022年）"  # what the progress measures, not 2022's 0.1
    research = next(row for row in annex.rows if row.code == "N04")
    assert research.latest == "年均增长12.28%（2021—2022年）"
    digital = next(row for row in annex.rows if row.code == "N06")
    assert digital.verdict_label == "未作评估（缺少年度数据）"


def test_it_charts_progress_only_where_there_is_a_progress_figure(evaluation):
    [chart] = [b for b in build_report(evaluation).blocks if isinstance(b, ProgressChart)]
    assert len(chart.bars) == 13  # 20 less 2 not evaluated, 3 in_step/annual, 2 bounds


def flat(points):
    return [number for point in points for number in point]


def test_it_draws_the_required_paths_by_kind(evaluation):
    energy = evaluation.result("N14")  # reductions 2.7, 0.1 → cumulative 2.7, 2.7973
    assert flat(actual_path(energy)) == pytest.approx([2020, 0, 2021, 2.7, 2022, 2.7973], abs=1e-4)
    assert required_path(energy, 2020, 2025) == ((2020.0, 0.0), (2025.0, 13.5))
    rnd = evaluation.result("N04")  # growth index: 100 × 1.142, × 1.104
    assert flat(actual_path(rnd)) == pytest.approx([2020, 100, 2021, 114.2, 2022, 126.0768])
    assert required_path(rnd, 2020, 2025)[-1] == pytest.approx((2025, 100 * 1.07**5))
    schooling = evaluation.result("N09")
    assert required_path(schooling, 2020, 2025) == ((2020.0, 10.75), (2025.0, 11.3))


def test_it_splits_every_office_text_into_paragraphs_and_joins_wrapped_lines(evaluation):
    office = OfficeText(
        preface="第一段被编辑器\n折成两行。\n\n第二段。\n",
        chapters=(ChapterText("章", ("N04",), requirement="甲。\n\nUse GDP\ngrowth.\n"),),
        issuer="某委员会",
        date="2023年8月",
    )
    report = build_report(evaluation, office)
    paragraphs = texts(report)
    assert paragraphs[:2] == ["第一段被编辑器折成两行。", "第二段。"]
    assert "规划要求：甲。" in paragraphs and "Use GDP growth." in paragraphs
    assert (report.issuer, report.date) == ("某委员会", "2023年8月")


def test_it_notes_which_indicators_the_progress_chart_leaves_out(evaluation):
    [chart] = [b for b in build_report(evaluation).blocks if isinstance(b, ProgressChart)]
    assert chart.note == "注：其余7项指标按年度目标、上下限或参照指标评价，或未作评估，无完成进度。"
