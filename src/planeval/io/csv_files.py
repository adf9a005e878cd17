"""Reading CSV files as Chinese offices save them: UTF-8 (with or without BOM) or GB18030."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from pathlib import Path

from planeval.errors import PlanFormatError

ENCODINGS = ("utf-8-sig", "gb18030")


def read_csv(
    path: Path, required_columns: tuple[str, ...], aliases: Mapping[str, str] | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(row_number, row)`` for each non-blank data row (the header is row 1).

    Header names are stripped, lower-cased and renamed by ``aliases`` (``{"指标": "name"}``)
    before the required columns are checked; every header column is a key of ``row`` (a row
    with fewer cells than the header has its missing trailing cells empty).

    Raises:
        PlanFormatError: the file cannot be decoded, is empty, or lacks a required column.
    """
    content = read_text(path)
    reader = csv.reader(content.splitlines())
    header = next(reader, None)
    if not header:
        raise PlanFormatError(str(path), "is empty; expected a header row")
    columns = [name.strip().lower() for name in header]
    columns = [(aliases or {}).get(name, name) for name in columns]
    missing = [name for name in required_columns if name not in columns]
    if missing:
        others = f" (also missing: {', '.join(missing[1:])})" if len(missing) > 1 else ""
        message = f"is missing from the header, which has {', '.join(columns)}{others}"
        raise PlanFormatError(str(path), message, 1, missing[0])
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(columns):
            raise PlanFormatError(
                str(path), f"has {len(cells)} cells but the header has {len(columns)} columns", number
            )
        cells += [""] * (len(columns) - len(cells))
        yield number, dict(zip(columns, (cell.strip() for cell in cells), strict=True))


def read_text(path: Path) -> str:
    """The text of ``path``, decoded as UTF-8 (with or without BOM) or GB18030.

    Raises:
        PlanFormatError: the file is neither.
    """
    data = path.read_bytes()
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PlanFormatError(str(path), "is neither UTF-8 nor GB18030 text")
