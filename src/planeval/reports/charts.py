"""Charts of the report, drawn with matplotlib into PNG images.

Each chart block of the report model becomes one or more PNG images (bytes); the charts
compute nothing beyond placing what the model holds, and carry no title of their own: the
renderers caption them (图1 …). Chinese text needs a CJK font: the first
of :data:`CJK_FONTS` that is installed is used (Debian: ``fonts-noto-cjk``); without one the
charts still build, with a :class:`MissingFontWarning`, and CJK glyphs show as boxes.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from functools import cache, lru_cache

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from planeval.domain.verdict import Verdict  # noqa: E402
from planeval.reports.model import Block, PathChart, PathPanel, ProgressChart, VerdictChart  # noqa: E402

CJK_FONTS = (
    "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "Source Han Serif SC", "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC",
)  # fmt: skip
VERDICT_COLOURS = {
    Verdict.TARGET_REACHED: "#1b7837",
    Verdict.AHEAD: "#5aae61",
    Verdict.ON_SCHEDULE: "#4393c3",
    Verdict.BEHIND: "#d6604d",
    Verdict.NOT_EVALUATED: "#999999",
}
WIDTH_INCHES = 6.1  # the text width of an A4 page with GB/T 9704 margins (156 mm)
DPI = 200
PANELS_PER_FIGURE = 6
PROGRESS_AXIS_LIMIT = 1.5  # bars beyond 150 % are cut and labelled with their value


class MissingFontWarning(UserWarning):
    """No CJK font is installed: Chinese text in the charts cannot be drawn."""


@cache
def cjk_font() -> str | None:
    """The name of the first installed font of :data:`CJK_FONTS`, or None (with a warning)."""
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            return name
    warnings.warn(
        "no CJK font found (install Debian's fonts-noto-cjk): Chinese text in the charts will not show",
        MissingFontWarning,
        stacklevel=2,
    )
    return None


def _fonts() -> None:
    font = cjk_font()
    plt.rcParams.update({"font.size": 9, "axes.unicode_minus": False})
    if font:
        plt.rcParams["font.sans-serif"] = [font, "DejaVu Sans"]
        plt.rcParams["font.family"] = "sans-serif"


def _figure(height: float) -> tuple[Figure, Axes]:
    _fonts()
    figure, axes = plt.subplots(figsize=(WIDTH_INCHES, height))
    return figure, axes


def _png(figure: Figure, tight: bool = True) -> bytes:
    """The figure as PNG; ``tight`` trims the margins, at the cost of drawing it twice."""
    buffer = io.BytesIO()
    figure.savefig(
        buffer, format="png", dpi=DPI, bbox_inches="tight" if tight else None, pil_kwargs={"compress_level": 1}
    )
    plt.close(figure)
    return buffer.getvalue()


def verdict_chart(block: VerdictChart) -> bytes:
    """Horizontal bars: the number of indicators of each verdict, split 预期性 / 约束性."""
    figure, axes = _figure(2.4)
    rows = [row for row in block.counts if row[1] + row[2]]
    labels = [verdict.label for verdict, _, _ in rows]
    expected = [e for _, e, _ in rows]
    binding = [b for _, _, b in rows]
    positions = range(len(rows))
    colours = [VERDICT_COLOURS[verdict] for verdict, _, _ in rows]
    axes.barh(positions, expected, color=colours, label="预期性")
    axes.barh(positions, binding, left=expected, color=colours, hatch="///", edgecolor="white", label="约束性")
    for position, e, b in zip(positions, expected, binding, strict=True):
        axes.text(e + b + 0.2, position, f"{e + b}项（预期性{e}、约束性{b}）", va="center", fontsize=8)
    axes.set_yticks(list(positions), labels)
    axes.invert_yaxis()
    axes.set_xlim(0, max(e + b for e, b in zip(expected, binding, strict=True)) * 1.6 + 1)
    axes.set_xlabel("指标数（项）")
    shading = [Patch(facecolor="#bbbbbb", label="预期性"), Patch(facecolor="#bbbbbb", hatch="///", label="约束性")]
    axes.legend(handles=shading, loc="lower right", fontsize=7)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def progress_chart(block: ProgressChart) -> bytes:
    """One bar per indicator (完成进度), grouped by aspect, with its time share (时间进度) marked."""
    bars = block.bars
    figure, axes = _figure(0.8 + 0.28 * len(bars))
    positions = list(range(len(bars)))
    shown = [max(min(bar.progress, PROGRESS_AXIS_LIMIT), -0.5) for bar in bars]
    axes.barh(positions, shown, color=[VERDICT_COLOURS[bar.verdict] for bar in bars], height=0.6)
    axes.scatter([bar.time_share for bar in bars], positions, marker="|", s=220, color="black", zorder=3)
    for position, bar, width in zip(positions, bars, shown, strict=True):
        axes.text(max(width, 0) + 0.02, position, f"{bar.progress * 100:.0f}%", va="center", fontsize=7)
    axes.set_yticks(positions, [_short(bar.name) for bar in bars], fontsize=7)
    _aspect_bands(axes, [bar.aspect for bar in bars])
    axes.invert_yaxis()
    axes.axvline(0, color="black", linewidth=0.6)
    axes.set_xlim(min(-0.05, min(shown) - 0.05), PROGRESS_AXIS_LIMIT + 0.25)
    axes.xaxis.set_major_formatter(lambda value, _: f"{value * 100:.0f}%")
    axes.set_xlabel("完成规划目标的比例（竖线为时间进度）")
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def _short(name: str, limit: int = 16) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _aspect_bands(axes: Axes, aspects: Sequence[str]) -> None:
    """Shade every other aspect and write its name at the right edge."""
    start = 0
    for index, aspect in enumerate(aspects):
        if index + 1 == len(aspects) or aspects[index + 1] != aspect:
            if len({a for a in aspects[: start + 1]}) % 2 == 0:
                axes.axhspan(start - 0.5, index + 0.5, color="#f0f0f0", zorder=0)
            axes.text(1.01, (start + index) / 2, aspect, transform=axes.get_yaxis_transform(), ha="left",
                      va="center", fontsize=7, color="#555555")  # fmt: skip
            start = index + 1


def path_charts(block: PathChart) -> list[bytes]:
    """The lagging indicators, up to :data:`PANELS_PER_FIGURE` panels an image: actual values
    (solid), the required path (dashed) and the target (dotted)."""
    images = []
    for first in range(0, len(block.panels), PANELS_PER_FIGURE):
        panels = block.panels[first : first + PANELS_PER_FIGURE]
        rows = (len(panels) + 1) // 2
        _fonts()
        figure, grid = plt.subplots(rows, 2, figsize=(WIDTH_INCHES, 2.2 * rows), squeeze=False, layout="constrained")
        for axes, panel in zip(grid.flat, panels, strict=False):
            _path_panel(axes, panel)
        for axes in list(grid.flat)[len(panels) :]:
            axes.set_visible(False)
        legend = {
            label: handle for axes in grid.flat for handle, label in zip(*axes.get_legend_handles_labels(), strict=True)
        }
        figure.legend(legend.values(), legend.keys(), loc="outside lower center", ncols=3, fontsize=7, frameon=False)
        images.append(_png(figure, tight=False))  # the constrained layout already fits the page
    return images


def _path_panel(axes: Axes, panel: PathPanel) -> None:
    if panel.required:
        axes.plot(*zip(*panel.required, strict=True), linestyle="--", color="#4393c3", label="规划路径")
    axes.plot(*zip(*panel.actual, strict=True), marker="o", markersize=3, color="#d6604d", label="实际值")
    if panel.target is not None:
        axes.axhline(panel.target, linestyle=":", color="#1b7837", linewidth=1, label="目标值")
    axes.set_title(_short(panel.name, 20), fontsize=8)
    axes.set_ylabel(panel.unit, fontsize=7)
    axes.tick_params(labelsize=7)
    axes.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)


@lru_cache(maxsize=16)
def render(block: Block) -> tuple[bytes, ...]:
    """The PNG images of a chart block; empty for any other block. Remembered, so the Word and
    HTML renderers of one report draw each chart once."""
    if isinstance(block, VerdictChart):
        return (verdict_chart(block),)
    if isinstance(block, ProgressChart):
        return (progress_chart(block),)
    if isinstance(block, PathChart):
        return tuple(path_charts(block))
    return ()
