"""Periods (统计期) and the time share (时间进度)."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planeval.domain.period import Frequency, Period, chinese_label, format_period, parse_period, time_share
from planeval.errors import PeriodError, PlanevalError


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2022", Period.of_year(2022)),
        ("2023年", Period.of_year(2023)),
        ("2023H1", Period.of_half(2023, 1)),
        ("2023h2", Period.of_half(2023, 2)),
        ("2023年上半年", Period.of_half(2023, 1)),
        ("2023年下半年", Period.of_half(2023, 2)),
        ("2023年1-6月", Period.of_half(2023, 1)),
        ("2023Q2", Period.of_quarter(2023, 2)),
        ("2023年二季度", Period.of_quarter(2023, 2)),
        ("2023年第4季度", Period.of_quarter(2023, 4)),
        ("2023-06", Period.of_month(2023, 6)),
        ("2023年6月", Period.of_month(2023, 6)),
        ("2023.6", Period.of_month(2023, 6)),
        ("2023年1-9月", Period(2023, 9, 1)),
        ("2023年前三季度", Period(2023, 9, 1)),
        ("２０２３年６月", Period.of_month(2023, 6)),
        ("2023年1～6月", Period.of_half(2023, 1)),  # full-width tilde
        ("2023年1–6月", Period.of_half(2023, 1)),  # en dash
        ("2023年1月-6月", Period.of_half(2023, 1)),
        ("2023年\u3000上半年", Period.of_half(2023, 1)),  # a full-width blank
        ("2023年度", Period.of_year(2023)),
        ("2023年全年", Period.of_year(2023)),
        ("2023年末", Period.of_year(2023)),
        ("二〇二三年", Period.of_year(2023)),
        ("1900", Period.of_year(1900)),  # the first year a period may name
        ("2200年", Period.of_year(2200)),  # and the last
    ],
)
def test_it_reads_the_labels_people_type(label, expected):
    assert parse_period(label) == expected


@pytest.mark.parametrize(
    "label", ["", "23", "2023年13月", "2023Q5", "2023年7-3月", "上半年", "2023H3", "0000", "1899", "2201年", "9999-06"]
)
def test_it_refuses_what_is_not_a_period(label):
    with pytest.raises(PeriodError):
        parse_period(label)


@pytest.mark.parametrize(
    ("period", "label", "chinese", "frequency"),
    [
        (Period.of_year(2022), "2022", "2022年", Frequency.YEAR),
        (Period.of_half(2023, 1), "2023H1", "2023年上半年", Frequency.HALF),
        (Period.of_quarter(2023, 2), "2023Q2", "2023年二季度", Frequency.QUARTER),
        (Period.of_month(2023, 6), "2023-06", "2023年6月", Frequency.MONTH),
        (Period(2023, 9, 1), "2023M01-09", "2023年1-9月", Frequency.SPAN),
    ],
)
def test_it_formats_canonical_and_chinese_labels(period, label, chinese, frequency):
    assert format_period(period) == label
    assert chinese_label(period) == chinese
    assert period.frequency is frequency


@given(st.integers(1900, 2100), st.integers(1, 12), st.integers(1, 12))
def test_it_round_trips_every_span(year, a, b):
    period = Period(year, max(a, b), min(a, b))
    assert parse_period(format_period(period)) == period
    assert parse_period(chinese_label(period)) == period


def test_it_orders_periods_by_their_end():
    assert sorted([Period.of_year(2022), Period.of_half(2022, 1), Period.of_quarter(2021, 4)]) == [
        Period.of_quarter(2021, 4),
        Period.of_half(2022, 1),
        Period.of_year(2022),
    ]


@pytest.mark.parametrize(
    ("label", "share"),
    [
        ("2021", 0.2),
        ("2022", 0.4),
        ("2023H1", 0.5),
        ("2023", 0.6),
        ("2024", 0.8),
        ("2025", 1.0),
        ("2023Q1", 0.45),
        ("2020", 0.0),
        ("2026", 1.0),
    ],
)
def test_it_measures_time_share_of_a_2021_2025_plan(label, share):
    # NDRC's schedule: 20/40/60/80/100 % after years 1-5 (METHODS.md G1); mid-2023 is 时间过半.
    assert time_share(parse_period(label).end, 2021, 2025) == pytest.approx(share)


def test_it_knows_the_length_and_year_to_date_of_a_span():
    assert Period.of_half(2023, 1).years == 0.5
    assert Period.of_half(2023, 1).is_year_to_date
    assert not Period.of_quarter(2023, 2).is_year_to_date


@pytest.mark.parametrize(
    ("label", "day"),
    [("2022", date(2022, 12, 31)), ("2023H1", date(2023, 6, 30)), ("2024-02", date(2024, 2, 29)),
     ("2023-02", date(2023, 2, 28)), ("2023Q3", date(2023, 9, 30))],
)  # fmt: skip
def test_it_knows_the_last_day_of_a_span(label, day):
    assert parse_period(label).last_day == day


@settings(max_examples=300)
@given(st.text(max_size=24))
def test_it_raises_only_period_errors_on_any_text(text):
    try:
        parse_period(text)
    except PlanevalError as error:
        assert isinstance(error, PeriodError)
