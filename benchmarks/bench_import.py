"""Time reading departments' values files, the ones that once took minutes among them.

    python benchmarks/bench_import.py [--rows 9999] [--repeat 3]

Writes three workbooks to a temporary folder and times ``read_submission`` on each, printing the
best wall time, the peak memory Python allocated while reading (tracemalloc, in a run of its own)
and what came out:

- ``far-cell``: a two-row table of the example plan (examples/cn-14th-fyp) and one stray
  character in XFD1048576 (a 5 KB file; walked as a rectangle it is 17 billion cells);
- ``merge``: the same table under a merge over ``D5:XFD1048576``, as Excel writes it;
- ``rows``: a table of ``--rows`` indicators of the plan ``bench_core.py`` generates, by five years
  of their generated values (with its header, 10,000 rows: the most a sheet may have), read against
  those values (each year's value is checked against the year before).

The values are generated test inputs, not published figures.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

from bench_core import generate
from openpyxl import Workbook

from planeval.domain.observation import Observation
from planeval.domain.plan import Plan
from planeval.io.folder import load_plan_folder
from planeval.io.submission import read_submission

EXAMPLE = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"
YEARS = range(2021, 2026)


def far_cell(folder: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["代码", "2023年"])
    sheet.append(["N03", "66.16"])
    sheet["XFD1048576"] = " x"
    book.save(folder / "far-cell.xlsx")
    return folder / "far-cell.xlsx"


def merge(folder: Path) -> Path:
    """The far-cell table without its stray cell, and a merge Excel would write over D5:XFD1048576
    (openpyxl itself cannot write it: it would create every merged cell)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["代码", "2023年"])
    sheet.append(["N03", "66.16"])
    plain = folder / "plain.xlsx"
    book.save(plain)
    target = folder / "merge.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                merged = '</sheetData><mergeCells count="1"><mergeCell ref="D5:XFD1048576"/></mergeCells>'
                data = re.sub("</sheetData>", merged, data.decode()).encode()
            out.writestr(item, data)
    return target


def rows(folder: Path, observations: list[Observation]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["代码", *(f"{year}年" for year in YEARS)])
    by_code: dict[str, list[float]] = {}
    for observation in observations:
        by_code.setdefault(observation.code, []).append(observation.value)
    for code, values in by_code.items():
        sheet.append([code, *values])
    book.save(folder / "rows.xlsx")
    return folder / "rows.xlsx"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=9_999)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    example = load_plan_folder(EXAMPLE)
    generated, values = generate(options.rows - 1)  # and its GDP growth: --rows indicators
    with tempfile.TemporaryDirectory() as temporary:
        place = Path(temporary)
        files: list[tuple[Path, Plan, list[Observation]]] = [
            (far_cell(place), example.plan, list(example.observations)),
            (merge(place), example.plan, list(example.observations)),
            (rows(place, values), generated, values),
        ]
        for path, plan, known in files:
            times = []
            for _ in range(options.repeat):
                start = time.perf_counter()
                found = read_submission(path, plan, known)
                times.append(time.perf_counter() - start)
            tracemalloc.start()  # apart from the timed runs: tracing slows Python several times
            read_submission(path, plan, known)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            size = path.stat().st_size
            print(f"{path.stem:9} {size:>9,} bytes: best {min(times):6.2f} s, peak {peak / 2**20:6.1f} MiB, "
                  f"{len(found.observations):,} values, {len(found.problems):,} problems")  # fmt: skip


if __name__ == "__main__":
    main()
