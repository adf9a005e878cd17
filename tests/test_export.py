"""An evaluation as data, CSV and Markdown (``planeval.io.export``), on the real example plan
evaluated as of 2022."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from planeval import Evaluation, evaluate, load_plan_folder, parse_period
from planeval.io.export import CSV_COLUMNS, evaluation_to_csv, evaluation_to_dict, evaluation_to_markdown, neutralise

CODES = [f"N{n:02d}" for n in range(1, 21)]
MEETING = ("target_reached", "ahead", "on_schedule")


@pytest.fixture(scope="module")
def evaluation() -> Evaluation:
    folder = load_plan_folder(Path(__file__).parent.parent / "examples" / "cn-14th-fyp")
    return evaluate(folder.plan, folder.observations, parse_period("2022"))


@pytest.fixture(scope="module")
def data(evaluation: Evaluation) -> dict[str, Any]:
    return evaluation_to_dict(evaluation)


def by_code(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["code"]: row for row in data["indicators"]}


def test_it_gives_the_evaluation_as_plain_data(data: dict[str, Any]) -> None:
    assert list(data) == ["plan", "as_of", "as_of_label", "method", "settings", "indicators", "summary"]
    assert data["plan"] == {
        "title": "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要",
        "region": "全国",
        "base_year": 2020,
        "start_year": 2021,
        "end_year": 2025,
    }
    assert (data["as_of"], data["as_of_label"], data["method"]) == ("2022", "2022年", "time_progress")


def test_it_includes_the_settings_used(data: dict[str, Any]) -> None:
    assert data["settings"] == {
        "tolerance": 0.05,
        "binding_tolerance": 0.0,
        "ahead_margin": 0.1,
        "about_tolerance": 0.5,
        "in_step_tolerance": 0.5,
        "bound_rule": "average",
    }


def test_it_is_json_ready(data: dict[str, Any]) -> None:
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_it_lists_the_20_indicators_in_table_order(data: dict[str, Any]) -> None:
    assert [row["code"] for row in data["indicators"]] == CODES


def test_it_gives_the_progress_of_patents_per_10000_people(data: dict[str, Any]) -> None:
    n05 = by_code(data)["N05"]

    # base 6.3 (2020), target 12 (2025), 9.4 in 2022: (9.4 − 6.3) / (12 − 6.3); two of five years.
    assert n05["progress"] == round((9.4 - 6.3) / (12 - 6.3), 6) == 0.54386
    assert n05["time_share"] == 0.4
    assert n05["schedule_ratio"] == round((9.4 - 6.3) / (12 - 6.3) / 0.4, 6) == 1.359649
    assert (n05["verdict"], n05["verdict_label"], n05["reason"]) == ("ahead", "快于预期", None)
    assert (n05["latest_period"], n05["latest_value"], n05["baseline"], n05["plan_baseline"]) == ("2022", 9.4, 6.3, 6.3)
    assert (n05["name"], n05["unit"]) == ("每万人口高价值发明专利拥有量", "件")
    assert (n05["attribute"], n05["target_text"]) == ("expected", "12")


def test_it_lists_the_observations_used_up_to_the_evaluation_date(data: dict[str, Any]) -> None:
    observations = by_code(data)["N05"]["observations"]

    assert [(o["period"], o["value"], o["vintage"]) for o in observations] == [
        ("2021", 7.5, "final"),
        ("2022", 9.4, "final"),
    ]
    assert observations[0]["source"] == "CNIPA annual statistics 2021"


def test_it_says_why_the_digital_economy_share_is_not_evaluated(data: dict[str, Any]) -> None:
    n06 = by_code(data)["N06"]

    assert (n06["verdict"], n06["reason"], n06["reason_label"]) == ("not_evaluated", "no_data", "缺少年度数据")
    assert (n06["progress"], n06["time_share"], n06["latest_value"], n06["observations"]) == (None, None, None, [])


def test_it_uses_the_census_base_for_urbanisation(data: dict[str, Any]) -> None:
    n03 = by_code(data)["N03"]

    assert (n03["baseline"], n03["plan_baseline"], n03["verdict"]) == (63.89, 60.6, "target_reached")
    assert any("人口普查" in note for note in n03["notes"])


def test_it_counts_the_summary_from_the_indicators(data: dict[str, Any]) -> None:
    rows, summary = data["indicators"], data["summary"]
    verdicts = Counter(row["verdict"] for row in rows)

    assert summary["total"] == len(rows) == 20
    assert {v: c["total"] for v, c in summary["counts"].items()} == {v: verdicts[v] for v in summary["counts"]}
    for verdict, cell in summary["counts"].items():
        assert cell["expected"] == sum(1 for r in rows if r["verdict"] == verdict and r["attribute"] == "expected")
        assert cell["binding"] == sum(1 for r in rows if r["verdict"] == verdict and r["attribute"] == "binding")
    assert summary["meeting_schedule"] == sum(verdicts[v] for v in MEETING)
    reasons = Counter(row["reason"] for row in rows if row["verdict"] == "not_evaluated")
    assert summary["not_evaluated_reasons"] == dict(reasons)


def test_it_counts_each_aspect_in_table_order(data: dict[str, Any]) -> None:
    aspects = data["summary"]["aspects"]

    assert [(a["aspect"], a["total"]) for a in aspects] == [
        ("经济发展", 3),
        ("创新驱动", 3),
        ("民生福祉", 7),
        ("绿色生态", 5),
        ("安全保障", 2),
    ]
    for aspect in aspects:
        rows = [r for r in data["indicators"] if r["aspect"] == aspect["aspect"]]
        assert {v: aspect[v] for v in data["summary"]["counts"]} == {
            v: sum(1 for r in rows if r["verdict"] == v) for v in data["summary"]["counts"]
        }


def test_it_opens_the_paragraph_with_the_table_size(data: dict[str, Any]) -> None:
    summary = data["summary"]
    paragraph = summary["paragraph"]

    meeting = summary["meeting_schedule"]
    assert paragraph.startswith(f"规划确定的5个方面20项主要指标中，{meeting}项达到或超过规划进度要求")
    assert paragraph.endswith("因缺少年度数据暂未评估。")


def test_it_writes_a_csv_row_per_indicator(evaluation: Evaluation) -> None:
    text = evaluation_to_csv(evaluation)

    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(CSV_COLUMNS)
    assert len(rows) == 21
    records = {r["code"]: r for r in csv.DictReader(io.StringIO(text))}
    assert list(records) == CODES
    n05 = records["N05"]
    assert (n05["progress"], n05["time_share"]) == ("0.54386", "0.4")
    assert (n05["verdict"], n05["verdict_label"]) == ("ahead", "快于预期")
    assert (records["N06"]["progress"], records["N06"]["reason"]) == ("", "no_data")


def test_it_writes_a_markdown_table_and_the_paragraph(evaluation: Evaluation, data: dict[str, Any]) -> None:
    lines = evaluation_to_markdown(evaluation).splitlines()

    assert lines[0] == (f"# {data['plan']['title']}：主要指标进度评价（截至2022年）")
    assert lines[2] == (
        "| 序号 | 指标 | 单位 | 属性 | 基期值 | 目标值 | 最新值及期别 | 时间进度 | 完成进度 | 评价结论 "
        "| 责任单位 | 评价依据 |"
    )
    rows = [line for line in lines[4:] if line.startswith("| ")]
    assert len(rows) == 20
    assert rows[4].startswith(
        "| 5 | 每万人口高价值发明专利拥有量 | 件 | 预期性 | 6.3 | 12 | 9.4（2022年） | 40.0% | 54.4% | 快于预期 |  | "
        "2022年为9.4件，基期6.3件"
    )
    assert rows[5] == (
        "| 6 | 数字经济核心产业增加值占GDP比重 | % | 预期性 | 7.8 | 10 | — | — | — | 未作评估（缺少年度数据） |  | "
        "因缺少年度数据暂不评价 |"
    )
    assert lines[-1] == data["summary"]["paragraph"]


@pytest.mark.parametrize(
    ("value", "written"), [("=1+1", "'=1+1"), ("@SUM(A1)", "'@SUM(A1)"), ("-3", "'-3"), ("国内", "国内"), (-3.2, -3.2)]
)
def test_it_neutralises_what_a_spreadsheet_would_run(value: object, written: object) -> None:
    assert neutralise(value) == written
