"""An evaluation as plain data, CSV and Markdown: what scripts, spreadsheets and the web read.

:func:`evaluation_to_dict` is the one place an :class:`Evaluation` becomes JSON-ready data; the
CSV and Markdown writers take their rows from it, so every format says the same thing.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from planeval.domain.evaluation import Evaluation
from planeval.domain.indicator import Attribute
from planeval.domain.numbers import format_percent
from planeval.domain.observation import Observation
from planeval.domain.period import chinese_label
from planeval.domain.projection import Projection, Trend
from planeval.domain.result import IndicatorResult
from planeval.domain.summary import Summary
from planeval.domain.verdict import Verdict
from planeval.evaluate import disagree

CSV_COLUMNS = (
    "code",
    "name",
    "aspect",
    "unit",
    "attribute",
    "target_text",
    "kind",
    "baseline",
    "latest_period",
    "latest_value",
    "time_share",
    "progress",
    "achieved",
    "required",
    "gap",
    "needed_per_year",
    "verdict",
    "verdict_label",
    "reason",
    "explanation",
)


def _round(value: float | None, digits: int = 6) -> float | None:
    return None if value is None else round(value, digits)


def observation_to_dict(observation: Observation) -> dict[str, Any]:
    return {
        "period": str(observation.period),
        "value": observation.value,
        "unit": observation.unit,
        "vintage": observation.vintage,
        "source": observation.source,
        "note": observation.note,
    }


def result_to_dict(result: IndicatorResult) -> dict[str, Any]:
    """One indicator's result; fractions stay fractions (0.4 = 40 %), rates stay in %."""
    indicator = result.indicator
    latest = result.observations[-1] if result.observations else None
    return {
        "code": indicator.code,
        "name": indicator.name,
        "aspect": indicator.aspect,
        "unit": indicator.unit,
        "attribute": indicator.attribute.value,
        "direction": indicator.direction.value,
        "department": indicator.department,
        "target_text": indicator.target.text,
        "kind": result.kind.value if result.kind else None,
        "verdict": result.verdict.value,
        "verdict_label": result.verdict.label,
        "reason": result.reason.value if result.reason else None,
        "reason_label": result.reason.label if result.reason else None,
        "time_share": _round(result.time_share),
        "progress": _round(result.progress),
        "schedule_ratio": _round(result.schedule_ratio),
        "achieved": _round(result.achieved),
        "required": _round(result.required),
        "target_value": _round(result.target_value),
        "gap": _round(result.gap),
        "needed_per_year": _round(result.needed_per_year),
        "needed_growth": _round(result.needed_growth),
        "baseline": _round(result.baseline),
        "plan_baseline": indicator.baseline.value,
        "latest_period": str(result.latest_period) if result.latest_period else None,
        "latest_value": latest.value if latest else None,
        "provisional": result.provisional,
        "status": result.status or None,
        "status_label": result.status_label or None,
        "projection": projection_to_dict(result.projection),
        "observations": [observation_to_dict(o) for o in result.observations],
        "notes": list(result.notes),
        "explanation": result.explanation,
    }


def _trend(trend: Trend | None) -> dict[str, float | None] | None:
    if trend is None:
        return None
    return {"value": _round(trend.value), "low": _round(trend.low), "high": _round(trend.high)}


def projection_to_dict(projection: Projection | None) -> dict[str, Any] | None:
    """The trend projections to the target year with their 95 % intervals, or None."""
    if projection is None:
        return None
    return {
        "year": projection.year,
        "unit": projection.unit,
        "points": projection.points,
        "linear": _trend(projection.linear),
        "log_linear": _trend(projection.log_linear),
    }


def comparison_to_dict(evaluations: dict[str, Evaluation]) -> dict[str, Any]:
    """Every method side by side: per indicator a ``methods`` object keyed by method name, and
    ``disagreement`` where the methods split on whether it meets its schedule."""
    first = next(iter(evaluations.values()))
    indicators = []
    for position, result in enumerate(first.results):
        row = {key: value for key, value in result_to_dict(result).items() if key in COMPARISON_KEYS}
        results = [evaluation.results[position] for evaluation in evaluations.values()]
        row["methods"] = {name: _method_entry(r) for name, r in zip(evaluations, results, strict=True)}
        row["disagreement"] = disagree(results)
        indicators.append(row)
    return {
        "plan": evaluation_to_dict(first)["plan"],
        "as_of": str(first.as_of),
        "method": "all",
        "methods": list(evaluations),
        "indicators": indicators,
        "summaries": {name: summary_to_dict(e.summary) for name, e in evaluations.items()},
    }


def _comparison_rows(evaluations: dict[str, Evaluation]) -> list[list[Any]]:
    first = next(iter(evaluations.values()))
    rows = []
    for position, result in enumerate(first.results):
        results = [evaluation.results[position] for evaluation in evaluations.values()]
        labels = [r.status_label or r.verdict.label for r in results]
        rows.append(
            [position + 1, result.indicator.code, result.indicator.name, *labels, "是" if disagree(results) else ""]
        )
    return rows


def comparison_to_csv(evaluations: dict[str, Evaluation]) -> str:
    """One row per indicator: 序号, code, name, one column per method (its class in Chinese), 分歧."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["序号", "code", "name", *evaluations, "分歧"])
    writer.writerows([neutralise(cell) for cell in row] for row in _comparison_rows(evaluations))
    return buffer.getvalue()


def comparison_to_markdown(evaluations: dict[str, Evaluation]) -> str:
    """The comparison as a Markdown table, rows where the methods disagree marked 是."""
    header = ["序号", "代码", "指标", *evaluations, "分歧"]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in _comparison_rows(evaluations)]
    return "\n".join(lines) + "\n"


COMPARISON_KEYS = ("code", "name", "aspect", "unit", "attribute", "target_text", "latest_period", "latest_value",
                   "projection")  # fmt: skip


def _method_entry(result: IndicatorResult) -> dict[str, Any]:
    return {
        "verdict": result.verdict.value,
        "verdict_label": result.verdict.label,
        "status": result.status or result.verdict.value,
        "status_label": result.status_label or result.verdict.label,
        "reason": result.reason.value if result.reason else None,
        "progress": _round(result.progress),
        "explanation": result.explanation,
    }


def summary_to_dict(summary: Summary) -> dict[str, Any]:
    """Counts by verdict × attribute, by aspect and by not-evaluated reason, and the paragraph."""
    return {
        "total": summary.total,
        "meeting_schedule": summary.meeting_schedule,
        "counts": {
            verdict.value: {
                **{a.value: summary.count([verdict], a) for a in Attribute},
                "total": summary.count([verdict]),
            }
            for verdict in Verdict
        },
        "aspects": [
            {"aspect": a.aspect, "total": a.total, **{v.value: a.counts.get(v, 0) for v in Verdict}}
            for a in summary.aspects
        ],
        "not_evaluated_reasons": {reason.value: n for reason, n in summary.reasons.items()},
        "paragraph": summary.paragraph,
    }


def evaluation_to_dict(evaluation: Evaluation) -> dict[str, Any]:
    """The whole evaluation: ``{"plan", "as_of", "method", "settings", "indicators", "summary"}``."""
    plan = evaluation.plan
    return {
        "plan": {
            "title": plan.title,
            "region": plan.region,
            "base_year": plan.base_year,
            "start_year": plan.start_year,
            "end_year": plan.end_year,
        },
        "as_of": str(evaluation.as_of),
        "as_of_label": chinese_label(evaluation.as_of),
        "method": evaluation.method,
        "settings": vars(evaluation.settings),
        "indicators": [result_to_dict(r) for r in evaluation.results],
        "summary": summary_to_dict(evaluation.summary),
    }


def evaluation_to_csv(evaluation: Evaluation) -> str:
    """One row per indicator with the columns of :data:`CSV_COLUMNS`; text that a spreadsheet
    would take for a formula is neutralised (see :func:`neutralise`)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for result in evaluation.results:
        writer.writerow({key: neutralise(value) for key, value in result_to_dict(result).items()})
    return buffer.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet takes text for a formula by (OWASP, "CSV Injection"): every spreadsheet
the project writes asks :func:`formula_like` — the CSV files here, the Excel report and every
workbook of the site through :func:`planeval.reports.xlsx.put_cell`."""


def formula_like(value: Any) -> bool:
    """True for text a spreadsheet would run as a formula (``=HYPERLINK(…)``, ``@SUM(…)``,
    ``-3`` as text); numbers are never formula-like, whatever their sign."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralise(value: Any) -> Any:
    """For CSV: formula-like text (:func:`formula_like`) gets a leading apostrophe (OWASP's
    advice); numbers and other text pass unchanged."""
    return "'" + value if formula_like(value) else value


def _cell(value: Any) -> str:
    return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")


def _percent(value: float | None) -> str:
    return "" if value is None else format_percent(value)


def evaluation_to_markdown(evaluation: Evaluation) -> str:
    """The annex table of the report (序号 … 责任单位, and 评价依据) in Markdown, followed by the
    summary paragraph; the cells are those of the Word and Excel report."""
    from planeval.reports.model import ANNEX_COLUMNS, indicator_row

    header = (*ANNEX_COLUMNS, "评价依据")
    lines = [
        f"# {evaluation.plan.title}：主要指标进度评价（截至{chinese_label(evaluation.as_of)}）",
        "",
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
    ]
    for number, result in enumerate(evaluation.results, start=1):
        row = indicator_row(number, result)
        lines.append("| " + " | ".join(_cell(c) for c in (*row.cells, row.explanation)) + " |")
    lines += ["", evaluation.summary.paragraph, ""]
    return "\n".join(lines)
