"""A small line of an indicator's values, drawn by the server as SVG: no script needed.

The x axis runs from the base year to the target year, so the line also shows how far into the
plan the data go; the required path, where there is one, is drawn faintly beneath it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from planeval.reports.paths import Point

WIDTH = 120
HEIGHT = 30
PAD = 4  # keeps the end dot and the stroke inside the box


@dataclass(frozen=True)
class Sparkline:
    """SVG polyline ``points`` strings in a ``WIDTH`` × ``HEIGHT`` box, and the last point."""

    actual: str
    required: str
    last_x: float
    last_y: float
    width: int = WIDTH
    height: int = HEIGHT


def _scale(low: float, high: float, size: float, flip: bool) -> Callable[[float], float]:
    span = (high - low) or 1.0

    def place(value: float) -> float:
        share = (value - low) / span if high != low else 0.5
        return PAD + (1 - share if flip else share) * (size - 2 * PAD)

    return place


def _points(path: Sequence[Point], x: Callable[[float], float], y: Callable[[float], float]) -> str:
    return " ".join(f"{x(px):.1f},{y(py):.1f}" for px, py in path)


def sparkline(actual: Sequence[Point], required: Sequence[Point], first: int, last: int) -> Sparkline | None:
    """The sparkline of ``actual`` over the years ``first``–``last``; None without values."""
    if not actual:
        return None
    xs = [p[0] for p in (*actual, *required)]
    values = [p[1] for p in (*actual, *required)]
    x = _scale(min(first, *xs), max(last, *xs), WIDTH, flip=False)
    y = _scale(min(values), max(values), HEIGHT, flip=True)
    end_x, end_y = actual[-1]
    return Sparkline(_points(actual, x, y), _points(required, x, y), round(x(end_x), 1), round(y(end_y), 1))
