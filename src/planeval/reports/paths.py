"""The actual and the required path of an indicator, for the charts of lagging indicators.

Points are (year, value): a value for the year 2022 sits at 2022, one for 2023H1 at 2022.5 (its
period end, counted like the years' ends). What is drawn depends on the target kind:

- levels: the values from the baseline, against the straight line baseline → target;
- average growth: the cumulative growth index (base year = 100), against (1 + g)^t;
- cumulative reduction: the compounded reduction so far, against the NDRC line r × τ;
- cumulative total: the running sum, against A × τ;
- bounds, yearly and relative targets: the values, against the bound where there is one.
"""

from __future__ import annotations

import math
from itertools import accumulate

from planeval.domain.result import IndicatorResult
from planeval.domain.target import TargetKind
from planeval.methods import formulas

Point = tuple[float, float]


def _x(result: IndicatorResult) -> list[float]:
    return [o.period.end - 1 for o in result.observations]


def actual_path(result: IndicatorResult) -> tuple[Point, ...]:
    """The indicator's own path, starting at the base year where the kind has a start value."""
    xs, values = _x(result), [o.value for o in result.observations]
    if not xs:
        return ()
    start = float(result.indicator.baseline.year)
    kind = result.kind
    if kind is TargetKind.AVG_GROWTH:
        weights = [o.period.years for o in result.observations]
        logs = accumulate(w * math.log1p(v / 100) for v, w in zip(values, weights, strict=True))
        return ((start, 100.0), *((x, 100 * math.exp(s)) for x, s in zip(xs, logs, strict=True)))
    if kind is TargetKind.CUMULATIVE_REDUCTION:
        weights = [o.period.years for o in result.observations]
        cumulative = [formulas.compound_reduction(values[: i + 1], weights[: i + 1]) for i in range(len(values))]
        return ((start, 0.0), *zip(xs, cumulative, strict=True))
    if kind is TargetKind.CUMULATIVE_TOTAL:
        return ((start, 0.0), *zip(xs, accumulate(values), strict=True))
    if kind is TargetKind.LEVEL and result.baseline is not None:
        return ((start, result.baseline), *zip(xs, values, strict=True))
    return tuple(zip(xs, values, strict=True))


def required_path(result: IndicatorResult, base_year: int, target_year: int) -> tuple[Point, ...]:
    """The path that reaches the target on schedule, from the base year to the target year."""
    target, years = result.target_value, range(base_year, target_year + 1)
    if target is None:
        return ()
    kind = result.kind
    if kind is TargetKind.AVG_GROWTH:
        return tuple((float(y), 100 * (1 + target / 100) ** (y - base_year)) for y in years)
    if kind in (TargetKind.CUMULATIVE_REDUCTION, TargetKind.CUMULATIVE_TOTAL):
        return ((float(base_year), 0.0), (float(target_year), target))
    if kind is TargetKind.LEVEL and result.baseline is not None:
        return ((float(base_year), result.baseline), (float(target_year), target))
    return ((float(base_year), target), (float(target_year), target))
