"""A sheet of cells as a reader of department files sees it: an Excel worksheet with its merged
ranges, or a CSV file, behind one interface.

A merged header or category cell gives its value to every cell of its range (through
:func:`planeval.io.excel_table.merges`); a value cell does not — a merge over two value cells
holds one value, in its top-left cell.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from planeval.domain.numbers import typed_text
from planeval.errors import PlanFormatError
from planeval.io.csv_files import read_text
from planeval.io.excel_table import Merge, merges, open_workbook

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv",)


@dataclass(frozen=True)
class Cell:
    """A cell's content as stored (text, number, date or None) and its Excel number format."""

    value: Any = None
    number_format: str = ""

    @property
    def text(self) -> str:
        """The content as typed (see :func:`planeval.domain.numbers.typed_text`)."""
        return typed_text(self.value, self.number_format)


@dataclass(frozen=True)
class Grid:
    """One sheet: ``name`` (the sheet's title, or the CSV file's name), its cells by (row,
    column), 1-based, and its merged ranges by each cell they cover."""

    name: str
    cells: Mapping[tuple[int, int], Cell]
    rows: int
    columns: int
    merged: Mapping[tuple[int, int], Merge] = field(default_factory=dict)

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


def read_grids(path: Path) -> list[Grid]:
    """The sheets of an .xlsx workbook, or the one sheet of a CSV file (UTF-8 or GB18030).

    Raises:
        PlanFormatError: no such file, another kind of file, or one that cannot be opened.
    """
    if not path.is_file():
        raise PlanFormatError(str(path), "no such file")
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return [_csv_grid(path)]
    if suffix in XLSX_SUFFIXES:
        return [_sheet_grid(sheet) for sheet in open_workbook(path).worksheets]
    raise PlanFormatError(str(path), "is neither an Excel .xlsx workbook nor a .csv file")


def _csv_grid(path: Path) -> Grid:
    rows = list(csv.reader(read_text(path).splitlines()))
    cells = {
        (number, column): Cell(value.strip())
        for number, row in enumerate(rows, start=1)
        for column, value in enumerate(row, start=1)
        if value.strip()
    }
    return Grid(path.name, cells, len(rows), max((len(row) for row in rows), default=0))


def _sheet_grid(sheet: Worksheet) -> Grid:
    cells = {(cell.row, cell.column): Cell(cell.value, cell.number_format or "") for cell in _used(sheet)}
    return Grid(sheet.title, cells, sheet.max_row, sheet.max_column, merges(sheet))


def _used(sheet: Worksheet) -> Iterator[Any]:
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None and not (isinstance(cell.value, str) and not cell.value.strip()):
                yield cell
