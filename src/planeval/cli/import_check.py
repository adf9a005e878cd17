"""``planeval import-check``: what a department's values file would store, and every problem in
it, before anything is stored.

As in the other commands, tables and their headings are in Chinese (the language of the files
and of the plan) and every message about the input — problems, warnings, notes, errors — is in
English, whole."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from planeval.cli.common import Column, TableFormat, TableFormatOption, add_columns, app, print_json, user_errors
from planeval.domain.numbers import format_number
from planeval.domain.period import chinese_label
from planeval.domain.plan import Plan
from planeval.io.folder import load_plan_folder
from planeval.io.submission import Submission, read_submission, submission_to_dict

VALUE_DIGITS = 6
"""Decimals a value to store is shown with (at most): enough to see what was read."""
VALUE_COLUMNS: tuple[Column, ...] = (
    ("位置", "left", None),
    ("代码", "left", None),
    ("指标", "left", None),
    ("统计期", "left", None),
    ("数值", "right", None),
    ("单位", "left", None),
    ("原文", "left", None),
    ("说明", "left", None),
)


@app.command("import-check")
def import_check_command(
    file: Annotated[Path, typer.Argument(help="The values file (.xlsx or .csv), wide or long layout.")],
    plan_dir: Annotated[Path, typer.Option("--plan", help="The plan folder whose indicators the file reports.")],
    output_format: TableFormatOption = TableFormat.TABLE,
) -> None:
    """Check a department's values file against a plan: the values it would store and every
    problem, with sheet, row and column. Values are checked against the plan folder's values (a
    percent typed as a fraction, a jump). Exit code 1 when there is a problem or a warning."""
    with user_errors():
        folder = load_plan_folder(plan_dir)
        plan = folder.plan
        submission = read_submission(file, plan, folder.observations)
    if output_format is TableFormat.JSON:
        print_json(submission_to_dict(submission))
    else:
        _print_submission(submission, plan, Console())
    if submission.problems:
        raise typer.Exit(1)


def _print_submission(submission: Submission, plan: Plan, console: Console) -> None:
    """The values to store, then the blanks counted, then one row per problem."""
    table = Table(title=f"{plan.title}\n可导入的数值", header_style="bold")
    add_columns(table, VALUE_COLUMNS)
    sheets = len({o.sheet for o in submission.observations}) > 1
    for o in submission.observations:
        notes = "；".join(word for word, on in (("累计", o.cumulative), ("初步", o.preliminary)) if on)
        where = f"{o.sheet} {o.column}{o.row}" if sheets else f"{o.column}{o.row}"
        label = f"{o.period.year}年{o.period.first_month}-{o.period.last_month}月" if o.cumulative else None
        table.add_row(where, o.code, plan.indicator(o.code).name, label or chinese_label(o.period),
                      format_number(o.value, VALUE_DIGITS), o.unit, o.raw, notes)  # fmt: skip
    console.print(table)
    missing = sum(not b.not_applicable for b in submission.blanks)
    console.print(f"可导入 {len(submission.observations)} 个数值；空缺 {missing} 个，"
                  f"不适用 {len(submission.blanks) - missing} 个。", highlight=False)  # fmt: skip
    if submission.notes:
        notes = Table(title=f"跳过的内容 {len(submission.notes)} 处", header_style="bold")
        for name in ("工作表", "行", "列", "说明"):
            notes.add_column(name, overflow="fold")
        for n in submission.notes:
            notes.add_row(n.sheet, str(n.row or ""), n.column or "", n.message)
        console.print(notes)
    if not submission.problems:
        console.print("未发现问题。", highlight=False)
        return
    warnings = len(submission.problems) - len(submission.errors)
    explained = f"；其中需说明 {warnings} 个，导入时附说明可通过" if warnings else ""
    title = f"问题 {len(submission.problems)} 个（修正后再导入{explained}）"
    problems = Table(title=title, header_style="bold red")
    for name in ("工作表", "行", "列", "类型", "问题"):
        problems.add_column(name, overflow="fold")
    for p in submission.problems:
        problems.add_row(p.sheet, str(p.row or ""), p.column or "", "需说明" if p.warning else "错误", p.message)
    console.print(problems)
