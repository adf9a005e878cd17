"""The ``planeval`` command.

Exit codes: 0 success; 2 bad input (a one-line message names the file, row, column or option).
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from planeval.domain.evaluation import Evaluation
from planeval.domain.numbers import format_number, format_percent
from planeval.domain.period import chinese_label, parse_period
from planeval.domain.result import IndicatorResult
from planeval.domain.settings import EvaluationSettings, describe_settings
from planeval.domain.task import TaskSettings
from planeval.domain.verdict import Verdict
from planeval.domain.warning import WarningSettings
from planeval.errors import PlanevalError
from planeval.evaluate import DEFAULT_METHOD, disagree, evaluate, evaluate_methods
from planeval.io.export import (
    comparison_to_csv,
    comparison_to_dict,
    comparison_to_markdown,
    evaluation_to_csv,
    evaluation_to_dict,
    evaluation_to_markdown,
)
from planeval.io.folder import load_plan_folder
from planeval.methods import available_methods

app = typer.Typer(
    help="planeval: monitor and evaluate a development plan (规划实施监测评估).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)

VERDICT_STYLES = {
    Verdict.TARGET_REACHED: "bold green",
    Verdict.AHEAD: "green",
    Verdict.ON_SCHEDULE: "cyan",
    Verdict.BEHIND: "bold red",
    Verdict.NOT_EVALUATED: "yellow",
}


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn planeval's own errors and unreadable files into one line on stderr and exit 2."""
    try:
        yield
    except (PlanevalError, OSError) as error:
        typer.echo(f"planeval: error: {error}", err=True)
        raise typer.Exit(2) from None


def _settings(pairs: list[str]) -> EvaluationSettings:
    return EvaluationSettings().with_values(_pairs(pairs))


def _pairs(pairs: list[str]) -> dict[str, str]:
    """``--set`` options as ``{name: value}``.

    Raises:
        PlanevalError: an option without ``=``.
    """
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise PlanevalError(f"--set {pair!r}: expected NAME=VALUE, e.g. --set tolerance=0.1")
        values[name.strip()] = value.strip()
    return values


ALL_METHODS = "all"
SUFFIX_FORMATS = {".json": Format.JSON, ".csv": Format.CSV, ".md": Format.MARKDOWN, ".markdown": Format.MARKDOWN}

PlanDir = Annotated[Path, typer.Argument(help="The plan folder (indicators.csv, plan.yaml or indicators.xlsx).")]


@app.command("evaluate")
def evaluate_command(
    plan_dir: PlanDir,
    as_of: Annotated[str, typer.Option("--as-of", help="Cut-off period: 2022, 2023H1, 2023年上半年, 2023-06…")],
    method: Annotated[
        str, typer.Option(help="Evaluation method (see `planeval methods`), or 'all' to compare them.")
    ] = DEFAULT_METHOD,
    output_format: Annotated[
        Format | None, typer.Option("--format", help="Output format; by default from --out's extension, else table.")
    ] = None,
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="Change a setting: NAME=VALUE (see `planeval settings`).")
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of standard output.")] = None,
) -> None:
    """Evaluate every indicator of a plan as of a period (--method all: every method side by side)."""
    with _user_errors():
        folder = load_plan_folder(plan_dir)
        period, settings = parse_period(as_of), _settings(set_ or [])
        output_format = output_format or SUFFIX_FORMATS.get(out.suffix.lower() if out else "", Format.TABLE)
        if method == ALL_METHODS:
            evaluations = evaluate_methods(folder.plan, folder.observations, period, settings=settings)
            writers: dict[Format, Callable[[], str]] = {
                Format.JSON: lambda: _json(comparison_to_dict(evaluations)),
                Format.CSV: lambda: comparison_to_csv(evaluations),
                Format.MARKDOWN: lambda: comparison_to_markdown(evaluations),
            }
            _emit(output_format, out, lambda console: _print_comparison(evaluations, console), writers)
            return
        evaluation = evaluate(folder.plan, folder.observations, period, method, settings)
        writers = {
            Format.JSON: lambda: _json(evaluation_to_dict(evaluation)),
            Format.CSV: lambda: evaluation_to_csv(evaluation),
            Format.MARKDOWN: lambda: evaluation_to_markdown(evaluation),
        }
        _emit(output_format, out, lambda console: _print_table(evaluation, console), writers)


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _emit(
    output_format: Format,
    out: Path | None,
    printer: Callable[[Console], None],
    writers: dict[Format, Callable[[], str]],
) -> None:
    """Print the table on the terminal, or write the chosen format to ``out`` or stdout."""
    if output_format is Format.TABLE and out is None:
        printer(Console())
        return
    if output_format is Format.TABLE:
        buffer = io.StringIO()
        printer(Console(file=buffer, width=160, color_system=None))
        content = buffer.getvalue()
    else:
        content = writers[output_format]()
    if out is None:
        sys.stdout.write(content)
    else:
        # Excel on Chinese Windows reads a CSV as UTF-8 only with a byte-order mark.
        out.write_text(content, encoding="utf-8-sig" if output_format is Format.CSV else "utf-8")


def _print_comparison(evaluations: dict[str, Evaluation], console: Console) -> None:
    """One row per indicator, one column per method; rows where the methods disagree marked ⚠."""
    first = next(iter(evaluations.values()))
    title = f"{first.plan.title}\n各评价方法结论对比（截至{chinese_label(first.as_of)}）"
    table = Table(title=title, show_lines=True, header_style="bold")
    table.add_column("序号", justify="right")
    table.add_column("指标", max_width=18, overflow="fold")
    for name in evaluations:
        table.add_column(name, overflow="fold")
    table.add_column("分歧")
    for position, result in enumerate(first.results):
        results = [evaluation.results[position] for evaluation in evaluations.values()]
        cells = [f"[{VERDICT_STYLES[r.verdict]}]{r.status_label or r.verdict.label}[/]" for r in results]
        table.add_row(str(position + 1), result.indicator.name, *cells, "⚠" if disagree(results) else "")
    console.print(table)
    for name, evaluation in evaluations.items():
        console.print(f"{name}：{evaluation.summary.paragraph}", highlight=False, overflow="fold")


def _fraction(value: float | None) -> str:
    return format_percent(value)


def _number(value: float | None) -> str:
    return format_number(value, 4)


WIDE_ENOUGH = 140
"""Terminal width from which the reasons fit as a column; narrower, they follow the table."""

COLUMNS = (
    ("序号", "right", None),
    ("指标", "left", 16),
    ("属性", "left", None),
    ("基期值", "right", None),
    ("目标", "left", 10),
    ("最新值", "right", 10),
    ("时间进度", "right", None),
    ("完成进度", "right", None),
    ("评价结论", "left", None),
)


def _reasons(result: IndicatorResult) -> str:
    return "；".join([result.explanation, *result.notes])


def _print_table(evaluation: Evaluation, console: Console) -> None:
    wide = console.width >= WIDE_ENOUGH
    title = (
        f"{evaluation.plan.title}\n主要指标进度评价（截至{chinese_label(evaluation.as_of)}，方法 {evaluation.method}）"
    )
    table = Table(title=title, show_lines=True, header_style="bold")
    for name, justify, width in COLUMNS + ((("依据", "left", None),) if wide else ()):
        if name == "完成进度" and evaluation.method != DEFAULT_METHOD:
            name = "方法比值"  # R of cagr_ratio, CR of unsd_projection…: not a share of the target
        table.add_column(name, justify=justify, max_width=width, overflow="fold")  # type: ignore[arg-type]
    for number, result in enumerate(evaluation.results, start=1):
        indicator = result.indicator
        latest = (
            f"{_number(result.observations[-1].value)}\n{chinese_label(result.latest_period)}"
            if result.latest_period and result.observations
            else "—"
        )
        cells = [
            str(number),
            f"{indicator.name}（{indicator.unit}）" if indicator.unit else indicator.name,
            indicator.attribute.label,
            _number(result.baseline),
            indicator.target.text or "—",
            latest,
            _fraction(result.time_share),
            _fraction(result.progress),
            f"[{VERDICT_STYLES[result.verdict]}]{result.verdict.label}[/]",
        ]
        table.add_row(*cells, *([_reasons(result)] if wide else []))
    console.print(table)
    if not wide:
        console.print("依据：", style="bold")
        for number, result in enumerate(evaluation.results, start=1):
            console.print(f"{number}.{result.indicator.name}：{_reasons(result)}", highlight=False, overflow="fold")
    console.print()
    console.print(evaluation.summary.paragraph, highlight=False, overflow="fold")


@app.command("report")
def report_command(
    plan_dir: PlanDir,
    as_of: Annotated[str, typer.Option("--as-of", help="Cut-off period: 2022, 2023H1, 2023年上半年…")],
    out: Annotated[Path, typer.Option(help="The Word report to write (.docx).")],
    xlsx: Annotated[Path | None, typer.Option(help="Also write the tables as an Excel workbook.")] = None,
    html: Annotated[Path | None, typer.Option(help="Also write the report as one HTML page.")] = None,
    pdf: Annotated[Path | None, typer.Option(help="Also convert the Word report to PDF (needs LibreOffice).")] = None,
    method: Annotated[str, typer.Option(help="Evaluation method (see `planeval methods`).")] = DEFAULT_METHOD,
    set_: Annotated[list[str] | None, typer.Option("--set", help="Change a setting: NAME=VALUE.")] = None,
) -> None:
    """Write the evaluation report: Word in official-document layout, and Excel, HTML, PDF."""
    from planeval.reports.publish import publish

    with _user_errors(), _progress() as progress:
        folder = load_plan_folder(plan_dir)
        evaluation = evaluate(folder.plan, folder.observations, parse_period(as_of), method, _settings(set_ or []))
        written = publish(folder, evaluation, out, xlsx=xlsx, html=html, pdf=pdf, progress=progress)
    for path in written:
        typer.echo(f"wrote {path}")


@contextmanager
def _progress() -> Iterator[Progress]:
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    console = Console(stderr=True)
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
        yield progress


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Start the web site: on first start it creates the database (SQLite under PLANEVAL_HOME,
    or DATABASE_URL), loads the example plan and prints one demo login per role."""
    from planeval.web import runtime

    runtime.configure()
    logins = runtime.prepare()
    if logins:
        from planeval.web.core.demo import DEMO_PASSWORD

        typer.echo(f"demo logins (password {DEMO_PASSWORD}):")
        for login in logins:
            typer.echo(f"  {login.username:14s} {login.role.label} {login.department}")
    typer.echo(f"planeval is at http://{host}:{port}/")
    runtime.serve(host, port)


@app.command(
    "manage",
    # --help goes to Django: `planeval manage --help` lists every command, `planeval manage CMD --help` its options
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []},
)
def manage_command(context: typer.Context) -> None:
    """Django's management commands with the site's settings, e.g. `planeval manage check --deploy`;
    `planeval manage --help` lists them (export_plan and import_plan: one plan to a file and back)."""
    from planeval.web import runtime

    runtime.manage(context.args)


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
    with _user_errors():
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
                _number(i.baseline.value),
                i.target.text or "—",
                i.target.kind.label,
            )
        Console().print(table)


def main() -> None:  # pragma: no cover - console entry point
    app()


# planeval regions ---------------------------------------------------------------------------------
# One evaluation per region of the folder's regions.csv, parents' values rolled up from the
# regions below. Kept in one block at the end of the module.

from planeval.domain.region import RegionTree  # noqa: E402
from planeval.errors import PlanFormatError  # noqa: E402
from planeval.regions import RegionRow, evaluate_regions, region_rows, roll_up_in_full  # noqa: E402


class RegionFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


@app.command("regions")
def regions_command(
    plan_dir: PlanDir,
    as_of: Annotated[str, typer.Option("--as-of", help="Cut-off period: 2022, 2023H1, 2023年上半年…")],
    indicator: Annotated[
        str | None, typer.Option("--indicator", help="One indicator's code: its latest value and rank by region.")
    ] = None,
    output_format: Annotated[RegionFormat, typer.Option("--format", help="Output format.")] = RegionFormat.TABLE,
    method: Annotated[str, typer.Option(help="Evaluation method (see `planeval methods`).")] = DEFAULT_METHOD,
) -> None:
    """Evaluate every region of regions.csv; a parent without its own value gets its children's, rolled up."""
    with _user_errors():
        folder = load_plan_folder(plan_dir)
        tree = _region_tree(folder.regions, folder.path)
        period = parse_period(as_of)
        rolled = roll_up_in_full(folder.plan, folder.observations, tree)
        evaluations = evaluate_regions(folder.plan, rolled.observations, period, tree, method)
        rows = region_rows(evaluations, tree, [indicator] if indicator else None, rolled.set_aside)
    root = evaluations[tree.root.code]
    if output_format is RegionFormat.JSON:
        sys.stdout.write(_json(_regions_to_dict(root, rows)))
    else:
        _print_regions(root, rows, detailed=indicator is not None, console=Console())


def _region_tree(tree: RegionTree | None, folder: Path) -> RegionTree:
    if tree is None:
        raise PlanFormatError(str(folder), "has no regions.csv (columns code, name, parent, level)")
    return tree


def _regions_to_dict(root: Evaluation, rows: tuple[RegionRow, ...]) -> dict[str, object]:
    """{"as_of", "method", "regions": [{"code", "name", "parent", "level", "indicators": [{"code",
    "verdict", "latest_period", "latest_value", "rolled_up_value", "rank", "ranked_among", "peers",
    "rank_phrase"}]}]}: ``rolled_up_value`` the children's roll-up for the latest period when the
    region's own value stood instead; ``ranked_among`` the peers with a value, ``peers`` all."""
    return {
        "as_of": str(root.as_of),
        "method": root.method,
        "regions": [
            {
                "code": row.region.code,
                "name": row.region.name,
                "parent": row.region.parent,
                "level": row.region.level,
                "indicators": [
                    {
                        "code": cell.code,
                        "verdict": cell.verdict.value,
                        "latest_period": str(cell.latest.period) if cell.latest else None,
                        "latest_value": cell.latest.value if cell.latest else None,
                        "rolled_up_value": cell.rolled_up.value if cell.rolled_up else None,
                        "rank": cell.rank,
                        "ranked_among": cell.ranked_among,
                        "peers": cell.peers,
                        "rank_phrase": cell.rank_phrase,
                    }
                    for cell in row.cells
                ],
            }
            for row in rows
        ],
    }


def _print_regions(root: Evaluation, rows: tuple[RegionRow, ...], detailed: bool, console: Console) -> None:
    """One row per region, indented by depth: each indicator's verdict; with one indicator
    (``detailed``), also its latest value and rank among the region's peers."""
    plan = root.plan
    title = f"{plan.title}\n分地区评价（截至{chinese_label(root.as_of)}，方法 {root.method}）"
    table = Table(title=title, show_lines=True, header_style="bold")
    table.add_column("地区")
    codes = [cell.code for cell in rows[0].cells] if rows else []
    for code in codes:
        table.add_column(plan.indicator(code).name, max_width=16, overflow="fold")
    if detailed:
        table.add_column("最新值", justify="right")
        table.add_column("排名")
    for row in rows:
        cells = [f"[{VERDICT_STYLES[c.verdict]}]{c.verdict.label}[/]" for c in row.cells]
        if detailed:
            cell = row.cells[0]
            unit = plan.indicator(cell.code).unit
            value = f"{_number(cell.latest.value)}{unit}（{chinese_label(cell.latest.period)}）" if cell.latest else "—"
            cells += [value, cell.rank_phrase or "—"]
        table.add_row("  " * row.depth + row.region.name, *cells)
    console.print(table)


# planeval targets ---------------------------------------------------------------------------------
# The yearly targets (年度目标分解) of every indicator for the years after the cut-off. Kept in one
# block at the end of the module.

from planeval.domain.period import Period  # noqa: E402
from planeval.yearly_targets import Breakdown, yearly_targets  # noqa: E402

OVERRIDE_MARK = "*"
TARGET_COLUMNS = (
    ("代码", "left", None),
    ("指标", "left", 16),
    ("单位", "left", None),
    ("最新值", "right", None),
    ("目标", "left", 10),
    ("分解方法", "left", 10),
)


@app.command("targets")
def targets_command(
    plan_dir: PlanDir,
    as_of: Annotated[str, typer.Option("--as-of", help="Cut-off period: 2022, 2023H1, 2023年上半年…")],
    output_format: Annotated[RegionFormat, typer.Option("--format", help="Output format.")] = RegionFormat.TABLE,
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="Change a setting: NAME=VALUE (see `planeval settings`).")
    ] = None,
) -> None:
    """The target of each remaining year that leads every indicator from its latest value to its
    five-year target; published yearly targets (annual_targets.csv) override their year."""
    with _user_errors():
        folder = load_plan_folder(plan_dir)
        period = parse_period(as_of)
        breakdowns = yearly_targets(folder.plan, folder.observations, period, _settings(set_ or []))
    years = sorted({row.year for b in breakdowns for row in b.years})
    if output_format is RegionFormat.JSON:
        sys.stdout.write(_json(_targets_to_dict(folder.plan.title, period, years, breakdowns)))
    else:
        _print_targets(folder.plan.title, period, years, breakdowns, Console())


def _targets_to_dict(
    title: str, as_of: Period, years: list[int], breakdowns: tuple[Breakdown, ...]
) -> dict[str, object]:
    """{"plan", "as_of", "years", "indicators": [{"code", "name", "unit", "target_text", "rule",
    "rule_label", "reason", "reason_label", "evaluation_reason", "latest_period", "latest_value",
    "goal", "explanation", "years": [{"year", "value", "computed", "overridden", "override_text",
    "override_source"}]}]}: values in the indicator's unit (see planeval.yearly_targets)."""
    return {
        "plan": title,
        "as_of": str(as_of),
        "years": years,
        "indicators": [
            {
                "code": b.code,
                "name": b.indicator.name,
                "unit": b.indicator.unit,
                "target_text": b.indicator.target.text,
                "rule": b.rule.value if b.rule else None,
                "rule_label": b.rule.label if b.rule else None,
                "reason": b.reason.value if b.reason else None,
                "reason_label": b.reason.label if b.reason else None,
                "evaluation_reason": b.evaluation_reason.value if b.evaluation_reason else None,
                "latest_period": str(b.latest.period) if b.latest else None,
                "latest_value": b.latest.value if b.latest else None,
                "goal": b.goal,
                "explanation": b.explanation,
                "years": [
                    {
                        "year": row.year,
                        "value": row.value,
                        "computed": row.computed,
                        "overridden": row.overridden,
                        "override_text": row.override_text,
                        "override_source": row.override_source,
                    }
                    for row in b.years
                ],
            }
            for b in breakdowns
        ],
    }


def _year_cell(breakdown: Breakdown, year: int) -> str:
    row = next((r for r in breakdown.years if r.year == year), None)
    if row is None:
        return "—"
    shown = _number_2(row.value) if row.value is not None else row.override_text or "—"
    return f"{shown}{OVERRIDE_MARK}" if row.overridden else shown


def _number_2(value: float | None) -> str:
    return format_number(value, 2)


def _target_notes(breakdown: Breakdown) -> list[str]:
    """The explanation, then each published target beside what the breakdown computed."""
    notes = [breakdown.explanation]
    for row in breakdown.years:
        if row.overridden:
            source = f"（{row.override_source}）" if row.override_source else ""
            computed = f"，按分解应为{_number_2(row.computed)}" if row.computed is not None else ""
            notes.append(f"{OVERRIDE_MARK}{row.year}年度目标{row.override_text}{source}{computed}")
    return notes


def _print_targets(title: str, as_of: Period, years: list[int], breakdowns: tuple[Breakdown, ...],
                   console: Console) -> None:  # fmt: skip
    """One row per indicator, one column per remaining year; published targets marked *."""
    table = Table(title=f"{title}\n年度目标分解（截至{chinese_label(as_of)}）", show_lines=True, header_style="bold")
    for name, justify, width in TARGET_COLUMNS:
        table.add_column(name, justify=justify, max_width=width, overflow="fold")  # type: ignore[arg-type]
    for year in years:
        table.add_column(f"{year}年", justify="right")
    for b in breakdowns:
        latest = f"{_number(b.latest.value)}\n{chinese_label(b.latest.period)}" if b.latest else "—"
        method = b.rule.label if b.rule else "不分解"
        cells = [b.code, b.indicator.name, b.indicator.unit, latest, b.indicator.target.text or "—", method]
        table.add_row(*cells, *(_year_cell(b, year) for year in years))
    console.print(table)
    console.print("说明：", style="bold")
    for b in breakdowns:
        console.print(f"{b.code} {b.indicator.name}：{'；'.join(_target_notes(b))}", highlight=False, overflow="fold")
    console.print(f"{OVERRIDE_MARK} 已公布或设定的年度目标，优先于分解值；其后年份据此重算。", highlight=False)


# planeval import-check ----------------------------------------------------------------------------
# What a department's values file would store, and every problem in it, before anything is
# stored. Kept in one block at the end of the module.

from planeval.domain.plan import Plan  # noqa: E402
from planeval.io.submission import Submission, read_submission, submission_to_dict  # noqa: E402


class CheckFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


@app.command("import-check")
def import_check_command(
    file: Annotated[Path, typer.Argument(help="The values file (.xlsx or .csv), wide or long layout.")],
    plan_dir: Annotated[Path, typer.Option("--plan", help="The plan folder whose indicators the file reports.")],
    output_format: Annotated[CheckFormat, typer.Option("--format", help="Output format.")] = CheckFormat.TABLE,
) -> None:
    """Check a department's values file against a plan: the values it would store and every
    problem, with sheet, row and column. Exit code 1 when there is a problem."""
    with _user_errors():
        plan = load_plan_folder(plan_dir).plan
        submission = read_submission(file, plan)
    if output_format is CheckFormat.JSON:
        sys.stdout.write(_json(submission_to_dict(submission)))
    else:
        _print_submission(submission, plan, Console())
    if submission.problems:
        raise typer.Exit(1)


def _print_submission(submission: Submission, plan: Plan, console: Console) -> None:
    """The values to store, then the blanks counted, then one row per problem."""
    table = Table(title=f"{plan.title}\n可导入的数值", header_style="bold")
    for name, justify in (("位置", "left"), ("代码", "left"), ("指标", "left"), ("统计期", "left"),
                          ("数值", "right"), ("单位", "left"), ("原文", "left"), ("说明", "left")):  # fmt: skip
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    sheets = len({o.sheet for o in submission.observations}) > 1
    for o in submission.observations:
        notes = "；".join(word for word, on in (("累计", o.cumulative), ("初步", o.preliminary)) if on)
        where = f"{o.sheet} {o.column}{o.row}" if sheets else f"{o.column}{o.row}"
        label = f"{o.period.year}年{o.period.first_month}-{o.period.last_month}月" if o.cumulative else None
        table.add_row(where, o.code, plan.indicator(o.code).name, label or chinese_label(o.period),
                      format_number(o.value, 6), o.unit, o.raw, notes)  # fmt: skip
    console.print(table)
    missing = sum(not b.not_applicable for b in submission.blanks)
    console.print(f"可导入 {len(submission.observations)} 个数值；空缺 {missing} 个，"
                  f"不适用 {len(submission.blanks) - missing} 个。", highlight=False)  # fmt: skip
    if not submission.problems:
        console.print("未发现问题。", highlight=False)
        return
    problems = Table(title=f"问题 {len(submission.problems)} 个（修正后再导入）", header_style="bold red")
    for name in ("工作表", "行", "列", "问题"):
        problems.add_column(name, overflow="fold")
    for p in submission.problems:
        problems.add_row(p.sheet, str(p.row or ""), p.column or "", p.message)
    console.print(problems)


# planeval warnings --------------------------------------------------------------------------------
# Early warnings (预警) for indicators, key tasks and departments' reports, red first. Kept in one
# block at the end of the module.

from dataclasses import fields as setting_fields  # noqa: E402
from datetime import date  # noqa: E402

from rich.text import Text  # noqa: E402

from planeval.domain.settings import with_values  # noqa: E402
from planeval.domain.task import TaskSettings  # noqa: E402
from planeval.domain.warning import EarlyWarning, WarningLevel  # noqa: E402
from planeval.early_warning import count_line, early_warnings, get_rule  # noqa: E402

LEVEL_STYLES = {WarningLevel.RED: "bold red", WarningLevel.YELLOW: "yellow"}
WARNING_SETTING_KINDS: tuple[type, ...] = (EvaluationSettings, WarningSettings, TaskSettings)
"""The settings ``planeval warnings --set`` changes: the evaluation's thresholds (which decide
what is behind), the warnings' own and the tasks' (which decide what is delayed)."""


class WarningFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


@app.command("warnings")
def warnings_command(
    plan_dir: PlanDir,
    as_of: Annotated[str, typer.Option("--as-of", help="Cut-off period: 2022, 2023H1, 2023年上半年…")],
    on: Annotated[
        str | None,
        typer.Option(
            "--on", help="The day tasks and reports are judged on (YYYY-MM-DD); the end of --as-of if not given."
        ),
    ] = None,
    output_format: Annotated[WarningFormat, typer.Option("--format", help="Output format.")] = WarningFormat.TABLE,
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="Change a setting: NAME=VALUE (see `planeval settings`).")
    ] = None,
) -> None:
    """Early warnings (预警): indicators behind schedule or projected to miss their target, key tasks
    with overdue milestones, stale or delayed; red first."""
    with _user_errors():
        folder = load_plan_folder(plan_dir)
        period = parse_period(as_of)
        evaluation_settings, warning_settings, task_settings = _warning_settings(set_ or [])
        evaluation = evaluate(folder.plan, folder.observations, period, settings=evaluation_settings)
        day = _day(on) if on else period.last_day
        found = early_warnings(evaluation, folder.tasks, (), day, warning_settings, task_settings)
    if output_format is WarningFormat.JSON:
        sys.stdout.write(_json([_warning_to_dict(w) for w in found]))
    else:
        _print_warnings(folder.plan.title, period, day, found, Console())


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise PlanevalError(f"--on {text!r}: expected a date such as 2023-06-30") from None


def _warning_settings(pairs: list[str]) -> tuple[EvaluationSettings, WarningSettings, TaskSettings]:
    """The ``--set`` options given to the group that has each name.

    Raises:
        PlanevalError: a name no group has, or a bad value.
    """
    values = _pairs(pairs)
    owner = {f.name: kind for kind in WARNING_SETTING_KINDS for f in setting_fields(kind)}
    for name in values:
        if name not in owner:
            raise PlanevalError(f"unknown setting {name!r}; known: {', '.join(owner)}")
    chosen = [
        with_values(kind(), {n: v for n, v in values.items() if owner[n] is kind}) for kind in WARNING_SETTING_KINDS
    ]
    return chosen[0], chosen[1], chosen[2]


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
    table = Table(title=heading, show_lines=True, header_style="bold")
    for name, width in (("级别", None), ("对象", None), ("代码", None), ("名称", 16), ("责任单位", 10),
                        ("预警规则", 20), ("说明", None)):  # fmt: skip
        table.add_column(name, max_width=width, overflow="fold")
    for w in found:
        cells = (w.subject_kind.label, w.subject_code, w.subject_name, w.department or "—", get_rule(w.rule).label,
                 w.message)  # fmt: skip
        table.add_row(Text(w.level.label, style=LEVEL_STYLES[w.level]), *(Text(cell) for cell in cells))
    console.print(table)


if __name__ == "__main__":  # python -m planeval.cli
    app()
