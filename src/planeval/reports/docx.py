"""The report as a Word document in the official-document layout of GB/T 9704-2012.

Layout (GB/T 9704-2012 《党政机关公文格式》, §5 and §7): A4; margins 37 mm top, 35 mm bottom, 28 mm
left, 26 mm right; title in 方正小标宋简体 22 pt (二号) centred; body in 仿宋 16 pt (三号), first
line indented two characters, fixed 28 pt line spacing (22 lines a page); level-1 headings
(一、) in 黑体, level-2 headings (（一）) in 楷体; page numbers ``— 1 —`` in 宋体 14 pt (四号)
below the text, odd pages right and even pages left, one character in from the edge. Digits and
Latin letters in Times New Roman. The annex table goes on landscape pages; table header rows
repeat on every page and rows do not split across pages.

The renderer draws what the report model holds and computes nothing.
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from planeval.domain.verdict import Verdict
from planeval.reports import charts
from planeval.reports.model import (
    ANNEX_COLUMNS,
    Block,
    Heading,
    IndicatorTable,
    Paragraph,
    PathChart,
    ProgressChart,
    Report,
    VerdictChart,
)

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋"
HEADING_FONTS = {1: "黑体", 2: "楷体"}
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
BODY_SIZE = Pt(16)
TITLE_SIZE = Pt(22)
TABLE_SIZE = Pt(9)  # 小五, the usual size for tables in an official report
LINE_PITCH = Pt(28)
INDENT = Pt(32)  # two characters of 16 pt
PAGE = (Mm(210), Mm(297))
MARGINS = {"top_margin": Mm(37), "bottom_margin": Mm(35), "left_margin": Mm(28), "right_margin": Mm(26)}
FOOTER_DISTANCE = Mm(23)  # the page number's baseline 7 mm below the text block
TEXT_WIDTH = Mm(156)
LANDSCAPE_TEXT_WIDTH = Mm(297 - 28 - 26)
TABLE_TEXT_ID = "TableText"
BODY_TABLE_COLUMNS = (1, 2, 4, 5, 6, 7, 8, 9)  # 指标, 单位, 基期值, 目标值, 最新值及期别, 时间进度, 完成进度, 评价结论
VERDICT_SHADING = {
    Verdict.TARGET_REACHED: "C7E9C0",
    Verdict.AHEAD: "E5F5E0",
    Verdict.ON_SCHEDULE: "DEEBF7",
    Verdict.BEHIND: "FDDBC7",
    Verdict.NOT_EVALUATED: "EEEEEE",
}


def write_docx(report: Report, path: Path) -> None:
    """Write ``report`` to ``path`` as a .docx in GB/T 9704 layout."""
    document = Document()
    _page_setup(document)
    _styles(document)
    _title(document, report)
    numbers = Counter[str]()
    for block in report.body:
        _block(document, block, numbers)
    _signature(document, report)
    _landscape_section(document)
    for block in report.annex:
        _block(document, block, numbers, annex=True)
    document.save(str(path))


def _signature(document: DocumentObject, report: Report) -> None:
    """发文机关署名 and 成文日期, right-aligned, two blank lines below the text (GB/T 9704 §7.3.5)."""
    lines = [line for line in (report.issuer, report.date) if line]
    if not lines:
        return
    for text in ("", "", *lines):
        paragraph = document.add_paragraph(text, style="Body Text")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = INDENT


# --- page, styles and fonts -----------------------------------------------------------------


def _page_setup(document: DocumentObject) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE
    for name, value in MARGINS.items():
        setattr(section, name, value)
    section.footer_distance = FOOTER_DISTANCE
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(paragraph: DocxParagraph, alignment: WD_ALIGN_PARAGRAPH) -> None:
    """``— N —`` with a PAGE field, one character (14 pt) in from the edge."""
    paragraph.alignment = alignment
    indent = Pt(14)
    if alignment is WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = indent
    else:
        paragraph.paragraph_format.left_indent = indent
    _font(paragraph.add_run("— "), PAGE_NUMBER_FONT, Pt(14))
    run = paragraph.add_run()
    _font(run, PAGE_NUMBER_FONT, Pt(14))
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        elif text == "PAGE":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = " PAGE "
            run._r.append(instruction)
        else:
            placeholder = OxmlElement("w:t")
            placeholder.text = text
            run._r.append(placeholder)
    _font(paragraph.add_run(" —"), PAGE_NUMBER_FONT, Pt(14))


def _east_asian(element: object, font: str) -> None:
    """Name ``font`` for East Asian text and Times New Roman for Latin text and digits."""
    r_pr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute, value in (("w:ascii", LATIN_FONT), ("w:hAnsi", LATIN_FONT), ("w:eastAsia", font)):
        fonts.set(qn(attribute), value)
    # Theme fonts (Word's template sets them on Title and the headings) take precedence over
    # named ones, so they go.
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _chinese_language(document: DocumentObject) -> None:
    """Mark East Asian text as simplified Chinese, so that fonts are chosen for zh-CN (not the
    Japanese variant a CJK font family falls back to)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))  # type: ignore[union-attr]
    language = r_pr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        r_pr.append(language)
    language.set(qn("w:eastAsia"), "zh-CN")


def _font(run: object, font: str, size: Pt, bold: bool = False) -> None:
    run.font.size = size  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]
    _east_asian(run._r, font)  # type: ignore[attr-defined]


def _style(document: DocumentObject, name: str, font: str, size: Pt, base: str | None = None) -> ParagraphStyle:
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, 1)
    if base:
        style.base_style = styles[base]
    style.font.size = size
    style.font.bold = False
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _east_asian(style.element, font)
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = INDENT
    fmt.widow_control = True
    return style  # type: ignore[return-value]


def _styles(document: DocumentObject) -> None:
    _chinese_language(document)
    _style(document, "Normal", BODY_FONT, BODY_SIZE)
    _style(document, "Body Text", BODY_FONT, BODY_SIZE, "Normal")
    for level, font in HEADING_FONTS.items():
        heading = _style(document, f"Heading {level}", font, BODY_SIZE, "Normal")
        heading.paragraph_format.keep_with_next = True
    title = _style(document, "Title", TITLE_FONT, TITLE_SIZE, "Normal")
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.line_spacing = Pt(35)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _remove_title_border(title)
    caption = _style(document, "Caption", "楷体", Pt(14), "Normal")
    caption.paragraph_format.first_line_indent = Pt(0)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    table_text = _style(document, "Table Text", BODY_FONT, TABLE_SIZE, "Normal")
    assert table_text.style_id == TABLE_TEXT_ID
    table_text.paragraph_format.first_line_indent = Pt(0)
    table_text.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _remove_title_border(style: ParagraphStyle) -> None:
    """Word's built-in Title style draws a rule under the title; an official document has none."""
    p_pr = style.element.get_or_add_pPr()
    for border in p_pr.findall(qn("w:pBdr")):
        p_pr.remove(border)


# --- blocks ---------------------------------------------------------------------------------


def _title(document: DocumentObject, report: Report) -> None:
    document.add_paragraph(report.title, style="Title")
    subtitle = document.add_paragraph(report.subtitle, style="Caption")
    subtitle.paragraph_format.line_spacing = LINE_PITCH
    document.add_paragraph("", style="Body Text")


def _block(document: DocumentObject, block: Block, numbers: Counter[str], annex: bool = False) -> None:
    """Draw one block; ``numbers`` counts the figures and tables so far (图N, 表N)."""
    if isinstance(block, Heading):
        heading = document.add_paragraph(block.text, style=f"Heading {min(block.level, 2)}")
        if annex:  # 附件 stands at the left edge (GB/T 9704 §8.3)
            heading.paragraph_format.first_line_indent = Pt(0)
    elif isinstance(block, Paragraph):
        paragraph = document.add_paragraph(style="Body Text")
        run = paragraph.add_run(block.text)
        if block.placeholder:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    elif isinstance(block, IndicatorTable):
        numbers["table"] += 1
        _table(document, block, f"表{numbers['table']}　{block.caption}")
    elif isinstance(block, VerdictChart | ProgressChart | PathChart):
        for image in charts.render(block):
            numbers["figure"] += 1
            _figure(document, image, f"图{numbers['figure']}　{block.title}")
        if isinstance(block, ProgressChart) and block.note:
            note = document.add_paragraph(block.note, style="Table Text")
            note.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _figure(document: DocumentObject, image: bytes, caption: str) -> None:
    picture = document.add_paragraph(style="Caption")
    picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    picture.paragraph_format.keep_with_next = True
    picture.add_run().add_picture(io.BytesIO(image), width=TEXT_WIDTH)
    document.add_paragraph(caption, style="Caption")


def _table(document: DocumentObject, block: IndicatorTable, caption_text: str) -> None:
    columns = tuple(range(len(ANNEX_COLUMNS))) if block.explained else BODY_TABLE_COLUMNS
    if block.explained and not any(row.department for row in block.rows):
        columns = columns[:-1]  # no 责任单位 column when no department is known
    caption = document.add_paragraph(caption_text, style="Caption")
    caption.paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _header(table, [ANNEX_COLUMNS[c] for c in columns])
    for row in block.rows:
        cells = table.add_row().cells
        for cell, column in zip(cells, columns, strict=True):
            _cell_text(cell, row.cells[column], center=column not in (1,))
        _shade(cells[columns.index(9)], VERDICT_SHADING[row.verdict])
        _keep_row_whole(table.rows[-1])
    _widths(table, columns, LANDSCAPE_TEXT_WIDTH if block.explained else TEXT_WIDTH)
    document.add_paragraph("", style="Table Text")


def _header(table: Table, names: list[str]) -> None:
    row = table.rows[0]
    for cell, name in zip(row.cells, names, strict=True):
        _cell_text(cell, name, center=True, bold=True)
        _shade(cell, "D9D9D9")
    properties = row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    _keep_row_whole(row)


def _keep_row_whole(row: object) -> None:
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    whole = OxmlElement("w:cantSplit")
    whole.set(qn("w:val"), "true")
    properties.append(whole)


def _cell_text(cell: _Cell, text: str, center: bool = False, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph._p.style = TABLE_TEXT_ID  # by id: python-docx's lookup by name scans every style
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    _font(paragraph.add_run(text), BODY_FONT if not bold else HEADING_FONTS[1], TABLE_SIZE)


def _shade(cell: _Cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    for attribute, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", colour)):
        shading.set(qn(attribute), value)
    cell._tc.get_or_add_tcPr().append(shading)


RELATIVE_WIDTHS = {0: 0.5, 1: 3.0, 2: 0.8, 3: 1.0, 4: 0.9, 5: 1.5, 6: 1.8, 7: 0.9, 8: 0.9, 9: 1.7, 10: 1.2}


def _widths(table: Table, columns: tuple[int, ...], total: int) -> None:
    """Share the text width among the columns, the indicator name getting the most, as a fixed
    layout: the grid columns (read by LibreOffice and WPS) and each cell's width (read by Word)."""
    weights = [RELATIVE_WIDTHS[c] for c in columns]
    widths = [int(total * weight / sum(weights)) for weight in weights]
    table.autofit = False
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    for grid_column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        grid_column.set(qn("w:w"), str(width // 635))  # EMU to twentieths of a point
    for column, width in zip(table.columns, widths, strict=True):
        for cell in column.cells:
            cell.width = width


def _landscape_section(document: DocumentObject) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE[1], PAGE[0]
    section.top_margin, section.bottom_margin = Mm(28), Mm(26)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
