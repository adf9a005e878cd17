"""The plan folder in CSV form: ``indicators.csv`` and ``annual_targets.csv``.

``indicators.csv`` columns (those of the national 14th FYP example): code, category, name,
unit, base_year, base_value, target_year, target_text, attribute, and optionally direction
(increase/decrease), department, frequency (year/half/quarter/month), notes, and for plans
with regions aggregation (sum/ratio/last/none: how a parent region's value follows from its
children's), numerator and denominator (the codes a ratio is recomputed from) and scale (the
ratio's factor; when empty 100 for %, 1000 for ‰, 1 otherwise). Chinese headers (类别, 指标, 单位, 属性,
责任单位, 汇总方式, 分子, 分母) are accepted too.
"""

from __future__ import annotations

from pathlib import Path

from planeval.domain.indicator import Indicator
from planeval.domain.plan import AnnualTarget
from planeval.domain.target import parse_target
from planeval.io.csv_files import read_csv
from planeval.io.observations import IndicatorIndex
from planeval.io.rows import IndicatorRow, Where, build_indicator, check_ratio_parts, required, text, year

INDICATOR_COLUMNS = ("code", "name", "base_year", "target_year", "target_text", "attribute")
ANNUAL_COLUMNS = ("code", "year", "target_text")
ALIASES = {
    "类别": "category",
    "方面": "category",
    "aspect": "category",
    "指标": "name",
    "指标名称": "name",
    "单位": "unit",
    "属性": "attribute",
    "责任单位": "department",
    "编号": "code",
    "代码": "code",
    "基期年": "base_year",
    "基期值": "base_value",
    "目标年": "target_year",
    "目标值": "target_text",
    "方向": "direction",
    "频率": "frequency",
    "备注": "notes",
    "note": "notes",
    "汇总方式": "aggregation",
    "分子": "numerator",
    "分母": "denominator",
}


def read_indicators_csv(path: Path) -> list[Indicator]:
    """The indicators of ``path`` in file order.

    Raises:
        PlanFormatError: a missing column, or a row that cannot be read (names row and column),
            among them a ratio whose numerator or denominator is not an amount of the table.
    """
    indicators = []
    places = []
    for number, row in read_csv(path, INDICATOR_COLUMNS, ALIASES):
        where = Where(str(path), number)
        places.append(where)
        indicators.append(
            build_indicator(
                IndicatorRow(
                    code=text(row, "code"),
                    name=text(row, "name"),
                    unit=text(row, "unit"),
                    aspect=text(row, "category"),
                    base_year=required(row, "base_year", where),
                    base_value=text(row, "base_value"),
                    target_year=required(row, "target_year", where),
                    target_text=text(row, "target_text"),
                    attribute=required(row, "attribute", where),
                    direction=text(row, "direction"),
                    department=text(row, "department"),
                    frequency=text(row, "frequency"),
                    note=text(row, "notes"),
                    aggregation=text(row, "aggregation"),
                    numerator=text(row, "numerator"),
                    denominator=text(row, "denominator"),
                    scale=text(row, "scale"),
                ),
                where,
            )
        )
    check_ratio_parts(indicators, places)
    return indicators


def read_annual_targets_csv(path: Path, index: IndicatorIndex) -> dict[str, tuple[AnnualTarget, ...]]:
    """Yearly targets by indicator code, in year order (columns code, year, target_text, source).

    Raises:
        PlanFormatError: an unknown indicator, a bad year, or two targets for one year.
    """
    targets: dict[str, dict[int, AnnualTarget]] = {}
    for number, row in read_csv(path, ANNUAL_COLUMNS):
        where = Where(str(path), number)
        indicator = index.find(required(row, "code", where), where)
        when = year(required(row, "year", where), "year", where)
        if when in targets.get(indicator.code, {}):
            raise where.error("year", f"a second target for {indicator.code} in {when}")
        target = parse_target(
            required(row, "target_text", where),
            name=indicator.name,
            unit=indicator.unit,
            growth_rate=indicator.is_growth_rate,
        )
        targets.setdefault(indicator.code, {})[when] = AnnualTarget(indicator.code, when, target, text(row, "source"))
    return {code: tuple(by_year[y] for y in sorted(by_year)) for code, by_year in targets.items()}
