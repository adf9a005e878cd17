"""Regions in a plan folder: ``regions.csv``, the aggregation columns of the indicator table,
the ``region`` column of ``observations.csv`` and ``planeval regions``.

Synthetic folder: a province P0 (示例省) with three cities C1–C3, made-up figures.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from planeval.cli import app
from planeval.domain.indicator import Aggregation
from planeval.domain.region import Region, RegionTree
from planeval.errors import PlanFormatError
from planeval.io.folder import load_plan_folder

INDICATORS = """\
code,category,name,unit,base_year,base_value,target_year,target_text,attribute,direction,aggregation,numerator,denominator
G1,经济发展,地区生产总值,亿元,2020,560,2025,年均增长6%,预期性,,sum,,
UP,民生福祉,城镇常住人口,万人,2020,100,2025,—,预期性,,sum,,
POP,民生福祉,常住人口,万人,2020,200,2025,—,预期性,,sum,,
U1,民生福祉,常住人口城镇化率,%,2020,50,2025,65,预期性,,ratio,UP,POP
R1,民生福祉,城镇调查失业率,%,2020,5.2,2025,<5.5,预期性,decrease,last,,
"""
REGIONS = """\
code,name,parent,level
P0,示例省,,省
C1,甲市,P0,市
C2,乙市,P0,市
C3,丙市,P0,市
"""
OBSERVATIONS = """\
code,period,value,region
G1,2020,560,
G1,2022,250,C1
G1,2022,330,C2
G1,2022,250,C3
UP,2022,59,C1
UP,2022,23,C2
UP,2022,25.2,C3
POP,2022,100,C1
POP,2022,40,C2
POP,2022,60,C3
U1,2020,55,C1
U1,2022,59,C1
U1,2020,50,C2
U1,2022,57.5,C2
U1,2020,40,C3
U1,2022,42,C3
R1,2022,5.0,C1
R1,2022,4.5,C2
R1,2022,5.0,C3
"""
OWN_OBSERVATIONS = "code,period,value,region\nG1,2020,560,\n"
"""Observations of the plan's own region only."""


def make_folder(
    folder: Path, indicators: str = INDICATORS, regions: str | None = REGIONS, observations: str = OBSERVATIONS
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "indicators.csv").write_text(indicators, encoding="utf-8")
    (folder / "observations.csv").write_text(observations, encoding="utf-8")
    if regions is not None:
        (folder / "regions.csv").write_text(regions, encoding="utf-8")
    return folder


def load_error(folder: Path) -> str:
    with pytest.raises(PlanFormatError) as caught:
        load_plan_folder(folder)
    return str(caught.value)


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


def regions_json(folder: Path, *args: str) -> dict[str, Any]:
    result = run("regions", str(folder), "--as-of", "2022", "--format", "json", *args)
    assert (result.exit_code, result.stderr) == (0, "")
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# reading ----------------------------------------------------------------------------------------


def test_it_reads_the_region_tree_beside_the_table(tmp_path: Path) -> None:
    folder = load_plan_folder(make_folder(tmp_path))

    assert folder.regions == RegionTree(
        [
            Region("P0", "示例省", None, "省"),
            Region("C1", "甲市", "P0", "市"),
            Region("C2", "乙市", "P0", "市"),
            Region("C3", "丙市", "P0", "市"),
        ]
    )


def test_it_reads_the_region_of_each_observation(tmp_path: Path) -> None:
    folder = load_plan_folder(make_folder(tmp_path))

    # An empty region is the plan's own (P0).
    assert [o.region for o in folder.observations[:3]] == ["", "C1", "C2"]


def test_it_has_no_tree_without_regions_csv(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, regions=None, observations=OWN_OBSERVATIONS)

    assert load_plan_folder(folder).regions is None


def test_it_reads_chinese_region_headers_and_no_level(tmp_path: Path) -> None:
    regions = "代码,名称,上级\nP0,示例省,\nC1,甲市,P0\n"
    folder = load_plan_folder(
        make_folder(tmp_path, regions=regions, observations=OWN_OBSERVATIONS + "G1,2022,250,C1\n")
    )

    assert folder.regions is not None
    assert folder.regions.children("P0") == (Region("C1", "甲市", "P0", ""),)


@pytest.mark.parametrize(
    ("regions", "where"),
    [
        (REGIONS + "C1,另一甲市,P0,市\n", ", row 6, column code: region code 'C1' is used twice"),
        (REGIONS + "K1,某县,C9,县\n", ", row 6, column parent: region 'K1' names an unknown parent 'C9'"),
        (
            REGIONS + "Q0,另一省,,省\n",
            ", row 6, column parent: region 'Q0' has no parent, nor has 'P0': a region tree has one root",
        ),
        (REGIONS + "K1,某县,K2,县\nK2,某二县,K1,县\n", ", row 6, column parent: regions form a cycle: K1 → K2 → K1"),
        (REGIONS + ",无码县,C1,县\n", ", row 6, column code: is empty; a value is required"),
        ("code,name,parent,level\n", ": the region list holds no region"),
        (
            "code,name,level\nP0,示例省,省\n",
            ", row 1, column parent: is missing from the header, which has code, name, level",
        ),
    ],
)
def test_it_refuses_a_region_list_naming_file_row_and_column(tmp_path: Path, regions: str, where: str) -> None:
    message = load_error(make_folder(tmp_path, regions=regions))

    assert message == f"{tmp_path / 'regions.csv'}{where}"


def test_it_reads_the_aggregation_columns(tmp_path: Path) -> None:
    plan = load_plan_folder(make_folder(tmp_path)).plan

    assert [i.aggregation for i in plan.indicators] == [
        Aggregation.SUM, Aggregation.SUM, Aggregation.SUM, Aggregation.RATIO, Aggregation.LAST,
    ]  # fmt: skip
    rate = plan.indicator("U1")
    # No scale column: 100 for a rate in %.
    assert (rate.numerator, rate.denominator, rate.scale, rate.ratio_scale) == ("UP", "POP", None, 100)


def test_it_reads_a_table_without_aggregation_columns_as_none(tmp_path: Path) -> None:
    table = "\n".join(",".join(line.split(",")[:10]) for line in INDICATORS.splitlines()) + "\n"

    plan = load_plan_folder(make_folder(tmp_path, indicators=table)).plan

    assert {i.aggregation for i in plan.indicators} == {Aggregation.NONE}


def test_it_reads_a_scale_and_chinese_aggregation_words(tmp_path: Path) -> None:
    table = (
        "code,name,unit,base_year,target_year,target_text,attribute,汇总方式,分子,分母,scale\n"
        "P1,发明专利,件,2020,2025,1000,预期性,合计,,,\n"
        "P2,人口,人,2020,2025,—,预期性,求和,,,\n"
        "P3,每万人口发明专利拥有量,件/万人,2020,2025,12,预期性,比率,P1,P2,10000\n"
    )

    plan = load_plan_folder(
        make_folder(tmp_path, indicators=table, regions=None, observations="code,period,value\n")
    ).plan

    assert [i.aggregation for i in plan.indicators] == [Aggregation.SUM, Aggregation.SUM, Aggregation.RATIO]
    assert plan.indicator("P3").ratio_scale == 10000


@pytest.mark.parametrize(
    ("row", "where"),
    [
        (
            "X1,合成,合成指标,个,2020,1,2025,2,预期性,,avg,,",
            "row 7, column aggregation: expected one of sum, ratio, last, none, 合计, 求和, 比率, 不汇总, got 'avg'",
        ),
        (
            "X1,合成,合成比率,%,2020,1,2025,2,预期性,,ratio,UP,ZZ",
            "row 7, column denominator: no indicator 'ZZ' in the plan",
        ),
        (
            "X1,合成,合成比率,%,2020,1,2025,2,预期性,,ratio,UP,",
            "row 7, column denominator: is empty; aggregation ratio needs the code of the indicator to divide",
        ),
        (
            "X1,合成,合成比率,%,2020,1,2025,2,预期性,,ratio,X1,POP",
            "row 7, column numerator: names the indicator 'X1' itself",
        ),
        (
            "X1,合成,合成比率,%,2020,1,2025,2,预期性,,ratio,U1,POP",
            "row 7, column numerator: 'U1' is itself a ratio; a ratio divides two amounts",
        ),
        (
            "X1,合成,合成总量,个,2020,1,2025,2,预期性,,sum,UP,",
            "row 7, column numerator: applies to aggregation ratio only, not sum",
        ),
        (
            "X1,合成,合成总量,个,2020,1,2025,2,预期性,,,,POP",
            "row 7, column denominator: applies to aggregation ratio only, not none",
        ),
    ],
)
def test_it_refuses_an_aggregation_it_cannot_follow(tmp_path: Path, row: str, where: str) -> None:
    message = load_error(make_folder(tmp_path, indicators=INDICATORS + row + "\n"))

    assert message == f"{tmp_path / 'indicators.csv'}, {where}"


def test_it_accepts_a_ratio_listed_before_its_parts(tmp_path: Path) -> None:
    # U1 names UP and POP; a ratio listed before its parts is fine: codes are checked once the
    # whole table is read.
    lines = INDICATORS.splitlines()
    reordered = "\n".join([lines[0], lines[4], *lines[1:4], lines[5]]) + "\n"

    assert load_plan_folder(make_folder(tmp_path, indicators=reordered)).plan.indicator("U1").numerator == "UP"


def test_it_reads_the_aggregation_keys_of_a_yaml_plan(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(
        """\
plan: {title: 合成省规划, base_year: 2020, target_year: 2025}
indicators:
  - {code: UP, name: 城镇常住人口, unit: 万人, attribute: 预期性, baseline: 100, target: "—", aggregation: sum}
  - {code: POP, name: 常住人口, unit: 万人, attribute: 预期性, baseline: 200, target: "—", aggregation: sum}
  - {code: U1, name: 常住人口城镇化率, unit: "%", attribute: 预期性, baseline: 50, target: "65",
     aggregation: ratio, numerator: UP, denominator: POP, scale: 100}
""",
        encoding="utf-8",
    )

    rate = load_plan_folder(tmp_path).plan.indicator("U1")

    assert (rate.aggregation, rate.numerator, rate.denominator, rate.scale) == (Aggregation.RATIO, "UP", "POP", 100)


def test_it_refuses_a_yaml_ratio_naming_an_unknown_indicator(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(
        """\
plan: {title: 合成省规划, base_year: 2020, target_year: 2025}
indicators:
  - {code: UP, name: 城镇常住人口, unit: 万人, attribute: 预期性, baseline: 100, target: "—"}
  - {code: U1, name: 常住人口城镇化率, unit: "%", attribute: 预期性, baseline: 50, target: "65",
     aggregation: ratio, numerator: UP, denominator: POP}
""",
        encoding="utf-8",
    )

    assert (
        load_error(tmp_path)
        == f"{tmp_path / 'plan.yaml'} indicators[1], column denominator: no indicator 'POP' in the plan"
    )


# planeval regions -------------------------------------------------------------------------------


def test_it_prints_every_region_as_json(tmp_path: Path) -> None:
    data = regions_json(make_folder(tmp_path))

    assert (data["as_of"], data["method"]) == ("2022", "time_progress")
    assert [(r["code"], r["name"], r["parent"]) for r in data["regions"]] == [
        ("P0", "示例省", None), ("C1", "甲市", "P0"), ("C2", "乙市", "P0"), ("C3", "丙市", "P0"),
    ]  # fmt: skip
    assert [i["code"] for i in data["regions"][0]["indicators"]] == ["G1", "UP", "POP", "U1", "R1"]
    assert set(data["regions"][0]["indicators"][0]) == {
        "code", "verdict", "latest_period", "latest_value", "rolled_up_value", "rank", "ranked_among", "peers",
        "rank_phrase",
    }  # fmt: skip


def test_it_prints_one_indicators_value_and_rank_by_region(tmp_path: Path) -> None:
    data = regions_json(make_folder(tmp_path), "--indicator", "U1")

    rows = {r["code"]: r["indicators"] for r in data["regions"]}
    assert all(len(cells) == 1 for cells in rows.values())
    cells = {code: cells[0] for code, cells in rows.items()}
    # P0's 2022 rate is rolled up: 100 × (59 + 23 + 25.2) / (100 + 40 + 60) = 53.6; against the
    # table's baseline 50 and target 65 that is (53.6 − 50) / 15 = 0.24 of the way at time
    # share 0.4 → behind. Cities from their own 2020 values: C1 0.40 → on schedule, C2 0.50 →
    # ahead, C3 0.08 → behind; ranked by the 2022 rate 59 > 57.5 > 42.
    assert cells["P0"]["latest_value"] == pytest.approx(53.6)
    assert {code: (c["verdict"], c["rank"], c["rank_phrase"]) for code, c in cells.items()} == {
        "P0": ("behind", None, None),
        "C1": ("on_schedule", 1, "居全省第1"),
        "C2": ("ahead", 2, "居全省第2"),
        "C3": ("behind", 3, "居全省第3"),
    }
    assert (cells["C2"]["latest_period"], cells["C2"]["latest_value"]) == ("2022", 57.5)


def test_it_ranks_lower_as_better_for_a_decreasing_indicator(tmp_path: Path) -> None:
    data = regions_json(make_folder(tmp_path), "--indicator", "R1")

    # 失业率 2022: C2 4.5 first, C1 and C3 both 5.0 share second; P0 reports none (last: no roll-up).
    cells = {r["code"]: r["indicators"][0] for r in data["regions"]}
    assert {code: (c["latest_value"], c["rank_phrase"]) for code, c in cells.items()} == {
        "P0": (None, None),
        "C1": (5.0, "居全省第2"),
        "C2": (4.5, "居全省第1"),
        "C3": (5.0, "居全省第2"),
    }


def test_it_prints_a_table_indented_by_depth(tmp_path: Path) -> None:
    result = run("regions", str(make_folder(tmp_path)), "--as-of", "2022", "--indicator", "U1")

    assert (result.exit_code, result.stderr) == (0, "")
    assert "示例省" in result.stdout and "  甲市" in result.stdout
    assert "居全省第1" in result.stdout and "53.6%（2022年）" in result.stdout


def test_it_prints_every_indicators_verdict_by_region(tmp_path: Path) -> None:
    result = run("regions", str(make_folder(tmp_path)), "--as-of", "2022")

    assert (result.exit_code, result.stderr) == (0, "")
    assert "常住人口城镇化率" in result.stdout and "快于预期" in result.stdout


@pytest.mark.parametrize(
    ("args", "regions", "message"),
    [
        (("--indicator", "ZZ"), REGIONS, "has no indicator 'ZZ'"),
        ((), None, "row 3, column region: observations name regions (C1, C2, C3) but the folder has no regions.csv"),
        (
            (),
            REGIONS.replace("C3,丙市,P0,市\n", ""),
            "row 5, column region: region 'C3' is not in regions.csv (P0, C1, C2)",
        ),
        (("--as-of", "2019"), REGIONS, "nothing has elapsed yet"),
    ],
)
def test_it_refuses_bad_input_in_one_line(
    tmp_path: Path, args: tuple[str, ...], regions: str | None, message: str
) -> None:
    folder = make_folder(tmp_path, regions=regions)
    result = run("regions", str(folder), "--as-of", "2022", *args)

    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("planeval: error: ") and result.stderr.endswith(f"{message}\n")
    assert result.stderr.count("\n") == 1


# the plan's own region, by code or empty ---------------------------------------------------------


def test_it_reads_the_root_regions_code_as_the_plans_own(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, observations=OBSERVATIONS + "G1,2022,800,P0\n")

    # P0 is the root of regions.csv: its row is the plan's own value, region "".
    assert load_plan_folder(folder).observations[-1].region == ""
    # `evaluate` and `regions` both judge the province on its own 800 (2022), not the cities'
    # 250 + 330 + 250 = 830; growth from 560: √(800 / 560) − 1 = 19.52 % a year.
    evaluated = run("evaluate", str(folder), "--as-of", "2022", "--format", "json")
    assert (evaluated.exit_code, evaluated.stderr) == (0, "")
    g1 = json.loads(evaluated.stdout)["indicators"][0]
    assert (g1["latest_period"], g1["latest_value"], g1["achieved"]) == ("2022", 800, pytest.approx(19.522861))
    by_region = regions_json(folder, "--indicator", "G1")["regions"][0]["indicators"][0]
    assert (by_region["latest_value"], by_region["verdict"]) == (800, g1["verdict"])


def test_it_refuses_the_plans_own_value_given_with_and_without_the_roots_code(tmp_path: Path) -> None:
    # Row 2 gives G1 2020 with an empty region, row 6 with P0: one value given twice.
    message = load_error(
        make_folder(tmp_path, observations=OBSERVATIONS[: OBSERVATIONS.index("UP,")] + "G1,2020,550,P0\n")
    )

    assert message == (
        f"{tmp_path / 'observations.csv'}, row 6, column region:"
        " G1 2020 is given both for region 'P0' and without a region; both are the plan's own region"
    )


def test_it_refuses_an_observation_of_a_region_regions_csv_lacks(tmp_path: Path) -> None:
    # Row 2 has no value (—) and is skipped; the row numbers still count it: C9 is on row 3.
    observations = "code,period,value,region\nG1,2021,—,C1\nG1,2022,1,C9\n"

    message = load_error(make_folder(tmp_path, observations=observations))

    assert (
        message
        == f"{tmp_path / 'observations.csv'}, row 3, column region: region 'C9' is not in regions.csv (P0, C1, C2, C3)"
    )


def test_it_refuses_regions_in_a_folder_without_regions_csv(tmp_path: Path) -> None:
    # The first row naming a region is row 3 (G1 2022 C1); every region named is listed once.
    message = load_error(make_folder(tmp_path, regions=None))

    assert message == (
        f"{tmp_path / 'observations.csv'}, row 3, column region:"
        " observations name regions (C1, C2, C3) but the folder has no regions.csv"
    )


def test_it_refuses_an_inline_observation_of_an_unknown_region(tmp_path: Path) -> None:
    make_folder(tmp_path, observations="code,period,value\n")
    (tmp_path / "plan.yaml").write_text(
        "plan: {title: 示例}\nobservations:\n  - {code: G1, period: 2022, value: 1, region: C9}\n", encoding="utf-8"
    )

    assert load_error(tmp_path) == (
        f"{tmp_path}, column region: observation G1 2022: region 'C9' is not in regions.csv (P0, C1, C2, C3)"
    )


def test_it_says_a_folder_without_regions_has_no_regions_csv(tmp_path: Path) -> None:
    result = run("regions", str(make_folder(tmp_path, regions=None, observations=OWN_OBSERVATIONS)), "--as-of", "2022")

    assert result.exit_code == 2
    assert result.stderr.endswith("has no regions.csv (columns code, name, parent, level)\n")


# planeval regions: ranks and roll-ups in JSON ------------------------------------------------------


def test_it_counts_the_peers_a_rank_is_among_in_json(tmp_path: Path) -> None:
    # R1 2022 without C3's row: C2 4.5 first, C1 5.0 second, of 2 of the 3 cities (市).
    data = regions_json(
        make_folder(tmp_path, observations=OBSERVATIONS.replace("R1,2022,5.0,C3\n", "")), "--indicator", "R1"
    )

    cells = {r["code"]: r["indicators"][0] for r in data["regions"]}
    assert {code: (c["rank"], c["ranked_among"], c["peers"], c["rank_phrase"]) for code, c in cells.items()} == {
        "P0": (None, None, None, None),
        "C1": (2, 2, 3, "居全省第2（3个市中2个有数据）"),
        "C2": (1, 2, 3, "居全省第1（3个市中2个有数据）"),
        "C3": (None, None, None, None),
    }


def test_it_gives_the_root_no_rank_in_json(tmp_path: Path) -> None:
    data = regions_json(make_folder(tmp_path))

    root = data["regions"][0]
    assert root["code"] == "P0"
    assert {(c["rank"], c["ranked_among"], c["peers"], c["rank_phrase"]) for c in root["indicators"]} == {
        (None, None, None, None)
    }


def test_it_shows_the_rolled_up_value_beside_the_parents_own(tmp_path: Path) -> None:
    data = regions_json(make_folder(tmp_path, observations=OBSERVATIONS + "G1,2022,800,\n"), "--indicator", "G1")

    # P0 reports 800 for 2022; its cities add up to 250 + 330 + 250 = 830. A city has no
    # children: nothing rolled up.
    cells = {r["code"]: r["indicators"][0] for r in data["regions"]}
    assert (cells["P0"]["latest_value"], cells["P0"]["rolled_up_value"]) == (800, 830)
    assert [cells[code]["rolled_up_value"] for code in ("C1", "C2", "C3")] == [None, None, None]


def test_it_shows_no_rolled_up_value_when_the_value_is_rolled_up(tmp_path: Path) -> None:
    data = regions_json(make_folder(tmp_path), "--indicator", "G1")

    # P0's 2022 is the roll-up itself (830): no second value beside it.
    root = data["regions"][0]["indicators"][0]
    assert (root["latest_value"], root["rolled_up_value"]) == (830, None)
