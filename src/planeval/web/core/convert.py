"""Between stored models and the core's values: one place, both ways.

The web layer stores what the core evaluates; it never evaluates by itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from planeval.domain.indicator import Indicator as DomainIndicator
from planeval.domain.numbers import format_number
from planeval.domain.observation import Observation
from planeval.domain.period import parse_period
from planeval.domain.plan import AnnualTarget as DomainAnnualTarget
from planeval.domain.plan import Plan as DomainPlan
from planeval.domain.target import parse_target
from planeval.io.folder import PlanFolder
from planeval.io.rows import IndicatorRow, Where, build_indicator
from planeval.web.core.models import AnnualTarget, Department, Indicator, Plan, Value, ValueState


def domain_indicator(row: Indicator) -> DomainIndicator:
    """The core's indicator of a stored row (target parsed from its text)."""
    return build_indicator(
        IndicatorRow(
            code=row.code, name=row.name, unit=row.unit, aspect=row.aspect, base_year=str(row.base_year),
            base_value=row.base_value if row.base_value is not None else "", target_year=str(row.target_year),
            target_text=row.target_text, attribute=row.attribute, direction=row.direction,
            department=row.department.name if row.department else "", frequency=row.frequency, note=row.note,
        ),
        Where(f"plan {row.plan.slug}"),
    )  # fmt: skip


def domain_plan(plan: Plan) -> DomainPlan:
    """The core's plan of a stored one, with its yearly targets."""
    rows = list(plan.indicators.select_related("department", "plan"))
    indicators = tuple(domain_indicator(row) for row in rows)
    targets: dict[str, list[DomainAnnualTarget]] = {}
    for target in AnnualTarget.objects.filter(indicator__plan=plan).select_related("indicator"):
        ind = target.indicator
        parsed = parse_target(target.target_text, name=ind.name, unit=ind.unit,
                              growth_rate=next(i for i in indicators if i.code == ind.code).is_growth_rate)  # fmt: skip
        targets.setdefault(ind.code, []).append(DomainAnnualTarget(ind.code, target.year, parsed, target.source))
    return DomainPlan(plan.title, plan.base_year, plan.end_year, indicators, plan.region,
                      {code: tuple(sorted(t, key=lambda a: a.year)) for code, t in targets.items()})  # fmt: skip


def observations(plan: Plan, states: Iterable[str] = (ValueState.APPROVED,)) -> list[Observation]:
    """The plan's values in ``states`` (approved only, by default) as the core's observations."""
    rows = Value.objects.filter(indicator__plan=plan, state__in=list(states), value__isnull=False)
    return [
        Observation(v.indicator.code, parse_period(v.period), v.value, vintage=v.vintage, source=v.source, note=v.note)
        for v in rows.select_related("indicator")
    ]


@transaction.atomic
def store_plan(folder: PlanFolder, slug: str, departments: dict[str, Department] | None = None) -> Plan:
    """Store a plan folder read by :func:`planeval.io.load_plan_folder`: the plan, its
    indicators (with their departments: ``departments`` maps indicator codes to one), yearly
    targets, and its observations as approved values. All or nothing.
    """
    source = folder.plan
    plan = Plan.objects.create(slug=slug, title=source.title, region=source.region,
                               base_year=source.base_year, end_year=source.end_year)  # fmt: skip
    chosen = departments or {}
    stored = {}
    for position, ind in enumerate(source.indicators, start=1):
        stored[ind.code] = Indicator.objects.create(
            plan=plan, position=position, code=ind.code, name=ind.name, unit=ind.unit, aspect=ind.aspect,
            attribute=ind.attribute.value, direction=ind.direction.value, base_year=ind.baseline.year,
            base_value=ind.baseline.value, base_estimated=ind.baseline.estimated, target_text=ind.target.text,
            target_year=ind.target_year, frequency=ind.frequency.value, department=chosen.get(ind.code), note=ind.note,
        )  # fmt: skip
    bulk_create_with_history(
        [
            AnnualTarget(indicator=stored[code], year=t.year, target_text=t.target.text, source=t.source)
            for code, targets in source.annual_targets.items()
            for t in targets
        ],
        AnnualTarget,
    )
    latest = {(o.code, str(o.period)): o for o in folder.observations}  # a later row for a period wins
    bulk_create_with_history(
        [
            Value(indicator=stored[o.code], period=str(o.period), value=o.value, raw=format_number(o.value, 6),
                  state=ValueState.APPROVED, vintage=o.vintage, source=o.source, note=o.note)
            for o in latest.values()
        ],
        Value,
    )  # fmt: skip
    return plan
