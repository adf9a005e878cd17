"""Every method side by side: `planeval evaluate … --method all` and evaluate_methods()."""

import json
from pathlib import Path

from typer.testing import CliRunner

from planeval import evaluate, parse_period
from planeval.cli import app
from planeval.domain.verdict import Verdict
from planeval.evaluate import disagree, evaluate_methods
from planeval.io import load_plan_folder
from planeval.methods import available_methods

EXAMPLE = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"


def test_it_evaluates_with_every_method_time_progress_first():
    folder = load_plan_folder(EXAMPLE)
    evaluations = evaluate_methods(folder.plan, folder.observations, parse_period("2022"))
    assert list(evaluations)[0] == "time_progress"
    assert sorted(evaluations) == available_methods()
    single = evaluate(folder.plan, folder.observations, parse_period("2022"))
    assert [r.verdict for r in evaluations["time_progress"].results] == [r.verdict for r in single.results]


def test_it_finds_a_disagreement_only_between_judged_verdicts(tmp_path):
    folder = load_plan_folder(EXAMPLE)
    result = evaluate(folder.plan, folder.observations, parse_period("2022")).result("N05")  # ahead
    from dataclasses import replace

    behind, unjudged = replace(result, verdict=Verdict.BEHIND), replace(result, verdict=Verdict.NOT_EVALUATED)
    assert disagree([result, behind])
    assert not disagree([result, unjudged])
    assert not disagree([result, replace(result, verdict=Verdict.TARGET_REACHED)])


def test_it_prints_every_method_per_indicator_in_json():
    result = CliRunner().invoke(
        app, ["evaluate", str(EXAMPLE), "--as-of", "2022", "--method", "all", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["method"] == "all" and data["methods"][0] == "time_progress"
    assert len(data["indicators"]) == 20
    patents = next(i for i in data["indicators"] if i["code"] == "N05")
    assert set(patents["methods"]) == set(available_methods())
    assert patents["methods"]["time_progress"]["verdict"] == "ahead"
    assert isinstance(patents["disagreement"], bool)
    assert patents["projection"]["linear"]["value"] is not None


def test_it_prints_the_comparison_as_a_table_csv_and_markdown():
    for output_format, marker in (("table", "各评价方法结论对比"), ("csv", "序号,code,name,time_progress"),
                                  ("markdown", "| 序号 | 代码 | 指标 | time_progress")):  # fmt: skip
        result = CliRunner().invoke(
            app, ["evaluate", str(EXAMPLE), "--as-of", "2022", "--method", "all", "--format", output_format]
        )
        assert result.exit_code == 0 and marker in result.stdout, output_format
