"""Plans by region (``planeval.regions``): roll-up, one evaluation per region, ranks.

Synthetic throughout: a province P0 (示例省) with three cities C1–C3 and two counties K11, K12
under C1; made-up figures chosen so that each expected value can be checked by hand.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import replace

import pytest

from planeval.domain.evaluation import Evaluation
from planeval.domain.indicator import Aggregation, Direction
from planeval.domain.observation import Observation
from planeval.domain.period import parse_period
from planeval.domain.plan import Plan
from planeval.domain.region import Region, RegionTree
from planeval.domain.verdict import Reason, Verdict
from planeval.errors import PlanError
from planeval.regions import (
    DERIVED,
    ROLLED_UP,
    Rank,
    competition_rank,
    evaluate_regions,
    peer_word,
    rank,
    rank_phrase,
    ranking,
    region_rows,
    roll_up,
    roll_up_in_full,
)

from factory import indicator, plan

Evaluations = dict[str, Evaluation]

TREE = RegionTree(
    [
        Region("P0", "示例省", None, "省"),
        Region("C1", "甲市", "P0", "市"),
        Region("C2", "乙市", "P0", "市"),
        Region("C3", "丙市", "P0", "市"),
        Region("K11", "甲一县", "C1", "县"),
        Region("K12", "甲二县", "C1", "县"),
    ]
)

G1 = replace(indicator("年均增长6%", 560, code="G1", name="地区生产总值", unit="亿元"), aggregation=Aggregation.SUM)
UP = replace(indicator("—", 100, code="UP", name="城镇常住人口", unit="万人"), aggregation=Aggregation.SUM)
POP = replace(indicator("—", 200, code="POP", name="常住人口", unit="万人"), aggregation=Aggregation.SUM)
U1 = replace(
    indicator("65", 50, code="U1", name="常住人口城镇化率", unit="%"),
    aggregation=Aggregation.RATIO,
    numerator="UP",
    denominator="POP",
)
R1 = replace(
    indicator("<5.5", 5.2, code="R1", name="城镇调查失业率", unit="%", direction="decrease"),
    aggregation=Aggregation.LAST,
)
J1 = replace(indicator("〔50〕", code="J1", name="城镇新增就业", unit="万人"), aggregation=Aggregation.SUM)
PLAN = plan(G1, UP, POP, U1, R1, J1)

VALUES: dict[tuple[str, str], dict[str, float]] = {
    # (code, region): {period: value}
    ("G1", "P0"): {"2020": 560},
    ("G1", "C1"): {"2020": 180, "2022": 250, "2023": 270},
    ("G1", "C2"): {"2020": 280, "2021": 300, "2022": 330, "2023": 350},
    ("G1", "C3"): {"2020": 90, "2021": 100, "2022": 250},  # no 2023 yet
    ("G1", "K11"): {"2021": 110},
    ("G1", "K12"): {"2021": 90},
    ("UP", "C1"): {"2022": 59},
    ("UP", "C2"): {"2022": 23},
    ("UP", "C3"): {"2022": 25.2},
    ("POP", "C1"): {"2022": 100},
    ("POP", "C2"): {"2022": 40},
    ("POP", "C3"): {"2022": 60},
    ("U1", "C1"): {"2020": 55, "2022": 59},
    ("U1", "C2"): {"2020": 50, "2022": 57.5},
    ("U1", "C3"): {"2020": 40, "2022": 42},
    ("R1", "C1"): {"2022": 5.0},
    ("R1", "C2"): {"2022": 4.5},
    ("R1", "C3"): {"2022": 5.0},
    ("J1", "C1"): {"2021": 4, "2022": 4},
    ("J1", "C2"): {"2021": 3, "2022": 4},
    ("J1", "C3"): {"2021": 3, "2022": 2},
}
OBSERVATIONS = [
    Observation(code, parse_period(period), value, region=region)
    for (code, region), by_period in VALUES.items()
    for period, value in by_period.items()
]


def added(observations: list[Observation], the_plan: Plan = PLAN) -> dict[tuple[str, str, str], float]:
    """The rolled-up values as {(code, region, period): value}."""
    rolled = roll_up(the_plan, observations, TREE)
    assert rolled[: len(observations)] == observations  # the given values come first, unchanged
    return {(o.code, o.region, str(o.period)): o.value for o in rolled[len(observations) :]}


# roll-up ----------------------------------------------------------------------------------------


def test_it_adds_up_totals_level_by_level() -> None:
    rolled = added(OBSERVATIONS)

    # 2021: C1 = K11 + K12 = 110 + 90 = 200, then P0 = C1 + C2 + C3 = 200 + 300 + 100 = 600.
    assert rolled[("G1", "C1", "2021")] == 200
    assert rolled[("G1", "P0", "2021")] == 600
    # 2022: P0 = 250 + 330 + 250 = 830 (C1 reports its own 2022 value, so the counties are not needed).
    assert rolled[("G1", "P0", "2022")] == 830
    # 2021 and 2022 of J1 (新增就业): 4 + 3 + 3 = 10 and 4 + 4 + 2 = 10.
    assert (rolled[("J1", "P0", "2021")], rolled[("J1", "P0", "2022")]) == (10, 10)


def test_it_keeps_the_parents_own_value() -> None:
    rolled = added(OBSERVATIONS)

    # P0 reports 560 for 2020; its cities would add up to 180 + 280 + 90 = 550.
    assert ("G1", "P0", "2020") not in rolled
    # C1 reports 250 for 2022; its counties have no 2022 value anyway.
    assert ("G1", "C1", "2022") not in rolled


def test_it_adds_nothing_when_a_child_lacks_the_period() -> None:
    rolled = added(OBSERVATIONS)

    # 2023: C1 270 and C2 350, C3 nothing yet: 620 would be a partial total, not the total.
    assert ("G1", "P0", "2023") not in rolled
    # C1's 2020 cannot come from K11 and K12, which have no 2020 value.
    assert ("G1", "C1", "2020") not in rolled


def test_it_recomputes_a_ratio_from_numerator_and_denominator() -> None:
    rolled = added(OBSERVATIONS)

    # 城镇化率 of P0 in 2022 = 100 × ΣUP / ΣPOP = 100 × (59 + 23 + 25.2) / (100 + 40 + 60)
    #                      = 100 × 107.2 / 200 = 53.6 %,
    # not the mean of the cities' rates (59 + 57.5 + 42) / 3 = 52.83 %.
    assert rolled[("U1", "P0", "2022")] == pytest.approx(53.6)
    assert rolled[("U1", "P0", "2022")] != pytest.approx((59 + 57.5 + 42) / 3)
    # UP and POP are sums themselves: 107.2 and 200.
    assert rolled[("UP", "P0", "2022")] == pytest.approx(107.2)
    assert rolled[("POP", "P0", "2022")] == 200
    # 2020: the cities report rates, but no UP and POP to recompute P0's from.
    assert ("U1", "P0", "2020") not in rolled


def test_it_recomputes_a_ratio_from_the_regions_below_the_children() -> None:
    # Only the counties report UP and POP; C1's own parts are rolled up first, then P0's rate.
    values = {
        ("UP", "K11"): 30, ("POP", "K11"): 50, ("UP", "K12"): 10, ("POP", "K12"): 50,
        ("UP", "C2"): 20, ("POP", "C2"): 50, ("UP", "C3"): 20, ("POP", "C3"): 50,
    }  # fmt: skip
    observations = [Observation(c, parse_period("2022"), v, region=r) for (c, r), v in values.items()]

    rolled = added(observations)

    # C1: 100 × (30 + 10) / (50 + 50) = 40 %; P0: 100 × (40 + 20 + 20) / (100 + 50 + 50) = 40 %.
    assert rolled[("U1", "C1", "2022")] == pytest.approx(40)
    assert rolled[("U1", "P0", "2022")] == pytest.approx(40)


def test_it_applies_the_ratio_scale() -> None:
    # Per mille (‰) multiplies by 1000; an explicit scale wins over the unit's.
    per_mille = replace(U1, unit="‰")
    per_ten_thousand = replace(U1, unit="件/万人", scale=10000.0)
    observations = [
        Observation(code, parse_period("2022"), value, region=region)
        for region in ("C1", "C2", "C3")
        for code, value in (("UP", 1.0), ("POP", 400.0))
    ]

    # 1000 × 3 / 1200 = 2.5 ‰ and 10000 × 3 / 1200 = 25.
    assert added(observations, plan(G1, UP, POP, per_mille))[("U1", "P0", "2022")] == pytest.approx(2.5)
    assert added(observations, plan(G1, UP, POP, per_ten_thousand))[("U1", "P0", "2022")] == pytest.approx(25)


def test_it_does_not_roll_up_last_or_none() -> None:
    rolled = added(OBSERVATIONS)

    # R1 (失业率, aggregation last): every city has a 2022 value, P0 gets none.
    assert not [key for key in rolled if key[0] == "R1"]
    # With aggregation none, a total is not added up either.
    assert not [key for key in added(OBSERVATIONS, plan(replace(G1, aggregation=Aggregation.NONE))) if key[0] == "G1"]


def test_it_marks_a_rolled_up_value_and_names_the_children() -> None:
    rolled = roll_up(PLAN, OBSERVATIONS, TREE)

    total = next(o for o in rolled if (o.code, o.region, str(o.period)) == ("G1", "P0", "2022"))
    rate = next(o for o in rolled if (o.code, o.region, str(o.period)) == ("U1", "P0", "2022"))
    assert (total.vintage, total.note) == (ROLLED_UP, "由甲市、乙市、丙市合计")
    assert rate.note == "由甲市、乙市、丙市的城镇常住人口合计÷常住人口合计×100计算"
    assert total.basis is None  # on the ordinary series: comparable with the baseline


def test_it_treats_the_tables_baseline_as_the_roots_own_base_year_value() -> None:
    # P0 reports nothing for 2020, but the plan table prints its baseline 560: the cities'
    # 550 must not replace it.
    observations = [o for o in OBSERVATIONS if o.region != "P0"]

    assert ("G1", "P0", "2020") not in added(observations)


def test_it_reads_an_empty_region_as_the_plans_own() -> None:
    own = Observation("G1", parse_period("2022"), 800)  # region "" = P0

    assert ("G1", "P0", "2022") not in added([*OBSERVATIONS, own])


def test_it_leaves_out_values_in_another_unit_or_on_another_basis() -> None:
    # C3's 2023 value in 万元 or on the census basis is not a 2023 value in 亿元 on the ordinary series.
    for odd in (
        Observation("G1", parse_period("2023"), 1e6, unit="万元", region="C3"),
        Observation("G1", parse_period("2023"), 260, vintage="census", region="C3"),
    ):
        assert ("G1", "P0", "2023") not in added([*OBSERVATIONS, odd])


def test_it_refuses_a_region_the_tree_lacks() -> None:
    stray = Observation("G1", parse_period("2022"), 1, region="X9")

    with pytest.raises(PlanError, match="G1 2022: region 'X9' is not in the region tree"):
        roll_up(PLAN, [stray], TREE)
    with pytest.raises(PlanError, match="region 'X9'"):
        evaluate_regions(PLAN, [stray], parse_period("2022"), TREE)


def test_it_refuses_a_ratio_without_its_parts() -> None:
    with pytest.raises(PlanError, match="U1: aggregation ratio needs a numerator and a denominator"):
        roll_up(plan(replace(U1, denominator=None)), [], TREE)
    with pytest.raises(PlanError, match="has no indicator 'POP'"):
        roll_up(plan(UP, U1), [], TREE)


# evaluation by region ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def evaluations() -> Evaluations:
    return evaluate_regions(PLAN, roll_up(PLAN, OBSERVATIONS, TREE), parse_period("2022"), TREE)


def test_it_evaluates_every_region_root_first(evaluations: Evaluations) -> None:
    assert list(evaluations) == ["P0", "C1", "K11", "K12", "C2", "C3"]


def test_it_judges_each_region_on_its_own_values(evaluations: Evaluations) -> None:
    verdicts = {code: e.result("U1").verdict for code, e in evaluations.items()}

    # Level target 65 %, time share 2 of 5 years = 0.4; on schedule from 0.4 × 0.95 = 0.38,
    # ahead from 0.4 × 1.1 = 0.44. Each city's baseline is its own 2020 value:
    #   C1 (59 − 55) / (65 − 55) = 0.40 → on schedule;  C2 (57.5 − 50) / (65 − 50) = 0.50 → ahead;
    #   C3 (42 − 40) / (65 − 40) = 0.08 → behind.
    # P0 keeps the table's baseline 50 and its rolled-up 53.6: (53.6 − 50) / 15 = 0.24 → behind.
    assert verdicts == {
        "P0": Verdict.BEHIND,
        "C1": Verdict.ON_SCHEDULE,
        "K11": Verdict.NOT_EVALUATED,
        "K12": Verdict.NOT_EVALUATED,
        "C2": Verdict.AHEAD,
        "C3": Verdict.BEHIND,
    }
    assert evaluations["C2"].result("U1").progress == pytest.approx(0.5)
    assert evaluations["P0"].result("U1").progress == pytest.approx(0.24)
    assert evaluations["K11"].result("U1").reason is Reason.NO_DATA


def test_it_holds_no_region_below_the_root_to_the_plans_total(evaluations: Evaluations) -> None:
    # J1 〔50〕 万人 is the province's five-year total: P0 has 10 + 10 = 20 of 50 = 0.40 at time
    # share 0.40 → on schedule; a city has no share of it in the plan → not evaluated.
    assert evaluations["P0"].result("J1").verdict is Verdict.ON_SCHEDULE
    assert evaluations["C1"].result("J1").reason is Reason.NO_TARGET
    # A growth target applies to every region: C1's GDP from its own 2020 value 180.
    assert evaluations["C1"].result("G1").baseline == 180
    assert evaluations["C1"].plan.region == "甲市"


def test_it_gives_a_region_below_the_root_no_baseline_of_the_plan_table(evaluations: Evaluations) -> None:
    # K11 reports G1 for 2021 but not for 2020: the table's 560 is the province's, not K11's.
    assert evaluations["K11"].result("G1").reason is Reason.NO_BASELINE


# ranks ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "direction", "ranks"),
    [
        # Higher is better; the two 8s share rank 2 and nobody is 3rd: "1224".
        ({"a": 9, "b": 8, "c": 8, "d": 7}, Direction.INCREASE, {"a": 1, "b": 2, "c": 2, "d": 4}),
        # Lower is better: the same values ranked the other way round, ties at the top: "1134".
        ({"a": 7, "b": 7, "c": 8, "d": 9}, Direction.DECREASE, {"a": 1, "b": 1, "c": 3, "d": 4}),
        # 0.1 + 0.2 is not bit-equal to 0.3, and still ties.
        ({"a": 0.1 + 0.2, "b": 0.3}, Direction.INCREASE, {"a": 1, "b": 1}),
    ],
)
def test_it_ranks_with_ties_sharing_the_best_rank(
    values: dict[str, float], direction: Direction, ranks: dict[str, int]
) -> None:
    assert {key: competition_rank(values, key, direction) for key in values} == ranks


def test_it_ranks_a_region_among_its_peers(evaluations: Evaluations) -> None:
    # G1 2022 (higher is better): C2 330, C1 250, C3 250 → 1, 2, 2.
    assert [rank(evaluations, "G1", code, TREE) for code in ("C1", "C2", "C3")] == [2, 1, 2]
    # R1 2022 (失业率, lower is better): C2 4.5, C1 5.0, C3 5.0 → 2, 1, 2.
    assert [rank(evaluations, "R1", code, TREE) for code in ("C1", "C2", "C3")] == [2, 1, 2]
    # The counties of C1 by their 2021 G1: K11 110, K12 90.
    assert [rank(evaluations, "G1", code, TREE) for code in ("K11", "K12")] == [1, 2]
    # The root is its own only peer; "" is the root.
    assert rank(evaluations, "G1", "", TREE) == 1


def test_it_ranks_nobody_without_a_value(evaluations: Evaluations) -> None:
    assert rank(evaluations, "R1", "K11", TREE) is None


def test_it_compares_peers_for_the_same_period() -> None:
    evaluations = evaluate_regions(PLAN, OBSERVATIONS, parse_period("2023"), TREE)

    # C1's latest is 2023 (270), compared with C2's 2023 (350) only: C3 has no 2023 value → 2.
    # C3's latest is 2022 (250), compared with C1 250 and C2 330 of 2022 → 2.
    assert (rank(evaluations, "G1", "C1", TREE), rank(evaluations, "G1", "C3", TREE)) == (2, 2)


@pytest.mark.parametrize(
    ("place", "level", "phrase"),
    [
        (2, "省", "居全省第2"),
        (1, "市", "居全市第1"),
        (3, "县", "居全县第3"),
        (4, "自治区", "居全区第4"),
        (1, "国家", "居全国第1"),
        (2, "全省", "居全省第2"),
        (2, "", "居第2"),
    ],
)
def test_it_phrases_a_rank_as_a_report_does(place: int, level: str, phrase: str) -> None:
    assert rank_phrase(place, level) == phrase


def test_it_refuses_a_rank_below_one() -> None:
    with pytest.raises(ValueError, match="a rank starts at 1, got 0"):
        rank_phrase(0, "省")


def test_it_builds_the_table_by_region(evaluations: Evaluations) -> None:
    rows = region_rows(evaluations, TREE, ["G1"])

    assert [(row.region.code, row.depth) for row in rows] == [
        ("P0", 0), ("C1", 1), ("K11", 2), ("K12", 2), ("C2", 1), ("C3", 1),
    ]  # fmt: skip
    phrases = {row.region.code: row.cells[0].rank_phrase for row in rows}
    # The root has no peers to be ranked among; the counties rank within their city (市).
    assert phrases == {
        "P0": None,
        "C1": "居全省第2",
        "K11": "居全市第1",
        "K12": "居全市第2",
        "C2": "居全省第1",
        "C3": "居全省第2",
    }
    assert [cell.code for cell in region_rows(evaluations, TREE)[0].cells] == ["G1", "UP", "POP", "U1", "R1", "J1"]


def test_it_is_core_code_without_io_libraries() -> None:
    script = textwrap.dedent(
        """
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in {"django", "openpyxl", "yaml", "typer", "rich", "docx"}:
                    raise ImportError(f"blocked {name}")
        sys.meta_path.insert(0, Block())
        import planeval.regions
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


# ratios from a region's own parts ------------------------------------------------------------------


def _at(observations: list[Observation], code: str, region: str, period: str) -> Observation:
    return next(o for o in observations if (o.code, o.region, str(o.period)) == (code, region, period))


def test_it_works_out_a_leafs_ratio_from_its_own_parts() -> None:
    # K11 (a county, no children) reports 城镇常住人口 30 and 常住人口 50 (万人) for 2022, no rate.
    observations = [
        Observation("UP", parse_period("2022"), 30, region="K11"),
        Observation("POP", parse_period("2022"), 50, region="K11"),
    ]

    rolled = roll_up(PLAN, observations, TREE)

    # 100 × 30 / 50 = 60 %.
    rate = _at(rolled, "U1", "K11", "2022")
    assert rate.value == pytest.approx(60)
    assert (rate.vintage, rate.note) == (DERIVED, "由甲一县的城镇常住人口÷常住人口×100计算")


def test_it_keeps_a_leafs_own_ratio_and_skips_a_zero_denominator() -> None:
    observations = [
        # C2 reports its rate 57.5 beside UP 23 and POP 40 (100 × 23 / 40 = 57.5 too): kept as given.
        Observation("U1", parse_period("2022"), 57.5, region="C2"),
        Observation("UP", parse_period("2022"), 23, region="C2"),
        Observation("POP", parse_period("2022"), 40, region="C2"),
        # K12 reports POP 0: no rate.
        Observation("UP", parse_period("2022"), 0, region="K12"),
        Observation("POP", parse_period("2022"), 0, region="K12"),
    ]

    rolled = added(observations)

    assert ("U1", "C2", "2022") not in rolled
    assert ("U1", "K12", "2022") not in rolled


def test_it_prefers_a_parents_own_parts_to_its_childrens_sums() -> None:
    # C1 reports UP 45 and POP 100 itself; its counties K11 30 of 50 and K12 10 of 50.
    values = {
        ("UP", "C1"): 45,
        ("POP", "C1"): 100,
        ("UP", "K11"): 30,
        ("POP", "K11"): 50,
        ("UP", "K12"): 10,
        ("POP", "K12"): 50,
    }
    observations = [Observation(c, parse_period("2022"), v, region=r) for (c, r), v in values.items()]

    result = roll_up_in_full(PLAN, observations, TREE)

    # Own parts: 100 × 45 / 100 = 45 %, not the counties' 100 × (30 + 10) / (50 + 50) = 40 %,
    # which is kept aside as the roll-up not used.
    rate = _at(list(result.observations), "U1", "C1", "2022")
    assert (rate.value, rate.vintage, rate.note) == (
        pytest.approx(45),
        DERIVED,
        "由甲市的城镇常住人口÷常住人口×100计算",
    )
    aside = result.set_aside[("C1", "U1", parse_period("2022"))]
    assert (aside.value, aside.vintage) == (pytest.approx(40), ROLLED_UP)
    assert aside.note == "由甲一县、甲二县的城镇常住人口合计÷常住人口合计×100计算"


def test_it_takes_the_childrens_sums_when_the_parent_lacks_a_part() -> None:
    # C1 reports UP 45 but no POP: the counties' sums give 100 × (30 + 10) / (50 + 50) = 40 %.
    values = {("UP", "C1"): 45, ("UP", "K11"): 30, ("POP", "K11"): 50, ("UP", "K12"): 10, ("POP", "K12"): 50}
    observations = [Observation(c, parse_period("2022"), v, region=r) for (c, r), v in values.items()]

    rate = _at(roll_up(PLAN, observations, TREE), "U1", "C1", "2022")

    assert (rate.value, rate.vintage) == (pytest.approx(40), ROLLED_UP)


def test_it_sets_aside_the_roll_up_a_parents_own_value_stands_over() -> None:
    # P0 reports 560 for G1 2020, its cities add up to 180 + 280 + 90 = 550; 2022 (830) is
    # rolled up and used, so nothing is set aside for it.
    result = roll_up_in_full(PLAN, OBSERVATIONS, TREE)

    assert {key: o.value for key, o in result.set_aside.items() if key[1] == "G1"} == {
        ("P0", "G1", parse_period("2020")): 550
    }
    assert list(result.observations) == roll_up(PLAN, OBSERVATIONS, TREE)


# ranks among peers some of which have no value -------------------------------------------------------


def test_it_counts_the_peers_compared(evaluations: Evaluations) -> None:
    # R1 (失业率) 2022: the three cities all report; of C1's counties, none does.
    assert ranking(evaluations, "R1", "C2", TREE) == Rank(rank=1, ranked_among=3, peers=3)
    assert ranking(evaluations, "R1", "K11", TREE) is None


def test_it_says_how_many_peers_had_a_value() -> None:
    # Only K11 reports G1 2022 (120); K12 does not: first of 1 of the 2 counties (县).
    observations = [*OBSERVATIONS, Observation("G1", parse_period("2022"), 120, region="K11")]
    evaluations = evaluate_regions(PLAN, roll_up(PLAN, observations, TREE), parse_period("2022"), TREE)

    assert ranking(evaluations, "G1", "K11", TREE) == Rank(1, 1, 2)
    cells = {row.region.code: row.cells[0] for row in region_rows(evaluations, TREE, ["G1"])}
    assert cells["K11"].rank_phrase == "居全市第1（2个县中1个有数据）"
    assert (cells["K11"].rank, cells["K11"].ranked_among, cells["K11"].peers) == (1, 1, 2)
    # The cities all have a 2022 value: no count in the phrase.
    assert cells["C1"].rank_phrase == "居全省第2"


@pytest.mark.parametrize(
    ("among", "word", "phrase"),
    [
        (Rank(1, 1, 3), "县", "居全市第1（3个县中1个有数据）"),
        (Rank(2, 4, 5), "地区", "居全市第2（5个地区中4个有数据）"),
        (Rank(2, 3, 3), "县", "居全市第2"),
        (None, "县", "居全市第2"),
    ],
)
def test_it_phrases_a_rank_among_fewer_than_all_peers(among: Rank | None, word: str, phrase: str) -> None:
    place = among.rank if among else 2
    assert rank_phrase(place, "市", among, word) == phrase


@pytest.mark.parametrize(
    ("levels", "word"),
    [(["县", "县"], "县"), (["市", " 市"], "市"), (["区"], "区"), (["县", "县级市"], "地区"), (["", ""], "地区")],
)
def test_it_names_the_peers_by_their_level(levels: list[str], word: str) -> None:
    assert peer_word(Region(f"R{i}", "某地", "P0", level) for i, level in enumerate(levels)) == word


def test_it_gives_the_root_no_rank_in_the_table(evaluations: Evaluations) -> None:
    root = region_rows(evaluations, TREE, ["G1"])[0]

    assert root.region.code == "P0"
    assert (root.cells[0].rank, root.cells[0].ranked_among, root.cells[0].peers) == (None, None, None)


def test_it_puts_the_set_aside_roll_up_beside_the_latest_value() -> None:
    # P0 reports 800 for 2022, the cities add up to 250 + 330 + 250 = 830.
    own = Observation("G1", parse_period("2022"), 800)
    result = roll_up_in_full(PLAN, [*OBSERVATIONS, own], TREE)
    evaluations = evaluate_regions(PLAN, result.observations, parse_period("2022"), TREE)

    cell = region_rows(evaluations, TREE, ["G1"], result.set_aside)[0].cells[0]

    assert cell.latest is not None and cell.latest.value == 800
    assert cell.rolled_up is not None and cell.rolled_up.value == 830
