"""The responsibility breakdown (责任分解方案): key tasks and major projects, from the Excel
table offices use or from ``tasks.csv`` in a plan folder.

The Excel layout, one task a row under a header row, found by its names in the first
:data:`HEADER_ROWS` rows of the first sheet that has one (title rows above it are skipped)::

    序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 [| 开始时间] [| 总投资（亿元） | 计划开工 | 计划竣工 |
    实际开工 | 实际竣工] [| 2021年 | … | 2025年] [| 备注]

Only 重点任务 (or 主要任务, 项目名称, …), 牵头单位 (or 责任单位) and 完成时限 are required; a header
may carry a bracketed remark (``完成时限（年）``). Columns under other headers are not read and
are listed (:attr:`TaskTable.ignored`). A row with a single printed cell spanning the table (a
merge) or numbered as a chapter (``一、加快构建现代产业体系``, ``第三章 …``) opens a chapter; a
row numbered as a section (``（一）推进产业基础高级化``, ``第二节 …``) opens a section of it, and
the tasks below have the chapter ``一、… / （一）…`` (a section before any chapter is a chapter).
A merged cell (a lead department spanning several tasks) gives its value to every row of its
range. The table ends at a notes row (``注：…``). Line breaks inside a cell are removed.

Cells are read as people write them:

- 牵头单位 and 配合单位 are split on 、，, ; and blanks (a trailing 等 dropped); when 牵头单位
  names several departments, the first leads, the others cooperate and the note says so.
- 完成时限 in the forms of :mod:`planeval.io.task_dates`: ``2025年底前``, ``2023年6月底前``,
  ``2023年1-9月``, ``2021.1-2025.12``, ``2023年三季度末``, ``2023-06-30``, an Excel date, …; a
  range also gives the start. ``长期坚持``, ``持续推进`` and the like make the task *continuous*
  (due the plan's last day, status judged by its updates' recency, see
  :mod:`planeval.domain.task`), ``“十四五”期间`` means that plan's last day; both keep what was
  written in the note.
- 开始时间, when there is no such column or cell, is 1 January of the plan's first year (or the
  start of a range in 完成时限); a year or month there means its first day.
- 总投资（亿元） (or 计划投资; ``（万元）`` is converted to 亿元) makes the row a major project, with
  计划开工, 计划竣工, 实际开工 and 实际竣工 dates read like 完成时限; numbers are read by
  :mod:`planeval.domain.numbers`.
- Columns titled ``2021年`` … ``2025年`` (or ``2021年目标``, ``2021年节点``; also on a second header
  row under a merged 年度目标) hold the yearly milestones.
- Every year a task names (start, due, project dates, milestones) lies within the plan's base
  year − :data:`YEARS_BEFORE_BASE` … last year + :data:`YEARS_AFTER_END`; another is a typing
  error (``1900``, ``2205``).
- Codes are the 序号 without a closing dot (``2.`` → ``2``); when the numbering starts again in
  each chapter the code is ``<chapter number>-<序号>`` (``2-3``), in each section
  ``<chapter>-<section>-<序号>``; a row without a number gets ``T<position>`` (``T007``).

``tasks.csv`` has the columns code, chapter, text, lead, cooperating, start, due,
planned_investment, planned_start, planned_completion, actual_start, actual_completion and note
(code, text, lead and due required; the Chinese headers of the Excel layout are accepted), cells
read as above. Beside it, ``task_milestones.csv`` (code, year, text, done_on) and
``task_updates.csv`` (code, reported_on, percent, investment_completed, narrative) are
optional. A column of another name is refused by name. An update is dated no later than today
and no earlier than a year before its task's start (:func:`planeval.domain.task.earliest_report`).

Every error is a :class:`planeval.io.task_messages.TaskFormatError` naming the file (and sheet),
the row and the column as the file heads it, its message one of the catalogue's.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from planeval.domain.numbers import MISSING_MARKS, read_number
from planeval.domain.task import Milestone, ProgressUpdate, Project, Task, earliest_report
from planeval.errors import NumberError, PlanError, PlanFormatError
from planeval.io.csv_files import read_csv, read_text
from planeval.io.rows import Where, text, year
from planeval.io.task_dates import ONGOING_WORDS, When, read_when
from planeval.io.task_messages import TaskFormatError, fail

if TYPE_CHECKING:  # openpyxl is imported only to read a workbook: loading a plan folder needs none
    from planeval.io.sheet_view import SheetView

__all__ = ["ONGOING_WORDS", "TaskTable", "When", "read_task_folder", "read_task_sheet", "read_task_table",
           "read_tasks_csv", "read_when", "split_departments"]  # fmt: skip

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
TASK_COLUMNS = ("code", "text", "lead", "due")
TASK_OPTIONAL_COLUMNS = ("chapter", "cooperating", "start", "planned_investment", "planned_start",
                         "planned_completion", "actual_start", "actual_completion", "note")  # fmt: skip
MILESTONE_COLUMNS = ("code", "year", "text")
MILESTONE_OPTIONAL_COLUMNS = ("done_on",)
UPDATE_COLUMNS = ("code", "reported_on", "percent")
UPDATE_OPTIONAL_COLUMNS = ("investment_completed", "narrative")
CSV_ALIASES = {name: role for name, role in HEADERS.items() if role != "code"} | {"序号": "code", "编号": "code"}
GENERATED_CODE = "T{:03d}"
YEARS_BEFORE_BASE = 5
"""How many years before the plan's base year a task's dates may name."""
YEARS_AFTER_END = 10
"""How many years after the plan's last year a task's dates may name (远景目标 reach 2035)."""
TASKS_FILES = ("tasks.csv", "tasks.xlsx")
"""The files of a plan folder that hold its breakdown, the first present read."""

_YEAR_HEADER = re.compile(r"^(\d{4})年?度?(?:目标|节点|目标任务|工作目标|任务|进度安排)?$")
_INVESTMENT = re.compile(r"^(?:计划)?总?投资(?:额|总额)?(?:（(亿元|万元)）)?$")
_REMARK = re.compile(r"（[^（）]*）$")
_NOTE = re.compile(r"^(注\s*[:：①②③④⑤\d]|注$|说明\s*[:：]|备注\s*[:：])")
_CHAPTER = re.compile(r"^([一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十\d]+[章篇部])")
_SECTION = re.compile(r"^([（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十\d]+节)")
_CHAPTER_NUMBER = re.compile(r"^[一二三四五六七八九十]+[、.．]?$")
_SECTION_NUMBER = re.compile(r"^[（(][一二三四五六七八九十]+[）)]$")
_CODE_CLOSING = re.compile(r"[.．、,，。\s]+$")
_BLANKS = re.compile(r"\s+")
_LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")
_SEPARATORS = re.compile(r"[、，,；;\s]+")


def split_departments(cell: str) -> tuple[str, ...]:
    """Department names in a cell, in order, without repeats: ``市发展改革委、市财政局等`` →
    (市发展改革委, 市财政局)."""
    names = [name.removesuffix("等") for name in _SEPARATORS.split(cell.strip())]
    return tuple(dict.fromkeys(name for name in names if name and name not in MISSING_MARKS))


@dataclass(frozen=True)
class _Years:
    """The plan's first and last year, and the years a task's dates may name."""

    first: int
    end: int

    @property
    def earliest(self) -> int:
        return self.first - 1 - YEARS_BEFORE_BASE

    @property
    def latest(self) -> int:
        return self.end + YEARS_AFTER_END

    def check(self, named: int, where: Where, column: str | None) -> None:
        if not self.earliest <= named <= self.latest:
            raise fail(where, column, "year_outside_plan", year=named, first=self.earliest, last=self.latest)


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

    def column(self, role: str) -> str:
        return self.headers.get(role, role)

    def error(self, role: str, key: str, **params: object) -> TaskFormatError:
        return fail(self.where, self.column(role), key, **params)

    def required(self, role: str, key: str) -> str:
        value = self.text(role)
        if not value or value in MISSING_MARKS:
            raise self.error(role, key)
        return value

    def when(self, role: str, years: _Years) -> When | None:
        when = read_when(self.values.get(role), years.end, self.column(role), self.where)
        if when is not None:
            for day in (when.first, when.last):
                years.check(day.year, self.where, self.column(role))
        return when

    def number(self, role: str) -> float | None:
        try:
            value = self.values.get(role)
            return read_number("" if value is None else value).value
        except NumberError as error:
            raise self.error(role, "not_a_number", detail=error) from None

    def code(self) -> str:
        """The 序号 without a closing dot or comma (``2-1.`` → ``2-1``)."""
        return _CODE_CLOSING.sub("", self.text("code"))


def _build_task(cells: _Cells, code: str, chapter: str, years: _Years,
                milestones: Sequence[Milestone] = ()) -> Task:  # fmt: skip
    """A task from one row's cells; ``chapter`` when the row has no chapter cell of its own."""
    task_text = cells.required("text", "text_empty")
    leads = split_departments(cells.required("lead", "lead_empty"))
    if not leads:
        raise cells.error("lead", "lead_none")
    due = cells.when("due", years)
    if due is None:
        raise cells.error("due", "due_empty")
    started = cells.when("start", years)
    start = started.first if started else due.range_start or datetime.date(years.first, 1, 1)
    if due.last < start:
        raise cells.error("due", "due_before_start", due=due.last.isoformat(), start=start.isoformat())
    cooperating = tuple(name for name in (*leads[1:], *split_departments(cells.text("cooperating")))
                        if name != leads[0])  # fmt: skip
    notes = [due.note, f"共同牵头：{'、'.join(leads[1:])}" if len(leads) > 1 else "", cells.text("note")]
    return Task(
        code=code, text=task_text, lead=leads[0], start=start, due=due.last,
        chapter=cells.text("chapter") or chapter, cooperating=tuple(dict.fromkeys(cooperating)),
        milestones=tuple(milestones), project=_project(cells, years), note="；".join(n for n in notes if n),
        continuous=due.continuous,
    )  # fmt: skip


_PROJECT_DATES = ("planned_start", "planned_completion", "actual_start", "actual_completion")


def _project(cells: _Cells, years: _Years) -> Project | None:
    investment = cells.number("planned_investment")
    dates = {role: when.last if (when := cells.when(role, years)) else None for role in _PROJECT_DATES}
    if investment is None:
        given = next((role for role in _PROJECT_DATES if dates[role] is not None), None)
        if given is not None:
            raise cells.error("planned_investment", "project_without_investment", given=cells.column(given))
        return None
    if investment <= 0:
        raise cells.error("planned_investment", "investment_not_positive", value=f"{investment:g}")
    return Project(planned_investment=investment * cells.investment_scale, **dates)


# Excel --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskTable:
    """The tasks of a breakdown workbook in table order, and the headers of the columns it did
    not read (``进展情况``), for the office to see that they were left out."""

    tasks: list[Task]
    ignored: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Layout:
    """Where a sheet's columns sit: role → 1-based column, each role's header, milestone
    columns (column → year), the first data row, the investment unit's scale and the headers
    of the columns not read."""

    columns: Mapping[str, int]
    headers: Mapping[str, str]
    years: Mapping[int, int]
    first_row: int
    investment_scale: float
    ignored: tuple[str, ...] = ()


def read_task_table(source: Path | IO[bytes], first_year: int, end_year: int, name: str | None = None) -> list[Task]:
    """The tasks of the breakdown workbook ``source`` (a path or an open binary file), in table
    order, for a plan running over ``first_year``..``end_year``; ``name`` names the file in
    errors (the path by default). See :func:`read_task_sheet`."""
    return read_task_sheet(source, first_year, end_year, name).tasks


def read_task_sheet(source: Path | IO[bytes], first_year: int, end_year: int, name: str | None = None) -> TaskTable:
    """The tasks of the breakdown workbook ``source`` with the columns it did not read.

    Raises:
        TaskFormatError: not an .xlsx workbook; no sheet has a header row with 重点任务 and
            牵头单位 (or their other names) in its first rows; the header lacks 完成时限; a row
            cannot be read. The error names file and sheet (``分解.xlsx [Sheet1]``), the Excel
            row and the column's header.
    """
    label = name or str(source)
    workbook = _open(source, label)
    for sheet in workbook:
        header_row = _header_row(sheet)
        if header_row is not None:
            return _read_sheet(sheet, header_row, f"{label} [{sheet.title}]", _Years(first_year, end_year))
    sheets = ", ".join(sheet.title for sheet in workbook)
    raise fail(Where(label), None, "no_header", rows=HEADER_ROWS, layout=EXPECTED_LAYOUT, sheets=sheets)


def _open(source: Path | IO[bytes], label: str) -> list[SheetView]:
    """The workbook's sheets, streamed within the limits of :mod:`planeval.io.workbook_cells`.

    Raises:
        TaskFormatError: not an .xlsx workbook, or a sheet with content beyond the limits.
    """
    from planeval.io.sheet_view import SheetView
    from planeval.io.workbook_cells import read_workbook

    try:
        sheets = read_workbook(source)
    except PlanFormatError as error:
        raise fail(Where(label), None, "unreadable", detail=str(error).removeprefix(f"{error.path}: ")) from None
    for sheet in sheets:
        if sheet.overflow is not None:
            raise fail(Where(f"{label} [{sheet.title}]"), None, "too_big", detail=sheet.overflow.message)
    return [SheetView(sheet) for sheet in sheets]


def _cell(value: Any) -> Any:
    return _LINE_BREAK.sub("", value).strip() if isinstance(value, str) else value


def _header_text(value: Any) -> str:
    label = _BLANKS.sub("", text({"cell": value}, "cell"))
    return label.replace("(", "（").replace(")", "）")


def _role(label: str) -> str | None:
    """The role of a header: by its text, else by its text without a closing bracketed remark
    (``完成时限（年）``); an investment header keeps its unit (``总投资（万元）``)."""
    if _INVESTMENT.match(label):
        return "planned_investment"
    return HEADERS.get(label) or HEADERS.get(_REMARK.sub("", label))


def _header_row(sheet: SheetView) -> int | None:
    for cells in sheet.iter_rows(max_row=HEADER_ROWS):
        roles = {_role(_header_text(cell.value)) for cell in cells}
        if {"text", "lead"} <= roles:
            return int(cells[0].row)
    return None


def _layout(sheet: SheetView, header_row: int, place: str, years: _Years) -> _Layout:
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    others: dict[int, str] = {}
    scale = 1.0
    for column in range(1, sheet.max_column + 1):
        label = _header_text(sheet.cell(header_row, column).value)
        role = _role(label)
        if role is not None and role not in columns:
            columns[role], headers[role] = column, label
            if role == "planned_investment" and (unit := _INVESTMENT.match(label)):
                scale = INVESTMENT_UNITS[unit.group(1) or ""]
        elif label:
            others[column] = label
    if "due" not in columns:
        raise fail(Where(place, header_row), None, "no_due_column", layout=EXPECTED_LAYOUT)
    milestone_years, first_row = _year_columns(sheet, header_row)
    for column, milestone_year in milestone_years.items():
        years.check(milestone_year, Where(place, first_row - 1), _header_text(sheet.cell(first_row - 1, column).value))
    ignored = tuple(label for column, label in others.items() if column not in milestone_years)
    return _Layout(columns, headers, milestone_years, first_row, scale, ignored)


def _year_columns(sheet: SheetView, header_row: int) -> tuple[dict[int, int], int]:
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


def _merges(sheet: SheetView) -> dict[tuple[int, int], tuple[Any, int]]:
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
    section: int  # the ordinal of its section within the chapter (0 before the first)
    chapter_title: str  # "一、… / （一）…"
    milestones: tuple[Milestone, ...]


def _read_sheet(sheet: SheetView, header_row: int, place: str, years: _Years) -> TaskTable:
    layout = _layout(sheet, header_row, place, years)
    rows = _task_rows(sheet, layout, place)
    codes = _codes(rows)
    tasks = [_build_task(row.cells, code, row.chapter_title, years, row.milestones)
             for row, code in zip(rows, codes, strict=True)]  # fmt: skip
    return TaskTable(tasks, layout.ignored)


def _task_rows(sheet: SheetView, layout: _Layout, place: str) -> list[_Row]:
    """The task rows below the header, each with its chapter and section."""
    merges = _merges(sheet)
    titles, chapter, section = ["", ""], 0, 0
    has_chapters = False  # a section before any chapter is a chapter
    rows: list[_Row] = []
    for number_ in range(layout.first_row, sheet.max_row + 1):
        printed = {column: _cell(sheet.cell(number_, column).value) for column in range(1, sheet.max_column + 1)}
        shown = [column for column, value in printed.items() if text({"v": value}, "v")]
        if not shown:
            continue
        if _NOTE.match(text(printed, shown[0])):
            break
        values = {role: _merged(printed, merges, number_, c) for role, c in layout.columns.items()}
        heading = _heading(printed, shown, values, layout, merges, number_)
        if heading is not None:
            level, title = heading
            has_chapters = has_chapters or level == 1
            if level == 1 or not has_chapters:
                titles, chapter, section = [title, ""], chapter + 1, 0
            else:
                titles, section = [titles[0], title], section + 1
        elif not _repeats_header(values):
            cells = _Cells(values, Where(place, number_), layout.headers, layout.investment_scale)
            rows.append(_Row(number_, cells, chapter, section, " / ".join(t for t in titles if t),
                             _milestones(printed, merges, number_, layout)))  # fmt: skip
    return rows


def _heading(printed: Mapping[int, Any], shown: list[int], values: Mapping[str, Any], layout: _Layout,
             merges: Mapping[tuple[int, int], tuple[Any, int]], row: int) -> tuple[int, str] | None:  # fmt: skip
    """(1, title) for a row opening a chapter, (2, title) for a section, None for a task row."""
    if any(text(printed, layout.columns[role]) for role in ("lead", "due") if role in layout.columns):
        return None
    if len(shown) == 1:
        only = text(printed, shown[0])
        if _SECTION.match(only):
            return 2, only
        spans = merges.get((row, shown[0]), (None, 1))[1] > 1
        return (1, only) if spans or _CHAPTER.match(only) else None
    number_, title = text(values, "code"), text(values, "text")
    if title and _SECTION_NUMBER.match(number_):
        return 2, f"{number_}{title}"
    if title and _CHAPTER_NUMBER.match(number_):
        return 1, f"{number_.rstrip('、.．')}、{title}"
    return None


def _merged(printed: Mapping[int, Any], merges: Mapping[tuple[int, int], tuple[Any, int]], row: int,
            column: int) -> Any:  # fmt: skip
    """The cell's value, or its merged range's when it lies in one."""
    return merges[(row, column)][0] if (row, column) in merges else printed[column]


def _repeats_header(values: Mapping[str, Any]) -> bool:
    return _role(_header_text(values.get("text"))) == "text" and _role(_header_text(values.get("lead"))) == "lead"


def _milestones(printed: Mapping[int, Any], merges: Mapping[tuple[int, int], tuple[Any, int]], row: int,
                layout: _Layout) -> tuple[Milestone, ...]:  # fmt: skip
    found = []
    for column, milestone_year in layout.years.items():
        written = text({"v": _merged(printed, merges, row, column)}, "v")
        if written and written not in MISSING_MARKS:
            found.append(Milestone(milestone_year, written))
    return tuple(found)


def _codes(rows: Sequence[_Row]) -> list[str]:
    """The rows' codes: the 序号, prefixed by the chapter's number when the numbering starts
    again in each chapter (and by the section's when it starts again in each section);
    ``T<position>`` for a row without one.

    Raises:
        TaskFormatError: a 序号 repeats within a section.
    """
    seen: dict[tuple[int, int, str], int] = {}
    for row in rows:
        key = (row.chapter, row.section, row.cells.code())
        if key[2] and key in seen:
            raise row.cells.error("code", "number_repeats", number=repr(key[2]), row=seen[key])
        seen.setdefault(key, row.number)
    numbered = [key for key in seen if key[2]]
    in_chapters = {(chapter, seq) for chapter, _, seq in numbered}
    per_section = len(in_chapters) < len(numbered)
    per_chapter = len({seq for _, _, seq in numbered}) < len(in_chapters)
    codes = []
    for position, row in enumerate(rows, start=1):
        seq = row.cells.code()
        if not seq:
            codes.append(GENERATED_CODE.format(position))
        elif per_section:
            codes.append("-".join([str(row.chapter), *([str(row.section)] if row.section else []), seq]))
        else:
            codes.append(f"{row.chapter}-{seq}" if per_chapter else seq)
    return codes


# A plan folder ------------------------------------------------------------------------------------


def read_task_folder(folder: Path, first_year: int, end_year: int,
                     today: datetime.date | None = None) -> tuple[Task, ...]:  # fmt: skip
    """The tasks of ``folder``'s ``tasks.csv``, or of its ``tasks.xlsx`` (the Excel layout)
    when it has no tasks.csv, with the milestones of ``task_milestones.csv`` and the updates of
    ``task_updates.csv`` when present; () without either file. ``today`` (the system's date by
    default) is the latest day an update may be dated.

    Raises:
        TaskFormatError: a file cannot be read; a code repeats in tasks.csv, or a milestone or
            update names a task the breakdown lacks, or is dated implausibly.
    """
    source = next((folder / name for name in TASKS_FILES if (folder / name).is_file()), None)
    if source is None:
        return ()
    if source.suffix == ".csv":
        tasks = read_tasks_csv(source, first_year, end_year)
    else:
        tasks = read_task_table(source, first_year, end_year)
    years, by_code = _Years(first_year, end_year), {task.code: task for task in tasks}
    milestones: dict[str, list[Milestone]] = {task.code: list(task.milestones) for task in tasks}
    updates: dict[str, list[ProgressUpdate]] = {task.code: [] for task in tasks}
    if (folder / "task_milestones.csv").is_file():
        for code, milestone in _read_milestones(folder / "task_milestones.csv", by_code, source.name, years):
            milestones[code].append(milestone)
    if (folder / "task_updates.csv").is_file():
        checked = _UpdateCheck(by_code, source.name, today or datetime.date.today())
        for code, update in _read_updates(folder / "task_updates.csv", checked, years):
            updates[code].append(update)
    return tuple(replace(t, milestones=tuple(milestones[t.code]), updates=tuple(updates[t.code])) for t in tasks)


def read_tasks_csv(path: Path, first_year: int, end_year: int) -> list[Task]:
    """The tasks of ``tasks.csv`` in file order (columns in the module docstring).

    Raises:
        TaskFormatError: a missing or unknown column, a repeated code, or a row that cannot be
            read.
    """
    _check_columns(path, TASK_COLUMNS + TASK_OPTIONAL_COLUMNS, CSV_ALIASES)
    tasks: list[Task] = []
    rows_of: dict[str, int] = {}
    years = _Years(first_year, end_year)
    for number_, row in read_csv(path, TASK_COLUMNS, CSV_ALIASES):
        cells = _Cells(row, Where(str(path), number_), {})
        code = cells.required("code", "code_empty")
        if code in rows_of:
            raise cells.error("code", "code_repeats", code=repr(code), row=rows_of[code])
        rows_of[code] = number_
        tasks.append(_build_task(cells, code, "", years))
    return tasks


def _check_columns(path: Path, known: Collection[str], aliases: Mapping[str, str] | None = None) -> None:
    """Refuse a header naming a column the reader does not know (``progress``, ``负责人``)."""
    header = next(iter(read_text(path).splitlines()), "")
    names = [name.strip().lower() for name in next(csv.reader([header]), [])]
    unknown = [name for name in names if name and (aliases or {}).get(name, name) not in known]
    if unknown:
        raise fail(Where(str(path), 1), unknown[0], "unknown_columns", columns=", ".join(unknown),
                   expected=", ".join(known))  # fmt: skip


def _task_code(cells: _Cells, known: Collection[str], source: str) -> str:
    code = cells.required("code", "task_code_empty")
    if code not in known:
        raise cells.error("code", "unknown_task", code=repr(code), file=source)
    return code


def _read_milestones(path: Path, known: Collection[str], source: str,
                     years: _Years) -> Iterator[tuple[str, Milestone]]:  # fmt: skip
    _check_columns(path, MILESTONE_COLUMNS + MILESTONE_OPTIONAL_COLUMNS)
    for number_, row in read_csv(path, MILESTONE_COLUMNS):
        cells = _Cells(row, Where(str(path), number_), {})
        code = _task_code(cells, known, source)
        done = cells.when("done_on", years)
        milestone_year = year(cells.required("year", "year_empty"), "year", cells.where)
        years.check(milestone_year, cells.where, "year")
        yield (
            code,
            Milestone(milestone_year, cells.required("text", "milestone_text_empty"), done.last if done else None),
        )


@dataclass(frozen=True)
class _UpdateCheck:
    """What an update is checked against: the tasks by code, the breakdown file's name, today."""

    tasks: Mapping[str, Task]
    source: str
    today: datetime.date


def _read_updates(path: Path, check: _UpdateCheck, years: _Years) -> Iterator[tuple[str, ProgressUpdate]]:
    _check_columns(path, UPDATE_COLUMNS + UPDATE_OPTIONAL_COLUMNS)
    for number_, row in read_csv(path, UPDATE_COLUMNS):
        cells = _Cells(row, Where(str(path), number_), {})
        code = _task_code(cells, check.tasks, check.source)
        reported = cells.when("reported_on", years)
        if reported is None:
            raise cells.error("reported_on", "reported_on_empty")
        _check_report_day(cells, reported.last, check.tasks[code], check.today)
        percent = cells.number("percent")
        if percent is None or not 0 <= percent <= 100:
            raise cells.error("percent", "percent_out_of_range", value=repr(cells.text("percent")))
        invested = cells.number("investment_completed")
        if invested is not None and check.tasks[code].project is None:
            raise cells.error("investment_completed", "not_a_project", code=repr(code))
        try:
            yield code, ProgressUpdate(reported.last, percent, cells.text("narrative"), (), invested)
        except PlanError as error:
            raise cells.error("investment_completed", "bad_update", detail=error) from None


def _check_report_day(cells: _Cells, day: datetime.date, task: Task, today: datetime.date) -> None:
    if day > today:
        raise cells.error("reported_on", "report_in_future", day=day.isoformat(), today=today.isoformat())
    earliest = earliest_report(task.start)
    if day < earliest:
        raise cells.error("reported_on", "report_too_early", day=day.isoformat(), earliest=earliest.isoformat())
