"""planeval: monitoring and evaluation of development plans (规划实施监测评估).

The public API for scripts::

    from planeval import evaluate, parse_period
    from planeval.io import load_plan_folder
    folder = load_plan_folder("examples/cn-14th-fyp")
    evaluation = evaluate(folder.plan, folder.observations, parse_period("2022"))
    print(evaluation.summary.paragraph)
"""

from planeval.domain import (
    Attribute,
    Direction,
    Evaluation,
    EvaluationSettings,
    Indicator,
    Observation,
    Period,
    Plan,
    Target,
    TargetKind,
    Verdict,
    parse_period,
    parse_target,
)
from planeval.errors import PlanevalError
from planeval.evaluate import evaluate
from planeval.io import PlanFolder, load_plan_folder
from planeval.methods import available_methods

__version__ = "0.1.0"

__all__ = [
    "Attribute",
    "Direction",
    "Evaluation",
    "EvaluationSettings",
    "Indicator",
    "Observation",
    "Period",
    "Plan",
    "PlanFolder",
    "PlanevalError",
    "Target",
    "TargetKind",
    "Verdict",
    "available_methods",
    "evaluate",
    "load_plan_folder",
    "parse_period",
    "parse_target",
]
