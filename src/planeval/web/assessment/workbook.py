"""The assessment table as an Excel workbook: the page's table, one department a row.

Layout (one sheet): row 1 the title, row 2 the headers, one department per row from row 3 in
rank order::

    rank | department | total | for each part: score, weight applied |
    indicators by verdict (5) | lead tasks by status (4) | values on time, late, not submitted | note

Scores are numbers (0–100, one decimal shown), weights fractions shown as percentages, a part with
nothing to score an empty cell. Every text goes through
:func:`planeval.reports.xlsx.put_cell`, so a department named ``=HYPERLINK(…)`` stays text.
"""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planeval.reports.xlsx import PERCENT_FORMAT, POINTS_FORMAT, put_cell
from planeval.web.assessment.table import PART_NAMES, STATUS_NAMES, TIMELINESS_NAMES, VERDICT_NAMES, Line

TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
WIDE = {2: 22}  # the department's column; the note's is set below
NARROW = 10
NOTE_WIDTH = 40


def workbook(title: str, lines: list[Line]) -> bytes:
    """The .xlsx file of ``lines`` under ``title``."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = pgettext("assessment", "Assessment")[:31]  # Excel's limit on a sheet's name
    put_cell(sheet, TITLE_ROW, 1, title).font = Font(bold=True, size=14)
    header = headers()
    for column, name in enumerate(header, start=1):
        cell = put_cell(sheet, HEADER_ROW, column, name)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for number, line in enumerate(lines, start=FIRST_ROW):
        _write(sheet, number, line)
    _layout(sheet, len(header))
    stream = BytesIO()
    book.save(stream)
    return stream.getvalue()


def headers() -> list[str]:
    """The header row, in the page's language."""
    parts: list[str] = []
    for part in PART_NAMES.values():
        parts += [_("%(part)s score") % {"part": part}, _("%(part)s weight") % {"part": part}]
    facts = [str(name) for names in (VERDICT_NAMES, STATUS_NAMES, TIMELINESS_NAMES) for name in names.values()]
    return [
        pgettext("assessment", "Rank"),
        pgettext("assessment", "Department"),
        pgettext("assessment", "Total"),
        *parts,
        *facts,
        pgettext("assessment", "Note"),
    ]


def _write(sheet: Worksheet, number: int, line: Line) -> None:
    row = line.row
    values: list[str | float | None] = [row.rank, row.department, row.total]
    formats = [None, None, POINTS_FORMAT]
    for cell in line.cells:
        # a renormalised weight as a person reads it: 0.375, not 0.3749999999999999
        values += [cell.score, round(cell.applied, 6) if cell.score is not None else None]
        formats += [POINTS_FORMAT, PERCENT_FORMAT]
    for cell in line.cells:
        values += [count for _name, count in cell.facts]
        formats += [None] * len(cell.facts)
    values.append(line.note)
    for column, (value, number_format) in enumerate(zip(values, [*formats, None], strict=True), start=1):
        written = put_cell(sheet, number, column, value)
        if number_format:
            written.number_format = number_format


def _layout(sheet: Worksheet, columns: int) -> None:
    for column in range(1, columns + 1):
        sheet.column_dimensions[get_column_letter(column)].width = WIDE.get(column, NARROW)
    sheet.column_dimensions[get_column_letter(columns)].width = NOTE_WIDTH
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=3)
