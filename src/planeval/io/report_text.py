"""The office's own text for the evaluation report, kept in the plan folder as ``report.yaml``.

::

    title: 金华市国民经济和社会发展第十四个五年规划纲要实施中期评估报告
    issuer: 金华市发展和改革委员会
    adopted: 2021年2月25日
    preface: |
      …
    chapters:
      - title: 坚持创新驱动发展，建设高水平创新型城市
        indicators: [N04, N05, N06]      # codes (or names) of the chapter's indicators
        requirement: |                   # 规划要求
          …
        achievements: |                  # 主要成效
          …
        assessment: |                    # 实施评价
          …
    problems: |                          # 存在问题
      …
    recommendations: |                   # 对策建议
      …

Every field is optional: what is missing appears in the report as a visible placeholder.
Paragraphs are separated by a blank line.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import yaml

from planeval.domain.plan import Plan
from planeval.io.csv_files import read_text
from planeval.io.rows import Where
from planeval.reports.model import ChapterText, OfficeText

REPORT_FILE = "report.yaml"
TEXT_FIELDS = ("title", "issuer", "adopted", "date", "preface", "problems", "recommendations")
CHAPTER_FIELDS = ("requirement", "achievements", "assessment")
FIELDS = (*TEXT_FIELDS, "chapters")
CHAPTER_KEYS = ("title", "indicators", *CHAPTER_FIELDS)


def read_office_text(folder: Path, plan: Plan) -> OfficeText:
    """The office's text in ``folder/report.yaml``, or an empty :class:`OfficeText` when the
    folder has none.

    Raises:
        PlanFormatError: invalid YAML, a field that is not text, or a chapter naming an
            indicator the plan does not have; the error names the file and the field.
    """
    path = folder / REPORT_FILE
    if not path.is_file():
        return OfficeText()
    where = Where(str(path))
    try:
        document = yaml.safe_load(read_text(path)) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise Where(str(path), line).error(None, f"is not valid YAML: {getattr(error, 'problem', error)}") from None
    if not isinstance(document, dict):
        raise where.error(None, "expected a mapping of title, preface, chapters, problems, recommendations")
    _known(document, FIELDS, "", where)
    chapters = document.get("chapters") or []
    if not isinstance(chapters, list):
        raise where.error("chapters", "expected a list of chapters")
    texts = {name: _text(document, name, where) for name in TEXT_FIELDS}
    return OfficeText(**texts, chapters=tuple(_chapter(c, i, plan, where) for i, c in enumerate(chapters)))


def _known(mapping: dict[str, Any], allowed: tuple[str, ...], prefix: str, where: Where) -> None:
    unknown = [str(key) for key in mapping if key not in allowed]
    if unknown:
        raise where.error(prefix + unknown[0], f"is not a field; expected one of {', '.join(allowed)}")


def _text(mapping: dict[str, Any], name: str, where: Where, label: str = "") -> str | None:
    value = mapping.get(name)
    if value is None:
        return None
    if isinstance(value, datetime.date):  # adopted: 2021-02-25, as YAML reads a date
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise where.error(label or name, "expected text")
    return str(value)


def _chapter(entry: Any, position: int, plan: Plan, where: Where) -> ChapterText:
    label = f"chapters[{position}]"
    if not isinstance(entry, dict) or not _text(entry, "title", where, f"{label}.title"):
        raise where.error(label, "expected a mapping with a title")
    _known(entry, CHAPTER_KEYS, f"{label}.", where)
    keys = entry.get("indicators") or []
    if not isinstance(keys, list):
        raise where.error(f"{label}.indicators", "expected a list of indicator codes or names, e.g. [N04, N05]")
    codes: list[str] = []
    for key in keys:
        found = next((i for i in plan.indicators if str(key) in (i.code, i.name)), None)
        if found is None:
            raise where.error(f"{label}.indicators", f"the plan has no indicator {key!r}")
        if found.code in codes:
            raise where.error(f"{label}.indicators", f"{key!r} is listed twice")
        codes.append(found.code)
    fields = {name: _text(entry, name, where, f"{label}.{name}") for name in CHAPTER_FIELDS}
    return ChapterText(title=str(entry["title"]), indicators=tuple(codes), **fields)
