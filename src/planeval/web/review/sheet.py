"""What the reviewer sees of one department in one round: each indicator with the round's
value, the last approved value for comparison and the evidence."""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from planeval.domain.numbers import format_number, format_percent
from planeval.web.core.models import Department, Evidence, Indicator, ReportingRound, Value, ValueState
from planeval.web.core.values import last_approved

SHOWN_DIGITS = 6
MISSING = ""  # the state of an indicator without a value for the round
SECTIONS: tuple[tuple[Promise, frozenset[str]], ...] = (
    (_("Awaiting review"), frozenset({ValueState.SUBMITTED})),
    (_("With the department"), frozenset({MISSING, ValueState.DRAFT, ValueState.RETURNED})),
    (_("Approved"), frozenset({ValueState.APPROVED})),
)
"""The parts of a department's page, in order: the reviewer's work first."""


@dataclass(frozen=True)
class EvidenceLink:
    name: str
    url: str

    @classmethod
    def of(cls, evidence: Evidence) -> EvidenceLink:
        """The link through the site's download view, which checks who may see it (uploaded
        files are not served directly)."""
        value = evidence.value
        url = reverse("reporting:evidence", kwargs={"slug": value.indicator.plan.slug, "period": value.period,
                                                    "pk": evidence.pk})  # fmt: skip
        return cls(os.path.basename(evidence.file.name), url)


@dataclass(frozen=True)
class IndicatorReview:
    """One indicator: ``value`` is the round's (None: not entered), ``last`` the latest approved
    value of another period (None: there is none)."""

    indicator: Indicator
    value: Value | None
    last: Value | None
    evidence: list[EvidenceLink]

    @property
    def state(self) -> str:
        """The value's state, or :data:`MISSING`."""
        return self.value.state if self.value else MISSING

    @property
    def awaiting_review(self) -> bool:
        return self.value is not None and self.value.state == ValueState.SUBMITTED

    @property
    def locked(self) -> bool:
        return self.value is not None and self.value.state == ValueState.APPROVED

    @property
    def shown(self) -> str:
        return format_number(self.value.value if self.value else None, SHOWN_DIGITS)

    @property
    def typed(self) -> str:
        """The text as typed when it is not just the number (``４３．５``, ``85.3（预计）``), else ""."""
        if self.value is None or not self.value.raw:
            return ""
        try:
            plain = float(self.value.raw) == self.value.value
        except ValueError:
            plain = False
        return "" if plain else self.value.raw

    @property
    def last_shown(self) -> str:
        return format_number(self.last.value if self.last else None, SHOWN_DIGITS)

    @property
    def difference(self) -> str:
        """The change against the last approved value, signed (``+1.2``), or "" without one."""
        pair = self._numbers()
        return _signed(format_number(pair[0] - pair[1], SHOWN_DIGITS)) if pair else ""

    @property
    def relative(self) -> str:
        """The same change as a share of the last approved value (``+2.9%``), or "" without one."""
        pair = self._numbers()
        return _signed(format_percent((pair[0] - pair[1]) / abs(pair[1]))) if pair and pair[1] else ""

    def _numbers(self) -> tuple[float, float] | None:
        if self.value is None or self.value.value is None or self.last is None or self.last.value is None:
            return None
        return self.value.value, self.last.value


def _signed(text: str) -> str:
    return text if text.startswith("-") or text.strip("0.%") == "" else f"+{text}"


def department_sheet(round_: ReportingRound, department: Department) -> list[IndicatorReview]:
    """The department's indicators in the round's plan, in the plan's order."""
    indicators = Indicator.objects.filter(plan_id=round_.plan_id, department=department).order_by("position")
    values = Value.objects.filter(indicator__in=indicators, period=round_.period).prefetch_related("evidence")
    by_indicator = {value.indicator_id: value for value in values}
    rows = []
    for indicator in indicators:
        value = by_indicator.get(indicator.pk)
        links = [EvidenceLink.of(e) for e in value.evidence.all()] if value else []
        rows.append(IndicatorReview(indicator, value, last_approved(indicator, before=round_.period), links))
    return rows
