"""``planeval warnings``: the national example's warnings as of 2022, and a copy of it with
synthetic key tasks (codes T…, made-up dates) for the task rules and ``--on``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from planeval.cli import app

EXAMPLE = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"
WIDE = {"COLUMNS": "200"}


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=WIDE)


@pytest.fixture
def with_tasks(tmp_path: Path) -> Path:
    """The example plus one task from 2021 to 2025 whose 2021 milestone is not done and whose
    only update (50 %) came on 2022-03-31."""
    folder = tmp_path / "plan"
    shutil.copytree(EXAMPLE, folder)
    (folder / "tasks.csv").write_text("code,text,lead,start,due\nT1,建设某示范区,某局,2021-01-01,2025-12-31\n")
    (folder / "task_milestones.csv").write_text("code,year,text\nT1,2021,完成规划编制\n")
    (folder / "task_updates.csv").write_text("code,reported_on,percent\nT1,2022-03-31,50\n")
    return folder


def test_it_counts_and_lists_the_warnings_of_the_example_red_first() -> None:
    result = run("warnings", str(EXAMPLE), "--as-of", "2022")

    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    # red: N09, N14, N15, N16 binding and behind; N12 far behind (8.5 % < 15 %). Yellow: N01
    # behind on its yearly target; N09, N12, N14, N15, N16 projected short of the target.
    assert lines[0] == "红色预警 5 项，黄色预警 6 项"
    assert "预警（指标截至2022年，任务与报送截至2022-12-31）" in result.stdout
    rows = [line for line in lines if line.startswith("│ 红色预警") or line.startswith("│ 黄色预警")]
    assert [row.split("│")[3].strip() for row in rows] == [
        "N09", "N12", "N14", "N15", "N16", "N01", "N09", "N12", "N14", "N15", "N16"
    ]  # fmt: skip
    assert "低于红色预警线15.0%" in result.stdout


def test_it_writes_the_warnings_as_json() -> None:
    result = run("warnings", str(EXAMPLE), "--as-of", "2022", "--format", "json")

    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["plan", "as_of", "on", "counts", "settings", "warnings"]
    assert (data["plan"], data["as_of"], data["on"]) == (
        "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要",
        "2022",
        "2022-12-31",  # the last day of the cut-off year, as --on is not given
    )
    assert data["counts"] == {"red": 5, "yellow": 6} and len(data["warnings"]) == 11
    assert data["settings"]["warnings"] == {
        "red_margin": 0.2, "milestone_red_days": 90, "stale_days": 90, "report_red_days": 15,
    }  # fmt: skip
    assert data["settings"]["evaluation"]["tolerance"] == 0.05
    assert data["settings"]["tasks"]["progress_tolerance"] == 0.05
    n12 = next(w for w in data["warnings"] if w["subject_code"] == "N12" and w["rule"] == "behind_schedule")
    assert {k: n12[k] for k in ("level", "level_label", "rule_label", "subject_kind", "subject_name")} == {
        "level": "red",
        "level_label": "红色预警",
        "rule_label": "指标进度滞后",
        "subject_kind": "indicator",
        "subject_name": "每千人口拥有3岁以下婴幼儿托位数",
    }
    # (2.03 − 1.8) / (4.5 − 1.8) = 0.0852 against 0.2 × (1 − 0.05 − 0.2) = 0.15
    assert n12["facts"]["progress"] == pytest.approx(0.0852, abs=1e-4)
    assert n12["facts"]["red_line"] == pytest.approx(0.15)


def test_it_takes_the_settings_of_the_evaluation_and_of_the_warnings() -> None:
    # red_margin 0.6: N12's red line 0.2 × (1 − 0.05 − 0.6) = 0.07 < 0.0852, so it turns yellow.
    result = run("warnings", str(EXAMPLE), "--as-of", "2022", "--format", "json", "--set", "red_margin=0.6")
    data = json.loads(result.stdout)
    n12 = next(w for w in data["warnings"] if w["subject_code"] == "N12" and w["rule"] == "behind_schedule")
    assert n12["level"] == "yellow"
    assert data["settings"]["warnings"]["red_margin"] == 0.6  # the settings used, as given
    assert data["counts"] == {"red": 4, "yellow": 7}
    # binding_tolerance 0.2: N09 (0.327 ≥ 0.4 × 0.8 = 0.32) is no longer behind
    result = run("warnings", str(EXAMPLE), "--as-of", "2022", "--format", "json", "--set", "binding_tolerance=0.2")
    data = json.loads(result.stdout)
    assert not any(w["subject_code"] == "N09" and w["rule"] == "binding_behind" for w in data["warnings"])
    assert data["settings"]["evaluation"]["binding_tolerance"] == 0.2


def test_it_judges_tasks_on_the_last_day_of_the_period(with_tasks: Path) -> None:
    result = run("warnings", str(with_tasks), "--as-of", "2022", "--format", "json")

    warnings = json.loads(result.stdout)["warnings"]
    tasks = [(w["rule"], w["level"], w["facts"]) for w in warnings if w["subject_kind"] == "task"]
    # On 2022-12-31: the 2021 milestone is 365 days overdue (> 90: red); the update is
    # 275 days old (≥ 90: yellow); 50 % against 729/1825 = 39.9 % elapsed is on track.
    assert [(rule, level) for rule, level, _ in tasks] == [("milestone_overdue", "red"), ("stale_update", "yellow")]
    assert tasks[0][2]["days_overdue"] == 365 and tasks[1][2]["days_since"] == 275


def test_it_judges_tasks_on_the_day_given(with_tasks: Path) -> None:
    result = run("warnings", str(with_tasks), "--as-of", "2022", "--on", "2022-02-15")

    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "红色预警 5 项，黄色预警 9 项"
    # On 2022-02-15: the milestone 46 days overdue (yellow); nothing reported since the start
    # 410 days before (yellow); 0 % against 410/1825 = 22.5 % elapsed: delayed (yellow).
    assert "逾期46天" in result.stdout
    assert "自2021-01-01开始以来未报送进展" in result.stdout
    assert "任务与报送截至2022-02-15" in result.stdout


def test_it_says_in_json_the_day_tasks_were_judged_on(with_tasks: Path) -> None:
    result = run("warnings", str(with_tasks), "--as-of", "2022", "--on", "2022-02-15", "--format", "json")

    data = json.loads(result.stdout)
    assert (data["as_of"], data["on"]) == ("2022", "2022-02-15")
    assert data["counts"] == {"red": 5, "yellow": 9}  # as the table's count line on that day
    assert sum(data["counts"].values()) == len(data["warnings"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--on", "2022-02-30"), "--on '2022-02-30': expected a date such as 2023-06-30"),
        (("--set", "slack=1"), "unknown setting 'slack'; known: tolerance, binding_tolerance"),
        (("--set", "stale_days=soon"), "setting stale_days: expected a number, got 'soon'"),
        (("--set", "progress_tolerance=2"), "setting progress_tolerance: expected a number from 0 to 1, got 2.0"),
    ],
)
def test_it_refuses_bad_options_in_one_line(args: tuple[str, ...], message: str) -> None:
    result = run("warnings", str(EXAMPLE), "--as-of", "2022", *args)

    assert result.exit_code == 2
    assert result.stderr.startswith(f"planeval: error: {message}") and result.stderr.count("\n") == 1


def test_it_lists_the_warning_settings_under_their_own_heading() -> None:
    result = run("settings")

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    heading = lines.index("Early warnings (planeval warnings: --set NAME=VALUE)")
    assert lines.index("Evaluation (planeval evaluate, report, regions, targets: --set NAME=VALUE)") < heading
    below = lines[heading:]
    for name, default in (("red_margin", "0.2"), ("milestone_red_days", "90"), ("stale_days", "90"),
                          ("report_red_days", "15")):  # fmt: skip
        assert any(line.startswith(f"│ {name} ") and f"│ {default} " in line for line in below), name
