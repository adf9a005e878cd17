"""The Word report: content from the evaluation, layout of GB/T 9704-2012."""

from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from planeval import evaluate, parse_period
from planeval.io import load_plan_folder
from planeval.reports.docx import write_docx
from planeval.reports.model import build_report

EXAMPLE = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = load_plan_folder(EXAMPLE)
    evaluation = evaluate(folder.plan, folder.observations, parse_period("2022"))
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    write_docx(build_report(evaluation), path)
    return evaluation, Document(str(path))


def east_asian_font(element) -> str:
    return element.rPr.rFonts.get(qn("w:eastAsia"))


def test_it_sets_the_page_of_an_official_document(written):
    _, document = written
    body, annex = document.sections
    mm = [round(length.mm, 1) for length in (body.page_width, body.page_height, body.top_margin,
                                              body.bottom_margin, body.left_margin, body.right_margin)]  # fmt: skip
    assert mm == [210, 297, 37, 35, 28, 26]  # stored in twentieths of a point, hence the rounding
    assert annex.orientation == WD_ORIENT.LANDSCAPE and round(annex.page_width.mm) == 297


def test_it_names_the_official_fonts_and_sizes(written):
    _, document = written
    styles = document.styles
    normal = styles["Normal"]
    assert east_asian_font(normal.element) == "仿宋" and normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing == Pt(28)
    assert normal.paragraph_format.first_line_indent == Pt(32)
    assert east_asian_font(styles["Heading 1"].element) == "黑体"
    assert east_asian_font(styles["Heading 2"].element) == "楷体"
    assert east_asian_font(styles["Title"].element) == "方正小标宋简体" and styles["Title"].font.size == Pt(22)


def test_it_writes_the_title_headings_and_tally(written):
    evaluation, document = written
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == f"{evaluation.plan.title}实施中期评估报告"
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "一、主要目标指标进展",
        "二、重点任务进展",
        "三、存在问题",
        "四、对策建议",
        "附件",
    ]
    tally = next(i for i, p in enumerate(paragraphs) if p.text == "一、主要目标指标进展") + 1
    assert paragraphs[tally].text == evaluation.summary.paragraph


def test_it_highlights_placeholders(written):
    _, document = written
    placeholder = next(p for p in document.paragraphs if p.text == "【待填写：对策建议】")
    assert placeholder.runs[0].font.highlight_color == WD_COLOR_INDEX.YELLOW


def test_it_fills_the_annex_table(written):
    _, document = written
    annex = document.tables[-1]
    header = [cell.text for cell in annex.rows[0].cells]
    assert header[:3] == ["序号", "指标", "单位"]
    assert header[-1] == "评价结论"  # no 责任单位 column: the example names no department
    assert len(annex.rows) == 21
    rows = {row.cells[1].text: [cell.text for cell in row.cells] for row in annex.rows[1:]}
    assert rows["每万人口高价值发明专利拥有量"][4:10] == ["6.3", "12", "9.4（2022年）", "40.0%", "54.4%", "快于预期"]
    assert rows["单位GDP能源消耗降低"][9] == "未达进度要求"
    assert rows["常住人口城镇化率"][4] == "63.89"  # the census-revised baseline used


def test_it_repeats_table_headers_and_keeps_rows_whole(written):
    _, document = written
    for table in document.tables:
        header = table.rows[0]._tr.trPr
        assert header.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)


def test_it_numbers_pages_with_dashes_odd_right_even_left(written):
    _, document = written
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.text.startswith("— ") and odd.text.endswith(" —")
    assert " PAGE " in odd._p.xml and " PAGE " in even._p.xml
    assert (odd.alignment, even.alignment) == (2, 0)  # right, left
    assert document.settings.odd_and_even_pages_header_footer


def test_it_embeds_the_charts(written):
    _, document = written
    assert [p.text for p in document.paragraphs if p.text.startswith("表")][-1] == "表6　主要指标进度评价表"
    captions = [p.text for p in document.paragraphs if p.text.startswith("图")]
    assert captions == [
        "图1　主要指标评价结论分布",
        "图2　主要指标完成进度与时间进度",
        "图3　未达进度要求指标的实际值与规划路径",
    ]
    assert len(document.inline_shapes) == 3
