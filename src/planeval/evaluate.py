"""The one evaluation function that the CLI, the web application and the reports call."""

from __future__ import annotations

from collections.abc import Iterable

from planeval.domain.case import build_case, with_reference
from planeval.domain.evaluation import Evaluation
from planeval.domain.observation import Observation
from planeval.domain.period import Period
from planeval.domain.plan import Plan
from planeval.domain.settings import EvaluationSettings
from planeval.errors import PlanevalError
from planeval.methods import get_method

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
    if as_of.end <= plan.start_year:
        raise PlanevalError(f"as of {as_of}: the plan runs {plan.start_year}–{plan.end_year}; nothing has elapsed yet")
    if as_of.year > plan.end_year:
        raise PlanevalError(
            f"as of {as_of}: after the plan's target year {plan.end_year}; evaluate as of {plan.end_year}"
        )
    chosen = settings or EvaluationSettings()
    by_code: dict[str, list[Observation]] = {}
    for observation in observations:
        by_code.setdefault(observation.code, []).append(observation)
    results = []
    for indicator in plan.indicators:
        case = build_case(plan, indicator, by_code.get(indicator.code, ()), as_of)
        case = with_reference(case, plan, by_code)
        results.append(judge(case, chosen))
    return Evaluation(plan=plan, as_of=as_of, method=method, settings=chosen, results=tuple(results))
