"""Observation rows (``observations.csv``, YAML lists, Excel long layout) → :class:`Observation`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from planeval.domain.indicator import Indicator
from planeval.domain.numbers import Reading, in_unit, read_number
from planeval.domain.observation import Observation
from planeval.domain.period import parse_period
from planeval.domain.units import clean_unit, convertible
from planeval.io.csv_files import read_csv
from planeval.io.rows import Where, checked, required, text

OBSERVATION_COLUMNS = ("code", "period", "value")


class IndicatorIndex:
    """Finds an indicator by code or, failing that, by its exact name."""

    def __init__(self, indicators: Iterable[Indicator]):
        self._by_code: dict[str, Indicator] = {}
        self._by_name: dict[str, list[Indicator]] = {}
        for indicator in indicators:
            self._by_code[indicator.code] = indicator
            self._by_name.setdefault(indicator.name, []).append(indicator)

    def find(self, key: str, where: Where, column: str = "code") -> Indicator:
        """The indicator whose code, or else whose name, is ``key``.

        Raises:
            PlanFormatError: no indicator has that code or name, or several share the name.
        """
        if key in self._by_code:
            return self._by_code[key]
        named = self._by_name.get(key, [])
        if len(named) > 1:
            codes = ", ".join(i.code for i in named)
            raise where.error(column, f"{key!r} is the name of several indicators ({codes}); give the code")
        if not named:
            raise where.error(column, f"no indicator {key!r} in the plan (expected a code or an indicator name)")
        return named[0]


def build_observation(row: Mapping[str, Any], index: IndicatorIndex, where: Where) -> Observation | None:
    """One observation from a row with ``code`` (or an indicator name), ``period``, ``value`` and
    optional ``unit``, ``vintage``, ``source``, ``note``, ``region``. A missing mark in ``value``
    (—, empty, 暂无) gives None: no value is not the value 0.

    Raises:
        PlanFormatError: unknown indicator, unreadable period or value; names the column.
    """
    indicator = index.find(required(row, "code", where), where)
    period = checked(lambda: parse_period(required(row, "period", where)), "period", where)
    reading = checked(lambda: read_number(row.get("value") or ""), "value", where)
    value, unit = checked(lambda: observed_value(reading, text(row, "unit"), indicator.unit), "value", where)
    if value is None:
        return None
    return Observation(
        code=indicator.code,
        period=period,
        value=value,
        unit=unit,
        vintage=text(row, "vintage"),
        source=text(row, "source"),
        note=text(row, "note"),
        region=text(row, "region"),
    )


def observed_value(reading: Reading, declared: str, indicator_unit: str) -> tuple[float | None, str]:
    """(value, unit) of an observation cell read as ``reading`` in a row whose unit column says
    ``declared``: in the indicator's unit when the cell's or row's unit converts to it
    (``1,385,000万元`` for 亿元 → 138.5 亿元); as written, in its own unit, when it does not (a
    growth indicator in % may carry its levels in 亿元); unit ``""`` when neither gives one.

    Raises:
        UnitError: the cell's own unit cannot be converted to ``declared``.
    """
    source = reading.written_unit or clean_unit(declared)
    if source and indicator_unit and not convertible(source, indicator_unit):
        return in_unit(reading, "", declared), source
    return in_unit(reading, indicator_unit, declared), clean_unit(indicator_unit) if source else ""


def read_observations_csv(path: Path, index: IndicatorIndex) -> list[Observation]:
    """All observations in ``path`` (columns of :data:`OBSERVATION_COLUMNS` plus optional ones).

    Raises:
        PlanFormatError: see :func:`build_observation`; also a row repeating another's
            indicator, period, region and vintage.
    """
    return without_repeats(
        (where, f"row {number_}", build_observation(row, index, where))
        for number_, row in read_csv(path, OBSERVATION_COLUMNS)
        for where in (Where(str(path), number_),)
    )


def without_repeats(readings: Iterable[tuple[Where, str, Observation | None]]) -> list[Observation]:
    """The observations read, in order (None for a missing value is skipped), each given as
    (where it was read, how to name that place: ``row 3``, the observation).

    Raises:
        PlanFormatError: an observation repeating an earlier one's indicator, period, region and
            vintage, naming where the earlier one was.
    """
    seen: dict[tuple[str, str, str, str], str] = {}
    values = []
    for where, place, observation in readings:
        if observation is None:
            continue
        key = (observation.code, str(observation.period), observation.region, observation.vintage)
        if key in seen:
            raise where.error("period", f"repeats {seen[key]} ({observation.code} {observation.period})")
        seen[key] = place
        values.append(observation)
    return values
