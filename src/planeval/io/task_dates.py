"""完成时限 and the other date cells of a responsibility breakdown, read as offices write them.

A cell names a span of days: its ``first`` and ``last`` day. A due date (完成时限) is the last
day, a start (开始时间) the first. The written forms, tried in this order on the text with
blanks, quotes and a closing ``前``/``以前``/``之前``/``完成`` and ``底``/``末``/``内``/``份``
removed (``2022年6-9月底前`` is read as ``2022年6-9月``):

==========================  ==========================================  =========================
form                        examples                                    first … last
==========================  ==========================================  =========================
continuous work             长期坚持, 持续推进, 长期, 每年, 2022年起      the plan's last day, and
                            长期坚持                                    the task is *continuous*
a five-year plan's period   “十四五”期间, 十四五期末, 规划期内            that plan's last day
a day                       2023年6月30日, 2023-06-30, 2023/6/30,       the day
                            2023.6.30, 20230630, an Excel date
part of a month             2023年6月上旬 / 中旬 / 下旬                   the 10th, 20th, last day
a month                     2023年6月, 2023-06, 2023.6, 2023/6           its first … last day
a range                     2023年1-9月, 2022年6-9月底前, 2021.1-2025.12, first day of the first
                            2021—2025年, 2021年1月至2025年12月            point … last of the other;
                                                                        the range starts the task
a year, half or quarter     2025年, 2025年底前, 2025年前, 2024年上半年,    its first … last day
                            2023年三季度末, 2023年第三季度, 2023年前三季度
==========================  ==========================================  =========================

A day is tried before a range (``2023-6-9`` is 9 June, not June to September) and a month
written with ``-`` before a range (``2023-06`` is June). An Excel number with a fraction
(``2023.1``) is refused: Excel stores 2023.10 as 2023.1, so January and October cannot be told
apart. A five-year plan's period is computed from its number: the 14th runs 2021–2025, the Nth
(N ≥ 3) ends in 1970 + 5 × (N − 3) (the first ran 1953–57, the second 1958–62, the third
1966–70).
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from planeval.domain.numbers import MISSING_MARKS, normalise
from planeval.domain.period import parse_period
from planeval.errors import PeriodError
from planeval.io.rows import Where, text
from planeval.io.task_messages import fail

ONGOING_WORDS = ("长期坚持", "持续推进", "长期推进", "持续实施", "常态化推进", "长期", "持续", "每年")
"""完成时限 texts of continuous work: the plan's last day, the task marked continuous, the text
kept in the note."""
PLAN_PERIOD = re.compile(r"^(?:十([一二三四五六七八九])五|规划)(?:期间|时期|期内|期末|末期|末|内)?$")
"""完成时限 texts naming a five-year plan's period (十四五期间) or the plan's (规划期内)."""
FIRST_PLAN_WITH_FIXED_YEARS, ITS_LAST_YEAR = 3, 1970  # the 3rd five-year plan ran 1966–1970
TEN_DAYS = {"上": 10, "中": 20}
"""上旬 ends on the 10th and 中旬 on the 20th of the month; 下旬 on its last day."""
RANGE_MARKS = "-—–~～至到"

_QUOTES = str.maketrans("", "", "“”\"'‘’「」《》")
_CLOCK = re.compile(r"^(.+?)\s+\d{1,2}:\d{2}(?::\d{2})?$")
_CLOSING = re.compile(r"(?:以前|之前|前|止)?(?:完成)?$")
_END_WORDS = re.compile(r"(?:年底|年末|年内|底|末|内|份)$")
_SINCE = re.compile(r"^(\d{4})年?(?:起|开始|以来)")
_DAY_FORMS = (
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
    re.compile(r"(\d{4})([-./])(\d{1,2})\2(\d{1,2})"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)
_TEN_DAYS = re.compile(r"(\d{4})年(\d{1,2})月([上中下])旬")
_MONTH = re.compile(r"(\d{4})[年./-](\d{1,2})月?")
_YEAR = re.compile(r"(\d{4})年?")
_MONTH_OF_YEAR = re.compile(r"(\d{1,2})月?")
_DAY_OF_YEAR = re.compile(r"(\d{1,2})月(\d{1,2})日?")


@dataclass(frozen=True)
class When:
    """What a date cell names: its ``first`` and ``last`` day (the same day for a date), a
    ``note`` when the text names no date (长期坚持 → the plan's last day), ``continuous`` for
    continuous work, and for a range (``2021—2025年``) the ``range_start`` it gives a task."""

    first: datetime.date
    last: datetime.date
    note: str = ""
    range_start: datetime.date | None = None
    continuous: bool = False


def read_when(value: Any, end_year: int, column: str, where: Where) -> When | None:
    """The span a date cell names (module docstring), or None for an empty cell or a missing
    mark (—); ``end_year`` is the plan's last year.

    Raises:
        TaskFormatError: the cell is no date in any accepted form (key ``not_a_date``), an Excel
            number with a fraction (``ambiguous_number``), or a range that ends before it
            starts (``range_backwards``).
    """
    if isinstance(value, datetime.datetime):
        return When(value.date(), value.date())
    if isinstance(value, datetime.date):
        return When(value, value)
    if isinstance(value, float) and not value.is_integer():
        raise fail(where, column, "ambiguous_number", written=repr(value))
    shown = _BLANKS.sub("", normalise(_without_clock(text({"cell": value}, "cell"))))
    written = shown.translate(_QUOTES)
    if written in MISSING_MARKS:
        return None
    try:
        when = _named_span(written, shown, end_year) or _span(_bare(written))
    except (PeriodError, ValueError):
        when = None
    if when is None:
        raise fail(where, column, "not_a_date", written=repr(written))
    if when.last < when.first:
        raise fail(where, column, "range_backwards", written=repr(written))
    return when


_BLANKS = re.compile(r"\s+")


def _without_clock(written: str) -> str:
    """``2023-06-30 00:00:00`` (a date Excel wrote as text) → ``2023-06-30``."""
    match = _CLOCK.match(written.strip())
    return match.group(1) if match else written


def _named_span(written: str, shown: str, end_year: int) -> When | None:
    """Continuous work or a plan's period, or None for a text naming neither."""
    note = f"完成时限：{shown}"
    if period := PLAN_PERIOD.match(_CLOSING.sub("", written, count=1)):
        last_year = end_year if period.group(1) is None else _five_year_plan_end(period.group(1))
        end = datetime.date(last_year, 12, 31)
        return When(end, end, note)
    since = _SINCE.match(written)
    rest = written[since.end() :] if since else written
    if any(word in written for word in ONGOING_WORDS) or (since and _bare(rest) == ""):
        end = datetime.date(end_year, 12, 31)
        start = datetime.date(int(since.group(1)), 1, 1) if since else None
        return When(start or end, end, note, range_start=start, continuous=True)
    return None


def _five_year_plan_end(numeral: str) -> int:
    number = 10 + "一二三四五六七八九".index(numeral) + 1
    return ITS_LAST_YEAR + 5 * (number - FIRST_PLAN_WITH_FIXED_YEARS)


def _bare(written: str) -> str:
    """The text without its closing words: ``2022年6-9月底前`` → ``2022年6-9月``."""
    without = _CLOSING.sub("", written, count=1)
    return _END_WORDS.sub("", without, count=1) if without else without


def _span(written: str) -> When | None:
    for read in _FORMS:
        when = read(written)
        if when is not None:
            return when
    return None


def _month_span(year: int, first_month: int, last_month: int) -> tuple[datetime.date, datetime.date]:
    last_day = calendar.monthrange(year, last_month)[1]
    return datetime.date(year, first_month, 1), datetime.date(year, last_month, last_day)


def _day(written: str) -> When | None:
    for form in _DAY_FORMS:
        if match := form.fullmatch(written):
            numbers = [int(part) for part in match.groups() if part.isdigit()]
            day = datetime.date(*numbers)
            return When(day, day)
    if match := _TEN_DAYS.fullmatch(written):
        year, month = int(match.group(1)), int(match.group(2))
        first, last = _month_span(year, month, month)
        closing = last.day if match.group(3) == "下" else TEN_DAYS[match.group(3)]
        return When(first, datetime.date(year, month, closing))
    return None


def _month(written: str) -> When | None:
    if match := _MONTH.fullmatch(written):
        year, month = int(match.group(1)), int(match.group(2))
        return When(*_month_span(year, month, month))
    return None


def _point(written: str, year: int | None = None) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day of one end of a range: a day, a month or a year; with ``year``
    (the other end's), also a month or a day of that year (``9月``, ``9月30日``)."""
    when = _day(written) or _month(written)
    if when is not None:
        return when.first, when.last
    if match := _YEAR.fullmatch(written):
        return datetime.date(int(match.group(1)), 1, 1), datetime.date(int(match.group(1)), 12, 31)
    if year is not None and (match := _MONTH_OF_YEAR.fullmatch(written)):
        return _month_span(year, int(match.group(1)), int(match.group(1)))
    if year is not None and (match := _DAY_OF_YEAR.fullmatch(written)):
        day = datetime.date(year, int(match.group(1)), int(match.group(2)))
        return day, day
    return None


def _range(written: str) -> When | None:
    """Two points joined by a range mark (``2021.1-2025.12``), tried at each mark in turn."""
    for position, mark in enumerate(written):
        if mark not in RANGE_MARKS or position == 0:
            continue
        try:
            first = _point(written[:position])
            last = _point(written[position + 1 :].lstrip(RANGE_MARKS), first[0].year) if first else None
        except ValueError:  # a month or day that does not exist: another mark may split it right
            continue
        if first is not None and last is not None:
            return When(first[0], last[1], range_start=first[0])
    return None


def _period(written: str) -> When | None:
    period = parse_period(written)
    first, last = _month_span(period.year, period.first_month, period.last_month)
    return When(first, last)


_FORMS: tuple[Callable[[str], When | None], ...] = (_day, _month, _range, _period)
"""The written forms in the order they are tried (module docstring)."""
