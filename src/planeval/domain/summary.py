"""The tally of an evaluation: counts by verdict × attribute and by aspect, and the paragraph
a Chinese evaluation report opens its indicator section with.

The paragraph follows the order of a real report (Jinhua's 14th FYP mid-term evaluation):
indicators on or above schedule split by attribute, of which already at target; behind split
by attribute; not evaluated with the reason. It is built from the counts alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planeval.domain.indicator import Attribute
from planeval.domain.result import IndicatorResult
from planeval.domain.verdict import Reason, Verdict


@dataclass(frozen=True)
class AspectCount:
    """Verdict counts of one aspect (方面), in the order of the plan table."""

    aspect: str
    counts: dict[Verdict, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Summary:
    """Counts of an evaluation; ``cells`` maps (verdict, attribute) to a count."""

    cells: dict[tuple[Verdict, Attribute], int]
    aspects: tuple[AspectCount, ...]
    reasons: dict[Reason, int]
    target_year: int
    final: bool = False  # judged at the end of the plan: targets are 达到, not 提前达到

    @property
    def total(self) -> int:
        return sum(self.cells.values())

    def count(self, verdicts: Iterable[Verdict], attribute: Attribute | None = None) -> int:
        """How many indicators have one of ``verdicts`` (and ``attribute``, when given)."""
        wanted = set(verdicts)
        return sum(n for (v, a), n in self.cells.items() if v in wanted and attribute in (None, a))

    @property
    def meeting_schedule(self) -> int:
        return self.count(v for v in Verdict if v.meets_schedule)

    @property
    def paragraph(self) -> str:
        """The tally as a report writes it, e.g. "规划确定的8个方面37项主要指标中，24项达到或超过
        规划进度要求（预期性15项、约束性9项），其中9项已提前达到2025年规划目标；11项未达到规划
        进度要求（预期性8项、约束性3项）；2项因缺少年度数据暂未评估。" """
        meeting = [v for v in Verdict if v.meets_schedule]
        parts = [f"{self.meeting_schedule}项达到或超过规划进度要求{self._split(meeting)}"]
        reached = self.count([Verdict.TARGET_REACHED])
        if reached:
            early = "" if self.final else "提前"
            parts[0] += f"，其中{reached}项已{early}达到{self.target_year}年规划目标"
        behind = self.count([Verdict.BEHIND])
        parts.append(
            f"{behind}项未达到规划进度要求{self._split([Verdict.BEHIND])}" if behind else "没有未达到规划进度要求的指标"
        )
        if self.reasons:
            parts.append("、".join(f"{n}项因{reason.label}" for reason, n in self.reasons.items()) + "暂未评估")
        opening = f"规划确定的{len(self.aspects)}个方面{self.total}项主要指标中，"
        return opening + "；".join(parts) + "。"

    def _split(self, verdicts: Sequence[Verdict]) -> str:
        counts = [(a, self.count(verdicts, a)) for a in Attribute]
        present = [(a, n) for a, n in counts if n]
        if len(present) == 1:
            return f"（均为{present[0][0].label}指标）"
        return "（" + "、".join(f"{a.label}{n}项" for a, n in present) + "）" if present else ""


def summarise(results: Sequence[IndicatorResult], target_year: int, final: bool = False) -> Summary:
    """Count ``results`` by verdict × attribute, by aspect (in order of first appearance) and
    by not-evaluated reason; ``final`` when the evaluation is at the end of the plan."""
    cells = Counter((r.verdict, r.indicator.attribute) for r in results)
    aspects: dict[str, Counter[Verdict]] = {}
    for result in results:
        aspects.setdefault(result.indicator.aspect, Counter())[result.verdict] += 1
    reasons = Counter(r.reason for r in results if r.verdict is Verdict.NOT_EVALUATED and r.reason)
    return Summary(
        cells=dict(cells),
        aspects=tuple(AspectCount(name, dict(counts)) for name, counts in aspects.items()),
        reasons={reason: reasons[reason] for reason in Reason if reasons[reason]},
        target_year=target_year,
        final=final,
    )
