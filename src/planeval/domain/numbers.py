"""Numbers as plan tables and departments write them.

One cell's content is read the same way by every reader (plan tables, observation files, a
department's submission, the web form and its Excel template):

============================  ===============================================================
written                       read
============================  ===============================================================
``１２．５％``                  12.5, percent (full-width digits and signs)
``－3.2``, ``−3.2``            -3.2 (full-width hyphen, U+2212 minus, a dash before a digit)
``‐3.2``, ``﹣3.2``             -3.2 (the hyphen U+2010 and the small minus U+FE63 too)
``1,020.5``, ``１，０２０``      1020.5, 1020 (thousands separators)
``1 234.5``                     1234.5 (a blank as thousands separator)
``'66.16``                      66.16 (Excel's text prefix; zero-width blanks are dropped too)
``1,385,000万元``               1385000 with the unit 万元 (converted by :func:`in_unit`)
``1.2万亿``, ``138.5亿``         1.2 with the unit 万亿: a bare magnitude is of the indicator's
                                unit (1.2万亿 for 亿元 is 12000, 1.2万 for 人 is 12000)
``5‰``                          5 with the unit ‰
0.055 formatted ``0.0%``        5.5, percent (an Excel cell formatted as percent)
12.5 formatted ``0.0"万元"``    12.5 with the unit 万元 (the unit the format prints)
``85.3*``, ``*85.3``            85.3, estimated (the tables' mark for an estimate)
``85.3（预计）``, ``85.3（初步核算）``  85.3, estimated: 预计, 初步, 快报, 估计, 估算 are not final
``85.3①``                       85.3 with the footnote mark kept as a note
``—``, ``/``, empty, ``暂无``    missing: no value, which is not 0
``0.0（无）``                    missing too: a zero noted 无 is no value
``不适用``                       not applicable: a value that does not exist for this period
``#DIV/0!``                     refused: an Excel error value
============================  ===============================================================

This module only reads cell contents; it knows nothing of files.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from planeval.domain.units import RATIOS, clean_unit, convert, convertible, with_base
from planeval.errors import NumberError, UnitError

MISSING_MARKS = frozenset(
    {"", "—", "——", "-", "--", "–", "/", "／", "…", "……", "...", "暂无", "暂缺", "无", "n/a", "na", "NA"}
)
"""Cell texts that mean "no value" (kept apart from 0)."""
NOT_APPLICABLE_MARKS = frozenset({"不适用", "不涉及"})
"""Cell texts that mean the value does not exist here (kept apart from a missing value)."""
PRELIMINARY_WORDS = ("初步核算", "初步统计", "初步", "预计", "预估", "快报", "估计", "估算")
"""Status notes of a figure that is not final yet; one of them in a note marks it estimated."""
ESTIMATE_MARK = "*"
FOOTNOTE_MARKS = "*※#†‡①②③④⑤⑥⑦⑧⑨⑩"
NOT_UNITS = ("左右", "以上", "以下", "以内", "多", "余", "约")
"""Words after a number that make it a range or a bound, not one value."""
MISSING_NOTES = frozenset({"无", "暂无", "暂缺", "缺", "空"})
"""Notes that say a written zero is no value (``0.0（无）``)."""
EXCEL_ERRORS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA"})
"""Error values Excel shows for a formula that failed."""
CELL_DIGITS = 10
"""Decimals kept when a number cell is shown as the text a person would have typed."""

_FULL_WIDTH = str.maketrans(
    "０１２３４５６７８９．，－＋％＊（）〔〕【】：＞＜＝\u2010\u2011\u2012\ufe63\u2212",
    "0123456789.,-+%*()[][]:><=-----",
    "\u200b\u200c\u200d\u2060\ufeff",
)
_GROUPED = r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+"  # 1,234,567 or 1 234 567
_NUMBER = re.compile(rf"([-+]?(?:{_GROUPED}|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|[-+]?\.\d+)(.*)")
_TEXT_PREFIX = "'"
_SEPARATORS = re.compile(r"[, \u00a0\u2009\u202f]")
_TRAILING_NOTE = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]\s*$")
_LEADING_NOTE = re.compile(r"^\s*[(\[]([^()\[\]]*)[)\]]\s*")
_BAD_UNIT = re.compile(r"[\d.,+\-*%‰‱()\[\]:<>=\s]|^/|/$")
_LITERAL = re.compile(r'"[^"]*"|\\.')
_FORMAT_LITERAL = re.compile(r'"([^"]*)"|\\(.)')
_FORMAT_BRACKETS = re.compile(r"\[[^\]]*\]")
_PLACEHOLDER = re.compile(r"[0#?]")
_SCALING = re.compile(r"[0#?],+(?![0#?,])")


@dataclass(frozen=True)
class Reading:
    """What a cell says.

    ``value``: the number as written, None for a missing or not-applicable cell. ``percent``:
    written with ``%`` (or formatted as percent in Excel). ``estimated``: marked ``*`` or with a
    status note (预计, 初步核算, 快报…): a figure that is not final. ``not_applicable``: written
    ``不适用``. ``unit``: a unit written in the cell other than ``%`` (``万元``, ``‰``), empty when
    none. ``note``: footnote marks and bracketed notes, joined by ``；``.
    """

    value: float | None
    percent: bool = False
    estimated: bool = False
    not_applicable: bool = False
    unit: str = ""
    note: str = ""

    @property
    def missing(self) -> bool:
        """True for a missing mark (—, empty, 暂无); False for 不适用 and for any number."""
        return self.value is None and not self.not_applicable

    @property
    def written_unit(self) -> str:
        """The unit the cell itself gives: ``%``, ``万元``…, or ``""``."""
        return "%" if self.percent else self.unit


def normalise(text: str) -> str:
    """Full-width digits and signs to ASCII, the minus signs (− ‐ ﹣, and — before a digit) to
    ``-``, zero-width blanks and surrounding blanks removed."""
    cleaned = str(text).translate(_FULL_WIDTH).strip()
    return re.sub(r"^[—–](?=\d)", "-", cleaned)


def is_percent_format(number_format: str | None) -> bool:
    """True for an Excel number format that scales by 100 (``0.0%``), not one printing a
    literal % (``0.0"%"``)."""
    return "%" in _LITERAL.sub("", number_format or "")


def format_unit(number_format: str | None) -> str:
    """The unit an Excel number format prints after the number as literal text: ``0.0"万元"`` →
    ``万元``, ``0.00"%"`` → ``%``, ``0.0\\万`` → ``万``; ``""`` for none, for text that is no unit
    (``0"左右"``), and for a format that scales the number it shows (``0,"千"`` shows
    thousands: the value stored is not the value printed)."""
    section = _FORMAT_BRACKETS.sub("", (number_format or "").split(";")[0])
    placeholders = list(_PLACEHOLDER.finditer(_LITERAL.sub(lambda m: " " * len(m.group()), section)))
    if not placeholders or _SCALING.search(_LITERAL.sub("", section)):
        return ""
    after = section[placeholders[-1].end() :]
    unit = clean_unit("".join(quoted or escaped for quoted, escaped in _FORMAT_LITERAL.findall(after)))
    return unit if unit and _is_unit(unit) and unit not in NOT_UNITS else ""


def is_preliminary_note(note: str) -> bool:
    """True when ``note`` (``预计``, ``初步核算数``, ``2023年快报``) says a figure is not final."""
    return any(word in note for word in PRELIMINARY_WORDS)


def read_number(cell: object, number_format: str = "") -> Reading:
    """Read one cell (see the module's table): text as typed, or a number from a spreadsheet
    with its Excel ``number_format`` (0.055 formatted ``0.0%`` → 5.5 percent).

    Raises:
        NumberError: the cell holds no number, more than one, a range or bound (``约12``,
            ``12左右``), a date, an Excel error value (``#DIV/0!``), a note without a number
            (``（初步核算）``), or a number other than 0 noted 无.
    """
    if isinstance(cell, bool | datetime.date | datetime.time):
        raise NumberError(f"{cell!r} is not a number")
    if isinstance(cell, int | float):
        if isinstance(cell, float) and not math.isfinite(cell):
            raise NumberError(f"{cell!r} is not a finite number")
        if is_percent_format(number_format):
            return Reading(round(cell * 100, CELL_DIGITS), percent=True)
        unit = format_unit(number_format)
        return Reading(float(cell), percent=unit == "%", unit="" if unit == "%" else unit)
    return _read_text(str(cell))


def _read_text(text: str) -> Reading:
    cleaned = normalise(text)
    if cleaned.startswith(_TEXT_PREFIX):
        cleaned = cleaned[1:].strip()
    if cleaned.upper() in EXCEL_ERRORS:
        raise NumberError(f"{cleaned} is an Excel error value: correct the formula, or type the value")
    if cleaned in MISSING_MARKS:
        return Reading(None)
    if cleaned in NOT_APPLICABLE_MARKS:
        return Reading(None, not_applicable=True)
    body, notes = _without_notes(cleaned)
    estimated = ESTIMATE_MARK in notes or any(is_preliminary_note(note) for note in notes)
    note = "；".join(note for note in notes if note != ESTIMATE_MARK)
    if body in MISSING_MARKS and body:
        return Reading(None, note=note)
    if not body:
        raise NumberError(f"{text!r} holds a note but no number")
    match = _NUMBER.fullmatch(body)
    unit = clean_unit(match.group(2)) if match else ""
    if match is None or not _is_unit(unit) or body.startswith(NOT_UNITS):
        raise NumberError(f"{text!r} is not a number (expected e.g. 12.5, 1,020, 5.5%, 60.6*)")
    value = float(_SEPARATORS.sub("", match.group(1)))
    if not math.isfinite(value):
        raise NumberError(f"{text!r} is not a finite number")
    if any(note in MISSING_NOTES for note in notes):
        if value != 0:
            raise NumberError(f"{text!r} holds a number and says there is none")
        return Reading(None, note=note)
    return Reading(value, unit == "%", estimated, unit="" if unit == "%" else unit, note=note)


def _is_unit(unit: str) -> bool:
    """True for no unit, a ratio (% ‰ ‱) or a word that can be a unit (万元, 元/人), not a bound."""
    return not unit or unit in RATIOS or not (_BAD_UNIT.search(unit) or unit in NOT_UNITS)


def _without_notes(text: str) -> tuple[str, list[str]]:
    """The text without its notes, and the notes: bracketed text before or after the number,
    footnote marks and status words after it (``85.3*（预计）`` → ``85.3``, [预计, *])."""
    notes: list[str] = []
    body = text
    while True:
        before = body
        if match := _TRAILING_NOTE.search(body):
            notes.insert(0, match.group(1).strip())
            body = body[: match.start()]
        elif match := _LEADING_NOTE.match(body):
            notes.insert(0, match.group(1).strip())
            body = body[match.end() :]
        elif body and body[-1] in FOOTNOTE_MARKS:
            notes.insert(0, body[-1])
            body = body[:-1]
        elif body and body[0] == ESTIMATE_MARK:
            notes.insert(0, ESTIMATE_MARK)
            body = body[1:]
        elif word := next((w for w in PRELIMINARY_WORDS if body.endswith(w) and body != w), None):
            notes.insert(0, word)
            body = body[: -len(word)]
        body = body.strip()
        if body == before:
            return body, [note for note in notes if note]


def parse_number(text: object) -> float | None:
    """The value of :func:`read_number`, or None for a missing or not-applicable cell."""
    return read_number(text).value


def in_unit(reading: Reading, unit: str, declared: str = "") -> float | None:
    """The value of ``reading`` in ``unit`` (the indicator's), None when it has none.

    The cell's own unit (``万元``, ``%``) counts first, then ``declared`` (the unit of its column
    or row, ``亿元``), then ``unit`` itself: ``1,385,000万元`` in a column declared ``亿元`` for an
    indicator in 亿元 is 138.5. A bare magnitude (``1.2万亿``, a row declared ``万``) is of the
    indicator's unit (see :func:`planeval.domain.units.with_base`). With ``unit`` empty the value
    is taken as written.

    Raises:
        UnitError: the cell's unit cannot be converted to ``declared``, or the unit the value is
            in cannot be converted to ``unit``.
    """
    if reading.value is None:
        return None
    own, declared = with_base(reading.written_unit, unit), with_base(clean_unit(declared), unit)
    if own and declared and not convertible(own, declared):
        raise UnitError(f"the cell's unit {own} cannot be converted to {declared}, the unit its row or column gives")
    source = own or declared
    if not unit.strip() or not source:
        return reading.value
    try:
        return convert(reading.value, source, unit)
    except UnitError as error:
        raise UnitError(f"{error} (the indicator's unit)") from None


def typed_text(cell: object, number_format: str = "") -> str:
    """A cell as the text a person typed or sees: numbers without float noise (``43.5``),
    percent-formatted numbers with their sign (0.055 as ``5.5%``), dates as ``2023-06-01``,
    blanks as ``""``."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, int | float) and math.isfinite(cell):
        if is_percent_format(number_format):
            return format_number(cell * 100, CELL_DIGITS) + "%"
        return format_number(cell, CELL_DIGITS) if isinstance(cell, float) else str(cell)
    if isinstance(cell, datetime.datetime) and cell.time() == datetime.time():
        return cell.date().isoformat()
    if isinstance(cell, datetime.date | datetime.time):
        return cell.isoformat()
    return str(cell).strip()


def format_number(value: float | None, digits: int = 2) -> str:
    """A value as a report prints it: at most ``digits`` decimals, no trailing zeros, no
    exponent and no "-0" (1015986.2 → ``1015986.2``, 5.0 → ``5``, -0.001 → ``0``); ``—`` for None.
    """
    if value is None:
        return "—"
    text = f"{round(value, digits):.{digits}f}".rstrip("0").rstrip(".") if digits else f"{round(value):d}"
    return "0" if text in ("-0", "") else text


def format_percent(fraction: float | None, digits: int = 1) -> str:
    """A fraction as a percentage rounded half up, as a person rounds: 2.8125 → ``281.3%``
    (binary floating point alone would print 281.2); ``—`` for None."""
    if fraction is None:
        return "—"
    quantum = Decimal(1).scaleb(-digits)
    return f"{(Decimal(repr(fraction)) * 100).quantize(quantum, rounding=ROUND_HALF_UP)}%"
