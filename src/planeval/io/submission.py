"""A department's submission of values, read against a plan before anything is stored.

The file is an Excel workbook (every visible sheet with a table is read) or a CSV file, in one
of two layouts, found from the header row (the first row with 代码 or 指标 in it; see
:mod:`planeval.io.submission_header` for the header and its periods):

- **wide**: one indicator a row, one period a column::

      类别 | 指标 | 单位 | 2023年        |  2024年
           |      |      | 1-6月 | 全年  |  1-6月
      (2023年 merged over 1-6月 and 全年, or typed once over them; 类别 merged over its indicators)

- **long**: one value a row, with the columns 代码 or 指标, 时期 (or 期别, 统计期, period) and
  数值 (or 值, value), and optionally 单位.

Cells are read as people type them (:func:`planeval.domain.numbers.read_number`) and each value
is converted to its indicator's unit: from the cell's own unit (``68,653万吨``) or number format
(``0.0"万元"``), else the row's unit (its 单位, or the brackets ending its name:
``粮食综合生产能力（万吨）``), else the column's header (``2023年（亿吨）``), else a ``单位：亿吨`` line
above the table. A row's unit and its column's that differ are a problem, not a guess.

Nothing is refused silently and nothing is guessed. Every cell that cannot be stored is a
:class:`Problem` naming sheet, row and column: an unknown indicator, a period that cannot be read,
is not clear or lies outside the plan period (the base year is accepted: its value revises the
baseline), a value given twice, a unit that does not convert, a value noted for another period
(``12（2022年数据）``), a percent typed as a fraction (0.6616 for a rate last at 65.22 %), a formula
whose result the file does not hold, a sheet with content beyond the reading limits. A value far
from the indicator's last known one (100×, or a change of more than 50 %) is a *warning*: a
problem that an import lets through with an explanation. What is skipped on purpose is a *note*:
a hidden sheet, row or value column, a growth column (``比上年增长``) of an indicator that is not a
growth rate. ``—``, ``暂无`` and ``不适用`` are kept as blanks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from planeval.domain.indicator import Indicator
from planeval.domain.numbers import Reading, in_unit, read_number
from planeval.domain.observation import Observation
from planeval.domain.period import Period, format_period
from planeval.domain.period_header import HeaderPeriod, read_period_header
from planeval.domain.plan import Plan
from planeval.domain.plausibility import fraction_warning, jump_warning, reference
from planeval.domain.units import clean_unit, split_header_unit
from planeval.errors import NumberError, PeriodError
from planeval.io.excel_table import is_note
from planeval.io.grid import Grid, read_grids
from planeval.io.indicator_names import IndicatorNames
from planeval.io.submission_header import Column, Header, find_header, titles_above

PERCENT = "%"
FORMULA_PROBLEM = "formula with no computed value: open and save the file in Excel"
_NOTE_YEAR = re.compile(r"(?<!\d)((?:19|20|21)\d\d)\s*年?(?!\d)")


@dataclass(frozen=True)
class SubmittedValue:
    """A value that would be stored: indicator ``code``, ``period``, ``value`` in the
    indicator's ``unit``; ``preliminary`` (marked *, 预计, 初步核算…), ``cumulative`` (its column
    is 1-N月 or 累计); ``raw`` the cell as typed; where it was read (``row`` 1-based, ``column``
    a letter)."""

    code: str
    period: Period
    value: float
    unit: str
    preliminary: bool
    cumulative: bool
    raw: str
    sheet: str
    row: int
    column: str


@dataclass(frozen=True)
class Problem:
    """Why something in the file cannot be stored; ``row`` and ``column`` None for the whole
    sheet (or file). A ``warning`` (a jump against the last value) may be let through with an
    explanation. A note (in :attr:`Submission.notes`) has the same shape and says what was
    skipped on purpose."""

    sheet: str
    row: int | None
    column: str | None
    message: str
    warning: bool = False


@dataclass(frozen=True)
class Blank:
    """A cell saying there is no value: missing (—, /, 暂无) or ``not_applicable`` (不适用)."""

    code: str
    period: Period
    not_applicable: bool
    raw: str
    sheet: str
    row: int
    column: str


@dataclass(frozen=True)
class Submission:
    """What a file holds: the values to store, the blanks, every problem (warnings among them),
    and notes on what was skipped on purpose."""

    observations: tuple[SubmittedValue, ...] = ()
    problems: tuple[Problem, ...] = ()
    blanks: tuple[Blank, ...] = ()
    notes: tuple[Problem, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that no explanation lets through."""
        return tuple(p for p in self.problems if not p.warning)


def read_submission(path: Path, plan: Plan, known: Iterable[Observation] = ()) -> Submission:
    """Read the values in ``path`` (.xlsx or .csv, wide or long layout) for ``plan``; ``known``
    are the values already known (the plan folder's, the approved ones), the reference of the
    checks for fractions and jumps (with each indicator's baseline when it has none).

    Raises:
        PlanFormatError: the file does not exist, is neither .xlsx nor .csv, or cannot be
            opened. Everything inside the file that cannot be stored is a Problem instead.
    """
    by_code: dict[str, list[Observation]] = {}
    for observation in known:
        by_code.setdefault(observation.code, []).append(observation)
    reader = _Reader(plan, by_code, IndicatorNames(plan.indicators))
    grids = read_grids(path)
    read_any = [reader.read(grid) for grid in grids]
    if not any(read_any) and not reader.problems:
        reader.problems.append(
            Problem(
                grids[0].name if len(grids) == 1 else "",
                None,
                None,
                "no sheet has a header row naming the indicators (指标 or 代码) and the periods "
                "(2023年, 1-6月… or a 时期 and a 数值 column)",
            )
        )
    return Submission(tuple(reader.observations), tuple(reader.problems), tuple(reader.blanks), tuple(reader.notes))


def submission_to_dict(submission: Submission) -> dict[str, Any]:
    """``{"observations": [{"code", "period", "value", "unit", "preliminary", "cumulative", "raw",
    "sheet", "row", "column"}], "problems": [{"sheet", "row", "column", "message", "warning"}],
    "blanks": [{"code", "period", "not_applicable", "raw", "sheet", "row", "column"}], "notes":
    [{"sheet", "row", "column", "message"}]}``, periods as canonical labels (``2023H1``)."""
    return {
        "observations": [
            {
                "code": o.code, "period": format_period(o.period), "value": o.value, "unit": o.unit,
                "preliminary": o.preliminary, "cumulative": o.cumulative, "raw": o.raw,
                "sheet": o.sheet, "row": o.row, "column": o.column,
            }
            for o in submission.observations
        ],
        "problems": [
            {"sheet": p.sheet, "row": p.row, "column": p.column, "message": p.message, "warning": p.warning}
            for p in submission.problems
        ],
        "blanks": [
            {"code": b.code, "period": format_period(b.period), "not_applicable": b.not_applicable, "raw": b.raw,
             "sheet": b.sheet, "row": b.row, "column": b.column}
            for b in submission.blanks
        ],
        "notes": [{"sheet": n.sheet, "row": n.row, "column": n.column, "message": n.message} for n in submission.notes],
    }  # fmt: skip


@dataclass(frozen=True)
class _Row:
    """A table row as read: its indicator and its unit (its 单位, or its name's brackets)."""

    number: int
    indicator: Indicator
    unit: str


@dataclass
class _Reader:
    plan: Plan
    known: dict[str, list[Observation]]
    names: IndicatorNames
    observations: list[SubmittedValue] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    blanks: list[Blank] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    seen: dict[tuple[str, Period], str] = field(default_factory=dict)

    def read(self, grid: Grid) -> bool:
        """Read one sheet; False when it has no table (or is not read at all)."""
        if grid.overflow:
            self.problems.append(Problem(grid.name, None, None, grid.overflow))
            return False
        if grid.hidden:
            if grid.cells:
                self.notes.append(Problem(grid.name, None, None, f"hidden sheet {grid.name} is skipped"))
            return False
        header = find_header(grid)
        if header is None:
            return False
        start, skipped, by_row = len(self.problems), set[int](), _columns_by_row(grid)
        for row in range(header.last + 1, grid.rows + 1):
            first = next((text for c in by_row.get(row, ()) if (text := grid.text(row, c))), "")
            if is_note(first, self.names.names):
                break
            if row in grid.hidden_rows:
                self.notes.append(Problem(grid.name, row, None, f"hidden row {row} ({first}) is skipped"))
            elif first:
                self._row(grid, header, row, skipped)
        if not header.long:
            self._unread_columns(grid, header)
        self._formulas(grid, header)
        self.problems[start:] = sorted(self.problems[start:], key=lambda p: (p.row or 0, _column_order(p.column)))
        return True

    def _row(self, grid: Grid, header: Header, number: int, skipped: set[int]) -> None:
        columns = _row_columns(grid, header, number)
        filled = [c for c in columns if grid.cell(number, c.number).text]
        row = self._indicator_row(grid, header, number, bool(filled))
        if row is None:
            return
        for column in filled:
            if column.number in grid.hidden_columns:
                self._skip_column(grid, header, column, skipped, f"hidden column {get_column_letter(column.number)}")
            elif column.growth and not row.indicator.is_growth_rate:
                self._skip_column(grid, header, column, skipped, "a growth column")
            elif column.period is None and (header.long or column.growth):
                where = header.roles["period"] if header.long else column.number
                self._problem(grid, number, where, f"{row.indicator.code}: {column.error}")
            else:
                self._cell(grid, row, column, header.unit)

    def _indicator_row(self, grid: Grid, header: Header, number: int, filled: bool) -> _Row | None:
        """The row's indicator and unit; None (with the problem when the row holds values)."""
        keys = [grid.text(number, header.roles[role]) for role in ("code", "name") if role in header.roles]
        category = grid.text(number, header.roles["category"]) if "category" in header.roles else ""
        match = self.names.find(keys, category)
        key_column = header.roles.get("code", header.roles.get("name", 1))
        if match.indicator is None:
            if match.why and filled:
                self._problem(grid, number, key_column, match.why)
            return None
        declared = grid.text(number, header.roles["unit"]) if "unit" in header.roles else ""
        if declared and match.unit and clean_unit(declared) != clean_unit(match.unit):
            message = (f"{match.indicator.code}: the 单位 column says {clean_unit(declared)} and the name says "
                       f"{clean_unit(match.unit)}: keep one")  # fmt: skip
            self._problem(grid, number, header.roles["unit"], message)
            return None
        return _Row(number, match.indicator, clean_unit(declared or match.unit))

    def _skip_column(self, grid: Grid, header: Header, column: Column, skipped: set[int], what: str) -> None:
        if column.number not in skipped:
            skipped.add(column.number)
            letter = get_column_letter(column.number)
            label = grid.text(header.last, column.number) or grid.text(header.first, column.number)
            message = f"{what} ({letter}, {label}) is skipped"
            if what == "a growth column":
                message = f"growth column {letter} ({label}) is skipped: its indicators are not growth rates"
            self.notes.append(Problem(grid.name, header.last, letter, message))

    def _cell(self, grid: Grid, row: _Row, column: Column, sheet_unit: str) -> None:
        cell, indicator = grid.cell(row.number, column.number), row.indicator
        found = self._period(grid, row, column)
        if found is None:
            return
        period, cumulative = found
        if row.unit and column.unit and clean_unit(row.unit) != clean_unit(column.unit):
            message = (f"{indicator.code}: the row's unit {clean_unit(row.unit)} and the column's unit "
                       f"{clean_unit(column.unit)} disagree: keep one")  # fmt: skip
            self._problem(grid, row.number, column.number, message)
            return
        try:
            reading = read_number(cell.value, cell.number_format)
            value = in_unit(reading, indicator.unit, row.unit or column.unit or sheet_unit)
        except NumberError as error:
            self._problem(grid, row.number, column.number, f"{indicator.code}: {error}")
            return
        place = (grid.name, row.number, get_column_letter(column.number))
        if value is None:
            self.blanks.append(Blank(indicator.code, period, reading.not_applicable, cell.text, *place))
            return
        message = self._refused(indicator, period, reading)
        if message:
            self._problem(grid, row.number, column.number, message)
            return
        self.seen[(indicator.code, period)] = f"{grid.name} {place[2]}{row.number}"
        if not self._plausible(
            grid, row, column.number, period, (reading, value), row.unit or column.unit or sheet_unit
        ):
            return
        self.observations.append(
            SubmittedValue(indicator.code, period, value, clean_unit(indicator.unit),
                           reading.estimated or column.preliminary, cumulative, cell.text, *place)
        )  # fmt: skip

    def _period(self, grid: Grid, row: _Row, column: Column) -> tuple[Period, bool] | None:
        """(period, cumulative) of a value cell; None for a column whose header is not a period
        (reported once for the column)."""
        if column.base:
            return Period.of_year(self.plan.base_year), False
        if column.period is None:
            return None
        return column.period.period, column.period.cumulative

    def _refused(self, indicator: Indicator, period: Period, reading: Reading) -> str:
        """Why a value read cannot be stored: outside the plan period, given twice, or noted
        for another year."""
        if not self.plan.base_year <= period.year <= self.plan.end_year:
            return (f"{indicator.code} {format_period(period)} is outside the plan period {self.plan.start_year}–"
                    f"{self.plan.end_year} (and is not its base year {self.plan.base_year})")  # fmt: skip
        key = (indicator.code, period)
        if key in self.seen:
            return f"{indicator.code} {format_period(period)} is given twice: first at {self.seen[key]}"
        other = sorted({int(year) for year in _NOTE_YEAR.findall(reading.note)} - {period.year})
        if other:
            return (f"{indicator.code}: the note ({reading.note}) names {', '.join(map(str, other))}, not "
                    f"{period.year}, the year of its column: put the value under that year")  # fmt: skip
        return ""

    def _plausible(self, grid: Grid, row: _Row, column: int, period: Period, read: tuple[Reading, float],
                   declared: str) -> bool:  # fmt: skip
        """False for a percent typed as a fraction (a problem); a jump against the last value is
        a warning, and the value is kept. ``read``: the cell's reading and its value converted."""
        (reading, value), indicator = read, row.indicator
        if clean_unit(indicator.unit) == PERCENT and clean_unit(declared) in ("", PERCENT):
            fraction = fraction_warning(reading, reference(indicator, period, self.known.get(indicator.code, ())))
            if fraction:
                self._problem(grid, row.number, column, f"{indicator.code}: {fraction}")
                return False
        known = self.known.get(indicator.code, ())
        jump = jump_warning(value, reference(indicator, period, known, baseline=False, same_span=True))
        if jump:
            self._problem(grid, row.number, column, f"{indicator.code}: {jump}", warning=True)
        return True

    def _unread_columns(self, grid: Grid, header: Header) -> None:
        for column in header.values:
            used = any(grid.cell(row, column.number).text for row in range(header.last + 1, grid.rows + 1))
            if column.error and used and not column.growth and column.number not in grid.hidden_columns:
                self._problem(grid, header.last, column.number, column.error)

    def _formulas(self, grid: Grid, header: Header) -> None:
        for row, column in sorted(grid.formulas):
            if row not in grid.hidden_rows:
                self._problem(grid, row, column, FORMULA_PROBLEM)

    def _problem(self, grid: Grid, row: int | None, column: int | None, message: str, warning: bool = False) -> None:
        self.problems.append(Problem(grid.name, row, get_column_letter(column) if column else None, message, warning))


def _column_order(letter: str | None) -> tuple[int, str]:
    return (len(letter or ""), letter or "")


def _columns_by_row(grid: Grid) -> dict[int, list[int]]:
    """Row → the columns that hold something in it, a merge's value included, in order."""
    found: dict[int, set[int]] = {}
    for row, column in (*grid.cells, *grid.merged):
        found.setdefault(row, set()).add(column)
    return {row: sorted(columns) for row, columns in found.items()}


def _row_columns(grid: Grid, header: Header, row: int) -> list[Column]:
    """The value cells of ``row``: each period column (wide), or the one value cell (long)."""
    if not header.long:
        return list(header.values)
    text = grid.text(row, header.roles["period"])
    unit = split_header_unit(grid.text(header.first, header.roles["value"]))[1]
    try:
        contexts = [*titles_above(grid, header.first), grid.name]
        period = read_period_header(grid.filled(row, header.roles["period"]).value, contexts)
    except PeriodError as error:
        return [Column(header.roles["value"], None, error=str(error) if text else "the period is empty")]
    return [Column(header.roles["value"], HeaderPeriod(period.period, period.cumulative), unit)]
