"""Key tasks' status against their schedule (序时进度), with hand-computed shares."""

from datetime import date

import pytest

from planeval.domain.task import (
    Milestone,
    ProgressUpdate,
    Project,
    Task,
    TaskReason,
    TaskSettings,
    TaskStatus,
    assess_task,
    earliest_report,
    elapsed_share,
)
from planeval.errors import PlanError, PlanevalError

START, DUE = date(2021, 1, 1), date(2025, 12, 31)  # 1825 days


def _task(*updates: ProgressUpdate, project: Project | None = None, **changes: object) -> Task:
    fields: dict[str, object] = {
        "code": "T1",
        "text": "建设金义新区",
        "lead": "市发展改革委",
        "start": START,
        "due": DUE,
    }
    fields.update(changes)
    return Task(updates=updates, project=project, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("on", "share"),
    [
        (date(2020, 6, 1), 0.0),  # before the start
        (START, 0.0),
        (date(2023, 1, 1), 730 / 1825),  # 2021 and 2022: 365 + 365 days of 1825 = 0.4
        (date(2023, 7, 2), 912 / 1825),  # 730 + 182 days
        (DUE, 1.0),
        (date(2027, 1, 1), 1.0),  # clipped
    ],
)
def test_it_takes_the_elapsed_share_in_days(on: date, share: float) -> None:
    assert elapsed_share(START, DUE, on) == pytest.approx(share)


def test_it_counts_a_one_day_task_as_all_elapsed_on_its_day() -> None:
    assert elapsed_share(START, START, START) == 1.0


ON = date(2023, 1, 1)  # elapsed 730/1825 = 0.4; delayed below 0.4 × 0.95 = 0.38 → 38 %


@pytest.mark.parametrize(
    ("percent", "status"),
    [
        (38.0, TaskStatus.ON_TRACK),  # exactly at the floor
        (37.9, TaskStatus.DELAYED),
        (40.0, TaskStatus.ON_TRACK),
        (100.0, TaskStatus.COMPLETED),
    ],
)
def test_it_compares_percent_complete_with_the_elapsed_share(percent: float, status: TaskStatus) -> None:
    assessment = assess_task(_task(ProgressUpdate(date(2022, 12, 20), percent)), ON)
    assert assessment.status is status
    assert assessment.elapsed == pytest.approx(0.4)
    assert assessment.percent == percent


def test_it_uses_only_updates_reported_by_the_day() -> None:
    task = _task(ProgressUpdate(date(2022, 12, 1), 39.0), ProgressUpdate(date(2023, 3, 1), 20.0))
    assert assess_task(task, ON).percent == 39.0
    # by 2023-04-01 (820 days, share 0.4493, floor 42.68 %) the later 20 % counts and is late
    assert assess_task(task, date(2023, 4, 1)).status is TaskStatus.DELAYED


@pytest.mark.parametrize(
    ("on", "status"),
    [
        (date(2020, 12, 1), TaskStatus.NOT_STARTED),  # before the start
        # start_grace 0.05 of 1825 days = 91.25 days: day 91 (2021-04-02) is within, day 92 is not
        (date(2021, 4, 2), TaskStatus.NOT_STARTED),
        (date(2021, 4, 3), TaskStatus.DELAYED),
    ],
)
def test_it_calls_a_task_with_nothing_reported_not_started_only_within_the_grace(on: date, status: TaskStatus) -> None:
    assert assess_task(_task(), on).status is status


def test_it_calls_an_unfinished_task_past_its_due_date_delayed() -> None:
    task = _task(ProgressUpdate(date(2025, 12, 1), 99.0))
    assert assess_task(task, DUE).status is TaskStatus.ON_TRACK  # 99 % ≥ 1.0 × 0.95
    late = assess_task(task, date(2026, 1, 1))
    assert late.status is TaskStatus.DELAYED
    assert "2025-12-31" in late.explanation


PROJECT = Project(planned_investment=120.0, planned_start=START, actual_start=date(2021, 3, 1))


@pytest.mark.parametrize(
    ("invested", "status"),
    [
        (45.6, TaskStatus.ON_TRACK),  # 120 × 0.4 × 0.95 = 45.6 亿元: exactly the floor
        (45.5, TaskStatus.DELAYED),
    ],
)
def test_it_compares_a_projects_investment_with_the_elapsed_share(invested: float, status: TaskStatus) -> None:
    task = _task(ProgressUpdate(date(2022, 12, 31), 50.0, investment_completed=invested), project=PROJECT)
    assessment = assess_task(task, ON)
    assert assessment.status is status
    assert assessment.investment_share == pytest.approx(invested / 120)


def test_it_calls_a_project_not_started_after_its_planned_start_delayed() -> None:
    project = Project(planned_investment=10.0, planned_start=date(2022, 6, 30))
    task = _task(ProgressUpdate(date(2022, 6, 1), 40.0), project=project)
    assert assess_task(task, date(2022, 6, 30)).status is TaskStatus.ON_TRACK
    assert assess_task(task, date(2022, 7, 1)).status is TaskStatus.DELAYED


def test_it_calls_a_project_completed_on_its_actual_completion_date() -> None:
    project = Project(planned_investment=10.0, actual_start=START, actual_completion=date(2023, 5, 1))
    task = _task(ProgressUpdate(date(2022, 1, 1), 30.0), project=project)
    assert assess_task(task, date(2023, 4, 30)).status is TaskStatus.DELAYED  # 30 % < share × 0.95
    assert assess_task(task, date(2023, 5, 1)).status is TaskStatus.COMPLETED


def test_it_reads_the_tolerance_from_the_settings() -> None:
    task = _task(ProgressUpdate(date(2022, 12, 20), 30.0))
    assert assess_task(task, ON).status is TaskStatus.DELAYED  # 30 % < 38 %
    loose = TaskSettings(progress_tolerance=0.25)  # floor 0.4 × 0.75 = 30 %
    assert assess_task(task, ON, loose).status is TaskStatus.ON_TRACK


def test_it_knows_an_overdue_milestone() -> None:
    milestone = Milestone(2022, "完成可行性研究")
    assert not milestone.is_overdue(date(2022, 12, 31))
    assert milestone.is_overdue(date(2023, 1, 1))
    done = Milestone(2022, "完成可行性研究", done_on=date(2022, 11, 30))
    assert not done.is_overdue(date(2023, 1, 1))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: ProgressUpdate(ON, 101.0), "percent must be 0–100"),
        (lambda: ProgressUpdate(ON, 10.0, investment_completed=-1.0), "investment completed"),
        (lambda: Project(planned_investment=0.0), "planned investment"),
        (lambda: _task(due=date(2020, 1, 1)), "before the start"),
        (lambda: _task(code=" "), "code and text"),
    ],
)
def test_it_refuses_impossible_tasks(make: object, message: str) -> None:
    with pytest.raises(PlanError, match=message):
        make()  # type: ignore[operator]


def test_it_refuses_a_tolerance_outside_0_to_1() -> None:
    with pytest.raises(PlanevalError, match="progress_tolerance"):
        TaskSettings(progress_tolerance=1.5)


def test_it_labels_statuses_in_chinese() -> None:
    assert [s.label for s in TaskStatus] == ["未启动", "按序时推进", "滞后", "已完成"]


@pytest.mark.parametrize(
    ("task", "on", "reason"),
    [
        (_task(ProgressUpdate(date(2022, 12, 20), 100.0)), ON, TaskReason.COMPLETED),
        (_task(ProgressUpdate(date(2025, 12, 1), 99.0)), date(2026, 1, 1), TaskReason.PAST_DUE),
        (_task(project=Project(10.0, planned_start=date(2022, 6, 30))), date(2022, 7, 1), TaskReason.LATE_START),
        (_task(), date(2021, 4, 2), TaskReason.NOTHING_YET),
        (_task(ProgressUpdate(date(2022, 12, 20), 37.9)), ON, TaskReason.BEHIND),  # floor 38 %
        (_task(ProgressUpdate(date(2022, 12, 31), 50.0, investment_completed=45.5), project=PROJECT), ON,
         TaskReason.INVESTMENT_BEHIND),  # floor 120 × 0.4 × 0.95 = 45.6 亿元
        (_task(ProgressUpdate(date(2022, 12, 20), 38.0)), ON, TaskReason.ON_SCHEDULE),
    ],
)  # fmt: skip
def test_it_names_the_rule_that_decided(task: Task, on: date, reason: TaskReason) -> None:
    assert assess_task(task, on).reason is reason


# Continuous tasks (长期坚持): judged by their updates' recency, over one year -----------------------


def _continuous(*updates: ProgressUpdate) -> Task:
    return _task(*updates, continuous=True)  # 2021-01-01 … 2025-12-31, due the plan's end


@pytest.mark.parametrize(
    ("updates", "on", "status", "reason"),
    [
        ((), date(2020, 12, 31), TaskStatus.NOT_STARTED, TaskReason.NOTHING_YET),  # before its start
        # nothing reported: the first yearly report is not late until a year after the start
        ((), date(2022, 1, 1), TaskStatus.NOT_STARTED, TaskReason.NOTHING_YET),
        ((), date(2022, 1, 2), TaskStatus.DELAYED, TaskReason.NOT_REPORTED_RECENTLY),
        # reported on 2022-06-30: on track up to the same day a year later, delayed the day after
        ((ProgressUpdate(date(2022, 6, 30), 20.0),), date(2023, 6, 30), TaskStatus.ON_TRACK,
         TaskReason.REPORTED_RECENTLY),
        ((ProgressUpdate(date(2022, 6, 30), 20.0),), date(2023, 7, 1), TaskStatus.DELAYED,
         TaskReason.NOT_REPORTED_RECENTLY),
        # 5 % after 80 % of its time is no delay for continuous work; nor is the plan's end passing
        ((ProgressUpdate(date(2024, 12, 1), 5.0),), date(2025, 1, 1), TaskStatus.ON_TRACK,
         TaskReason.REPORTED_RECENTLY),
        ((ProgressUpdate(date(2025, 12, 1), 5.0),), date(2026, 3, 1), TaskStatus.ON_TRACK,
         TaskReason.REPORTED_RECENTLY),
        # 100 % does not end work that never ends
        ((ProgressUpdate(date(2022, 6, 30), 100.0),), date(2023, 7, 1), TaskStatus.DELAYED,
         TaskReason.NOT_REPORTED_RECENTLY),
    ],
)  # fmt: skip
def test_it_judges_a_continuous_task_by_the_recency_of_its_updates(
    updates: tuple[ProgressUpdate, ...], on: date, status: TaskStatus, reason: TaskReason
) -> None:
    assessment = assess_task(_continuous(*updates), on)

    assert (assessment.status, assessment.reason) == (status, reason)


def test_it_judges_the_same_task_by_its_schedule_when_it_is_not_continuous() -> None:
    # 5 % reported 2024-12-01, on 2025-01-01: 1461 of 1825 days passed (80 %), floor 76 %
    assert assess_task(_task(ProgressUpdate(date(2024, 12, 1), 5.0)), date(2025, 1, 1)).status is TaskStatus.DELAYED


def test_it_explains_a_continuous_tasks_status_in_chinese() -> None:
    silent = assess_task(_continuous(ProgressUpdate(date(2022, 6, 30), 20.0)), date(2023, 7, 1))

    assert silent.explanation == "长期任务，自 2022-06-30 以来一年多未报送进展"


# What a department may report ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "earliest"),
    [(date(2021, 1, 1), date(2020, 1, 1)), (date(2024, 2, 29), date(2023, 2, 28))],  # no 29 February in 2023
)
def test_it_lets_a_report_be_dated_a_year_before_the_tasks_start(start: date, earliest: date) -> None:
    assert earliest_report(start) == earliest


@pytest.mark.parametrize(
    ("reported_on", "today", "done_on"),
    [
        (date(2022, 5, 1), date(2022, 6, 1), date(2022, 5, 1)),  # in its year: the report's day
        (date(2021, 11, 30), date(2022, 6, 1), date(2022, 1, 1)),  # reached early: the first day of its year
        (date(2021, 11, 30), date(2022, 1, 1), date(2022, 1, 1)),  # its year begins today
        (date(2023, 2, 1), date(2023, 3, 1), date(2023, 2, 1)),  # reached late
    ],
)
def test_it_marks_a_milestone_done_no_earlier_than_its_year(reported_on: date, today: date, done_on: date) -> None:
    assert Milestone(2022, "完成可行性研究").done_on_report(reported_on, today) == done_on


def test_it_refuses_to_mark_a_milestone_done_before_its_year_has_begun() -> None:
    with pytest.raises(PlanError, match="the milestone of 2022 can be marked done from 2022-01-01"):
        Milestone(2022, "完成可行性研究").done_on_report(date(2021, 12, 31), date(2021, 12, 31))


@pytest.mark.parametrize(("invested", "over"), [(120.0, False), (120.5, True)])
def test_it_knows_a_project_over_its_estimate(invested: float, over: bool) -> None:
    task = _task(ProgressUpdate(date(2022, 12, 31), 50.0, investment_completed=invested), project=PROJECT)

    assert assess_task(task, ON).over_estimate is over  # 120 亿元 planned
