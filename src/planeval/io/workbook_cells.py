"""The cells of a user's .xlsx workbook, read without trusting its size.

A worksheet's declared size says nothing about its content: one stray character in XFD1048576
makes a 5 KB file a sheet of 17 billion cells, and a merge over ``D5:XFD1048576`` does the same
to openpyxl's ordinary reading (which creates a cell for every cell of every merged range). So the
sheet's XML is streamed (openpyxl's own worksheet parser, as its read-only mode uses it) and only
the cells that exist are kept:

- a sheet with content beyond :data:`LIMITS` (rows, columns, filled cells of the workbook) is
  not read further: :attr:`SheetCells.overflow` says where its content lies and what the limit
  is, and its cells are left out;
- merged ranges are kept as bounds, clipped to the sheet's content;
- a formula whose computed value is not stored in the file (a workbook written by a program, or
  saved without recalculation) is listed in :attr:`SheetCells.formulas`, never read as empty;
- hidden sheets, hidden rows and hidden columns are flagged, for the reader to decide.

Readers of department files (:mod:`planeval.io.grid`), of the plan's indicator table
(:mod:`planeval.io.excel_table`) and of the web template read workbooks through
:func:`read_workbook`.

openpyxl has no public way to stream only the cells that exist with a sheet's merges: its
read-only worksheets pad every row to the declared width and drop the merges. So this module
drives the parser those worksheets use (``openpyxl.worksheet._reader.WorkSheetParser``) itself,
which is why pyproject.toml holds openpyxl below 3.2; the tests of this module exercise every
part of it that is used.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

from planeval.domain.numbers import typed_text
from planeval.errors import PlanFormatError


@dataclass(frozen=True)
class Limits:
    """How much of a workbook is read: content up to row ``rows`` and column ``columns`` of a
    sheet, and at most ``cells`` filled cells (merged cells counted) in the whole workbook."""

    rows: int = 10_000
    columns: int = 500
    cells: int = 300_000


LIMITS = Limits()
"""The limits of a department's submission or a plan's table: a real one has a few hundred rows."""
HIDDEN_STATES = ("hidden", "veryHidden")
TRUE_FLAGS = ("1", "true")


@dataclass(frozen=True)
class Cell:
    """A cell's content as stored (text, number, date, bool or None) and its Excel number
    format."""

    value: Any = None
    number_format: str = ""

    @property
    def text(self) -> str:
        """The content as typed (see :func:`planeval.domain.numbers.typed_text`)."""
        return typed_text(self.value, self.number_format)


@dataclass(frozen=True)
class Merge:
    """A merged range: its coordinates (``A5:A7``) and ``bounds`` (first row, first column,
    last row, last column), clipped to the sheet's content."""

    coord: str
    bounds: tuple[int, int, int, int]

    @property
    def top_left(self) -> tuple[int, int]:
        return self.bounds[0], self.bounds[1]

    def cells(self) -> Iterator[tuple[int, int]]:
        top, left, bottom, right = self.bounds
        return ((row, column) for row in range(top, bottom + 1) for column in range(left, right + 1))


@dataclass(frozen=True)
class Overflow:
    """Why a sheet was not read: content at ``place`` (``XFD1048576``) beyond the ``limit`` of
    its ``kind`` — ``row``, ``column``, ``cells`` (filled cells of the workbook) or ``merges``
    (cells covered by merged ranges)."""

    kind: str
    place: str
    limit: int

    @property
    def message(self) -> str:
        row = self.place.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        column = self.place[: len(self.place) - len(row)]
        return {
            "row": f"the sheet has data in row {int(row or 0):,} ({self.place}); a file has at most "
            f"{self.limit:,} rows: delete what lies below the table",
            "column": f"the sheet has data in column {column} ({self.place}); a file has at most "
            f"{self.limit:,} columns: delete what lies right of the table",
            "cells": f"the workbook has more than {self.limit:,} filled cells; a file has at most that many",
            "merges": "the merged ranges of the workbook cover too many cells; unmerge what lies outside the table",
        }[self.kind]


@dataclass(frozen=True)
class SheetCells:
    """One worksheet as read: ``cells`` by (row, column), 1-based, only those with content
    (blank text left out); ``merges``; ``formulas``, the cells holding a formula whose computed
    value the file does not store; ``hidden`` for a hidden sheet; ``hidden_rows`` and
    ``hidden_columns`` (column numbers) among those with content; ``overflow``, when not None,
    why the sheet was not read (its cells and merges are then empty)."""

    title: str
    cells: Mapping[tuple[int, int], Cell] = field(default_factory=dict)
    merges: tuple[Merge, ...] = ()
    formulas: frozenset[tuple[int, int]] = frozenset()
    hidden: bool = False
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()
    overflow: Overflow | None = None

    @property
    def rows(self) -> int:
        """The last row with content (or a formula), 0 for an empty sheet."""
        return max((row for row, _ in (*self.cells, *self.formulas)), default=0)

    @property
    def columns(self) -> int:
        """The last column with content (or a formula), 0 for an empty sheet."""
        return max((column for _, column in (*self.cells, *self.formulas)), default=0)


def read_workbook(source: Path | IO[bytes], limits: Limits = LIMITS, sheets: int | None = None) -> list[SheetCells]:
    """The worksheets of the .xlsx workbook ``source`` (a path or a binary stream), in order;
    only the first ``sheets`` when given.

    Raises:
        PlanFormatError: not an .xlsx workbook, or one whose content cannot be parsed; the
            message names the file.
    """
    name = str(source) if isinstance(source, Path) else str(getattr(source, "name", "") or "the workbook")
    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, ParseError) as error:
        raise PlanFormatError(name, f"is not an Excel .xlsx workbook ({error}); save it as .xlsx") from None
    except OSError as error:
        raise PlanFormatError(name, f"cannot be opened: {error.strerror or error}") from None
    try:
        budget = _Budget(limits.cells, limits.cells)
        worksheets = [sheet for sheet in book.worksheets if isinstance(sheet, ReadOnlyWorksheet)]
        return [_read_sheet(sheet, limits, budget) for sheet in worksheets[:sheets]]
    except (ParseError, ValueError, KeyError, zipfile.BadZipFile) as error:
        raise PlanFormatError(
            name, f"cannot be read as an Excel workbook ({error}); open and save it in Excel"
        ) from None
    finally:
        book.close()


@dataclass
class _Budget:
    """The filled cells still allowed in the workbook, of ``limit``."""

    limit: int
    left: int


class _Parser(WorkSheetParser):  # type: ignore[misc]
    """openpyxl's worksheet parser, telling a formula's cached value (read with
    ``data_only``) from a formula with none."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        cell: dict[str, Any] = super().parse_cell(element)
        cell["formula"] = element.find(FORMULA_TAG) is not None
        return cell


@dataclass
class _Found:
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    formulas: set[tuple[int, int]] = field(default_factory=set)
    overflow: Overflow | None = None


def _read_sheet(sheet: ReadOnlyWorksheet, limits: Limits, budget: _Budget) -> SheetCells:
    book = sheet.parent
    hidden = sheet.sheet_state in HIDDEN_STATES
    found = _Found()
    with sheet._get_source() as source:  # the part holding the sheet's XML, as read-only mode opens it
        parser = _Parser(source, sheet._shared_strings, data_only=True, epoch=book.epoch,
                         date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)  # fmt: skip
        for _, row in parser.parse():
            for cell in row:
                found.overflow = _take(sheet, cell, found, limits, budget)
                if found.overflow is not None:
                    return SheetCells(sheet.title, hidden=hidden, overflow=found.overflow)
        merges, overflow = _merges(parser, found, budget)
    if overflow is not None:
        return SheetCells(sheet.title, hidden=hidden, overflow=overflow)
    filled = {row for row, _ in (*found.cells, *found.formulas)}
    used = {column for _, column in (*found.cells, *found.formulas)}
    return SheetCells(
        sheet.title,
        found.cells,
        merges,
        frozenset(found.formulas),
        hidden,
        frozenset(row for row in filled if _hidden_row(parser.row_dimensions.get(str(row)))),
        frozenset(column for column in used if _hidden_column(parser.column_dimensions, column)),
    )


def _take(sheet: ReadOnlyWorksheet, cell: dict[str, Any], found: _Found, limits: Limits,
          budget: _Budget) -> Overflow | None:  # fmt: skip
    """Keep ``cell`` when it has content; why the sheet is not read when it lies too far."""
    value, row, column = cell["value"], cell["row"], cell["column"]
    formula = bool(cell["formula"]) and value is None
    if not formula and (value is None or (isinstance(value, str) and not value.strip())):
        return None
    place = f"{get_column_letter(column)}{row}"
    if row > limits.rows:
        return Overflow("row", place, limits.rows)
    if column > limits.columns:
        return Overflow("column", place, limits.columns)
    budget.left -= 1
    if budget.left < 0:
        return Overflow("cells", place, limits.cells)
    if formula:
        found.formulas.add((row, column))
    else:
        style = {"data_type": cell["data_type"], "style_id": cell["style_id"]}
        number_format = ReadOnlyCell(sheet, row, column, value, **style).number_format
        found.cells[(row, column)] = Cell(value, number_format or "")
    return None


def _merges(parser: _Parser, found: _Found, budget: _Budget) -> tuple[tuple[Merge, ...], Overflow | None]:
    """The merged ranges clipped to the content (a merge over whole rows or columns keeps the
    part where the table is); why the sheet is not read when they cover too many cells."""
    ranges = parser.merged_cells.mergeCell if parser.merged_cells is not None else ()
    last_row = max((row for row, _ in (*found.cells, *found.formulas)), default=0)
    last_column = max((column for _, column in (*found.cells, *found.formulas)), default=0)
    merges = []
    for merged in ranges:
        left, top, right, bottom = range_boundaries(merged.ref)
        bottom, right = min(bottom, max(last_row, top)), min(right, max(last_column, left))
        budget.left -= (bottom - top + 1) * (right - left + 1) - 1
        if budget.left < 0:
            return (), Overflow("merges", merged.ref, budget.limit)
        merges.append(Merge(merged.ref, (top, left, bottom, right)))
    return tuple(merges), None


def _hidden_row(attributes: Mapping[str, str] | None) -> bool:
    return attributes is not None and attributes.get("hidden", "") in TRUE_FLAGS


def _hidden_column(dimensions: Mapping[str, Mapping[str, str]], column: int) -> bool:
    return any(
        attributes.get("hidden", "") in TRUE_FLAGS and int(attributes["min"]) <= column <= int(attributes["max"])
        for attributes in dimensions.values()
    )
