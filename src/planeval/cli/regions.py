"""``planeval regions``: one evaluation per region of the folder's regions.csv, parents' values
rolled up from the regions below."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from planeval.cli.common import (
    AsOf,
    Method,
    PlanDir,
    TableFormat,
    TableFormatOption,
    app,
    number,
    print_json,
    ruled_table,
    user_errors,
    verdict_cell,
)
from planeval.domain.evaluation import Evaluation
from planeval.domain.period import chinese_label, parse_period
from planeval.domain.region import RegionTree
from planeval.errors import PlanFormatError
from planeval.evaluate import DEFAULT_METHOD
from planeval.io.folder import load_plan_folder
from planeval.regions import RegionRow, evaluate_regions, region_rows, roll_up_in_full


@app.command("regions")
def regions_command(
    plan_dir: PlanDir,
    as_of: AsOf,
    indicator: Annotated[
        str | None, typer.Option("--indicator", help="One indicator's code: its latest value and rank by region.")
    ] = None,
    output_format: TableFormatOption = TableFormat.TABLE,
    method: Method = DEFAULT_METHOD,
) -> None:
    """Evaluate every region of regions.csv; a parent without its own value gets its children's, rolled up."""
    with user_errors():
        folder = load_plan_folder(plan_dir)
        tree = _region_tree(folder.regions, folder.path)
        period = parse_period(as_of)
        rolled = roll_up_in_full(folder.plan, folder.observations, tree)
        evaluations = evaluate_regions(folder.plan, rolled.observations, period, tree, method)
        rows = region_rows(evaluations, tree, [indicator] if indicator else None, rolled.set_aside)
    root = evaluations[tree.root.code]
    if output_format is TableFormat.JSON:
        print_json(_regions_to_dict(root, rows))
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
    table = ruled_table(title)
    table.add_column("地区")
    codes = [cell.code for cell in rows[0].cells] if rows else []
    for code in codes:
        table.add_column(plan.indicator(code).name, max_width=16, overflow="fold")
    if detailed:
        table.add_column("最新值", justify="right")
        table.add_column("排名")
    for row in rows:
        cells = [verdict_cell(c.verdict) for c in row.cells]
        if detailed:
            cell = row.cells[0]
            unit = plan.indicator(cell.code).unit
            value = f"{number(cell.latest.value)}{unit}（{chinese_label(cell.latest.period)}）" if cell.latest else "—"
            cells += [value, cell.rank_phrase or "—"]
        table.add_row("  " * row.depth + row.region.name, *cells)
    console.print(table)
