"""``planeval settings``, ``planeval methods`` and ``planeval plan``: what can be set, which
methods there are, and how a plan's indicator table was read."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from planeval.cli.common import PlanDir, app, number, user_errors
from planeval.domain.settings import EvaluationSettings, describe_settings
from planeval.domain.task import TaskSettings
from planeval.domain.warning import WarningSettings
from planeval.io.folder import load_plan_folder
from planeval.methods import available_methods

SETTINGS_GROUPS: tuple[tuple[str, type], ...] = (
    ("Evaluation (planeval evaluate, report, regions, targets: --set NAME=VALUE)", EvaluationSettings),
    ("Early warnings (planeval warnings: --set NAME=VALUE)", WarningSettings),
    ("Key tasks (status on the task pages and in planeval warnings: --set NAME=VALUE)", TaskSettings),
)
"""The groups of settings ``planeval settings`` lists, each under its heading; README.md
documents every one (tests/test_readme.py)."""


@app.command("settings")
def settings_command() -> None:
    """List the settings of each group (evaluation, early warnings…) with their defaults and meaning."""
    console = Console()
    for heading, kind in SETTINGS_GROUPS:
        console.print(heading, style="bold", highlight=False)
        table = Table(header_style="bold")
        for column in ("name", "default", "meaning"):
            table.add_column(column)
        for name, default, help_text in describe_settings(kind):
            table.add_row(name, str(default), help_text)
        console.print(table)


@app.command("methods")
def methods_command() -> None:
    """List the registered evaluation methods."""
    for name in available_methods():
        typer.echo(name)


@app.command("plan")
def plan_command(plan_dir: PlanDir) -> None:
    """Show how the plan's indicator table was read: target kind, direction, baseline."""
    with user_errors():
        plan = load_plan_folder(plan_dir).plan
        table = Table(title=f"{plan.title}（{plan.start_year}—{plan.end_year}）", header_style="bold")
        for column in ("代码", "方面", "指标", "单位", "属性", "方向", "基期值", "目标", "目标类型"):
            table.add_column(column)
        for i in plan.indicators:
            table.add_row(
                i.code,
                i.aspect,
                i.name,
                i.unit,
                i.attribute.label,
                i.direction.label,
                number(i.baseline.value),
                i.target.text or "—",
                i.target.kind.label,
            )
        Console().print(table)
