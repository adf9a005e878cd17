"""Reading observations (``planeval.io.observations``): the real example's observations.csv,
and synthetic tables (indicator S01 合成城镇化率, made-up values) for every other case."""

from __future__ import annotations

from pathlib import Path

import pytest

from planeval.domain.indicator import Attribute, Baseline, Direction, Indicator
from planeval.domain.period import Period, parse_period
from planeval.domain.target import parse_target
from planeval.errors import PlanFormatError
from planeval.io.csv_plan import read_indicators_csv
from planeval.io.observations import IndicatorIndex, build_observation, read_observations_csv
from planeval.io.rows import Where

HEADER = "code,period,value,unit,vintage,source,note\n"


def synthetic_indicator(code: str = "S01", name: str = "合成城镇化率") -> Indicator:
    return Indicator(
        code=code,
        name=name,
        unit="%",
        aspect="合成类",
        attribute=Attribute.EXPECTED,
        direction=Direction.INCREASE,
        baseline=Baseline(2020, 50.0),
        target=parse_target("60"),
        target_year=2025,
    )


@pytest.fixture
def index() -> IndicatorIndex:
    return IndicatorIndex([synthetic_indicator(), synthetic_indicator("S02", "合成预期寿命")])


def write(folder: Path, rows: str) -> Path:
    path = folder / "observations.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def read_error(path: Path, index: IndicatorIndex) -> PlanFormatError:
    with pytest.raises(PlanFormatError) as caught:
        read_observations_csv(path, index)
    return caught.value


# The real example -----------------------------------------------------------------------------


def test_it_reads_every_row_of_the_example(example_dir: Path) -> None:
    # observations.csv has 82 lines: the header and 81 rows, none of them a missing mark.
    index = IndicatorIndex(read_indicators_csv(example_dir / "indicators.csv"))

    observations = read_observations_csv(example_dir / "observations.csv", index)

    assert len(observations) == 81
    assert len({o.code for o in observations}) == 19  # every indicator but N11
    assert observations[0].code == "N01" and observations[-1].code == "N20"


def test_it_keeps_vintage_source_and_note_of_the_example(example_dir: Path) -> None:
    index = IndicatorIndex(read_indicators_csv(example_dir / "indicators.csv"))

    observations = read_observations_csv(example_dir / "observations.csv", index)

    census = next(o for o in observations if o.code == "N03" and o.period == Period.of_year(2020))
    assert (census.value, census.unit, census.vintage, census.basis) == (63.89, "%", "census", "census")
    assert (census.source, census.note) == ("7th population census", "revised base on the census basis")
    half = next(o for o in observations if o.code == "N01" and o.period == Period.of_half(2023, 1))
    assert (half.value, half.vintage, half.basis, str(half.period)) == (5.5, "preliminary", None, "2023H1")


# Synthetic tables ------------------------------------------------------------------------------


def test_it_finds_an_indicator_by_its_name(tmp_path: Path, index: IndicatorIndex) -> None:
    path = write(tmp_path, "合成预期寿命,2022,80.5,岁,final,合成公报,合成数据\n")

    [observation] = read_observations_csv(path, index)

    assert observation.code == "S02"
    assert (observation.period, observation.value, observation.unit) == (Period.of_year(2022), 80.5, "岁")
    assert (observation.vintage, observation.source, observation.note) == ("final", "合成公报", "合成数据")


@pytest.mark.parametrize("mark", ["—", "暂无", "", "--", "n/a"])
def test_it_skips_a_missing_value_rather_than_reading_zero(tmp_path: Path, index: IndicatorIndex, mark: str) -> None:
    path = write(tmp_path, f"S01,2021,51,,,,\nS01,2022,{mark},,,,\nS01,2023,0,,,,\n")

    observations = read_observations_csv(path, index)

    assert [(str(o.period), o.value) for o in observations] == [("2021", 51.0), ("2023", 0.0)]


def test_it_skips_a_row_without_a_value_cell(tmp_path: Path, index: IndicatorIndex) -> None:
    path = write(tmp_path, "S01,2021\n")

    assert read_observations_csv(path, index) == []


def test_it_reads_full_width_digits(tmp_path: Path, index: IndicatorIndex) -> None:
    path = write(tmp_path, "S01,２０２２年,６５．２２,,,,\n")

    [observation] = read_observations_csv(path, index)

    assert (observation.period, observation.value) == (Period.of_year(2022), 65.22)


def test_it_reads_a_value_with_a_percent_sign(tmp_path: Path, index: IndicatorIndex) -> None:
    path = write(tmp_path, "S01,2022,55.5%,,,,\n")

    assert read_observations_csv(path, index)[0].value == 55.5


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2023年上半年", Period.of_half(2023, 1)),
        ("2023年1-6月", Period.of_half(2023, 1)),
        ("2023H2", Period.of_half(2023, 2)),
        ("2023年二季度", Period.of_quarter(2023, 2)),
        ("2023年6月", Period.of_month(2023, 6)),
        ("2023年1-9月", Period(2023, 9, 1)),
    ],
)
def test_it_reads_chinese_period_labels(tmp_path: Path, index: IndicatorIndex, label: str, expected: Period) -> None:
    path = write(tmp_path, f"S01,{label},55,,,,\n")

    assert read_observations_csv(path, index)[0].period == expected


def test_it_treats_the_first_half_and_months_one_to_six_as_one_period(tmp_path: Path, index: IndicatorIndex) -> None:
    path = write(tmp_path, "S01,2023年上半年,55,,,,\nS01,2023年1-6月,56,,,,\n")

    error = read_error(path, index)

    assert str(error) == f"{path}, row 3, column period: repeats row 2 (S01 2023H1)"


def test_it_refuses_an_unknown_indicator(tmp_path: Path, index: IndicatorIndex) -> None:
    path = write(tmp_path, "S01,2021,51,,,,\nS99,2021,51,,,,\n")

    error = read_error(path, index)

    assert (error.row, error.column) == (3, "code")
    assert str(error) == (
        f"{path}, row 3, column code: no indicator 'S99' in the plan (expected a code or an indicator name)"
    )


def test_it_refuses_a_month_thirteen(tmp_path: Path, index: IndicatorIndex) -> None:
    path = write(tmp_path, "S01,2023年13月,51,,,,\n")

    error = read_error(path, index)

    assert (error.row, error.column) == (2, "period")
    assert str(error) == (
        f"{path}, row 2, column period: period '2023年13月': months 13-13 of 2023 are not a span of 1-12"
    )


def test_it_refuses_an_empty_period(tmp_path: Path, index: IndicatorIndex) -> None:
    path = write(tmp_path, "S01,,51,,,,\n")

    assert str(read_error(path, index)) == f"{path}, row 2, column period: is empty; a value is required"


def test_it_refuses_a_value_that_is_not_a_number(tmp_path: Path, index: IndicatorIndex) -> None:
    path = write(tmp_path, "S01,2022,约65,,,,\n")

    error = read_error(path, index)

    assert (error.row, error.column) == (2, "value")
    assert str(error) == (
        f"{path}, row 2, column value: '约65' is not a number (expected e.g. 12.5, 1,020, 5.5%, 60.6*)"
    )


def test_it_refuses_a_repeated_row_naming_the_earlier_one(tmp_path: Path, index: IndicatorIndex) -> None:
    path = write(tmp_path, "S01,2022,55,,final,,\nS01,2021,54,,final,,\nS01,2022,55.2,,final,,\n")

    error = read_error(path, index)

    assert (error.row, error.column) == (4, "period")
    assert str(error) == f"{path}, row 4, column period: repeats row 2 (S01 2022)"


def test_it_keeps_two_vintages_of_one_period(tmp_path: Path, index: IndicatorIndex) -> None:
    path = write(tmp_path, "S01,2022,55,,preliminary,,\nS01,2022,55.2,,final,,\nS01,2022,57,,census,,\n")

    observations = read_observations_csv(path, index)

    assert [(o.value, o.vintage) for o in observations] == [(55.0, "preliminary"), (55.2, "final"), (57.0, "census")]


def test_it_does_not_count_a_missing_value_as_a_repeat(tmp_path: Path, index: IndicatorIndex) -> None:
    path = write(tmp_path, "S01,2022,—,,,,\nS01,2022,55,,,,\n")

    assert [o.value for o in read_observations_csv(path, index)] == [55.0]


def test_it_refuses_a_file_without_a_value_column(tmp_path: Path, index: IndicatorIndex) -> None:
    path = tmp_path / "observations.csv"
    path.write_text("code,period\nS01,2022\n", encoding="utf-8")

    assert (
        str(read_error(path, index))
        == f"{path}, row 1, column value: is missing from the header, which has code, period"
    )


def test_it_builds_an_observation_from_a_yaml_style_mapping(index: IndicatorIndex) -> None:
    row = {"code": "S01", "period": 2022, "value": 55.5, "region": "合成区"}

    observation = build_observation(row, index, Where("plan.yaml observations[0]"))

    assert observation is not None
    assert (observation.code, observation.period, observation.value) == ("S01", parse_period("2022"), 55.5)
    assert observation.region == "合成区"


def test_it_refuses_a_name_that_several_indicators_share(tmp_path: Path) -> None:
    from planeval.domain.indicator import Attribute, Baseline, Direction, Indicator
    from planeval.domain.target import parse_target

    twins = [
        Indicator(
            code,
            "同名指标",
            "%",
            "合成",
            Attribute.EXPECTED,
            Direction.INCREASE,
            Baseline(2020, 1.0),
            parse_target("2"),
            2025,
        )  # fmt: skip
        for code in ("S01", "S02")
    ]
    path = tmp_path / "observations.csv"
    path.write_text("code,period,value\n同名指标,2022,1.5\n", encoding="utf-8")
    with pytest.raises(
        PlanFormatError, match=r"row 2, column code: '同名指标' is the name of several indicators \(S01, S02\)"
    ):
        read_observations_csv(path, IndicatorIndex(twins))
