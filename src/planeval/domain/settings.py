"""Settings of an evaluation, described as data: name, default, meaning, source.

Every setting is a field of :class:`EvaluationSettings` with its help text in the field's
metadata, so the CLI (``planeval settings``, ``--set name=value``) and the docs read them from
here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from typing import Any, TypeVar

from planeval.errors import PlanevalError

TOLERANCE = 0.05
BINDING_TOLERANCE = 0.0
AHEAD_MARGIN = 0.10
ABOUT_TOLERANCE = 0.5
IN_STEP_TOLERANCE = 0.5
BOUND_RULES = ("average", "every_period")
BOUND_RULE = "average"
LIMITS = {
    "tolerance": 1.0,
    "binding_tolerance": 1.0,
    "ahead_margin": 10.0,
    "about_tolerance": 1e9,
    "in_step_tolerance": 100.0,
}
"""The largest sensible value of each numeric setting (a tolerance of 1 accepts any progress)."""

S = TypeVar("S")


def setting(default: Any, help_text: str) -> Any:
    """A settings field: its default and the help text that ``planeval settings`` prints."""
    return field(default=default, metadata={"help": help_text})


@dataclass(frozen=True)
class EvaluationSettings:
    """The thresholds of the time-progress principle (时间与进度基本一致).

    No official number exists for "basically consistent" (docs/METHODS.md §1.3, §11); the defaults
    below are design choices, each documented, and every one can be changed per evaluation.
    """

    tolerance: float = setting(
        TOLERANCE,
        "Expected (预期性) indicators count as on schedule when progress ≥ time share × (1 − "
        "tolerance). 0.05 borrows Eurostat's 95 % threshold (docs/METHODS.md §2).",
    )
    binding_tolerance: float = setting(
        BINDING_TOLERANCE,
        "The same for binding (约束性) indicators. 0 is the NDRC energy-saving practice: "
        "20/40/60/80 % of the five-year target after years 1–4, no slack (docs/METHODS.md §1.1).",
    )
    ahead_margin: float = setting(
        AHEAD_MARGIN,
        "Progress ≥ time share × (1 + ahead_margin) is 快于预期 (ahead of schedule).",
    )
    about_tolerance: float = setting(
        ABOUT_TOLERANCE,
        "Slack for targets written X左右, in the indicator's unit (percentage points for rates): "
        "a value down to X − about_tolerance meets '5%左右'.",
    )
    in_step_tolerance: float = setting(
        IN_STEP_TOLERANCE,
        "Percentage points by which an indicator's average growth may fall short of the "
        "reference growth and still be 基本同步 (in step).",
    )
    bound_rule: str = setting(
        BOUND_RULE,
        "How a ceiling or floor is judged over the years so far: 'average' (the mean of the "
        "periods, as the national evaluation judged the unemployment ceiling) or "
        "'every_period' (each period within the bound).",
    )

    def __post_init__(self) -> None:
        if self.bound_rule not in BOUND_RULES:
            raise PlanevalError(
                f"setting bound_rule: expected one of {', '.join(BOUND_RULES)}, got {self.bound_rule!r}"
            )
        check_limits(self, LIMITS)

    def tolerance_for(self, binding: bool) -> float:
        return self.binding_tolerance if binding else self.tolerance

    def with_values(self, values: dict[str, str]) -> EvaluationSettings:
        """A copy with settings given as text (``{"tolerance": "0.1"}``).

        Raises:
            PlanevalError: an unknown name, or a value of the wrong type.
        """
        return with_values(self, values)


def with_values(settings: S, values: dict[str, str]) -> S:
    """A copy of any settings dataclass with fields given as text (``{"tolerance": "0.1"}``),
    each converted to the type of the field's default.

    Raises:
        PlanevalError: an unknown name, or a value of the wrong type.
    """
    known = {f.name: f for f in fields(settings)}  # type: ignore[arg-type]
    changes: dict[str, Any] = {}
    for name, text in values.items():
        if name not in known:
            raise PlanevalError(f"unknown setting {name!r}; known: {', '.join(known)}")
        changes[name] = _convert(name, text, type(known[name].default))
    return replace(settings, **changes)  # type: ignore[type-var]


def check_limits(settings: object, limits: dict[str, float]) -> None:
    """Every numeric setting named in ``limits`` is finite and between 0 and its limit.

    Raises:
        PlanevalError: names the setting, the range and the value given.
    """
    for name, upper in limits.items():
        value = getattr(settings, name)
        if not (math.isfinite(value) and 0 <= value <= upper):
            raise PlanevalError(f"setting {name}: expected a number from 0 to {upper:g}, got {value}")


def _convert(name: str, text: str, kind: type) -> Any:
    if kind is str:
        return text
    try:
        return kind(text)
    except ValueError:
        raise PlanevalError(f"setting {name}: expected a number, got {text!r}") from None


def describe_settings(kind: type = EvaluationSettings) -> list[tuple[str, Any, str]]:
    """``(name, default, help)`` for every setting of a settings dataclass, in declaration order."""
    return [(f.name, f.default, f.metadata["help"]) for f in fields(kind)]
