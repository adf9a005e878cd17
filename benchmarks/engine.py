"""Time the vectorised engine on N generated region × indicator series.

    python benchmarks/engine.py --series 1000000

Generates N series of six yearly values (the base year and the five plan years, with some
values missing) spread over the target kinds, evaluates them with ``time_progress`` and
``cagr_ratio``, and prints one JSON line: ``series``, ``seconds`` (both methods), ``peak_mb``
(the process's peak resident memory), ``baseline_seconds`` (the time numpy takes just to sum the
same arrays once) and ``ratio`` (seconds / baseline_seconds). Targets: 1,000,000 series in ≤ 2 s
and ≤ 2 GB.
"""

from __future__ import annotations

import argparse
import json
import resource
import time

import numpy as np

from planeval.engine import Kind, SeriesBatch, cagr_ratio, time_progress

YEARS = 5
MISSING_SHARE = 0.1


def generate(count: int, seed: int = 1) -> SeriesBatch:
    """``count`` series with a base value and five yearly values, 10 % of values missing."""
    rng = np.random.default_rng(seed)
    kind = rng.integers(0, len(Kind), count).astype(np.int8)
    base = rng.uniform(10, 100, count)
    levels = base[:, None] * np.cumprod(rng.uniform(0.97, 1.08, (count, YEARS)), axis=1)
    rates = rng.uniform(-2, 9, (count, YEARS))
    rate_kind = np.isin(kind, (Kind.AVG_GROWTH, Kind.CUMULATIVE_REDUCTION))
    values = np.where(rate_kind[:, None], rates, levels)
    values[rng.random((count, YEARS)) < MISSING_SHARE] = np.nan
    target = np.where(rate_kind, rng.uniform(2, 15, count), base * rng.uniform(0.8, 1.5, count))
    direction = np.where(kind == Kind.CEILING, -1, np.where(target >= base, 1, -1)).astype(np.int8)
    direction = np.where(rate_kind | (kind == Kind.CUMULATIVE_TOTAL) | (kind == Kind.FLOOR), 1, direction)
    return SeriesBatch(values, kind, np.where(rate_kind, np.nan, base), target, direction.astype(np.int8),
                       rng.random(count) < 0.3, 2021, 2025)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=1_000_000)
    args = parser.parse_args()
    batch = generate(args.series)
    started = time.perf_counter()
    batch.values.sum()
    baseline_seconds = time.perf_counter() - started
    started = time.perf_counter()
    time_progress(batch)
    cagr_ratio(batch)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"series": args.series, "seconds": round(seconds, 3), "peak_mb": round(peak_mb, 1),
                      "baseline_seconds": round(baseline_seconds, 4),
                      "ratio": round(seconds / baseline_seconds, 1)}))  # fmt: skip


if __name__ == "__main__":
    main()
