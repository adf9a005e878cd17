"""Early warnings (预警): the rules that flag indicators, tasks and departments' reports.

Each rule is a function over one subject registered by name (:func:`indicator_rule`,
:func:`task_rule`, :func:`report_rule`), the way evaluation methods are; :func:`early_warnings`
runs every registered rule. The rules read the evaluation's results (never judging an
indicator again), the core's task status (:func:`planeval.domain.task.assess_task`) and each
department's report state; their thresholds are :class:`WarningSettings`.

==========================  ===========  ==============================================================
rule                        subject      yellow / red
==========================  ===========  ==============================================================
projection_misses_target    indicator    the linear trend projected to the target year misses the
                                         target (d·(ŷ − target) < 0) but the favourable end of its
                                         95 % prediction interval reaches it, or the series has too
                                         few points for an interval (< 3) / red: even the
                                         favourable end misses; nothing once the latest value is
                                         the target year's (the result is final)
behind_schedule             indicator    an expected (预期性) indicator judged ``behind`` / red:
                                         progress < time share × (1 − tolerance − ``red_margin``)
binding_behind              indicator    — / red: any binding (约束性) indicator judged ``behind``
milestone_overdue           task         a yearly milestone not done after the end of its year /
                                         red: more than ``milestone_red_days`` days overdue
stale_update                task         no progress update for ``stale_days`` days or more (counted
                                         from the task's start when it has none) / —
task_delayed                task         the task's status is 滞后 (delayed) / red: past its due date
report_overdue              department   a round's deadline passed with values not yet submitted /
                                         red: more than ``report_red_days`` days late
==========================  ===========  ==============================================================

Why these: the projection uses the linear trend that the dashboard draws (the log-linear one is
shown beside it there), and a point projection alone says little with three points, so only a
miss that even the interval's favourable end cannot save is red; the behind rule widens the
evaluation's own tolerance by a margin, so that red means well behind, not just behind;
binding indicators are obligatory, so any lag is red (and they are left to that rule). A
projection to a year whose value is known says nothing: once the evaluation's latest value is
for the target year, the verdict rules speak alone. Tasks
that are completed raise nothing. Sources: the time-progress principle (docs/METHODS.md §1);
the prediction interval of :mod:`planeval.domain.projection`; the thresholds are design choices
documented in :class:`WarningSettings`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from planeval.domain.evaluation import Evaluation
from planeval.domain.indicator import Attribute, Direction
from planeval.domain.numbers import format_number, format_percent
from planeval.domain.period import chinese_label
from planeval.domain.projection import Trend
from planeval.domain.result import IndicatorResult
from planeval.domain.task import Task, TaskSettings, TaskStatus, assess_task
from planeval.domain.verdict import Verdict
from planeval.domain.warning import (
    EarlyWarning,
    FactValue,
    ReportDue,
    SubjectKind,
    WarningLevel,
    WarningSettings,
    check_red_line,
)
from planeval.errors import PlanevalError

TIME_PROGRESS = "time_progress"
"""The method whose progress is a share of the planned change, comparable with the time share."""
EPSILON = 1e-9
"""Slack for comparing fractions, so that progress exactly at the red line is not red."""
INDEX_UNIT = "指数"

Facts = tuple[tuple[str, FactValue], ...]


@dataclass(frozen=True)
class WarningInputs:
    """What the rules look at: the ``evaluation``, the plan's ``tasks``, the departments'
    ``reports`` due, the day ``on`` which tasks and reports are judged, and the thresholds."""

    evaluation: Evaluation
    tasks: tuple[Task, ...]
    reports: tuple[ReportDue, ...]
    on: date
    settings: WarningSettings
    task_settings: TaskSettings


@dataclass(frozen=True)
class Finding:
    """What a rule found about one subject: its level, the Chinese sentence, the numbers."""

    level: WarningLevel
    message: str
    facts: Facts = ()


Check = Callable[[WarningInputs], Iterator[EarlyWarning]]


@dataclass(frozen=True)
class WarningRule:
    """A registered rule: its ``name``, the ``kind`` of subject, its Chinese ``label``."""

    name: str
    kind: SubjectKind
    label: str
    check: Check


_RULES: dict[str, WarningRule] = {}


def register(rule: WarningRule) -> WarningRule:
    """Add ``rule`` to the registry.

    Raises:
        ValueError: another rule is registered under the same name.
    """
    if _RULES.get(rule.name, rule) is not rule:
        raise ValueError(f"warning rule {rule.name!r} is already registered")
    _RULES[rule.name] = rule
    return rule


def available_rules() -> list[WarningRule]:
    """The registered rules, in the order they were registered."""
    return list(_RULES.values())


def get_rule(name: str) -> WarningRule:
    """The rule registered as ``name``.

    Raises:
        PlanevalError: no such rule; the message lists the registered names.
    """
    try:
        return _RULES[name]
    except KeyError:
        raise PlanevalError(f"unknown warning rule {name!r}; available: {', '.join(_RULES)}") from None


IndicatorCheck = Callable[[IndicatorResult, WarningInputs], Finding | None]
TaskCheck = Callable[[Task, WarningInputs], Finding | None]
ReportCheck = Callable[[ReportDue, WarningInputs], Finding | None]


def indicator_rule(name: str, label: str) -> Callable[[IndicatorCheck], IndicatorCheck]:
    """Decorator: register a check of one indicator's result as the rule ``name``."""

    def decorate(function: IndicatorCheck) -> IndicatorCheck:
        def check(inputs: WarningInputs) -> Iterator[EarlyWarning]:
            for result in inputs.evaluation.results:
                found = function(result, inputs)
                if found is not None:
                    indicator = result.indicator
                    department = indicator.department or ""
                    yield _warning(name, SubjectKind.INDICATOR, result.code, indicator.name, department, found)

        register(WarningRule(name, SubjectKind.INDICATOR, label, check))
        return function

    return decorate


def task_rule(name: str, label: str) -> Callable[[TaskCheck], TaskCheck]:
    """Decorator: register a check of one task as the rule ``name``."""

    def decorate(function: TaskCheck) -> TaskCheck:
        def check(inputs: WarningInputs) -> Iterator[EarlyWarning]:
            for task in inputs.tasks:
                found = function(task, inputs)
                if found is not None:
                    yield _warning(name, SubjectKind.TASK, task.code, task.text, task.lead, found)

        register(WarningRule(name, SubjectKind.TASK, label, check))
        return function

    return decorate


def report_rule(name: str, label: str) -> Callable[[ReportCheck], ReportCheck]:
    """Decorator: register a check of one department's report as the rule ``name``."""

    def decorate(function: ReportCheck) -> ReportCheck:
        def check(inputs: WarningInputs) -> Iterator[EarlyWarning]:
            for report in inputs.reports:
                found = function(report, inputs)
                if found is not None:
                    code = report.code or report.department
                    yield _warning(name, SubjectKind.DEPARTMENT, code, report.department, report.department, found)

        register(WarningRule(name, SubjectKind.DEPARTMENT, label, check))
        return function

    return decorate


def _warning(rule: str, kind: SubjectKind, code: str, name: str, department: str, found: Finding) -> EarlyWarning:
    return EarlyWarning(rule, found.level, kind, code, name, department, found.message, found.facts)


def early_warnings(
    evaluation: Evaluation,
    tasks: Iterable[Task] = (),
    reports: Iterable[ReportDue] = (),
    on: date | None = None,
    settings: WarningSettings | None = None,
    task_settings: TaskSettings | None = None,
) -> tuple[EarlyWarning, ...]:
    """Every warning of every registered rule, red first, then indicators, tasks and
    departments, each in the order given (the plan's table order for indicators), then by rule.

    Args:
        evaluation: the plan's evaluation (by ``time_progress`` for the red line of
            ``behind_schedule``; another method's results get only yellow there).
        tasks: the plan's key tasks and major projects.
        reports: each department's report due in each reporting round.
        on: the day tasks and reports are judged on; the last day of the evaluation's as-of
            period when None.
        settings, task_settings: the thresholds; the documented defaults when None.

    Raises:
        PlanevalError: the evaluation's ``tolerance`` and ``red_margin`` add up to 1 or more
            (:func:`planeval.domain.warning.check_red_line`).
    """
    chosen = settings or WarningSettings()
    check_red_line(chosen, evaluation.settings)
    inputs = WarningInputs(
        evaluation=evaluation,
        tasks=tuple(tasks),
        reports=tuple(reports),
        on=on or evaluation.as_of.last_day,
        settings=chosen,
        task_settings=task_settings or TaskSettings(),
    )
    found = [warning for rule in _RULES.values() for warning in rule.check(inputs)]
    return tuple(sorted(found, key=_order(inputs)))


def _order(inputs: WarningInputs) -> Callable[[EarlyWarning], tuple[int, int, int, int]]:
    position = {
        **{(SubjectKind.INDICATOR, r.code): i for i, r in enumerate(inputs.evaluation.results)},
        **{(SubjectKind.TASK, t.code): i for i, t in enumerate(inputs.tasks)},
        **{(SubjectKind.DEPARTMENT, r.code or r.department): i for i, r in reversed(list(enumerate(inputs.reports)))},
    }
    rules = list(_RULES)
    return lambda w: (
        w.level.rank,
        w.subject_kind.rank,
        position[(w.subject_kind, w.subject_code)],
        rules.index(w.rule),
    )


def count(warnings: Iterable[EarlyWarning]) -> dict[WarningLevel, int]:
    """How many warnings of each level, red first (zero included)."""
    listed = list(warnings)
    return {level: sum(1 for w in listed if w.level is level) for level in WarningLevel}


def count_line(warnings: Iterable[EarlyWarning]) -> str:
    """``红色预警 2 项，黄色预警 5 项``."""
    counted = count(warnings)
    return f"红色预警 {counted[WarningLevel.RED]} 项，黄色预警 {counted[WarningLevel.YELLOW]} 项"


# Indicators ------------------------------------------------------------------------------------


@indicator_rule("projection_misses_target", "预计难以实现规划目标")
def projection_misses_target(result: IndicatorResult, inputs: WarningInputs) -> Finding | None:
    """The linear trend to the target year misses the target (see the module docstring)."""
    projection = result.projection
    if result.verdict is Verdict.NOT_EVALUATED or projection is None or projection.target is None:
        return None
    if _final(result):
        return None
    trend, direction = projection.linear, projection.direction or Direction.INCREASE
    if projection.reaches(trend.value):
        return None
    unit = projection.unit
    facts: Facts = (("projected", trend.value), ("target", projection.target), ("low", trend.low),
                    ("high", trend.high), ("points", projection.points), ("year", int(projection.year)))  # fmt: skip
    said = (
        f"按{projection.points}个数据点的线性趋势推算，{int(projection.year)}年预计为{_level(trend.value, unit)}"
        f"{_index_note(unit)}，规划要求{_level(projection.target, unit)}"
    )
    favourable = _favourable_end(trend, direction)
    if favourable is None:
        return Finding(WarningLevel.YELLOW, f"{said}；数据点不足3个，无法给出预测区间", facts)
    interval = f"95%预测区间{_level(trend.low, unit)}—{_level(trend.high, unit)}"
    if projection.reaches(favourable):
        return Finding(WarningLevel.YELLOW, f"{said}；{interval}，有利一端仍可达到", facts)
    return Finding(WarningLevel.RED, f"{said}；{interval}，全部未达到", facts)


def _final(result: IndicatorResult) -> bool:
    """True when the latest value judged is for the indicator's target year (a whole year, or a
    span ending with it): nothing is left to project."""
    latest = result.latest_period
    return latest is not None and latest.end >= result.indicator.target_year + 1 - EPSILON


def _favourable_end(trend: Trend, direction: Direction) -> float | None:
    return trend.high if direction is Direction.INCREASE else trend.low


def _level(value: float | None, unit: str) -> str:
    shown = format_number(value)
    return shown if unit == INDEX_UNIT else f"{shown}{unit}"


def _index_note(unit: str) -> str:
    return "（以基期为100的指数）" if unit == INDEX_UNIT else ""


@indicator_rule("behind_schedule", "指标进度滞后")
def behind_schedule(result: IndicatorResult, inputs: WarningInputs) -> Finding | None:
    """An expected indicator judged behind; red below the red line (see the module docstring)."""
    if result.verdict is not Verdict.BEHIND or result.indicator.attribute is Attribute.BINDING:
        return None
    progress, share = result.progress, result.time_share
    if progress is None or not share or inputs.evaluation.method != TIME_PROGRESS:
        return Finding(WarningLevel.YELLOW, f"未达进度要求：{_reasons(result)}")
    tolerance = inputs.evaluation.settings.tolerance_for(False)
    margin = inputs.settings.red_margin
    line = share * (1 - tolerance - margin)
    level = WarningLevel.RED if progress < line - EPSILON else WarningLevel.YELLOW
    relation = "低于" if level is WarningLevel.RED else "未低于"
    message = (
        f"完成进度{format_percent(progress)}，时间进度{format_percent(share)}，{relation}红色预警线"
        f"{format_percent(line)}（时间进度×(1−容差{format_number(tolerance)}−红色余量{format_number(margin)})）"
    )
    facts: Facts = (("progress", progress), ("time_share", share), ("tolerance", tolerance),
                    ("red_margin", margin), ("red_line", line))  # fmt: skip
    return Finding(level, message, facts)


def _reasons(result: IndicatorResult) -> str:
    return "；".join(filter(None, (result.explanation, *result.notes)))


@indicator_rule("binding_behind", "约束性指标滞后")
def binding_behind(result: IndicatorResult, inputs: WarningInputs) -> Finding | None:
    """Any binding indicator judged behind is red."""
    if result.verdict is not Verdict.BEHIND or result.indicator.attribute is not Attribute.BINDING:
        return None
    progress, share = result.progress, result.time_share
    if progress is None or share is None:
        return Finding(WarningLevel.RED, f"约束性指标未达进度要求：{_reasons(result)}")
    message = f"约束性指标未达进度要求：完成进度{format_percent(progress)}，时间进度{format_percent(share)}"
    return Finding(WarningLevel.RED, message, (("progress", progress), ("time_share", share)))


# Tasks -----------------------------------------------------------------------------------------


def _completed(task: Task, inputs: WarningInputs) -> bool:
    return assess_task(task, inputs.on, inputs.task_settings).status is TaskStatus.COMPLETED


@task_rule("milestone_overdue", "年度节点逾期")
def milestone_overdue(task: Task, inputs: WarningInputs) -> Finding | None:
    """Milestones not done after the end of their year; red when the oldest is more than
    ``milestone_red_days`` days overdue."""
    overdue = sorted((m for m in task.milestones if m.is_overdue(inputs.on)), key=lambda m: m.year)
    if not overdue or _completed(task, inputs):
        return None
    oldest = overdue[0]
    days = (inputs.on - oldest.due).days
    limit = inputs.settings.milestone_red_days
    level = WarningLevel.RED if days > limit else WarningLevel.YELLOW
    message = (
        f"{len(overdue)}个年度节点逾期未完成，最早为{oldest.year}年「{oldest.text}」，"
        f"截至{inputs.on.isoformat()}逾期{days}天（超过{limit}天为红色预警）"
    )
    facts: Facts = (("overdue_milestones", len(overdue)), ("oldest_year", oldest.year), ("days_overdue", days),
                    ("milestone_red_days", limit))  # fmt: skip
    return Finding(level, message, facts)


@task_rule("stale_update", "进展久未更新")
def stale_update(task: Task, inputs: WarningInputs) -> Finding | None:
    """No progress update for ``stale_days`` days or more, from the start when none."""
    if inputs.on < task.start or _completed(task, inputs):
        return None
    latest = task.latest_update(inputs.on)
    since = latest.reported_on if latest else task.start
    days = (inputs.on - since).days
    limit = inputs.settings.stale_days
    if days < limit:
        return None
    said = f"最近一次进展报送于{since.isoformat()}" if latest else f"自{since.isoformat()}开始以来未报送进展"
    message = f"{said}，截至{inputs.on.isoformat()}已{days}天未更新（要求不超过{limit}天）"
    facts: Facts = (("last_update", latest.reported_on.isoformat() if latest else None), ("days_since", days),
                    ("stale_days", limit))  # fmt: skip
    return Finding(WarningLevel.YELLOW, message, facts)


@task_rule("task_delayed", "任务滞后")
def task_delayed(task: Task, inputs: WarningInputs) -> Finding | None:
    """The task's status is delayed; red once past its due date."""
    assessment = assess_task(task, inputs.on, inputs.task_settings)
    if assessment.status is not TaskStatus.DELAYED:
        return None
    late = inputs.on > task.due
    percent = format_number(assessment.percent, 1)
    said = f"，已完成{percent}%" if late else f"（完成{percent}%，完成时限{task.due.isoformat()}）"
    message = f"任务滞后：{assessment.explanation}{said}"
    facts: Facts = (("reason", assessment.reason.value), ("percent", assessment.percent),
                    ("elapsed", assessment.elapsed), ("due", task.due.isoformat()), ("past_due", late))  # fmt: skip
    return Finding(WarningLevel.RED if late else WarningLevel.YELLOW, message, facts)


# Departments' reports --------------------------------------------------------------------------


@report_rule("report_overdue", "数据报送逾期")
def report_overdue(report: ReportDue, inputs: WarningInputs) -> Finding | None:
    """A report not done after the round's deadline; red when more than ``report_red_days`` late."""
    days = report.days_late(inputs.on)
    if days == 0:
        return None
    limit = inputs.settings.report_red_days
    message = (
        f"{chinese_label(report.period)}数据报送截止{report.deadline.isoformat()}，"
        f"截至{inputs.on.isoformat()}逾期{days}天仍未报送完毕（超过{limit}天为红色预警）"
    )
    facts: Facts = (("period", str(report.period)), ("deadline", report.deadline.isoformat()), ("days_late", days),
                    ("report_red_days", limit))  # fmt: skip
    return Finding(WarningLevel.RED if days > limit else WarningLevel.YELLOW, message, facts)
