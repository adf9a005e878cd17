"""Regions and the tree they form (``planeval.domain.region``).

Synthetic regions: a province P0 (示例省) with three cities C1–C3 and two counties under C1.
"""

from __future__ import annotations

import pytest

from planeval.domain.region import Region, RegionTree, find_problem
from planeval.errors import PlanError

P0 = Region("P0", "示例省", None, "省")
C1 = Region("C1", "甲市", "P0", "市")
C2 = Region("C2", "乙市", "P0", "市")
C3 = Region("C3", "丙市", "P0", "市")
K11 = Region("K11", "甲一县", "C1", "县")
K12 = Region("K12", "甲二县", "C1", "县")


@pytest.fixture
def tree() -> RegionTree:
    # Counties listed before the cities on purpose: the tree does not need parents first.
    return RegionTree([P0, K11, K12, C1, C2, C3])


def codes(regions: tuple[Region, ...]) -> list[str]:
    return [region.code for region in regions]


def test_it_finds_the_root(tree: RegionTree) -> None:
    assert tree.root == P0


def test_it_lists_children_in_the_order_given(tree: RegionTree) -> None:
    assert codes(tree.children("P0")) == ["C1", "C2", "C3"]
    assert codes(tree.children("C1")) == ["K11", "K12"]
    assert tree.children("C2") == ()


def test_it_counts_a_region_among_its_own_peers(tree: RegionTree) -> None:
    assert codes(tree.peers("C2")) == ["C1", "C2", "C3"]
    assert codes(tree.peers("K12")) == ["K11", "K12"]
    assert codes(tree.peers("P0")) == ["P0"]


def test_it_lists_ancestors_nearest_first(tree: RegionTree) -> None:
    assert codes(tree.ancestors("K12")) == ["C1", "P0"]
    assert codes(tree.ancestors("C3")) == ["P0"]
    assert tree.ancestors("P0") == ()
    assert [tree.depth(code) for code in ("P0", "C1", "K11")] == [0, 1, 2]


def test_it_walks_depth_first_from_the_root(tree: RegionTree) -> None:
    assert codes(tree.walk()) == ["P0", "C1", "K11", "K12", "C2", "C3"]


def test_it_orders_parents_deepest_first_for_rolling_up(tree: RegionTree) -> None:
    assert codes(tree.parents_bottom_up()) == ["C1", "P0"]


def test_it_refuses_an_unknown_code(tree: RegionTree) -> None:
    with pytest.raises(PlanError, match="no region 'X9'"):
        tree.children("X9")
    assert "X9" not in tree and "K11" in tree


def test_it_compares_trees_by_their_regions() -> None:
    assert RegionTree([P0, C1]) == RegionTree([P0, C1])
    assert RegionTree([P0, C1]) != RegionTree([P0, C2])


@pytest.mark.parametrize(
    ("regions", "index", "field", "message"),
    [
        ([], 0, "code", "the region list holds no region"),
        ([P0, C1, Region("C1", "另一甲市", "P0", "市")], 2, "code", "region code 'C1' is used twice"),
        ([P0, Region("", "无码市", "P0", "市")], 1, "code", "is empty; every region needs a code"),
        ([P0, Region("C9", "某市", "PX", "市")], 1, "parent", "region 'C9' names an unknown parent 'PX'"),
        (
            [P0, C1, Region("Q0", "另一省", None, "省")],
            2,
            "parent",
            "region 'Q0' has no parent, nor has 'P0': a region tree has one root",
        ),
        # P0 is the root; C1 and C2 point at each other and never reach it.
        (
            [P0, Region("C1", "甲市", "C2", "市"), Region("C2", "乙市", "C1", "市")],
            1,
            "parent",
            "regions form a cycle: C1 → C2 → C1",
        ),
        # No root at all: every region has a parent, so some of them form a cycle.
        ([Region("A", "甲", "B", ""), Region("B", "乙", "A", "")], 0, "parent", "regions form a cycle: A → B → A"),
        ([P0, Region("C1", "甲市", "C1", "市")], 1, "parent", "regions form a cycle: C1 → C1"),
        # K11 hangs from a cycle without being on it: the cycle is named, at its first member.
        (
            [
                P0,
                Region("K11", "甲一县", "C1", "县"),
                Region("C1", "甲市", "C2", "市"),
                Region("C2", "乙市", "C1", "市"),
            ],
            2,
            "parent",
            "regions form a cycle: C1 → C2 → C1",
        ),
    ],
)
def test_it_refuses_regions_that_are_not_one_tree(regions: list[Region], index: int, field: str, message: str) -> None:
    problem = find_problem(regions)

    assert problem is not None
    assert (problem.index, problem.field, problem.message) == (index, field, message)
    with pytest.raises(PlanError) as caught:
        RegionTree(regions)
    assert str(caught.value) == message
