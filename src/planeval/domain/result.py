"""The result of evaluating one indicator, with every number behind its verdict."""

from __future__ import annotations

from dataclasses import dataclass, field

from planeval.domain.indicator import Indicator
from planeval.domain.observation import Observation
from planeval.domain.period import Period
from planeval.domain.projection import Projection
from planeval.domain.target import TargetKind
from planeval.domain.verdict import Reason, Verdict


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator's verdict and the numbers a person needs to check it by hand.

    Units: ``time_share`` and ``progress`` are fractions (0.4 = 40 %); ``achieved``,
    ``required`` and ``target_value`` are in the unit of what the target measures — the level
    for level targets, % a year for average growth, % for cumulative reductions, the
    indicator's unit for totals; ``gap = d × (achieved − required)`` (negative = behind);
    ``needed_per_year`` is what each remaining year must add: % a year for growth and
    reductions, the indicator's unit per year for levels and totals; ``needed_growth`` the
    compound growth in % a year that the level still needs, where levels are positive.
    ``kind`` is the target kind the verdict was judged as, which can differ from the table's
    (a level already met at baseline is held as a floor). ``status`` is the method's own class
    in its own words (``acceleration_needed`` for ``cagr_ratio``), ``status_label`` its Chinese
    name; ``verdict`` maps it onto the common scale so that methods can be compared.
    ``projection`` is the trend projection to the target year, where one can be made.
    """

    indicator: Indicator
    method: str
    verdict: Verdict
    reason: Reason | None = None
    kind: TargetKind | None = None
    time_share: float | None = None
    progress: float | None = None
    achieved: float | None = None
    required: float | None = None
    target_value: float | None = None
    gap: float | None = None
    needed_per_year: float | None = None
    needed_growth: float | None = None
    baseline: float | None = None
    latest_period: Period | None = None
    observations: tuple[Observation, ...] = ()
    provisional: bool = False
    notes: tuple[str, ...] = field(default=())
    explanation: str = ""
    status: str = ""
    status_label: str = ""
    projection: Projection | None = None

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def needed_unit(self) -> str:
        """The unit of ``needed_per_year``: ``%`` for growth and reduction rates, otherwise the
        indicator's unit a year (``个百分点/年`` for a level in percent)."""
        if self.kind in (TargetKind.AVG_GROWTH, TargetKind.CUMULATIVE_REDUCTION):
            return "%"
        unit = self.indicator.unit.replace("％", "%")
        return "个百分点/年" if unit == "%" else f"{unit}/年"

    @property
    def schedule_ratio(self) -> float | None:
        """progress ÷ time share: 1.0 is exactly on schedule."""
        if self.progress is None or not self.time_share:
            return None
        return self.progress / self.time_share
