"""The period a column header of a department's table names, and whether its values are
cumulative to date (累计) or for the period alone.

Headers come as people make them: ``2023``, ``2023年``, ``2023年6月``, ``2023.6``,
``2023年上半年``, ``2023年1-6月``; an Excel date (a date cell, or its serial number 45078 for
1 June 2023) for a month; or without the year — ``1-6月``, ``全年``, ``上半年``, ``累计`` — under
a merged group header or a sheet title that names it (``2023年``, ``2023年主要指标完成情况``).
A year-to-date span written as months (``1-6月``, ``1-9月``, ``前三季度``) or marked ``累计``
(also ``（累计）``) is cumulative; ``上半年`` and ``全年`` are the period itself. ``2023年度``,
``2023年全年``, ``2023年末`` and ``二〇二三年`` are the year. A growth column (``2023年同比增长``,
``比上年增长``, ``2023年增速``) is the period's growth: its reader decides whether it holds the
indicator's values. Lines that date the report (``填报日期：2024年1月15日``, a day's date) never
give the year of a header below them.

This module only reads header contents; it knows nothing of files.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from planeval.domain.numbers import normalise
from planeval.domain.period import YEARS, Frequency, Period, arabic_year, parse_period
from planeval.errors import PeriodError

EXCEL_EPOCH = datetime.date(1899, 12, 30)
"""Day 0 of Excel's date serials (1900 date system, after its 29 February 1900 bug)."""
SERIALS = (18264, 73415)
"""Excel serials read as dates: 1950-01-01 to 2100-12-31. Smaller whole numbers are years."""
CUMULATIVE_WORDS = ("本年累计", "累计值", "累计数", "累计")
THIS_PERIOD_WORDS = ("本月", "当月", "本期", "当期")
WHOLE_YEAR_WORDS = ("全年", "年度", "本年")
TRAILING_WORDS = (
    "实际完成", "完成情况", "完成值", "完成数", "实际值", "实际数", "基期值", "基期",
    "数值", "数据", "完成", "实际", "值",
)  # fmt: skip
"""Words after the period in a header (``2023年完成值``) that do not change it."""
GROWTH_WORDS = (
    "比上年同期增长",
    "比上年增长",
    "比上年",
    "同比增长",
    "同比增速",
    "增长率",
    "增速",
    "增幅",
    "同比",
    "增长",
)
"""Words of a header over growth rates (``2023年同比增长``): removed, the rest names the period."""
REPORT_DATE_LABELS = (
    "填报日期",
    "报送日期",
    "制表日期",
    "填表日期",
    "填报时间",
    "报送时间",
    "制表时间",
    "日期",
    "时间",
)
"""Labels of a line that dates the report (``填报日期：2024年1月15日``), not the data."""

_YEAR_TO_DATE = re.compile(r"(?:^|年|M)0?1(?:-|~|～|至|—|–)\d{1,2}月?$|前[一二三四1-4]季度$")
_YEAR_IN_TEXT = re.compile(r"(?<![\d\-—–~～至])(\d{4})年(?:(\d{1,2})月(?!份?[\-—–~～至]))?")
_FULL_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?")
_FOUR_DIGITS = re.compile(r"\d{4}")
_BRACKETED = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
_DAY = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
_REPORT_DATE = re.compile(rf"^(?:{'|'.join(REPORT_DATE_LABELS)})[:：]")


@dataclass(frozen=True)
class HeaderPeriod:
    """A column header read: the ``period`` its values are for, whether they are
    ``cumulative`` to date (``1-6月``, ``累计``) rather than written as the period itself, and
    whether the column holds ``growth`` rates over the period (``2023年同比增长``)."""

    period: Period
    cumulative: bool = False
    growth: bool = False


def read_period_header(cell: object, context: Sequence[object] | str = ()) -> HeaderPeriod:
    """The period of a column header ``cell`` (text, number, date or datetime).

    ``context``: the texts above the header, nearest first — a merged group header
    (``2023年``), the sheet title, the sheet's name. The first that names a year (or a year and
    month) supplies what the header leaves out; a header naming its year ignores it.

    Raises:
        PeriodError: the header names no period, an impossible one (``2023年13月``), a year
            nowhere given (``1-6月`` with no year above), or the ambiguous number 2023.1
            (January, or October typed 2023.10).
    """
    if isinstance(cell, bool):
        raise PeriodError(f"period header {cell!r} is not a period")
    if isinstance(cell, datetime.date):
        return HeaderPeriod(Period.of_month(cell.year, cell.month))
    if isinstance(cell, int | float):
        return HeaderPeriod(_number_period(cell))
    return _text_period(str(cell), [context] if isinstance(context, str) else list(context))


def _number_period(number: float) -> Period:
    if isinstance(number, float) and not math.isfinite(number):
        raise PeriodError(f"period header {number!r} is not a period")
    if (isinstance(number, int) or number.is_integer()) and YEARS[0] <= number <= YEARS[1]:
        return Period.of_year(int(number))
    if SERIALS[0] <= number <= SERIALS[1]:
        day = EXCEL_EPOCH + datetime.timedelta(days=int(number))
        return Period.of_month(day.year, day.month)
    if YEARS[0] <= number <= YEARS[1]:  # 2023.6 typed into a cell that Excel made a number
        text = repr(float(number))
        if text.endswith(".1"):
            raise PeriodError(f"period header {number!r} may be January or October (2023.10): write 2023年10月")
        return parse_period(text)
    raise PeriodError(f"period header {number!r} is neither a year (2023) nor an Excel date")


def _text_period(text: str, context: list[object]) -> HeaderPeriod:
    cleaned = _cleaned(text)
    cumulative = any(word in normalise(text) for word in CUMULATIVE_WORDS)
    for word in CUMULATIVE_WORDS:
        cleaned = cleaned.replace(word, "")
    growth = any(word in cleaned for word in GROWTH_WORDS)
    for word in GROWTH_WORDS:
        cleaned = cleaned.replace(word, "")
    if growth and not cleaned:
        cleaned = WHOLE_YEAR_WORDS[0]  # 比上年增长: the year's growth
    found = _period(cleaned, text, context, cumulative)
    return HeaderPeriod(found.period, found.cumulative, growth)


def _period(cleaned: str, text: str, context: list[object], cumulative: bool) -> HeaderPeriod:
    if date := _FULL_DATE.fullmatch(cleaned):
        return HeaderPeriod(_month(int(date.group(1)), int(date.group(2)), text), cumulative)
    if _FOUR_DIGITS.search(cleaned):
        period = _labelled(cleaned, text)
        return HeaderPeriod(period, cumulative or bool(_YEAR_TO_DATE.search(cleaned)))
    if cleaned and cleaned not in THIS_PERIOD_WORDS + WHOLE_YEAR_WORDS:
        _labelled(f"{YEARS[0]}年{cleaned}", text)  # a period once given a year, or not one at all
    year, month = _from_context(context, text)
    if cleaned in THIS_PERIOD_WORDS:
        if month is None:
            raise PeriodError(f"period header {text!r} names no month: put the month above it (2023年6月)")
        return HeaderPeriod(Period.of_month(year, month))
    if not cleaned:  # 累计 alone: from January to the month above it, or the whole year
        if not cumulative:
            raise PeriodError("an empty header names no period")
        return HeaderPeriod(Period(year, month or 12, 1), cumulative=True)
    if cleaned in WHOLE_YEAR_WORDS:
        return HeaderPeriod(Period.of_year(year), cumulative)
    period = _labelled(f"{year}年{cleaned}", text)
    return HeaderPeriod(period, cumulative or bool(_YEAR_TO_DATE.search(cleaned)))


def is_period_part(cell: object) -> bool:
    """True for a header that names a period once a year is put above it (``1-6月``, ``全年``,
    ``上半年``, ``1-9月``, ``累计``, ``本月``): a sub-header under a group header ``2023年``."""
    if not isinstance(cell, str) or not _cleaned(cell) or _FOUR_DIGITS.search(_cleaned(cell)):
        return False
    try:
        read_period_header(cell, (f"{YEARS[0]}年6月",))
    except PeriodError:
        return False
    return True


def context_period(item: object) -> tuple[int, int | None] | None:
    """(year, month or None) that a text above a header names (``2023年``, ``2023年6月主要指标``,
    a sheet named ``2023年``), for the headers below that name none; None when it names no year,
    several, or dates the report (``填报日期：2024年1月15日``, ``2024年1月15日``)."""
    return _context_period(item)


def _cleaned(text: str) -> str:
    cleaned = arabic_year(re.sub(r"\s+", "", normalise(text).replace("／", "/")))
    cleaned = _BRACKETED.sub("", cleaned).rstrip("*")
    for word in TRAILING_WORDS:
        if cleaned.endswith(word) and cleaned != word:
            cleaned = cleaned[: -len(word)]
            break
    return cleaned


def _labelled(label: str, text: str) -> Period:
    try:
        return parse_period(label)
    except PeriodError:
        raise PeriodError(
            f"period header {text!r} is not a period (expected e.g. 2023, 2023年6月, 2023.6, 2023年上半年, "
            f"2023年1-6月, or 1-6月 / 全年 under a 2023年 header)"
        ) from None


def _month(year: int, month: int, text: str) -> Period:
    try:
        return Period.of_month(year, month)
    except PeriodError:
        raise PeriodError(f"period header {text!r}: month {month} is not 1-12") from None


def _from_context(context: list[object], text: str) -> tuple[int, int | None]:
    """(year, month or None) from the first context that names a year."""
    for item in context:
        found = _context_period(item)
        if found is not None:
            return found
    raise PeriodError(
        f"period header {text!r} names no year: write it as 2023年{text.strip()}, or put the year above it "
        f"(a merged 2023年 header) or in the sheet's title"
    )


def _context_period(item: object) -> tuple[int, int | None] | None:
    if item is None or item == "":
        return None
    if not isinstance(item, str):
        try:
            period = read_period_header(item).period
        except PeriodError:
            return None
        return period.year, (period.last_month if period.last_month == period.first_month else None)
    cleaned = _cleaned(item)
    if _REPORT_DATE.match(cleaned) or _DAY.search(cleaned):
        return None
    try:
        period = parse_period(cleaned)
    except PeriodError:
        found = {(int(y), int(m) if m else None) for y, m in _YEAR_IN_TEXT.findall(cleaned)}
        return found.pop() if len(found) == 1 else None
    return period.year, (period.last_month if period.frequency is Frequency.MONTH else None)
