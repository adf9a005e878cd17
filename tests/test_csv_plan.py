"""Reading a plan's indicator table and yearly targets from CSV (``planeval.io.csv_plan`` and
``planeval.io.csv_files``).

The example folder holds the real 14th Five-Year Plan table; every other table here is
synthetic (codes S01…, names 合成…, made-up figures).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planeval.domain.indicator import Attribute, Direction, Indicator
from planeval.domain.period import Frequency
from planeval.domain.target import TargetKind
from planeval.errors import PlanFormatError
from planeval.io.csv_plan import read_annual_targets_csv, read_indicators_csv
from planeval.io.observations import IndicatorIndex

HEADER = "code,category,name,unit,base_year,base_value,target_year,target_text,attribute,notes\n"
SYNTHETIC_ROW = "S01,合成类,合成指标甲,%,2020,50,2025,60,预期性,合成数据\n"
ATTRIBUTES = "预期性, 预期, expected, 约束性, 约束, binding"
Indicators = dict[str, Indicator]


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def read_error(path: Path) -> PlanFormatError:
    with pytest.raises(PlanFormatError) as caught:
        read_indicators_csv(path)
    return caught.value


@pytest.fixture
def example_indicators(example_dir: Path) -> Indicators:
    return {i.code: i for i in read_indicators_csv(example_dir / "indicators.csv")}


# The real example -----------------------------------------------------------------------------


def test_it_reads_the_20_indicators_of_the_example_in_table_order(example_dir: Path) -> None:
    indicators = read_indicators_csv(example_dir / "indicators.csv")

    assert [i.code for i in indicators] == [f"N{n:02d}" for n in range(1, 21)]


def test_it_reads_the_urbanisation_rate_as_a_level_target(example_indicators: Indicators) -> None:
    n03 = example_indicators["N03"]

    assert (n03.name, n03.unit, n03.aspect) == ("常住人口城镇化率", "%", "经济发展")
    assert (n03.baseline.year, n03.baseline.value, n03.baseline.estimated) == (2020, 60.6, False)
    assert (n03.target.kind, n03.target.value, n03.target.text) == (TargetKind.LEVEL, 65.0, "65")
    assert (n03.target_year, n03.attribute, n03.direction) == (2025, Attribute.EXPECTED, Direction.INCREASE)
    assert n03.frequency is Frequency.YEAR


def test_it_reads_energy_intensity_as_a_binding_cumulative_reduction(example_indicators: Indicators) -> None:
    n14 = example_indicators["N14"]

    assert (n14.target.kind, n14.target.value, n14.target.text) == (TargetKind.CUMULATIVE_REDUCTION, 13.5, "〔13.5〕")
    assert n14.attribute is Attribute.BINDING
    assert n14.baseline.value is None


def test_it_implies_a_decrease_for_the_unemployment_ceiling(example_indicators: Indicators) -> None:
    n08 = example_indicators["N08"]

    assert (n08.target.kind, n08.target.value) == (TargetKind.CEILING, 5.5)
    assert n08.direction is Direction.DECREASE


def test_it_reads_gdp_growth_as_set_each_year(example_indicators: Indicators) -> None:
    n01 = example_indicators["N01"]

    assert (n01.target.kind, n01.target.value) == (TargetKind.ANNUAL, None)
    assert n01.target.text == "保持在合理区间、各年度视情提出"
    assert n01.is_growth_rate is True


def test_it_keeps_the_notes_column_as_the_indicator_note(example_indicators: Indicators) -> None:
    assert example_indicators["N05"].note == ""
    assert example_indicators["N08"].note == (
        "Ceiling applies to every year; annual average of the monthly surveyed rate"
    )


def test_it_counts_the_attributes_of_the_example(example_indicators: Indicators) -> None:
    binding = [code for code, i in example_indicators.items() if i.attribute is Attribute.BINDING]

    assert binding == ["N09", "N14", "N15", "N16", "N17", "N18", "N19", "N20"]


# Headers and encodings (synthetic tables) ------------------------------------------------------


def test_it_accepts_chinese_headers(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "indicators.csv",
        "编号,类别,指标,单位,base_year,base_value,target_year,target_text,属性,责任单位\n"
        "S01,合成类,合成指标甲,个,2020,50,2025,60,约束性,合成局\n",
    )

    [indicator] = read_indicators_csv(path)

    assert (indicator.code, indicator.aspect, indicator.name, indicator.unit) == ("S01", "合成类", "合成指标甲", "个")
    assert (indicator.attribute, indicator.department) == (Attribute.BINDING, "合成局")


def test_it_accepts_header_names_in_any_case_and_with_blanks(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "indicators.csv",
        " Code ,Name,Unit,Base_Year,Base_Value,Target_Year,Target_Text,ATTRIBUTE\n"
        "S01,合成指标甲,个,2020,50,2025,60,expected\n",
    )

    [indicator] = read_indicators_csv(path)

    assert (indicator.code, indicator.baseline.value, indicator.attribute) == ("S01", 50.0, Attribute.EXPECTED)
    assert indicator.aspect == "主要指标"


def test_it_reads_a_gb18030_file(tmp_path: Path) -> None:
    path = write(tmp_path, "indicators.csv", HEADER + SYNTHETIC_ROW, encoding="gb18030")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")

    [indicator] = read_indicators_csv(path)

    assert (indicator.code, indicator.aspect, indicator.name) == ("S01", "合成类", "合成指标甲")
    assert indicator.note == "合成数据"
    assert indicator.attribute is Attribute.EXPECTED


def test_it_reads_a_utf8_file_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = write(tmp_path, "indicators.csv", HEADER + SYNTHETIC_ROW, encoding="utf-8-sig")
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"

    [indicator] = read_indicators_csv(path)

    assert indicator.code == "S01"


def test_it_skips_blank_rows(tmp_path: Path) -> None:
    path = write(tmp_path, "indicators.csv", HEADER + "\n,,, ,\n" + SYNTHETIC_ROW)

    assert [i.code for i in read_indicators_csv(path)] == ["S01"]


def test_it_marks_a_starred_base_value_as_an_estimate(tmp_path: Path) -> None:
    path = write(tmp_path, "indicators.csv", HEADER + "S01,合成类,合成指标甲,%,2020,60.6*,2025,65,预期性,\n")

    [indicator] = read_indicators_csv(path)

    assert (indicator.baseline.value, indicator.baseline.estimated) == (60.6, True)


def test_it_reads_an_empty_base_value_as_unknown_not_zero(tmp_path: Path) -> None:
    path = write(tmp_path, "indicators.csv", HEADER + "S01,合成类,合成指标甲,%,2020,—,2025,>7,约束性,\n")

    [indicator] = read_indicators_csv(path)

    assert indicator.baseline.value is None


def test_it_reads_a_row_with_fewer_cells_than_the_header(tmp_path: Path) -> None:
    path = write(tmp_path, "indicators.csv", HEADER + "S01,合成类,合成指标甲,%,2020,50,2025,60,预期性\n")

    [indicator] = read_indicators_csv(path)

    assert (indicator.code, indicator.note) == ("S01", "")


# Errors name file, row and column --------------------------------------------------------------


def test_it_refuses_an_unknown_attribute(tmp_path: Path) -> None:
    bad_row = "S02,合成类,合成指标乙,%,2020,50,2025,60,预计性,\n"
    path = write(tmp_path, "indicators.csv", HEADER + SYNTHETIC_ROW + bad_row)

    error = read_error(path)

    assert (error.path, error.row, error.column) == (str(path), 3, "attribute")
    assert str(error) == f"{path}, row 3, column attribute: expected one of {ATTRIBUTES}, got '预计性'"


def test_it_refuses_a_table_without_an_attribute_column(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "indicators.csv",
        "code,category,name,unit,base_year,base_value,target_year,target_text,notes\n"
        "S01,合成类,合成指标甲,%,2020,50,2025,60,\n",
    )

    error = read_error(path)

    assert (error.row, error.column) == (1, "attribute")
    assert str(error) == (
        f"{path}, row 1, column attribute: is missing from the header, which has "
        "code, category, name, unit, base_year, base_value, target_year, target_text, notes"
    )


def test_it_refuses_a_row_whose_attribute_cell_is_cut_off(tmp_path: Path) -> None:
    path = write(tmp_path, "indicators.csv", HEADER + "S01,合成类,合成指标甲,%,2020,50,2025,60\n")

    error = read_error(path)

    assert str(error) == f"{path}, row 2, column attribute: is empty; a value is required"


def test_it_refuses_an_empty_code(tmp_path: Path) -> None:
    path = write(tmp_path, "indicators.csv", HEADER + ",合成类,合成指标甲,%,2020,50,2025,60,预期性,\n")

    error = read_error(path)

    assert (error.row, error.column) == (2, "code")
    assert str(error) == f"{path}, row 2, column code: is empty; every indicator needs a code"


def test_it_refuses_a_base_value_that_is_not_a_number(tmp_path: Path) -> None:
    path = write(tmp_path, "indicators.csv", HEADER + "S01,合成类,合成指标甲,%,2020,约60,2025,65,预期性,\n")

    error = read_error(path)

    assert (error.row, error.column) == (2, "base_value")
    assert str(error) == (
        f"{path}, row 2, column base_value: '约60' is not a number (expected e.g. 12.5, 1,020, 5.5%, 60.6*)"
    )


def test_it_refuses_a_row_with_more_cells_than_the_header(tmp_path: Path) -> None:
    path = write(tmp_path, "indicators.csv", HEADER + SYNTHETIC_ROW.rstrip("\n") + ",多余\n")

    error = read_error(path)

    assert (error.row, error.column) == (2, None)
    assert str(error) == f"{path}, row 2: has 11 cells but the header has 10 columns"


def test_it_refuses_a_bad_base_year(tmp_path: Path) -> None:
    path = write(tmp_path, "indicators.csv", HEADER + "S01,合成类,合成指标甲,%,二〇二〇,50,2025,60,预期性,\n")

    error = read_error(path)

    assert str(error) == f"{path}, row 2, column base_year: expected a year such as 2020, got '二〇二〇'"


def test_it_refuses_an_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "indicators.csv", "")

    assert str(read_error(path)) == f"{path}: is empty; expected a header row"


def test_it_refuses_a_file_in_another_encoding(tmp_path: Path) -> None:
    path = tmp_path / "indicators.csv"
    path.write_bytes(b"code,name\n\xff\xfe\n")

    error = read_error(path)

    assert (error.row, str(error)) == (None, f"{path}: is neither UTF-8 nor GB18030 text")


# annual_targets.csv -----------------------------------------------------------------------------


def test_it_reads_the_yearly_gdp_targets_of_the_example(example_dir: Path) -> None:
    index = IndicatorIndex(read_indicators_csv(example_dir / "indicators.csv"))

    targets = read_annual_targets_csv(example_dir / "annual_targets.csv", index)

    assert list(targets) == ["N01"]
    assert [(t.year, t.target.text, t.target.kind, t.target.value) for t in targets["N01"]] == [
        (2021, "6%以上", TargetKind.AVG_GROWTH, 6.0),
        (2022, "5.5%左右", TargetKind.AVG_GROWTH, 5.5),
        (2023, "5%左右", TargetKind.AVG_GROWTH, 5.0),
        (2024, "5%左右", TargetKind.AVG_GROWTH, 5.0),
        (2025, "5%左右", TargetKind.AVG_GROWTH, 5.0),
    ]
    assert targets["N01"][0].source == "Government Work Report 2021"


@pytest.fixture
def synthetic_index(tmp_path: Path) -> IndicatorIndex:
    row = "S01,合成类,合成生产总值增长,%,2020,3,2025,保持在合理区间,预期性,\n"
    path = write(tmp_path, "indicators.csv", HEADER + row)
    return IndicatorIndex(read_indicators_csv(path))


def test_it_puts_yearly_targets_in_year_order(tmp_path: Path, synthetic_index: IndicatorIndex) -> None:
    path = write(
        tmp_path,
        "annual_targets.csv",
        "code,year,target_text\nS01,2023,5%左右\nS01,2021年,7%以上\n合成生产总值增长,2022,6\n",
    )

    targets = read_annual_targets_csv(path, synthetic_index)

    assert [(t.code, t.year, t.target.text, t.source) for t in targets["S01"]] == [
        ("S01", 2021, "7%以上", ""),
        ("S01", 2022, "6", ""),
        ("S01", 2023, "5%左右", ""),
    ]


def test_it_refuses_a_yearly_target_for_an_unknown_indicator(tmp_path: Path, synthetic_index: IndicatorIndex) -> None:
    path = write(tmp_path, "annual_targets.csv", "code,year,target_text\nS01,2021,7\nS99,2021,7\n")

    with pytest.raises(PlanFormatError) as caught:
        read_annual_targets_csv(path, synthetic_index)

    assert (
        str(caught.value)
        == f"{path}, row 3, column code: no indicator 'S99' in the plan (expected a code or an indicator name)"
    )


def test_it_refuses_two_targets_for_one_year(tmp_path: Path, synthetic_index: IndicatorIndex) -> None:
    path = write(
        tmp_path, "annual_targets.csv", "code,year,target_text\nS01,2021,7\nS01,2022,6\n合成生产总值增长,2021,6.5\n"
    )

    with pytest.raises(PlanFormatError) as caught:
        read_annual_targets_csv(path, synthetic_index)

    assert (caught.value.row, caught.value.column) == (4, "year")
    assert str(caught.value) == f"{path}, row 4, column year: a second target for S01 in 2021"


def test_it_refuses_annual_targets_without_a_year_column(tmp_path: Path, synthetic_index: IndicatorIndex) -> None:
    path = write(tmp_path, "annual_targets.csv", "code,target_text\nS01,7\n")

    with pytest.raises(PlanFormatError) as caught:
        read_annual_targets_csv(path, synthetic_index)

    assert str(caught.value) == f"{path}, row 1, column year: is missing from the header, which has code, target_text"
