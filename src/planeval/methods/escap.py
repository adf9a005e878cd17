"""The UN ESCAP progress assessment: current status index and anticipated progress.

Source: UN ESCAP, *Asia and the Pacific SDG Progress Report*, progress-assessment methodology
(data.unescap.org; the technical notes reused by UNECE and UNECA); docs/METHODS.md §5.

On the indicator's :func:`~planeval.domain.series.level_series` (I_0 at the base year t0, the
latest I_cur, the target value TV at T, D = +10 when an increase is desired, −10 otherwise):

- **Current status index** CS = D·(I_cur − I_0)/|TV − I_0|: 10 when the planned change is
  complete, 0 for none, negative for regression. ``progress`` reports CS/10 (a fraction).
- **Anticipated progress**: Î_T, the value at T of a time-weighted least-squares line through
  every point of the series, base included:

===================  ==============================  =========================================
status               Î_T                             :class:`Verdict`
===================  ==============================  =========================================
``maintain``         reaches TV                      ``ON_SCHEDULE``; ``TARGET_REACHED`` when
                                                     the latest value already meets TV too
``accelerate``       between I_0 (incl.) and TV      ``BEHIND``
``reverse_trend``    worse than I_0                  ``BEHIND``
===================  ==============================  =========================================

Design choice [D]: ESCAP weighs recent years more, with weights given in ESCAP Working Paper
SD/WP/04 (March 2017), which was not read. Here the point at year tᵢ weighs wᵢ = tᵢ − t0 + 1
(1 for the base year, 2 a year later, …; a half year in between weighs in between). With two
points the line runs through both whatever the weights, and so it does through points on one
exact line.

Edge cases: levels need not be positive (only differences enter). TV = I_0 leaves CS undefined:
:attr:`Reason.NOT_APPLICABLE`. A base already beyond TV: CS is still defined, and a trend that
keeps beyond TV is ``maintain``, one that falls back is ``reverse_trend`` (it is then worse than
I_0). Missing years simply leave fewer points for the line.

Result fields: ``progress`` = CS/10; ``achieved`` = Î_T, ``required`` = ``target_value`` = TV,
``gap`` = d·(Î_T − TV) (levels of the series).
"""

from __future__ import annotations

from collections.abc import Sequence

from planeval.domain.case import Case
from planeval.domain.numbers import format_number
from planeval.domain.result import IndicatorResult
from planeval.domain.series import LevelSeries, level_series
from planeval.domain.settings import EvaluationSettings
from planeval.domain.verdict import Reason, Verdict
from planeval.methods import common
from planeval.methods.common import Status
from planeval.methods.formulas import EPSILON
from planeval.methods.registry import register

NAME = "escap"

INDEX_SCALE = 10.0
"""D: the current status index is ±10 for the whole planned change."""

MAINTAIN = Status("maintain", "保持现有进展", Verdict.ON_SCHEDULE)
MAINTAIN_REACHED = Status("maintain", "保持现有进展", Verdict.TARGET_REACHED)
ACCELERATE = Status("accelerate", "需加快进展", Verdict.BEHIND)
REVERSE_TREND = Status("reverse_trend", "需扭转趋势", Verdict.BEHIND)


@register(NAME)
def escap(case: Case, settings: EvaluationSettings) -> IndicatorResult:
    """Judge one indicator by ESCAP's anticipated progress, reporting its current status index.

    Returns:
        A result with ``status`` one of the classes above; ``not_evaluated`` with the reason
        from :func:`level_series`, or ``not_applicable`` when the target equals the base.
    """
    series = level_series(case)
    if isinstance(series, Reason):
        return common.skipped(case, NAME, series)
    planned = abs(series.target - series.base)
    if planned <= EPSILON:
        return common.skipped(case, NAME, Reason.NOT_APPLICABLE, "目标值等于基期值，现状指数无定义")
    if len(set(series.times)) < 2:
        return common.skipped(case, NAME, Reason.TOO_FEW_POINTS)
    d = series.direction.sign
    current = d * (series.latest - series.base) / planned
    anticipated = weighted_trend(series.times, series.values, series.target_time)
    status = classify(series, anticipated)
    text = (
        f"{common.describe(case, series)}；现状指数{format_number(current * INDEX_SCALE)}（10为完成规划变动），"
        f"按加权趋势{int(series.target_time)}年预计为{common.level(series, anticipated)}，{status.label}"
    )
    return common.classified(
        case, NAME, status, text, progress=current, achieved=anticipated, required=series.target,
        gap=d * (anticipated - series.target), **common.series_fields(case, series),
    )  # fmt: skip


def classify(series: LevelSeries, anticipated: float) -> Status:
    """The anticipated-progress class of the value Î_T projected for the target year."""
    d = series.direction.sign
    if common.meets(series, anticipated):
        return MAINTAIN_REACHED if common.meets(series, series.latest) else MAINTAIN
    if d * (series.target - series.base) > 0 and d * (anticipated - series.base) >= -EPSILON:
        return ACCELERATE
    return REVERSE_TREND


def weighted_trend(times: Sequence[float], values: Sequence[float], at: float) -> float:
    """The value at ``at`` of the least-squares line through (times, values), the point at tᵢ
    weighing tᵢ − t0 + 1 (t0 the first time): slope b = Σw(t − t̄)(y − ȳ) / Σw(t − t̄)² with
    weighted means t̄, ȳ.

    Example: (2020, 0), (2021, 2), (2022, 3) with weights 1, 2, 3 → b = 1.4, 7.3 at 2025
    (the unweighted line gives 7.67).

    Raises:
        ValueError: fewer than two distinct times.
    """
    weights = [t - times[0] + 1 for t in times]
    total = sum(weights)
    t_mean = sum(w * t for w, t in zip(weights, times, strict=True)) / total
    y_mean = sum(w * y for w, y in zip(weights, values, strict=True)) / total
    spread = sum(w * (t - t_mean) ** 2 for w, t in zip(weights, times, strict=True))
    if spread <= EPSILON:
        raise ValueError("a trend needs two or more distinct times")
    covariance = sum(w * (t - t_mean) * (y - y_mean) for w, t, y in zip(weights, times, values, strict=True))
    return y_mean + covariance / spread * (at - t_mean)
