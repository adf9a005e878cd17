"""A plan is a folder: find what it holds and read it.

A folder is read, in this order of preference, from:

1. ``plan.yaml`` (or ``plan.yml``): a hand-written plan, see :mod:`planeval.io.yaml_plan`;
2. ``indicators.csv``: the table in CSV (see :mod:`planeval.io.csv_plan`);
3. ``indicators.xlsx``: the table as printed in the plan (类别 | 指标 | 单位 | 2020年 | 2025年 | 属性).

Beside it, ``observations.csv`` holds the values, ``annual_targets.csv`` the yearly targets and
``regions.csv`` the regions below the plan's own (see :mod:`planeval.io.regions_csv`) and
``tasks.csv`` the key tasks, or ``tasks.xlsx`` the office's breakdown workbook when there is no
tasks.csv (tasks.csv wins when both are there), with ``task_milestones.csv`` and
``task_updates.csv`` (see :mod:`planeval.io.tasks`); all are optional. The plan runs from
``base_year + 1`` to the target year; its title is the first ``# `` heading of ``README.md``
when there is one, else the folder's name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from planeval.domain.indicator import Indicator
from planeval.domain.observation import Observation
from planeval.domain.plan import AnnualTarget, Plan
from planeval.domain.region import RegionTree
from planeval.domain.task import Task
from planeval.errors import PlanFormatError
from planeval.io.csv_files import read_csv
from planeval.io.csv_plan import read_annual_targets_csv, read_indicators_csv
from planeval.io.observations import OBSERVATION_COLUMNS, IndicatorIndex, build_observation, read_observations_csv
from planeval.io.regions_csv import read_regions_csv
from planeval.io.rows import Where
from planeval.io.tasks import read_task_folder

PLAN_FILES = ("plan.yaml", "plan.yml", "indicators.csv", "indicators.xlsx")


@dataclass(frozen=True)
class PlanFolder:
    """What a plan folder holds: the plan, its observations, when it has ``regions.csv`` the
    tree of regions the observations may belong to, and when it has ``tasks.csv`` (or
    ``tasks.xlsx``) the key tasks and major projects of its responsibility breakdown."""

    path: Path
    plan: Plan
    observations: tuple[Observation, ...]
    regions: RegionTree | None = None
    tasks: tuple[Task, ...] = ()


def load_plan_folder(path: str | Path) -> PlanFolder:
    """Read the plan folder at ``path``, or the plan file ``path`` names (``plan.yaml``,
    ``indicators.csv``, ``indicators.xlsx`` or any ``.yaml``/``.csv``/``.xlsx`` table) with the
    files beside it.

    Raises:
        PlanFormatError: the folder holds none of :data:`PLAN_FILES`, or a file in it cannot be
            read; the error names file, row and column.
    """
    given = Path(path)
    folder = given.parent if given.is_file() else given
    if not folder.is_dir():
        raise PlanFormatError(str(given), "is not a plan folder (no such directory)")
    chosen = given if given.is_file() else next((folder / n for n in PLAN_FILES if (folder / n).is_file()), None)
    if chosen is None:
        raise PlanFormatError(str(folder), f"holds no plan: expected one of {', '.join(PLAN_FILES)}")
    if chosen.suffix in (".yaml", ".yml"):
        from planeval.io.yaml_plan import read_yaml_plan

        return read_yaml_plan(chosen)
    return assemble(folder, read_table(chosen), title=folder_title(folder))


def read_table(path: Path) -> list[Indicator]:
    """The indicator table in ``path``: CSV (``indicators.csv`` columns) or the printed Excel layout.

    Raises:
        PlanFormatError: another kind of file, or one that cannot be read.
    """
    if path.suffix.lower() == ".csv":
        return read_indicators_csv(path)
    if path.suffix.lower() == ".xlsx":
        from planeval.io.excel_table import read_indicator_table

        return read_indicator_table(path)
    raise PlanFormatError(str(path), "is not a plan file: expected .yaml, .csv or .xlsx")


def table_beside(folder: Path) -> Path | None:
    """``indicators.csv`` or ``indicators.xlsx`` in ``folder``, whichever comes first, or None."""
    return next((folder / n for n in ("indicators.csv", "indicators.xlsx") if (folder / n).is_file()), None)


def assemble(
    folder: Path,
    indicators: Sequence[Indicator],
    title: str,
    region: str = "",
    annual_targets: dict[str, tuple[AnnualTarget, ...]] | None = None,
    observations: Sequence[Observation] = (),
) -> PlanFolder:
    """A :class:`PlanFolder` from indicators plus the folder's ``annual_targets.csv``,
    ``observations.csv``, ``regions.csv`` and ``tasks.csv`` or ``tasks.xlsx`` (with the
    milestones and updates) when present.

    With ``regions.csv``, an observation naming the root region's code is the plan's own and is
    given region ``""`` (see :func:`place_observations`).

    Raises:
        PlanFormatError: the table holds no indicator, or a file beside it cannot be read; an
            observation names a region regions.csv lacks, or any region without regions.csv.
    """
    if not indicators:
        raise PlanFormatError(str(folder), "the indicator table holds no indicator")
    index = IndicatorIndex(indicators)
    targets = dict(annual_targets or {})
    if (folder / "annual_targets.csv").is_file():
        targets.update(read_annual_targets_csv(folder / "annual_targets.csv", index))
    from_file = (
        read_observations_csv(folder / "observations.csv", index) if (folder / "observations.csv").is_file() else []
    )
    regions = read_regions_csv(folder / "regions.csv") if (folder / "regions.csv").is_file() else None
    values = place_observations(folder, list(observations), from_file, regions, index)
    base_year = Counter(i.baseline.year for i in indicators).most_common(1)[0][0]
    end_year = max(i.target_year for i in indicators)
    plan = Plan(
        title=title,
        base_year=base_year,
        end_year=end_year,
        indicators=tuple(indicators),
        region=region,
        annual_targets=targets,
    )
    tasks = read_task_folder(folder, plan.start_year, plan.end_year)
    return PlanFolder(folder, plan, tuple(values), regions, tasks)


def place_observations(
    folder: Path,
    given: Sequence[Observation],
    from_file: Sequence[Observation],
    tree: RegionTree | None,
    index: IndicatorIndex,
) -> list[Observation]:
    """``given`` (inline in the plan file) and ``from_file`` (read from the folder's
    ``observations.csv`` with ``index``), those naming the root region's code read as the
    plan's own (region ``""``): the value :func:`planeval.evaluate.evaluate` judges the plan on.

    Raises:
        PlanFormatError: without ``tree``, an observation names a region; with it, a region the
            tree lacks, or the plan's own value for a period given both with the root's code and
            without a region. A row of observations.csv is named by file, row and column.
    """
    values = [*given, *from_file]

    def where(position: int) -> Where:
        if position < len(given):
            return Where(str(folder))
        path = folder / "observations.csv"
        return Where(str(path), _row_of(path, values[position], index))

    def what(position: int) -> str:
        observation = values[position]
        return f"observation {observation.code} {observation.period}: " if position < len(given) else ""

    named = [position for position, o in enumerate(values) if o.region]
    if tree is None:
        if named:
            codes = ", ".join(dict.fromkeys(values[position].region for position in named))
            message = f"observations name regions ({codes}) but the folder has no regions.csv"
            raise where(named[0]).error("region", what(named[0]) + message)
        return values
    for position in named:
        if values[position].region not in tree:
            codes = ", ".join(region.code for region in tree.regions)
            message = f"region {values[position].region!r} is not in regions.csv ({codes})"
            raise where(position).error("region", what(position) + message)
    root = tree.root.code
    own = {_key(o) for o in values if not o.region}
    for position in named:
        observation = values[position]
        if observation.region == root and _key(replace(observation, region="")) in own:
            message = (
                f"{observation.code} {observation.period} is given both for region {root!r} and without a region;"
                f" both are the plan's own region"
            )
            raise where(position).error("region", what(position) + message)
    return [replace(o, region="") if o.region == root else o for o in values]


def _key(observation: Observation) -> tuple[str, str, str, str]:
    return (observation.code, str(observation.period), observation.region, observation.vintage)


def _row_of(path: Path, observation: Observation, index: IndicatorIndex) -> int | None:
    """The row of ``path`` that ``observation`` was read from (read again: only for an error)."""
    for number, row in read_csv(path, OBSERVATION_COLUMNS):
        if build_observation(row, index, Where(str(path), number)) == observation:
            return number
    return None


def folder_title(folder: Path) -> str:
    """The first ``# `` heading of the folder's README.md, else the folder's name."""
    readme = folder / "README.md"
    if readme.is_file():
        for line in readme.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return folder.resolve().name
