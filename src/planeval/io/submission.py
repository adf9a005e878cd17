"""A department's submission of values, read against a plan before anything is stored.

The file is an Excel workbook (every sheet with a table is read) or a CSV file, in one of two
layouts, found from the header row (the first row with 代码 or 指标 in it):

- **wide**: one indicator a row, one period a column::

      类别 | 指标 | 单位 | 2023年        |  2024年
           |      |      | 1-6月 | 全年  |  1-6月
      (a merged 2023年 over 1-6月 and 全年; 类别 merged over its indicators)

- **long**: one value a row, with the columns 代码 or 指标, 时期 (or 期别, 统计期, period) and
  数值 (or 值, value), and optionally 单位.

Cells are read as people type them (:func:`planeval.domain.numbers.read_number`), periods as
they head columns (:func:`planeval.domain.period_header.read_period_header`), and each value is
converted to its indicator's unit: from the cell's own unit (``68,653万吨``), else the row's 单位,
else the column's header (``2023年（亿吨）``), else a ``单位：亿吨`` line above the table.

Nothing is refused silently and nothing is guessed: every cell that cannot be stored is a
:class:`Problem` naming sheet, row and column — an unknown indicator, a period that cannot be
read or lies outside the plan period, a value given twice, a unit that does not convert, a
column mixing fractions with percents. ``—``, ``暂无`` and ``不适用`` are kept as blanks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from planeval.domain.indicator import Indicator
from planeval.domain.numbers import (
    Reading,
    in_unit,
    is_preliminary_note,
    mixed_fractions,
    normalise,
    read_number,
)
from planeval.domain.period import Period, format_period
from planeval.domain.period_header import HeaderPeriod, read_period_header
from planeval.domain.plan import Plan
from planeval.domain.units import clean_unit, split_header_unit
from planeval.errors import NumberError, PeriodError
from planeval.io.excel_table import is_note
from planeval.io.grid import Grid, read_grids

ROLES = {
    "code": ("代码", "编码", "编号", "指标代码", "指标编码", "指标编号", "code"),
    "name": ("指标", "指标名称", "名称", "name", "indicator"),
    "unit": ("单位", "计量单位", "unit"),
    "category": ("类别", "方面", "分类", "领域", "category", "aspect"),
    "period": ("时期", "期别", "统计期", "报告期", "时间", "period"),
    "value": ("数值", "值", "数据", "本期值", "value"),
}
"""Header texts (blanks removed, lower case) → the role of their column."""
IGNORED_WORDS = ("序号", "目标", "属性", "备注", "说明", "责任单位", "基期", "来源", "填报", "note", "source")
"""Columns whose header holds one of these words carry no values to store."""
HEADER_SEARCH_ROWS = 30
PERCENT = "%"

_NUMBERING = re.compile(r"^(?:\d+|[一二三四五六七八九十]+)[.、)]\s*|^\((?:\d+|[一二三四五六七八九十]+)\)\s*")
_TRAILING_BRACKET = re.compile(r"\([^()]*\)$")


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
    sheet (or file)."""

    sheet: str
    row: int | None
    column: str | None
    message: str


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
    """What a file holds: the values to store, the blanks, and every problem."""

    observations: tuple[SubmittedValue, ...] = ()
    problems: tuple[Problem, ...] = ()
    blanks: tuple[Blank, ...] = ()


def read_submission(path: Path, plan: Plan) -> Submission:
    """Read the values in ``path`` (.xlsx or .csv, wide or long layout) for ``plan``.

    Raises:
        PlanFormatError: the file does not exist, is neither .xlsx nor .csv, or cannot be
            opened. Everything inside the file that cannot be stored is a Problem instead.
    """
    reader = _Reader(plan)
    grids = read_grids(path)
    read_any = [reader.read(grid) for grid in grids]
    if not any(read_any):
        reader.problems.append(
            Problem(
                grids[0].name if len(grids) == 1 else "",
                None,
                None,
                "no sheet has a header row naming the indicators (指标 or 代码) and the periods "
                "(2023年, 1-6月… or a 时期 and a 数值 column)",
            )
        )
    return Submission(tuple(reader.observations), tuple(reader.problems), tuple(reader.blanks))


def submission_to_dict(submission: Submission) -> dict[str, Any]:
    """``{"observations": [{"code", "period", "value", "unit", "preliminary", "cumulative", "raw",
    "sheet", "row", "column"}], "problems": [{"sheet", "row", "column", "message"}], "blanks":
    [{"code", "period", "not_applicable", "raw", "sheet", "row", "column"}]}``, periods as
    canonical labels (``2023H1``)."""
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
            {"sheet": p.sheet, "row": p.row, "column": p.column, "message": p.message} for p in submission.problems
        ],
        "blanks": [
            {"code": b.code, "period": format_period(b.period), "not_applicable": b.not_applicable, "raw": b.raw,
             "sheet": b.sheet, "row": b.row, "column": b.column}
            for b in submission.blanks
        ],
    }  # fmt: skip


@dataclass(frozen=True)
class _Column:
    """A column of values: its number, its period, its unit and whether its header marks its
    values preliminary (``2023年（快报）``)."""

    number: int
    period: HeaderPeriod | None
    unit: str = ""
    preliminary: bool = False
    error: str = ""


@dataclass(frozen=True)
class _Header:
    """Where a sheet's table is: the header's first and last row, role → column, the value
    columns (wide layout), and the unit a ``单位：…`` line above the table declares."""

    first: int
    last: int
    roles: dict[str, int]
    values: tuple[_Column, ...] = ()
    unit: str = ""

    @property
    def long(self) -> bool:
        return "period" in self.roles and "value" in self.roles


@dataclass
class _Reader:
    plan: Plan
    observations: list[SubmittedValue] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    blanks: list[Blank] = field(default_factory=list)
    seen: dict[tuple[str, Period], str] = field(default_factory=dict)

    def read(self, grid: Grid) -> bool:
        """Read one sheet; False when it has no table."""
        header = _header(grid)
        if header is None:
            return False
        start = len(self.problems)
        percents: dict[int, list[tuple[int, Any, Reading]]] = {}
        for row in range(header.last + 1, grid.rows + 1):
            first = next((text for c in range(1, grid.columns + 1) if (text := grid.text(row, c))), "")
            if is_note(first):
                break
            if first:
                self._row(grid, header, row, percents)
        if not header.long:
            self._unread_columns(grid, header)
        self._mixed(grid, percents)
        self.problems[start:] = sorted(self.problems[start:], key=lambda p: (p.row or 0, _column_order(p.column)))
        return True

    def _row(self, grid: Grid, header: _Header, row: int, percents: dict[int, list[tuple[int, Any, Reading]]]) -> None:
        columns = _row_columns(grid, header, row)
        filled = [c for c in columns if grid.cell(row, c.number).text]
        key_column = header.roles.get("code", header.roles.get("name", 1))
        indicator, message = _indicator(self.plan, grid, header, row)
        if indicator is None:
            if message and filled:
                self._problem(grid, row, key_column, message)
            return
        declared = grid.text(row, header.roles["unit"]) if "unit" in header.roles else ""
        for column in filled:
            if column.period is None and header.long:
                self._problem(grid, row, header.roles["period"], f"{indicator.code}: {column.error}")
                continue
            self._cell(grid, row, column, indicator, declared or column.unit or header.unit, percents)

    def _cell(self, grid: Grid, row: int, column: _Column, indicator: Indicator, declared: str,
              percents: dict[int, list[tuple[int, Any, Reading]]]) -> None:  # fmt: skip
        cell = grid.cell(row, column.number)
        if column.period is None:
            return  # a column header that is not a period: reported once for the column
        period = column.period.period
        try:
            reading = read_number(cell.value, cell.number_format)
            value = in_unit(reading, indicator.unit, declared)
        except NumberError as error:
            self._problem(grid, row, column.number, f"{indicator.code}: {error}")
            return
        place = (grid.name, row, get_column_letter(column.number))
        if value is None:
            self.blanks.append(Blank(indicator.code, period, reading.not_applicable, cell.text, *place))
            return
        if not self.plan.start_year <= period.year <= self.plan.end_year:
            message = (f"{indicator.code} {format_period(period)} is outside the plan period "
                       f"{self.plan.start_year}–{self.plan.end_year}")  # fmt: skip
            self._problem(grid, row, column.number, message)
            return
        key = (indicator.code, period)
        if key in self.seen:
            message = f"{indicator.code} {format_period(period)} is given twice: first at {self.seen[key]}"
            self._problem(grid, row, column.number, message)
            return
        self.seen[key] = f"{grid.name} {place[2]}{row}"
        if clean_unit(indicator.unit) == PERCENT:
            percents.setdefault(column.number, []).append((len(self.observations), cell.value, reading))
        self.observations.append(
            SubmittedValue(indicator.code, period, value, clean_unit(indicator.unit),
                           reading.estimated or column.preliminary, column.period.cumulative, cell.text, *place)
        )  # fmt: skip

    def _unread_columns(self, grid: Grid, header: _Header) -> None:
        for column in header.values:
            used = any(grid.cell(row, column.number).text for row in range(header.last + 1, grid.rows + 1))
            if column.error and used:
                self._problem(grid, header.last, column.number, column.error)

    def _mixed(self, grid: Grid, percents: dict[int, list[tuple[int, Any, Reading]]]) -> None:
        """Fractions among percents in one column: problems, and taken out of the values."""
        dropped: set[int] = set()
        for number, cells in percents.items():
            positions = mixed_fractions([(cell, reading) for _, cell, reading in cells])
            for position in positions:
                index, cell, reading = cells[position]
                value = self.observations[index]
                other = next(self.observations[i].raw for i, _, _ in cells if i not in {cells[p][0] for p in positions})
                message = (f"{value.code}: {value.raw} looks like a fraction ({(reading.value or 0) * 100:g}%) "
                           f"while this column also holds percents ({other}); write every value of the column "
                           f"as a percent")  # fmt: skip
                self._problem(grid, value.row, number, message)
                dropped.add(index)
        self.observations[:] = [o for i, o in enumerate(self.observations) if i not in dropped]

    def _problem(self, grid: Grid, row: int | None, column: int | None, message: str) -> None:
        self.problems.append(Problem(grid.name, row, get_column_letter(column) if column else None, message))


def _column_order(letter: str | None) -> tuple[int, str]:
    return (len(letter or ""), letter or "")


def _role(text: str) -> str | None:
    key = re.sub(r"\s+", "", split_header_unit(text)[0]).lower()
    return next((role for role, words in ROLES.items() if key in words), None)


def _header(grid: Grid) -> _Header | None:
    """The table's header: the first row with a 代码 or 指标 column, with the row below when
    the header has merged groups over sub-headers (``2023年`` over ``1-6月`` and ``全年``)."""
    for first in range(1, min(grid.rows, HEADER_SEARCH_ROWS) + 1):
        roles: dict[str, int] = {}
        for column in range(1, grid.columns + 1):
            role = _role(grid.text(first, column))
            if role is not None and role not in roles:
                roles[role] = column
        if "code" in roles or "name" in roles:
            last = _last_header_row(grid, first, set(roles.values()))
            unit = _unit_above(grid, first)
            columns = () if "period" in roles and "value" in roles else _value_columns(grid, first, last, roles)
            return _Header(first, last, roles, columns, unit)
    return None


def _last_header_row(grid: Grid, first: int, role_columns: set[int]) -> int:
    last = first
    for column in range(1, grid.columns + 1):
        merge = grid.merge(first, column)
        if merge is None:
            continue
        top, left, bottom, right = merge.bounds
        last = max(last, bottom)
        if top == first and right > left and column not in role_columns:
            last = max(last, first + 1)  # a group over sub-headers in the row below
    return last


def _unit_above(grid: Grid, first: int) -> str:
    for row in range(1, first):
        for column in range(1, grid.columns + 1):
            label, unit = split_header_unit(grid.text(row, column))
            if unit and not label:
                return unit
    return ""


def _contexts(grid: Grid, first: int, last: int, column: int) -> list[Any]:
    """What stands above a sub-header, nearest first: the group headers of the header rows,
    then the title rows above the table, then the sheet's name."""
    above = [grid.filled(row, column).value for row in range(last - 1, first - 1, -1)]
    titles = [grid.text(row, c) for row in range(first - 1, 0, -1) for c in range(1, grid.columns + 1)]
    return [*above, *(title for title in titles if title), grid.name]


def _value_columns(grid: Grid, first: int, last: int, roles: dict[str, int]) -> tuple[_Column, ...]:
    columns = []
    for number in range(1, grid.columns + 1):
        if number in roles.values():
            continue
        bottom = next((row for row in range(last, first - 1, -1) if grid.text(row, number)), None)
        if bottom is None:
            continue
        label, unit = split_header_unit(grid.text(bottom, number))
        if any(word in label.lower() for word in IGNORED_WORDS):
            continue
        preliminary = is_preliminary_note(unit)
        unit = "" if preliminary else unit
        value = grid.filled(bottom, number).value
        cell = label if isinstance(value, str) else value
        contexts = _contexts(grid, first, bottom, number)
        unit = unit or next((u for c in contexts[: bottom - first] if (u := split_header_unit(str(c or ""))[1])), "")
        try:
            columns.append(_Column(number, read_period_header(cell, contexts), unit, preliminary))
        except PeriodError as error:
            columns.append(_Column(number, None, error=str(error)))
    return tuple(columns)


def _row_columns(grid: Grid, header: _Header, row: int) -> list[_Column]:
    """The value cells of ``row``: each period column (wide), or the one value cell (long)."""
    if not header.long:
        return list(header.values)
    text = grid.text(row, header.roles["period"])
    label, unit = split_header_unit(grid.text(header.first, header.roles["value"]))
    try:
        contexts = _contexts(grid, header.first, header.first, header.roles["period"])
        period = read_period_header(grid.filled(row, header.roles["period"]).value, contexts)
    except PeriodError as error:
        return [_Column(header.roles["value"], None, error=str(error) if text else "the period is empty")]
    return [_Column(header.roles["value"], period, unit)]


def _indicator(plan: Plan, grid: Grid, header: _Header, row: int) -> tuple[Indicator | None, str]:
    """The indicator of ``row`` by its code, else its name (numbering, blanks and a trailing
    unit in brackets ignored); (None, why) when none or several match."""
    keys = [grid.text(row, header.roles[role]) for role in ("code", "name") if role in header.roles]
    keys = [key for key in keys if key]
    if not keys:
        return None, ""
    category = grid.text(row, header.roles["category"]) if "category" in header.roles else ""
    for key in keys:
        found = [i for i in plan.indicators if i.code == key] or _by_name(plan.indicators, key)
        if len(found) > 1 and category:
            found = [i for i in found if _plain(i.aspect) == _plain(category)] or found
        if len(found) == 1:
            return found[0], ""
        if len(found) > 1:
            codes = ", ".join(i.code for i in found)
            return None, f"{key!r} is the name of several indicators ({codes}); give the code"
    return None, f"no indicator {' / '.join(keys)!r} in the plan (expected a code or an indicator name)"


def _by_name(indicators: Iterable[Indicator], key: str) -> list[Indicator]:
    wanted = {_plain(key), _plain(_TRAILING_BRACKET.sub("", _plain(key)))}
    return [i for i in indicators if _plain(i.name) in wanted]


def _plain(text: str) -> str:
    cleaned = re.sub(r"\s+", "", normalise(text))
    return _NUMBERING.sub("", cleaned)
