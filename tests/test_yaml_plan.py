"""Hand-written plans in YAML (``planeval.io.yaml_plan``).

Every plan here is synthetic: 合成… names, codes S01…, made-up figures. The baseline case
borrows the shape of the real urbanisation row (printed 60.6*, revised by the census) with
values chosen to make the point.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planeval import evaluate, parse_period
from planeval.domain.indicator import Attribute, Direction
from planeval.domain.period import Period
from planeval.domain.target import TargetKind
from planeval.domain.verdict import Verdict
from planeval.errors import PlanFormatError
from planeval.io.folder import load_plan_folder
from planeval.io.yaml_plan import read_yaml_plan

PLAN = """\
plan:
  title: 合成市国民经济和社会发展第十四个五年规划纲要（合成）
  region: 合成市
  base_year: 2020
  target_year: 2025
indicators:
  - code: S01
    aspect: 经济发展
    name: 合成地区生产总值增长
    unit: "%"
    attribute: 预期性
    baseline: 3.6
    target: "6%左右"
    department: 合成统计局
    annual_targets: {2022: "6%左右", 2021: "7%以上"}
  - code: S02
    aspect: 绿色生态
    name: 合成森林覆盖率
    unit: "%"
    attribute: binding
    baseline: {value: 40.0, estimated: true}
    target: "42"
    target_year: 2030
observations:
  - {code: S01, period: 2021, value: 8.5, source: 合成公报}
  - {code: 合成森林覆盖率, period: 2022年, value: "40.8", vintage: final}
  - {code: S01, period: 2022, value: "—"}
"""

REVISED = """\
plan: {title: 合成规划, base_year: 2020, target_year: 2025}
indicators:
  - code: S01
    name: 合成城镇化率
    unit: "%"
    attribute: 预期性
    baseline: {value: 60.6, revised: 63.89, basis: census}
    target: "65"
observations:
  - {code: S01, period: 2022, value: VALUE}
"""


def write(folder: Path, text: str, name: str = "plan.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def read_error(path: Path) -> PlanFormatError:
    with pytest.raises(PlanFormatError) as caught:
        read_yaml_plan(path)
    return caught.value


def test_it_reads_the_plan_section(tmp_path: Path) -> None:
    plan = read_yaml_plan(write(tmp_path, PLAN)).plan

    assert (plan.title, plan.region) == ("合成市国民经济和社会发展第十四个五年规划纲要（合成）", "合成市")
    assert (plan.base_year, plan.start_year, plan.end_year) == (2020, 2021, 2030)


def test_it_reads_the_indicators(tmp_path: Path) -> None:
    s01, s02 = read_yaml_plan(write(tmp_path, PLAN)).plan.indicators

    assert (s01.code, s01.aspect, s01.attribute) == ("S01", "经济发展", Attribute.EXPECTED)
    assert s01.department == "合成统计局"
    assert (s01.target.kind, s01.target.value, s01.target.approximate) == (TargetKind.AVG_GROWTH, 6.0, True)
    assert (s01.baseline.year, s01.baseline.value, s01.target_year) == (2020, 3.6, 2025)
    assert (s02.attribute, s02.direction, s02.target_year) == (Attribute.BINDING, Direction.INCREASE, 2030)
    assert (s02.baseline.value, s02.baseline.estimated, s02.baseline.revised_value) == (40.0, True, None)


def test_it_reads_inline_annual_targets_in_year_order(tmp_path: Path) -> None:
    targets = read_yaml_plan(write(tmp_path, PLAN)).plan.annual_targets

    assert list(targets) == ["S01"]
    assert [(t.code, t.year, t.target.text, t.target.value) for t in targets["S01"]] == [
        ("S01", 2021, "7%以上", 7.0),
        ("S01", 2022, "6%左右", 6.0),
    ]


def test_it_reads_inline_observations_and_skips_a_missing_value(tmp_path: Path) -> None:
    observations = read_yaml_plan(write(tmp_path, PLAN)).observations

    assert [(o.code, o.period, o.value, o.source, o.vintage) for o in observations] == [
        ("S01", Period.of_year(2021), 8.5, "合成公报", ""),
        ("S02", Period.of_year(2022), 40.8, "", "final"),
    ]


def test_it_reads_observations_csv_beside_the_plan_too(tmp_path: Path) -> None:
    (tmp_path / "observations.csv").write_text("code,period,value\nS02,2023,41.1\n", encoding="utf-8")

    observations = read_yaml_plan(write(tmp_path, PLAN)).observations

    assert [(o.code, str(o.period), o.value) for o in observations] == [
        ("S01", "2021", 8.5),
        ("S02", "2022", 40.8),
        ("S02", "2023", 41.1),
    ]


def test_it_reads_a_baseline_mapping_with_a_revised_value(tmp_path: Path) -> None:
    [indicator] = read_yaml_plan(write(tmp_path, REVISED.replace("VALUE", "65.22"))).plan.indicators

    baseline = indicator.baseline
    assert (baseline.year, baseline.value) == (2020, 60.6)
    assert (baseline.revised_value, baseline.revised_basis) == (63.89, "census")
    assert (baseline.current, baseline.is_revised, baseline.estimated) == (63.89, True, False)


def test_it_evaluates_against_the_revised_baseline(tmp_path: Path) -> None:
    folder = read_yaml_plan(write(tmp_path, REVISED.replace("VALUE", "65.22")))

    [result] = evaluate(folder.plan, folder.observations, parse_period("2022")).results

    assert result.verdict is Verdict.TARGET_REACHED
    assert result.baseline == 63.89
    assert round(result.progress, 6) == round((65.22 - 63.89) / (65 - 63.89), 6) == 1.198198
    assert result.notes == ("基期值采用人口普查口径63.89（规划表60.6）",)


def test_it_judges_progress_from_the_revised_baseline(tmp_path: Path) -> None:
    # 64.0 is (64 − 60.6) / (65 − 60.6) = 77 % of the way from the printed base: ahead of a 40 %
    # time share; from the revised base it is (64 − 63.89) / (65 − 63.89) = 9.9 %: behind.
    folder = read_yaml_plan(write(tmp_path, REVISED.replace("VALUE", "64.0")))

    [result] = evaluate(folder.plan, folder.observations, parse_period("2022")).results

    assert result.verdict is Verdict.BEHIND
    assert (round(result.progress, 6), result.time_share) == (0.099099, 0.4)
    assert "人口普查" in result.notes[0]


def test_it_takes_the_folder_name_as_title_when_the_plan_has_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "synthetic-yaml-plan"
    folder.mkdir()
    write(folder, REVISED.replace("title: 合成规划, ", "").replace("VALUE", "64"))
    monkeypatch.chdir(folder)

    assert load_plan_folder(".").plan.title == "synthetic-yaml-plan"
    assert read_yaml_plan(Path("plan.yaml")).plan.title == "synthetic-yaml-plan"


def test_it_refuses_invalid_yaml_naming_the_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "plan:\n  base_year: 2020\n\ttarget_year: 2025\nindicators: []\n")

    error = read_error(path)

    assert (error.path, error.row, error.column) == (str(path), 3, None)
    assert str(error).startswith(f"{path}, row 3: is not valid YAML: ")


def test_it_refuses_a_document_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "- 1\n- 2\n")

    assert str(read_error(path)) == f"{path}: expected a mapping with 'plan' and 'indicators'"


def test_it_refuses_a_plan_without_indicators(tmp_path: Path) -> None:
    path = write(tmp_path, "plan: {base_year: 2020, target_year: 2025}\nindicator: []\n")

    error = read_error(path)

    assert (error.path, error.column) == (str(path), "indicators")
    assert str(error) == f"{path}, column indicators: expected a list named 'indicators'"


def test_it_refuses_a_plan_without_a_plan_section(tmp_path: Path) -> None:
    path = write(tmp_path, "indicators: []\n")

    assert str(read_error(path)) == f"{path}, column plan: expected a mapping named 'plan'"


def test_it_refuses_a_bad_attribute_naming_the_entry_and_field(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
plan: {base_year: 2020, target_year: 2025}
indicators:
  - {code: S01, name: 合成甲, unit: 个, attribute: 预期性, baseline: 1, target: "2"}
  - {code: S02, name: 合成乙, unit: 个, attribute: 预计性, baseline: 1, target: "2"}
""",
    )

    error = read_error(path)

    assert (error.path, error.column) == (f"{path} indicators[1]", "attribute")
    assert str(error) == (
        f"{path} indicators[1], column attribute: "
        "expected one of 预期性, 预期, expected, 约束性, 约束, binding, got '预计性'"
    )


def test_it_refuses_a_bad_revised_baseline(tmp_path: Path) -> None:
    path = write(tmp_path, REVISED.replace("revised: 63.89", "revised: 约63"))

    error = read_error(path)

    assert (error.path, error.column) == (f"{path} indicators[0]", "baseline.revised")


def test_it_refuses_a_bad_annual_target_year_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, PLAN.replace("2021: ", "二〇二一: "))

    error = read_error(path)

    assert (error.path, error.column) == (f"{path} indicators S01", "annual_targets")
    assert str(error) == (f"{path} indicators S01, column annual_targets: expected a year such as 2020, got '二〇二一'")


def test_it_refuses_an_observation_of_an_unknown_indicator(tmp_path: Path) -> None:
    path = write(tmp_path, PLAN.replace("{code: S01, period: 2021", "{code: S09, period: 2021"))

    error = read_error(path)

    assert (error.path, error.column) == (f"{path} observations[0]", "code")


def test_it_refuses_an_observation_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, PLAN + "  - just text\n")

    error = read_error(path)

    assert str(error) == f"{path}, column observations[3]: expected a mapping of field: value"


def test_it_refuses_a_misspelt_field(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "plan: {title: 合成, base_year: 2020, target_year: 2025}\n"
        "indicators:\n  - {code: S01, name: 合成指标, units: '%', attribute: 预期性, baseline: 1, target: 2}\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanFormatError, match=r"indicators\[0\], column units: is not a field; expected one of code"):
        load_plan_folder(path)


def test_it_refuses_a_target_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "plan: {title: 合成, base_year: 2020, target_year: 2025}\n"
        "indicators:\n  - {code: S01, name: 合成指标, unit: '%', attribute: 预期性, baseline: 1, target: [6]}\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanFormatError, match="column target: expected the target as the table prints it"):
        load_plan_folder(path)


def test_it_refuses_a_repeated_inline_observation(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "plan: {title: 合成, base_year: 2020, target_year: 2025}\n"
        "indicators:\n  - {code: S01, name: 合成指标, unit: '%', attribute: 预期性, baseline: 1, target: 2}\n"
        "observations:\n  - {code: S01, period: 2022, value: 1.5}\n  - {code: S01, period: 2022, value: 1.6}\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanFormatError, match=r"observations\[1\], column period: repeats observations\[0\]"):
        load_plan_folder(path)


def test_it_reads_a_plan_saved_in_gbk(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    text = (
        "plan: {title: 合成规划, base_year: 2020, target_year: 2025}\n"
        "indicators:\n  - {code: S01, name: 合成指标, unit: '%', attribute: 预期性, baseline: 1, target: 2}\n"
    )
    path.write_bytes(text.encode("gbk"))
    assert load_plan_folder(path).plan.title == "合成规划"
