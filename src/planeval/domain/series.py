"""An indicator's path as one series of levels, the common input of the trend-based methods.

The international methods (Eurostat, UNSD, ESCAP, Destatis) judge a level against a level
target. Targets of other kinds become one the way Open SDG advises for growth-rate indicators
("convert to levels before measuring", docs/METHODS.md §3):

- ``level`` (and ``cumulative_change``): the values, from the baseline, against the target level;
- ``avg_growth`` of a rate: the cumulative growth index, 100 in the base year, against
  100·(1 + g)^N; of a level: the levels against x0·(1 + g)^N;
- ``cumulative_reduction``: the intensity index 100·Π(1 − rᵢ) against 100·(1 − r), decreasing;
- ``cumulative_total``: the running sum from 0 against the total.

Rates and amounts are chained year by year, so every year from the first plan year to the latest
is needed: with one missing, the series is :attr:`Reason.NO_DATA` (as in the time-progress
method), never a chain that counts the missing year as zero.

Floors, ceilings, bands, yearly, relative and completion targets have no level to reach:
:func:`level_series` returns the reason :attr:`Reason.NOT_APPLICABLE` for them — except a level
target already met at baseline (``held``), which stays a level: met, or fallen back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import accumulate

from planeval.domain.case import Case
from planeval.domain.indicator import Direction
from planeval.domain.target import TargetKind
from planeval.domain.verdict import Reason

INDEX_BASE = 100.0


@dataclass(frozen=True)
class LevelSeries:
    """Levels at fractional years (a value for 2022 at 2022.0, for 2023H1 at 2022.5), the
    first being the base year's; the target level at the target year; which way is progress."""

    times: tuple[float, ...]
    values: tuple[float, ...]
    target: float
    target_time: float
    direction: Direction
    unit: str

    @property
    def base(self) -> float:
        return self.values[0]

    @property
    def latest(self) -> float:
        return self.values[-1]


def level_series(case: Case, floor_rate: float | None = None, *, from_base: bool = False) -> LevelSeries | Reason:
    """The case as a series of levels from the base year, or the reason there is none.

    ``floor_rate`` is the growth rate (%) an ``avg_growth`` target asks for; the target's own
    value when None. ``from_base``: a case with no observation yet gives the series of the base
    year's point alone (the baseline level, the index 100, the running sum 0) instead of
    :attr:`Reason.NO_DATA`, for a path that starts at the baseline (the yearly targets).
    """
    target = case.target
    kind = TargetKind.LEVEL if target.held else target.kind  # a level met at baseline stays a level here
    if kind in (TargetKind.LEVEL, TargetKind.AVG_GROWTH, TargetKind.CUMULATIVE_REDUCTION, TargetKind.CUMULATIVE_TOTAL):
        if not case.observations and not from_base:
            return Reason.NO_DATA
    else:
        return Reason.NOT_APPLICABLE
    if kind is not TargetKind.LEVEL and not (kind is TargetKind.AVG_GROWTH and not case.indicator.is_growth_rate):
        chain = [o.period.year for o in case.observations]
        if chain != list(range(case.start_year, case.start_year + len(chain))):
            return Reason.NO_DATA  # a chain of yearly rates or amounts with a year missing
    times = (float(case.start_year - 1), *(o.period.end - 1 for o in case.observations))
    values = [o.value for o in case.observations]
    weights = [o.period.years for o in case.observations]
    end, years = float(case.end_year), case.years
    goal = float(target.value or 0)
    rate = goal if floor_rate is None else floor_rate
    if kind is TargetKind.AVG_GROWTH and case.indicator.is_growth_rate:
        if any(v <= -100 for v in values):
            return Reason.NOT_POSITIVE
        index = [INDEX_BASE * math.prod((1 + v / 100) ** w for v, w in zip(values[: i + 1], weights, strict=False))
                 for i in range(len(values))]  # fmt: skip
        return LevelSeries(times, (INDEX_BASE, *index), INDEX_BASE * (1 + rate / 100) ** years, end,
                           Direction.INCREASE, "指数")  # fmt: skip
    if kind is TargetKind.CUMULATIVE_REDUCTION:
        if any(v >= 100 for v in values):
            return Reason.NOT_POSITIVE
        index = [INDEX_BASE * math.prod((1 - v / 100) ** w for v, w in zip(values[: i + 1], weights, strict=False))
                 for i in range(len(values))]  # fmt: skip
        return LevelSeries(times, (INDEX_BASE, *index), INDEX_BASE * (1 - goal / 100), end, Direction.DECREASE, "指数")
    if kind is TargetKind.CUMULATIVE_TOTAL:
        return LevelSeries(times, (0.0, *accumulate(values)), goal, end, Direction.INCREASE, case.indicator.unit)
    if case.baseline is None:
        return Reason.NO_BASELINE
    level = case.baseline * (1 + rate / 100) ** years if kind is TargetKind.AVG_GROWTH else goal
    return LevelSeries(times, (case.baseline, *values), level, end, case.direction, case.indicator.unit)
