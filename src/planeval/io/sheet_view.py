"""A worksheet read by :func:`planeval.io.workbook_cells.read_workbook`, seen through the few
parts of openpyxl's worksheet interface that the key-task reader (:mod:`planeval.io.tasks`)
uses: ``title``, ``max_row``, ``max_column``, ``cell()``, ``iter_rows(max_row=)`` and
``merged_cells.ranges``.

The workbook is streamed with limits on its size (a stray cell in XFD1048576 or a merge over
``D5:XFD1048576`` cannot make the reader walk billions of cells), and only the cells that
exist are held; a cell not in the file reads as None.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from planeval.io.workbook_cells import SheetCells


@dataclass(frozen=True)
class ViewCell:
    """A cell's ``value`` (None when empty) and its 1-based ``row`` and ``column``."""

    value: Any
    row: int
    column: int


@dataclass(frozen=True)
class ViewRange:
    """A merged range's bounds, 1-based and inclusive."""

    min_row: int
    min_col: int
    max_row: int
    max_col: int

    @property
    def cells(self) -> Iterator[tuple[int, int]]:
        return ((r, c) for r in range(self.min_row, self.max_row + 1) for c in range(self.min_col, self.max_col + 1))


@dataclass(frozen=True)
class ViewMerges:
    ranges: tuple[ViewRange, ...]


class SheetView:
    """One worksheet of a streamed workbook (see the module docstring)."""

    def __init__(self, sheet: SheetCells):
        self.title = sheet.title
        self._cells = sheet.cells
        self.merged_cells = ViewMerges(tuple(ViewRange(*merge.bounds) for merge in sheet.merges))
        bottoms = [r.max_row for r in self.merged_cells.ranges]
        rights = [r.max_col for r in self.merged_cells.ranges]
        self.max_row = max([sheet.rows, *bottoms, 1])
        self.max_column = max([sheet.columns, *rights, 1])

    def cell(self, row: int, column: int) -> ViewCell:
        found = self._cells.get((row, column))
        return ViewCell(found.value if found else None, row, column)

    def iter_rows(self, max_row: int | None = None) -> Iterator[tuple[ViewCell, ...]]:
        last = self.max_row if max_row is None else min(max_row, self.max_row)
        for row in range(1, last + 1):
            yield tuple(self.cell(row, column) for column in range(1, self.max_column + 1))
