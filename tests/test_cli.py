"""The ``planeval`` command (``planeval.cli``), run in-process with typer's CliRunner.

The evaluations use the real example folder; the folders built in ``tmp_path`` are synthetic
(codes S01…, made-up figures). The runner keeps stderr apart from stdout (``result.stderr``).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from planeval.cli import app
from planeval.domain.settings import describe_settings
from planeval.methods import available_methods

EXAMPLE = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"
WIDE = {"COLUMNS": "200"}  # rich wraps tables at the terminal width
RESULT_KEYS = {"code", "name", "attribute", "verdict", "reason", "time_share", "progress"}
HEADER = "code,category,name,unit,base_year,base_value,target_year,target_text,attribute\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=WIDE)


def evaluate_json(*args: str, folder: Path = EXAMPLE) -> dict[str, Any]:
    result = run("evaluate", str(folder), "--format", "json", *args)
    assert (result.exit_code, result.stderr) == (0, "")
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def verdicts(data: dict[str, Any]) -> dict[str, str]:
    return {row["code"]: row["verdict"] for row in data["indicators"]}


def assert_one_line_error(result: Result, message: str) -> None:
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"planeval: error: {message}\n"


# evaluate ---------------------------------------------------------------------------------------


def test_it_prints_the_evaluation_as_json() -> None:
    data = evaluate_json("--as-of", "2022")

    assert (data["as_of"], data["method"]) == ("2022", "time_progress")
    assert len(data["indicators"]) == 20
    assert all(set(row) >= RESULT_KEYS for row in data["indicators"])
    n05 = next(row for row in data["indicators"] if row["code"] == "N05")
    assert (n05["progress"], n05["time_share"], n05["verdict"]) == (0.54386, 0.4, "ahead")


def test_it_prints_the_evaluation_as_csv() -> None:
    result = run("evaluate", str(EXAMPLE), "--as-of", "2022", "--format", "csv")

    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["code"] for row in rows] == [f"N{n:02d}" for n in range(1, 21)]
    assert (rows[5]["code"], rows[5]["verdict"], rows[5]["reason"]) == ("N06", "not_evaluated", "no_data")


def test_it_prints_the_evaluation_as_markdown() -> None:
    result = run("evaluate", str(EXAMPLE), "--as-of", "2022", "--format", "markdown")

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].endswith("：主要指标进度评价（截至2022年）")
    assert [line.split(" | ")[0] for line in lines if line.startswith("| ")][2:] == [f"| {n}" for n in range(1, 21)]
    assert lines[-1].startswith("规划确定的5个方面20项主要指标中")


def test_it_prints_a_table_and_the_summary_paragraph_by_default() -> None:
    result = run("evaluate", str(EXAMPLE), "--as-of", "2022")

    assert result.exit_code == 0
    assert "主要指标进度评价（截至2022年，方法 time_progress）" in result.stdout
    assert "┃ 序号 ┃ 指标" in result.stdout
    assert "规划确定的5个方面20项主要指标中" in result.stdout


def test_it_evaluates_as_of_2024() -> None:
    data = evaluate_json("--as-of", "2024")

    assert data["as_of"] == "2024"
    n05 = next(row for row in data["indicators"] if row["code"] == "N05")
    # 14.0 in 2024: (14.0 − 6.3) / (12 − 6.3), past the target.
    assert (n05["time_share"], n05["progress"], n05["verdict"]) == (0.8, round(7.7 / 5.7, 6), "target_reached")


def test_it_reads_a_chinese_period_label() -> None:
    data = evaluate_json("--as-of", "2023年上半年")

    assert (data["as_of"], data["as_of_label"]) == ("2023H1", "2023年上半年")


def test_it_writes_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "evaluation.json"

    result = run("evaluate", str(EXAMPLE), "--as-of", "2022", "--format", "json", "--out", str(out))

    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert len(json.loads(out.read_text(encoding="utf-8"))["indicators"]) == 20


def test_it_writes_the_table_to_a_file_without_colour(tmp_path: Path) -> None:
    out = tmp_path / "evaluation.txt"

    result = run("evaluate", str(EXAMPLE), "--as-of", "2022", "--out", str(out))

    assert (result.exit_code, result.stdout) == (0, "")
    text = out.read_text(encoding="utf-8")
    assert "规划确定的5个方面20项主要指标中" in text
    assert "\x1b[" not in text


def test_it_lets_binding_tolerance_turn_behind_into_on_schedule() -> None:
    # As of 2022 (time share 0.4) three binding indicators are behind with progress / time share
    # at or above 0.5: N09 0.327/0.4, N14 0.207/0.4, N15 0.254/0.4.
    default = verdicts(evaluate_json("--as-of", "2022"))
    slack = verdicts(evaluate_json("--as-of", "2022", "--set", "binding_tolerance=0.5"))

    changed = {code: (default[code], slack[code]) for code in default if default[code] != slack[code]}
    assert changed == {code: ("behind", "on_schedule") for code in ("N09", "N14", "N15")}


def test_it_leaves_the_example_unchanged_with_tolerance_one_half() -> None:
    # No expected (预期性) indicator of the example is behind with progress ≥ half the time share
    # as of 2022: N12 is at 0.085/0.2 = 0.43, N01 is judged on its yearly targets.
    default = verdicts(evaluate_json("--as-of", "2022"))

    assert verdicts(evaluate_json("--as-of", "2022", "--set", "tolerance=0.5")) == default


def test_it_lets_tolerance_turn_an_expected_indicator_on_schedule(tmp_path: Path) -> None:
    # Synthetic: 0 → 10 by 2025, 2.4 in 2022 is 24 % done at 40 % of the time (ratio 0.6).
    row = "S01,合成类,合成指标甲,个,2020,0,2025,10,预期性\n"
    (tmp_path / "indicators.csv").write_text(HEADER + row, encoding="utf-8")
    (tmp_path / "observations.csv").write_text("code,period,value\nS01,2022,2.4\n", encoding="utf-8")

    assert verdicts(evaluate_json("--as-of", "2022", folder=tmp_path)) == {"S01": "behind"}
    assert verdicts(evaluate_json("--as-of", "2022", "--set", "tolerance=0.5", folder=tmp_path)) == {
        "S01": "on_schedule"
    }


# Bad input: one line on stderr, exit code 2 ---------------------------------------------------


def test_it_refuses_a_missing_folder(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-plan"

    result = run("evaluate", str(missing), "--as-of", "2022")

    assert_one_line_error(result, f"{missing}: is not a plan folder (no such directory)")


def test_it_refuses_a_bad_period() -> None:
    result = run("evaluate", str(EXAMPLE), "--as-of", "2023年13月")

    assert_one_line_error(result, "period '2023年13月': months 13-13 of 2023 are not a span of 1-12")


def test_it_refuses_an_unknown_method() -> None:
    result = run("evaluate", str(EXAMPLE), "--as-of", "2022", "--method", "linear_guess")

    assert_one_line_error(result, f"unknown method 'linear_guess'; available: {', '.join(available_methods())}")


def test_it_refuses_an_unknown_setting() -> None:
    result = run("evaluate", str(EXAMPLE), "--as-of", "2022", "--set", "slack=0.5")

    names = ", ".join(name for name, _, _ in describe_settings())
    assert_one_line_error(result, f"unknown setting 'slack'; known: {names}")


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        ("tolerance", "--set 'tolerance': expected NAME=VALUE, e.g. --set tolerance=0.1"),
        ("tolerance=lots", "setting tolerance: expected a number, got 'lots'"),
        ("tolerance=-1", "setting tolerance: expected a number from 0 to 1, got -1.0"),
        ("tolerance=nan", "setting tolerance: expected a number from 0 to 1, got nan"),
        ("bound_rule=sometimes", "setting bound_rule: expected one of average, every_period, got 'sometimes'"),
    ],
)
def test_it_refuses_a_bad_setting_value(pair: str, message: str) -> None:
    result = run("evaluate", str(EXAMPLE), "--as-of", "2022", "--set", pair)

    assert_one_line_error(result, message)


def test_it_refuses_a_malformed_indicator_table_naming_file_and_row(tmp_path: Path) -> None:
    table = tmp_path / "indicators.csv"
    table.write_text(
        HEADER + "S01,合成类,合成甲,个,2020,1,2025,2,预期性\nS02,合成类,合成乙,个,2020,1,2025,2,预计性\n",
        encoding="utf-8",
    )

    result = run("evaluate", str(tmp_path), "--as-of", "2022")

    assert_one_line_error(
        result,
        f"{table}, row 3, column attribute: "
        "expected one of 预期性, 预期, expected, 约束性, 约束, binding, got '预计性'",
    )


def test_it_refuses_an_output_file_it_cannot_write(tmp_path: Path) -> None:
    out = tmp_path / "no-such-dir" / "evaluation.json"

    result = run("evaluate", str(EXAMPLE), "--as-of", "2022", "--format", "json", "--out", str(out))

    assert_one_line_error(result, f"[Errno 2] No such file or directory: '{out}'")


# settings, methods, plan --------------------------------------------------------------------------


def test_it_lists_the_settings_with_their_defaults() -> None:
    result = run("settings")

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    for name, default, _ in describe_settings():
        assert any(line.startswith(f"│ {name} ") and f"│ {default} " in line for line in lines), name


def test_it_lists_every_group_of_settings_under_its_heading() -> None:
    from planeval.cli import SETTINGS_GROUPS
    from planeval.domain.task import TaskSettings

    lines = run("settings").stdout.splitlines()

    assert TaskSettings in [kind for _, kind in SETTINGS_GROUPS]
    starts = [lines.index(heading) for heading, _ in SETTINGS_GROUPS] + [len(lines)]
    for (_, kind), start, end in zip(SETTINGS_GROUPS, starts, starts[1:], strict=False):
        table = lines[start + 1 : end]  # the group's own table, up to the next heading
        for name, default, _ in describe_settings(kind):
            assert any(line.startswith(f"│ {name} ") and f"│ {default} " in line for line in table), name


def test_it_lists_the_methods() -> None:
    result = run("methods")

    assert (result.exit_code, result.stdout) == (0, "".join(f"{name}\n" for name in available_methods()))
    assert set(available_methods()) == {"cagr_ratio", "escap", "time_progress", "trend_shortfall", "unsd_projection"}


def test_it_shows_how_the_plan_was_read() -> None:
    result = run("plan", str(EXAMPLE))

    assert result.exit_code == 0
    assert "远景目标纲要（2021—2025）" in result.stdout
    rows = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if line.startswith("│ N")}
    assert list(rows) == [f"N{n:02d}" for n in range(1, 21)]
    assert [cell.strip() for cell in rows["N14"].split("│")[1:-1]] == [
        "N14",
        "绿色生态",
        "单位GDP能源消耗降低",
        "%",
        "约束性",
        "正向",
        "—",
        "〔13.5〕",
        "累计降低",
    ]
    assert [cell.strip() for cell in rows["N08"].split("│")[1:-1]] == [
        "N08",
        "民生福祉",
        "城镇调查失业率",
        "%",
        "预期性",
        "逆向",
        "5.2",
        "<5.5",
        "上限",
    ]


def test_it_refuses_to_show_a_missing_plan(tmp_path: Path) -> None:
    result = run("plan", str(tmp_path))

    expected = "holds no plan: expected one of plan.yaml, plan.yml, indicators.csv, indicators.xlsx"
    assert_one_line_error(result, f"{tmp_path}: {expected}")


@pytest.mark.parametrize(("suffix", "first"), [(".json", "{"), (".csv", "\ufeffcode,name"), (".md", "# ")])
def test_it_takes_the_format_from_the_output_extension(tmp_path: Path, suffix: str, first: str) -> None:
    out = tmp_path / f"result{suffix}"
    assert run("evaluate", str(EXAMPLE), "--as-of", "2022", "--out", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith(first)


def test_it_neutralises_formulas_in_csv(tmp_path: Path) -> None:
    (tmp_path / "indicators.csv").write_text(
        "code,category,name,unit,base_year,base_value,target_year,target_text,attribute\n"
        'S01,合成,"=HYPERLINK(""http://x"")",%,2020,1,2025,2,预期性\n',
        encoding="utf-8",
    )
    result = run("evaluate", str(tmp_path), "--as-of", "2022", "--format", "csv")
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    assert row["name"] == '\'=HYPERLINK("http://x")'


# planeval targets ---------------------------------------------------------------------------------


def test_it_prints_the_yearly_targets_with_the_published_ones_marked() -> None:
    result = run("targets", str(EXAMPLE), "--as-of", "2022")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "年度目标分解（截至2022年）" in result.stdout and "2025年" in result.stdout
    # N14: 1 − (0.865/(0.973 × 0.999))^(1/3) = 3.81 % a year; N01: the reports' 5%左右, marked *
    assert "3.81" in result.stdout and "5左右*" in result.stdout
    assert "*2024年度目标5%左右（Government Work Report 2024）" in result.stdout
    assert "N03 常住人口城镇化率：已达到规划目标，无需分解" in result.stdout


def test_it_writes_the_yearly_targets_as_json() -> None:
    result = run("targets", str(EXAMPLE), "--as-of", "2022", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert (data["as_of"], data["years"]) == ("2022", [2023, 2024, 2025])
    rows = {row["code"]: row for row in data["indicators"]}
    assert [y["value"] for y in rows["N14"]["years"]] == pytest.approx([3.8138] * 3, abs=5e-4)
    assert (rows["N14"]["rule"], rows["N14"]["rule_label"], rows["N14"]["reason"]) == (
        "compounding",
        "累计降低复合分解",
        None,
    )
    # N06 has no value by 2022: from its baseline 7.8 (2020) to 10, 0.44 a year: 9.12, 9.56, 10
    assert (rows["N06"]["reason"], rows["N06"]["from_baseline"], rows["N06"]["latest_value"]) == (None, True, None)
    assert [y["value"] for y in rows["N06"]["years"]] == pytest.approx([9.12, 9.56, 10.0])
    first = rows["N01"]["years"][0]
    assert (first["overridden"], first["override_text"], first["computed"]) == (True, "5%左右", None)
    assert (first["comparison"], rows["N19"]["years"][0]["comparison"]) == ("about", "at_least")


def test_it_shows_how_each_yearly_target_is_to_be_met_in_the_table() -> None:
    result = run("targets", str(EXAMPLE), "--as-of", "2022")
    lines = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if line.startswith("│ N")}
    cells = {code: [cell.strip() for cell in line.split("│")[7:10]] for code, line in lines.items()}
    # N08 <5.5 a ceiling, N19 >6.5 a floor, N20 >46 met in 2022 (46.6), N01 the reports' 5%左右
    assert cells["N08"] == ["≤5.5"] * 3
    assert cells["N19"] == ["≥6.5"] * 3
    assert cells["N20"] == ["≥46"] * 3
    assert cells["N01"] == ["5左右*"] * 3
    assert cells["N14"] == ["3.81"] * 3  # a computed step is to be reached exactly: no sign


def test_it_refuses_a_setting_it_does_not_know_for_the_yearly_targets() -> None:
    result = run("targets", str(EXAMPLE), "--as-of", "2022", "--set", "speed=3")
    assert result.exit_code == 2 and "unknown setting 'speed'" in result.stderr
