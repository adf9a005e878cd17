"""Is a new value plausible beside the indicator's last known one?

Two slips recur in departments' files, and both are caught against a reference — the
indicator's latest known value, or its baseline when it has none yet:

- a percent typed as a fraction: 0.6616 for an urbanisation rate whose last value is 65.22 %.
  A value written without a % sign (and not formatted as percent) that is about 1/100 of the
  reference (×100 within :data:`FRACTION_SLACK` of it) is a probable fraction. Judging by the
  indicator's own size, not by the column's other values, keeps a real small percent (a 0.1 %
  fall of energy intensity, whose last values are 0.1–3) from being taken for one;
- a jump: 100× or 10,000× the last known value of a period as long (a unit slip: 万 against 亿,
  % against ‰), or a change of more than :data:`JUMP_THRESHOLD` against it (not against the
  baseline: a base year is often an exceptional one). These are questions, not errors: the value
  passes with an explanation. The thresholds are those of the web site's value checks
  (:mod:`planeval.web.core.values`), so a file is questioned as the form would question it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from planeval.domain.indicator import Indicator
from planeval.domain.numbers import Reading, format_number
from planeval.domain.observation import Observation
from planeval.domain.period import Period, format_period

FRACTION_SLACK = 0.5
"""A plain value ×100 within 50 % of the reference reads as a fraction (0.6616 against 65.22)."""
SCALE_FACTORS = (100.0, 10_000.0)
SCALE_SLACK = 0.2
"""Within 20 % of 100× or 10,000× (or their inverses) counts as a unit slip."""
JUMP_THRESHOLD = 0.5
"""A change of more than 50 % against the reference needs an explanation."""
SHOWN_DIGITS = 6


@dataclass(frozen=True)
class Reference:
    """The value a new one is compared with, in the indicator's unit, and what it is: the value
    of a period (``2022``) or the baseline (``baseline 2020``)."""

    value: float
    label: str


def reference(indicator: Indicator, period: Period, known: Iterable[Observation] = (),
              baseline: bool = True, same_span: bool = False) -> Reference | None:  # fmt: skip
    """What a value of ``indicator`` for ``period`` is compared with: of ``known`` (the plan's
    own region, in the indicator's unit; with ``same_span`` only periods as long as ``period``,
    so that a half year's total is not compared with a year's), the latest value of a period
    ending before ``period``, else the earliest ending after it; else, with ``baseline``, the
    indicator's baseline (the revised one when there is one). None when there is none, or it is 0."""
    own = [o for o in known if o.code == indicator.code and not o.region and o.unit in ("", indicator.unit)
           and (not same_span or o.period.years == period.years)]  # fmt: skip
    before = [o for o in own if o.period.end < period.end]
    after = [o for o in own if o.period.end > period.end]
    nearest = max(before, key=lambda o: o.period, default=None) or min(after, key=lambda o: o.period, default=None)
    if nearest is not None:
        return Reference(nearest.value, format_period(nearest.period)) if nearest.value else None
    base = indicator.baseline.current if baseline else None
    return Reference(base, f"baseline {indicator.baseline.year}") if base else None


def fraction_warning(reading: Reading, against: Reference | None) -> str:
    """Why ``reading``, a value of an indicator in %, is probably a fraction of a percent
    (``0.6616 looks like a fraction of 66.16% …``); "" when it is not (a % sign, a percent
    format, 0, no reference, or not about 1/100 of it)."""
    value = reading.value
    if value is None or value == 0 or reading.written_unit or against is None:
        return ""
    if abs(value * 100 / against.value - 1) > FRACTION_SLACK:
        return ""
    percent = format_number(value * 100, SHOWN_DIGITS)
    return (f"{format_number(value, SHOWN_DIGITS)} looks like a fraction of {percent}% (the last value is "
            f"{format_number(against.value, SHOWN_DIGITS)}, {against.label}): type {percent}")  # fmt: skip


def jump_warning(value: float, against: Reference | None) -> str:
    """Why ``value`` needs an explanation against ``against``: 100× or 10,000× it (or 1/100,
    1/10,000: check the unit), or a change of more than :data:`JUMP_THRESHOLD`; "" otherwise."""
    if against is None or not value:
        return ""
    last = format_number(against.value, SHOWN_DIGITS)
    ratio = abs(value / against.value)
    for factor in SCALE_FACTORS:
        for scaled in (factor, 1 / factor):
            if abs(ratio / scaled - 1) <= SCALE_SLACK:
                return f"{ratio:g}× the last value {last} ({against.label}): check the unit"
    if abs(value - against.value) / abs(against.value) > JUMP_THRESHOLD:
        return f"a change of more than {JUMP_THRESHOLD:.0%} against the last value {last} ({against.label})"
    return ""
