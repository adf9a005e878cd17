"""Units of measure as plan tables write them, and converting a value between them.

A unit is a magnitude prefix (万, 亿, 千, 百万…) in front of a base (元, 人, 吨标准煤, 千瓦时):
``万元`` is 10⁴ 元 and ``亿元`` 10⁸ 元, so 1,385,000 万元 is 138.5 亿元. Prefixes stack
(``万千瓦`` is 10⁴ 千瓦, 10⁷ 瓦). Percent, per mille and per ten thousand (``%``, ``‰``, ``‱``) are
one dimensionless ratio, so 5 ‰ is 0.5 %. Two units convert into each other only when their bases
are the same; anything else is a :class:`UnitError`, never a guess.

This module only reads unit texts; it knows nothing of files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from planeval.errors import UnitError

PREFIXES: tuple[tuple[str, float], ...] = (
    ("万亿", 1e12),
    ("千亿", 1e11),
    ("百亿", 1e10),
    ("亿", 1e8),
    ("千万", 1e7),
    ("百万", 1e6),
    ("十万", 1e5),
    ("万", 1e4),
    ("千", 1e3),
)
"""Magnitude prefixes, longest first. 百 alone is left out: 百分点 is a unit of its own."""
RATIOS = {"%": 1e-2, "‰": 1e-3, "‱": 1e-4}
"""Dimensionless ratios, all of the base :data:`RATIO`."""
RATIO = "ratio"
SIGNIFICANT_DIGITS = 12
"""A converted value is rounded to this many significant digits: 1,385,000 万元 is 138.5 亿元,
not 138.50000000000003."""
ALIASES = {"％": "%", "個": "个", "个百分点": "百分点"}

_BRACKETS = re.compile(r"[（(〔\[]\s*([^（）()〔〕\[\]]*?)\s*[）)〕\]]\s*$")
_UNIT_LABEL = re.compile(r"^(?:计量)?单位\s*[:：]\s*(.+)$")


@dataclass(frozen=True)
class Unit:
    """A unit as ``scale`` × ``base``: ``万元`` is Unit(1e4, "元"), ``%`` is Unit(0.01, "ratio"),
    an empty text (a plain count) is Unit(1, "")."""

    scale: float
    base: str


@lru_cache(maxsize=1024)
def clean_unit(text: str) -> str:
    """The unit without blanks and brackets, full-width signs as ASCII: ``（亿元）`` → ``亿元``."""
    cleaned = re.sub(r"\s+", "", str(text)).strip("（）()〔〕[]")
    return ALIASES.get(cleaned, cleaned)


@lru_cache(maxsize=1024)
def parse_unit(text: str) -> Unit:
    """``text`` as scale × base (see :class:`Unit`); any text is a unit, its base the text left
    after the prefixes (``亿吨标准煤`` → 10⁸ × 吨标准煤)."""
    cleaned = clean_unit(text)
    if cleaned in RATIOS:
        return Unit(RATIOS[cleaned], RATIO)
    scale = 1.0
    while True:
        prefix = next(((p, s) for p, s in PREFIXES if cleaned.startswith(p)), None)
        if prefix is None:
            return Unit(scale, cleaned)
        cleaned, scale = cleaned[len(prefix[0]) :], scale * prefix[1]


def with_base(unit: str, target: str) -> str:
    """``unit`` completed with the base of ``target`` when it is a bare magnitude: ``万亿`` for
    ``亿元`` is ``万亿元``, ``万`` for ``人`` is ``万人``; any other unit (or a target that is a
    ratio or a plain count) as it is. How a cell's ``1.2万亿`` or a row's 单位 ``万`` is read."""
    given, wanted = parse_unit(unit), parse_unit(target)
    if not clean_unit(unit) or given.base or wanted.base in ("", RATIO):
        return clean_unit(unit)
    return clean_unit(unit) + wanted.base


def convertible(source: str, target: str) -> bool:
    """True when a value in ``source`` can be given in ``target`` (same base)."""
    return parse_unit(source).base == parse_unit(target).base


def convert(value: float, source: str, target: str) -> float:
    """``value`` in unit ``source`` expressed in unit ``target``: convert(1385000, "万元", "亿元")
    is 138.5 (1,385,000 × 10⁴ ÷ 10⁸); convert(5, "‰", "%") is 0.5.

    Raises:
        UnitError: the two units have different bases (万人 and 亿元, % and 元).
    """
    given, wanted = parse_unit(source), parse_unit(target)
    if given.base != wanted.base:
        raise UnitError(f"{clean_unit(source) or 'a plain number'} cannot be converted to {clean_unit(target)}")
    if given.scale == wanted.scale:
        return value
    return float(f"{value * given.scale / wanted.scale:.{SIGNIFICANT_DIGITS}g}")


def split_header_unit(text: str) -> tuple[str, str]:
    """A column header and the unit it names: ``2023年（亿元）`` → (``2023年``, ``亿元``),
    ``单位：万元`` → (``""``, ``万元``), ``1-6月`` → (``1-6月``, ``""``)."""
    stripped = str(text).strip()
    label = _UNIT_LABEL.match(stripped)
    if label:
        return "", clean_unit(label.group(1))
    match = _BRACKETS.search(stripped)
    if match and match.group(1):
        return stripped[: match.start()].strip(), clean_unit(match.group(1))
    return stripped, ""
