"""Department assessment (部门考核): one score per responsible department (责任单位) from its
indicators' verdicts, the status of the tasks it leads and the timeliness of its reports.

Each of the three parts is scored 0–100:

==============  ===============================================================================
part            score
==============  ===============================================================================
indicators      the mean of the points of the department's evaluated indicators' verdicts
                (:attr:`IndicatorResult.indicator` ``department``); 未作评估 indicators are left
                out and counted. Default points: 提前达到规划目标, 快于预期 and 基本符合进度要求
                100, 未达进度要求 0 — so the part is 100 × the share of the evaluated indicators
                that "达到或超过规划进度要求", the figure an evaluation report publishes.
tasks           the mean of the points of the status of the tasks it leads
                (:func:`planeval.domain.task.assess_task`): 已完成, 按序时推进 and 未启动 (the
                schedule asks for nothing yet) 100, 滞后 0. Only the lead department (牵头单位)
                is scored for a task: it answers for it; cooperating departments are not.
timeliness      100 × its values submitted by their round's deadline ÷ its values due (on time
                + late + never submitted), from :class:`Timeliness`.
==============  ===============================================================================

The total is ``Σ weight × score ÷ Σ weight`` over the parts the department has something in: a
part with nothing to score (no evaluated indicator, no lead task, no value due) is left out and
the remaining weights renormalised — 0.5 / 0.3 / 0.2 without tasks becomes 0.5/0.7 and 0.2/0.7 —
and the row says so (:attr:`DepartmentAssessment.left_out`). A department whose remaining weights
are all 0 has no total and no rank. Totals are rounded half up to :data:`SCORE_DIGITS` decimals
and ranked from the highest with competition ranking: equal totals share the best rank and the
next rank skips (1, 2, 2, 4), as regions are ranked (:func:`planeval.regions.competition_rank`).

No official scheme prescribes these weights or points; the defaults are design choices,
each a setting of :class:`AssessmentSettings`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from planeval.domain.result import IndicatorResult
from planeval.domain.settings import check_limits, setting, with_values
from planeval.domain.task import TaskAssessment, TaskStatus
from planeval.domain.verdict import Verdict
from planeval.errors import PlanevalError

INDICATOR_WEIGHT = 0.5
TASK_WEIGHT = 0.3
TIMELINESS_WEIGHT = 0.2
FULL_POINTS = 100.0
NO_POINTS = 0.0
SCORE_DIGITS = 1
"""Decimals of a total; totals equal to this many decimals share a rank."""
WEIGHT_LIMIT = 1.0
WEIGHTS = ("indicator_weight", "task_weight", "timeliness_weight")
POINTS = (
    "points_target_reached",
    "points_ahead",
    "points_on_schedule",
    "points_behind",
    "points_completed",
    "points_on_track",
    "points_not_started",
    "points_delayed",
)
ASSESSMENT_LIMITS = {**dict.fromkeys(WEIGHTS, WEIGHT_LIMIT), **dict.fromkeys(POINTS, FULL_POINTS)}


class Part(StrEnum):
    """The three parts of a department's score."""

    INDICATORS = "indicators"
    TASKS = "tasks"
    TIMELINESS = "timeliness"

    @property
    def label(self) -> str:
        """The Chinese name an assessment table prints."""
        return _LABELS[self]


_LABELS = {Part.INDICATORS: "指标进展", Part.TASKS: "重点任务", Part.TIMELINESS: "报送及时性"}


@dataclass(frozen=True)
class AssessmentSettings:
    """Weights of the three parts (any non-negative numbers, renormalised over the parts a
    department has) and points (0–100) for each verdict and task status."""

    indicator_weight: float = setting(INDICATOR_WEIGHT, "Weight of the indicators' verdicts in the total.")
    task_weight: float = setting(TASK_WEIGHT, "Weight of the status of the tasks the department leads.")
    timeliness_weight: float = setting(
        TIMELINESS_WEIGHT, "Weight of the share of the department's values submitted by the round's deadline."
    )
    points_target_reached: float = setting(FULL_POINTS, "Points of an indicator 提前达到规划目标 (target reached).")
    points_ahead: float = setting(FULL_POINTS, "Points of an indicator 快于预期 (ahead of schedule).")
    points_on_schedule: float = setting(FULL_POINTS, "Points of an indicator 基本符合进度要求 (on schedule).")
    points_behind: float = setting(
        NO_POINTS,
        "Points of an indicator 未达进度要求 (behind). 0 makes the part the share of indicators meeting "
        "the schedule, as an evaluation report counts them.",
    )
    points_completed: float = setting(FULL_POINTS, "Points of a lead task 已完成 (completed).")
    points_on_track: float = setting(FULL_POINTS, "Points of a lead task 按序时推进 (on track).")
    points_not_started: float = setting(
        FULL_POINTS, "Points of a lead task 未启动 whose schedule asks for nothing yet (not started)."
    )
    points_delayed: float = setting(NO_POINTS, "Points of a lead task 滞后 (delayed).")

    def __post_init__(self) -> None:
        check_limits(self, ASSESSMENT_LIMITS)
        if not any(getattr(self, name) for name in WEIGHTS):
            raise PlanevalError(f"settings {', '.join(WEIGHTS)}: at least one weight must be above 0")

    def with_values(self, values: dict[str, str]) -> AssessmentSettings:
        """A copy with settings given as text (``{"task_weight": "0.4"}``).

        Raises:
            PlanevalError: an unknown name, or a value of the wrong type or out of range.
        """
        return with_values(self, values)

    def weight(self, part: Part) -> float:
        return {Part.INDICATORS: self.indicator_weight, Part.TASKS: self.task_weight,
                Part.TIMELINESS: self.timeliness_weight}[part]  # fmt: skip

    def verdict_points(self, verdict: Verdict) -> float:
        """Raises: KeyError: ``not_evaluated``, which scores nothing."""
        if verdict is Verdict.NOT_EVALUATED:
            raise KeyError(verdict)
        return float(getattr(self, f"points_{verdict.value}"))

    def status_points(self, status: TaskStatus) -> float:
        return float(getattr(self, f"points_{status.value}"))


@dataclass(frozen=True)
class Timeliness:
    """How a department's values due so far were reported: ``on_time`` first submitted by their
    round's deadline, ``late`` after it, ``missing`` never submitted (counts of values).

    Raises:
        PlanevalError: a negative count.
    """

    on_time: int = 0
    late: int = 0
    missing: int = 0

    def __post_init__(self) -> None:
        if min(self.on_time, self.late, self.missing) < 0:
            raise PlanevalError(f"timeliness counts must be ≥ 0, got {self}")

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.missing

    @property
    def score(self) -> float | None:
        """100 × on time ÷ due; None when nothing was due."""
        return FULL_POINTS * self.on_time / self.due if self.due else None


@dataclass(frozen=True)
class PartScore:
    """One part of a department's score: ``score`` 0–100 (None: nothing to score, left out),
    ``weight`` as set, ``applied`` the weight after renormalisation (0 when left out)."""

    part: Part
    score: float | None
    weight: float
    applied: float


@dataclass(frozen=True)
class DepartmentAssessment:
    """A department's row: the facts (``verdicts`` of its indicators and ``statuses`` of its lead
    tasks, every verdict and status counted in enum order; ``timeliness``), the three part scores,
    the ``total`` (0–100, rounded to :data:`SCORE_DIGITS`) and its ``rank`` (None without a total)."""

    department: str
    verdicts: dict[Verdict, int]
    statuses: dict[TaskStatus, int]
    timeliness: Timeliness
    parts: tuple[PartScore, ...]
    total: float | None
    rank: int | None = None

    def part(self, part: Part) -> PartScore:
        return next(p for p in self.parts if p.part is part)

    @property
    def evaluated(self) -> int:
        return sum(n for verdict, n in self.verdicts.items() if verdict is not Verdict.NOT_EVALUATED)

    @property
    def left_out(self) -> tuple[Part, ...]:
        """The parts the department has nothing in; their weight went to the others."""
        return tuple(p.part for p in self.parts if p.score is None)

    @property
    def note(self) -> str:
        """What the row's total leaves out, in Chinese (empty when nothing is left out)."""
        if not self.left_out and self.total is not None:
            return ""
        if self.total is None:
            return "无可评分内容，未计总分" if len(self.left_out) == len(Part) else "所评部分权重均为0，未计总分"
        names = "、".join(p.label for p in self.left_out)
        return f"{names}无可评分内容，权重按其余部分重新归一"


@dataclass(frozen=True)
class Assessment:
    """Every department's row, best rank first (ties by name), departments without a total
    last; ``unassigned`` counts indicators without a department, which score for no one."""

    departments: tuple[DepartmentAssessment, ...]
    settings: AssessmentSettings
    unassigned: int = 0

    @property
    def ranked(self) -> int:
        """How many departments have a rank."""
        return sum(1 for row in self.departments if row.rank is not None)

    def of(self, department: str) -> DepartmentAssessment:
        """Raises: KeyError: no row for ``department``."""
        for row in self.departments:
            if row.department == department:
                return row
        raise KeyError(department)


def assess_departments(
    results: Iterable[IndicatorResult],
    tasks: Iterable[tuple[str, TaskAssessment]],
    timeliness: Mapping[str, Timeliness],
    settings: AssessmentSettings | None = None,
) -> Assessment:
    """Score and rank every department named by ``results`` (an evaluation's, by their
    indicator's ``department``), ``tasks`` (``(lead department, assessment)`` pairs) or
    ``timeliness`` (by department), by the rules of this module's docstring.

    Departments are matched by name, exactly; an indicator with an empty department is counted
    in :attr:`Assessment.unassigned`.
    """
    chosen = settings or AssessmentSettings()
    verdicts: dict[str, Counter[Verdict]] = {}
    unassigned = 0
    for result in results:
        name = result.indicator.department
        if name:
            verdicts.setdefault(name, Counter())[result.verdict] += 1
        else:
            unassigned += 1
    statuses: dict[str, Counter[TaskStatus]] = {}
    for lead, assessment in tasks:
        statuses.setdefault(lead, Counter())[assessment.status] += 1
    names = sorted({*verdicts, *statuses, *timeliness})
    rows = [
        _row(name, verdicts.get(name, Counter()), statuses.get(name, Counter()), timeliness.get(name), chosen)
        for name in names
    ]
    return Assessment(_ranked(rows), chosen, unassigned)


def _row(
    name: str,
    verdicts: Counter[Verdict],
    statuses: Counter[TaskStatus],
    timeliness: Timeliness | None,
    settings: AssessmentSettings,
) -> DepartmentAssessment:
    facts = timeliness or Timeliness()
    evaluated = [(settings.verdict_points(v), n) for v, n in verdicts.items() if v is not Verdict.NOT_EVALUATED]
    scores = {
        Part.INDICATORS: _mean(evaluated),
        Part.TASKS: _mean([(settings.status_points(s), n) for s, n in statuses.items()]),
        Part.TIMELINESS: facts.score,
    }
    present = sum(settings.weight(part) for part, score in scores.items() if score is not None)
    parts = tuple(_part(part, score, settings.weight(part), present) for part, score in scores.items())
    total = sum(p.applied * p.score for p in parts if p.score is not None) if present else None
    return DepartmentAssessment(
        department=name,
        verdicts={v: verdicts[v] for v in Verdict},
        statuses={s: statuses[s] for s in TaskStatus},
        timeliness=facts,
        parts=parts,
        total=_rounded(total) if total is not None else None,
    )


def _part(part: Part, score: float | None, weight: float, present: float) -> PartScore:
    """The part with its weight renormalised over the ``present`` weights (Σ of the parts scored)."""
    return PartScore(part, score, weight, weight / present if present and score is not None else 0.0)


def _mean(points: list[tuple[float, int]]) -> float | None:
    """The mean of points given as ``(points, how many)`` pairs; None when there are none."""
    count = sum(n for _, n in points)
    return sum(p * n for p, n in points) / count if count else None


def _rounded(total: float) -> float:
    """Half up, as a person rounds (82.25 → 82.3; binary floating point alone gives 82.2)."""
    quantum = Decimal(1).scaleb(-SCORE_DIGITS)
    return float(Decimal(repr(total)).quantize(quantum, rounding=ROUND_HALF_UP))


def _ranked(rows: list[DepartmentAssessment]) -> tuple[DepartmentAssessment, ...]:
    totals = [row.total for row in rows if row.total is not None]
    ranked = [replace(row, rank=_rank(row.total, totals)) if row.total is not None else row for row in rows]
    return tuple(sorted(ranked, key=lambda row: (row.rank is None, row.rank or 0, row.department)))


def _rank(total: float, totals: list[float]) -> int:
    """1 + the number of strictly higher totals: ties share the best rank (1, 2, 2, 4)."""
    return 1 + sum(1 for other in totals if other > total)
