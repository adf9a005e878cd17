"""Time the evaluation core on a generated plan.

    python benchmarks/bench_core.py [--indicators 10000] [--repeat 5]

Generates a plan of N indicators cycling through the target kinds of the national 14th FYP
table (level, floor, ceiling, average growth, cumulative reduction, cumulative total, cumulative
change, in step with GDP), five years of observations each, and times ``evaluate`` (the core
only: no file reading). Prints the best and median wall time of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from planeval.domain.indicator import Attribute, Baseline, Indicator, implied_direction
from planeval.domain.observation import Observation
from planeval.domain.period import Period
from planeval.domain.plan import Plan
from planeval.domain.target import parse_target
from planeval.evaluate import evaluate

KINDS = (
    ("常住人口城镇化率", "%", "65", 60.0),
    ("粮食综合生产能力", "亿吨", ">6.5", 6.6),
    ("城镇调查失业率", "%", "<5.5", 5.2),
    ("研发经费投入增长", "%", ">7", None),
    ("单位GDP能源消耗降低", "%", "〔13.5〕", None),
    ("城镇新增就业", "万人", "〔5500〕", None),
    ("人均预期寿命", "岁", "〔1〕", 77.9),
    ("居民人均可支配收入增长", "%", "与GDP增长基本同步", None),
)


def generate(count: int, seed: int = 1) -> tuple[Plan, list[Observation]]:
    """A plan of ``count`` indicators (plus one GDP growth reference) and 5 years of values each."""
    rng = random.Random(seed)
    gdp = _indicator("G0", "国内生产总值增长", "%", ">5", None)
    indicators, observations = (
        [gdp],
        [Observation("G0", Period.of_year(y), rng.uniform(2, 8)) for y in range(2021, 2026)],
    )
    for n in range(count):
        name, unit, target, base = KINDS[n % len(KINDS)]
        code = f"I{n:05d}"
        indicators.append(_indicator(code, name, unit, target, base))
        start = base if base is not None else 5.0
        for year in range(2021, 2026):
            value = (
                start * rng.uniform(0.95, 1.1) if base is not None else rng.uniform(0, 1200 if unit == "万人" else 8)
            )
            observations.append(Observation(code, Period.of_year(year), value))
    return Plan(title="generated", base_year=2020, end_year=2025, indicators=tuple(indicators)), observations


def _indicator(code: str, name: str, unit: str, text: str, base: float | None) -> Indicator:
    target = parse_target(text, name=name, unit=unit, growth_rate="增长" in name)
    return Indicator(
        code=code,
        name=name,
        unit=unit,
        aspect="generated",
        attribute=Attribute.EXPECTED,
        direction=implied_direction(target, base),
        baseline=Baseline(2020, base),
        target=target,
        target_year=2025,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    plan, observations = generate(args.indicators)
    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        evaluation = evaluate(plan, observations, Period.of_year(2024))
        times.append(time.perf_counter() - started)
    counts = {
        v.value: n for v, n in ((v, evaluation.summary.count([v])) for v in type(evaluation.results[0].verdict)) if n
    }
    print(f"indicators: {len(plan.indicators)}  observations: {len(observations)}")
    print(f"evaluate: best {min(times):.3f} s, median {statistics.median(times):.3f} s over {args.repeat} runs")
    print(f"verdicts: {counts}")


if __name__ == "__main__":
    main()
