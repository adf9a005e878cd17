"""A user's workbook read cell by cell, without trusting its size (``planeval.io.workbook_cells``)."""

from __future__ import annotations

import datetime
import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import Workbook

from planeval.errors import PlanFormatError
from planeval.io.workbook_cells import Cell, Limits, Merge, Overflow, read_workbook

SHEET_XML = "xl/worksheets/sheet1.xml"


def saved(book: Workbook, path: Path) -> Path:
    book.save(path)
    return path


def patched(path: Path, change: dict[str, str]) -> Path:
    """``path`` with its first sheet's XML edited as Excel would have written it: each pattern
    of ``change`` replaced (openpyxl cannot write cached formula results or such merges)."""
    source = zipfile.ZipFile(path)
    out = path.with_name("patched.xlsx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == SHEET_XML:
                text = data.decode()
                for pattern, replacement in change.items():
                    text = re.sub(pattern, replacement, text)
                data = text.encode()
            target.writestr(item, data)
    return out


def table() -> Workbook:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["代码", "2023年"])
    sheet.append(["N03", 66.16])
    return book


def test_it_keeps_only_the_cells_with_content_with_their_number_format(tmp_path: Path) -> None:
    book = table()
    sheet = book.active
    sheet["C2"] = 0.055
    sheet["C2"].number_format = "0.0%"
    sheet["D2"] = datetime.datetime(2023, 6, 1)
    sheet["E2"] = "   "  # blank text is no content
    sheet["F2"].number_format = "0.0"  # styled but empty

    [read] = read_workbook(saved(book, tmp_path / "cells.xlsx"))

    assert read.cells == {
        (1, 1): Cell("代码", "General"), (1, 2): Cell("2023年", "General"), (2, 1): Cell("N03", "General"),
        (2, 2): Cell(66.16, "General"), (2, 3): Cell(0.055, "0.0%"), (2, 4): Cell(datetime.datetime(2023, 6, 1),
                                                                                      "yyyy-mm-dd h:mm:ss"),
    }  # fmt: skip
    assert (read.rows, read.columns, read.overflow) == (2, 4, None)


@pytest.mark.parametrize(
    ("cell", "overflow"),
    [
        ("XFD1048576", Overflow("row", "XFD1048576", 10_000)),  # one stray cell: 17 billion cells as a rectangle
        ("A10001", Overflow("row", "A10001", 10_000)),
        ("SG1", Overflow("column", "SG1", 500)),  # column 501
    ],
)
def test_it_stops_at_content_beyond_the_limits_and_says_where(tmp_path: Path, cell: str, overflow: Overflow) -> None:
    book = table()
    book.active[cell] = " x"

    [read] = read_workbook(saved(book, tmp_path / "far.xlsx"))

    assert read.overflow == overflow and read.cells == {}


def test_it_reads_content_up_to_the_limits(tmp_path: Path) -> None:
    book = table()
    book.active["SF10000"] = "x"  # row 10,000 and column 500: the last cell allowed

    [read] = read_workbook(saved(book, tmp_path / "edge.xlsx"))

    assert read.overflow is None and read.cells[(10_000, 500)] == Cell("x", "General")


def test_it_says_what_lies_too_far_in_words() -> None:
    assert Overflow("row", "XFD1048576", 10_000).message == (
        "the sheet has data in row 1,048,576 (XFD1048576); a file has at most 10,000 rows: delete what lies below "
        "the table"
    )
    assert Overflow("column", "XFD1", 500).message.startswith("the sheet has data in column XFD (XFD1)")


def test_it_counts_the_filled_cells_of_the_whole_workbook(tmp_path: Path) -> None:
    book = table()
    second = book.create_sheet("二")
    second.append(["a", "b", "c"])

    sheets = read_workbook(saved(book, tmp_path / "two.xlsx"), Limits(cells=6))

    # four cells in the first sheet, then a, b; c is the seventh
    assert sheets[0].overflow is None and sheets[1].overflow == Overflow("cells", "C1", 6)


def test_it_clips_a_merge_over_whole_rows_and_columns_to_the_content(tmp_path: Path) -> None:
    merge = '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    path = patched(saved(table(), tmp_path / "merge.xlsx"), {"</sheetData>": merge})

    [read] = read_workbook(path)

    # read as ordinary openpyxl reads it, this merge alone takes minutes and gigabytes
    assert read.merges == (Merge("A1:XFD1048576", (1, 1, 2, 2)),)


def test_it_refuses_merges_covering_more_cells_than_allowed(tmp_path: Path) -> None:
    book = table()
    book.active["C50"] = "x"
    merge = '</sheetData><mergeCells count="1"><mergeCell ref="A1:C50"/></mergeCells>'
    path = patched(saved(book, tmp_path / "merge.xlsx"), {"</sheetData>": merge})

    [read] = read_workbook(path, Limits(cells=100))

    assert read.overflow == Overflow("merges", "A1:C50", 100)  # 150 cells


def test_it_tells_a_formula_without_its_result_from_one_with_it(tmp_path: Path) -> None:
    book = table()
    book.active["C2"] = "=65+1.16"
    book.active["D2"] = "=1+2"
    # Excel stores a formula's last result beside it; a program writing the file often does not
    path = patched(saved(book, tmp_path / "formulas.xlsx"), {r"<c r=\"C2\"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?</c>":
                                                                r'<c r="C2"\1><f>\2</f><v>66.16</v></c>'})  # fmt: skip

    [read] = read_workbook(path)

    assert read.cells[(2, 3)] == Cell(66.16, "General")
    assert (2, 4) not in read.cells and read.formulas == frozenset({(2, 4)})


def test_it_flags_hidden_sheets_rows_and_columns(tmp_path: Path) -> None:
    book = table()
    book.active.row_dimensions[2].hidden = True
    book.active.column_dimensions["B"].hidden = True
    other = book.create_sheet("附表")
    other["A1"] = "x"
    other.sheet_state = "hidden"

    first, second = read_workbook(saved(book, tmp_path / "hidden.xlsx"))

    assert (first.hidden, first.hidden_rows, first.hidden_columns) == (False, frozenset({2}), frozenset({2}))
    assert (second.title, second.hidden) == ("附表", True)


def test_it_reads_a_stream_and_only_the_sheets_asked_for(tmp_path: Path) -> None:
    book = table()
    book.create_sheet("二")["A1"] = "x"
    stream = BytesIO()
    book.save(stream)
    stream.seek(0)

    assert [sheet.title for sheet in read_workbook(stream, sheets=1)] == ["Sheet"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not a zip file", "is not an Excel .xlsx workbook"), (b"PK\x05\x06" + b"\0" * 18, "is not an Excel .xlsx")],
)
def test_it_refuses_a_file_that_is_no_workbook(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    with pytest.raises(PlanFormatError, match=message):
        read_workbook(path)


def test_it_refuses_a_sheet_whose_xml_is_broken(tmp_path: Path) -> None:
    path = patched(saved(table(), tmp_path / "broken.xlsx"), {"</sheetData>": "<sheetData>"})
    with pytest.raises(PlanFormatError, match="cannot be read as an Excel workbook"):
        read_workbook(path)
