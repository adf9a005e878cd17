"""``planeval evaluate`` (a table, JSON, CSV or Markdown; one method or all side by side) and
``planeval report`` (Word, Excel, HTML, PDF)."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from planeval.cli.common import (
    AsOf,
    Column,
    Format,
    Method,
    PlanDir,
    SetOptions,
    app,
    evaluation_settings,
    json_text,
    number,
    ruled_table,
    user_errors,
    value_in_period,
    verdict_cell,
)
from planeval.domain.evaluation import Evaluation
from planeval.domain.numbers import format_percent
from planeval.domain.period import chinese_label, parse_period
from planeval.domain.result import IndicatorResult
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

ALL_METHODS = "all"
SUFFIX_FORMATS = {".json": Format.JSON, ".csv": Format.CSV, ".md": Format.MARKDOWN, ".markdown": Format.MARKDOWN}


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
    set_: SetOptions = None,
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of standard output.")] = None,
) -> None:
    """Evaluate every indicator of a plan as of a period (--method all: every method side by side)."""
    with user_errors():
        folder = load_plan_folder(plan_dir)
        period, settings = parse_period(as_of), evaluation_settings(set_)
        output_format = output_format or SUFFIX_FORMATS.get(out.suffix.lower() if out else "", Format.TABLE)
        if method == ALL_METHODS:
            evaluations = evaluate_methods(folder.plan, folder.observations, period, settings=settings)
            writers: dict[Format, Callable[[], str]] = {
                Format.JSON: lambda: json_text(comparison_to_dict(evaluations)),
                Format.CSV: lambda: comparison_to_csv(evaluations),
                Format.MARKDOWN: lambda: comparison_to_markdown(evaluations),
            }
            _emit(output_format, out, lambda console: _print_comparison(evaluations, console), writers)
            return
        evaluation = evaluate(folder.plan, folder.observations, period, method, settings)
        writers = {
            Format.JSON: lambda: json_text(evaluation_to_dict(evaluation)),
            Format.CSV: lambda: evaluation_to_csv(evaluation),
            Format.MARKDOWN: lambda: evaluation_to_markdown(evaluation),
        }
        _emit(output_format, out, lambda console: _print_table(evaluation, console), writers)


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
        cells = [verdict_cell(r.verdict, r.status_label) for r in results]
        table.add_row(str(position + 1), result.indicator.name, *cells, "⚠" if disagree(results) else "")
    console.print(table)
    for name, evaluation in evaluations.items():
        console.print(f"{name}：{evaluation.summary.paragraph}", highlight=False, overflow="fold")


WIDE_ENOUGH = 140
"""Terminal width from which the reasons fit as a column; narrower, they follow the table."""

COLUMNS: tuple[Column, ...] = (
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
REASONS_COLUMN: Column = ("依据", "left", None)


def _reasons(result: IndicatorResult) -> str:
    return "；".join([result.explanation, *result.notes])


def _columns(method: str, wide: bool) -> list[Column]:
    """:data:`COLUMNS` for ``method``, the reasons last when ``wide``."""
    # R of cagr_ratio, CR of unsd_projection…: not a share of the target
    progress = "完成进度" if method == DEFAULT_METHOD else "方法比值"
    columns = COLUMNS + ((REASONS_COLUMN,) if wide else ())
    return [(progress if name == "完成进度" else name, justify, width) for name, justify, width in columns]


def _print_table(evaluation: Evaluation, console: Console) -> None:
    wide = console.width >= WIDE_ENOUGH
    title = (
        f"{evaluation.plan.title}\n主要指标进度评价（截至{chinese_label(evaluation.as_of)}，方法 {evaluation.method}）"
    )
    table = ruled_table(title, _columns(evaluation.method, wide))
    for position, result in enumerate(evaluation.results, start=1):
        indicator = result.indicator
        latest = (
            value_in_period(result.observations[-1].value, result.latest_period)
            if result.latest_period and result.observations
            else "—"
        )
        cells = [
            str(position),
            f"{indicator.name}（{indicator.unit}）" if indicator.unit else indicator.name,
            indicator.attribute.label,
            number(result.baseline),
            indicator.target.text or "—",
            latest,
            format_percent(result.time_share),
            format_percent(result.progress),
            verdict_cell(result.verdict),
        ]
        table.add_row(*cells, *([_reasons(result)] if wide else []))
    console.print(table)
    if not wide:
        console.print("依据：", style="bold")
        for position, result in enumerate(evaluation.results, start=1):
            console.print(f"{position}.{result.indicator.name}：{_reasons(result)}", highlight=False, overflow="fold")
    console.print()
    console.print(evaluation.summary.paragraph, highlight=False, overflow="fold")


@app.command("report")
def report_command(
    plan_dir: PlanDir,
    as_of: AsOf,
    out: Annotated[Path, typer.Option(help="The Word report to write (.docx).")],
    xlsx: Annotated[Path | None, typer.Option(help="Also write the tables as an Excel workbook.")] = None,
    html: Annotated[Path | None, typer.Option(help="Also write the report as one HTML page.")] = None,
    pdf: Annotated[Path | None, typer.Option(help="Also convert the Word report to PDF (needs LibreOffice).")] = None,
    method: Method = DEFAULT_METHOD,
    set_: Annotated[list[str] | None, typer.Option("--set", help="Change a setting: NAME=VALUE.")] = None,
) -> None:
    """Write the evaluation report: Word in official-document layout, and Excel, HTML, PDF."""
    from planeval.reports.publish import publish

    with user_errors(), _progress() as progress:
        folder = load_plan_folder(plan_dir)
        evaluation = evaluate(folder.plan, folder.observations, parse_period(as_of), method, evaluation_settings(set_))
        written = publish(folder, evaluation, out, xlsx=xlsx, html=html, pdf=pdf, progress=progress)
    for path in written:
        typer.echo(f"wrote {path}")


@contextmanager
def _progress() -> Iterator[Progress]:
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    console = Console(stderr=True)
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
        yield progress
