"""The report as one self-contained HTML5 page: CSS inline, charts embedded as base64 PNG.

The page draws the :class:`~planeval.reports.model.Report` block by block and computes nothing:
every text comes from the model and is escaped, so names, comments and the office's text may
hold markup without it reaching the page as markup. It needs no network to show or print
(A4, table headers repeated on every page).
"""

from __future__ import annotations

import base64
from functools import singledispatch
from html import escape
from string import Template

from planeval.reports import charts
from planeval.reports.model import (
    ANNEX_COLUMNS,
    Block,
    Heading,
    IndicatorRow,
    IndicatorTable,
    Paragraph,
    PathChart,
    ProgressChart,
    Report,
    VerdictChart,
)

# The annex table alone also shows 评价依据 (each row's explanation); the model marks it only by
# its caption.
EXPLANATION_COLUMN = "评价依据"
VERDICT_COLUMN = ANNEX_COLUMNS.index("评价结论")
LEFT_COLUMNS = (ANNEX_COLUMNS.index("指标"), len(ANNEX_COLUMNS))  # 指标 and 评价依据: running text
# Short figures that read badly when broken across lines (预/期/性, 9.4（2022/年）).
NOWRAP_COLUMNS = tuple(
    ANNEX_COLUMNS.index(c) for c in ("序号", "属性", "基期值", "最新值及期别", "时间进度", "完成进度")
)
VERDICT_TINT = "24"  # alpha (hex) of the verdict colour behind a verdict cell, so text stays legible


def _cells(columns: tuple[int, ...]) -> str:
    """A CSS selector of the body cells of ``columns`` (0-based)."""
    return ", ".join(f"td:nth-child({column + 1})" for column in columns)


SERIF = '"Noto Serif CJK SC", "Songti SC", "SimSun", serif'
SANS = '"Noto Sans CJK SC", "Microsoft YaHei", "SimHei", sans-serif'
STYLE = Template("""
@page { size: A4; margin: 20mm; }
@page annex { size: A4 landscape; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { max-width: 900px; margin: 0 auto; padding: 24px; font-family: $serif; font-size: 16px;
  line-height: 1.8; color: #1a1a1a; background: #fff; }
h1, h2, h3, caption, figcaption, th { font-family: $sans; }
h1 { font-size: 1.6em; line-height: 1.4; text-align: center; margin: 0.5em 0 0.2em; }
h2 { font-size: 1.3em; margin: 1.6em 0 0.6em; break-after: avoid; }
h3 { font-size: 1.1em; margin: 1.2em 0 0.4em; break-after: avoid; }
header { margin-bottom: 2em; text-align: center; }
header p { margin: 0.2em 0; text-indent: 0; text-align: center; }
p { margin: 0.5em 0; text-indent: 2em; text-align: justify; }
p.placeholder { background: #fff3a0; border: 1px dashed #b38f00; padding: 0.2em 0.6em; }
figure { margin: 1.2em 0; text-align: center; break-inside: avoid; }
figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.85em; color: #444; margin-top: 0.3em; }
table { width: 100%; border-collapse: collapse; margin: 1em 0 1.5em; font-size: 12px; line-height: 1.5; }
caption { font-weight: bold; font-size: 14px; margin-bottom: 0.4em; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #888; padding: 3px 5px; text-align: center; vertical-align: middle; }
th { background: #e8ecf1; font-weight: bold; white-space: nowrap; }
$left_columns { text-align: left; }
$nowrap_columns { white-space: nowrap; }
section.annex { break-before: page; page: annex; }
@media print { body { padding: 0; font-size: 11pt; } table { font-size: 8.5pt; } }
""").substitute(serif=SERIF, sans=SANS, left_columns=_cells(LEFT_COLUMNS), nowrap_columns=_cells(NOWRAP_COLUMNS))


def render_html(report: Report) -> str:
    """The whole report as an HTML5 document (UTF-8, ``lang="zh-CN"``) with no external resource."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(report.title)}</title>",
        f"<style>{STYLE}{_verdict_style()}</style>",
        "</head>",
        "<body>",
        _header(report),
        "<main>",
        *(render_block(block) for block in report.body),
        "</main>",
        '<section class="annex">',
        *(render_block(block) for block in report.annex),
        "</section>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _verdict_style() -> str:
    """One rule per verdict, in the colours of the charts."""
    return "".join(
        f"td.verdict-{verdict.value} {{ background: {colour}{VERDICT_TINT}; border-left: 4px solid {colour}; }}\n"
        for verdict, colour in charts.VERDICT_COLOURS.items()
    )


def _header(report: Report) -> str:
    lines = [f"<h1>{escape(report.title)}</h1>", f'<p class="subtitle">{escape(report.subtitle)}</p>']
    for css, text in (("issuer", report.issuer), ("date", report.date)):
        if text:
            lines.append(f'<p class="{css}">{escape(text)}</p>')
    return "<header>\n" + "\n".join(lines) + "\n</header>"


@singledispatch
def render_block(block: Block) -> str:
    """The HTML of one block of the report model."""
    raise TypeError(f"no HTML for report block {type(block).__name__}")


@render_block.register
def _heading(block: Heading) -> str:
    tag = f"h{min(block.level + 1, 6)}"  # the page's <h1> is the report title
    return f"<{tag}>{escape(block.text)}</{tag}>"


@render_block.register
def _paragraph(block: Paragraph) -> str:
    attributes = ' class="placeholder"' if block.placeholder else ""
    return f"<p{attributes}>{escape(block.text)}</p>"


@render_block.register
def _table(block: IndicatorTable) -> str:
    explained = block.explained
    columns = ANNEX_COLUMNS + ((EXPLANATION_COLUMN,) if explained else ())
    head = "".join(f'<th scope="col">{escape(column)}</th>' for column in columns)
    rows = "\n".join(_row(row, explained) for row in block.rows)
    return (
        f'<table class="indicators">\n<caption>{escape(block.caption)}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"
    )


def _row(row: IndicatorRow, explained: bool) -> str:
    cells = list(row.cells) + ([row.explanation] if explained else [])
    tds = [
        f'<td class="verdict-{row.verdict.value}">{escape(text)}</td>'
        if column == VERDICT_COLUMN
        else f"<td>{escape(text)}</td>"
        for column, text in enumerate(cells)
    ]
    return "<tr>" + "".join(tds) + "</tr>"


@render_block.register(VerdictChart)
@render_block.register(ProgressChart)
@render_block.register(PathChart)
def _chart(block: VerdictChart | ProgressChart | PathChart) -> str:
    title = escape(block.title)
    return "\n".join(
        f'<figure><img src="data:image/png;base64,{base64.b64encode(image).decode("ascii")}" alt="{title}">'
        f"<figcaption>{title}</figcaption></figure>"
        for image in charts.render(block)
    ) + (f'\n<p class="note">{escape(block.note)}</p>' if isinstance(block, ProgressChart) and block.note else "")
