"""Observations (数据值): one reported value of one indicator for one period."""

from __future__ import annotations

from dataclasses import dataclass

from planeval.domain.period import Period

REVISION_STAGES = frozenset({"", "preliminary", "final", "revised", "derived", "estimate", "verified", "rolled-up"})
"""Vintages that are stages of one series (初步核算 → 最终核实; ``rolled-up``: added up from the
regions below, see :func:`planeval.regions.roll_up`). Any other vintage
(``census``, ``census-benchmarked``, ``land-survey method``) names a statistical basis, and a
value on one basis is compared only with a baseline on the same basis."""


@dataclass(frozen=True)
class Observation:
    """A value of indicator ``code`` for ``period``.

    ``value`` is in the indicator's unit unless ``unit`` says otherwise (a growth indicator
    may carry levels in 亿元 beside its rates in %); ``vintage`` is the release stage or the
    statistical basis (see :data:`REVISION_STAGES`); ``source`` and ``note`` are kept for the
    reader of the result; ``region`` is empty for the plan's own region.
    """

    code: str
    period: Period
    value: float
    unit: str = ""
    vintage: str = ""
    source: str = ""
    note: str = ""
    region: str = ""

    @property
    def basis(self) -> str | None:
        """The statistical basis this value is on, or None for the plan's ordinary series."""
        vintage = self.vintage.strip().lower()
        return None if vintage in REVISION_STAGES else vintage
