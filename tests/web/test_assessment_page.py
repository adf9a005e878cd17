"""The department assessment page and its Excel download: scores from a world whose verdicts,
task statuses and submission dates were set by hand (the arithmetic in the comments)."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone, translation
from openpyxl import load_workbook

from planeval.domain.assessment import Part
from planeval.domain.task import TaskStatus
from planeval.domain.verdict import Verdict
from planeval.web.assessment.facts import assessment_settings
from planeval.web.assessment.table import PART_NAMES, STATUS_NAMES, VERDICT_NAMES
from planeval.web.core.models import Department, Indicator, ReportingRound, Value
from planeval.web.tasks.models import ProgressUpdate, Task

PAGE = "/plans/synthetic/assessment/?as_of=2022"
DOWNLOAD = "/plans/synthetic/assessment/assessment.xlsx?as_of=2022"
TODAY = datetime.date.today()
DEADLINE = TODAY - datetime.timedelta(days=30)  # of the past round 2021


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment of ``day`` in the site's time zone (Asia/Shanghai)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _reported(value: Value, when: datetime.datetime) -> None:
    """Move every history record of ``value`` to ``when``: it was reported then."""
    Value.history.filter(id=value.pk).update(history_date=when)


def _indicator(world, code: str, department: Department, base: float, target: str) -> Indicator:
    return Indicator.objects.create(plan=world.plan, position=10 + len(code) + ord(code[0]), code=code,
                                    name=f"合成指标{code}", unit="", aspect="经济", attribute="expected",
                                    direction="increase", base_year=2020, base_value=base, target_text=target,
                                    target_year=2025, department=department)  # fmt: skip


@pytest.fixture
def assessed(world):
    """As of 2022 (time share 2/5 = 0.4):

    - 甲局: A1 40 → 50, 41 in 2022: progress 0.1 < 0.38 → behind (0); A2 100 → 200, 150: progress
      0.5 ≥ 0.44 → ahead (100). Tasks: T1 50 % on 2022-12-31, elapsed 729/1825 = 0.40 → on track
      (100); T3 starts 2024 → not started (100). Round 2021: A1 reported the day after the
      deadline (late), A2 two days before (on time).
      Score: 0.5 × 50 + 0.3 × 100 + 0.2 × 50 = 25 + 30 + 10 = 65.0.
    - 乙局: B1 ceiling < 5.5, 5.0 in 2022 → on schedule (100). Task T2 with nothing reported at
      0.40 elapsed → delayed (0). Round 2021: B1 never reported (missing).
      Score: 0.5 × 100 + 0.3 × 0 + 0.2 × 0 = 50.0.
    - 丙局: C1 with only a submitted 2021 value → not evaluated; no task. Round 2021: C1 reported at
      23:00 on the deadline day (on time). Only timeliness counts: 100, weights renormalised.
    """
    c = Department.objects.create(code="dept-c", name="丙局")
    a2 = _indicator(world, "A2", world.department_a, 100, "200")
    c1 = _indicator(world, "C1", c, 10, "20")
    for indicator, value in ((world.indicator_a, 41), (a2, 150), (world.indicator_b, 5.0)):
        Value.objects.create(indicator=indicator, period="2022", value=value, raw=str(value), state="approved")
    past = ReportingRound.objects.create(plan=world.plan, period="2021", opens=DEADLINE - datetime.timedelta(days=30),
                                         deadline=DEADLINE, state="closed")  # fmt: skip
    a1_2021 = Value.objects.get(indicator=world.indicator_a, period="2021")
    _reported(a1_2021, _at(DEADLINE + datetime.timedelta(days=1), 0, 30))
    a2_2021 = Value.objects.create(indicator=a2, round=past, period="2021", value=120, raw="120", state="submitted")
    _reported(a2_2021, _at(DEADLINE - datetime.timedelta(days=2), 10))
    c1_2021 = Value.objects.create(indicator=c1, round=past, period="2021", value=11, raw="11", state="submitted")
    _reported(c1_2021, _at(DEADLINE, 23))
    start, due = datetime.date(2021, 1, 1), datetime.date(2025, 12, 31)
    t1 = Task.objects.create(
        plan=world.plan, code="T1", text="合成任务一", lead=world.department_a, start=start, due=due
    )
    ProgressUpdate.objects.create(task=t1, reported_on=datetime.date(2022, 12, 1), percent=50)
    Task.objects.create(plan=world.plan, code="T2", text="合成任务二", lead=world.department_b, start=start, due=due)
    Task.objects.create(plan=world.plan, code="T3", text="合成任务三", lead=world.department_a,
                        start=datetime.date(2024, 1, 1), due=due)  # fmt: skip
    return world


def _rows(response):
    return [(line.row.department, line.row.total, line.row.rank) for line in response.context["lines"]]


def test_it_scores_and_ranks_every_department(assessed, personas):
    response = personas["planner"].get(PAGE)
    assert response.status_code == 200
    assert _rows(response) == [("丙局", 100.0, 1), ("甲局", 65.0, 2), ("乙局", 50.0, 3)]


def test_it_shows_the_facts_behind_each_part(assessed, personas):
    found = personas["viewer"].get(PAGE).context["assessment"]
    a, b, c = found.of("甲局"), found.of("乙局"), found.of("丙局")
    assert (a.verdicts[Verdict.BEHIND], a.verdicts[Verdict.AHEAD], b.verdicts[Verdict.ON_SCHEDULE]) == (1, 1, 1)
    assert [a.part(p).score for p in Part] == [50.0, 100.0, 50.0]
    assert (a.timeliness.on_time, a.timeliness.late, a.timeliness.missing) == (1, 1, 0)
    assert (b.timeliness.on_time, b.timeliness.late, b.timeliness.missing) == (0, 0, 1)
    assert (c.verdicts[Verdict.NOT_EVALUATED], c.timeliness.on_time) == (1, 1)


def test_it_says_when_a_part_is_left_out_and_the_weights_renormalised(assessed, personas, english):
    response = personas["reviewer"].get(PAGE)
    row = response.context["assessment"].of("丙局")
    assert row.left_out == (Part.INDICATORS, Part.TASKS)
    assert row.part(Part.TIMELINESS).applied == 1.0
    assert "Nothing to score in Indicators, Lead tasks: the other weights renormalised." in response.text


def test_it_counts_a_report_on_the_deadline_day_as_on_time_and_the_next_day_as_late(assessed, personas):
    c1 = Value.objects.get(indicator__code="C1", period="2021")
    _reported(c1, _at(DEADLINE + datetime.timedelta(days=1), 0, 5))  # five minutes past midnight
    found = personas["planner"].get(PAGE).context["assessment"]
    assert (found.of("丙局").timeliness.late, found.of("丙局").total) == (1, 0.0)


def test_it_leaves_out_rounds_after_the_period_and_rounds_still_open(assessed, personas):
    # as of 2021 the 2022 round is not counted (and it is still open anyway): the same timeliness
    found = personas["planner"].get("/plans/synthetic/assessment/?as_of=2021").context["assessment"]
    assert found.of("甲局").timeliness.due == 2
    assessed.round.deadline = TODAY  # the deadline is today: not yet passed
    assessed.round.save()
    assert personas["planner"].get(PAGE).context["assessment"].of("甲局").timeliness.due == 2


def test_it_counts_a_round_once_its_deadline_has_passed(assessed, personas):
    ReportingRound.objects.filter(pk=assessed.round.pk).update(deadline=TODAY - datetime.timedelta(days=1))
    found = personas["planner"].get(PAGE).context["assessment"]
    # round 2022: A1 and A2 approved today, after yesterday's deadline → late; 甲局 now 1 of 4 on time
    assert (found.of("甲局").timeliness.on_time, found.of("甲局").timeliness.late) == (1, 3)


@pytest.mark.parametrize("persona", ["planner", "reviewer", "viewer"])
def test_it_shows_every_department_to_the_office_reviewers_and_viewers(assessed, personas, persona):
    assert len(personas[persona].get(PAGE).context["lines"]) == 3


def test_it_shows_a_reporter_its_own_department_only_with_its_rank(assessed, personas):
    assert _rows(personas["clerk_a"].get(PAGE)) == [("甲局", 65.0, 2)]
    assert _rows(personas["clerk_b"].get(PAGE)) == [("乙局", 50.0, 3)]
    book = load_workbook(BytesIO(personas["clerk_a"].get(DOWNLOAD).content))
    assert [row[1] for row in book.active.iter_rows(min_row=3, values_only=True)] == ["甲局"]


def test_it_speaks_chinese_by_default(assessed, personas):
    text = personas["viewer"].get(PAGE).text
    for phrase in ("部门考核", "指标进展", "重点任务", "报送及时性", "排名", "总分", "下载 Excel", "按时报送"):
        assert phrase in text, phrase


def test_it_downloads_the_table_as_excel(assessed, personas, english):
    response = personas["viewer"].get(DOWNLOAD)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="synthetic-assessment-2022.xlsx"'
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["A1"].value == "合成规划: department assessment as of 2022"
    header = [cell.value for cell in sheet[2]]
    assert header[:9] == ["Rank", "Department", "Total", "Indicators score", "Indicators weight",
                          "Lead tasks score", "Lead tasks weight", "Timeliness of reports score",
                          "Timeliness of reports weight"]  # fmt: skip
    rows = {row[1]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=3, values_only=True)}
    a, c = rows["甲局"], rows["丙局"]
    assert (a["Rank"], a["Total"], a["Indicators score"], a["Lead tasks score"]) == (2, 65.0, 50.0, 100.0)
    assert (a["behind schedule"], a["ahead of schedule"], a["on track"], a["not started"], a["late"]) == (1, 1, 1, 1, 1)
    assert (c["Rank"], c["Indicators score"], c["Indicators weight"], c["Timeliness of reports weight"]) == (
        1, None, None, 1.0)  # fmt: skip
    assert c["Note"] == "Nothing to score in Indicators, Lead tasks: the other weights renormalised."


def test_it_keeps_a_department_name_that_looks_like_a_formula_as_text(assessed, personas):
    Department.objects.filter(code="dept-c").update(name='=HYPERLINK("http://x")')
    sheet = load_workbook(BytesIO(personas["planner"].get(DOWNLOAD).content)).active
    cell = sheet["B3"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ('=HYPERLINK("http://x")', "s", True)


def test_it_refuses_an_anonymous_visitor_and_a_period_outside_the_plan(assessed, personas):
    assert personas["anonymous"].get(PAGE).status_code == 302
    assert personas["viewer"].get("/plans/synthetic/assessment/?as_of=2019").status_code == 400


# The app's words ---------------------------------------------------------------------------------


def test_it_names_verdicts_statuses_and_parts_as_the_core_does():
    with translation.override("zh-hans"):
        assert [str(VERDICT_NAMES[v]) for v in Verdict] == [v.label for v in Verdict]
        assert [str(STATUS_NAMES[s]) for s in TaskStatus] == [s.label for s in TaskStatus]
        assert [str(PART_NAMES[p]) for p in Part] == [p.label for p in Part]


def test_it_takes_weights_and_points_from_the_setting(assessed, personas, settings):
    settings.ASSESSMENT = "task_weight=0, points_behind=60"
    found = personas["planner"].get(PAGE).context["assessment"]
    # 甲局: indicators (60 + 100) / 2 = 80, tasks weigh 0: (0.5 × 80 + 0.2 × 50) / 0.7 = 50 / 0.7 = 71.43 → 71.4
    assert found.of("甲局").total == 71.4


@pytest.mark.parametrize("text", ["task_weight", "weight=1", "task_weight=2"])
def test_it_refuses_a_setting_it_cannot_read(assessed, settings, text):
    settings.ASSESSMENT = text
    with pytest.raises(ImproperlyConfigured, match="PLANEVAL_ASSESSMENT"):
        assessment_settings()


def test_it_writes_a_renormalised_weight_as_a_person_reads_it(assessed, personas, english):
    # without T2, 乙局 has indicators and timeliness only: 0.5 / 0.7 = 0.714286, 0.2 / 0.7 = 0.285714
    Task.objects.filter(code="T2").delete()
    sheet = load_workbook(BytesIO(personas["planner"].get(DOWNLOAD).content)).active
    header = [cell.value for cell in sheet[2]]
    rows = {row[1]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=3, values_only=True)}
    b = rows["乙局"]
    assert (b["Indicators weight"], b["Lead tasks weight"], b["Timeliness of reports weight"]) == (
        0.714286, None, 0.285714)  # fmt: skip
