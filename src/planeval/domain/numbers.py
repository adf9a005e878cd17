"""Numbers as plan tables and departments write them: full-width digits, ``%``, ``*``, dashes.

This module only reads one cell's text; it knows nothing of files.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from planeval.errors import NumberError

MISSING_MARKS = frozenset({"", "—", "——", "-", "--", "–", "/", "／", "…", "暂无", "无", "n/a", "na", "NA"})
"""Cell texts that mean "no value" (kept apart from 0)."""

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋％＊（）〔〕：＞＜＝", "0123456789.,-+%*()[]:><=")
_NUMBER = re.compile(r"[-+]?(?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)")


@dataclass(frozen=True)
class Reading:
    """What a cell says: ``value`` (None when the cell is a missing mark), whether it carried
    a percent sign, and whether it was marked as an estimate with ``*``."""

    value: float | None
    percent: bool = False
    estimated: bool = False


def normalise(text: str) -> str:
    """Full-width digits and signs to ASCII, the minus signs − and — before a digit to ``-``,
    surrounding blanks removed."""
    cleaned = str(text).translate(_FULL_WIDTH).replace("\u2212", "-").strip()
    return re.sub(r"^[—–](?=\d)", "-", cleaned)


def read_number(text: object) -> Reading:
    """Read one cell: ``60.6*`` → 60.6 estimated, ``５．５％`` → 5.5 percent, ``1,020.5`` →
    1020.5, ``—`` → missing. Numbers from a spreadsheet (int, float) pass through.

    Raises:
        NumberError: the text holds no number, or more than one.
    """
    if isinstance(text, bool):
        raise NumberError(f"{text!r} is not a number")
    if isinstance(text, (int, float)):
        if isinstance(text, float) and not math.isfinite(text):
            raise NumberError(f"{text!r} is not a finite number")
        return Reading(float(text))
    cleaned = normalise(str(text))
    if cleaned in MISSING_MARKS:
        return Reading(None)
    estimated = cleaned.endswith("*")
    body = cleaned.removesuffix("*").strip()
    percent = body.endswith("%")
    body = body.removesuffix("%").strip()
    if not _NUMBER.fullmatch(body):
        raise NumberError(f"{text!r} is not a number (expected e.g. 12.5, 1,020, 5.5%, 60.6*)")
    return Reading(float(body.replace(",", "")), percent=percent, estimated=estimated)


def parse_number(text: object) -> float | None:
    """The value of :func:`read_number`, or None for a missing mark."""
    return read_number(text).value


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
