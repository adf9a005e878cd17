"""Plans (规划纲要): the main-indicator table and the yearly targets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from planeval.domain.indicator import Aspect, Indicator
from planeval.domain.target import Target
from planeval.errors import PlanError

# Names by which plan tables refer to the same growth indicator (高于GDP增长, 与经济增长同步).
REFERENCE_SYNONYMS = {
    "GDP": ("GDP", "国内生产总值", "地区生产总值", "生产总值"),
    "经济": ("GDP", "国内生产总值", "地区生产总值", "生产总值", "经济"),
}


@dataclass(frozen=True)
class AnnualTarget:
    """A target for one year (年度目标), e.g. the Government Work Report's GDP growth target."""

    code: str
    year: int
    target: Target
    source: str = ""


@dataclass(frozen=True)
class Plan:
    """A plan and its main indicators.

    The plan runs over the whole years ``start_year..end_year`` (2021–2025 for a 14th
    Five-Year Plan, base year 2020). ``annual_targets`` maps an indicator code to its yearly
    targets in year order.

    Raises:
        PlanError: two indicators share a code, or the years are out of order.
    """

    title: str
    base_year: int
    end_year: int
    indicators: tuple[Indicator, ...]
    region: str = ""
    annual_targets: Mapping[str, tuple[AnnualTarget, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        codes = [indicator.code for indicator in self.indicators]
        duplicates = sorted({code for code in codes if codes.count(code) > 1})
        if duplicates:
            raise PlanError(f"plan {self.title!r}: indicator codes used twice: {', '.join(duplicates)}")
        if not self.base_year < self.end_year:
            raise PlanError(
                f"plan {self.title!r}: base year {self.base_year} is not before target year {self.end_year}"
            )

    @property
    def start_year(self) -> int:
        return self.base_year + 1

    @property
    def years(self) -> int:
        """N, the plan length in years."""
        return self.end_year - self.base_year

    @property
    def aspects(self) -> tuple[Aspect, ...]:
        """The categories in the order of first appearance, with their indicators."""
        order: dict[str, list[str]] = {}
        for indicator in self.indicators:
            order.setdefault(indicator.aspect, []).append(indicator.code)
        return tuple(Aspect(name, tuple(codes)) for name, codes in order.items())

    def indicator(self, code: str) -> Indicator:
        """Raises: PlanError: no indicator has this code."""
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise PlanError(f"plan {self.title!r} has no indicator {code!r}")

    def resolve_reference(self, label: str, exclude: str = "") -> Indicator | None:
        """The growth indicator that a relative target names (``GDP增长`` → 国内生产总值（GDP）增长),
        or None. Synonyms of :data:`REFERENCE_SYNONYMS` apply; the first match in table order wins.
        """
        key = label.replace("增长", "").replace("增速", "").strip()
        names = REFERENCE_SYNONYMS.get(key, (key,))
        for indicator in self.indicators:
            named = any(name and name in indicator.name for name in names)
            if named and indicator.code != exclude and indicator.is_growth_rate:
                return indicator
        return None
