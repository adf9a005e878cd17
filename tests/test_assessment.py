"""Department assessment (部门考核): part scores, renormalised weights, totals and ranks, all
computed by hand in the comments."""

from dataclasses import replace
from datetime import date

import pytest

from planeval.domain.assessment import (
    Assessment,
    AssessmentSettings,
    Part,
    Timeliness,
    assess_departments,
)
from planeval.domain.result import IndicatorResult
from planeval.domain.settings import describe_settings
from planeval.domain.task import ProgressUpdate, Task, TaskAssessment, TaskStatus, assess_task
from planeval.domain.verdict import Reason, Verdict
from planeval.errors import PlanevalError

from factory import indicator

V, S = Verdict, TaskStatus


def _result(department: str | None, verdict: Verdict, code: str = "X1") -> IndicatorResult:
    reason = Reason.NO_DATA if verdict is V.NOT_EVALUATED else None
    return IndicatorResult(replace(indicator("50", 40, code=code), department=department), "time_progress", verdict,
                           reason=reason)  # fmt: skip


def _task(lead: str, status: TaskStatus) -> tuple[str, TaskAssessment]:
    return lead, TaskAssessment("T", status, 0.5, 50.0, None, "")


@pytest.fixture
def assessment() -> Assessment:
    results = [
        _result("甲局", V.TARGET_REACHED), _result("甲局", V.ON_SCHEDULE), _result("甲局", V.BEHIND),
        _result("甲局", V.NOT_EVALUATED),
        _result("乙局", V.AHEAD), _result("乙局", V.BEHIND),
        _result("戊局", V.NOT_EVALUATED),
        _result(None, V.BEHIND),
    ]  # fmt: skip
    tasks = [
        _task("甲局", S.COMPLETED),
        _task("甲局", S.DELAYED),
        _task("丙局", S.ON_TRACK),
        _task("丙局", S.NOT_STARTED),
    ]
    timeliness = {
        "甲局": Timeliness(on_time=3, late=1),
        "乙局": Timeliness(on_time=2, missing=2),
        "丁局": Timeliness(on_time=1, late=1),
        "己局": Timeliness(on_time=1, late=3),
    }
    return assess_departments(results, tasks, timeliness)


def test_it_scores_each_part_and_weights_them(assessment):
    row = assessment.of("甲局")
    # indicators: (100 + 100 + 0) / 3 evaluated = 66.67, the 未作评估 one left out
    assert row.part(Part.INDICATORS).score == pytest.approx(200 / 3)
    assert (row.evaluated, row.verdicts[V.NOT_EVALUATED]) == (3, 1)
    # tasks: completed 100, delayed 0 → 50; timeliness: 3 of 4 on time → 75
    assert row.part(Part.TASKS).score == 50
    assert row.part(Part.TIMELINESS).score == 75
    # 0.5 × 66.667 + 0.3 × 50 + 0.2 × 75 = 33.333 + 15 + 15 = 63.333 → 63.3
    assert row.total == 63.3
    assert [p.applied for p in row.parts] == [0.5, 0.3, 0.2]
    assert row.left_out == () and row.note == ""


def test_it_leaves_out_a_part_with_nothing_in_it_and_renormalises_the_weights(assessment):
    row = assessment.of("乙局")  # no lead task
    assert row.part(Part.TASKS).score is None and row.left_out == (Part.TASKS,)
    # weights 0.5 and 0.2 over 0.7: 5/7 and 2/7
    assert row.part(Part.INDICATORS).applied == pytest.approx(5 / 7)
    assert row.part(Part.TIMELINESS).applied == pytest.approx(2 / 7)
    assert row.part(Part.TASKS).applied == 0
    # indicators (100 + 0) / 2 = 50, timeliness 2 of 4 = 50: (0.5 × 50 + 0.2 × 50) / 0.7 = 50
    assert row.total == 50
    assert row.note == "重点任务无可评分内容，权重按其余部分重新归一"


def test_it_counts_a_not_started_task_whose_schedule_asks_nothing_as_full_points(assessment):
    row = assessment.of("丙局")  # only tasks: on track 100, not started 100
    assert row.total == 100 and row.rank == 1
    assert row.statuses == {S.NOT_STARTED: 1, S.ON_TRACK: 1, S.DELAYED: 0, S.COMPLETED: 0}
    assert row.left_out == (Part.INDICATORS, Part.TIMELINESS)


def test_it_ranks_from_the_highest_total_with_ties_sharing_the_best_rank(assessment):
    # 丙 100; 甲 63.3; 乙 50 and 丁 50 (1 of 2 on time) tie; 己 25 (1 of 4) comes 5th, not 4th
    ranks = [(row.department, row.total, row.rank) for row in assessment.departments]
    assert ranks == [
        ("丙局", 100.0, 1),
        ("甲局", 63.3, 2),
        ("丁局", 50.0, 3),
        ("乙局", 50.0, 3),
        ("己局", 25.0, 5),
        ("戊局", None, None),
    ]
    assert assessment.ranked == 5


def test_it_gives_no_total_to_a_department_with_nothing_to_score(assessment):
    row = assessment.of("戊局")  # its only indicator not evaluated, no task, nothing due
    assert (row.total, row.rank, row.evaluated) == (None, None, 0)
    assert row.left_out == tuple(Part) and row.note == "无可评分内容，未计总分"


def test_it_counts_indicators_without_a_department_for_no_one(assessment):
    assert assessment.unassigned == 1
    with pytest.raises(KeyError):
        assessment.of("")


def test_it_rounds_totals_half_up():
    # 329 of 400 on time = 82.25 exactly; half up 82.3 (binary round() would give 82.2)
    found = assess_departments([], [], {"甲局": Timeliness(on_time=329, late=71)})
    assert found.of("甲局").total == 82.3


def test_it_ties_totals_equal_to_one_decimal():
    # 2 of 3 = 66.67 → 66.7; 667 of 1000 = 66.7: the same total, the same rank
    found = assess_departments([], [], {"甲局": Timeliness(on_time=2, late=1), "乙局": Timeliness(667, 333)})
    assert [(row.department, row.total, row.rank) for row in found.departments] == [("乙局", 66.7, 1),
                                                                                     ("甲局", 66.7, 1)]  # fmt: skip


@pytest.mark.parametrize(
    ("timeliness", "score"),
    [
        (Timeliness(on_time=4), 100.0),
        (Timeliness(late=4), 0.0),
        (Timeliness(missing=4), 0.0),
        (Timeliness(on_time=1, late=1, missing=2), 25.0),  # 1 of 4
        (Timeliness(), None),
    ],
)
def test_it_scores_timeliness_as_the_share_submitted_by_the_deadline(timeliness, score):
    assert timeliness.score == score


def test_it_uses_the_points_and_weights_set():
    settings = AssessmentSettings().with_values({"points_behind": "60", "task_weight": "0"})
    results = [_result("乙局", V.AHEAD), _result("乙局", V.BEHIND)]
    found = assess_departments(results, [_task("乙局", S.DELAYED)], {"乙局": Timeliness(on_time=1, late=1)}, settings)
    row = found.of("乙局")
    # indicators (100 + 60) / 2 = 80; tasks weigh 0: (0.5 × 80 + 0.2 × 50) / 0.7 = 50 / 0.7 = 71.43 → 71.4
    assert row.part(Part.INDICATORS).score == 80
    assert row.part(Part.TASKS).score == 0 and row.part(Part.TASKS).applied == 0
    assert row.total == 71.4


def test_it_gives_no_total_when_every_part_scored_weighs_nothing():
    settings = AssessmentSettings(task_weight=0.0)
    row = assess_departments([], [_task("丙局", S.COMPLETED)], {}, settings).of("丙局")
    assert (row.total, row.rank, row.note) == (None, None, "所评部分权重均为0，未计总分")


def test_it_scores_the_status_the_task_rules_give():
    task = Task("T1", "建设金义新区", "市发展改革委", date(2021, 1, 1), date(2025, 12, 31),
                updates=(ProgressUpdate(date(2022, 12, 20), 30.0),))  # fmt: skip
    # on 2023-01-01 elapsed 730/1825 = 0.4; 30 % < 0.4 × 0.95 = 38 % → delayed, 0 points
    status = assess_task(task, date(2023, 1, 1))
    row = assess_departments([], [(task.lead, status)], {}).of("市发展改革委")
    assert status.status is S.DELAYED and row.total == 0


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"indicator_weight": "-0.1"}, "from 0 to 1"),
        ({"task_weight": "1.5"}, "from 0 to 1"),
        ({"points_behind": "101"}, "from 0 to 100"),
        ({"indicator_weight": "0", "task_weight": "0", "timeliness_weight": "0"}, "at least one weight"),
        ({"weights": "1"}, "unknown setting 'weights'"),
    ],
)
def test_it_names_what_is_wrong_with_a_setting(values, message):
    with pytest.raises(PlanevalError, match=message):
        AssessmentSettings().with_values(values)


def test_it_refuses_a_negative_count():
    with pytest.raises(PlanevalError, match="≥ 0"):
        Timeliness(on_time=-1)


def test_it_describes_every_setting():
    described = describe_settings(AssessmentSettings)
    assert [name for name, _, _ in described][:3] == ["indicator_weight", "task_weight", "timeliness_weight"]
    assert dict((n, d) for n, d, _ in described) == {
        "indicator_weight": 0.5, "task_weight": 0.3, "timeliness_weight": 0.2,
        "points_target_reached": 100.0, "points_ahead": 100.0, "points_on_schedule": 100.0, "points_behind": 0.0,
        "points_completed": 100.0, "points_on_track": 100.0, "points_not_started": 100.0, "points_delayed": 0.0,
    }  # fmt: skip
    assert all(help_text for _, _, help_text in described)
