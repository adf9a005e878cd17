"""Indicators (指标) of a plan's main-indicator table, their attribute, direction and baseline."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from planeval.domain.period import Frequency
from planeval.domain.target import Target, TargetKind


class Attribute(Enum):
    """属性 of an indicator in the plan table."""

    EXPECTED = "expected"  # 预期性: indicative
    BINDING = "binding"  # 约束性: obligatory

    @property
    def label(self) -> str:
        return "预期性" if self is Attribute.EXPECTED else "约束性"


class Direction(Enum):
    """Which way is progress: ``increase`` (higher is better) or ``decrease``."""

    INCREASE = "increase"
    DECREASE = "decrease"

    @property
    def label(self) -> str:
        """正向 (higher is better) or 逆向."""
        return "正向" if self is Direction.INCREASE else "逆向"

    @property
    def sign(self) -> int:
        """+1 for increase, -1 for decrease: the ``d`` of docs/METHODS.md."""
        return 1 if self is Direction.INCREASE else -1

    def flipped(self) -> Direction:
        return Direction.DECREASE if self is Direction.INCREASE else Direction.INCREASE


class Aggregation(Enum):
    """How a parent region's value of an indicator follows from its children's (see
    :func:`planeval.regions.roll_up`).

    - ``sum``: the parent's value is the children's total (GDP in 亿元, 新增城镇就业);
    - ``ratio``: a rate recomputed from two other indicators of the plan, the ``numerator`` and
      the ``denominator``: scale × Σ numerator ÷ Σ denominator over the children — never the
      average of the children's rates (see :attr:`Indicator.ratio_scale`);
    - ``last``: no roll-up: only the parent's own reported value stands (rates published by
      the statistics bureau, e.g. a registered unemployment rate);
    - ``none``: no roll-up (the default).
    """

    SUM = "sum"
    RATIO = "ratio"
    LAST = "last"
    NONE = "none"


RATIO_SCALES = {"%": 100.0, "％": 100.0, "‰": 1000.0}
"""The default scale of a ``ratio`` indicator by unit: 100 for percent, 1000 for per mille,
1 for any other unit (件/万人 from 件 and 万人)."""


@dataclass(frozen=True)
class Baseline:
    """The base-year value (基期值) of an indicator.

    ``value`` is what the plan table prints (None where it prints — ); ``revised_value`` is a
    later value for the same year on another basis, e.g. the 2020 census gave 63.89 for the
    urbanisation rate that the plan printed as 60.6*. ``revised_basis`` names that basis
    (``census``), ``estimated`` is True where the table marks the value with * (an estimate).
    """

    year: int
    value: float | None = None
    revised_value: float | None = None
    revised_basis: str | None = None
    estimated: bool = False

    @property
    def current(self) -> float | None:
        """The value an evaluation uses: the revised one when there is one."""
        return self.revised_value if self.revised_value is not None else self.value

    @property
    def is_revised(self) -> bool:
        return self.revised_value is not None


@dataclass(frozen=True)
class Indicator:
    """One row of the main-indicator table.

    ``unit`` is as printed (``%``, ``件``, ``亿吨标准煤``); ``aspect`` is the category (类别/方面)
    it is grouped under; ``department`` the responsible department (责任单位), if known;
    ``frequency`` how often it is reported; ``target_year`` the year the target applies to.
    ``aggregation`` says how a parent region's value follows from its children's; for a
    ``ratio``, ``numerator`` and ``denominator`` are the codes of the two indicators of the same
    plan it is recomputed from and ``scale`` overrides the factor of :attr:`ratio_scale`.
    """

    code: str
    name: str
    unit: str
    aspect: str
    attribute: Attribute
    direction: Direction
    baseline: Baseline
    target: Target
    target_year: int
    department: str | None = None
    frequency: Frequency = Frequency.YEAR
    note: str = ""
    aggregation: Aggregation = Aggregation.NONE
    numerator: str | None = None
    denominator: str | None = None
    scale: float | None = None

    @property
    def ratio_scale(self) -> float:
        """The factor of a ``ratio``: value = scale × Σ numerator ÷ Σ denominator. ``scale``
        when given, else 100 when the unit is %, 1000 for ‰, 1 otherwise (see :data:`RATIO_SCALES`)."""
        if self.scale is not None:
            return self.scale
        return RATIO_SCALES.get(self.unit.strip(), 1.0)

    @property
    def is_growth_rate(self) -> bool:
        """True for indicators that are a rate of growth (…增长, …增速) in percent."""
        return is_growth_rate_name(self.name, self.unit)


GROWTH_WORDS = ("增长", "增速", "增幅")


def is_growth_rate_name(name: str, unit: str) -> bool:
    """True when the name speaks of growth (增长/增速/增幅) and the unit is percent."""
    return unit.strip() in ("%", "％") and any(word in name for word in GROWTH_WORDS)


@dataclass(frozen=True)
class Aspect:
    """A category (方面/类别) of the indicator table: a name and its indicators' codes in order."""

    name: str
    codes: tuple[str, ...]


def implied_direction(target: Target, baseline: float | None) -> Direction:
    """The direction a plan table implies when it gives none.

    A ceiling means lower is better; a level target below its baseline, or a negative
    cumulative change, means decrease; everything else (floors, growth, reduction rates,
    totals) increase.
    """
    value = target.value
    if target.kind is TargetKind.CEILING:
        return Direction.DECREASE
    if target.kind is TargetKind.CUMULATIVE_CHANGE and value is not None and value < 0:
        return Direction.DECREASE
    if target.kind is TargetKind.LEVEL and baseline is not None and value is not None:
        return Direction.DECREASE if value < baseline else Direction.INCREASE
    return Direction.INCREASE
