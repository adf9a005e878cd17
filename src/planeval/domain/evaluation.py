"""An evaluation: every indicator's result as of one period, by one method."""

from __future__ import annotations

from dataclasses import dataclass

from planeval.domain.period import Period
from planeval.domain.plan import Plan
from planeval.domain.result import IndicatorResult
from planeval.domain.settings import EvaluationSettings
from planeval.domain.summary import Summary, summarise


@dataclass(frozen=True)
class Evaluation:
    """The results of ``method`` for each indicator of ``plan`` (table order) as of ``as_of``."""

    plan: Plan
    as_of: Period
    method: str
    settings: EvaluationSettings
    results: tuple[IndicatorResult, ...]

    @property
    def summary(self) -> Summary:
        return summarise(self.results, self.plan.end_year, final=self.as_of.year >= self.plan.end_year)

    def result(self, code: str) -> IndicatorResult:
        """Raises: KeyError: no indicator has this code."""
        for result in self.results:
            if result.code == code:
                return result
        raise KeyError(code)
