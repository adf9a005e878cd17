"""The CAGR-ratio method: actual against required compound annual growth.

Source: Eurostat, *Sustainable development in the EU – Monitoring report*, methodological
notes (indicators with a quantitative target), as published with code by Statistics Canada /
Open SDG (open-sdg ``docs/progress-methodology.md``, sdg-build ``methodology_2``);
docs/METHODS.md §2–3.

On the indicator's :func:`~planeval.domain.series.level_series` (x0 at the base year t0, the
latest xt at t, the target X at T, direction d):

1. the latest value meets the target, d·(xt − X) ≥ 0 → ``target_achieved``;
2. CAGR_a = (xt/x0)^(1/(t − t0)) − 1, CAGR_r = (X/x0)^(1/(T − t0)) − 1, R = CAGR_a / CAGR_r:

=======================  ======================  =========================
status                   R                       :class:`Verdict`
=======================  ======================  =========================
``target_achieved``      (latest meets target)   ``TARGET_REACHED``
``on_track``             R ≥ 0.95                ``ON_SCHEDULE``
``acceleration_needed``  0.60 ≤ R < 0.95         ``BEHIND``
``limited_progress``     0 ≤ R < 0.60            ``BEHIND``
``deterioration``        R < 0                   ``BEHIND``
=======================  ======================  =========================

Edge cases: a level that is zero or negative anywhere in the series, or a target that is not
positive, gives ``not_evaluated`` with :attr:`Reason.NOT_POSITIVE` — Open SDG's substitution of
0.001 for a zero is not made, since its result depends on the substitute. A target equal to
the base leaves R undefined: :attr:`Reason.NOT_APPLICABLE`. A base already beyond the target
that has fallen back past it is ``deterioration`` (R would have the wrong sign there). Missing
intermediate years do not matter: only x0 and xt enter.

Result fields: ``progress`` = R; ``achieved`` and ``required`` = CAGR_a and CAGR_r in % a year
(so ``gap`` = d·(CAGR_a − CAGR_r) in points a year); ``needed_growth`` = the compound growth in %
a year that takes xt to X by T; ``baseline`` and ``target_value`` are levels of the series (100
for a growth or intensity index).
"""

from __future__ import annotations

from planeval.domain.case import Case
from planeval.domain.numbers import format_percent
from planeval.domain.result import IndicatorResult
from planeval.domain.series import level_series
from planeval.domain.settings import EvaluationSettings
from planeval.domain.verdict import Reason, Verdict
from planeval.methods import common
from planeval.methods.common import Status
from planeval.methods.formulas import EPSILON
from planeval.methods.registry import register

NAME = "cagr_ratio"

ON_TRACK_RATIO = 0.95
ACCELERATION_RATIO = 0.60

TARGET_ACHIEVED = Status("target_achieved", "已实现目标", Verdict.TARGET_REACHED)
ON_TRACK = Status("on_track", "进展顺利", Verdict.ON_SCHEDULE)
ACCELERATION_NEEDED = Status("acceleration_needed", "有进展但需加快", Verdict.BEHIND)
LIMITED_PROGRESS = Status("limited_progress", "进展有限", Verdict.BEHIND)
DETERIORATION = Status("deterioration", "出现倒退", Verdict.BEHIND)


@register(NAME)
def cagr_ratio(case: Case, settings: EvaluationSettings) -> IndicatorResult:
    """Judge one indicator by the ratio of actual to required compound growth.

    Returns:
        A result with ``status`` one of the classes above; ``not_evaluated`` with the reason
        from :func:`level_series`, or ``not_positive`` / ``not_applicable`` (see the module).
    """
    series = level_series(case)
    if isinstance(series, Reason):
        return common.skipped(case, NAME, series)
    fields = common.series_fields(case, series)
    gate = common.growth_gate(
        case, NAME, series, TARGET_ACHIEVED, DETERIORATION, "目标值等于基期值，增速之比无定义", fields
    )
    if gate is not None:
        return gate
    t0, t, end = series.times[0], series.times[-1], series.target_time
    actual = common.cagr(series.base, series.latest, t - t0)
    required = common.cagr(series.base, series.target, end - t0)
    ratio = actual / required
    status = classify(ratio)
    text = (
        f"{common.describe(case, series)}；{common.yearly_change(actual)}，实现目标需{common.yearly_change(required)}，"
        f"为所需增速的{format_percent(ratio)}，{status.label}"
    )
    return common.classified(
        case, NAME, status, text, progress=ratio, achieved=actual * 100, required=required * 100,
        gap=series.direction.sign * (actual - required) * 100,
        needed_growth=common.cagr(series.latest, series.target, end - t) * 100 if end > t else None, **fields,
    )  # fmt: skip


def classify(ratio: float) -> Status:
    """The class of R = CAGR_a / CAGR_r when the target is not yet met."""
    if ratio >= ON_TRACK_RATIO - EPSILON:
        return ON_TRACK
    if ratio >= ACCELERATION_RATIO - EPSILON:
        return ACCELERATION_NEEDED
    if ratio >= 0:
        return LIMITED_PROGRESS
    return DETERIORATION
