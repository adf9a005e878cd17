"""The one evaluation function that the CLI, the web application and the reports call."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from planeval.domain.case import Case, build_case, with_reference
from planeval.domain.evaluation import Evaluation
from planeval.domain.observation import Observation
from planeval.domain.period import Period
from planeval.domain.plan import Plan
from planeval.domain.projection import project
from planeval.domain.result import IndicatorResult
from planeval.domain.series import LevelSeries, level_series
from planeval.domain.settings import EvaluationSettings
from planeval.domain.verdict import Verdict
from planeval.errors import PlanevalError
from planeval.methods import available_methods, get_method

DEFAULT_METHOD = "time_progress"


def evaluate(
    plan: Plan,
    observations: Iterable[Observation],
    as_of: Period,
    method: str = DEFAULT_METHOD,
    settings: EvaluationSettings | None = None,
) -> Evaluation:
    """Evaluate every indicator of ``plan`` with the data known up to the end of ``as_of``.

    Args:
        plan: the plan and its indicator table.
        observations: values of any of the plan's indicators; those for periods ending after
            ``as_of`` are ignored, values for the base year revise the baseline.
        as_of: the cut-off period, e.g. ``Period.of_half(2023, 1)`` for a mid-term evaluation.
        method: a registered method name (see :func:`planeval.methods.available_methods`).
        settings: thresholds; the documented defaults when None.

    Returns:
        An :class:`Evaluation` with one result per indicator in table order.

    Raises:
        MethodError: ``method`` is not registered.
        PlanevalError: ``as_of`` ends before the plan's first year has begun, or falls after
            its target year.
    """
    judge = get_method(method)
    chosen = settings or EvaluationSettings()
    results = tuple(_with_projection(judge(case, chosen), case) for case in build_cases(plan, observations, as_of))
    return Evaluation(plan=plan, as_of=as_of, method=method, settings=chosen, results=results)


def evaluate_methods(
    plan: Plan,
    observations: Iterable[Observation],
    as_of: Period,
    methods: Sequence[str] | None = None,
    settings: EvaluationSettings | None = None,
) -> dict[str, Evaluation]:
    """One evaluation per method (every registered one when ``methods`` is None), time_progress
    first, from cases built once.

    Raises:
        MethodError, PlanevalError: as :func:`evaluate`.
    """
    names = list(methods) if methods else sorted(available_methods(), key=lambda n: (n != DEFAULT_METHOD, n))
    judges = {name: get_method(name) for name in names}
    chosen = settings or EvaluationSettings()
    cases = build_cases(plan, observations, as_of)
    return {
        name: Evaluation(plan, as_of, name, chosen, tuple(_with_projection(judge(c, chosen), c) for c in cases))
        for name, judge in judges.items()
    }


def disagree(results: Sequence[IndicatorResult]) -> bool:
    """True when methods that could judge an indicator split on whether it meets its schedule
    (target reached, ahead or on schedule against behind)."""
    judged = {r.verdict.meets_schedule for r in results if r.verdict is not Verdict.NOT_EVALUATED}
    return len(judged) > 1


def build_cases(plan: Plan, observations: Iterable[Observation], as_of: Period) -> list[Case]:
    """The case of every indicator of ``plan`` as of ``as_of``, in table order, from the
    observations of the plan's own region (``region`` empty); values of other regions are
    evaluated by :func:`planeval.regions.evaluate_regions`.

    Raises:
        PlanevalError: ``as_of`` ends before the plan's first year has begun, or falls after
            its target year.
    """
    if as_of.end <= plan.start_year:
        raise PlanevalError(f"as of {as_of}: the plan runs {plan.start_year}–{plan.end_year}; nothing has elapsed yet")
    if as_of.year > plan.end_year:
        raise PlanevalError(
            f"as of {as_of}: after the plan's target year {plan.end_year}; evaluate as of {plan.end_year}"
        )
    by_code: dict[str, list[Observation]] = {}
    for observation in observations:
        if not observation.region:
            by_code.setdefault(observation.code, []).append(observation)
    return [
        with_reference(build_case(plan, indicator, by_code.get(indicator.code, ()), as_of), plan, by_code)
        for indicator in plan.indicators
    ]


def _with_projection(result: IndicatorResult, case: Case) -> IndicatorResult:
    series = level_series(case)
    if not isinstance(series, LevelSeries):
        return result
    projection = project(series.times, series.values, series.target_time, series.unit)
    if projection is not None:
        projection = replace(projection, target=series.target, direction=series.direction)
    return replace(result, projection=projection)
