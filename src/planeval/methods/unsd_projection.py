"""The UN Statistics Division progress assessment on the value projected to the target year.

Source: UNSD, *SDG Progress Chart – Technical Note* (2023 method, expected 2030 value), as
implemented by EUSTAT (Basque statistics office, EUSTAT-DES/site), with UNSD's five classes of
the SDG Report 2023/2024; docs/METHODS.md §4.

On the indicator's :func:`~planeval.domain.series.level_series` (v_b at the base year b, the
latest v_t at t, the target v_T at T, direction d):

1. the latest value meets the target, d·(v_t − v_T) ≥ 0 → ``target_met``;
2. CAGR_a = (v_t/v_b)^(1/(t − b)) − 1; v_e = v_t·(1 + CAGR_a)^(T − t), the value expected at T
   if the growth so far continues; CR = (v_e − v_b)/(v_T − v_b), the share of the planned change
   that the trend delivers by T:

================  ======================  =========================
status            CR                      :class:`Verdict`
================  ======================  =========================
``target_met``    (latest meets target)   ``TARGET_REACHED``
``on_track``      CR ≥ 0.95               ``ON_SCHEDULE``
``moderate``      0.5 ≤ CR < 0.95         ``BEHIND``
``marginal``      0.1 ≤ CR < 0.5          ``BEHIND``
``stagnation``    −0.1 ≤ CR < 0.1         ``BEHIND``
``regression``    CR < −0.1               ``BEHIND``
================  ======================  =========================

Edge cases as in ``cagr_ratio``: a level that is zero or negative anywhere in the series, or a
target that is not positive → :attr:`Reason.NOT_POSITIVE` (no substitute value); a target equal
to the base leaves CR undefined → :attr:`Reason.NOT_APPLICABLE`; a base already beyond the
target that has fallen back past it → ``regression`` (CR's denominator has the wrong sign
there). Only v_b and v_t enter, so missing intermediate years do not matter.

Result fields: ``progress`` = CR; ``achieved`` = v_e and ``required`` = ``target_value`` = v_T
(levels of the series), so ``gap`` = d·(v_e − v_T) is the projected shortfall (negative) or
surplus.
"""

from __future__ import annotations

from planeval.domain.case import Case
from planeval.domain.numbers import format_number
from planeval.domain.result import IndicatorResult
from planeval.domain.series import level_series
from planeval.domain.settings import EvaluationSettings
from planeval.domain.verdict import Reason, Verdict
from planeval.methods import common
from planeval.methods.common import Status
from planeval.methods.formulas import EPSILON
from planeval.methods.registry import register

NAME = "unsd_projection"

ON_TRACK_RATIO = 0.95
MODERATE_RATIO = 0.5
MARGINAL_RATIO = 0.1
STAGNATION_RATIO = -0.1

TARGET_MET = Status("target_met", "已实现目标", Verdict.TARGET_REACHED)
ON_TRACK = Status("on_track", "步入正轨", Verdict.ON_SCHEDULE)
MODERATE = Status("moderate", "中等进展", Verdict.BEHIND)
MARGINAL = Status("marginal", "略有进展", Verdict.BEHIND)
STAGNATION = Status("stagnation", "停滞不前", Verdict.BEHIND)
REGRESSION = Status("regression", "出现倒退", Verdict.BEHIND)


@register(NAME)
def unsd_projection(case: Case, settings: EvaluationSettings) -> IndicatorResult:
    """Judge one indicator by the share of the planned change its growth trend delivers by
    the target year.

    Returns:
        A result with ``status`` one of the classes above; ``not_evaluated`` with the reason
        from :func:`level_series`, or ``not_positive`` / ``not_applicable`` (see the module).
    """
    series = level_series(case)
    if isinstance(series, Reason):
        return common.skipped(case, NAME, series)
    fields = common.series_fields(case, series) | {"required": series.target}
    gate = common.growth_gate(case, NAME, series, TARGET_MET, REGRESSION, "目标值等于基期值，完成比例无定义", fields)
    if gate is not None:
        return gate
    t0, t, end = series.times[0], series.times[-1], series.target_time
    rate = common.cagr(series.base, series.latest, t - t0)
    expected = series.latest * (1 + rate) ** max(end - t, 0.0)
    ratio = (expected - series.base) / (series.target - series.base)
    status = classify(ratio)
    text = (
        f"{common.describe(case, series)}；{common.yearly_change(rate)}，按此趋势{int(end)}年预计为"
        f"{common.level(series, expected)}，可完成规划变动的{format_number(ratio * 100, 1)}%，{status.label}"
    )
    gap = series.direction.sign * (expected - series.target)
    return common.classified(case, NAME, status, text, progress=ratio, achieved=expected, gap=gap, **fields)


def classify(ratio: float) -> Status:
    """The class of CR when the target is not yet met."""
    if ratio >= ON_TRACK_RATIO - EPSILON:
        return ON_TRACK
    if ratio >= MODERATE_RATIO - EPSILON:
        return MODERATE
    if ratio >= MARGINAL_RATIO - EPSILON:
        return MARGINAL
    if ratio >= STAGNATION_RATIO - EPSILON:
        return STAGNATION
    return REGRESSION
