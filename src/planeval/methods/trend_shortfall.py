"""The Destatis weather symbols: the recent linear trend against the remaining gap.

Source: Statistisches Bundesamt (Destatis), indicator status of the German Sustainable
Development Strategy (dns-indikatoren.de/en/status; the same rule in Vanuatu's NSDP
methodology); docs/METHODS.md §8.

On the indicator's :func:`~planeval.domain.series.level_series`, annual points only (x_t the
latest, X the target at T, direction d):

1. Δ = (x_t − x_{t−5})/5 from the last six consecutive years; with fewer, from the last k + 1
   consecutive years, Δ = (x_t − x_{t−k})/k, down to four points (k = 3);
2. x̂_T = x_t + Δ·(T − t), the value at T if the trend continues;
3. s = d·(X − x̂_T) / (d·(X − x_t)), the projected shortfall as a share of the remaining gap:

====================  ===============================================  ======================
status                rule                                             :class:`Verdict`
====================  ===============================================  ======================
``sunny``             x_t meets the target                             ``TARGET_REACHED``
``sunny``             s < 0.05                                         ``ON_SCHEDULE``
``partly_sunny``      0.05 ≤ s ≤ 0.20                                  ``ON_SCHEDULE``
``cloudy``            s > 0.20, Δ in the desired direction             ``BEHIND``
``thunderstorm``      Δ not in the desired direction (gap constant or  ``BEHIND``
                      widening)
====================  ===============================================  ======================

Points: the base year counts as a point. Destatis works on annual data, so points within a year
(2023H1 at 2022.5) are left out, with a note when a later one is. "Consecutive" means one year
apart: a missing year ends the run, so 2020–2022 and 2024 give a run of one point (2024), and
2018–2022 after a gap in 2017 give five. Fewer than four consecutive annual points →
:attr:`Reason.TOO_FEW_POINTS`; a target already met by x_t is ``sunny`` without a trend.
Levels need not be positive (only differences enter); a base already beyond the target needs
no special rule (x_t either still meets it, or the gap is measured from x_t).

Result fields: ``achieved`` = x̂_T, ``required`` = ``target_value`` = X, ``gap`` = d·(x̂_T − X)
(levels of the series); ``needed_per_year`` = (X − x_t)/(T − t); no ``progress`` (the method
measures no share of the planned change). Δ and s are in the explanation.
"""

from __future__ import annotations

from planeval.domain.case import Case
from planeval.domain.numbers import format_number, format_percent
from planeval.domain.period import chinese_label
from planeval.domain.result import IndicatorResult
from planeval.domain.series import LevelSeries, level_series
from planeval.domain.settings import EvaluationSettings
from planeval.domain.verdict import Reason, Verdict
from planeval.methods import common
from planeval.methods.common import Status
from planeval.methods.formulas import EPSILON
from planeval.methods.registry import register

NAME = "trend_shortfall"

TREND_YEARS = 5
"""Δ is the average change over the last five years (six points)."""
MIN_POINTS = 4
SUNNY_SHORTFALL = 0.05
PARTLY_SUNNY_SHORTFALL = 0.20

SUNNY_REACHED = Status("sunny", "晴（已达到目标）", Verdict.TARGET_REACHED)
SUNNY = Status("sunny", "晴（按目标进展）", Verdict.ON_SCHEDULE)
PARTLY_SUNNY = Status("partly_sunny", "晴间多云（基本按目标进展）", Verdict.ON_SCHEDULE)
CLOUDY = Status("cloudy", "多云（方向正确但偏离目标）", Verdict.BEHIND)
THUNDERSTORM = Status("thunderstorm", "雷雨（偏离目标方向）", Verdict.BEHIND)


@register(NAME)
def trend_shortfall(case: Case, settings: EvaluationSettings) -> IndicatorResult:
    """Judge one indicator by the Destatis weather symbols.

    Returns:
        A result with ``status`` one of the classes above; ``not_evaluated`` with the reason
        from :func:`level_series`, or ``too_few_points``.
    """
    series = level_series(case)
    if isinstance(series, Reason):
        return common.skipped(case, NAME, series)
    run = annual_run(series)
    if not run or run[0] == 0:
        return common.skipped(case, NAME, Reason.TOO_FEW_POINTS, "无年度数据")
    latest = run[0]
    fields = common.series_fields(case, series, latest)
    fields["notes"] = _left_out(case, latest)
    x, target, end = series.values[latest], series.target, series.target_time
    if common.meets(series, x):
        text = f"{common.describe(case, series, latest)}，已达到目标"
        return common.classified(case, NAME, SUNNY_REACHED, text, **fields)
    if len(run) < MIN_POINTS:
        detail = f"需连续{MIN_POINTS}年以上的年度数据，现有{len(run)}年"
        return common.skipped(case, NAME, Reason.TOO_FEW_POINTS, detail)
    years = series.times[latest] - series.times[run[-1]]
    change = (x - series.values[run[-1]]) / years
    rest = end - series.times[latest]
    projected = x + change * rest
    d = series.direction.sign
    shortfall = d * (target - projected) / (d * (target - x))
    status = classify(shortfall, d * change)
    text = (
        f"{common.describe(case, series, latest)}；近{format_number(years, 0)}年年均变化"
        f"{format_number(change)}{_change_unit(series)}，按此趋势{int(end)}年预计为{common.level(series, projected)}，"
        + (f"届时差距为现有差距的{format_percent(shortfall)}，" if shortfall > 0 else "届时可达到目标，")
        + status.label
    )
    return common.classified(
        case, NAME, status, text, achieved=projected, required=target, gap=d * (projected - target),
        needed_per_year=(target - x) / rest if rest > 0 else None, **fields,
    )  # fmt: skip


def classify(shortfall: float, towards: float) -> Status:
    """The weather symbol of a target not yet met: ``shortfall`` s, ``towards`` = d·Δ."""
    if shortfall < SUNNY_SHORTFALL - EPSILON:
        return SUNNY
    if shortfall <= PARTLY_SUNNY_SHORTFALL + EPSILON:
        return PARTLY_SUNNY
    return CLOUDY if towards > EPSILON else THUNDERSTORM


def annual_run(series: LevelSeries) -> list[int]:
    """Indices of the latest run of annual points one year apart, latest first, at most
    ``TREND_YEARS + 1`` long; empty when the series has no annual point."""
    annual = [i for i, t in enumerate(series.times) if abs(t - round(t)) <= EPSILON]
    run: list[int] = []
    for i in reversed(annual):
        if not run:
            run.append(i)
        elif abs(series.times[run[-1]] - series.times[i]) <= EPSILON:
            continue  # a second value for the same year: the later one in the case's order wins
        elif abs(series.times[run[-1]] - 1 - series.times[i]) <= EPSILON and len(run) <= TREND_YEARS:
            run.append(i)
        else:
            break
    return run


def _left_out(case: Case, latest: int) -> list[str]:
    # Series point i is the case's observation i − 1, so the points after ``latest`` (values
    # within a later year) are the observations from index ``latest`` on.
    return [f"{chinese_label(o.period)}数值非年度数据，未用于趋势测算" for o in case.observations[latest:]]


def _change_unit(series: LevelSeries) -> str:
    """The unit of a yearly change: percentage points for a level in %, none for an index."""
    unit = series.unit.replace("％", "%")
    return "个百分点" if unit == "%" else "" if unit == "指数" else unit
