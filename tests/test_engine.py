"""The vectorised engine against the scalar time-progress method: the same verdicts."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planeval.domain.verdict import Reason, Verdict
from planeval.engine import REASONS, Kind, SeriesBatch, cagr_ratio, time_progress

from factory import indicator, plan, run, series

YEARS = ("2021", "2022", "2023", "2024", "2025")
TEXT = {
    Kind.LEVEL: ("{}", "某指标", ""),
    Kind.FLOOR: (">{}", "某指标", ""),
    Kind.CEILING: ("<{}", "某指标", ""),
    Kind.AVG_GROWTH: (">{}", "某指标增长", "%"),
    Kind.CUMULATIVE_REDUCTION: ("〔{}〕", "单位GDP某指标降低", "%"),
    Kind.CUMULATIVE_TOTAL: ("〔{}〕", "新增某指标", "万人"),
}
tenths = st.integers(-300, 1500).map(lambda n: n / 10)


@st.composite
def rows(draw):
    kind = draw(st.sampled_from(list(Kind)))
    positive = kind in (Kind.CUMULATIVE_REDUCTION, Kind.CUMULATIVE_TOTAL)
    target = draw(st.integers(1, 500).map(lambda n: n / 10) if positive else tenths)
    base = draw(st.none() | tenths) if kind in (Kind.LEVEL, Kind.FLOOR, Kind.CEILING) else None
    values = [draw(st.none() | tenths) for _ in YEARS]
    binding = draw(st.booleans())
    return kind, base, target, values, binding


def scalar(kind, base, target, values, binding, method="time_progress"):
    form, name, unit = TEXT[kind]
    ind = indicator(form.format(target), base, name=name, unit=unit, binding=binding)
    observed = {year: v for year, v in zip(YEARS, values, strict=True) if v is not None}
    return ind, run(plan(ind), series("X1", observed), "2025", method=method).results[0]


def assert_agrees(batch_rows, method="time_progress"):
    """The engine's verdict, reason and progress equal the scalar method's, row by row."""
    scalars = [scalar(*row, method=method) for row in batch_rows]
    batch = SeriesBatch(
        values=np.array([[math.nan if v is None else v for v in row[3]] for row in batch_rows]),
        kind=np.array([row[0] for row in batch_rows], np.int8),
        baseline=np.array([math.nan if row[1] is None else row[1] for row in batch_rows]),
        target=np.array([row[2] for row in batch_rows]),
        direction=np.array([ind.direction.sign for ind, _ in scalars], np.int8),
        binding=np.array([row[4] for row in batch_rows]),
        start_year=2021,
        end_year=2025,
    )
    result = (time_progress if method == "time_progress" else cagr_ratio)(batch)
    for position, (_, expected) in enumerate(scalars):
        assert result.verdicts()[position] is expected.verdict, batch_rows[position]
        assert REASONS[result.reason[position]] is expected.reason, batch_rows[position]
        if expected.progress is None:
            assert math.isnan(result.progress[position]) or expected.verdict is Verdict.NOT_EVALUATED
        else:
            assert result.progress[position] == pytest.approx(expected.progress, rel=1e-9, abs=1e-12)


@settings(max_examples=400, deadline=None)
@given(st.lists(rows(), min_size=1, max_size=12))
def test_it_agrees_with_the_scalar_method_on_random_series(batch_rows):
    assert_agrees(batch_rows)


def test_it_gives_the_national_figures():
    # N05 (6.3 → 12, 9.4 in 2022), N14 (2.7 %, 0.1 %, 〔13.5〕, binding), N04 (14.2 %, 10.4 %, >7),
    # N08 (<5.5: 5.1, 5.6) — examples/cn-14th-fyp; hand-checked in test_evaluate.py.
    nan = math.nan
    batch = SeriesBatch(
        values=np.array(
            [
                [nan, 9.4, nan, nan, nan],
                [2.7, 0.1, nan, nan, nan],
                [14.2, 10.4, nan, nan, nan],
                [5.1, 5.6, nan, nan, nan],
            ]
        ),  # fmt: skip
        kind=np.array([Kind.LEVEL, Kind.CUMULATIVE_REDUCTION, Kind.AVG_GROWTH, Kind.CEILING], np.int8),
        baseline=np.array([6.3, nan, nan, 5.2]),
        target=np.array([12, 13.5, 7, 5.5]),
        direction=np.array([1, 1, 1, -1], np.int8),
        binding=np.array([False, True, False, False]),
        start_year=2021,
        end_year=2025,
    )
    result = time_progress(batch)
    assert result.verdicts() == [Verdict.AHEAD, Verdict.BEHIND, Verdict.AHEAD, Verdict.ON_SCHEDULE]
    assert result.progress[:3] == pytest.approx([(9.4 - 6.3) / 5.7, 0.207207, 0.684971], abs=1e-6)


def test_it_gives_reasons_for_series_it_cannot_judge():
    nan = math.nan
    batch = SeriesBatch(
        values=np.array([[nan] * 5, [1.0, nan, nan, nan, nan], [nan, 3.0, nan, nan, nan]]),
        kind=np.array([Kind.LEVEL, Kind.LEVEL, Kind.AVG_GROWTH], np.int8),
        baseline=np.array([1.0, nan, nan]),
        target=np.array([2.0, 2.0, 5.0]),
        direction=np.array([1, 1, 1], np.int8),
        binding=np.zeros(3, bool),
        start_year=2021,
        end_year=2025,
    )
    result = time_progress(batch)
    assert result.verdicts() == [Verdict.NOT_EVALUATED] * 3
    assert [REASONS[code] for code in result.reason] == [Reason.NO_DATA, Reason.NO_BASELINE, Reason.NO_DATA]


def test_it_refuses_arrays_of_mismatched_shapes():
    with pytest.raises(ValueError, match="target has shape"):
        SeriesBatch(np.zeros((2, 5)), np.zeros(2, np.int8), np.zeros(2), np.zeros(3), np.ones(2, np.int8),
                    np.zeros(2, bool), 2021, 2025)  # fmt: skip


BOUNDARIES = [
    (Kind.LEVEL, 0.0, 10.0, [None, 3.8, None, None, None], False),  # P = 0.38 = τ × 0.95
    (Kind.LEVEL, 0.0, 10.0, [None, 3.79, None, None, None], False),  # just under
    (Kind.LEVEL, 0.0, 10.0, [None, 4.4, None, None, None], False),  # P = τ × 1.10: ahead
    (Kind.LEVEL, 0.0, 10.0, [None, 4.0, None, None, None], True),  # binding, exactly τ
    (Kind.LEVEL, 5.0, 5.0, [4.0, 6.0, None, None, None], False),  # target equals baseline: held
    (Kind.CUMULATIVE_REDUCTION, None, 13.5, [2.7, None, None, None, None], True),  # exactly 20 %
    (Kind.FLOOR, 40.8, 46.0, [43.3, 46.6, None, None, None], True),  # N20: floor reached as a level
    (Kind.CEILING, 5.2, 5.5, [5.1, 5.6, None, None, None], False),  # N08: mean 5.35
]


@settings(max_examples=400, deadline=None)
@given(st.lists(rows(), min_size=1, max_size=12))
def test_it_agrees_with_the_scalar_cagr_ratio_on_random_series(batch_rows):
    assert_agrees(batch_rows, method="cagr_ratio")


@pytest.mark.parametrize("row", BOUNDARIES)
def test_it_agrees_at_the_boundaries(row):
    assert_agrees([row])
