"""Time the yearly-target breakdown and the early warnings on a generated plan.

    python benchmarks/bench_monitoring.py [--indicators 10000] [--tasks 2000] [--repeat 5]

The plan and values are those of ``bench_core.py`` (N indicators cycling through the national
table's target kinds, five years of values); the tasks are spread over 2021–2025 with yearly
milestones and progress updates at every stage of completion. Times ``yearly_targets`` as of
2022 and ``early_warnings`` on the evaluation as of 2022 (the evaluation itself is timed by
``bench_core.py`` and not counted here). Prints the best and median wall time of ``--repeat``
runs and how many of each result came out.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

from bench_core import generate

from planeval.domain.period import Period
from planeval.domain.task import Milestone, ProgressUpdate, Task
from planeval.early_warning import early_warnings
from planeval.evaluate import evaluate
from planeval.yearly_targets import yearly_targets

AS_OF = Period.of_year(2022)


def generate_tasks(count: int, seed: int = 1) -> list[Task]:
    """``count`` tasks of 1–5 years from 2021, each with a milestone per year and 0–4 updates."""
    rng = random.Random(seed)
    tasks = []
    for n in range(count):
        start = date(2021, 1, 1) + timedelta(days=rng.randrange(0, 365))
        due = date(start.year + rng.randrange(1, 5), 12, 31)
        milestones = tuple(
            Milestone(y, f"节点{y}", date(y, 11, 30) if rng.random() < 0.7 else None)
            for y in range(start.year, due.year + 1)
        )
        updates = tuple(
            ProgressUpdate(start + timedelta(days=90 * (k + 1)), min(100.0, 12.5 * (k + 1) * rng.uniform(0.5, 1.5)))
            for k in range(rng.randrange(0, 5))
        )
        tasks.append(Task(f"T{n:05d}", f"任务{n}", f"部门{n % 40}", start, due, milestones=milestones, updates=updates))
    return tasks


def _time(run: Callable[[], object], repeat: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return times, result


def _line(name: str, times: list[float]) -> str:
    return f"{name}: best {min(times):.3f} s, median {statistics.median(times):.3f} s over {len(times)} runs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=10_000)
    parser.add_argument("--tasks", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    plan, observations = generate(args.indicators)
    tasks = generate_tasks(args.tasks)
    evaluation = evaluate(plan, observations, AS_OF)
    times, breakdowns = _time(lambda: yearly_targets(plan, observations, AS_OF), args.repeat)
    print(f"indicators: {len(plan.indicators)}  observations: {len(observations)}  tasks: {len(tasks)}")
    print(_line("yearly_targets", times))
    print(f"  rules: {dict(Counter(b.rule.value for b in breakdowns if b.rule))}")
    times, warnings = _time(lambda: early_warnings(evaluation, tasks), args.repeat)
    print(_line("early_warnings", times))
    print(f"  warnings: {dict(Counter((w.level.value, w.rule) for w in warnings))}")


if __name__ == "__main__":
    main()
