"""``regions.csv`` in a plan folder: the regions below the plan's own, as a tree.

Columns ``code, name, parent`` and optionally ``level`` (省, 市, 县 as written); Chinese headers
(代码, 名称, 上级, 级别) are accepted too. The root, the plan's own region, has an empty
``parent``; observations name a region by its ``code`` and an empty region means the root::

    code,name,parent,level
    P0,示例省,,省
    C1,甲市,P0,市
    K11,甲一县,C1,县
"""

from __future__ import annotations

from pathlib import Path

from planeval.domain.region import Region, RegionTree, find_problem
from planeval.io.csv_files import read_csv
from planeval.io.rows import Where, required, text

REGION_COLUMNS = ("code", "name", "parent")
ALIASES = {
    "代码": "code",
    "编号": "code",
    "地区代码": "code",
    "名称": "name",
    "地区": "name",
    "地区名称": "name",
    "上级": "parent",
    "上级代码": "parent",
    "级别": "level",
    "层级": "level",
}


def read_regions_csv(path: Path) -> RegionTree:
    """The region tree in ``path``, regions in file order.

    Raises:
        PlanFormatError: a missing column or an empty code or name; a code given twice, an
            unknown parent, a second root or a cycle, at the row of the region at fault.
    """
    regions: list[Region] = []
    rows: list[int] = []
    for number, row in read_csv(path, REGION_COLUMNS, ALIASES):
        where = Where(str(path), number)
        regions.append(
            Region(
                code=required(row, "code", where),
                name=required(row, "name", where),
                parent=text(row, "parent") or None,
                level=text(row, "level"),
            )
        )
        rows.append(number)
    problem = find_problem(regions)
    if problem is not None:
        raise Where(str(path), rows[problem.index] if rows else None).error(
            problem.field if rows else None, problem.message
        )
    return RegionTree(regions)
