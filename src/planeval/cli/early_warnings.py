"""``planeval warnings``: early warnings (预警) for indicators, key tasks and departments'
reports, red first."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from enum import Enum
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from planeval.cli.common import (
    AsOf,
    Column,
    PlanDir,
    SetOptions,
    TableFormat,
    TableFormatOption,
    app,
    print_json,
    ruled_table,
    setting_pairs,
    user_errors,
)
from planeval.domain.period import Period, chinese_label, parse_period
from planeval.domain.settings import EvaluationSettings, with_values
from planeval.domain.task import TaskSettings
from planeval.domain.warning import EarlyWarning, WarningLevel, WarningSettings
from planeval.early_warning import count, count_line, early_warnings, get_rule
from planeval.errors import PlanevalError
from planeval.evaluate import evaluate
from planeval.io.folder import load_plan_folder

LEVEL_STYLES = {WarningLevel.RED: "bold red", WarningLevel.YELLOW: "yellow"}
WARNING_SETTING_KINDS: tuple[type, ...] = (EvaluationSettings, WarningSettings, TaskSettings)
"""The settings ``planeval warnings --set`` changes: the evaluation's thresholds (which decide
what is behind), the warnings' own and the tasks' (which decide what is delayed)."""
WARNING_COLUMNS: tuple[Column, ...] = (
    ("级别", "left", None),
    ("对象", "left", None),
    ("代码", "left", None),
    ("名称", "left", 16),
    ("责任单位", "left", 10),
    ("预警规则", "left", 20),
    ("说明", "left", None),
)


@app.command("warnings")
def warnings_command(
    plan_dir: PlanDir,
    as_of: AsOf,
    on: Annotated[
        str | None,
        typer.Option(
            "--on", help="The day tasks and reports are judged on (YYYY-MM-DD); the end of --as-of if not given."
        ),
    ] = None,
    output_format: TableFormatOption = TableFormat.TABLE,
    set_: SetOptions = None,
) -> None:
    """Early warnings (预警): indicators behind schedule or projected to miss their target, key tasks
    with overdue milestones, stale or delayed; red first."""
    with user_errors():
        folder = load_plan_folder(plan_dir)
        period = parse_period(as_of)
        evaluation_settings, warning_settings, task_settings = _warning_settings(set_)
        evaluation = evaluate(folder.plan, folder.observations, period, settings=evaluation_settings)
        day = _day(on) if on else period.last_day
        found = early_warnings(evaluation, folder.tasks, (), day, warning_settings, task_settings)
    if output_format is TableFormat.JSON:
        used = (evaluation_settings, warning_settings, task_settings)
        print_json(_warnings_to_dict(folder.plan.title, period, day, used, found))
    else:
        _print_warnings(folder.plan.title, period, day, found, Console())


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise PlanevalError(f"--on {text!r}: expected a date such as 2023-06-30") from None


def _warning_settings(pairs: list[str] | None) -> tuple[EvaluationSettings, WarningSettings, TaskSettings]:
    """The ``--set`` options given to the group that has each name.

    Raises:
        PlanevalError: an option without ``=``, a name no group has, or a bad value.
    """
    values = setting_pairs(pairs)
    owner = {f.name: kind for kind in WARNING_SETTING_KINDS for f in fields(kind)}
    for name in values:
        if name not in owner:
            raise PlanevalError(f"unknown setting {name!r}; known: {', '.join(owner)}")
    chosen = [
        with_values(kind(), {n: v for n, v in values.items() if owner[n] is kind}) for kind in WARNING_SETTING_KINDS
    ]
    return chosen[0], chosen[1], chosen[2]


SETTING_GROUPS = ("evaluation", "warnings", "tasks")
"""The names the JSON output gives the groups of :data:`WARNING_SETTING_KINDS`, in that order."""


def _warnings_to_dict(
    title: str, as_of: Period, day: date, used: tuple[object, ...], found: tuple[EarlyWarning, ...]
) -> dict[str, object]:
    """{"plan", "as_of", "on", "counts": {"red", "yellow"}, "settings": {"evaluation", "warnings",
    "tasks"}: each {name: value}, "warnings": [see _warning_to_dict]}: the day ``on`` tasks and
    reports were judged on as YYYY-MM-DD, the warnings red first."""
    counted = count(found)
    return {
        "plan": title,
        "as_of": str(as_of),
        "on": day.isoformat(),
        "counts": {level.value: counted[level] for level in WarningLevel},
        "settings": {group: _settings_to_dict(chosen) for group, chosen in zip(SETTING_GROUPS, used, strict=True)},
        "warnings": [_warning_to_dict(w) for w in found],
    }


def _settings_to_dict(chosen: object) -> dict[str, object]:
    """Every setting of a settings dataclass by name, an Enum by its value."""
    values = {f.name: getattr(chosen, f.name) for f in fields(chosen)}  # type: ignore[arg-type]
    return {name: value.value if isinstance(value, Enum) else value for name, value in values.items()}


def _warning_to_dict(warning: EarlyWarning) -> dict[str, object]:
    """{"rule", "rule_label", "level", "level_label", "subject_kind", "subject_code",
    "subject_name", "department", "message", "facts"}: facts as the warning holds them."""
    return {
        "rule": warning.rule,
        "rule_label": get_rule(warning.rule).label,
        "level": warning.level.value,
        "level_label": warning.level.label,
        "subject_kind": warning.subject_kind.value,
        "subject_code": warning.subject_code,
        "subject_name": warning.subject_name,
        "department": warning.department,
        "message": warning.message,
        "facts": warning.facts_dict,
    }


def _print_warnings(title: str, as_of: Period, day: date, found: tuple[EarlyWarning, ...], console: Console) -> None:
    """The count line, then one row per warning, its level coloured."""
    console.print(count_line(found), style="bold", highlight=False)
    heading = f"{title}\n预警（指标截至{chinese_label(as_of)}，任务与报送截至{day.isoformat()}）"
    table = ruled_table(heading, WARNING_COLUMNS)
    for w in found:
        cells = (w.subject_kind.label, w.subject_code, w.subject_name, w.department or "—", get_rule(w.rule).label,
                 w.message)  # fmt: skip
        table.add_row(Text(w.level.label, style=LEVEL_STYLES[w.level]), *(Text(cell) for cell in cells))
    console.print(table)
