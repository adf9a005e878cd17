"""The report as an Excel workbook, the one the planning office hands around with the Word report.

Three sheets, every figure taken from the :class:`~planeval.reports.model.Report` and from the
evaluation's own results and summary (this module formats and draws, it never evaluates):

1. ``主要指标进度评价表``: title row, :data:`ANNEX_HEADER`, one row per indicator of the annex
   table; the last two columns hold time share and progress as fractions (``0.0%``) for scripts;
2. ``评价汇总``: counts by verdict × attribute with a total row, counts by aspect, and the
   summary paragraph;
3. ``未达进度指标``: the indicators behind schedule, with the gap in percentage points and what
   each remaining year still needs.

Formula injection: every text goes through :func:`put_cell`, which keeps the value unchanged and sets
the cell's ``data_type`` to ``"s"`` after assignment (openpyxl would otherwise store a text
beginning with ``=`` as a formula). Formula-like text (:func:`planeval.io.export.formula_like`) is also
given Excel's ``quotePrefix`` style, the "leading apostrophe" that is not part of the value, so
Excel keeps it text even after someone edits the cell. We chose this over prefixing ``'`` because
a prefix would change the value that scripts read back.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planeval.domain.evaluation import Evaluation
from planeval.domain.indicator import Attribute
from planeval.domain.summary import Summary
from planeval.domain.verdict import Verdict
from planeval.io.export import formula_like, summary_to_dict
from planeval.reports.model import ANNEX_COLUMNS, IndicatorRow, IndicatorTable, Report

SHEETS = ("主要指标进度评价表", "评价汇总", "未达进度指标")
ANNEX_HEADER = (*ANNEX_COLUMNS, "评价依据", "时间进度(数值)", "完成进度(数值)")
ANNEX_WIDTHS = (6, 28, 10, 8, 10, 18, 16, 10, 10, 18, 14, 60, 14, 14)
ANNEX_LEFT = ("指标", "评价依据")  # long texts read better left-aligned
LAGGING_HEADER = ("指标", "属性", "最新值及期别", "时间进度", "完成进度", "差距(百分点)", "其余年份需年均", "评价依据")
LAGGING_WIDTHS = (28, 8, 16, 10, 10, 12, 16, 60)
ATTRIBUTE_HEADER = ("评价结论", *(a.label for a in Attribute), "合计")
ASPECT_HEADER = ("方面", "指标数", *(v.label for v in Verdict))
SUMMARY_WIDTHS = (18, 10, 18, 18, 18, 16, 12)
TOTAL_LABEL = "合计"

PERCENT_FORMAT = "0.0%"
POINTS_FORMAT = "0.0"
FOOTER = "第 &P 页，共 &N 页"

# Verdict colours: (fill, text); white text on the dark fills, black on the light ones.
VERDICT_COLOURS = {
    Verdict.TARGET_REACHED: ("1E6B30", "FFFFFF"),
    Verdict.AHEAD: ("70AD47", "000000"),
    Verdict.ON_SCHEDULE: ("2F75B5", "FFFFFF"),
    Verdict.BEHIND: ("C00000", "FFFFFF"),
    Verdict.NOT_EVALUATED: ("BFBFBF", "000000"),
}
THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
TITLE_FONT = Font(bold=True, size=14)
TITLE_HEIGHT = 30  # points: one line of the 14-point title
CHARS_PER_WIDTH = 0.5  # a Chinese character takes about two units of column width
LINE_HEIGHT = 18  # points


def write_xlsx(report: Report, evaluation: Evaluation, path: Path) -> None:
    """Write the workbook of ``report`` to ``path`` (``.xlsx``; its folder must exist).

    ``evaluation`` is the one ``report`` was built from: its summary gives the counts.

    Raises:
        ValueError: ``report`` has no annex table.
    """
    table = annex_table(report)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = SHEETS[0]
    _write_annex(sheet, f"{report.title}{report.subtitle}", table.rows)
    _write_summary(workbook.create_sheet(SHEETS[1]), evaluation.summary, report.summary_paragraph)
    _write_lagging(workbook.create_sheet(SHEETS[2]), table.rows)
    workbook.save(path)


def annex_table(report: Report) -> IndicatorTable:
    """The indicator table of the report's annex (主要指标进度评价表).

    Raises:
        ValueError: the annex holds no indicator table.
    """
    for block in report.annex:
        if isinstance(block, IndicatorTable) and block.explained:
            return block
    raise ValueError("the report's annex holds no indicator table")


def put_cell(sheet: Worksheet, row: int, column: int, value: str | float | None) -> Cell:
    """Write ``value`` to a cell, text always as text (see the module docstring)."""
    cell: Cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if formula_like(value):
            cell.quotePrefix = True
    return cell


def _put_row(sheet: Worksheet, row: int, values: Sequence[str | float | None]) -> list[Cell]:
    """``values`` from column A on, bordered, centred and wrapped."""
    cells = [put_cell(sheet, row, column, value) for column, value in enumerate(values, start=1)]
    for cell in cells:
        cell.border = BORDER
        cell.alignment = CENTRED
    return cells


def _header(sheet: Worksheet, row: int, names: Sequence[str]) -> None:
    for cell in _put_row(sheet, row, names):
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL


def _paint(cell: Cell, verdict: Verdict) -> None:
    fill, text = VERDICT_COLOURS[verdict]
    cell.fill = PatternFill("solid", fgColor=fill)
    cell.font = Font(color=text, bold=verdict is Verdict.BEHIND)


def _widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def _print_setup(sheet: Worksheet, title_rows: str) -> None:
    """A4 landscape, one page wide, ``title_rows`` repeated on every page, page numbers below."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = title_rows
    sheet.oddFooter.center.text = FOOTER


def _merged_text(sheet: Worksheet, row: int, columns: int, text: str, widths: Sequence[float]) -> Cell:
    """``text`` in one wrapped cell merged across ``columns``, the row tall enough to show it."""
    cell = put_cell(sheet, row, 1, text)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    cell.alignment = LEFT
    per_line = max(1, int(sum(widths[:columns]) * CHARS_PER_WIDTH))
    sheet.row_dimensions[row].height = LINE_HEIGHT * max(1, math.ceil(len(text) / per_line))
    return cell


# 主要指标进度评价表


def _write_annex(sheet: Worksheet, title: str, rows: Sequence[IndicatorRow]) -> None:
    columns = len(ANNEX_HEADER)
    heading = _merged_text(sheet, 1, columns, title, ANNEX_WIDTHS)
    heading.font, heading.alignment = TITLE_FONT, CENTRED
    sheet.row_dimensions[1].height = TITLE_HEIGHT
    _header(sheet, 2, ANNEX_HEADER)
    for offset, row in enumerate(rows):
        _annex_row(sheet, 3 + offset, row)
    _widths(sheet, ANNEX_WIDTHS)
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(columns)}{2 + len(rows)}"
    _print_setup(sheet, "2:2")


def _annex_row(sheet: Worksheet, number: int, row: IndicatorRow) -> None:
    values = (row.number, *row.cells[1:], row.explanation, row.time_share_value, row.progress_value)
    cells = _put_row(sheet, number, values)
    for cell, name in zip(cells, ANNEX_HEADER, strict=True):
        if name in ANNEX_LEFT:
            cell.alignment = LEFT
    for cell in cells[-2:]:
        cell.number_format = PERCENT_FORMAT
    _paint(cells[ANNEX_HEADER.index("评价结论")], row.verdict)


# 评价汇总


def _write_summary(sheet: Worksheet, summary: Summary, paragraph: str) -> None:
    counts = summary_to_dict(summary)
    _header(sheet, 1, ATTRIBUTE_HEADER)
    for offset, verdict in enumerate(Verdict):
        by_attribute = counts["counts"][verdict.value]
        figures = [by_attribute[a.value] for a in Attribute]
        _paint(_put_row(sheet, 2 + offset, (verdict.label, *figures, by_attribute["total"]))[0], verdict)
    totals = [summary.count(Verdict, a) for a in Attribute]
    row = 2 + len(Verdict)
    for cell in _put_row(sheet, row, (TOTAL_LABEL, *totals, counts["total"])):
        cell.font = Font(bold=True)
    row += 2  # a blank row between the two tables
    _header(sheet, row, ASPECT_HEADER)
    for aspect in counts["aspects"]:
        row += 1
        _put_row(sheet, row, (aspect["aspect"], aspect["total"], *(aspect[v.value] for v in Verdict)))
    _merged_text(sheet, row + 2, len(ASPECT_HEADER), paragraph, SUMMARY_WIDTHS)
    _widths(sheet, SUMMARY_WIDTHS)
    _print_setup(sheet, "1:1")


# 未达进度指标


def _write_lagging(sheet: Worksheet, rows: Sequence[IndicatorRow]) -> None:
    _header(sheet, 1, LAGGING_HEADER)
    lagging = [row for row in rows if row.verdict is Verdict.BEHIND]
    for offset, row in enumerate(lagging):
        values = (row.name, row.attribute, row.latest, row.time_share, row.progress, row.gap_points)
        cells = _put_row(sheet, 2 + offset, (*values, row.needed or None, row.explanation))
        cells[0].alignment = cells[-1].alignment = LEFT
        cells[5].number_format = POINTS_FORMAT
    _widths(sheet, LAGGING_WIDTHS)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(LAGGING_HEADER))}{1 + len(lagging)}"
    _print_setup(sheet, "1:1")


def _plain(value: float) -> str:
    """``value`` to at most two decimals, trailing zeros dropped, never in exponent notation."""
    text = f"{round(value, 2) + 0.0:.2f}"  # + 0.0 turns -0.0 into 0.0
    return text.rstrip("0").rstrip(".")
