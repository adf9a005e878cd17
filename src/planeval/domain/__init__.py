"""The domain core: plans, indicators, targets, periods, observations and verdicts.

Pure values and rules; no Django, no file or network I/O.
"""

from planeval.domain.evaluation import Evaluation
from planeval.domain.indicator import Aspect, Attribute, Baseline, Direction, Indicator, implied_direction
from planeval.domain.observation import Observation
from planeval.domain.period import Frequency, Period, format_period, parse_period, time_share
from planeval.domain.plan import AnnualTarget, Plan
from planeval.domain.result import IndicatorResult
from planeval.domain.settings import EvaluationSettings
from planeval.domain.summary import Summary
from planeval.domain.target import Relation, Target, TargetKind, parse_target
from planeval.domain.verdict import Reason, Verdict

__all__ = [
    "AnnualTarget",
    "Aspect",
    "Attribute",
    "Baseline",
    "Direction",
    "Evaluation",
    "EvaluationSettings",
    "Frequency",
    "Indicator",
    "IndicatorResult",
    "Observation",
    "Period",
    "Plan",
    "Reason",
    "Relation",
    "Summary",
    "Target",
    "TargetKind",
    "Verdict",
    "format_period",
    "implied_direction",
    "parse_period",
    "parse_target",
    "time_share",
]
