"""The Excel template of a department's round, and reading it back.

Layout (one sheet): row 1 a title, row 2 the headers, one indicator per row from row 3. Only
the value and explanation cells of the rows the user may write are unlocked; the last column
(hidden) holds each value's version, and in row 1 a marker naming the plan, period and
department, so a file of another round is recognised::

    A code | B indicator | C unit | D baseline | E base year | F target | G last approved |
    H its period | I state | J value (entry) | K explanation (entry) | L version (hidden)
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import IO, Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planeval.domain.numbers import typed_text
from planeval.io.workbook_cells import Limits, Overflow, SheetCells, read_workbook
from planeval.reports.xlsx import put_cell
from planeval.web.reporting.rows import Row
from planeval.web.reporting.scope import Scope

TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
MAX_ROWS = 2000
"""Indicator rows a template holds at most."""
LIMITS = Limits(rows=FIRST_ROW + MAX_ROWS - 1, columns=100, cells=(MAX_ROWS + FIRST_ROW) * 100)
"""What an uploaded template may hold: content in its rows, and a few columns beside its own."""
MARKER = "planeval-reporting"
ENTRY_FILL = PatternFill("solid", fgColor="FFF4C2")
LOCKED_FILL = PatternFill("solid", fgColor="EEEEEE")
HEADER_FILL = PatternFill("solid", fgColor="DDE4EC")


@dataclass(frozen=True)
class Column:
    key: str
    header: str | Promise
    width: float
    entry: bool = False
    hidden: bool = False

    @property
    def letter(self) -> str:
        return get_column_letter(COLUMNS.index(self) + 1)


COLUMNS = (
    Column("code", gettext_lazy("Code"), 8),
    Column("name", gettext_lazy("Indicator"), 34),
    Column("unit", gettext_lazy("Unit"), 10),
    Column("baseline", gettext_lazy("Baseline"), 11),
    Column("base_year", gettext_lazy("Base year"), 9),
    Column("target", gettext_lazy("Target"), 16),
    Column("last", gettext_lazy("Last approved"), 13),
    Column("last_period", gettext_lazy("Approved period"), 11),
    Column("state", gettext_lazy("State"), 11),
    Column("value", gettext_lazy("Value"), 14, entry=True),
    Column("explanation", gettext_lazy("Explanation"), 44, entry=True),
    Column("version", "version", 9, hidden=True),
)
COLUMN = {column.key: column for column in COLUMNS}


class NotTemplate(Exception):
    """The file is not a readable template of this round; the message says why."""


@dataclass(frozen=True)
class Line:
    """One filled-in row as read: ``row`` is the sheet's row number; ``version`` None when the
    hidden version cell is missing or not a whole number."""

    row: int
    code: str
    value: str
    explanation: str
    version: int | None


def marker(scope: Scope) -> str:
    department = scope.department.code if scope.department else ""
    return "|".join((MARKER, scope.plan.slug, scope.round.period, department))


def build(scope: Scope, rows: list[Row]) -> bytes:
    """The template of ``scope`` pre-filled from ``rows``, as .xlsx bytes."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = scope.round.period[:31]
    _title(sheet, scope)
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(HEADER_ROW, index, str(column.header))
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[column.letter].width = column.width
        sheet.column_dimensions[column.letter].hidden = column.hidden
    for offset, row in enumerate(rows):
        _write_row(sheet, FIRST_ROW + offset, row)
    sheet.freeze_panes = sheet.cell(FIRST_ROW, COLUMNS.index(COLUMN["unit"]) + 1)
    sheet.protection.sheet = True
    sheet.protection.formatColumns = sheet.protection.formatRows = False  # widening stays allowed
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _title(sheet: Worksheet, scope: Scope) -> None:
    department = scope.department.name if scope.department else ""
    text = _("%(plan)s · %(department)s · %(period)s — fill in the yellow cells, then upload this file.") % {
        "plan": scope.plan.title, "department": department, "period": scope.round.period}  # fmt: skip
    sheet.cell(TITLE_ROW, 1, text).font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=len(COLUMNS) - 1)
    sheet.cell(TITLE_ROW, len(COLUMNS), marker(scope))
    sheet.row_dimensions[TITLE_ROW].height = 24


def _write_row(sheet: Worksheet, number: int, row: Row) -> None:
    indicator, value, last = row.indicator, row.value, row.last
    cells: dict[str, Any] = {
        "code": indicator.code, "name": indicator.name, "unit": indicator.unit, "baseline": indicator.base_value,
        "base_year": indicator.base_year, "target": indicator.target_text, "last": last.value if last else None,
        "last_period": last.period if last else None, "state": row.state_label,
        "value": value.value if value else None, "explanation": value.explanation if value else "",
        "version": row.version,
    }  # fmt: skip
    for index, column in enumerate(COLUMNS, start=1):
        cell = put_cell(sheet, number, index, cells[column.key])  # text as text, formula-like text quoted
        cell.alignment = Alignment(wrap_text=column.key in ("name", "explanation", "target"), vertical="top")
        if column.entry:
            cell.fill = ENTRY_FILL if row.editable else LOCKED_FILL
            cell.protection = Protection(locked=not row.editable)


def read(stream: IO[bytes], scope: Scope) -> list[Line]:
    """The filled-in rows of a template of ``scope`` (rows without a code are skipped).

    The workbook is read as every user's workbook is (:func:`planeval.io.workbook_cells.read_workbook`):
    only the cells that exist, content up to row :data:`LAST_ROW`.

    Raises:
        NotTemplate: not a workbook openpyxl can open, not this round's template, content beyond
            the template's rows, or a formula in the table whose value the file does not hold.
    """
    try:
        sheets = read_workbook(stream, LIMITS, sheets=1)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise NotTemplate(_("The file cannot be opened as an Excel workbook.")) from error
    if not sheets:
        raise NotTemplate(_("The file cannot be opened as an Excel workbook."))
    sheet = sheets[0]
    if sheet.overflow is not None:
        raise NotTemplate(_overflow(sheet.overflow))
    if _marker(sheet) != marker(scope):
        raise NotTemplate(_("This is not the Excel template of this round and department: download it again."))
    formulas = sorted((row, column) for row, column in sheet.formulas if column <= len(COLUMNS))
    if formulas:
        cell = f"{get_column_letter(formulas[0][1])}{formulas[0][0]}"
        message = _("Cell %(cell)s holds a formula whose result is not saved in the file: open the file in Excel, "
                    "save it and upload it again.")  # fmt: skip
        raise NotTemplate(message % {"cell": cell})
    rows = range(FIRST_ROW, sheet.rows + 1)
    cells = ((number, tuple(sheet.cells.get((number, c)) for c in range(1, len(COLUMNS) + 1))) for number in rows)
    return [line for number, row in cells if (line := _line(number, row))]


def _overflow(overflow: Overflow) -> str:
    if overflow.kind == "row":
        message = _("The sheet has data in cell %(cell)s, below the template's %(count)s rows: delete it and upload "
                    "the file again.")  # fmt: skip
        return message % {"cell": overflow.place, "count": f"{MAX_ROWS:,}"}
    if overflow.kind == "column":
        message = _("The sheet has data in cell %(cell)s, far right of the template's columns: delete it and upload "
                    "the file again.")  # fmt: skip
        return message % {"cell": overflow.place}
    return _("The file holds far more cells than a template: download the template again.")


def _marker(sheet: SheetCells) -> str:
    cell = sheet.cells.get((TITLE_ROW, len(COLUMNS)))
    return str(cell.value) if cell is not None and cell.value is not None else ""


def _line(number: int, cells: tuple[Any, ...]) -> Line | None:
    by_key = {column.key: cells[i] if i < len(cells) else None for i, column in enumerate(COLUMNS)}
    code = text(by_key["code"])
    if not code:
        return None
    value, version = by_key["value"], getattr(by_key["version"], "value", None)
    return Line(number, code, text(value), text(by_key["explanation"]), _version(version))


def text(cell: object) -> str:
    """A cell's content as typed text, read as everywhere else
    (:func:`planeval.domain.numbers.typed_text`): numbers without float noise (``43.5``), a
    percent-formatted number with its sign (0.435 as ``43.5%``), blanks as ``""``."""
    value = getattr(cell, "value", cell)
    return typed_text(value, getattr(cell, "number_format", "") or "")


def _version(cell: object) -> int | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int) or (isinstance(cell, float) and cell.is_integer()):
        return int(cell)
    return int(cell) if isinstance(cell, str) and cell.strip().isdigit() else None
