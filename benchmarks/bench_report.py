"""Time the evaluation report of a generated 40-indicator, 12-chapter plan.

    python benchmarks/bench_report.py [--indicators 40] [--chapters 12] [--repeat 3]

Builds the report model with office text for every chapter, then writes the Word document
(with its charts), the Excel workbook and the HTML page into a temporary folder, and prints
the best and median wall time of the whole job and of each step. Target: ≤ 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_core import generate  # noqa: E402

from planeval.domain.period import Period  # noqa: E402
from planeval.evaluate import evaluate  # noqa: E402
from planeval.reports import charts  # noqa: E402
from planeval.reports.docx import write_docx  # noqa: E402
from planeval.reports.html import render_html  # noqa: E402
from planeval.reports.model import ChapterText, OfficeText, build_report  # noqa: E402
from planeval.reports.xlsx import write_xlsx  # noqa: E402

PARAGRAPH = "（生成的基准测试文本，不是真实内容。）" * 6


def office_text(codes: list[str], chapters: int) -> OfficeText:
    share = -(-len(codes) // chapters)
    return OfficeText(
        title="基准测试报告",
        chapters=tuple(
            ChapterText(f"第{n + 1}章", tuple(codes[n * share : (n + 1) * share]), PARAGRAPH, PARAGRAPH, PARAGRAPH)
            for n in range(chapters)
        ),
        problems=PARAGRAPH,
        recommendations=PARAGRAPH,
    )


def run_once(indicators: int, chapters: int, folder: Path) -> dict[str, float]:
    plan, observations = generate(indicators - 1)
    charts.render.cache_clear()  # each run draws its charts anew
    times: dict[str, float] = {}
    started = time.perf_counter()
    evaluation = evaluate(plan, observations, Period.of_year(2023))
    report = build_report(evaluation, office_text([i.code for i in plan.indicators], chapters))
    times["evaluate+model"] = time.perf_counter() - started
    for name, write in (
        ("docx", lambda: write_docx(report, folder / "r.docx")),
        ("xlsx", lambda: write_xlsx(report, evaluation, folder / "t.xlsx")),
        ("html", lambda: (folder / "r.html").write_text(render_html(report), encoding="utf-8")),
    ):
        step = time.perf_counter()
        write()
        times[name] = time.perf_counter() - step
    times["total"] = time.perf_counter() - started
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=40)
    parser.add_argument("--chapters", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        runs = [run_once(args.indicators, args.chapters, Path(work)) for _ in range(args.repeat)]
    print(f"report of {args.indicators} indicators, {args.chapters} chapters, {args.repeat} runs:")
    for step in runs[0]:
        values = [run[step] for run in runs]
        print(f"  {step:15s} best {min(values):.3f} s, median {statistics.median(values):.3f} s")


if __name__ == "__main__":
    main()
