"""Projection of an indicator's trend to the target year, with a prediction interval.

Two trends are fitted by ordinary least squares on every point of the series (the base year
included): a linear one, x = a + b·t, and, where every value is positive, a log-linear one,
ln x = a + b·t (constant compound growth). The 95 % prediction interval for the target year is
ŷ ± t(0.975, n − 2) · s · √(1 + 1/n + (T − t̄)² / Sₜₜ) (any regression text, e.g. Montgomery,
Peck & Vining, *Introduction to Linear Regression Analysis*, §2.4.2); it needs three points or
more, and for the log-linear trend it is taken back through exp.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import fmean, linear_regression

from planeval.domain.indicator import Direction

# Two-sided 95 % quantiles of Student's t for 1–30 degrees of freedom (standard t table);
# 1.96 (the normal quantile) beyond.
T_975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
         2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
         2.045, 2.042)  # fmt: skip
NORMAL_975 = 1.96
TOUCH = 1e-9
"""Slack for comparing a projected level with the target, so that exactly at it counts as reaching it."""


@dataclass(frozen=True)
class Trend:
    """One fitted trend's value at the target year, and its 95 % prediction interval (None
    with fewer than three points)."""

    value: float
    low: float | None
    high: float | None
    slope: float  # a year: level units for the linear trend, log units for the log-linear one


@dataclass(frozen=True)
class Projection:
    """Both trends at ``year``; ``log_linear`` is None when a value is not positive.

    ``target`` is the level the series must reach by ``year`` and ``direction`` which way is
    progress (the series' own: an intensity index decreases), when known.
    """

    year: float
    linear: Trend
    log_linear: Trend | None
    points: int
    unit: str = ""  # of the projected values: the indicator's unit, or 指数 for an index
    target: float | None = None
    direction: Direction | None = None

    def reaches(self, value: float) -> bool:
        """True when ``value`` (a projected level) meets the target in its direction,
        d·(value − target) ≥ 0, within :data:`TOUCH` of it.

        Raises:
            ValueError: the projection has no target.
        """
        if self.target is None or self.direction is None:
            raise ValueError("a projection without a target reaches nothing")
        return self.direction.sign * (value - self.target) >= -TOUCH


def t_quantile(degrees_of_freedom: int) -> float:
    """Two-sided 95 % quantile of Student's t."""
    return T_975[degrees_of_freedom - 1] if degrees_of_freedom <= len(T_975) else NORMAL_975


def fit(times: tuple[float, ...], values: tuple[float, ...], at: float) -> Trend:
    """The least-squares line through (times, values), evaluated at ``at``.

    Raises:
        ValueError: fewer than two distinct times.
    """
    if len(set(times)) < 2:
        raise ValueError("a trend needs two or more distinct times")
    slope, intercept = linear_regression(times, values)
    predicted = intercept + slope * at
    n = len(times)
    if n < 3:
        return Trend(predicted, None, None, slope)
    residuals = sum((v - intercept - slope * t) ** 2 for t, v in zip(times, values, strict=True))
    spread = math.sqrt(residuals / (n - 2))
    mean = fmean(times)
    s_tt = sum((t - mean) ** 2 for t in times)
    half = t_quantile(n - 2) * spread * math.sqrt(1 + 1 / n + (at - mean) ** 2 / s_tt)
    return Trend(predicted, predicted - half, predicted + half, slope)


def project(times: tuple[float, ...], values: tuple[float, ...], year: float, unit: str = "") -> Projection | None:
    """Linear and log-linear projections of the series to ``year``; None with fewer than two
    distinct times."""
    if len(set(times)) < 2:
        return None
    linear = fit(times, values, year)
    log_linear = None
    if all(v > 0 for v in values):
        logs = fit(times, tuple(math.log(v) for v in values), year)
        log_linear = Trend(
            math.exp(logs.value),
            None if logs.low is None else math.exp(logs.low),
            None if logs.high is None else math.exp(logs.high),
            logs.slope,
        )
    return Projection(year, linear, log_linear, len(times), unit)
