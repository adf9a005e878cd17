"""Regions (地区) and the tree they form: a province (省) over its cities (市) over their counties (县).

A plan is made for one region, the root of the tree; observations may carry the code of a region
below it. The tree answers who a region's children, peers (同级) and ancestors are, for rolling
values up (:mod:`planeval.regions`) and ranking a region among its peers (居全省第2).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planeval.errors import PlanError


@dataclass(frozen=True)
class Region:
    """One region: ``code`` (unique in its tree, never empty), ``name`` (金华市), ``parent`` the
    code of the region it belongs to (None for the root) and ``level`` as written (省, 市, 县)."""

    code: str
    name: str
    parent: str | None
    level: str = ""


@dataclass(frozen=True)
class TreeProblem:
    """Why a list of regions is not a tree: ``index`` of the region at fault in the list,
    ``field`` (``code`` or ``parent``) and a message for a person."""

    index: int
    field: str
    message: str


class RegionTree:
    """Regions forming one tree, in the order given.

    Raises:
        PlanError: no region, an empty or repeated code, a parent that is not a region of the
            list, more than one root, or a cycle (A → B → A); see :func:`find_problem`.
    """

    def __init__(self, regions: Iterable[Region]):
        self.regions: tuple[Region, ...] = tuple(regions)
        problem = find_problem(self.regions)
        if problem is not None:
            raise PlanError(problem.message)
        self._by_code = {region.code: region for region in self.regions}
        self._children: dict[str, list[Region]] = {region.code: [] for region in self.regions}
        for region in self.regions:
            if region.parent:
                self._children[region.parent].append(region)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RegionTree) and other.regions == self.regions

    def __hash__(self) -> int:
        return hash(self.regions)

    def __repr__(self) -> str:
        return f"RegionTree({list(self.regions)!r})"

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __len__(self) -> int:
        return len(self.regions)

    @property
    def root(self) -> Region:
        """The one region without a parent."""
        return next(region for region in self.regions if not region.parent)

    def region(self, code: str) -> Region:
        """Raises: PlanError: no region has this code."""
        if code not in self._by_code:
            raise PlanError(f"no region {code!r} in the region tree")
        return self._by_code[code]

    def children(self, code: str) -> tuple[Region, ...]:
        """The regions directly below ``code``, in the order given. Raises: PlanError."""
        self.region(code)
        return tuple(self._children[code])

    def parent(self, code: str) -> Region | None:
        """The region directly above ``code``; None for the root. Raises: PlanError."""
        parent = self.region(code).parent
        return self._by_code[parent] if parent else None

    def peers(self, code: str) -> tuple[Region, ...]:
        """The regions with the same parent, ``code`` included; the root is its own only peer.

        Raises: PlanError: no region has this code."""
        parent = self.parent(code)
        return self.children(parent.code) if parent else (self.root,)

    def ancestors(self, code: str) -> tuple[Region, ...]:
        """The regions above ``code``, nearest first (parent, grandparent, …, root).

        Raises: PlanError: no region has this code."""
        found: list[Region] = []
        above = self.parent(code)
        while above is not None:
            found.append(above)
            above = self.parent(above.code)
        return tuple(found)

    def depth(self, code: str) -> int:
        """0 for the root, 1 for its children, and so on. Raises: PlanError."""
        return len(self.ancestors(code))

    def walk(self) -> tuple[Region, ...]:
        """Every region, depth first from the root, children in the order given: the order of
        a table with indented rows."""
        order: list[Region] = []
        stack = [self.root]
        while stack:
            region = stack.pop()
            order.append(region)
            stack.extend(reversed(self._children[region.code]))
        return tuple(order)

    def parents_bottom_up(self) -> tuple[Region, ...]:
        """The regions that have children, deepest first: the order values are rolled up in, so
        that a city's totals exist before the province's are added from them."""
        parents = [region for region in self.walk() if self._children[region.code]]
        return tuple(sorted(parents, key=lambda region: -self.depth(region.code)))


def find_problem(regions: Sequence[Region]) -> TreeProblem | None:
    """The first reason ``regions`` do not form one tree, or None.

    Checked in this order: no region; an empty code; a code given twice (the second is at
    fault); a parent that is not a code of the list; a second region without a parent; a cycle
    (regions not reachable from the root, or no root at all).
    """
    if not regions:
        return TreeProblem(0, "code", "the region list holds no region")
    return _code_problem(regions) or _parent_problem(regions) or _cycle_problem(regions)


def _code_problem(regions: Sequence[Region]) -> TreeProblem | None:
    first: dict[str, int] = {}
    for index, region in enumerate(regions):
        if not region.code:
            return TreeProblem(index, "code", "is empty; every region needs a code")
        if region.code in first:
            return TreeProblem(index, "code", f"region code {region.code!r} is used twice")
        first[region.code] = index
    return None


def _parent_problem(regions: Sequence[Region]) -> TreeProblem | None:
    codes = {region.code for region in regions}
    root: Region | None = None
    for index, region in enumerate(regions):
        if region.parent and region.parent not in codes:
            return TreeProblem(index, "parent", f"region {region.code!r} names an unknown parent {region.parent!r}")
        if not region.parent and root is not None:
            message = f"region {region.code!r} has no parent, nor has {root.code!r}: a region tree has one root"
            return TreeProblem(index, "parent", message)
        if not region.parent:
            root = region
    return None


def _cycle_problem(regions: Sequence[Region]) -> TreeProblem | None:
    """Every region must reach the root by following parents; the first that does not lies on,
    or hangs from, a cycle."""
    parent_of = {region.code: region.parent for region in regions}
    for region in regions:
        path = [region.code]
        while (above := parent_of[path[-1]]) and above not in path:
            path.append(above)
        if above:
            cycle = path[path.index(above) :] + [above]
            at = next(i for i, r in enumerate(regions) if r.code == above)
            return TreeProblem(at, "parent", f"regions form a cycle: {' → '.join(cycle)}")
    return None
