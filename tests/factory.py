"""Small builders for synthetic plans in tests (the figures are made up unless a test says
where they come from)."""

from __future__ import annotations

from planeval.domain.case import Case
from planeval.domain.evaluation import Evaluation
from planeval.domain.indicator import Attribute, Baseline, Direction, Indicator, implied_direction
from planeval.domain.observation import Observation
from planeval.domain.period import parse_period
from planeval.domain.plan import AnnualTarget, Plan
from planeval.domain.result import IndicatorResult
from planeval.domain.settings import EvaluationSettings
from planeval.domain.target import parse_target
from planeval.evaluate import DEFAULT_METHOD, evaluate


def indicator(
    target: str,
    base: float | None = None,
    *,
    code: str = "X1",
    name: str = "某指标",
    unit: str = "",
    binding: bool = False,
    direction: str | None = None,
    base_year: int = 2020,
    target_year: int = 2025,
    aspect: str = "综合",
    revised: float | None = None,
    basis: str | None = None,
) -> Indicator:
    growth = unit == "%" and "增长" in name
    parsed = parse_target(target, name=name, unit=unit, growth_rate=growth)
    return Indicator(
        code=code,
        name=name,
        unit=unit,
        aspect=aspect,
        attribute=Attribute.BINDING if binding else Attribute.EXPECTED,
        direction=Direction(direction) if direction else implied_direction(parsed, base),
        baseline=Baseline(year=base_year, value=base, revised_value=revised, revised_basis=basis),
        target=parsed,
        target_year=target_year,
    )


def series(code: str, values: dict[str, float], vintage: str = "", unit: str = "") -> list[Observation]:
    return [Observation(code, parse_period(p), v, vintage=vintage, unit=unit) for p, v in values.items()]


def plan(
    *indicators: Indicator, annual: dict[str, dict[int, str]] | None = None, base_year: int = 2020, end_year: int = 2025
) -> Plan:
    by_code = {i.code: i for i in indicators}
    annual_targets = {
        code: tuple(
            AnnualTarget(
                code,
                y,
                parse_target(
                    t, name=by_code[code].name, unit=by_code[code].unit, growth_rate=by_code[code].is_growth_rate
                ),
            )
            for y, t in sorted(years.items())
        )
        for code, years in (annual or {}).items()
    }
    return Plan(
        title="测试规划", base_year=base_year, end_year=end_year, indicators=indicators, annual_targets=annual_targets
    )


def run(
    the_plan: Plan, observations: list[Observation], as_of: str, *, method: str = DEFAULT_METHOD, **settings: object
) -> Evaluation:
    chosen = EvaluationSettings(**settings)  # type: ignore[arg-type]
    return evaluate(the_plan, observations, parse_period(as_of), method=method, settings=chosen)


def judge(
    ind: Indicator, values: dict[str, float], as_of: str, *, method: str = DEFAULT_METHOD, **settings: object
) -> IndicatorResult:
    """Evaluate one indicator with the observations ``values`` (period label → value), by
    ``method`` (the default method when not given)."""
    the_plan = plan(ind, base_year=ind.baseline.year, end_year=ind.target_year)
    return run(the_plan, series(ind.code, values), as_of, method=method, **settings).results[0]


def raw_case(ind: Indicator, values: dict[str, float], as_of: str) -> Case:
    """The case of ``ind`` exactly as given: its table target and baseline, every value, none of
    the choices :func:`build_case` makes (a level met at baseline stays a level). For calling a
    method directly on a situation that evaluate() would turn into another."""
    return Case(
        indicator=ind,
        target=ind.target,
        baseline=ind.baseline.value,
        observations=tuple(series(ind.code, values)),
        start_year=ind.baseline.year + 1,
        end_year=ind.target_year,
        as_of=parse_period(as_of),
    )
