"""What the readers of the responsibility breakdown (:mod:`planeval.io.tasks`) say about a file
they refuse, as a catalogue of message keys.

Each message is an English template with named placeholders (``%(written)s``); the command
line prints it as it is, after the file, row and column (``分解.xlsx [Sheet1], row 7, column
牵头单位: is empty; every task needs a lead department``). The error keeps the key and the
values (:class:`TaskFormatError`), so that a page in another language translates the template
itself (the web site's catalogue holds each template as a message id) and places the row and
column the way that language writes them (``第7行「牵头单位」列：…``).
"""

from __future__ import annotations

from planeval.errors import PlanFormatError
from planeval.io.rows import Where

DATE_EXAMPLES = "2025年底前, 2023年6月底前, 2022年, 2023-06-30 or 长期坚持"

MESSAGES: dict[str, str] = {
    # a cell that must hold something
    "text_empty": "is empty; every task needs its text",
    "lead_empty": "is empty; every task needs a lead department",
    "lead_none": "names no department; every task needs a lead department",
    "due_empty": "is empty; every task needs a due date (完成时限)",
    "code_empty": "is empty; every task needs a code",
    "task_code_empty": "is empty; every task needs the code of its task",
    "year_empty": "is empty; every task needs a year",
    "milestone_text_empty": "is empty; every task needs its text",
    "reported_on_empty": "is empty; every update needs its date",
    # dates
    "not_a_date": "expected a date such as " + DATE_EXAMPLES + ", got %(written)s",
    "ambiguous_number": "%(written)s is a number, which cannot tell 2023.1 from 2023.10; write the date as text, "
    "such as 2023年10月",
    "range_backwards": "the range %(written)s ends before it starts",
    "due_before_start": "%(due)s is before the task's start %(start)s",
    "year_outside_plan": "%(year)s is outside the years this plan can name (%(first)s–%(last)s)",
    "report_in_future": "%(day)s is after today (%(today)s); a report is dated on or before the day it is made",
    "report_too_early": "%(day)s is before %(earliest)s, a year before the task's start",
    # numbers and projects
    "not_a_number": "%(detail)s",
    "investment_not_positive": "expected a positive investment in 亿元, got %(value)s",
    "project_without_investment": "is empty but %(given)s is given; a major project needs its investment",
    "percent_out_of_range": "expected a percent complete from 0 to 100, got %(value)s",
    "not_a_project": "task %(code)s is no major project (no planned_investment)",
    "bad_update": "%(detail)s",
    # codes
    "number_repeats": "%(number)s repeats row %(row)s; every task needs its own number",
    "code_repeats": "%(code)s repeats row %(row)s; every task needs its own code",
    "unknown_task": "no task %(code)s in %(file)s",
    # the file and its layout
    "not_xlsx": "is not an Excel .xlsx workbook (%(detail)s); save it as .xlsx",
    "cannot_open": "cannot be opened: %(detail)s",
    "too_big": "is too large to be a breakdown: %(detail)s",
    "unreadable": "%(detail)s",
    "no_header": "no sheet has a header row with 重点任务 and 牵头单位 in its first %(rows)s rows; expected "
    "%(layout)s (sheets searched: %(sheets)s)",
    "no_due_column": "the header has no 完成时限 column; expected %(layout)s",
    "unknown_columns": "has columns it does not read: %(columns)s; expected %(expected)s",
}
"""Message key → English template; the placeholders are filled with text (quoted values come
quoted, ``'尽快'``)."""


class TaskFormatError(PlanFormatError):
    """A :class:`PlanFormatError` of the breakdown readers that keeps its message's ``key`` in
    :data:`MESSAGES` and the ``params`` filling it, besides ``path``, ``row`` and ``column``."""

    def __init__(self, path: str, key: str, params: dict[str, str], row: int | None = None,
                 column: str | None = None) -> None:  # fmt: skip
        self.key = key
        self.params = params
        self.message = MESSAGES[key] % params
        super().__init__(path, self.message, row, column)


def fail(where: Where, column: str | None, key: str, **params: object) -> TaskFormatError:
    """The error of message ``key`` at ``where`` (file and row) in ``column``."""
    return TaskFormatError(where.path, key, {name: str(value) for name, value in params.items()}, where.row, column)
