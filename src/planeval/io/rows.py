"""Turning one row of a plan table (from CSV, Excel or YAML) into domain values.

Every reader hands cells here as text with a :class:`Where` naming the file and row, so that an
error says where it is: ``indicators.csv, row 5, column attribute: expected 预期性 or 约束性 …``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from planeval.domain.indicator import (
    Aggregation,
    Attribute,
    Baseline,
    Direction,
    Indicator,
    implied_direction,
    is_growth_rate_name,
)
from planeval.domain.numbers import in_unit, read_number
from planeval.domain.period import Frequency, parse_period
from planeval.domain.target import parse_target
from planeval.errors import NumberError, PeriodError, PlanFormatError

T = TypeVar("T")

ATTRIBUTES = {
    "预期性": Attribute.EXPECTED,
    "预期": Attribute.EXPECTED,
    "expected": Attribute.EXPECTED,
    "约束性": Attribute.BINDING,
    "约束": Attribute.BINDING,
    "binding": Attribute.BINDING,
}
DIRECTIONS = {
    "increase": Direction.INCREASE,
    "up": Direction.INCREASE,
    "正向": Direction.INCREASE,
    "decrease": Direction.DECREASE,
    "down": Direction.DECREASE,
    "逆向": Direction.DECREASE,
}
FREQUENCIES = {f.value: f for f in Frequency} | {
    "年": Frequency.YEAR,
    "年度": Frequency.YEAR,
    "半年": Frequency.HALF,
    "季": Frequency.QUARTER,
    "季度": Frequency.QUARTER,
    "月": Frequency.MONTH,
    "月度": Frequency.MONTH,
}
AGGREGATIONS = {a.value: a for a in Aggregation} | {
    "合计": Aggregation.SUM,
    "求和": Aggregation.SUM,
    "比率": Aggregation.RATIO,
    "不汇总": Aggregation.NONE,
}
DEFAULT_ASPECT = "主要指标"


@dataclass(frozen=True)
class Where:
    """A place in an input file: path and 1-based row (header = row 1)."""

    path: str
    row: int | None = None

    def error(self, column: str | None, message: str) -> PlanFormatError:
        return PlanFormatError(self.path, message, self.row, column)


def text(row: Mapping[str, Any], column: str) -> str:
    """The cell as stripped text; empty for a missing column or an empty cell."""
    value = row.get(column)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def required(row: Mapping[str, Any], column: str, where: Where) -> str:
    """Raises: PlanFormatError: the cell is empty."""
    value = text(row, column)
    if not value:
        raise where.error(column, "is empty; a value is required")
    return value


def lookup(table: Mapping[str, T], value: str, column: str, where: Where) -> T:
    """``table[value]`` (case-insensitive). Raises: PlanFormatError: naming the allowed values."""
    found = table.get(value.strip().lower(), table.get(value.strip()))
    if found is None:
        raise where.error(column, f"expected one of {', '.join(table)}, got {value!r}")
    return found


def year(value: str, column: str, where: Where) -> int:
    """A four-digit year (``2020`` or ``2020年``). Raises: PlanFormatError."""
    try:
        period = parse_period(value)
    except PeriodError:
        raise where.error(column, f"expected a year such as 2020, got {value!r}") from None
    return period.year


def number(value: Any, column: str, where: Where, unit: str = "") -> tuple[float | None, bool]:
    """(value, estimated) of a numeric cell (see :func:`planeval.domain.numbers.read_number`),
    in ``unit`` when given and the cell writes its own (``1,385,000万元`` for 亿元 gives 138.5);
    (None, False) for —, empty, 暂无 or 不适用.

    Raises: PlanFormatError: the cell is not a number, or its unit cannot be converted to ``unit``."""
    try:
        reading = read_number(value if value is not None else "")
        converted = in_unit(reading, unit) if unit else reading.value
    except NumberError as error:
        raise where.error(column, str(error)) from None
    return converted, reading.estimated


def checked(function: Callable[[], T], column: str, where: Where) -> T:
    """Run ``function``; a PeriodError or NumberError becomes a PlanFormatError at ``where``."""
    try:
        return function()
    except (PeriodError, NumberError) as error:
        raise where.error(column, str(error)) from None


@dataclass(frozen=True)
class IndicatorRow:
    """The cells of one indicator row, as text (column names of ``indicators.csv``)."""

    code: str
    name: str
    unit: str
    aspect: str
    base_year: str
    base_value: Any
    target_year: str
    target_text: str
    attribute: str
    direction: str = ""
    department: str = ""
    frequency: str = ""
    note: str = ""
    growth_column: bool = False  # the target came from a 年均增长 column: a number is a growth rate
    aggregation: str = ""
    numerator: str = ""
    denominator: str = ""
    scale: Any = None


def build_indicator(row: IndicatorRow, where: Where) -> Indicator:
    """An :class:`Indicator` from one row.

    The target text is parsed (unparsed text is kept, not refused); the direction, when the
    row gives none, is implied by the target and baseline. Whether ``numerator`` and
    ``denominator`` name indicators of the plan is checked once the whole table is read, by
    :func:`check_ratio_parts`.

    Raises:
        PlanFormatError: a missing code or name, a year, number, attribute, direction,
            frequency or aggregation that cannot be read; a ratio without its numerator or
            denominator, or those given for another aggregation; the error names the column.
    """
    if not row.code:
        raise where.error("code", "is empty; every indicator needs a code")
    if not row.name:
        raise where.error("name", "is empty; every indicator needs a name")
    base_year = year(row.base_year, "base_year", where)
    base_value, estimated = number(row.base_value, "base_value", where, unit=row.unit)
    growth = row.growth_column or is_growth_rate_name(row.name, row.unit)
    target = parse_target(row.target_text, name=row.name, unit=row.unit, growth_rate=growth)
    direction = (
        lookup(DIRECTIONS, row.direction, "direction", where)
        if row.direction
        else implied_direction(target, base_value)
    )
    target_year = year(row.target_year, "target_year", where)
    if target_year <= base_year:
        raise where.error("target_year", f"{target_year} is not after the base year {base_year}")
    aggregation, numerator, denominator, scale = _aggregation(row, where)
    return Indicator(
        code=row.code,
        name=row.name,
        unit=row.unit,
        aspect=row.aspect or DEFAULT_ASPECT,
        attribute=lookup(ATTRIBUTES, row.attribute, "attribute", where),
        direction=direction,
        baseline=Baseline(year=base_year, value=base_value, estimated=estimated),
        target=target,
        target_year=target_year,
        department=row.department or None,
        frequency=lookup(FREQUENCIES, row.frequency, "frequency", where) if row.frequency else Frequency.YEAR,
        note=row.note,
        aggregation=aggregation,
        numerator=numerator,
        denominator=denominator,
        scale=scale,
    )


def _aggregation(row: IndicatorRow, where: Where) -> tuple[Aggregation, str | None, str | None, float | None]:
    """The row's (aggregation, numerator, denominator, scale)."""
    aggregation = lookup(AGGREGATIONS, row.aggregation, "aggregation", where) if row.aggregation else Aggregation.NONE
    scale, _ = number(row.scale, "scale", where)
    parts = {"numerator": row.numerator, "denominator": row.denominator}
    if aggregation is not Aggregation.RATIO:
        for column, given in (*parts.items(), ("scale", scale)):
            if given not in ("", None):
                raise where.error(column, f"applies to aggregation ratio only, not {aggregation.value}")
        return aggregation, None, None, None
    for column, code in parts.items():
        if not code:
            raise where.error(column, "is empty; aggregation ratio needs the code of the indicator to divide")
        if code == row.code:
            raise where.error(column, f"names the indicator {code!r} itself")
    if scale is not None and scale <= 0:
        raise where.error("scale", f"expected a positive factor such as 100, got {row.scale!r}")
    return aggregation, row.numerator, row.denominator, scale


def check_ratio_parts(indicators: Sequence[Indicator], places: Sequence[Where]) -> None:
    """Check that every ratio's ``numerator`` and ``denominator`` name an indicator of the plan
    that is an amount, not itself a ratio; ``places`` are where each indicator was read.

    Raises:
        PlanFormatError: at the ratio's row, naming the column.
    """
    by_code = {indicator.code: indicator for indicator in indicators}
    for indicator, where in zip(indicators, places, strict=True):
        for column, code in (("numerator", indicator.numerator), ("denominator", indicator.denominator)):
            if code is None:
                continue
            part = by_code.get(code)
            if part is None:
                raise where.error(column, f"no indicator {code!r} in the plan")
            if part.aggregation is Aggregation.RATIO:
                raise where.error(column, f"{code!r} is itself a ratio; a ratio divides two amounts")
