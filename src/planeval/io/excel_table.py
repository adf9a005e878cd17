"""The main-indicator table as a plan prints it, from an Excel workbook (``indicators.xlsx``).

The standard layout, one indicator a row under a header row::

    序号 | 类别 | 指标 | 单位 | 2020年 | 2025年 | 年均增长〔累计〕 | 属性 | 责任单位

Only 指标 (or 指标名称), 属性 and two year columns (base year, then target year: ``2020年`` or
``2020``) are required; 序号, 代码/编号, 类别, 单位, 年均增长〔累计〕, 责任单位 and 备注 are read
when present. The table is found on the first sheet with a row holding both 指标 and 属性; title
and blank rows above it are skipped, and it ends at the first notes row below it (``注：①…``,
``〔〕内为5年累计数``, ``*为估计数``).

A merged cell (the 类别 spanning its indicators, a 属性 spanning several rows) gives its value to
every cell of its range; an empty cell outside a merge stays empty. Rows whose 指标 and 属性 are
both empty, rows repeating the header and rows spanning the table (one merge from 指标 through
属性) are not indicators and are skipped. Numbers formatted as percent in Excel (a cell showing
``65%`` holds 0.65) are read as printed, and line breaks inside a cell are removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planeval.domain.indicator import Indicator, is_growth_rate_name
from planeval.domain.numbers import MISSING_MARKS, is_percent_format
from planeval.errors import PlanFormatError
from planeval.io.rows import IndicatorRow, Where, build_indicator, text
from planeval.io.workbook_cells import Cell, SheetCells, read_workbook

NAME_HEADERS = ("指标", "指标名称")
ATTRIBUTE_HEADERS = ("属性", "指标属性")
HEADERS = (
    {
        "序号": "seq",
        "代码": "code",
        "编号": "code",
        "类别": "aspect",
        "方面": "aspect",
        "单位": "unit",
        "责任单位": "department",
        "备注": "note",
    }
    | dict.fromkeys(NAME_HEADERS, "name")
    | dict.fromkeys(ATTRIBUTE_HEADERS, "attribute")
)
"""Header text (blanks removed) → the role of its column."""
CUMULATIVE_WORDS = ("年均", "累计")
EXPECTED_LAYOUT = "类别 | 指标 | 单位 | 2020年 | 2025年 | 年均增长〔累计〕 | 属性"
GENERATED_CODE = "I{:02d}"

_YEAR = re.compile(r"^(\d{4})年?$")
_NOTE = re.compile(r"^(注\s*[:：①②③④⑤\d]|注$|说明\s*[:：]|备注\s*[:：]|资料来源|数据来源|〔\s*〕|\[\s*\]|[*＊])")
_BLANKS = re.compile(r"\s+")
_LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")
_NUMBERED_NAME = re.compile(r"^\d+\s*[.．、]\s*")
_UNIT_IN_NAME = re.compile(r"^(.+?)\s*[（(]([^（）()]+)[）)]$")


@dataclass(frozen=True)
class _Columns:
    """Where the table's columns sit: role → 1-based column number, and each role's header."""

    number: Mapping[str, int]
    header: Mapping[str, str]
    base_year: str
    target_year: str


@dataclass(frozen=True)
class _SheetWhere(Where):
    """A :class:`Where` that names a column by the sheet's own header (属性, not attribute)."""

    headers: Mapping[str, str] = field(default_factory=dict)

    def error(self, column: str | None, message: str) -> PlanFormatError:
        return super().error(self.headers.get(column, column) if column else column, message)


def read_indicator_table(path: Path) -> list[Indicator]:
    """The indicators of the main-indicator table in ``path``, in table order.

    Codes come from the 代码/编号 column, else from 序号 (``"1"``), else are generated in row
    order (``I01``, ``I02``, …). The target text is the target-year cell, except for a growth
    rate (…增长 in %) or an empty target-year cell, where the 年均增长〔累计〕 cell is used when it
    has content. An empty list when the header has no indicator row under it.

    Raises:
        PlanFormatError: the file is not an .xlsx workbook; no sheet has a header with 指标 and
            属性; the header lacks its two year columns; or a row cannot be read. The error names
            the file and sheet (``indicators.xlsx [Sheet1]``), the Excel row and the column header.
    """
    sheets = read_workbook(path)
    for sheet in sheets:
        header_row = _header_row(sheet)
        if header_row is not None:
            return _read_sheet(sheet, header_row, f"{path} [{sheet.title}]")
    names = ", ".join(sheet.title for sheet in sheets)
    unread = "".join(f"; sheet {s.title} was not read: {s.overflow.message}" for s in sheets if s.overflow)
    raise PlanFormatError(
        str(path),
        f"no sheet has a header row with 指标 (or 指标名称) and 属性; "
        f"expected a table {EXPECTED_LAYOUT} (sheets searched: {names}){unread}",
    )


def _plain(value: Any) -> str:
    return text({"cell": value}, "cell")


def _header_text(value: Any) -> str:
    return _BLANKS.sub("", _plain(value))


def _row_cells(sheet: SheetCells) -> dict[int, list[tuple[int, Cell]]]:
    """Row number → the row's cells with content, (column, cell) in column order."""
    rows: dict[int, list[tuple[int, Cell]]] = {}
    for (row, column), cell in sorted(sheet.cells.items()):
        rows.setdefault(row, []).append((column, cell))
    return rows


def _header_row(sheet: SheetCells) -> int | None:
    for number, cells in _row_cells(sheet).items():
        found = {_header_text(cell.value) for _, cell in cells}
        if found & set(NAME_HEADERS) and found & set(ATTRIBUTE_HEADERS):
            return number
    return None


def _read_sheet(sheet: SheetCells, header_row: int, place: str) -> list[Indicator]:
    columns = _columns(sheet, header_row, place)
    headers = {
        "code": columns.header.get("code", columns.header.get("seq", "code")),
        "name": columns.header["name"],
        "attribute": columns.header["attribute"],
        "base_year": columns.header["base"],
        "base_value": columns.header["base"],
        "target_year": columns.header["target"],
    }
    indicators: list[Indicator] = []
    rows_of: dict[str, int] = {}
    for number, cells in _indicator_rows(sheet, header_row, columns):
        code = GENERATED_CODE.format(len(indicators) + 1)
        row = _indicator_row(cells, columns, code)
        where = _SheetWhere(place, number, headers)
        if row.code in rows_of:
            raise where.error(
                "code", f"{row.code!r} repeats row {rows_of[row.code]}; every indicator needs its own code"
            )
        rows_of[row.code] = number
        indicators.append(build_indicator(row, where))
    return indicators


def _columns(sheet: SheetCells, header_row: int, place: str) -> _Columns:
    number: dict[str, int] = {}
    header: dict[str, str] = {}
    years: list[tuple[int, str, str]] = []
    for column, cell in _row_cells(sheet).get(header_row, []):
        label = _header_text(cell.value)
        role = HEADERS.get(label)
        if year := _YEAR.match(label):
            years.append((column, label, year.group(1)))
            continue
        if role is None and any(word in label for word in CUMULATIVE_WORDS):
            role = "cumulative"
        if role is not None and role not in number:
            number[role], header[role] = column, label
    if len(years) != 2:
        found = ", ".join(label for _, label, _ in years) or "none"
        raise Where(place, header_row).error(
            None,
            f"expected two year columns, the base year and the target year (e.g. 2020年 and 2025年), found {found}",
        )
    (base_column, base, base_year), (target_column, target, target_year) = years
    number |= {"base": base_column, "target": target_column}
    header |= {"base": base, "target": target}
    return _Columns(number, header, base_year, target_year)


def _cell_value(cell: Cell) -> Any:
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and is_percent_format(cell.number_format):
        return round(value * 100, 10)
    if isinstance(value, str):
        return _LINE_BREAK.sub("", value).strip()
    return value


@dataclass(frozen=True)
class PrintedMerge:
    """A merged range and the value of its top-left cell as printed (see :func:`merges`)."""

    value: Any
    coord: str


def merges(sheet: SheetCells) -> dict[tuple[int, int], PrintedMerge]:
    """(row, column) → the merge holding that cell, for every cell of every merged range: how a
    merged header or category gives its value to each cell it spans. The value is the top-left
    cell's, a percent-formatted number as printed (0.65 → 65) and line breaks removed."""
    found: dict[tuple[int, int], PrintedMerge] = {}
    for merged in sheet.merges:
        value = _cell_value(sheet.cells.get(merged.top_left, Cell()))
        found |= dict.fromkeys(merged.cells(), PrintedMerge(value, merged.coord))
    return found


def is_note(text: str, names_indicator: Callable[[str], bool] | None = None) -> bool:
    """True for the first cell of a notes row below a table (``注：①…``, ``说明：``, ``资料来源``,
    ``〔〕内为5年累计数``, ``*为预计数``). A text after a leading ``*`` that ``names_indicator``
    accepts (``*森林覆盖率``) is an indicator with a footnote mark, not a note."""
    if not _NOTE.match(text):
        return False
    rest = text.lstrip("*＊ \u3000")
    return not (names_indicator is not None and rest != text.strip() and rest and names_indicator(rest))


def _indicator_rows(sheet: SheetCells, header_row: int, columns: _Columns) -> Iterator[tuple[int, dict[str, Any]]]:
    """(Excel row number, role → cell value) for each indicator row below the header."""
    merged = merges(sheet)
    rows = _row_cells(sheet)
    for number in range(header_row + 1, sheet.rows + 1):
        printed = {column: _cell_value(cell) for column, cell in rows.get(number, [])}
        if _NOTE.match(next((_plain(value) for _, value in sorted(printed.items()) if _plain(value)), "")):
            return
        cells = {
            role: merged[(number, column)].value if (number, column) in merged else printed.get(column)
            for role, column in columns.number.items()
        }
        if _is_indicator(cells) and not _spans_table(number, columns, merged):
            yield number, cells


def _is_indicator(cells: Mapping[str, Any]) -> bool:
    name, attribute = _header_text(cells.get("name")), _header_text(cells.get("attribute"))
    return bool(name or attribute) and not (name in NAME_HEADERS and attribute in ATTRIBUTE_HEADERS)


def _spans_table(number: int, columns: _Columns, merged: Mapping[tuple[int, int], PrintedMerge]) -> bool:
    name = merged.get((number, columns.number["name"]))
    return name is not None and name == merged.get((number, columns.number["attribute"]))


def _name_and_unit(cells: Mapping[str, Any], columns: _Columns) -> tuple[str, str]:
    """The name without its table numbering (``1.``), and the unit: from the 单位 column, or where
    the table has none, from the name's last parentheses (``国内生产总值（GDP）增长（%）``)."""
    name = _NUMBERED_NAME.sub("", text(cells, "name"))
    if "unit" in columns.number:
        return name, text(cells, "unit")
    match = _UNIT_IN_NAME.match(name)
    return (match.group(1), match.group(2).strip()) if match else (name, "")


def _indicator_row(cells: Mapping[str, Any], columns: _Columns, generated_code: str) -> IndicatorRow:
    name, unit = _name_and_unit(cells, columns)
    target, cumulative = text(cells, "target"), text(cells, "cumulative")
    target_text = _target_text(name, unit, target, cumulative)
    from_growth_column = target_text is cumulative and "年均" in columns.header.get("cumulative", "")
    return IndicatorRow(
        code=_code(cells, generated_code),
        name=name,
        unit=unit,
        aspect=_BLANKS.sub("", text(cells, "aspect")),
        base_year=columns.base_year,
        base_value=cells.get("base"),
        target_year=columns.target_year,
        target_text=target_text,
        attribute=text(cells, "attribute"),
        department=text(cells, "department"),
        note=text(cells, "note"),
        growth_column=from_growth_column,
    )


def _code(cells: Mapping[str, Any], generated_code: str) -> str:
    for role in ("code", "seq"):
        if role in cells:
            return text(cells, role)
    return generated_code


def _target_text(name: str, unit: str, target: str, cumulative: str) -> str:
    """The 年均增长〔累计〕 cell for a growth rate or an empty target-year cell, when it has content."""
    if _has_content(cumulative) and (is_growth_rate_name(name, unit) or not _has_content(target)):
        return cumulative
    return target


def _has_content(cell: str) -> bool:
    return cell.strip() not in MISSING_MARKS
