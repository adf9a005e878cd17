"""The responsibility breakdown (责任分解方案): key tasks and major projects, from the Excel
table offices use or from ``tasks.csv`` in a plan folder.

The Excel layout, one task a row under a header row, found by its names in the first
:data:`HEADER_ROWS` rows of the first sheet that has one (title rows above it are skipped)::

    序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 [| 开始时间] [| 总投资（亿元） | 计划开工 | 计划竣工 |
    实际开工 | 实际竣工] [| 2021年 | … | 2025年] [| 备注]

Only 重点任务 (or 主要任务, 项目名称, …), 牵头单位 (or 责任单位) and 完成时限 are required. A row
with a single printed cell spanning the table (a merge) or numbered as a chapter
(``一、加快构建现代产业体系``, ``（二）…``, ``第三章 …``) sets the chapter of the rows below it. A
merged cell (a lead department spanning several tasks) gives its value to every row of its range.
The table ends at a notes row (``注：…``). Line breaks inside a cell are removed.

Cells are read as people write them:

- 牵头单位 and 配合单位 are split on 、，, ; and blanks (a trailing 等 dropped); when 牵头单位
  names several departments, the first leads, the others cooperate and the note says so.
- 完成时限: ``2025年底前``, ``2023年6月底前``, ``2022年``, ``2024年上半年``, ``2023年二季度``,
  ``2023-06-30``, an Excel date, or a range ``2021—2025年`` (which also gives the start). A year,
  half, quarter or month means its last day. ``长期坚持``, ``持续推进`` and the like
  (:data:`ONGOING_WORDS`) mean the plan's last day, with a note keeping what was written.
- 开始时间, when there is no such column or cell, is 1 January of the plan's first year; a year or
  month there means its first day.
- 总投资（亿元） (or 计划投资; ``（万元）`` is converted to 亿元) makes the row a major project, with
  计划开工, 计划竣工, 实际开工 and 实际竣工 dates read like 完成时限; numbers are read by
  :mod:`planeval.domain.numbers`.
- Columns titled ``2021年`` … ``2025年`` (or ``2021年目标``, ``2021年节点``; also on a second header
  row under a merged 年度目标) hold the yearly milestones.
- Codes are the 序号; when the numbering starts again in each chapter the code is
  ``<chapter number>-<序号>`` (``2-3``); a row without a number gets ``T<position>`` (``T007``).

``tasks.csv`` has the columns code, chapter, text, lead, cooperating, start, due,
planned_investment, planned_start, planned_completion, actual_start, actual_completion and note
(code, text, lead and due required), cells read as above. Beside it, ``task_milestones.csv`` (code,
year, text, done_on) and ``task_updates.csv`` (code, reported_on, percent, investment_completed,
narrative) are optional.

Every error is a :class:`PlanFormatError` naming the file (and sheet), the row and the column as
the file heads it.
"""

from __future__ import annotations

import calendar
import datetime
import re
import zipfile
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from planeval.domain.numbers import MISSING_MARKS, normalise
from planeval.domain.period import parse_period
from planeval.domain.task import Milestone, ProgressUpdate, Project, Task
from planeval.errors import PeriodError, PlanError, PlanFormatError
from planeval.io.csv_files import read_csv
from planeval.io.rows import Where, number, text, year

if TYPE_CHECKING:  # openpyxl is imported only to read a workbook: loading a plan folder needs none
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

HEADER_ROWS = 20
"""How many rows from the top of a sheet are searched for the header row."""
EXPECTED_LAYOUT = "序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限"
HEADERS = {
    **dict.fromkeys(("序号", "编号", "代码"), "code"),
    **dict.fromkeys(
        ("重点任务", "主要任务", "任务", "任务内容", "重点工作", "工作任务", "项目名称", "重大项目", "重点项目"), "text"
    ),  # fmt: skip
    **dict.fromkeys(("章节", "所属章节", "领域"), "chapter"),
    **dict.fromkeys(("牵头单位", "牵头部门", "责任单位", "主要责任单位", "牵头责任单位"), "lead"),
    **dict.fromkeys(("配合单位", "配合部门", "参与单位", "协同单位", "协助单位"), "cooperating"),
    **dict.fromkeys(("完成时限", "完成时间", "完成期限", "时间要求", "时限要求"), "due"),
    **dict.fromkeys(("开始时间", "启动时间", "起始时间"), "start"),
    **dict.fromkeys(("计划开工", "计划开工时间"), "planned_start"),
    **dict.fromkeys(("计划竣工", "计划竣工时间", "计划完工", "计划完工时间"), "planned_completion"),
    **dict.fromkeys(("实际开工", "实际开工时间"), "actual_start"),
    **dict.fromkeys(("实际竣工", "实际竣工时间", "实际完工", "实际完工时间"), "actual_completion"),
    "备注": "note",
}
"""Header text (blanks removed, brackets full-width) → the role of its column."""
INVESTMENT_UNITS = {"": 1.0, "亿元": 1.0, "万元": 1e-4}
"""亿元 per unit of an investment column's header: ``总投资（万元）`` is divided by 10 000."""
ONGOING_WORDS = ("长期坚持", "持续推进", "长期推进", "持续实施", "长期", "持续", "十四五期间", "十四五时期")
"""完成时限 texts that name no date: read as the plan's last day, the text kept in the note."""
TASK_COLUMNS = ("code", "text", "lead", "due")
MILESTONE_COLUMNS = ("code", "year", "text")
UPDATE_COLUMNS = ("code", "reported_on", "percent")
CSV_ALIASES = {name: role for name, role in HEADERS.items() if role != "code"} | {"序号": "code", "编号": "code"}
GENERATED_CODE = "T{:03d}"

_YEAR_HEADER = re.compile(r"^(\d{4})年?度?(?:目标|节点|目标任务|工作目标|任务|进度安排)?$")
_INVESTMENT = re.compile(r"^(?:计划)?总?投资(?:额|总额)?(?:（(亿元|万元)）)?$")
_NOTE = re.compile(r"^(注\s*[:：①②③④⑤\d]|注$|说明\s*[:：]|备注\s*[:：])")
_CHAPTER = re.compile(
    r"^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十\d]+[章篇节部])"
)
_CHAPTER_NUMBER = re.compile(r"^[（(]?[一二三四五六七八九十]+[）)]?$")
_BLANKS = re.compile(r"\s+")
_LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")
_SEPARATORS = re.compile(r"[、，,；;\s]+")
_DATE = re.compile(r"^(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")
_RANGE = re.compile(r"^(\d{4})\s*年?\s*[-—–~至到]+\s*(\d{4})\s*年?$")
_SUFFIX = re.compile(r"^(.*?)(?:年底|年末|年内|底|末|内|份)?(?:以前|之前|前)?(?:完成)?$")


@dataclass(frozen=True)
class When:
    """What a date cell names: its ``first`` and ``last`` day (the same day for a date), a
    ``note`` when the text names no date (长期坚持 → the plan's last day), and for a range of
    years (``2021—2025年``) the ``range_start`` it gives a task."""

    first: datetime.date
    last: datetime.date
    note: str = ""
    range_start: datetime.date | None = None


def read_when(value: Any, end_year: int, column: str, where: Where) -> When | None:
    """The span a date cell names, or None for an empty cell or a missing mark (—).

    Raises:
        PlanFormatError: the cell is no date in any accepted notation (module docstring).
    """
    if isinstance(value, datetime.datetime):
        return When(value.date(), value.date())
    if isinstance(value, datetime.date):
        return When(value, value)
    shown = _BLANKS.sub("", normalise(text({"cell": value}, "cell")))
    written = shown.replace("“", "").replace("”", "").replace('"', "")
    if written in MISSING_MARKS:
        return None
    if any(word in written for word in ONGOING_WORDS):
        end = datetime.date(end_year, 12, 31)
        return When(end, end, f"完成时限：{shown}")
    try:
        return _span(written)
    except (PeriodError, ValueError):
        raise where.error(
            column,
            f"expected a date such as 2025年底前, 2023年6月底前, 2022年, 2023-06-30 or 长期坚持, got {written!r}",
        ) from None


def _span(written: str) -> When:
    if match := _DATE.match(written):
        day = datetime.date(*(int(part) for part in match.groups()))
        return When(day, day)
    if match := _RANGE.match(written):
        first, last = int(match.group(1)), int(match.group(2))
        if last < first:
            raise ValueError(written)
        start = datetime.date(first, 1, 1)
        return When(start, datetime.date(last, 12, 31), range_start=start)
    bare = _SUFFIX.fullmatch(written)
    period = parse_period(bare.group(1) if bare else written)
    first_day = datetime.date(period.year, period.first_month, 1)
    last_day = datetime.date(period.year, period.last_month, calendar.monthrange(period.year, period.last_month)[1])
    return When(first_day, last_day)


def split_departments(cell: str) -> tuple[str, ...]:
    """Department names in a cell, in order, without repeats: ``市发展改革委、市财政局等`` →
    (市发展改革委, 市财政局)."""
    names = [name.removesuffix("等") for name in _SEPARATORS.split(cell.strip())]
    return tuple(dict.fromkeys(name for name in names if name and name not in MISSING_MARKS))


# One task from its cells --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cells:
    """One task's cells by role, where they were read and how the file heads each role."""

    values: Mapping[str, Any]
    where: Where
    headers: Mapping[str, str]
    investment_scale: float = 1.0

    def text(self, role: str) -> str:
        return text(self.values, role)

    def error(self, role: str, message: str) -> PlanFormatError:
        return self.where.error(self.headers.get(role, role), message)

    def required(self, role: str, what: str) -> str:
        value = self.text(role)
        if not value or value in MISSING_MARKS:
            raise self.error(role, f"is empty; every task needs {what}")
        return value

    def when(self, role: str, end_year: int) -> When | None:
        return read_when(self.values.get(role), end_year, self.headers.get(role, role), self.where)

    def number(self, role: str) -> float | None:
        return number(self.values.get(role), self.headers.get(role, role), self.where)[0]


def _build_task(cells: _Cells, code: str, chapter: str, first_year: int, end_year: int,
                milestones: Sequence[Milestone] = ()) -> Task:  # fmt: skip
    """A task from one row's cells; ``chapter`` when the row has no chapter cell of its own."""
    task_text = cells.required("text", "its text")
    leads = split_departments(cells.required("lead", "a lead department"))
    if not leads:
        raise cells.error("lead", "names no department; every task needs a lead department")
    due = cells.when("due", end_year)
    if due is None:
        raise cells.error("due", "is empty; every task needs a due date (完成时限)")
    started = cells.when("start", end_year)
    start = started.first if started else due.range_start or datetime.date(first_year, 1, 1)
    if due.last < start:
        raise cells.error("due", f"{due.last.isoformat()} is before the task's start {start.isoformat()}")
    cooperating = tuple(name for name in (*leads[1:], *split_departments(cells.text("cooperating")))
                        if name != leads[0])  # fmt: skip
    notes = [due.note, f"共同牵头：{'、'.join(leads[1:])}" if len(leads) > 1 else "", cells.text("note")]
    return Task(
        code=code, text=task_text, lead=leads[0], start=start, due=due.last,
        chapter=cells.text("chapter") or chapter, cooperating=tuple(dict.fromkeys(cooperating)),
        milestones=tuple(milestones), project=_project(cells, end_year), note="；".join(n for n in notes if n),
    )  # fmt: skip


_PROJECT_DATES = ("planned_start", "planned_completion", "actual_start", "actual_completion")


def _project(cells: _Cells, end_year: int) -> Project | None:
    investment = cells.number("planned_investment")
    dates = {role: when.last if (when := cells.when(role, end_year)) else None for role in _PROJECT_DATES}
    if investment is None:
        given = next((role for role in _PROJECT_DATES if dates[role] is not None), None)
        if given is not None:
            message = f"is empty but {cells.headers.get(given, given)} is given; a major project needs its investment"
            raise cells.error("planned_investment", message)
        return None
    if investment <= 0:
        raise cells.error("planned_investment", f"expected a positive investment in 亿元, got {investment:g}")
    return Project(planned_investment=investment * cells.investment_scale, **dates)


# Excel --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    """Where a sheet's columns sit: role → 1-based column, each role's header, milestone
    columns (column → year), the first data row and the investment unit's scale."""

    columns: Mapping[str, int]
    headers: Mapping[str, str]
    years: Mapping[int, int]
    first_row: int
    investment_scale: float


def read_task_table(source: Path | IO[bytes], first_year: int, end_year: int, name: str | None = None) -> list[Task]:
    """The tasks of the breakdown workbook ``source`` (a path or an open binary file), in table
    order, for a plan running over ``first_year``..``end_year``; ``name`` names the file in
    errors (the path by default).

    Raises:
        PlanFormatError: not an .xlsx workbook; no sheet has a header row with 重点任务 and
            牵头单位 (or their other names) in its first rows; the header lacks 完成时限; a row
            cannot be read. The error names file and sheet (``分解.xlsx [Sheet1]``), the Excel
            row and the column's header.
    """
    label = name or str(source)
    workbook = _open(source, label)
    for sheet in workbook.worksheets:
        header_row = _header_row(sheet)
        if header_row is not None:
            return _read_sheet(sheet, header_row, f"{label} [{sheet.title}]", first_year, end_year)
    sheets = ", ".join(sheet.title for sheet in workbook.worksheets)
    raise PlanFormatError(label, f"no sheet has a header row with 重点任务 and 牵头单位 in its first {HEADER_ROWS} "
                                 f"rows; expected {EXPECTED_LAYOUT} (sheets searched: {sheets})")  # fmt: skip


def _open(source: Path | IO[bytes], label: str) -> Workbook:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(source, read_only=False, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError) as error:
        raise PlanFormatError(label, f"is not an Excel .xlsx workbook ({error}); save it as .xlsx") from None
    except OSError as error:
        raise PlanFormatError(label, f"cannot be opened: {error.strerror or error}") from None


def _cell(value: Any) -> Any:
    return _LINE_BREAK.sub("", value).strip() if isinstance(value, str) else value


def _header_text(value: Any) -> str:
    label = _BLANKS.sub("", text({"cell": value}, "cell"))
    return label.replace("(", "（").replace(")", "）")


def _role(label: str) -> str | None:
    return "planned_investment" if _INVESTMENT.match(label) else HEADERS.get(label)


def _header_row(sheet: Worksheet) -> int | None:
    for cells in sheet.iter_rows(max_row=HEADER_ROWS):
        roles = {_role(_header_text(cell.value)) for cell in cells}
        if {"text", "lead"} <= roles:
            return int(cells[0].row)
    return None


def _layout(sheet: Worksheet, header_row: int, place: str) -> _Layout:
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    scale = 1.0
    for column in range(1, sheet.max_column + 1):
        label = _header_text(sheet.cell(header_row, column).value)
        role = _role(label)
        if role is not None and role not in columns:
            columns[role], headers[role] = column, label
            if role == "planned_investment" and (unit := _INVESTMENT.match(label)):
                scale = INVESTMENT_UNITS[unit.group(1) or ""]
    if "due" not in columns:
        raise Where(place, header_row).error(None, f"the header has no 完成时限 column; expected {EXPECTED_LAYOUT}")
    years, first_row = _year_columns(sheet, header_row)
    return _Layout(columns, headers, years, first_row, scale)


def _year_columns(sheet: Worksheet, header_row: int) -> tuple[dict[int, int], int]:
    """The milestone columns (column → year) of the header row, or of the row under it when
    that row holds year labels only (a merged 年度目标 over 2021年 … 2025年), and the first row
    below the header."""
    for row in (header_row, header_row + 1):
        labels = {column: _header_text(sheet.cell(row, column).value) for column in range(1, sheet.max_column + 1)}
        years = {
            column: int(match.group(1)) for column, label in labels.items() if (match := _YEAR_HEADER.match(label))
        }
        only_years = all(label == "" or column in years for column, label in labels.items())
        if years and (row == header_row or only_years):
            return years, row + 1
    return {}, header_row + 1


def _merges(sheet: Worksheet) -> dict[tuple[int, int], tuple[Any, int]]:
    """(row, column) → (the value of its merged range, the range's width in columns)."""
    found: dict[tuple[int, int], tuple[Any, int]] = {}
    for merged in sheet.merged_cells.ranges:
        value = _cell(sheet.cell(merged.min_row, merged.min_col).value)
        found |= dict.fromkeys(merged.cells, (value, merged.max_col - merged.min_col + 1))
    return found


@dataclass(frozen=True)
class _Row:
    number: int
    cells: _Cells
    chapter: int  # the ordinal of the row's chapter (0 before the first)
    milestones: tuple[Milestone, ...]


def _read_sheet(sheet: Worksheet, header_row: int, place: str, first_year: int, end_year: int) -> list[Task]:
    layout = _layout(sheet, header_row, place)
    rows, chapters = _task_rows(sheet, layout, place)
    codes = _codes(rows)
    return [_build_task(row.cells, code, chapters[row.chapter], first_year, end_year, row.milestones)
            for row, code in zip(rows, codes, strict=True)]  # fmt: skip


def _task_rows(sheet: Worksheet, layout: _Layout, place: str) -> tuple[list[_Row], list[str]]:
    """The task rows below the header, and the chapters in order ("" first, for rows before any)."""
    merges = _merges(sheet)
    chapters = [""]
    rows: list[_Row] = []
    for number_ in range(layout.first_row, sheet.max_row + 1):
        printed = {column: _cell(sheet.cell(number_, column).value) for column in range(1, sheet.max_column + 1)}
        shown = [column for column, value in printed.items() if text({"v": value}, "v")]
        if not shown:
            continue
        if _NOTE.match(text(printed, shown[0])):
            break
        values = {role: merges[(number_, c)][0] if (number_, c) in merges else printed[c]
                  for role, c in layout.columns.items()}  # fmt: skip
        chapter = _chapter(printed, shown, values, layout, merges, number_)
        if chapter:
            chapters.append(chapter)
        elif not _repeats_header(values):
            cells = _Cells(values, Where(place, number_), layout.headers, layout.investment_scale)
            rows.append(_Row(number_, cells, len(chapters) - 1, _milestones(printed, merges, number_, layout)))
    return rows, chapters


def _chapter(printed: Mapping[int, Any], shown: list[int], values: Mapping[str, Any], layout: _Layout,
             merges: Mapping[tuple[int, int], tuple[Any, int]], row: int) -> str:  # fmt: skip
    """The chapter a row opens, or "" for a task row."""
    if any(text(printed, layout.columns[role]) for role in ("lead", "due") if role in layout.columns):
        return ""
    if len(shown) == 1:
        only = text(printed, shown[0])
        spans = merges.get((row, shown[0]), (None, 1))[1] > 1
        return only if spans or _CHAPTER.match(only) else ""
    number_ = text(values, "code")
    return f"{number_}、{text(values, 'text')}" if _CHAPTER_NUMBER.match(number_) and text(values, "text") else ""


def _repeats_header(values: Mapping[str, Any]) -> bool:
    return _role(_header_text(values.get("text"))) == "text" and _role(_header_text(values.get("lead"))) == "lead"


def _milestones(printed: Mapping[int, Any], merges: Mapping[tuple[int, int], tuple[Any, int]], row: int,
                layout: _Layout) -> tuple[Milestone, ...]:  # fmt: skip
    found = []
    for column, milestone_year in layout.years.items():
        value = merges[(row, column)][0] if (row, column) in merges else printed[column]
        written = text({"v": value}, "v")
        if written and written not in MISSING_MARKS:
            found.append(Milestone(milestone_year, written))
    return tuple(found)


def _codes(rows: Sequence[_Row]) -> list[str]:
    """The rows' codes: the 序号, prefixed by the chapter's number when the numbering starts
    again in each chapter; ``T<position>`` for a row without one.

    Raises:
        PlanFormatError: a 序号 repeats within a chapter.
    """
    seen: dict[tuple[int, str], int] = {}
    for row in rows:
        seq = row.cells.text("code")
        if seq and (row.chapter, seq) in seen:
            first = seen[(row.chapter, seq)]
            raise row.cells.error("code", f"{seq!r} repeats row {first}; every task needs its own number")
        seen.setdefault((row.chapter, seq), row.number)
    numbers = [seq for _, seq in seen if seq]
    restarts = len(numbers) != len(set(numbers))
    return [
        (f"{row.chapter}-{seq}" if restarts else seq) if (seq := row.cells.text("code")) else GENERATED_CODE.format(i)
        for i, row in enumerate(rows, start=1)
    ]


# CSV ----------------------------------------------------------------------------------------------


def read_task_folder(folder: Path, first_year: int, end_year: int) -> tuple[Task, ...]:
    """The tasks of ``folder``'s ``tasks.csv`` with the milestones of ``task_milestones.csv`` and
    the updates of ``task_updates.csv`` when present; () without tasks.csv.

    Raises:
        PlanFormatError: a file cannot be read; a code repeats in tasks.csv, or a milestone or
            update names a task tasks.csv lacks.
    """
    if not (folder / "tasks.csv").is_file():
        return ()
    tasks = read_tasks_csv(folder / "tasks.csv", first_year, end_year)
    milestones: dict[str, list[Milestone]] = {task.code: list(task.milestones) for task in tasks}
    updates: dict[str, list[ProgressUpdate]] = {task.code: [] for task in tasks}
    projects = {task.code for task in tasks if task.project is not None}
    if (folder / "task_milestones.csv").is_file():
        for code, milestone in _read_milestones(folder / "task_milestones.csv", milestones.keys(), end_year):
            milestones[code].append(milestone)
    if (folder / "task_updates.csv").is_file():
        for code, update in _read_updates(folder / "task_updates.csv", projects, updates.keys(), end_year):
            updates[code].append(update)
    return tuple(replace(t, milestones=tuple(milestones[t.code]), updates=tuple(updates[t.code])) for t in tasks)


def read_tasks_csv(path: Path, first_year: int, end_year: int) -> list[Task]:
    """The tasks of ``tasks.csv`` in file order (columns in the module docstring).

    Raises:
        PlanFormatError: a missing column, a repeated code, or a row that cannot be read.
    """
    tasks: list[Task] = []
    rows_of: dict[str, int] = {}
    for number_, row in read_csv(path, TASK_COLUMNS, CSV_ALIASES):
        cells = _Cells(row, Where(str(path), number_), {})
        code = cells.required("code", "a code")
        if code in rows_of:
            raise cells.error("code", f"{code!r} repeats row {rows_of[code]}; every task needs its own code")
        rows_of[code] = number_
        tasks.append(_build_task(cells, code, "", first_year, end_year))
    return tasks


def _task_code(cells: _Cells, known: Collection[str]) -> str:
    code = cells.required("code", "the code of its task")
    if code not in known:
        raise cells.error("code", f"no task {code!r} in tasks.csv")
    return code


def _read_milestones(path: Path, known: Collection[str], end_year: int) -> Iterator[tuple[str, Milestone]]:
    for number_, row in read_csv(path, MILESTONE_COLUMNS):
        cells = _Cells(row, Where(str(path), number_), {})
        code = _task_code(cells, known)
        done = cells.when("done_on", end_year)
        milestone_year = year(cells.required("year", "a year"), "year", cells.where)
        yield code, Milestone(milestone_year, cells.required("text", "its text"), done.last if done else None)


def _read_updates(
    path: Path, projects: set[str], known: Collection[str], end_year: int
) -> Iterator[tuple[str, ProgressUpdate]]:
    for number_, row in read_csv(path, UPDATE_COLUMNS):
        cells = _Cells(row, Where(str(path), number_), {})
        code = _task_code(cells, known)
        reported = cells.when("reported_on", end_year)
        if reported is None:
            raise cells.error("reported_on", "is empty; every update needs its date")
        percent = cells.number("percent")
        if percent is None or not 0 <= percent <= 100:
            raise cells.error("percent", f"expected a percent complete from 0 to 100, got {cells.text('percent')!r}")
        invested = cells.number("investment_completed")
        if invested is not None and code not in projects:
            raise cells.error("investment_completed", f"task {code!r} is no major project (no planned_investment)")
        try:
            yield code, ProgressUpdate(reported.last, percent, cells.text("narrative"), (), invested)
        except PlanError as error:
            raise cells.error("investment_completed", str(error)) from None
