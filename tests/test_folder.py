"""Finding and reading a plan folder (``planeval.io.folder``).

Besides the real example, the folders built here are synthetic (codes S01…, made-up figures).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planeval import evaluate, parse_period
from planeval.domain.verdict import Reason, Verdict
from planeval.errors import PlanError, PlanFormatError
from planeval.io.folder import PLAN_FILES, load_plan_folder

HEADER = "code,category,name,unit,base_year,base_value,target_year,target_text,attribute\n"
EXAMPLE_TITLE = "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要"  # plan.yaml
README_TITLE = "China's 14th Five-Year Plan (2021–2025): main indicators and actual values"

PLAN_YAML = """\
plan: {title: 合成规划（YAML）, base_year: 2020, target_year: 2025}
indicators:
  - {code: Y01, name: 合成指标乙, unit: 个, attribute: 预期性, baseline: 1, target: "2"}
"""


def make_csv_folder(folder: Path, rows: str = "S01,合成类,合成指标甲,个,2020,50,2025,60,预期性\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "indicators.csv").write_text(HEADER + rows, encoding="utf-8")
    return folder


def load_error(path: Path) -> PlanFormatError:
    with pytest.raises(PlanFormatError) as caught:
        load_plan_folder(path)
    return caught.value


def test_it_reads_the_example_plan(example_dir: Path) -> None:
    folder = load_plan_folder(example_dir)

    plan = folder.plan
    assert folder.path == example_dir
    assert (plan.title, plan.region) == (EXAMPLE_TITLE, "全国")
    assert (plan.base_year, plan.start_year, plan.end_year, plan.years) == (2020, 2021, 2025, 5)
    assert len(plan.indicators) == 20
    assert [a.name for a in plan.aspects] == ["经济发展", "创新驱动", "民生福祉", "绿色生态", "安全保障"]


def test_it_reads_observations_and_annual_targets_beside_the_table(example_dir: Path) -> None:
    folder = load_plan_folder(example_dir)

    assert len(folder.observations) == 81
    assert list(folder.plan.annual_targets) == ["N01"]
    assert [t.year for t in folder.plan.annual_targets["N01"]] == [2021, 2022, 2023, 2024, 2025]


def test_it_accepts_the_path_of_the_table_itself(example_dir: Path) -> None:
    folder = load_plan_folder(str(example_dir / "indicators.csv"))

    assert (folder.path, folder.plan.title, len(folder.plan.indicators)) == (example_dir, README_TITLE, 20)


def test_it_prefers_plan_yaml_to_indicators_csv(tmp_path: Path) -> None:
    make_csv_folder(tmp_path)
    (tmp_path / "plan.yaml").write_text(PLAN_YAML, encoding="utf-8")

    plan = load_plan_folder(tmp_path).plan

    assert plan.title == "合成规划（YAML）"
    assert [i.code for i in plan.indicators] == ["Y01"]


def test_it_reads_plan_yml_too(tmp_path: Path) -> None:
    (tmp_path / "plan.yml").write_text(PLAN_YAML, encoding="utf-8")

    assert [i.code for i in load_plan_folder(tmp_path).plan.indicators] == ["Y01"]


def test_it_takes_the_title_from_the_first_heading_of_the_readme(tmp_path: Path) -> None:
    make_csv_folder(tmp_path)
    (tmp_path / "README.md").write_text("合成说明\n\n## 小节\n# 合成市规划纲要 \n# 第二个标题\n", encoding="utf-8")

    assert load_plan_folder(tmp_path).plan.title == "合成市规划纲要"


def test_it_takes_the_folder_name_without_a_readme(tmp_path: Path) -> None:
    folder = make_csv_folder(tmp_path / "synthetic-plan")

    assert load_plan_folder(folder).plan.title == "synthetic-plan"


def test_it_takes_the_folder_name_when_the_readme_has_no_top_heading(tmp_path: Path) -> None:
    folder = make_csv_folder(tmp_path / "synthetic-plan")
    (folder / "README.md").write_text("## 只有二级标题\n#不是标题\n", encoding="utf-8")

    assert load_plan_folder(folder).plan.title == "synthetic-plan"


def test_it_takes_the_folder_name_of_the_current_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_csv_folder(tmp_path / "synthetic-plan")
    monkeypatch.chdir(folder)

    assert load_plan_folder(".").plan.title == "synthetic-plan"


def test_it_takes_the_most_common_base_year_and_the_latest_target_year(tmp_path: Path) -> None:
    make_csv_folder(
        tmp_path,
        "S01,合成类,合成甲,个,2020,1,2025,2,预期性\n"
        "S02,合成类,合成乙,个,2019,1,2025,2,预期性\n"
        "S03,合成类,合成丙,个,2020,1,2035,2,预期性\n",
    )

    plan = load_plan_folder(tmp_path).plan

    assert (plan.base_year, plan.start_year, plan.end_year) == (2020, 2021, 2035)


def test_it_reads_a_folder_without_observations(tmp_path: Path) -> None:
    folder = load_plan_folder(make_csv_folder(tmp_path))

    assert (folder.observations, dict(folder.plan.annual_targets)) == ((), {})


def test_it_refuses_a_folder_without_a_plan_file(tmp_path: Path) -> None:
    (tmp_path / "observations.csv").write_text("code,period,value\n", encoding="utf-8")

    error = load_error(tmp_path)

    assert PLAN_FILES == ("plan.yaml", "plan.yml", "indicators.csv", "indicators.xlsx")
    expected = "holds no plan: expected one of plan.yaml, plan.yml, indicators.csv, indicators.xlsx"
    assert str(error) == f"{tmp_path}: {expected}"


def test_it_refuses_a_path_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-plan"

    error = load_error(missing)

    assert (error.path, error.row) == (str(missing), None)
    assert str(error) == f"{missing}: is not a plan folder (no such directory)"


def test_it_refuses_a_table_without_indicators(tmp_path: Path) -> None:
    make_csv_folder(tmp_path, rows="")

    assert str(load_error(tmp_path)) == f"{tmp_path}: the indicator table holds no indicator"


def test_it_names_the_file_and_row_of_a_bad_observation(tmp_path: Path) -> None:
    make_csv_folder(tmp_path)
    (tmp_path / "observations.csv").write_text("code,period,value\nS01,2021,51\nS01,2022,多\n", encoding="utf-8")

    error = load_error(tmp_path)

    assert (error.path, error.row, error.column) == (str(tmp_path / "observations.csv"), 3, "value")


def test_it_refuses_two_indicators_with_one_code(tmp_path: Path) -> None:
    make_csv_folder(tmp_path, "S01,合成类,合成甲,个,2020,1,2025,2,预期性\nS01,合成类,合成乙,个,2020,1,2025,2,预期性\n")

    with pytest.raises(PlanError) as caught:
        load_plan_folder(tmp_path)

    assert str(caught.value) == f"plan {tmp_path.name!r}: indicator codes used twice: S01"


def test_it_evaluates_a_folder_holding_only_the_two_csv_files(tmp_path: Path, example_dir: Path) -> None:
    for name in ("indicators.csv", "observations.csv"):
        shutil.copy(example_dir / name, tmp_path / name)
    folder = load_plan_folder(tmp_path)
    assert (folder.plan.start_year, folder.plan.end_year, len(folder.plan.indicators)) == (2021, 2025, 20)
    evaluation = evaluate(folder.plan, folder.observations, parse_period("2022"))
    assert evaluation.result("N05").verdict is Verdict.AHEAD
    # Without annual_targets.csv the GDP indicator cannot be judged, and says why.
    assert evaluation.result("N01").reason is Reason.NO_ANNUAL_TARGETS


def test_it_reads_the_example_title_from_plan_yaml_and_the_table_from_csv(example_dir: Path) -> None:
    folder = load_plan_folder(example_dir)
    assert folder.plan.title == "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要"
    assert folder.plan.region == "全国"
    assert len(folder.plan.indicators) == 20 and folder.plan.annual_targets["N01"][0].year == 2021


def test_it_reads_the_file_it_is_given(tmp_path: Path, example_dir: Path) -> None:
    shutil.copy(example_dir / "indicators.csv", tmp_path / "table.csv")
    (tmp_path / "plan.yaml").write_text("plan: {title: 别的规划}\nindicators: []\n", encoding="utf-8")
    assert len(load_plan_folder(tmp_path / "table.csv").plan.indicators) == 20


def test_it_titles_a_yaml_plan_without_title_from_the_readme(tmp_path: Path, example_dir: Path) -> None:
    shutil.copy(example_dir / "indicators.csv", tmp_path / "indicators.csv")
    (tmp_path / "plan.yaml").write_text("plan: {region: 全国}\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# 某市规划纲要\n", encoding="utf-8")
    assert load_plan_folder(tmp_path).plan.title == "某市规划纲要"
