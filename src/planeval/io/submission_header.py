"""Where a department's table is on its sheet, and what each column holds.

The header is the first row with 代码 or 指标 in it, with the rows below it that carry
sub-headers: a merged group (``2023年`` merged over ``1-6月`` and ``全年``), or a group header
typed once over columns that are not merged (centred across the selection, a plain two-row
header, every CSV file). An unmerged group header gives its year to the sub-columns to its right,
up to the next header of that row or the end of the table. When that is not clear — the year
stands right of its first sub-column, or a group would name one period twice (its next year left
out) — the columns are not read and the reason is given: a value is never stored under a period
guessed wrong.

A sub-header naming no year takes it from the nearest text above that names one: its group, the
title lines above the table (not a line that dates the report, ``填报日期：2024年1月15日``), the
sheet's name. A title and a sheet name naming different years leave it unread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from planeval.domain.numbers import is_preliminary_note
from planeval.domain.period import format_period
from planeval.domain.period_header import (
    CUMULATIVE_WORDS,
    GROWTH_WORDS,
    HeaderPeriod,
    context_period,
    is_period_part,
    read_period_header,
)
from planeval.domain.units import split_header_unit
from planeval.errors import PeriodError
from planeval.io.grid import Grid

ROLES = {
    "code": ("代码", "编码", "编号", "指标代码", "指标编码", "指标编号", "code"),
    "name": ("指标", "指标名称", "名称", "name", "indicator"),
    "unit": ("单位", "计量单位", "unit"),
    "category": ("类别", "方面", "分类", "领域", "category", "aspect"),
    "period": ("时期", "期别", "统计期", "报告期", "时间", "period"),
    "value": ("数值", "值", "数据", "本期值", "value"),
}
"""Header texts (blanks removed, lower case) → the role of their column."""
IGNORED_WORDS = ("序号", "目标", "属性", "备注", "说明", "责任单位", "来源", "填报", "note", "source")
"""Columns whose header holds one of these words carry no values to store."""
BASE_WORDS = ("基期值", "基期", "基数")
"""A header (or its bracket) marking the plan's base year: ``2020年（基期）``, ``基期值``."""
HEADER_SEARCH_ROWS = 30


@dataclass(frozen=True)
class Column:
    """A column of values: its number, its period (None with the ``error`` why not), its unit,
    whether its header marks its values preliminary (``2023年（快报）``), ``base`` for a column
    headed 基期 or 基期值 alone (the plan's base year, which its reader knows: the period is None
    then), and ``growth`` for a column of growth rates (``比上年增长``), which only an indicator
    that is a growth rate reads."""

    number: int
    period: HeaderPeriod | None
    unit: str = ""
    preliminary: bool = False
    error: str = ""
    base: bool = False
    growth: bool = False


@dataclass(frozen=True)
class Header:
    """Where a sheet's table is: the header's first and last row, role → column, the value
    columns (wide layout), and the unit a ``单位：…`` line above the table declares."""

    first: int
    last: int
    roles: dict[str, int]
    values: tuple[Column, ...] = ()
    unit: str = ""

    @property
    def long(self) -> bool:
        return "period" in self.roles and "value" in self.roles


def find_header(grid: Grid) -> Header | None:
    """The table's header: the first row with a 代码 or 指标 column, with the rows below it
    that hold sub-headers; None when the sheet has none."""
    for first in range(1, min(grid.rows, HEADER_SEARCH_ROWS) + 1):
        roles: dict[str, int] = {}
        for column in range(1, grid.columns + 1):
            role = _role(grid.text(first, column))
            if role is not None and role not in roles:
                roles[role] = column
        if "code" in roles or "name" in roles:
            last = _last_header_row(grid, first, set(roles.values()))
            unit = _unit_above(grid, first)
            long = "period" in roles and "value" in roles
            columns = () if long else _value_columns(grid, first, last, roles)
            return Header(first, last, roles, columns, unit)
    return None


def _role(text: str) -> str | None:
    key = re.sub(r"\s+", "", split_header_unit(text)[0]).lower()
    return next((role for role, words in ROLES.items() if key in words), None)


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
    if last == first and _sub_headers_below(grid, first, role_columns):
        last = first + 1
    return last


def _sub_headers_below(grid: Grid, first: int, role_columns: set[int]) -> bool:
    """True when the row under the header holds sub-headers without a merge: period parts
    (``1-6月``, ``全年``) under the value columns, nothing under 代码 or 指标."""
    row = first + 1
    if any(grid.text(row, column) for column in role_columns):
        return False
    others = [grid.filled(row, column).value for column in range(1, grid.columns + 1) if column not in role_columns]
    return any(is_period_part(value) for value in others)


def _unit_above(grid: Grid, first: int) -> str:
    for row in range(1, first):
        for column in range(1, grid.columns + 1):
            label, unit = split_header_unit(grid.text(row, column))
            if unit and not label:
                return unit
    return ""


@dataclass(frozen=True)
class _Group:
    """A header above a sub-header: its value and where it starts (row, column)."""

    value: Any
    row: int
    column: int


def _group(grid: Grid, row: int, column: int, role_columns: set[int]) -> _Group | None:
    """The group header over ``column`` in header ``row``: the cell itself (or its merge), else
    the nearest header to its left, up to the nearest 代码/指标/单位… column."""
    merge = grid.merge(row, column)
    if merge is not None:
        return _Group(grid.filled(row, column).value, *merge.top_left)
    if grid.text(row, column):
        return _Group(grid.cell(row, column).value, row, column)
    for left in range(column - 1, 0, -1):
        if left in role_columns:
            return None
        if grid.text(row, left):
            return _Group(grid.filled(row, left).value, row, left)
    return None


def titles_above(grid: Grid, first: int) -> list[str]:
    """The texts above the table whose header starts at row ``first``, nearest row first."""
    return [text for row in range(first - 1, 0, -1) for c in range(1, grid.columns + 1) if (text := grid.text(row, c))]


def _value_columns(grid: Grid, first: int, last: int, roles: dict[str, int]) -> tuple[Column, ...]:
    role_columns = set(roles.values())
    value_columns = [c for c in range(1, grid.columns + 1) if c not in role_columns]
    titles = titles_above(grid, first)
    columns: list[Column] = []
    groups: dict[tuple[int, int], list[int]] = {}
    for number in value_columns:
        bottom = next((row for row in range(last, first - 1, -1) if grid.text(row, number)), None)
        if bottom is None:
            continue
        label, unit = split_header_unit(grid.text(bottom, number))
        if any(word in label.lower() for word in IGNORED_WORDS):
            continue
        above = [g for row in range(bottom - 1, first - 1, -1) if (g := _group(grid, row, number, role_columns))]
        column = _column(grid, number, bottom, label, unit, above, titles)
        if is_period_part(label):
            column = _checked_group(grid, first, bottom, number, column, above, titles)
            for group in above[:1] if column.period is not None else ():
                groups.setdefault((group.row, group.column), []).append(len(columns))
        columns.append(column)
    return tuple(_without_repeats(columns, groups, grid))


def _column(grid: Grid, number: int, bottom: int, label: str, unit: str, above: list[_Group],
            titles: list[str]) -> Column:  # fmt: skip
    """The column read from its header ``label`` (its bracket ``unit``) and what stands above it."""
    notes = [unit, *(split_header_unit(str(group.value or ""))[1] for group in above)]
    preliminary = any(is_preliminary_note(note) for note in notes) or grid.text(bottom, number).rstrip().endswith("*")
    units = [note for note in notes if note and not _is_remark(note)]
    if label in BASE_WORDS:
        return Column(number, None, units[0] if units else "", preliminary, base=True)
    value = grid.filled(bottom, number).value
    cell = label if isinstance(value, str) else value
    contexts = [group.value for group in above] + titles + [grid.name]
    growth = any(word in label for word in GROWTH_WORDS)
    try:
        period = read_period_header(cell, contexts)
    except PeriodError as error:
        return Column(number, None, error=str(error), growth=growth)
    return Column(number, period, units[0] if units else "", preliminary, growth=period.growth)


def _is_remark(note: str) -> bool:
    """True for a bracket in a header that is no unit: 预计, 快报, 累计, 基期, p…"""
    remarks = (*CUMULATIVE_WORDS, *BASE_WORDS)
    return is_preliminary_note(note) or any(word in note for word in remarks) or note.lower() in ("p", "e")


def _checked_group(grid: Grid, first: int, bottom: int, number: int, column: Column, above: list[_Group],
                   titles: list[str]) -> Column:  # fmt: skip
    """``column`` (a sub-header naming no year), or unread when its year is not clear."""
    if not any(context_period(group.value) for group in above):
        ahead = next((grid.text(row, c) for row in range(first, bottom) for c in range(number + 1, grid.columns + 1)
                      if context_period(grid.text(row, c))), "")  # fmt: skip
        if ahead:
            return replace(column, period=None, error=(
                f"the year over {grid.text(bottom, number)!r} is not clear: {ahead!r} stands right of it; put the "
                f"year over the first column of its group, or merge it over the group's columns"))  # fmt: skip
        return _title_and_sheet(grid, column, bottom, number, titles) if column.period is not None else column
    return column


def _title_and_sheet(grid: Grid, column: Column, bottom: int, number: int, titles: list[str]) -> Column:
    """``column``, or unread when the title above the table and the sheet's name name different
    years and the header names none."""
    title = next((found for text in titles if (found := context_period(text))), None)
    sheet = context_period(grid.name)
    if title is None or sheet is None or title[0] == sheet[0]:
        return column
    return replace(column, period=None, error=(
        f"the title names {title[0]} but the sheet is named {grid.name!r}: write the year in the header "
        f"({title[0]}年{grid.text(bottom, number)} or {sheet[0]}年{grid.text(bottom, number)})"))  # fmt: skip


def _without_repeats(columns: list[Column], groups: dict[tuple[int, int], list[int]], grid: Grid) -> list[Column]:
    """``columns`` with every column of a group that names one period twice left unread: the
    year of a following group was left out (``2023年`` over 1-6月, 全年, 1-6月, 全年)."""
    for (row, column), members in groups.items():
        periods = [columns[i].period.period for i in members if columns[i].period is not None]  # type: ignore[union-attr]
        repeated = next((p for p in periods if periods.count(p) > 1), None)
        if repeated is None:
            continue
        message = (f"the columns under {grid.text(row, column)!r} name {format_period(repeated)} twice: put the "
                   f"year over each group of columns (or merge it over its group)")  # fmt: skip
        for i in members:
            columns[i] = replace(columns[i], period=None, error=message)
    return columns
