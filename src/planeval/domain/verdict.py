"""Verdicts (评价结论) and the reasons an indicator could not be evaluated."""

from __future__ import annotations

from enum import Enum


class Verdict(Enum):
    """The conclusion for one indicator, best first.

    A report's "达到或超过规划进度要求" counts ``target_reached``, ``ahead`` and
    ``on_schedule`` (see :attr:`meets_schedule`).
    """

    TARGET_REACHED = "target_reached"
    AHEAD = "ahead"
    ON_SCHEDULE = "on_schedule"
    BEHIND = "behind"
    NOT_EVALUATED = "not_evaluated"

    @property
    def label(self) -> str:
        """The wording of Chinese evaluation reports."""
        return _LABELS[self]

    @property
    def meets_schedule(self) -> bool:
        return self in (Verdict.TARGET_REACHED, Verdict.AHEAD, Verdict.ON_SCHEDULE)

    @property
    def rank(self) -> int:
        """0 for the best verdict; ``not_evaluated`` ranks last."""
        return list(Verdict).index(self)


_LABELS = {
    Verdict.TARGET_REACHED: "提前达到规划目标",
    Verdict.AHEAD: "快于预期",
    Verdict.ON_SCHEDULE: "基本符合进度要求",
    Verdict.BEHIND: "未达进度要求",
    Verdict.NOT_EVALUATED: "未作评估",
}


class Reason(Enum):
    """Why an indicator is ``not_evaluated``; each has the phrase a report uses."""

    NO_DATA = "no_data"
    NO_BASELINE = "no_baseline"
    NO_TARGET = "no_target"
    UNPARSED_TARGET = "unparsed_target"
    INCOMPARABLE_BASIS = "incomparable_basis"
    NO_ANNUAL_TARGETS = "no_annual_targets"
    NO_REFERENCE = "no_reference"
    NOT_POSITIVE = "not_positive"
    NOT_APPLICABLE = "not_applicable"
    TOO_FEW_POINTS = "too_few_points"

    @property
    def label(self) -> str:
        return _REASONS[self]


_REASONS = {
    Reason.NO_DATA: "缺少年度数据",
    Reason.NO_BASELINE: "缺少基期数据",
    Reason.NO_TARGET: "规划未设定量化目标",
    Reason.UNPARSED_TARGET: "目标表述无法量化",
    Reason.INCOMPARABLE_BASIS: "统计口径调整导致数据不可比",
    Reason.NO_ANNUAL_TARGETS: "缺少年度目标",
    Reason.NO_REFERENCE: "缺少参照指标数据",
    Reason.NOT_POSITIVE: "数值或目标非正、无法计算增速",
    Reason.NOT_APPLICABLE: "该方法不适用于此类目标",
    Reason.TOO_FEW_POINTS: "数据点不足",
}
