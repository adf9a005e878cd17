"""Hand-written plans in YAML.

::

    plan:
      title: 某市国民经济和社会发展第十四个五年规划纲要
      region: 某市
      base_year: 2020
      target_year: 2025
    indicators:
      - code: A01
        aspect: 经济发展
        name: 地区生产总值增长
        unit: "%"
        attribute: 预期性            # or expected / binding
        baseline: 3.6                # or {value: 60.6, estimated: true, revised: 63.89, basis: census}
        target: "6%左右"              # as printed in the table
        direction: increase           # optional; implied by the target otherwise
        department: 市统计局           # optional
        annual_targets: {2021: "7%以上"}   # optional yearly targets
        aggregation: ratio            # optional: sum / ratio / last / none (how regions roll up)
        numerator: A02                # for a ratio: the codes it is recomputed from, and
        denominator: A03              # scale (optional; 100 for %, 1000 for ‰, 1 otherwise)
    observations:                      # optional; observations.csv beside the file is read too
      - {code: A01, period: 2021, value: 8.5, source: 统计公报}

Indicators may give their own ``base_year`` and ``target_year``; they default to the plan's.
Without an ``indicators`` list, the table is read from ``indicators.csv`` or ``indicators.xlsx``
beside the file, and ``plan.yaml`` only names the plan (title, region).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from planeval.domain.indicator import Baseline, Indicator
from planeval.domain.observation import Observation
from planeval.domain.plan import AnnualTarget
from planeval.domain.target import parse_target
from planeval.io.csv_files import read_text
from planeval.io.folder import PlanFolder, assemble, folder_title, read_table, table_beside
from planeval.io.observations import IndicatorIndex, build_observation, without_repeats
from planeval.io.rows import IndicatorRow, Where, build_indicator, check_ratio_parts, number, text, year

INDICATOR_FIELDS = (
    "code", "name", "unit", "aspect", "attribute", "direction", "baseline", "target", "department", "frequency",
    "note", "base_year", "target_year", "annual_targets", "aggregation", "numerator", "denominator", "scale",
)  # fmt: skip
PLAN_FIELDS = ("title", "region", "base_year", "target_year", "adopted")


def read_yaml_plan(path: Path) -> PlanFolder:
    """The plan in ``path`` with its observations (inline and ``observations.csv`` beside it);
    its table inline, or from ``indicators.csv``/``indicators.xlsx`` beside it.

    Raises:
        PlanFormatError: invalid YAML, a missing ``plan`` or ``indicators`` section, or an
            entry that cannot be read; the error names the entry (``indicators[3]``) and field.
    """
    where = Where(str(path))
    try:
        document = yaml.safe_load(read_text(path))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise Where(str(path), line).error(None, f"is not valid YAML: {getattr(error, 'problem', error)}") from None
    if not isinstance(document, dict):
        raise where.error(None, "expected a mapping with 'plan' and 'indicators'")
    head = _section(document, "plan", dict, where)
    _checked_keys(head, PLAN_FIELDS, Where(f"{path} plan"))
    table = table_beside(path.parent) if "indicators" not in document else None
    if table is not None:
        indicators, entries = read_table(table), []
    else:
        entries = _section(document, "indicators", list, where)
        base_year = year(text(head, "base_year"), "plan.base_year", where)
        target_year = year(text(head, "target_year"), "plan.target_year", where)
        indicators = [_indicator(entry, i, base_year, target_year, path) for i, entry in enumerate(entries)]
        check_ratio_parts(indicators, [Where(f"{path} indicators[{i}]") for i in range(len(indicators))])
    index = IndicatorIndex(indicators)
    annual = {
        ind.code: targets for e, ind in zip(entries, indicators, strict=False) if (targets := _annual(e, ind, path))
    }
    observations = _observations(document.get("observations") or [], index, path)
    return assemble(
        path.parent,
        indicators,
        title=text(head, "title") or folder_title(path.resolve().parent),
        region=text(head, "region"),
        annual_targets=annual,
        observations=observations,
    )


def _section(document: dict[str, Any], name: str, kind: type, where: Where) -> Any:
    value = document.get(name)
    if not isinstance(value, kind):
        raise where.error(name, f"expected a {'mapping' if kind is dict else 'list'} named '{name}'")
    return value


def _mapping(entry: Any, label: str, where: Where) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise where.error(label, "expected a mapping of field: value")
    return entry


def _observations(entries: Any, index: IndicatorIndex, path: Path) -> list[Observation]:
    """The inline observations; a second value for one indicator, period, region and vintage is
    refused as in observations.csv."""
    if not isinstance(entries, list):
        raise Where(str(path)).error("observations", "expected a list of observations")
    return without_repeats(
        (where, label, build_observation(_mapping(entry, label, Where(str(path))), index, where))
        for position, entry in enumerate(entries)
        for label in (f"observations[{position}]",)
        for where in (Where(f"{path} {label}"),)
    )


def _checked_keys(row: dict[str, Any], allowed: tuple[str, ...], where: Where) -> None:
    unknown = [str(key) for key in row if key not in allowed]
    if unknown:
        raise where.error(unknown[0], f"is not a field; expected one of {', '.join(allowed)}")


def _indicator(entry: Any, position: int, base_year: int, target_year: int, path: Path) -> Indicator:
    label = f"indicators[{position}]"
    where = Where(f"{path} {label}")
    row = _mapping(entry, label, where)
    _checked_keys(row, INDICATOR_FIELDS, where)
    if not isinstance(row.get("target", ""), str | int | float):
        raise where.error("target", 'expected the target as the table prints it, e.g. ">7" or "〔13.5〕"')
    baseline = row.get("baseline")
    details = baseline if isinstance(baseline, dict) else {"value": baseline}
    indicator = build_indicator(
        IndicatorRow(
            code=text(row, "code"),
            name=text(row, "name"),
            unit=text(row, "unit"),
            aspect=text(row, "aspect"),
            base_year=text(row, "base_year") or str(base_year),
            base_value=details.get("value"),
            target_year=text(row, "target_year") or str(target_year),
            target_text=text(row, "target"),
            attribute=text(row, "attribute"),
            direction=text(row, "direction"),
            department=text(row, "department"),
            frequency=text(row, "frequency"),
            note=text(row, "note"),
            aggregation=text(row, "aggregation"),
            numerator=text(row, "numerator"),
            denominator=text(row, "denominator"),
            scale=row.get("scale"),
        ),
        where,
    )
    revised, _ = number(details.get("revised"), "baseline.revised", where)
    estimated = bool(details.get("estimated", indicator.baseline.estimated))
    return replace(
        indicator,
        baseline=Baseline(
            year=indicator.baseline.year,
            value=indicator.baseline.value,
            revised_value=revised,
            revised_basis=text(details, "basis") or None,
            estimated=estimated,
        ),
    )


def _annual(entry: dict[str, Any], indicator: Indicator, path: Path) -> tuple[AnnualTarget, ...]:
    where = Where(f"{path} indicators {indicator.code}")
    targets = entry.get("annual_targets") or {}
    if not isinstance(targets, dict):
        raise where.error("annual_targets", "expected a mapping of year: target text")
    return tuple(
        AnnualTarget(
            indicator.code,
            year(str(y), "annual_targets", where),
            parse_target(str(t), name=indicator.name, unit=indicator.unit, growth_rate=indicator.is_growth_rate),
        )
        for y, t in sorted(targets.items(), key=lambda item: str(item[0]))
    )
