"""The arithmetic of plan evaluation, shared by the methods, yearly targets and projections.

Rates are in percent (8.0 means 8 %); weights are period lengths in years (1 for a year, 0.5 for
a half year), so half-year data enter with half the weight of a year. Each function raises
ValueError for inputs outside its domain; callers turn that into a ``not_evaluated`` result.
Formulas: docs/METHODS.md §1.2.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

EPSILON = 1e-9
"""Slack for comparing floating-point ratios (0.2 × 5 must count as 1.0)."""


def linear_progress(value: float, baseline: float, target: float) -> float:
    """Share of the planned change achieved: (x − x0) / (X − x0), docs/METHODS.md §1.2(a).

    Works for decreasing indicators (both differences negative) and for zero or negative levels.
    Example: base 40, target 33, actual 36 → 4/7 = 0.571.

    Raises:
        ValueError: target equals baseline (there is no change to measure).
    """
    if target == baseline:
        raise ValueError("target equals baseline")
    return (value - baseline) / (target - baseline)


def log_growth(rates: Sequence[float], weights: Sequence[float]) -> float:
    """Σ wᵢ·ln(1 + gᵢ/100): the log of the cumulative growth factor.

    Raises:
        ValueError: a rate of −100 % or less (the factor would not be positive).
    """
    if any(rate <= -100 for rate in rates):
        raise ValueError("a growth rate of -100 % or less")
    return sum(w * math.log1p(rate / 100) for rate, w in zip(rates, weights, strict=True))


def average_growth(rates: Sequence[float], weights: Sequence[float]) -> float:
    """Geometric mean growth in % a year: (Π(1 + gᵢ)^wᵢ)^(1/Σw) − 1, docs/METHODS.md §1.2(b).

    Example: 8.0 % then 2.0 % → 4.96 % a year.

    Raises:
        ValueError: no rates, or a rate of −100 % or less.
    """
    years = sum(weights)
    if not rates or years <= 0:
        raise ValueError("no growth rates")
    return math.expm1(log_growth(rates, weights) / years) * 100


def growth_needed(target_rate: float, years: float, achieved_log: float, remaining: float) -> float:
    """Growth in % a year that the remaining years need so that the whole period averages
    ``target_rate``: ((1 + g)^N / Π(1 + gᵢ))^(1/remaining) − 1.

    Example: 6 % over 5 years after 8 % and 2 % → 6.70 % a year for 3 years.

    Raises:
        ValueError: no remaining years.
    """
    if remaining <= 0:
        raise ValueError("no remaining years")
    return math.expm1((years * math.log1p(target_rate / 100) - achieved_log) / remaining) * 100


def compound_reduction(rates: Sequence[float], weights: Sequence[float]) -> float:
    """Cumulative reduction in %: 1 − Π(1 − rᵢ)^wᵢ, docs/METHODS.md §1.2(c).

    Example: 2.01, 3.6, 3.7, 4.8, 5.6 % a year → 18.25 % (not their sum 19.71).

    Raises:
        ValueError: a reduction of 100 % or more.
    """
    if any(rate >= 100 for rate in rates):
        raise ValueError("a reduction of 100 % or more")
    return -math.expm1(sum(w * math.log1p(-rate / 100) for rate, w in zip(rates, weights, strict=True))) * 100


def reduction_needed(target: float, achieved: float, remaining: float) -> float:
    """Yearly reduction in % that the remaining years need to reach a cumulative ``target``
    from ``achieved`` (both %): 1 − ((1 − r)/(1 − R))^(1/remaining).

    Example: after 2.7 % and 0.1 %, a 13.5 % five-year reduction needs 3.81 % a year in
    2023–2025.

    Raises:
        ValueError: no remaining years, or a cumulative reduction of 100 % or more.
    """
    if remaining <= 0:
        raise ValueError("no remaining years")
    if achieved >= 100 or target >= 100:
        raise ValueError("a reduction of 100 % or more")
    return float(1 - ((1 - target / 100) / (1 - achieved / 100)) ** (1 / remaining)) * 100


def level_growth_needed(value: float, target: float, remaining: float) -> float:
    """Compound growth in % a year that takes a positive level to a positive target.

    Raises:
        ValueError: a level that is not positive, or no remaining years.
    """
    if value <= 0 or target <= 0:
        raise ValueError("levels must be positive for a growth rate")
    if remaining <= 0:
        raise ValueError("no remaining years")
    return float((target / value) ** (1 / remaining) - 1) * 100
