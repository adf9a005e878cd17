"""Which of the plan's indicators a row of a department's table names, by code or by name.

Names are compared as people type them, not character for character: blanks, table numbering
(``1.``, ``（一）``), footnote marks (``*森林覆盖率``, ``常住人口城镇化率▲``) and the width and
case of letters and digits (``国内生产总值(ＧＤＰ)增长``, ``gdp``, ``Ｎ０３``, ``III`` for ``Ⅲ``:
Unicode NFKC, then case folded) do not count. A name may end with its unit in brackets
(``粮食综合生产能力（万吨）``): the unit is handed back for the row to use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from planeval.domain.indicator import Indicator
from planeval.domain.numbers import normalise
from planeval.domain.units import RATIO, clean_unit, convertible, parse_unit, with_base

MARKS = "*＊※#†‡★☆▲△●○◆◇■□①②③④⑤⑥⑦⑧⑨⑩"
"""Footnote and highlight marks before or after an indicator's name."""

_NUMBERING = re.compile(r"^(?:\d+|[一二三四五六七八九十]+)[.、)]\s*|^\((?:\d+|[一二三四五六七八九十]+)\)\s*")
_TRAILING_BRACKET = re.compile(r"[(\[]([^()\[\]]*)[)\]]$")


@dataclass(frozen=True)
class Match:
    """What a row's key names: the ``indicator`` (None when none or several), ``why`` not when
    None, and the ``unit`` its name gives in brackets (``万吨``), or ""."""

    indicator: Indicator | None
    why: str = ""
    unit: str = ""


@lru_cache(maxsize=4096)
def plain(text: str) -> str:
    """``text`` as names are compared: NFKC, case folded, no blanks, numbering or marks."""
    cleaned = re.sub(r"\s+", "", normalise(text)).strip(MARKS)  # before NFKC makes ① a 1
    cleaned = _NUMBERING.sub("", unicodedata.normalize("NFKC", cleaned).casefold())
    return cleaned.strip(MARKS)


class IndicatorNames:
    """The plan's indicators by code and by name, as :func:`plain` compares them: built once for
    a file, looked up for every row."""

    def __init__(self, indicators: Sequence[Indicator]):
        self.indicators = tuple(indicators)
        self._codes = {i.code: i for i in self.indicators}
        self._plain_codes: dict[str, list[Indicator]] = {}
        self._names: dict[str, list[Indicator]] = {}
        for indicator in self.indicators:
            self._plain_codes.setdefault(plain(indicator.code), []).append(indicator)
            self._names.setdefault(plain(indicator.name), []).append(indicator)
        self._bases = {parse_unit(i.unit).base for i in self.indicators} | {RATIO}

    def find(self, keys: Sequence[str], category: str = "") -> Match:
        """The indicator that ``keys`` (the row's code, then its name) name, telling indicators
        of one name apart by ``category`` (the row's 类别)."""
        keys = [key for key in keys if key.strip()]
        if not keys:
            return Match(None)
        for key in keys:
            found, unit = self.by_code(key), ""
            if not found:
                found, unit = self.by_name(key)
            if len(found) > 1 and category:
                found = [i for i in found if plain(i.aspect) == plain(category)] or found
            if len(found) == 1:
                return Match(found[0], unit=unit or self._unit_of_name(found[0], keys))
            if len(found) > 1:
                codes = ", ".join(i.code for i in found)
                return Match(None, f"{key!r} is the name of several indicators ({codes}); give the code")
        return Match(None, f"no indicator {' / '.join(keys)!r} in the plan (expected a code or an indicator name)")

    def names(self, key: str) -> bool:
        """True when ``key`` is the code or the name of an indicator (or of several)."""
        return bool(self.by_code(key) or self.by_name(key)[0])

    def by_code(self, key: str) -> list[Indicator]:
        """The indicator whose code is ``key`` exactly, else as :func:`plain` compares them."""
        exact = self._codes.get(key.strip())
        return [exact] if exact is not None else list(self._plain_codes.get(plain(key), ()))

    def by_name(self, key: str) -> tuple[list[Indicator], str]:
        """The indicators named ``key``, and the unit in the brackets that end it when it names
        them only without those (``粮食综合生产能力（万吨）``)."""
        wanted = plain(key)
        if wanted in self._names:
            return list(self._names[wanted]), ""
        bracket = _TRAILING_BRACKET.search(wanted)
        if bracket is None:
            return [], ""
        found = list(self._names.get(wanted[: bracket.start()], ()))
        return found, self._bracket_unit(found, bracket.group(1))

    def _unit_of_name(self, indicator: Indicator, keys: Sequence[str]) -> str:
        """The unit in the brackets of a name among ``keys`` that names ``indicator`` (a row
        found by its code: ``N19 | 粮食综合生产能力（万吨）``)."""
        for key in keys:
            found, unit = self.by_name(key)
            if found == [indicator] and unit:
                return unit
        return ""

    def _bracket_unit(self, found: Sequence[Indicator], text: str) -> str:
        """The bracket's text as a unit when it is one: a unit that converts to the indicator's,
        or one of the plan's kinds of unit (万人 beside an indicator in 亿吨: a wrong unit,
        reported by its reader); "" for a remark (``〔约束性〕``)."""
        unit = clean_unit(text)
        if not unit or len(found) != 1:
            return ""
        if convertible(with_base(unit, found[0].unit), found[0].unit):
            return unit
        return unit if parse_unit(unit).base in self._bases - {""} else ""
