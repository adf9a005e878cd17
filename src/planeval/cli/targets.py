"""``planeval targets``: the yearly targets (年度目标分解) of every indicator for the years after
the cut-off."""

from __future__ import annotations

from rich.console import Console

from planeval.cli.common import (
    AsOf,
    Column,
    PlanDir,
    SetOptions,
    TableFormat,
    TableFormatOption,
    app,
    evaluation_settings,
    print_json,
    ruled_table,
    user_errors,
    value_in_period,
)
from planeval.domain.numbers import format_number
from planeval.domain.period import Period, chinese_label, parse_period
from planeval.io.folder import load_plan_folder
from planeval.yearly_targets import Breakdown, Rule, yearly_targets

OVERRIDE_MARK = "*"
YEAR_TARGET_DIGITS = 2
"""Decimals a yearly target is shown with (at most; trailing zeros dropped)."""
TARGET_COLUMNS: tuple[Column, ...] = (
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
    as_of: AsOf,
    output_format: TableFormatOption = TableFormat.TABLE,
    set_: SetOptions = None,
) -> None:
    """The target of each remaining year that leads every indicator from its latest value to its
    five-year target; published yearly targets (annual_targets.csv) override their year."""
    with user_errors():
        folder = load_plan_folder(plan_dir)
        period = parse_period(as_of)
        breakdowns = yearly_targets(folder.plan, folder.observations, period, evaluation_settings(set_))
    years = sorted({row.year for b in breakdowns for row in b.years})
    if output_format is TableFormat.JSON:
        print_json(_targets_to_dict(folder.plan.title, period, years, breakdowns))
    else:
        _print_targets(folder.plan.title, period, years, breakdowns, Console())


def _targets_to_dict(
    title: str, as_of: Period, years: list[int], breakdowns: tuple[Breakdown, ...]
) -> dict[str, object]:
    """{"plan", "as_of", "years", "indicators": [{"code", "name", "unit", "target_text", "rule",
    "rule_label", "reason", "reason_label", "evaluation_reason", "latest_period", "latest_value",
    "from_baseline", "goal", "explanation", "years": [{"year", "value", "comparison", "computed",
    "overridden", "override_text", "override_source"}]}]}: values in the indicator's unit;
    comparison exact, at_least, at_most or about (see planeval.yearly_targets)."""
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
                "from_baseline": b.from_baseline,
                "goal": b.goal,
                "explanation": b.explanation,
                "years": [
                    {
                        "year": row.year,
                        "value": row.value,
                        "comparison": row.comparison.value,
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


def _year_target(value: float | None) -> str:
    return format_number(value, YEAR_TARGET_DIGITS)


def _year_cell(breakdown: Breakdown, year: int) -> str:
    """The year's target as a plan table writes it (``≥6.5``, ``≤5.5``, ``5左右``), marked * when
    published; a band without one number as its text."""
    row = next((r for r in breakdown.years if r.year == year), None)
    if row is None:
        return "—"
    if row.value is not None:
        shown = row.comparison.show(_year_target(row.value))
    else:
        shown = row.override_text or (breakdown.target.text if row.rule is Rule.BOUND else "") or "—"
    return f"{shown}{OVERRIDE_MARK}" if row.overridden else shown


def _target_notes(breakdown: Breakdown) -> list[str]:
    """The explanation, then each published target beside what the breakdown computed."""
    notes = [breakdown.explanation]
    for row in breakdown.years:
        if row.overridden:
            source = f"（{row.override_source}）" if row.override_source else ""
            computed = f"，按分解应为{_year_target(row.computed)}" if row.computed is not None else ""
            notes.append(f"{OVERRIDE_MARK}{row.year}年度目标{row.override_text}{source}{computed}")
    return notes


def _print_targets(title: str, as_of: Period, years: list[int], breakdowns: tuple[Breakdown, ...],
                   console: Console) -> None:  # fmt: skip
    """One row per indicator, one column per remaining year; published targets marked *."""
    table = ruled_table(f"{title}\n年度目标分解（截至{chinese_label(as_of)}）", TARGET_COLUMNS)
    for year in years:
        table.add_column(f"{year}年", justify="right")
    for b in breakdowns:
        latest = value_in_period(b.latest.value, b.latest.period) if b.latest else "—"
        method = b.rule.label if b.rule else "不分解"
        cells = [b.code, b.indicator.name, b.indicator.unit, latest, b.indicator.target.text or "—", method]
        table.add_row(*cells, *(_year_cell(b, year) for year in years))
    console.print(table)
    console.print("说明：", style="bold")
    for b in breakdowns:
        console.print(f"{b.code} {b.indicator.name}：{'；'.join(_target_notes(b))}", highlight=False, overflow="fold")
    console.print(f"{OVERRIDE_MARK} 已公布或设定的年度目标，优先于分解值；其后年份据此重算。", highlight=False)
