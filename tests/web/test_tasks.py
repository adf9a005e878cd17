"""The key-task pages: the list with statuses and filters, one task, the progress form and who
may use it, evidence, the breakdown import, and the demo loader.

The tasks are synthetic (合成任务…, departments 甲局 and 乙局 of the ``world`` fixture). Their
dates are set around today so that each has the status it is named for: a task that started
100 days ago and is due in 100 days has half its time passed (序时进度 50 %).
"""

from __future__ import annotations

import datetime
import io
import re
import shutil
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from planeval.domain.task import years_before
from planeval.web.core.models import Department, Plan
from planeval.web.tasks.models import Milestone, ProgressUpdate, Task

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)
PDF = b"%PDF-1.4\nsynthetic evidence\n"
URL = "/plans/synthetic/tasks/"
EVIDENCE_KINDS = "PDF, PNG, JPG, XLSX or DOCX file"  # in the message refusing other evidence


def _text(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _task(world, code: str, lead, position: int, **fields) -> Task:
    values = {"text": f"合成任务{code}", "start": TODAY - 100 * DAY, "due": TODAY + 100 * DAY}
    values.update({"chapter": "一、合成篇甲"} | fields)
    return Task.objects.create(plan=world.plan, code=code, lead=lead, position=position, **values)


@pytest.fixture
def tasks(world) -> dict[str, Task]:
    """Four tasks, one in each status today; T2 is a project of department B with A cooperating."""
    on_track = _task(world, "T1", world.department_a, 1)
    ProgressUpdate.objects.create(task=on_track, reported_on=TODAY - DAY, percent=50, narrative="合成进展",
                                  evidence=SimpleUploadedFile("合成.pdf", PDF))  # fmt: skip
    Milestone.objects.create(task=on_track, year=TODAY.year - 1, text="合成节点甲")  # past its year, not done
    Milestone.objects.create(task=on_track, year=TODAY.year, text="合成节点乙")
    delayed = _task(world, "T2", world.department_b, 2, chapter="二、合成篇乙", planned_investment=40)
    delayed.cooperating.add(world.department_a)
    ProgressUpdate.objects.create(task=delayed, reported_on=TODAY - DAY, percent=10, investment_completed=4)
    not_started = _task(world, "T3", world.department_a, 3, chapter="二、合成篇乙", start=TODAY + 10 * DAY)
    done = _task(world, "T4", world.department_b, 4, chapter="二、合成篇乙")
    ProgressUpdate.objects.create(task=done, reported_on=TODAY - DAY, percent=100)
    return {"on_track": on_track, "delayed": delayed, "not_started": not_started, "done": done}


def _codes(response) -> list[str]:
    return re.findall(r'<td class="task-code">([^<]+)</td>', response.content.decode())


# The list ---------------------------------------------------------------------------------------


def test_it_lists_every_task_with_its_status_and_counts(personas, tasks, english):
    response = personas["viewer"].get(URL)

    assert response.status_code == 200
    assert _codes(response) == ["T1", "T2", "T3", "T4"]
    text = _text(response)
    for label in ("on track 1", "delayed 1", "not started 1", "completed 1", "all 4"):
        assert label in text, label
    # T1: 50 % complete with 100 of 200 days passed; T2: 4 of 40 亿元
    assert "50% 50%" in text and "4 / 40" in text
    assert "一、合成篇甲" in text and "二、合成篇乙" in text


def test_it_speaks_chinese_by_default(personas, tasks):
    text = _text(personas["viewer"].get(URL))

    for label in ("重点任务", "按序时推进", "滞后", "未启动", "已完成", "牵头单位", "配合单位", "完成时限"):
        assert label in text, label


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("?status=delayed", ["T2"]),
        ("?department=dept-a", ["T1", "T2", "T3"]),  # A leads T1 and T3 and cooperates on T2
        ("?department=dept-b", ["T2", "T4"]),
        ("?chapter=二、合成篇乙&status=completed", ["T4"]),
        ("?status=nonsense", ["T1", "T2", "T3", "T4"]),  # an unknown choice filters nothing
    ],
)
def test_it_filters_by_status_department_and_chapter(personas, tasks, query, codes):
    assert _codes(personas["clerk_b"].get(URL + query)) == codes


def test_it_counts_the_statuses_of_the_department_filtered(personas, tasks, english):
    text = _text(personas["viewer"].get(URL + "?department=dept-b"))

    assert "delayed 1" in text and "completed 1" in text and "on track 0" in text and "all 2" in text


def test_it_explains_how_to_import_when_the_plan_has_no_tasks(personas, world, english):
    planner, viewer = _text(personas["planner"].get(URL)), _text(personas["viewer"].get(URL))

    assert "This plan has no key tasks yet." in planner
    assert "序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限" in planner
    assert "Upload and check" in planner
    assert "The planning office imports the responsibility breakdown" in viewer and "Upload and check" not in viewer


def test_it_shows_the_menu_entry_to_every_role(personas, world):
    for persona in ("viewer", "clerk_a", "reviewer", "planner"):
        assert f'href="{URL}"' in personas[persona].get("/plans/synthetic/").content.decode(), persona


# One task ---------------------------------------------------------------------------------------


def test_it_shows_a_task_with_milestones_updates_and_history(personas, tasks, english):
    task = tasks["on_track"]

    response = personas["viewer"].get(f"{URL}{task.pk}/")

    text = _text(response)
    assert response.status_code == 200
    assert "合成任务T1" in text and "甲局" in text
    assert "50% complete with 50% of its time passed." in text
    assert f"{TODAY.year - 1} 合成节点甲 overdue" in text  # past its year and not done
    assert f"{TODAY.year} 合成节点乙 open" in text
    assert "合成进展" in text and f"{URL}updates/{task.updates.get().pk}/evidence/" in response.content.decode()
    assert "task · created" in text and "milestone" in text and "progress of" in text
    assert "Report progress" not in text  # a viewer reads only


def test_it_explains_a_projects_delay_by_its_rule(personas, tasks, english):
    text = _text(personas["clerk_a"].get(f"{URL}{tasks['delayed'].pk}/"))

    # 10 % complete against 50 % of the time passed: below 50 % × 0.95
    assert "10% complete, behind the 50% of its time that has passed." in text
    assert "Planned investment (100 million yuan) 40" in text


def test_it_shows_a_change_with_old_and_new_values_in_the_history(personas, tasks, english):
    task = tasks["on_track"]
    task.due = TODAY + 200 * DAY
    task._change_reason = "合成调整"
    task.save()

    text = _text(personas["viewer"].get(f"{URL}{task.pk}/"))

    old, new = (TODAY + 100 * DAY).isoformat(), (TODAY + 200 * DAY).isoformat()
    assert f"task · changed due: {old} → {new} 合成调整" in text


def test_it_answers_404_for_a_task_of_another_plan(personas, tasks):
    other = Plan.objects.create(slug="other", title="合成规划乙", base_year=2020, end_year=2025)

    assert personas["viewer"].get(f"/plans/{other.slug}/tasks/{tasks['on_track'].pk}/").status_code == 404


# Reporting progress -----------------------------------------------------------------------------


def _report(client, task: Task, **fields):
    data = {"reported_on": TODAY.isoformat(), "percent": "60", "narrative": "合成新进展"} | fields
    return client.post(f"{URL}{task.pk}/report/", data)


def test_it_lets_the_lead_departments_clerk_report_and_mark_a_milestone_done(personas, tasks):
    task = tasks["on_track"]
    milestone = task.milestones.get(year=TODAY.year - 1)

    response = _report(personas["clerk_a"], task, percent="６５%", milestone=str(milestone.pk),
                       evidence=SimpleUploadedFile("合成.pdf", PDF))  # fmt: skip

    assert response.status_code == 302 and response["Location"] == f"{URL}{task.pk}/"
    update = task.updates.order_by("-pk").first()
    assert (update.percent, update.narrative, update.reported_by.username) == (65.0, "合成新进展", "clerk_a")
    assert update.evidence.name.endswith(".pdf")
    milestone.refresh_from_db()
    assert milestone.done_on == TODAY


@pytest.mark.parametrize(("persona", "status"), [("clerk_b", 403), ("viewer", 403), ("reviewer", 403),
                                                 ("planner", 302), ("clerk_a", 302)])  # fmt: skip
def test_it_lets_only_the_lead_department_and_the_office_report(personas, tasks, persona, status):
    task = tasks["on_track"]  # led by A; B cooperates on none of A's tasks here

    assert personas[persona].get(f"{URL}{task.pk}/report/").status_code == (200 if status == 302 else 403)
    assert _report(personas[persona], task).status_code == status
    assert task.updates.count() == (2 if status == 302 else 1)


def test_it_refuses_a_cooperating_departments_clerk(personas, tasks):
    assert _report(personas["clerk_a"], tasks["delayed"]).status_code == 403  # A only cooperates on T2


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"percent": "120"}, "percent", "Enter the percent complete, from 0 to 100."),
        ({"percent": "约六成"}, "percent", "约六成 is not a number."),
        ({"reported_on": (TODAY + DAY).isoformat()}, "reported_on", "The date is in the future."),
        (
            {"evidence": SimpleUploadedFile("合成.pdf", b"MZ\x90\x00")},
            "evidence",
            EVIDENCE_KINDS,
        ),
        ({"evidence": SimpleUploadedFile("合成.exe", PDF)}, "evidence", EVIDENCE_KINDS),
    ],
)
def test_it_refuses_bad_progress_and_saves_nothing(personas, tasks, english, fields, field, message):
    task = tasks["on_track"]

    response = _report(personas["clerk_a"], task, **fields)

    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    assert task.updates.count() == 1


def test_it_asks_for_the_investment_of_a_project_only(personas, tasks):
    project, task = tasks["delayed"], tasks["on_track"]

    assert "investment_completed" in personas["planner"].get(f"{URL}{project.pk}/report/").context["form"].fields
    assert "investment_completed" not in personas["planner"].get(f"{URL}{task.pk}/report/").context["form"].fields
    assert _report(personas["clerk_b"], project, investment_completed="21.5").status_code == 302
    assert project.updates.order_by("-pk").first().investment_completed == 21.5


def test_it_lets_every_reader_download_the_evidence(personas, tasks):
    update = tasks["on_track"].updates.get()

    response = personas["viewer"].get(f"{URL}updates/{update.pk}/evidence/")

    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    no_file = tasks["delayed"].updates.get()
    assert personas["viewer"].get(f"{URL}updates/{no_file.pk}/evidence/").status_code == 404


# Importing the breakdown ------------------------------------------------------------------------

HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "2021年", "2022年"]


def _workbook(*rows: list) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(["合成市重点任务责任分解表"])
    sheet.append(HEADER)
    sheet.append(["一、合成篇甲"])
    sheet.merge_cells("A3:G3")
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return SimpleUploadedFile("合成分解.xlsx", stream.getvalue())


ROWS = (
    [1, "合成任务一", "甲局", "乙局", "2025年底前", "合成节点一", None],
    [2, "合成任务二", "乙局", None, "长期坚持", None, "合成节点二"],
)


def _import(client, upload: SimpleUploadedFile):
    return client.post(f"{URL}import/", {"workbook": upload})


def test_it_previews_then_saves_an_imported_breakdown(personas, world, english):
    planner = personas["planner"]

    uploaded = _import(planner, _workbook(*ROWS))
    preview = planner.get(f"{URL}import/preview/")

    assert uploaded.status_code == 302 and uploaded["Location"] == f"{URL}import/preview/"
    assert "合成分解.xlsx: 2 new, 0 to change, 0 unchanged." in _text(preview)
    assert Task.objects.count() == 0  # nothing saved before confirming
    confirmed = planner.post(f"{URL}import/confirm/", {"action": "confirm"})
    assert confirmed.status_code == 302
    one, two = Task.objects.order_by("position")
    assert (one.code, one.chapter, one.lead.name, [d.name for d in one.cooperating.all()]) == (
        "1", "一、合成篇甲", "甲局", ["乙局"])  # fmt: skip
    assert (two.due, two.note) == (datetime.date(2025, 12, 31), "完成时限：长期坚持")  # the plan's end
    milestones = [(m.year, m.text) for m in Milestone.objects.order_by("year")]
    assert milestones == [(2021, "合成节点一"), (2022, "合成节点二")]
    assert one.history.first().history_change_reason == "import 合成分解.xlsx"


def test_it_changes_nothing_on_a_second_import_of_the_same_file(personas, world, english):
    planner = personas["planner"]
    _import(planner, _workbook(*ROWS))
    planner.post(f"{URL}import/confirm/", {"action": "confirm"})
    recorded = Task.history.count() + Milestone.history.count()

    _import(planner, _workbook(*ROWS))
    preview = planner.get(f"{URL}import/preview/")
    forged = planner.post(f"{URL}import/confirm/", {"action": "confirm"})

    assert "0 new, 0 to change, 2 unchanged." in _text(preview)
    assert "No changes: every task in the file is already saved as it is." in _text(preview)
    assert 'value="confirm"' not in preview.content.decode()
    assert forged.status_code == 302
    assert Task.history.count() + Milestone.history.count() == recorded


def test_it_previews_the_changes_of_a_stored_task(personas, world, english):
    planner = personas["planner"]
    _import(planner, _workbook(*ROWS))
    planner.post(f"{URL}import/confirm/", {"action": "confirm"})

    _import(planner, _workbook([1, "合成任务一", "甲局", "乙局", "2024年6月底前", "合成节点一（修订）", None], ROWS[1]))
    text = _text(planner.get(f"{URL}import/preview/"))
    planner.post(f"{URL}import/confirm/", {"action": "confirm"})

    assert "0 new, 1 to change, 1 unchanged." in text
    assert "due: 2025-12-31 → 2024-06-30" in text and "milestone 2021: 合成节点一 → 合成节点一（修订）" in text
    assert Task.objects.get(code="1").due == datetime.date(2024, 6, 30)


def test_it_lists_unknown_departments_and_saves_nothing(personas, world, english):
    planner = personas["planner"]

    _import(planner, _workbook([1, "合成任务一", "丙局", "乙局、丁局", "2025年"]))
    preview = planner.get(f"{URL}import/preview/")
    planner.post(f"{URL}import/confirm/", {"action": "confirm"})

    text = _text(preview)
    assert "The file names departments the site does not know." in text
    assert "丙局 1" in text and "丁局 1" in text and "乙局 1" not in text
    assert 'value="confirm"' not in preview.content.decode()
    assert Task.objects.count() == 0 and not Department.objects.filter(name__in=["丙局", "丁局"]).exists()


def test_it_names_the_row_and_column_of_a_bad_cell_in_the_upload(personas, world, english):
    response = _import(personas["planner"], _workbook([1, "合成任务一", "甲局", None, "尽快"]))

    assert response.status_code == 400
    assert "合成分解.xlsx [Sheet], row 4, column 完成时限: expected a date" in _text(response)


def test_it_refuses_a_file_that_is_not_xlsx(personas, world, english):
    response = _import(personas["planner"], SimpleUploadedFile("合成.csv", b"a,b\n"))

    assert response.status_code == 400 and "Upload the breakdown as an Excel .xlsx file." in _text(response)


def test_it_discards_a_previewed_import(personas, world):
    planner = personas["planner"]
    _import(planner, _workbook(*ROWS))

    planner.post(f"{URL}import/confirm/", {"action": "discard"})

    assert Task.objects.count() == 0
    assert planner.get(f"{URL}import/preview/").status_code == 302  # nothing waits any more


@pytest.mark.parametrize("persona", ["viewer", "clerk_a", "reviewer"])
def test_it_lets_only_the_planning_office_import(personas, world, persona):
    client = personas[persona]

    assert _import(client, _workbook(*ROWS)).status_code == 403
    assert client.get(f"{URL}import/preview/").status_code == 403
    assert client.post(f"{URL}import/confirm/", {"action": "confirm"}).status_code == 403
    assert Task.objects.count() == 0


# The demo ---------------------------------------------------------------------------------------


def test_it_loads_no_tasks_for_the_example_without_a_breakdown(db):
    from planeval.web.core.demo import install_demo

    install_demo()

    assert not Task.objects.exists()


def test_it_loads_the_tasks_of_an_example_folder_that_has_them(db, tmp_path, monkeypatch, example_dir):
    from planeval.web.core import demo

    folder = tmp_path / "cn-14th-fyp"
    shutil.copytree(example_dir, folder)
    row = "S1,合成篇,合成任务,合成局甲,国家统计局、合成局乙,2025年\n"
    (folder / "tasks.csv").write_text("code,chapter,text,lead,cooperating,due\n" + row, encoding="utf-8")
    (folder / "task_updates.csv").write_text("code,reported_on,percent\nS1,2023-06-30,40\n", encoding="utf-8")
    monkeypatch.setattr(demo, "example_folder", lambda: Path(folder))

    demo.install_demo()

    task = Task.objects.get()
    assert (task.code, task.lead.name, sorted(d.name for d in task.cooperating.all())) == (
        "S1", "合成局甲", ["合成局乙", "国家统计局"])  # fmt: skip
    assert task.updates.get().percent == 40.0
    assert get_user_model().objects.filter(username=f"clerk_{task.lead.code}").exists()


# Implausible reports ----------------------------------------------------------------------------


def test_it_refuses_a_report_dated_more_than_a_year_before_the_tasks_start(personas, tasks, english):
    task = tasks["on_track"]  # starts 100 days before today
    earliest = years_before(task.start, 1)  # the same day a year before

    refused = _report(personas["clerk_a"], task, reported_on=(earliest - DAY).isoformat())
    accepted = _report(personas["clerk_a"], task, reported_on=earliest.isoformat(), percent="55")

    assert refused.status_code == 400
    assert refused.context["form"].errors["reported_on"] == [
        f"The date is before {earliest.isoformat()}, a year before the task's start."
    ]
    assert accepted.status_code == 302


def test_it_asks_why_the_percent_is_lower_than_before(personas, tasks, english):
    task = tasks["on_track"]  # 50 % reported yesterday

    silent = _report(personas["clerk_a"], task, percent="45", narrative="")
    explained = _report(personas["clerk_a"], task, percent="45", narrative="合成口径调整")

    assert silent.status_code == 400
    yesterday = (TODAY - DAY).isoformat()
    assert silent.context["form"].errors["narrative"] == [
        f"45% is below the 50% reported on {yesterday}: say why in the progress made."
    ]
    assert explained.status_code == 302 and task.updates.order_by("-pk").first().percent == 45.0


def test_it_needs_no_reason_for_the_same_percent_or_a_report_dated_before_the_lower_one(personas, tasks, english):
    task = tasks["on_track"]  # 50 % reported yesterday

    assert _report(personas["clerk_a"], task, percent="50", narrative="").status_code == 302
    # a report of two days ago comes before yesterday's 50 %: nothing earlier to compare with
    assert _report(personas["clerk_a"], task, percent="30", narrative="",
                   reported_on=(TODAY - 2 * DAY).isoformat()).status_code == 302  # fmt: skip


def test_it_refuses_to_mark_done_a_milestone_whose_year_has_not_begun(personas, tasks, english):
    task = tasks["on_track"]
    next_year = Milestone.objects.create(task=task, year=TODAY.year + 1, text="合成节点丙")

    response = _report(personas["clerk_a"], task, milestone=str(next_year.pk))

    assert response.status_code == 400
    assert response.context["form"].errors["milestone"] == [
        f"The milestone of {TODAY.year + 1} can be marked done from 1 January {TODAY.year + 1}."
    ]
    next_year.refresh_from_db()
    assert next_year.done_on is None


def test_it_marks_a_milestone_reached_early_done_on_the_first_day_of_its_year(personas, tasks):
    task = tasks["on_track"]
    this_year = task.milestones.get(year=TODAY.year)
    last_year_end = datetime.date(TODAY.year - 1, 12, 31)

    response = _report(personas["clerk_a"], task, milestone=str(this_year.pk), reported_on=last_year_end.isoformat(),
                       percent="55")  # fmt: skip

    assert response.status_code == 302
    this_year.refresh_from_db()
    assert this_year.done_on == datetime.date(TODAY.year, 1, 1)
    assert task.updates.get(percent=55).reported_on == last_year_end  # the report keeps its own day


@pytest.mark.parametrize(("invested", "marked"), [("40", False), ("41.5", True)])
def test_it_accepts_an_investment_above_the_estimate_and_marks_it(personas, tasks, english, invested, marked):
    project = tasks["delayed"]  # 40 亿元 planned, led by B

    response = _report(personas["clerk_b"], project, percent="60", investment_completed=invested)

    assert response.status_code == 302
    assert ("over estimate" in _text(personas["viewer"].get(f"{URL}{project.pk}/"))) is marked


def test_it_marks_an_investment_above_the_estimate_in_chinese(personas, tasks):
    project = tasks["delayed"]
    ProgressUpdate.objects.create(task=project, reported_on=TODAY, percent=60, investment_completed=45)

    assert "超概算" in _text(personas["viewer"].get(f"{URL}{project.pk}/"))
    assert "超概算" in _text(personas["viewer"].get(URL))


# Continuous work and long texts -----------------------------------------------------------------


def test_it_judges_a_continuous_task_by_its_last_update(personas, world, english):
    # 5 % with half its time passed would be delayed; as continuous work reported a month ago it is on track
    task = _task(world, "C1", world.department_a, 1, continuous=True)
    ProgressUpdate.objects.create(task=task, reported_on=TODAY - 30 * DAY, percent=5)
    silent = _task(world, "C2", world.department_a, 2, continuous=True, start=TODAY - 800 * DAY)
    ProgressUpdate.objects.create(task=silent, reported_on=TODAY - 366 * DAY, percent=5)

    text = _text(personas["viewer"].get(f"{URL}{task.pk}/"))

    assert "on track Continuous work: progress reported within the last year." in text
    assert "continuous" in text
    assert "delayed Continuous work: no progress reported for more than a year." in _text(
        personas["viewer"].get(f"{URL}{silent.pk}/")
    )


def test_it_shortens_a_long_text_in_the_heading_and_shows_it_whole_below(personas, world):
    text = "合成长任务" + "很长的文字" * 2000  # 10,005 characters
    task = _task(world, "L1", world.department_a, 1, text=text)

    page = personas["viewer"].get(f"{URL}{task.pk}/").content.decode()

    heading = re.search(r"<h1>(.*?)</h1>", page, flags=re.S).group(1)
    shown = re.sub(r"<[^>]+>", "", heading).strip()
    assert shown.startswith("L1 " + text[:50]) and len(shown) <= len("L1 ") + 60  # 60 characters with the ellipsis
    assert text in page


def test_it_keeps_a_short_text_in_the_heading_only(personas, world):
    task = _task(world, "S1", world.department_a, 1, text="合成短任务")

    page = personas["viewer"].get(f"{URL}{task.pk}/").content.decode()

    assert page.count("合成短任务") == 2  # the page's title and its heading


def test_it_marks_tasks_imported_before_the_flag_continuous_by_their_note(world):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("planeval.web.tasks.migrations.0004_mark_continuous_tasks_from_their_note")
    ongoing = _task(world, "M1", world.department_a, 1, note="完成时限：长期坚持；共同牵头：乙局")
    period = _task(world, "M2", world.department_a, 2, note="完成时限：“十四五”期间")
    plain = _task(world, "M3", world.department_a, 3, note="合成备注：长期坚持")  # not what 完成时限 said

    migration.mark_continuous(apps, None)

    assert [Task.objects.get(pk=t.pk).continuous for t in (ongoing, period, plain)] == [True, False, False]
