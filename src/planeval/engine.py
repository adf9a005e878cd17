"""The time-progress rules over numpy arrays: every county of a country in one pass.

A :class:`SeriesBatch` holds n series of yearly values, one row each, for the plan years
``start_year..end_year`` (column j is the year ``start_year + j``, NaN where no value), with
each series' target kind, baseline, target, direction and attribute. :func:`time_progress`
gives every row the verdict of :func:`planeval.methods.time_progress.time_progress` for the
same data: the rules are the same (docs/METHODS.md §1.2–1.3) and a property test
(tests/test_engine.py) checks on random batches that the two agree, verdict for verdict and
progress for progress.

What the engine covers is the yearly core of the method: levels (and a level already met at
baseline, held as a floor or ceiling; a floor or ceiling not met at baseline, reached as a
level), floors and ceilings, average growth of rates, compounded reductions and cumulative
totals. Half-year data, revised baselines, statistical bases, yearly and relative targets go
through the scalar path.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np
from numpy.typing import NDArray

from planeval.domain.settings import EvaluationSettings
from planeval.domain.verdict import Reason, Verdict
from planeval.methods.formulas import EPSILON

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int8]
BoolArray = NDArray[np.bool_]


class Kind(IntEnum):
    """Target kinds the engine knows, as small integers."""

    LEVEL = 0
    FLOOR = 1
    CEILING = 2
    AVG_GROWTH = 3
    CUMULATIVE_REDUCTION = 4
    CUMULATIVE_TOTAL = 5


VERDICTS = tuple(Verdict)
"""Verdict codes: ``VERDICTS[code]`` is the verdict (0 target reached … 4 not evaluated)."""
REASONS = (None, Reason.NO_DATA, Reason.NO_BASELINE, Reason.NOT_POSITIVE, Reason.NOT_APPLICABLE)
"""Reason codes: ``REASONS[code]``; 0 when the series was evaluated."""
NO_DATA, NO_BASELINE, NOT_POSITIVE, NOT_APPLICABLE = 1, 2, 3, 4
REACHED, AHEAD, ON_SCHEDULE, BEHIND, NOT_EVALUATED = range(5)


@dataclass(frozen=True)
class SeriesBatch:
    """n series of yearly values. Shapes: ``values`` (n, years); the rest (n,).

    ``kind`` holds :class:`Kind` codes; ``baseline`` NaN where unknown; ``target`` is the level,
    the growth rate or reduction in %, or the total; ``direction`` +1 or −1; ``binding`` True
    for 约束性 indicators.

    Raises:
        ValueError: arrays of mismatched shapes, or more value columns than plan years.
    """

    values: FloatArray
    kind: IntArray
    baseline: FloatArray
    target: FloatArray
    direction: IntArray
    binding: BoolArray
    start_year: int
    end_year: int

    def __post_init__(self) -> None:
        n, years = self.values.shape
        if years > self.end_year - self.start_year + 1:
            raise ValueError(f"{years} value columns for a plan of {self.end_year - self.start_year + 1} years")
        for name in ("kind", "baseline", "target", "direction", "binding"):
            if getattr(self, name).shape != (n,):
                raise ValueError(f"{name} has shape {getattr(self, name).shape}, expected ({n},)")

    @property
    def years(self) -> int:
        """N, the plan length in years."""
        return self.end_year - self.start_year + 1


@dataclass(frozen=True)
class BatchResult:
    """Per series: verdict code (see :data:`VERDICTS`), reason code (:data:`REASONS`), time
    share and progress (fractions; NaN where they do not apply)."""

    verdict: IntArray
    reason: IntArray
    time_share: FloatArray
    progress: FloatArray

    def verdicts(self) -> list[Verdict]:
        return [VERDICTS[code] for code in self.verdict]


def _effective(batch: SeriesBatch) -> tuple[BoolArray, BoolArray, BoolArray]:
    """(level, bound, held) masks of the kind that really applies, as
    :func:`planeval.domain.case.effective_target` decides it: a level met at baseline is held
    (judged on its latest value); a floor or ceiling not yet met at baseline is a level to
    reach; other floors and ceilings are bounds."""
    kind, base, d = batch.kind, batch.baseline, batch.direction.astype(np.float64)
    level_like = np.isin(kind, (Kind.LEVEL, Kind.FLOOR, Kind.CEILING))
    known = ~np.isnan(base)
    met_at_base = known & (d * (base - batch.target) >= 0)
    held = (kind == Kind.LEVEL) & met_at_base
    bound = np.where(level_like, np.where(known, met_at_base, kind != Kind.LEVEL), False) & ~held
    return level_like & ~bound & ~held, bound, held


def _classify(progress: FloatArray, share: FloatArray, tolerance: FloatArray, margin: float) -> IntArray:
    ahead = (progress >= share * (1 + margin) - EPSILON) & (progress > 0)
    on = progress >= share * (1 - tolerance) - EPSILON
    return np.where(ahead, AHEAD, np.where(on, ON_SCHEDULE, BEHIND)).astype(np.int8)


def time_progress(batch: SeriesBatch, settings: EvaluationSettings | None = None) -> BatchResult:
    """The time-progress verdict of every series of ``batch`` (see the module docstring)."""
    s = settings or EvaluationSettings()
    values, n = batch.values, batch.values.shape[0]
    present = ~np.isnan(values)
    count = present.sum(axis=1)
    last = _latest_column(present)
    latest = values[np.arange(n), last]
    share = np.where(count > 0, (last + 1) / batch.years, np.nan)
    tolerance = np.where(batch.binding, s.binding_tolerance, s.tolerance)
    d, base, target = batch.direction.astype(np.float64), batch.baseline, batch.target

    known = ~np.isnan(base)
    level, bound, held = _effective(batch)

    verdict = np.full(n, NOT_EVALUATED, np.int8)
    reason = np.zeros(n, np.int8)
    progress = np.full(n, np.nan)

    with np.errstate(divide="ignore", invalid="ignore"):
        p = (latest - base) / (target - base)
        reached = d * (latest - target) >= -EPSILON
        v = np.where(reached, REACHED, _classify(p, share, tolerance, s.ahead_margin))
        ok = level & (count > 0) & known
        verdict = np.where(ok, v, verdict)
        progress = np.where(ok, p, progress)
        reason = np.where(level & (count > 0) & ~known, NO_BASELINE, reason)

        verdict = np.where(bound & (count > 0), _bounds(values, present, count, target, d, s), verdict)
        verdict = np.where(held & (count > 0), np.where(reached, REACHED, BEHIND), verdict)
        verdict, reason, progress = _flows(batch, s, values, present, count, last, share, tolerance,
                                           verdict, reason, progress)  # fmt: skip
    reason = np.where(count == 0, NO_DATA, reason).astype(np.int8)
    verdict = np.where(count == 0, NOT_EVALUATED, verdict).astype(np.int8)
    return BatchResult(verdict, reason, share, progress)


def _bounds(values: FloatArray, present: BoolArray, count: NDArray[np.int64], target: FloatArray,
            d: FloatArray, s: EvaluationSettings) -> IntArray:  # fmt: skip
    """Floors (d = +1) and ceilings (d = −1): the mean, or every value, on the right side."""
    signed = d[:, None] * (values - target[:, None])
    if s.bound_rule == "average":
        mean = np.nansum(values, axis=1) / np.maximum(count, 1)
        met = d * (mean - target) >= -EPSILON
    else:
        met = np.all(~present | (signed >= -EPSILON), axis=1)
    return np.where(met, ON_SCHEDULE, BEHIND).astype(np.int8)


def _flows(
    batch: SeriesBatch, s: EvaluationSettings, values: FloatArray, present: BoolArray, count: NDArray[np.int64],
    last: NDArray[np.int64], share: FloatArray, tolerance: FloatArray, verdict: IntArray, reason: IntArray,
    progress: FloatArray,
) -> tuple[IntArray, IntArray, FloatArray]:  # fmt: skip
    """Average growth, compounded reductions and totals: every year from the first needed."""
    kind, target, years = batch.kind, batch.target, batch.years
    contiguous = count == last + 1  # no year missing before the latest
    filled = np.where(present, values, 0.0)
    growth, reduction, total = kind == Kind.AVG_GROWTH, kind == Kind.CUMULATIVE_REDUCTION, kind == Kind.CUMULATIVE_TOTAL
    flow = (growth | reduction | total) & (count > 0)
    reason = np.where(flow & ~contiguous, NO_DATA, reason)
    flow &= contiguous

    bad_growth = growth & np.any(present & (values <= -100), axis=1)
    bad_reduction = reduction & np.any(present & (values >= 100), axis=1)
    reason = np.where(flow & (bad_growth | bad_reduction), NOT_POSITIVE, reason)
    flow &= ~(bad_growth | bad_reduction)

    logs = np.log1p(np.where(growth[:, None], filled, -filled) / 100).sum(axis=1)
    cumulative = -np.expm1(logs) * 100  # compounded reduction in %
    growth_target = np.log1p(target / 100) * years
    p = np.where(growth, logs / growth_target, np.where(reduction, cumulative / target, filled.sum(axis=1) / target))
    positive_target = ~growth | (target > 0)
    v = np.where(p >= 1 - EPSILON, REACHED, _classify(p, share, tolerance, s.ahead_margin))
    # A growth target of zero or less: compare the average rate directly (no progress share).
    average = np.expm1(logs / np.maximum(count, 1)) * 100
    direct = np.where(average >= target - EPSILON, ON_SCHEDULE, BEHIND)
    verdict = np.where(flow, np.where(positive_target, v, direct), verdict)
    progress = np.where(flow & positive_target, p, progress)
    return verdict.astype(np.int8), reason.astype(np.int8), progress


ON_TRACK_RATIO = 0.95


def _latest_column(present: BoolArray) -> NDArray[np.int64]:
    """Per row, the index of its last value (0 for a row with none)."""
    last: NDArray[np.int64] = present.shape[1] - 1 - np.argmax(present[:, ::-1], axis=1)
    return last


def _index(
    batch: SeriesBatch, values: FloatArray, present: BoolArray, last: NDArray[np.int64]
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(base, latest, target) as levels: growth rates and reductions become an index, 100 in
    the base year, totals a running sum from 0 (as :func:`planeval.domain.series.level_series`
    does)."""
    kind, target, years = batch.kind, batch.target, batch.years
    n = values.shape[0]
    latest = values[np.arange(n), last]
    filled = np.where(present, values, 0.0)
    growth, reduction = kind == Kind.AVG_GROWTH, kind == Kind.CUMULATIVE_REDUCTION
    with np.errstate(divide="ignore", invalid="ignore"):
        index = 100 * np.exp(np.log1p(np.where(growth[:, None], filled, -filled) / 100).sum(axis=1))
    total = kind == Kind.CUMULATIVE_TOTAL
    base = np.where(growth | reduction, 100.0, np.where(total, 0.0, batch.baseline))
    latest = np.where(growth | reduction, index, np.where(total, filled.sum(axis=1), latest))
    goal = np.where(growth, 100 * (1 + target / 100) ** years, np.where(reduction, 100 - target, target))
    return base, latest, goal


def cagr_ratio(batch: SeriesBatch) -> BatchResult:
    """The Eurostat / Open SDG ratio of actual to required compound growth for every series,
    in the order of the scalar method :mod:`planeval.methods.cagr_ratio` (docs/METHODS.md §2–3):
    target met → reached; base beyond the target and fallen back → behind (deterioration); a
    level or target that is not positive → ``not_positive`` (never a substitute value); target
    equal to base → ``not_applicable``; otherwise R ≥ 0.95 on schedule, below it behind. Held
    floors and ceilings have no level to reach: ``not_applicable``."""
    values = batch.values
    present = ~np.isnan(values)
    count = present.sum(axis=1)
    last = _latest_column(present)
    base, latest, goal = _index(batch, values, present, last)
    # An intensity index falls as reductions accumulate; growth indices and totals rise.
    d = np.where(batch.kind == Kind.CUMULATIVE_REDUCTION, -1.0, batch.direction.astype(np.float64))
    d = np.where(np.isin(batch.kind, (Kind.AVG_GROWTH, Kind.CUMULATIVE_TOTAL)), 1.0, d)
    level, _, held = _effective(batch)
    level = level | held  # a held level is judged as a level: met, or fallen back
    flows = np.isin(batch.kind, (Kind.AVG_GROWTH, Kind.CUMULATIVE_REDUCTION, Kind.CUMULATIVE_TOTAL))
    n = values.shape[0]
    gap = flows & (count != last + 1)  # a chained rate or amount with a year missing
    reason = np.where(level | flows, np.where((count == 0) | gap, NO_DATA, 0), NOT_APPLICABLE)
    reason = np.where((count > 0) & level & np.isnan(base), NO_BASELINE, reason)
    judged = (count > 0) & (reason == 0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        growth_bad = (batch.kind == Kind.AVG_GROWTH) & np.any(present & (values <= -100), axis=1)
        cut_bad = (batch.kind == Kind.CUMULATIVE_REDUCTION) & np.any(present & (values >= 100), axis=1)
        meets = d * (latest - goal) >= -EPSILON
        fell_back = d * (base - goal) > EPSILON
        levels_positive = np.where(level[:, None], ~present | (values > 0), True).all(axis=1)
        total = batch.kind == Kind.CUMULATIVE_TOTAL  # a running sum starts at 0
        positive = levels_positive & (base > 0) & (goal > 0) & ~total & ~growth_bad & ~cut_bad
        flat = np.abs(goal - base) <= EPSILON
        ratio = ((latest / base) ** (1 / (last + 1)) - 1) / ((goal / base) ** (1 / batch.years) - 1)
    reason = np.where(judged & (growth_bad | cut_bad), NOT_POSITIVE, reason)
    judged &= ~(growth_bad | cut_bad)
    decided = judged & (meets | fell_back)
    reason = np.where(judged & ~decided & ~positive, NOT_POSITIVE, reason)
    reason = np.where(judged & ~decided & positive & flat, NOT_APPLICABLE, reason)
    rated = judged & ~decided & positive & ~flat
    verdict = np.full(n, NOT_EVALUATED, np.int8)
    verdict = np.where(decided, np.where(meets, REACHED, BEHIND), verdict)
    verdict = np.where(rated, np.where(ratio >= ON_TRACK_RATIO - EPSILON, ON_SCHEDULE, BEHIND), verdict)
    progress = np.where(rated, ratio, np.nan)
    share = np.where(count > 0, (last + 1) / batch.years, np.nan)
    return BatchResult(verdict.astype(np.int8), reason.astype(np.int8), share, progress)
