"""Targets (目标) and how to read them from the text of a plan table.

A plan table writes targets in a handful of forms; :func:`parse_target` turns each into a
:class:`Target` of one kind:

=========================  =========================================  =====================
text                       kind                                       example
=========================  =========================================  =====================
bare number                ``level`` (to reach by the target year)     ``65``
                           ``avg_growth`` for a growth-rate indicator  ``7`` (…增长)
``>X ≥X X以上 不低于X``      ``floor``; ``avg_growth`` for growth rates  ``>46``, ``>7``
``<X ≤X X以内 控制在X以内``   ``ceiling``                                ``<5.5``
``〔X〕``                    ``cumulative_reduction`` (…降低/下降)       ``〔13.5〕``
                           ``cumulative_total`` (新增…/累计…)           ``〔5500〕``
                           ``cumulative_change`` otherwise             ``〔1〕`` (+1 year)
``X左右``                   ``range`` around X (``avg_growth`` for      ``5%左右``
                           growth rates), tolerance from settings
``X-Y``                    ``range`` (``avg_growth`` band for rates)   ``5-6``
``高于GDP增长``              ``in_step``, relation ``above``             ``高于GDP增长``
``与GDP增长基本同步``         ``in_step``, relation ``in_step``           ``与GDP增长基本同步``
``…各年度视情提出``           ``annual`` (the yearly targets apply)       ``保持在合理区间…``
``完成…下达…任务``            ``completion``                             ``完成省下达任务``
anything else              ``unparsed``, text kept verbatim            ``稳步提高``
=========================  =========================================  =====================
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from planeval.domain.numbers import normalise

REDUCTION_WORDS = ("降低", "下降", "减少", "削减")
TOTAL_WORDS = ("新增", "累计", "完成")


class TargetKind(Enum):
    """The kinds of target of DESIGN.md, plus ``cumulative_change``, ``annual`` and
    ``unparsed``."""

    LEVEL = "level"
    AVG_GROWTH = "avg_growth"
    CUMULATIVE_REDUCTION = "cumulative_reduction"
    CUMULATIVE_TOTAL = "cumulative_total"
    CUMULATIVE_CHANGE = "cumulative_change"
    CEILING = "ceiling"
    FLOOR = "floor"
    RANGE = "range"
    IN_STEP = "in_step"
    ANNUAL = "annual"
    COMPLETION = "completion"
    UNPARSED = "unparsed"

    @property
    def label(self) -> str:
        """The kind in the words of a plan table."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    TargetKind.LEVEL: "目标值", TargetKind.AVG_GROWTH: "年均增长", TargetKind.CUMULATIVE_REDUCTION: "累计降低",
    TargetKind.CUMULATIVE_TOTAL: "累计总量", TargetKind.CUMULATIVE_CHANGE: "累计变化", TargetKind.CEILING: "上限",
    TargetKind.FLOOR: "下限", TargetKind.RANGE: "区间", TargetKind.IN_STEP: "与参照指标比较",
    TargetKind.ANNUAL: "年度目标", TargetKind.COMPLETION: "完成任务", TargetKind.UNPARSED: "无法量化",
}  # fmt: skip


class Relation(Enum):
    """How an ``in_step`` target relates an indicator's growth to a reference's growth."""

    ABOVE = "above"  # 高于
    IN_STEP = "in_step"  # 基本同步


@dataclass(frozen=True)
class Target:
    """A target as read from the plan table.

    ``value``: the number the text gives (level, rate in %, cumulative figure, bound, or the
    point of a ``X左右``). ``low``/``high``: a band ``X-Y``. ``approximate``: written ``左右``
    (the tolerance is a setting). ``reference``: for ``in_step``, the text naming the other
    indicator (``GDP增长``); ``relation``: above or in step. ``text``: the cell verbatim.
    """

    kind: TargetKind
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    held: bool = False  # a level already met at baseline, to be kept to the end (set by the case)
    reference: str | None = None
    relation: Relation | None = None

    @property
    def is_parsed(self) -> bool:
        return self.kind is not TargetKind.UNPARSED


_NUM = r"(-?\d+(?:\.\d+)?)"
_CUMULATIVE = re.compile(rf"^(?:\[{_NUM}\]|\({_NUM}\)|累计{_NUM})$")
_BAND = re.compile(rf"^{_NUM}(?:-|~|～|—|–|至|到){_NUM}$")
_ABOUT = re.compile(rf"^(?:约{_NUM}|{_NUM}左右)$")
_FLOOR = re.compile(rf"^(?:>|≥|>=|不低于|不少于|大于|高于|超过)?{_NUM}(?:以上)?$")
_FLOOR_MARK = re.compile(r"^(>|≥|>=|不低于|不少于|大于|高于|超过)|以上$")
_CEILING = re.compile(rf"^(?:<|≤|<=|控制在|不高于|不超过|低于|小于)?{_NUM}(?:以内|以下)?$")
_CEILING_MARK = re.compile(r"^(<|≤|<=|不高于|不超过|低于|小于)|(以内|以下)$")
_BARE = re.compile(rf"^{_NUM}$")
_CLAUSE = re.compile(r"[、，,；;]")
_ABOVE = re.compile(r"^(?:增速|增长)?(?:高于|快于|超过)(.+?增长)$")
_IN_STEP = re.compile(r"^与(.+?增长)(?:基本)?同步$")
_ANNUAL = re.compile(r"视情|各年度|年度目标|合理区间")
_COMPLETION = re.compile(r"完成.*下达.*任务")


def _clean(text: str, unit: str) -> str:
    cleaned = re.sub(r"\s+(?!\d)|(?<!\d)\s+", "", normalise(text)).replace("【", "[").replace("】", "]")
    cleaned = cleaned.replace("（", "(").replace("）", ")").replace("〔", "[").replace("〕", "]")
    for prefix in ("年均增长", "年均", "增长", "达到", "保持在", "稳定在", "保持", "控制在"):
        if cleaned.startswith(prefix) and re.match(r"[\d<>≥≤\[]", cleaned[len(prefix) :] or "x"):
            cleaned = cleaned[len(prefix) :]
    for mark in ("%", "‰", unit.strip()):
        if mark:
            cleaned = re.sub(rf"{re.escape(mark)}(?=(左右|以上|以内|以下|\]|\)|$|-|~|～|—|–|至))", "", cleaned)
    return cleaned


def parse_target(text: str, *, name: str = "", unit: str = "", growth_rate: bool = False) -> Target:
    """Read a target cell of a plan table.

    Args:
        text: the cell as printed (``65``, ``>7``, ``〔13.5〕``, ``高于GDP增长``, …).
        name: the indicator's name; ``…降低`` makes ``〔X〕`` a compounded reduction and
            ``新增…``/``累计…`` a cumulative total.
        unit: the indicator's unit, stripped from the text (``12件`` → 12).
        growth_rate: True for indicators that are a growth rate (``…增长`` in %): then a
            floor, a bare number or ``X左右`` is an average-growth target (年均增长). So is a
            target in % on an indicator measured in another unit (``6%左右`` for 亿元), and one
            written ``年均…``.

    Returns:
        A :class:`Target`; text that fits no form gives kind ``unparsed`` with the text kept,
        never a guess. Parsing never raises.
    """
    raw = str(text).strip()
    cleaned = _clean(raw, unit)
    percent_of_level = "%" in normalise(raw) and unit.strip() not in ("", "%", "％")
    growth = growth_rate or normalise(raw).startswith("年均") or percent_of_level
    target = _read(raw, cleaned, name, growth)
    if target is None and _CLAUSE.search(cleaned):
        # ">7、投入强度高于“十三五”时期实际": the first clause is the number judged; the
        # rest is a qualitative aim, kept in the text.
        target = _read(raw, _CLAUSE.split(cleaned, maxsplit=1)[0], name, growth)
    return target or Target(TargetKind.UNPARSED, raw)


def _read(raw: str, cleaned: str, name: str, growth: bool) -> Target | None:
    for reader in (_read_relative, _read_annual, _read_cumulative, _read_band, _read_bound):
        target = reader(raw, cleaned, name, growth)
        if target is not None:
            return target
    return None


def _read_relative(raw: str, cleaned: str, name: str, growth: bool) -> Target | None:
    above = _ABOVE.match(cleaned)
    if above:
        return Target(TargetKind.IN_STEP, raw, reference=above.group(1), relation=Relation.ABOVE)
    in_step = _IN_STEP.match(cleaned)
    if in_step:
        return Target(TargetKind.IN_STEP, raw, reference=in_step.group(1), relation=Relation.IN_STEP)
    return None


def _read_annual(raw: str, cleaned: str, name: str, growth: bool) -> Target | None:
    if _ANNUAL.search(cleaned):
        return Target(TargetKind.ANNUAL, raw)
    if _COMPLETION.search(cleaned):
        return Target(TargetKind.COMPLETION, raw)
    return None


def _read_cumulative(raw: str, cleaned: str, name: str, growth: bool) -> Target | None:
    match = _CUMULATIVE.match(cleaned)
    if not match:
        return None
    value = float(next(group for group in match.groups() if group is not None))
    if any(word in name for word in REDUCTION_WORDS):
        return Target(TargetKind.CUMULATIVE_REDUCTION, raw, value=value)
    if any(word in name for word in TOTAL_WORDS):
        return Target(TargetKind.CUMULATIVE_TOTAL, raw, value=value)
    return Target(TargetKind.CUMULATIVE_CHANGE, raw, value=value)


def _read_band(raw: str, cleaned: str, name: str, growth: bool) -> Target | None:
    about = _ABOUT.match(cleaned)
    if about:
        kind = TargetKind.AVG_GROWTH if growth else TargetKind.RANGE
        value = float(next(group for group in about.groups() if group is not None))
        return Target(kind, raw, value=value, approximate=True)
    band = _BAND.match(cleaned)
    if band:
        low, high = sorted((float(band.group(1)), float(band.group(2))))
        kind = TargetKind.AVG_GROWTH if growth else TargetKind.RANGE
        return Target(kind, raw, value=low if growth else None, low=low, high=high)
    return None


def _read_bound(raw: str, cleaned: str, name: str, growth: bool) -> Target | None:
    if _BARE.match(cleaned):
        kind = TargetKind.AVG_GROWTH if growth else TargetKind.LEVEL
        return Target(kind, raw, value=float(cleaned))
    if _FLOOR.match(cleaned) and _FLOOR_MARK.search(cleaned):
        value = float(_FLOOR.match(cleaned).group(1))  # type: ignore[union-attr]
        return Target(TargetKind.AVG_GROWTH if growth else TargetKind.FLOOR, raw, value=value)
    if _CEILING.match(cleaned) and (_CEILING_MARK.search(cleaned) or cleaned.startswith("控制在")):
        value = float(_CEILING.match(cleaned).group(1))  # type: ignore[union-attr]
        return Target(TargetKind.CEILING, raw, value=value)
    return None


def growth_floor(target: Target, about_tolerance: float) -> float:
    """The lowest average growth (% a year) that meets an ``avg_growth`` target: X − the
    ``about_tolerance`` setting for ``X左右``, the low end of a band ``X-Y``, else X
    (docs/METHODS.md §1.2(b): "以上" is met from X, "左右" within a tolerance)."""
    if target.approximate:
        return float(target.value or 0) - about_tolerance
    if target.low is not None:
        return target.low
    return float(target.value or 0)
