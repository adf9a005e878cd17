"""What the ``planeval`` commands share: the Typer app, the output formats, the options several
commands take, the one-line error with exit code 2, ``--set`` parsing, JSON output and the
pieces of the printed tables."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import JustifyMethod
from rich.table import Table

from planeval.domain.numbers import format_number
from planeval.domain.period import Period, chinese_label
from planeval.domain.settings import EvaluationSettings
from planeval.domain.verdict import Verdict
from planeval.errors import PlanevalError

app = typer.Typer(
    help="planeval: monitor and evaluate a development plan (规划实施监测评估).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)


def main() -> None:  # pragma: no cover - console entry point
    app()


class Format(StrEnum):
    """The formats ``planeval evaluate`` writes."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


class TableFormat(StrEnum):
    """The formats of the commands that print a table or its data as JSON (regions, targets,
    import-check, warnings)."""

    TABLE = "table"
    JSON = "json"


PlanDir = Annotated[Path, typer.Argument(help="The plan folder (indicators.csv, plan.yaml or indicators.xlsx).")]
AsOf = Annotated[str, typer.Option("--as-of", help="Cut-off period: 2022, 2023H1, 2023年上半年…")]
Method = Annotated[str, typer.Option(help="Evaluation method (see `planeval methods`).")]
SetOptions = Annotated[
    list[str] | None, typer.Option("--set", help="Change a setting: NAME=VALUE (see `planeval settings`).")
]
TableFormatOption = Annotated[TableFormat, typer.Option("--format", help="Output format.")]


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn planeval's own errors and unreadable files into one line on stderr and exit 2."""
    try:
        yield
    except (PlanevalError, OSError) as error:
        typer.echo(f"planeval: error: {error}", err=True)
        raise typer.Exit(2) from None


def setting_pairs(pairs: list[str] | None) -> dict[str, str]:
    """``--set`` options as ``{name: value}``.

    Raises:
        PlanevalError: an option without ``=``.
    """
    values = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep:
            raise PlanevalError(f"--set {pair!r}: expected NAME=VALUE, e.g. --set tolerance=0.1")
        values[name.strip()] = value.strip()
    return values


def evaluation_settings(pairs: list[str] | None) -> EvaluationSettings:
    """The evaluation settings with the ``--set`` options applied.

    Raises:
        PlanevalError: an option without ``=``, an unknown name or a bad value.
    """
    return EvaluationSettings().with_values(setting_pairs(pairs))


def json_text(data: object) -> str:
    """``data`` as indented JSON, Chinese as it is, with a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def print_json(data: object) -> None:
    """Write ``data`` to standard output as :func:`json_text`."""
    sys.stdout.write(json_text(data))


# printed tables -----------------------------------------------------------------------------------

VERDICT_STYLES = {
    Verdict.TARGET_REACHED: "bold green",
    Verdict.AHEAD: "green",
    Verdict.ON_SCHEDULE: "cyan",
    Verdict.BEHIND: "bold red",
    Verdict.NOT_EVALUATED: "yellow",
}

NUMBER_DIGITS = 4
"""Decimals the tables show of a baseline or a reported value (at most; trailing zeros dropped)."""

Column = tuple[str, JustifyMethod, int | None]
"""A table column: heading, justification, and the width past which its text folds (None: none)."""


def number(value: float | None) -> str:
    """A baseline or reported value as the tables show it; ``—`` for None."""
    return format_number(value, NUMBER_DIGITS)


def value_in_period(value: float | None, period: Period) -> str:
    """A latest value over its period on the next line, e.g. ``65.22\\n2022年``."""
    return f"{number(value)}\n{chinese_label(period)}"


def verdict_cell(verdict: Verdict, label: str | None = None) -> str:
    """The verdict's label (or ``label``) in the verdict's colour, as rich markup."""
    return f"[{VERDICT_STYLES[verdict]}]{label or verdict.label}[/]"


def add_columns(table: Table, columns: Iterable[Column]) -> None:
    """Add ``columns`` to ``table``, each folding its text past its width."""
    for name, justify, width in columns:
        table.add_column(name, justify=justify, max_width=width, overflow="fold")


def ruled_table(title: str, columns: Iterable[Column] = ()) -> Table:
    """A titled table with bold headings, a rule between rows and ``columns``."""
    table = Table(title=title, show_lines=True, header_style="bold")
    add_columns(table, columns)
    return table
