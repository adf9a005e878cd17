"""Statistical periods (统计期) and the time share (时间进度) of a plan period.

A period is a span of whole months inside one calendar year: the year ``2022``, the half
``2023H1``, the quarter ``2023Q2``, the month ``2023-06``, or a year-to-date span such as
``2023年1-9月`` (written ``2023M01-09``). A half year and the months January to June are the same
span, so ``2023H1`` and ``2023年1-6月`` compare equal.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from enum import Enum

from planeval.errors import PeriodError

MONTHS_IN_YEAR = 12
YEARS = (1900, 2200)
"""The years a period may name: anything else is a typing error (``0000``, ``20233``)."""

_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－．／～–", "0123456789-./~-")
_CHINESE_YEAR = re.compile(r"([〇○零一二三四五六七八九]{4})(?=年)")
_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")


class Frequency(Enum):
    """How long a period is; also how often an indicator is reported (报送频率)."""

    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    SPAN = "span"  # any other run of months, e.g. January to September


@dataclass(frozen=True, order=True)
class Period:
    """A run of months ``first_month..last_month`` (1–12, inclusive) in one calendar ``year``.

    Ordered by year, then last month, then first month, so the later end sorts later.
    Build one with :func:`parse_period` or the class methods; the constructor checks the span.

    Raises:
        PeriodError: months outside 1–12 or ``first_month > last_month``.
    """

    year: int
    last_month: int
    first_month: int

    def __post_init__(self) -> None:
        if not 1 <= self.first_month <= self.last_month <= MONTHS_IN_YEAR:
            raise PeriodError(f"months {self.first_month}-{self.last_month} of {self.year} are not a span of 1-12")

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(year, MONTHS_IN_YEAR, 1)

    @classmethod
    def of_half(cls, year: int, half: int) -> Period:
        return cls(year, 6 * half, 6 * half - 5)

    @classmethod
    def of_quarter(cls, year: int, quarter: int) -> Period:
        return cls(year, 3 * quarter, 3 * quarter - 2)

    @classmethod
    def of_month(cls, year: int, month: int) -> Period:
        return cls(year, month, month)

    @property
    def frequency(self) -> Frequency:
        months = self.last_month - self.first_month + 1
        if months == MONTHS_IN_YEAR:
            return Frequency.YEAR
        if months == 6 and self.first_month in (1, 7):
            return Frequency.HALF
        if months == 3 and self.first_month % 3 == 1:
            return Frequency.QUARTER
        if months == 1:
            return Frequency.MONTH
        return Frequency.SPAN

    @property
    def is_year_to_date(self) -> bool:
        """True when the span starts in January (a full year or 1–N月 累计)."""
        return self.first_month == 1

    @property
    def years(self) -> float:
        """Length in years: 1.0 for a year, 0.5 for a half, 0.25 for a quarter."""
        return (self.last_month - self.first_month + 1) / MONTHS_IN_YEAR

    @property
    def end(self) -> float:
        """The end of the span as a fractional year: 2023H1 → 2023.5, 2022 → 2023.0."""
        return self.year + self.last_month / MONTHS_IN_YEAR

    @property
    def last_day(self) -> date:
        """The calendar day the span ends on: 2022 → 2022-12-31, 2023H1 → 2023-06-30."""
        return date(self.year, self.last_month, monthrange(self.year, self.last_month)[1])

    def __str__(self) -> str:
        return format_period(self)


def format_period(period: Period) -> str:
    """The canonical label: ``2022``, ``2023H1``, ``2023Q2``, ``2023-06`` or ``2023M01-09``."""
    y, first, last = period.year, period.first_month, period.last_month
    frequency = period.frequency
    if frequency is Frequency.YEAR:
        return str(y)
    if frequency is Frequency.HALF:
        return f"{y}H{last // 6}"
    if frequency is Frequency.QUARTER:
        return f"{y}Q{last // 3}"
    if frequency is Frequency.MONTH:
        return f"{y}-{last:02d}"
    return f"{y}M{first:02d}-{last:02d}"


_CHINESE_QUARTERS = "一二三四"


def chinese_label(period: Period) -> str:
    """The label a Chinese report writes: ``2022年``, ``2023年上半年``, ``2023年二季度``,
    ``2023年6月``, ``2023年1-9月``."""
    y, first, last = period.year, period.first_month, period.last_month
    frequency = period.frequency
    if frequency is Frequency.YEAR:
        return f"{y}年"
    if frequency is Frequency.HALF:
        return f"{y}年{'上' if last == 6 else '下'}半年"
    if frequency is Frequency.QUARTER:
        return f"{y}年{_CHINESE_QUARTERS[last // 3 - 1]}季度"
    if frequency is Frequency.MONTH:
        return f"{y}年{last}月"
    return f"{y}年{first}-{last}月"


_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (r"(\d{4})年?", "year"),
        (r"(\d{4})年(?:全年|年度|度|末|底)", "year"),
        (r"(\d{4})年?(?:[Hh]1|上半年)", "h1"),
        (r"(\d{4})年?(?:[Hh]2|下半年)", "h2"),
        (r"(\d{4})年?[Qq]([1-4])", "quarter"),
        (r"(\d{4})年第?([一二三四1-4])季度", "quarter"),
        (r"(\d{4})(?:-|年|\.|/)(\d{1,2})月?", "month"),
        (r"(\d{4})年?(?:M)?(\d{1,2})月?(?:-|至|~|—)(\d{1,2})月?", "span"),
        (r"(\d{4})年前([一二三四1-4])季度", "first_quarters"),
    )
)


def arabic_year(text: str) -> str:
    """``text`` with a year written in Chinese numerals in Arabic digits: ``二〇二三年上半年`` →
    ``2023年上半年``; other text as it is."""
    return _CHINESE_YEAR.sub(lambda match: match.group(1).translate(_YEAR_DIGITS), text)


def parse_period(text: str) -> Period:
    """Read a period label as people write it.

    Accepted: ``2022``, ``2022年``, ``2022年度``, ``2022年全年``, ``2022年末``, ``二〇二二年``,
    ``2023H1``, ``2023H2``, ``2023年上半年``, ``2023年下半年``, ``2023Q2``, ``2023年二季度``,
    ``2023年第2季度``, ``2023-06``, ``2023.6``, ``2023年6月``, ``2023年1-6月`` (same span as 2023H1;
    also ``1—6月``, ``1～6月``, ``1–6月``, ``1月-6月``, ``1至6月``), ``2023M01-09``,
    ``2023年前三季度``; full-width digits and blanks anywhere (``2023年　上半年``) too.

    Raises:
        PeriodError: the label matches none of these, names a month outside 1–12, or a year
            outside :data:`YEARS`.
    """
    cleaned = re.sub(r"\s+", "", str(text).translate(_FULL_WIDTH))
    cleaned = arabic_year(cleaned)
    for pattern, kind in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match:
            return _build(kind, match.groups(), text)
    raise PeriodError(
        f"period {text!r} is not a year (2022), half (2023H1, 2023年上半年), quarter (2023Q2, "
        f"2023年二季度), month (2023-06, 2023年6月) or span (2023年1-9月)"
    )


def _number(token: str) -> int:
    return _CHINESE_DIGITS[token] if token in _CHINESE_DIGITS else int(token)


def _build(kind: str, groups: tuple[str | None, ...], text: str) -> Period:
    year = int(groups[0] or 0)
    numbers = [_number(g) for g in groups[1:] if g is not None]
    if not YEARS[0] <= year <= YEARS[1]:
        raise PeriodError(f"period {text!r}: the year {year} is not between {YEARS[0]} and {YEARS[1]}")
    try:
        if kind == "year":
            return Period.of_year(year)
        if kind == "h1":
            return Period.of_half(year, 1)
        if kind == "h2":
            return Period.of_half(year, 2)
        if kind == "quarter":
            return Period.of_quarter(year, numbers[0])
        if kind == "first_quarters":
            return Period(year, 3 * numbers[0], 1)
        if kind == "month":
            return Period.of_month(year, numbers[0])
        return Period(year, numbers[1], numbers[0])
    except PeriodError as error:
        raise PeriodError(f"period {text!r}: {error}") from None


def time_share(period_end: float, start_year: int, end_year: int) -> float:
    """Fraction of the plan period elapsed at ``period_end`` (a fractional year, see
    :attr:`Period.end`), clamped to 0–1.

    For a plan running over the whole years ``start_year..end_year`` (2021–2025, N = 5):
    the end of 2022 gives 2/5 = 0.4 and the end of June 2023 gives 2.5/5 = 0.5.
    Source: each full plan year counts 1/N (NDRC energy-saving schedule 20/40/60/80/100 %,
    docs/METHODS.md §1.1); within a year the fraction is months/12 (Beijing's 14th FYP mid-term
    evaluation takes 2021-01 to 2023-06 as 时间过半).
    """
    length = end_year - start_year + 1
    elapsed = period_end - start_year
    return min(max(elapsed / length, 0.0), 1.0)
