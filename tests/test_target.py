"""Reading targets from the text of a plan table (issue 2, point 3)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planeval.domain.target import Relation, TargetKind, parse_target

GDP = {"name": "国内生产总值（GDP）增长", "unit": "%", "growth_rate": True}


@pytest.mark.parametrize(
    ("text", "options", "kind", "value"),
    [
        ("65", {}, TargetKind.LEVEL, 65.0),
        ("12件", {"unit": "件"}, TargetKind.LEVEL, 12.0),
        (">7", GDP, TargetKind.AVG_GROWTH, 7.0),
        ("≥7", GDP, TargetKind.AVG_GROWTH, 7.0),
        ("7以上", GDP, TargetKind.AVG_GROWTH, 7.0),
        ("7", GDP, TargetKind.AVG_GROWTH, 7.0),
        ("年均增长6%以上", {}, TargetKind.AVG_GROWTH, 6.0),
        (">46", {}, TargetKind.FLOOR, 46.0),
        ("7以上", {}, TargetKind.FLOOR, 7.0),
        ("不低于18.65", {}, TargetKind.FLOOR, 18.65),
        ("<5.5", {}, TargetKind.CEILING, 5.5),
        ("5.5以内", {}, TargetKind.CEILING, 5.5),
        ("控制在5.5以内", {}, TargetKind.CEILING, 5.5),
        ("５．５％以内", {}, TargetKind.CEILING, 5.5),
        ("〔13.5〕", {"name": "单位GDP能源消耗降低"}, TargetKind.CUMULATIVE_REDUCTION, 13.5),
        ("〔18〕", {"name": "单位GDP二氧化碳排放降低"}, TargetKind.CUMULATIVE_REDUCTION, 18.0),
        ("〔5500〕", {"name": "城镇新增就业"}, TargetKind.CUMULATIVE_TOTAL, 5500.0),
        ("〔1〕", {"name": "人均预期寿命"}, TargetKind.CUMULATIVE_CHANGE, 1.0),
        ("【1】", {"name": "人均预期寿命"}, TargetKind.CUMULATIVE_CHANGE, 1.0),
    ],
)
def test_it_reads_the_forms_of_a_plan_table(text, options, kind, value):
    target = parse_target(text, **options)
    assert (target.kind, target.value, target.text) == (kind, value, text)


def test_it_reads_about_as_a_point_with_tolerance():
    growth = parse_target("5%左右", **GDP)
    assert (growth.kind, growth.value, growth.approximate) == (TargetKind.AVG_GROWTH, 5.0, True)
    level = parse_target("3左右")
    assert (level.kind, level.value, level.approximate) == (TargetKind.RANGE, 3.0, True)


def test_it_reads_a_band():
    band = parse_target("5-6")
    assert (band.kind, band.low, band.high) == (TargetKind.RANGE, 5.0, 6.0)
    growth = parse_target("6%～5%", **GDP)
    assert (growth.kind, growth.low, growth.high) == (TargetKind.AVG_GROWTH, 5.0, 6.0)


@pytest.mark.parametrize(
    ("text", "relation"), [("高于GDP增长", Relation.ABOVE), ("与GDP增长基本同步", Relation.IN_STEP)]
)
def test_it_reads_targets_relative_to_another_indicator(text, relation):
    target = parse_target(text)
    assert (target.kind, target.reference, target.relation) == (TargetKind.IN_STEP, "GDP增长", relation)


def test_it_reads_yearly_and_completion_targets():
    assert parse_target("保持在合理区间、各年度视情提出").kind is TargetKind.ANNUAL
    assert parse_target("完成省下达任务").kind is TargetKind.COMPLETION


@pytest.mark.parametrize("text", ["稳步提高", "力争更高", "7 8", "〔〕", ""])
def test_it_keeps_unreadable_text_verbatim_and_never_guesses(text):
    target = parse_target(text)
    assert target.kind is TargetKind.UNPARSED
    assert target.text == text
    assert target.value is None


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("＞７", TargetKind.FLOOR, 7.0),
        ("保持在95以上", TargetKind.FLOOR, 95.0),
        ("稳定在95%", TargetKind.LEVEL, 95.0),
        ("约7", TargetKind.RANGE, 7.0),
        ("（13.5）", TargetKind.CUMULATIVE_CHANGE, 13.5),
        ("5.5%以下", TargetKind.CEILING, 5.5),
    ],
)
def test_it_reads_the_less_common_forms(text, kind, value):
    target = parse_target(text, unit="%")
    assert (target.kind, target.value) == (kind, value)


def test_it_reads_a_band_written_with_a_dash_and_percent_signs():
    band = parse_target("6%—6.5%", unit="%")
    assert (band.kind, band.low, band.high) == (TargetKind.RANGE, 6.0, 6.5)


def test_it_judges_the_first_clause_of_a_compound_target():
    # The national plan prints N04's target as ">7、投入强度高于“十三五”时期实际".
    target = parse_target(">7、投入强度高于“十三五”时期实际", name="全社会研发经费投入增长", unit="%", growth_rate=True)
    assert (target.kind, target.value) == (TargetKind.AVG_GROWTH, 7.0)
    assert target.text == ">7、投入强度高于“十三五”时期实际"
    assert parse_target("保持在合理区间、各年度视情提出").kind is TargetKind.ANNUAL


@settings(max_examples=300)
@given(st.text(max_size=30), st.sampled_from(["", "%", "亿元", "件"]), st.booleans())
def test_it_never_raises_on_any_text(text, unit, growth_rate):
    # parse_target keeps what it cannot read as an unparsed target: it never raises
    target = parse_target(text, name="合成指标", unit=unit, growth_rate=growth_rate)
    assert target.text == text.strip()
