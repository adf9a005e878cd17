"""A sheet of cells as a reader of department files sees it: an Excel worksheet with its merged
ranges, or a CSV file, behind one interface.

A merged header or category cell gives its value to every cell of its range; a value cell does
not — a merge over two value cells holds one value, in its top-left cell. Workbooks are read
through :func:`planeval.io.workbook_cells.read_workbook`: only the cells that exist, within its
limits; a CSV file is held to the same limits.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from planeval.errors import PlanFormatError
from planeval.io.csv_files import read_text
from planeval.io.workbook_cells import LIMITS, Cell, Limits, Merge, SheetCells, read_workbook

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv",)

__all__ = ["Cell", "Grid", "Merge", "read_grids"]


@dataclass(frozen=True)
class Grid:
    """One sheet: ``name`` (the sheet's title, or the CSV file's name), its cells by (row,
    column), 1-based, and its merged ranges by each cell they cover; ``formulas``, the cells
    holding a formula with no computed value; ``hidden`` (a hidden sheet), ``hidden_rows`` and
    ``hidden_columns``; ``overflow``, when not empty, why the sheet was not read (see
    :class:`planeval.io.workbook_cells.SheetCells`)."""

    name: str
    cells: Mapping[tuple[int, int], Cell]
    rows: int
    columns: int
    merged: Mapping[tuple[int, int], Merge] = field(default_factory=dict)
    formulas: frozenset[tuple[int, int]] = frozenset()
    hidden: bool = False
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()
    overflow: str = ""
    """Why the sheet was not read (content beyond the limits), or empty."""

    def cell(self, row: int, column: int) -> Cell:
        """The cell itself (a value cell: a merge's value only in its top-left cell)."""
        return self.cells.get((row, column), Cell())

    def filled(self, row: int, column: int) -> Cell:
        """The cell, or in a merged range the range's top-left cell (headers, categories)."""
        merge = self.merged.get((row, column))
        return self.cell(*merge.top_left) if merge else self.cell(row, column)

    def text(self, row: int, column: int) -> str:
        return self.filled(row, column).text

    def merge(self, row: int, column: int) -> Merge | None:
        return self.merged.get((row, column))


def read_grids(path: Path, limits: Limits = LIMITS) -> list[Grid]:
    """The sheets of an .xlsx workbook, or the one sheet of a CSV file (UTF-8 or GB18030).

    Raises:
        PlanFormatError: no such file, another kind of file, or one that cannot be opened.
    """
    if not path.is_file():
        raise PlanFormatError(str(path), "no such file")
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return [_csv_grid(path, limits)]
    if suffix in XLSX_SUFFIXES:
        return [sheet_grid(sheet) for sheet in read_workbook(path, limits)]
    raise PlanFormatError(str(path), "is neither an Excel .xlsx workbook nor a .csv file")


def sheet_grid(sheet: SheetCells) -> Grid:
    """The grid of a worksheet as :func:`planeval.io.workbook_cells.read_workbook` read it."""
    merged = {position: merge for merge in sheet.merges for position in merge.cells()}
    return Grid(sheet.title, sheet.cells, sheet.rows, sheet.columns, merged, sheet.formulas, sheet.hidden,
                sheet.hidden_rows, sheet.hidden_columns, sheet.overflow.message if sheet.overflow else "")  # fmt: skip


def _csv_grid(path: Path, limits: Limits) -> Grid:
    cells: dict[tuple[int, int], Cell] = {}
    rows = 0
    for number, row in enumerate(csv.reader(read_text(path).splitlines()), start=1):
        filled = [(column, value.strip()) for column, value in enumerate(row, start=1) if value.strip()]
        overflow = _csv_overflow(number, filled, limits)
        if overflow or len(cells) + len(filled) > limits.cells:
            message = overflow or f"the file has more than {limits.cells:,} filled cells; a file has at most that many"
            return Grid(path.name, {}, 0, 0, overflow=message)
        cells |= {(number, column): Cell(value) for column, value in filled}
        rows = number if filled else rows
    return Grid(path.name, cells, rows, max((column for _, column in cells), default=0))


def _csv_overflow(number: int, filled: list[tuple[int, str]], limits: Limits) -> str:
    if filled and number > limits.rows:
        return f"the file has data in row {number:,}; a file has at most {limits.rows:,} rows"
    if filled and filled[-1][0] > limits.columns:
        return f"the file has data in column {filled[-1][0]:,}; a file has at most {limits.columns:,} columns"
    return ""
