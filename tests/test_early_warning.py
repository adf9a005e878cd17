"""Early warnings (预警): every rule with hand-computed values and its boundaries.

Plans built here are synthetic (codes X1…, made-up figures); the last tests use the national
example folder, with the arithmetic in comments.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from planeval.domain.evaluation import Evaluation
from planeval.domain.period import parse_period
from planeval.domain.projection import Projection, Trend
from planeval.domain.settings import describe_settings
from planeval.domain.task import Milestone, ProgressUpdate, Task, TaskSettings
from planeval.domain.verdict import Verdict
from planeval.domain.warning import EarlyWarning, ReportDue, SubjectKind, WarningLevel, WarningSettings
from planeval.early_warning import (
    WarningInputs,
    WarningRule,
    available_rules,
    count_line,
    early_warnings,
    get_rule,
    projection_misses_target,
    register,
)
from planeval.errors import PlanevalError
from planeval.evaluate import evaluate
from planeval.io.folder import load_plan_folder

from factory import indicator, plan, run, series

EXAMPLE = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"
RED, YELLOW = WarningLevel.RED, WarningLevel.YELLOW


def _one(warnings: tuple[EarlyWarning, ...], rule: str, code: str = "X1") -> EarlyWarning | None:
    found = [w for w in warnings if w.rule == rule and w.subject_code == code]
    assert len(found) <= 1
    return found[0] if found else None


def _indicator_warnings(target: str, base: float, values: dict[str, float], as_of: str = "2022",
                        method: str = "time_progress", settings: WarningSettings | None = None,
                        **options: object) -> tuple[EarlyWarning, ...]:  # fmt: skip
    ind = indicator(target, base, **options)  # type: ignore[arg-type]
    evaluation = run(plan(ind), series(ind.code, values), as_of, method=method)
    return early_warnings(evaluation, settings=settings)


# behind_schedule --------------------------------------------------------------------------------

# A level from 0 to 100 by 2025, as of 2022: time share 2/5 = 0.4. Behind below 0.4 × 0.95 = 0.38;
# red below 0.4 × (1 − 0.05 − 0.2) = 0.30, i.e. a value under 30.


@pytest.mark.parametrize(
    ("value", "level"),
    [
        (38.0, None),  # progress 0.38: on schedule, no warning
        (37.9, YELLOW),  # 0.379: behind, above the red line
        (30.0, YELLOW),  # 0.30: exactly at the red line, not below it
        (29.9, RED),  # 0.299 < 0.30
        (0.0, RED),
    ],
)
def test_it_warns_of_an_expected_indicator_behind_schedule_red_below_the_red_line(value, level):
    warning = _one(_indicator_warnings("100", 0.0, {"2022": value}), "behind_schedule")
    assert (warning.level if warning else None) is level


def test_it_says_the_numbers_of_the_red_line():
    warning = _one(_indicator_warnings("100", 0.0, {"2022": 20.0}), "behind_schedule")
    assert warning is not None
    assert warning.message == ("完成进度20.0%，时间进度40.0%，低于红色预警线30.0%（时间进度×(1−容差0.05−红色余量0.2)）")
    assert warning.facts_dict == pytest.approx(
        {"progress": 0.2, "time_share": 0.4, "tolerance": 0.05, "red_margin": 0.2, "red_line": 0.3}
    )
    assert (warning.subject_kind, warning.subject_name) == (SubjectKind.INDICATOR, "某指标")


def test_it_reads_the_red_margin_from_the_settings():
    # red_margin 0.1: red line 0.4 × (1 − 0.05 − 0.1) = 0.34; 33 → 0.33 is red, 34 → 0.34 is not.
    narrow = WarningSettings(red_margin=0.1)
    assert _one(_indicator_warnings("100", 0.0, {"2022": 33.0}, settings=narrow), "behind_schedule").level is RED
    assert _one(_indicator_warnings("100", 0.0, {"2022": 34.0}, settings=narrow), "behind_schedule").level is YELLOW


def test_it_warns_yellow_of_a_target_without_progress_behind_schedule():
    # A ceiling <5.5 judged on the average of the years: (6 + 6) / 2 = 6 > 5.5 → behind, no
    # progress to set against a red line.
    warnings = _indicator_warnings("<5.5", 5.2, {"2021": 6.0, "2022": 6.0}, unit="%")
    warning = _one(warnings, "behind_schedule")
    assert warning is not None and warning.level is YELLOW
    assert warning.message.startswith("未达进度要求：") and "6%" in warning.message


def test_it_draws_no_red_line_for_another_methods_ratio():
    # cagr_ratio's progress is a ratio of growth rates, not a share to set against the time share.
    warnings = _indicator_warnings("100", 10.0, {"2021": 10.5, "2022": 11.0}, method="cagr_ratio")
    warning = _one(warnings, "behind_schedule")
    assert warning is not None and warning.level is YELLOW


# binding_behind ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "warned"), [(40.0, False), (39.9, True), (37.9, True)])
def test_it_warns_red_of_any_binding_indicator_behind(value, warned):
    # binding tolerance 0: behind below 0.4 exactly; 39.9 → 0.399, above the expected red line
    # but red all the same, and left to this rule alone.
    warnings = _indicator_warnings("100", 0.0, {"2022": value}, binding=True)
    warning = _one(warnings, "binding_behind")
    assert (warning is not None) is warned
    assert _one(warnings, "behind_schedule") is None
    if warned:
        assert warning.level is RED
        assert warning.message == f"约束性指标未达进度要求：完成进度{value:.1f}%，时间进度40.0%"


# projection_misses_target -----------------------------------------------------------------------


def test_it_warns_red_when_the_whole_interval_misses_the_target():
    # 0, 1, 2 in 2020–2022 lie on a line: ŷ(2025) = 5 with no residual, interval 5—5, target 10.
    warning = _one(_indicator_warnings("10", 0.0, {"2021": 1.0, "2022": 2.0}, unit="件"), "projection_misses_target")
    assert warning is not None and warning.level is RED
    assert warning.message == (
        "按3个数据点的线性趋势推算，2025年预计为5件，规划要求10件；95%预测区间5件—5件，全部未达到"
    )
    assert warning.facts_dict == pytest.approx(
        {"projected": 5.0, "target": 10.0, "low": 5.0, "high": 5.0, "points": 3, "year": 2025}
    )


def test_it_warns_yellow_when_the_favourable_end_reaches_the_target():
    # 0, 3, 2: slope Sty/Stt = 2/2 = 1 through (2021, 5/3): ŷ(2025) = 5/3 + 4 = 5.667 < 10.
    # Residuals −2/3, 4/3, −2/3 → SSE 8/3, s = 1.633; half width 12.706 × 1.633 × √(1 + 1/3 + 16/2)
    # = 12.706 × 1.633 × 3.055 = 63.39 → high 69.06 ≥ 10.
    warning = _one(_indicator_warnings("10", 0.0, {"2021": 3.0, "2022": 2.0}), "projection_misses_target")
    assert warning is not None and warning.level is YELLOW
    assert warning.fact("projected") == pytest.approx(17 / 3)
    assert warning.fact("high") == pytest.approx(69.06, abs=0.01)


def test_it_warns_yellow_without_an_interval_from_two_points():
    # base 0 and 1 in 2021: ŷ(2025) = 5 < 6, no interval from two points.
    warning = _one(_indicator_warnings("6", 0.0, {"2021": 1.0}), "projection_misses_target")
    assert warning is not None and warning.level is YELLOW
    assert warning.message.endswith("数据点不足3个，无法给出预测区间")


def test_it_does_not_warn_of_a_projection_exactly_at_the_target():
    # 0, 1, 2 → ŷ(2025) = 5, the target.
    assert _one(_indicator_warnings("5", 0.0, {"2021": 1.0, "2022": 2.0}), "projection_misses_target") is None


def test_it_judges_a_decreasing_series_by_its_low_end():
    # 10, 9, 8 towards 4: ŷ(2025) = 10 − 5 = 5 > 4 with no residual → red.
    warnings = _indicator_warnings("4", 10.0, {"2021": 9.0, "2022": 8.0})
    warning = _one(warnings, "projection_misses_target")
    assert warning is not None and warning.level is RED and warning.fact("projected") == pytest.approx(5.0)


def test_it_judges_a_reduction_on_its_intensity_index():
    # 〔10〕 cumulative reduction: index 100, 98, 96.04 (2 % a year) against 100 × 0.9 = 90.
    # Sty = (−1)(100 − 98.0133) + (1)(96.04 − 98.0133) = −3.96, slope −1.98:
    # ŷ(2025) = 98.0133 − 4 × 1.98 = 90.093 > 90 → misses, barely.
    ind = indicator("〔10〕", None, name="单位GDP能耗降低", unit="%", binding=True)
    evaluation = run(plan(ind), series("X1", {"2021": 2.0, "2022": 2.0}), "2022")
    warning = _one(early_warnings(evaluation), "projection_misses_target")
    assert warning is not None and warning.fact("target") == pytest.approx(90.0)
    assert warning.fact("projected") == pytest.approx(90.0933, abs=1e-4)
    assert "（以基期为100的指数）" in warning.message


def test_it_projects_nothing_once_the_target_years_value_is_in():
    # 0, 1, 2, 3, 4 in 2020–2024 towards 10: ŷ(2025) = 5, red while 2025 is to come; with the
    # 2025 value (5) the result is final and the verdict rules speak alone.
    values = {"2021": 1.0, "2022": 2.0, "2023": 3.0, "2024": 4.0}
    before = _one(_indicator_warnings("10", 0.0, values, as_of="2025"), "projection_misses_target")
    assert before is not None and before.level is RED
    final = _indicator_warnings("10", 0.0, {**values, "2025": 5.0}, as_of="2025")
    assert _one(final, "projection_misses_target") is None
    assert _one(final, "behind_schedule") is not None  # 0.5 of the target at the plan's end


def test_it_projects_nothing_for_the_national_co2_intensity_at_the_plans_end():
    # N15 单位GDP二氧化碳排放降低 has its 2025 value (5.0 %): index 100 × 0.962 × 0.992 × 1 × 0.966
    # × 0.95 = 87.58 against 82; no "2025年预计为89.17" any more.
    folder = load_plan_folder(EXAMPLE)
    warnings = early_warnings(evaluate(folder.plan, folder.observations, parse_period("2025")))
    assert _one(warnings, "projection_misses_target", "N15") is None
    assert not any("2025年预计为" in w.message for w in warnings if w.subject_code in ("N03", "N05", "N15", "N17"))


@pytest.mark.parametrize(
    ("evaluation_settings", "red_margin", "refused"),
    [
        ({}, 1.0, True),  # 0.05 + 1 = 1.05: the line 0.4 × (−0.05) would be −2 %
        ({"tolerance": 0.3}, 0.8, True),  # 1.1
        ({"tolerance": 0.3}, 0.7, True),  # exactly 1: the line would be 0
        ({"tolerance": 0.3}, 0.69, False),  # 0.99: the line 0.4 × 0.01 = 0.4 %
        ({"binding_tolerance": 0.9}, 0.2, False),  # binding indicators have no red line
    ],
)
def test_it_refuses_a_red_line_at_or_below_zero(evaluation_settings, red_margin, refused):
    ind = indicator("100", 0.0)
    evaluation = run(plan(ind), series("X1", {"2022": 20.0}), "2022", **evaluation_settings)
    settings = WarningSettings(red_margin=red_margin)
    if not refused:
        assert _one(early_warnings(evaluation, settings=settings), "behind_schedule") is not None
        return
    with pytest.raises(PlanevalError, match=r"settings tolerance \(.*\) and red_margin \(.*\) add up to"):
        early_warnings(evaluation, settings=settings)


def test_it_names_both_settings_when_it_refuses_the_red_line():
    evaluation = run(plan(indicator("100", 0.0)), series("X1", {"2022": 20.0}), "2022", tolerance=0.3)
    with pytest.raises(PlanevalError) as raised:
        early_warnings(evaluation, settings=WarningSettings(red_margin=0.8))
    assert str(raised.value) == (
        "settings tolerance (0.3) and red_margin (0.8) add up to 1.1: the red line time share × "
        "(1 − tolerance − red_margin) would be zero or below; keep tolerance + red_margin below 1"
    )


def _result_with(trend: Trend, target: float, direction: str = "increase"):
    from planeval.domain.indicator import Direction

    ind = indicator("10", 0.0)
    evaluation = run(plan(ind), series("X1", {"2021": 1.0, "2022": 2.0}), "2022")
    projection = Projection(2025.0, trend, None, 3, "", target, Direction(direction))
    return replace(evaluation.results[0], projection=projection), evaluation


def _inputs(evaluation: Evaluation) -> WarningInputs:
    return WarningInputs(evaluation, (), (), date(2022, 12, 31), WarningSettings(), TaskSettings())


@pytest.mark.parametrize(
    ("high", "level"),
    [(10.0, YELLOW), (9.99, RED)],  # the favourable end exactly at the target still reaches it
)
def test_it_calls_a_favourable_end_exactly_at_the_target_yellow(high, level):
    result, evaluation = _result_with(Trend(5.0, 0.0, high, 1.0), 10.0)
    found = projection_misses_target(result, _inputs(evaluation))
    assert found is not None and found.level is level


def test_it_does_not_project_an_indicator_not_evaluated():
    result, evaluation = _result_with(Trend(5.0, 5.0, 5.0, 1.0), 10.0)
    result = replace(result, verdict=Verdict.NOT_EVALUATED)
    assert projection_misses_target(result, _inputs(evaluation)) is None


# Tasks ------------------------------------------------------------------------------------------

START, DUE = date(2021, 1, 1), date(2025, 12, 31)


def _task(*updates: ProgressUpdate, milestones: tuple[Milestone, ...] = (), **changes: object) -> Task:
    fields: dict[str, object] = {"code": "T1", "text": "建设某新区", "lead": "某局", "start": START, "due": DUE}
    fields.update(changes)
    return Task(updates=updates, milestones=milestones, **fields)  # type: ignore[arg-type]


def _task_warnings(task: Task, on: date, settings: WarningSettings | None = None) -> tuple[EarlyWarning, ...]:
    evaluation = run(plan(indicator("100", 0.0)), [], "2022")
    return early_warnings(evaluation, [task], on=on, settings=settings)


MILESTONE = Milestone(2022, "完成征地拆迁")  # due 2022-12-31


@pytest.mark.parametrize(
    ("on", "level", "days"),
    [
        (date(2022, 12, 31), None, None),  # the last day of its year: not yet overdue
        (date(2023, 1, 1), YELLOW, 1),
        (date(2023, 3, 31), YELLOW, 90),  # 31 + 28 + 31 = 90 days: not more than 90
        (date(2023, 4, 1), RED, 91),
    ],
)
def test_it_warns_of_an_overdue_milestone_red_after_the_days_allowed(on, level, days):
    task = _task(ProgressUpdate(on, 60.0), milestones=(MILESTONE,))
    warning = _one(_task_warnings(task, on), "milestone_overdue", "T1")
    assert (warning.level if warning else None) is level
    if warning:
        assert warning.fact("days_overdue") == days
        assert warning.message == (
            f"1个年度节点逾期未完成，最早为2022年「完成征地拆迁」，截至{on.isoformat()}逾期{days}天（超过90天为红色预警）"
        )
        assert (warning.subject_kind, warning.department, warning.subject_name) == (
            SubjectKind.TASK,
            "某局",
            "建设某新区",
        )


def test_it_does_not_warn_of_a_milestone_done_or_of_a_completed_task():
    on = date(2023, 6, 1)
    done = _task(ProgressUpdate(on, 60.0), milestones=(replace(MILESTONE, done_on=date(2022, 12, 20)),))
    completed = _task(ProgressUpdate(on, 100.0), milestones=(MILESTONE,))
    assert _task_warnings(done, on) == ()
    assert _task_warnings(completed, on) == ()


def test_it_counts_from_the_oldest_overdue_milestone():
    # 2021's milestone is 2023-06-01 − 2021-12-31 = 517 days overdue; 2022's 152.
    on = date(2023, 6, 1)
    task = _task(ProgressUpdate(on, 60.0), milestones=(MILESTONE, Milestone(2021, "完成规划编制")))
    warning = _one(_task_warnings(task, on), "milestone_overdue", "T1")
    assert warning.facts_dict == {"overdue_milestones": 2, "oldest_year": 2021, "days_overdue": 517,
                                  "milestone_red_days": 90}  # fmt: skip


@pytest.mark.parametrize(
    ("on", "days"),
    [
        (date(2022, 9, 27), None),  # 2022-06-30 + 89 days
        (date(2022, 9, 28), 90),  # 31 (July) + 31 (August) + 28 = 90
    ],
)
def test_it_warns_yellow_of_a_task_without_an_update_for_the_stale_days(on, days):
    task = _task(ProgressUpdate(date(2022, 6, 30), 40.0))
    warning = _one(_task_warnings(task, on), "stale_update", "T1")
    assert (warning.fact("days_since") if warning else None) == days
    if warning:
        assert warning.level is YELLOW
        assert warning.message == "最近一次进展报送于2022-06-30，截至2022-09-28已90天未更新（要求不超过90天）"


def test_it_counts_staleness_from_the_start_when_nothing_was_reported():
    # 2022-01-01 to 2022-04-01 is 90 days; nothing before the start.
    task = _task(start=date(2022, 1, 1))
    warning = _one(_task_warnings(task, date(2022, 4, 1)), "stale_update", "T1")
    assert warning is not None and warning.fact("last_update") is None
    assert warning.message.startswith("自2022-01-01开始以来未报送进展")
    assert _one(_task_warnings(task, date(2021, 6, 1)), "stale_update", "T1") is None


def test_it_reads_the_stale_days_from_the_settings():
    task = _task(ProgressUpdate(date(2022, 6, 30), 40.0))
    warnings = _task_warnings(task, date(2022, 7, 30), WarningSettings(stale_days=30))  # 30 days
    assert _one(warnings, "stale_update", "T1") is not None


# A task from 2021-01-01 to 2022-12-31 (729 days): on 2022-01-01 365/729 = 0.5007 has elapsed,
# delayed below 0.5007 × 0.95 = 0.4757 (TaskSettings' progress_tolerance).
SHORT = {"start": date(2021, 1, 1), "due": date(2022, 12, 31)}


@pytest.mark.parametrize(
    ("percent", "on", "level"),
    [
        (48.0, date(2022, 1, 1), None),  # 0.48 ≥ 0.4757: on track
        (47.0, date(2022, 1, 1), YELLOW),  # 0.47 < 0.4757: delayed
        (90.0, date(2022, 12, 31), YELLOW),  # its due day: all time elapsed, not yet past due
        (90.0, date(2023, 1, 1), RED),  # past its due date
    ],
)
def test_it_warns_of_a_delayed_task_red_past_its_due_date(percent, on, level):
    task = _task(ProgressUpdate(date(2021, 12, 20), percent), **SHORT)
    warning = _one(_task_warnings(task, on), "task_delayed", "T1")
    assert (warning.level if warning else None) is level


def test_it_says_why_a_task_is_delayed():
    task = _task(ProgressUpdate(date(2021, 12, 20), 47.0), **SHORT)
    warning = _one(_task_warnings(task, date(2022, 1, 1)), "task_delayed", "T1")
    assert warning.message == "任务滞后：完成 47%，低于序时进度 50%（完成47%，完成时限2022-12-31）"
    assert warning.fact("elapsed") == pytest.approx(365 / 729) and warning.fact("reason") == "behind"
    late = _one(_task_warnings(task, date(2023, 1, 1)), "task_delayed", "T1")
    assert late.message == "任务滞后：已过完成时限 2022-12-31，已完成47%"


# report_overdue ---------------------------------------------------------------------------------

DEADLINE = date(2023, 1, 31)


@pytest.mark.parametrize(
    ("on", "level"),
    [
        (date(2023, 1, 31), None),  # the deadline day itself
        (date(2023, 2, 1), YELLOW),  # 1 day late
        (date(2023, 2, 15), YELLOW),  # 15 days: not more than 15
        (date(2023, 2, 16), RED),  # 16 days
    ],
)
def test_it_warns_of_a_department_late_with_its_report_red_after_the_days_allowed(on, level):
    report = ReportDue("某统计局", parse_period("2022"), DEADLINE, submitted=False, code="stats")
    evaluation = run(plan(indicator("100", 0.0)), [], "2022")
    warning = _one(early_warnings(evaluation, reports=[report], on=on), "report_overdue", "stats")
    assert (warning.level if warning else None) is level
    if warning:
        days = (on - DEADLINE).days
        assert warning.message == (
            f"2022年数据报送截止2023-01-31，截至{on.isoformat()}逾期{days}天仍未报送完毕（超过15天为红色预警）"
        )
        assert (warning.subject_kind, warning.subject_name, warning.department) == (
            SubjectKind.DEPARTMENT,
            "某统计局",
            "某统计局",
        )


def test_it_does_not_warn_of_a_report_submitted():
    report = ReportDue("某统计局", parse_period("2022"), DEADLINE, submitted=True)
    assert report.days_late(date(2023, 6, 1)) == 0
    evaluation = run(plan(indicator("100", 0.0)), [], "2022")
    assert early_warnings(evaluation, reports=[report], on=date(2023, 6, 1)) == ()


# Order, registry, settings ----------------------------------------------------------------------


def test_it_lists_red_first_then_indicators_tasks_and_departments_in_the_order_given():
    first = indicator("100", 0.0, code="X1")
    second = indicator("100", 0.0, code="X2", binding=True)
    evaluation = run(plan(first, second), series("X1", {"2022": 35.0}) + series("X2", {"2022": 35.0}), "2022")
    late = ReportDue("某局", parse_period("2022"), date(2023, 1, 31), submitted=False)
    task = _task(ProgressUpdate(date(2023, 2, 1), 60.0), milestones=(MILESTONE,))
    on = date(2023, 2, 2)
    found = [(w.level, w.subject_code, w.rule) for w in early_warnings(evaluation, [task], [late], on)]
    # X1: 0.35 behind (yellow); X2 binding behind (red); both project 35 × 2.5 = 87.5 < 100 in
    # 2025 from two points (yellow); the milestone is 33 days overdue, the report 2 days late.
    assert found == [
        (RED, "X2", "binding_behind"),
        (YELLOW, "X1", "projection_misses_target"),
        (YELLOW, "X1", "behind_schedule"),
        (YELLOW, "X2", "projection_misses_target"),
        (YELLOW, "T1", "milestone_overdue"),
        (YELLOW, "某局", "report_overdue"),
    ]


def test_it_registers_every_rule_by_name():
    names = [rule.name for rule in available_rules()]
    assert names == ["projection_misses_target", "behind_schedule", "binding_behind", "milestone_overdue",
                     "stale_update", "task_delayed", "report_overdue"]  # fmt: skip
    assert get_rule("binding_behind").label == "约束性指标滞后"
    assert get_rule("report_overdue").kind is SubjectKind.DEPARTMENT
    with pytest.raises(PlanevalError, match="unknown warning rule 'hunch'; available: projection_misses_target"):
        get_rule("hunch")
    with pytest.raises(ValueError, match="already registered"):
        register(WarningRule("binding_behind", SubjectKind.INDICATOR, "另一条", lambda inputs: iter(())))


def test_it_counts_warnings_by_level():
    warnings = _indicator_warnings("100", 0.0, {"2022": 20.0}, binding=True)
    # binding_behind (red) and the projection 20 × 2.5 = 50 < 100 from two points (yellow)
    assert count_line(warnings) == "红色预警 1 项，黄色预警 1 项"


def test_it_describes_its_settings_with_defaults():
    assert [(name, default) for name, default, _ in describe_settings(WarningSettings)] == [
        ("red_margin", 0.2),
        ("milestone_red_days", 90),
        ("stale_days", 90),
        ("report_red_days", 15),
    ]
    assert WarningSettings().with_values({"stale_days": "60", "red_margin": "0.3"}) == WarningSettings(0.3, 90, 60)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"red_margin": "1.5"}, "setting red_margin: expected a number from 0 to 1, got 1.5"),
        ({"stale_days": "-1"}, "setting stale_days: expected a number from 0 to 3660, got -1"),
        ({"stale_days": "1.5"}, "setting stale_days: expected a number, got '1.5'"),
        ({"report_red_days": "ten"}, "setting report_red_days: expected a number, got 'ten'"),
        ({"slack": "1"}, "unknown setting 'slack'; known: red_margin, milestone_red_days, stale_days, report_red_days"),
    ],
)
def test_it_refuses_bad_settings(values, message):
    with pytest.raises(PlanevalError) as raised:
        WarningSettings().with_values(values)
    assert str(raised.value) == message


def test_it_refuses_days_that_are_not_whole_numbers():
    with pytest.raises(PlanevalError, match="setting stale_days: expected a whole number of days, got 1.5"):
        WarningSettings(stale_days=1.5)  # type: ignore[arg-type]


# The national example ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def national() -> Evaluation:
    folder = load_plan_folder(EXAMPLE)
    return evaluate(folder.plan, folder.observations, parse_period("2022"))


def test_it_warns_red_of_the_childcare_places_far_behind_schedule(national):
    # N12 每千人口拥有3岁以下婴幼儿托位数, expected: base 1.8 (2020), target 4.5, latest 2.03 (2021):
    # progress (2.03 − 1.8) / (4.5 − 1.8) = 0.23 / 2.7 = 0.0852, time share at 2021's end 1/5 = 0.2;
    # red line 0.2 × (1 − 0.05 − 0.2) = 0.15 > 0.0852 → red.
    warning = _one(early_warnings(national), "behind_schedule", "N12")
    assert warning is not None and warning.level is RED
    assert warning.fact("progress") == pytest.approx(0.0852, abs=1e-4)
    assert warning.fact("red_line") == pytest.approx(0.15)
    assert warning.message == ("完成进度8.5%，时间进度20.0%，低于红色预警线15.0%（时间进度×(1−容差0.05−红色余量0.2)）")


def test_it_warns_yellow_of_the_years_of_schooling_projected_short_of_the_target(national):
    # N09 劳动年龄人口平均受教育年限 (binding): 10.75, 10.82, 10.93 in 2020–2022. Slope
    # Sty/Stt = ((−1)(10.75 − 10.8333) + (1)(10.93 − 10.8333)) / 2 = 0.18 / 2 = 0.09 through
    # (2021, 10.8333): ŷ(2025) = 10.8333 + 4 × 0.09 = 11.193 < 11.3. Residuals 1/150, −1/75, 1/150
    # → SSE 0.000267, s = 0.01633; half width 12.706 × 0.01633 × √(1 + 1/3 + 16/2) = 0.634
    # → interval 10.559—11.827, whose high end passes 11.3 → yellow.
    warnings = early_warnings(national)
    warning = _one(warnings, "projection_misses_target", "N09")
    assert warning is not None and warning.level is YELLOW
    assert warning.fact("projected") == pytest.approx(11.1933, abs=1e-4)
    assert warning.fact("high") == pytest.approx(11.827, abs=1e-3)
    assert warning.fact("low") == pytest.approx(10.559, abs=1e-3)
    assert warning.message == (
        "按3个数据点的线性趋势推算，2025年预计为11.19年，规划要求11.3年；95%预测区间10.56年—11.83年，有利一端仍可达到"
    )
    # and, binding and behind (progress 0.18 / 0.55 = 0.327 < 0.4), red as well
    assert _one(warnings, "binding_behind", "N09").level is RED
