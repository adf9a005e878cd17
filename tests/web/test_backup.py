"""A plan written to one file and stored again (planeval.web.core.backup, export_plan,
import_plan): the same evaluation, values, history and evidence; refused files change nothing."""

from __future__ import annotations

import datetime
import gzip
import io
import json
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection
from django.db.models import F
from django.test import TestCase
from django.utils import timezone
from simple_history.models import HistoricalRecords

from planeval.domain.escalation import EscalationSettings
from planeval.domain.period import parse_period
from planeval.domain.task import assess_task
from planeval.errors import BackupError
from planeval.evaluate import evaluate
from planeval.io.export import evaluation_to_dict
from planeval.methods import available_methods
from planeval.web.core import values
from planeval.web.core.backup import (
    BATCH_ROWS,
    checksum,
    export_plan,
    read_backup,
    restore_plan,
    uncarried,
    write_backup,
)
from planeval.web.core.backup import export as backup_export
from planeval.web.core.backup import restore as backup_restore
from planeval.web.core.convert import domain_plan, observations
from planeval.web.core.demo import EXAMPLE_SLUG, install_demo
from planeval.web.core.models import (
    AnnualTarget,
    Department,
    Evidence,
    Indicator,
    Plan,
    ReportingRound,
    Value,
    ValueState,
)
from planeval.web.reminders.models import Reminder
from planeval.web.supervision import service
from planeval.web.supervision.models import Rectification, RectificationFile, SupervisionItem
from planeval.web.tasks.convert import domain_tasks
from planeval.web.tasks.models import Milestone, ProgressUpdate, Task

History = Value.history.model
TargetHistory = AnnualTarget.history.model
TaskLinks = Task.history.model.cooperating.model  # the cooperating departments each task record keeps
PDF = b"%PDF-1.4\n% 2025 statistical bulletin\n" + bytes(range(256)) * 4  # every byte value, four times
REPORT = b"%PDF-1.4\n% rectification report\n" + bytes(range(255, -1, -1)) * 2
AS_OF = ("2022", "2024", "2025")
ASSESSED_ON = (datetime.date(2022, 12, 31), datetime.date(2024, 6, 30), datetime.date(2026, 1, 1))
day = datetime.date


def user(name):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def media(settings, tmp_path):
    """A media folder of the test's own, and a second one for the machine the plan moves to."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


@pytest.fixture
def reported(db, media):
    """The national example with 2025 values of the statistics bureau in every state: a draft,
    a submitted value, one returned with a comment, two approved (one with a bulletin attached),
    and the example's own values dated a year back."""
    install_demo()
    plan = Plan.objects.get(slug=EXAMPLE_SLUG)
    clerk, reviewer = user("clerk_nbs"), user("reviewer")
    round_ = ReportingRound.objects.get(plan=plan, period="2025")
    ind = {i.code: i for i in plan.indicators.all()}
    History.objects.update(history_date=F("history_date") - datetime.timedelta(days=365))
    values.save(clerk, ind["N04"], round_, "8.0")  # draft
    values.submit(clerk, values.save(clerk, ind["N06"], round_, "10.2"))
    returned = values.submit(clerk, values.save(clerk, ind["N09"], round_, "11.0"))
    values.send_back(reviewer, returned, "请按第七次人口普查口径核实")
    approved = values.submit(clerk, values.save(clerk, ind["N19"], round_, "７．０６", explanation="据统计公报"))
    approved = values.approve(reviewer, approved)
    values.approve(reviewer, values.submit(clerk, values.save(clerk, ind["N20"], round_, "50.1")))
    Evidence.objects.create(value=approved, file=SimpleUploadedFile("粮食产量公报.pdf", PDF), uploaded_by=clerk)
    return plan


MONTH = datetime.timedelta(days=30)


@pytest.fixture
def planned(reported):
    """The reported example with the rest of what belongs to a plan: a key task whose
    cooperating departments changed (one link removed) and a major project with investment,
    milestones and updates (one with an evidence file); a task deleted; a supervision item on
    the project answered with a rectification report and evidence, sent back, answered again
    and closed, and another one raised while overdue (a record with no user); a reminder sent;
    a yearly target the planning office set and then changed. The records of all of them are
    dated a month back."""
    plan = reported
    planner, clerk, clerk_mee = user("planner"), user("clerk_nbs"), user("clerk_mee")
    nbs, mee = Department.objects.get(code="nbs"), Department.objects.get(code="mee")
    ndrc = Department.objects.create(code="ndrc", name="国家发展和改革委员会")  # named only by a task's history
    with signed_in(planner):
        task = Task.objects.create(plan=plan, position=1, code="T01", chapter="第二篇 创新驱动", lead=nbs,
                                   text="建设统计数据共享平台", start=day(2021, 1, 1),
                                   due=day(2025, 12, 31))  # fmt: skip
        task.cooperating.set([mee, ndrc])
        task.cooperating.remove(ndrc)  # this link, and the department, are left only in the history
        project = Task.objects.create(plan=plan, position=2, code="P01", text="建设生态监测网络", lead=mee,
                                      start=day(2021, 3, 1), due=day(2024, 12, 31), planned_investment=120.5,
                                      planned_start=day(2021, 3, 1), planned_completion=day(2024, 12, 31),
                                      actual_start=day(2021, 6, 15), note="重大项目")  # fmt: skip
        project.cooperating.set([nbs])
        Milestone.objects.create(task=task, year=2023, text="平台上线试运行")
        milestone = Milestone.objects.create(task=project, year=2022, text="主体工程开工")
        gone = Task.objects.create(plan=plan, position=3, code="T02", text="已撤销的任务", lead=nbs,
                                   start=day(2021, 1, 1), due=day(2022, 12, 31))  # fmt: skip
        Milestone.objects.create(task=gone, year=2022, text="撤销前的节点")
        gone.delete()
    with signed_in(clerk_mee):
        milestone.done_on, milestone._change_reason = day(2022, 5, 20), "进度报告"
        milestone.save()
        ProgressUpdate.objects.create(task=project, reported_on=day(2023, 6, 30), percent=40,
                                      investment_completed=45.5, narrative="完成站点选址",
                                      reported_by=clerk_mee)  # fmt: skip
        ProgressUpdate.objects.create(task=project, reported_on=day(2024, 6, 30), percent=70,
                                      investment_completed=88.0, narrative="站点建成七成", reported_by=clerk_mee,
                                      evidence=SimpleUploadedFile("项目进度报告.pdf", PDF))  # fmt: skip
    with signed_in(clerk):
        ProgressUpdate.objects.create(task=task, reported_on=day(2024, 12, 31), percent=30, narrative="需求调研完成",
                                      reported_by=clerk)  # fmt: skip

    with signed_in(planner):
        item = service.open_item(planner, plan, department=mee, findings="站点建设滞后于计划",
                                 requirement="报送整改方案并加快建设", deadline=day(2026, 3, 31),
                                 opened_on=day(2026, 1, 5), task=project)  # fmt: skip
    with signed_in(clerk_mee):
        service.answer(clerk_mee, item, "已调整施工计划", [SimpleUploadedFile("整改报告.pdf", REPORT)])
    with signed_in(planner):
        service.send_back(planner, item, "请补充施工合同")
    with signed_in(clerk_mee):
        service.answer(clerk_mee, item, "已补充施工合同", [SimpleUploadedFile("施工合同.pdf", PDF)])
    with signed_in(planner):
        service.close(planner, item, "同意销号", on=day(2026, 3, 20))
        service.open_item(planner, plan, department=nbs, findings="数据报送迟缓", requirement="按时报送",
                          deadline=day(2026, 2, 10), opened_on=day(2026, 1, 10),
                          indicator=plan.indicators.get(code="N09"), rule="late_reporting")  # fmt: skip
    service.escalate_overdue(day(2026, 2, 20), EscalationSettings(escalation_days=5), plan)  # 10 days: level 2

    round_ = plan.rounds.get(period="2025")
    Reminder.objects.create(round=round_, department=nbs, day=round_.deadline - datetime.timedelta(days=7),
                            kind="before", recipients="clerk@nbs.example\nchief@nbs.example")  # fmt: skip
    with signed_in(planner):
        target, _ = AnnualTarget.objects.update_or_create(
            indicator=plan.indicators.get(code="N02"), year=2024,
            defaults={"target_text": "5%左右", "source": "年度计划", "set_by": planner},
        )  # fmt: skip
        target.target_text, target._change_reason = "4.5%以上", "据年度计划调整"
        target.save()
    for model in (AnnualTarget, Task, Milestone, ProgressUpdate, SupervisionItem, Rectification):
        model.history.model.objects.update(history_date=F("history_date") - MONTH)
    return plan


@contextmanager
def signed_in(person):
    """Changes recorded as made by ``person``, as the site's history middleware records them."""
    HistoricalRecords.context.request = SimpleNamespace(user=person)
    try:
        yield
    finally:
        del HistoricalRecords.context.request


INDICATOR = ("position", "code", "name", "unit", "aspect", "attribute", "direction", "base_year", "base_value",
             "base_estimated", "target_text", "target_year", "frequency", "department__code", "department__name",
             "note")  # fmt: skip
TARGET = ("indicator__code", "year", "target_text", "source", "set_by__username", "updated_at")
VALUE = ("indicator__code", "period", "round__period", "value", "raw", "state", "explanation", "review_comment",
         "vintage", "source", "note", "version", "updated_by__username", "updated_at")  # fmt: skip
TASK = ("code", "position", "chapter", "text", "lead__code", "start", "due", "planned_investment", "planned_start",
        "planned_completion", "actual_start", "actual_completion", "note")  # fmt: skip
MILESTONE = ("task__code", "year", "text", "done_on")
UPDATE = ("task__code", "reported_on", "percent", "investment_completed", "narrative", "reported_by__username",
          "created_at")  # fmt: skip
ITEM = ("year", "sequence", "kind", "opened_on", "findings", "requirement", "department__code", "deadline",
        "indicator__code", "task__code", "rule", "state", "escalation_level", "office_comment", "closed_on",
        "opened_by__username", "updated_by__username", "updated_at")  # fmt: skip
RECTIFICATION = ("item__year", "item__sequence", "text", "submitted_by__username", "submitted_at")
REMINDER = ("round__period", "department__code", "day", "kind", "recipients", "sent_at")
HISTORIES = {"target_history": (AnnualTarget, "indicator__plan"), "value_history": (Value, "indicator__plan"),
             "task_history": (Task, "plan"), "milestone_history": (Milestone, "task__plan"),
             "progress_update_history": (ProgressUpdate, "task__plan"),
             "supervision_item_history": (SupervisionItem, "plan"),
             "rectification_history": (Rectification, "item__plan")}  # fmt: skip
"""The records a plan file carries: of the rows of the plan's indicators, tasks and items."""


def names_here() -> dict:
    """This database's ids → the names a plan file writes, per referred model."""
    return {
        get_user_model(): dict(get_user_model().objects.values_list("pk", "username")),
        Department: dict(Department.objects.values_list("pk", "code")),
        Indicator: dict(Indicator.objects.values_list("pk", "code")),
        ReportingRound: dict(ReportingRound.objects.values_list("pk", "period")),
        Task: dict(Task.objects.values_list("pk", "code")),
        SupervisionItem: {
            pk: (year, n) for pk, year, n in SupervisionItem.objects.values_list("pk", "year", "sequence")
        },
        Plan: dict(Plan.objects.values_list("pk", "slug")),
    }


def history(model, plan: Plan, lookup: str) -> list[tuple]:
    """The records of the plan's rows of ``model``, oldest first, with every field: references
    by name (the records' own are not foreign keys the database checks: looked up by hand), the
    row a record is of by the order it first appears, and for a task the cooperating
    departments the record keeps."""
    names, historical, rows = names_here(), model.history.model, {}
    records = []
    for record in historical.objects.filter(**{lookup: plan}).order_by("history_id"):
        fields = []
        for model_field in historical._meta.concrete_fields:
            value = getattr(record, model_field.attname)
            if model_field.name == "id":
                value = rows.setdefault(value, len(rows))
            elif model_field.is_relation:
                value = names[model_field.related_model].get(value)
            if model_field.name != "history_id":
                fields.append((model_field.name, value))
        if model is Task:
            links = TaskLinks.objects.filter(history_id=record.history_id)
            fields.append(("cooperating", sorted(names[Department][link.department_id] for link in links)))
        records.append(tuple(fields))
    return records


def files(rows, field: str) -> list[tuple[str, bytes]]:
    """The own name and the bytes of each row's file ``field`` (none for an empty one)."""
    out = []
    for row in rows:
        file = getattr(row, field)
        if file:
            with file.open("rb") as opened:
                out.append((PurePosixPath(file.name).name, opened.read()))
    return out


def snapshot(plan: Plan) -> dict:
    """Everything the backup must carry, without the ids of this database."""
    domain = domain_plan(plan)
    evaluations = {
        (method, as_of, states): evaluation_to_dict(
            evaluate(domain, observations(plan, states), parse_period(as_of), method)
        )
        for method in available_methods()
        for as_of in AS_OF
        for states in ((ValueState.APPROVED,), tuple(ValueState))
    }
    evidence = Evidence.objects.filter(value__indicator__plan=plan).select_related("value__indicator", "uploaded_by")
    tasks = plan.tasks.order_by("code")
    updates = ProgressUpdate.objects.filter(task__plan=plan).order_by("task__code", "reported_on")
    rectifications = Rectification.objects.filter(item__plan=plan).order_by("item__year", "item__sequence", "pk")
    return {
        "evaluations": evaluations,
        "plan": Plan.objects.filter(pk=plan.pk).values("slug", "title", "region", "base_year", "end_year")[0],
        "indicators": list(plan.indicators.values_list(*INDICATOR)),
        "targets": list(
            AnnualTarget.objects.filter(indicator__plan=plan).order_by("indicator__code", "year").values_list(*TARGET)
        ),
        "rounds": list(plan.rounds.values_list("period", "opens", "deadline", "state")),
        "values": list(
            Value.objects.filter(indicator__plan=plan).order_by("indicator__position", "period").values_list(*VALUE)
        ),
        "evidence": [
            (
                e.value.indicator.code,
                e.value.period,
                PurePosixPath(e.file.name).name,
                e.file.read(),
                e.uploaded_by.username,
                e.uploaded_at,
            )
            for e in evidence
        ],
        "tasks": list(tasks.values_list(*TASK)),
        "cooperating": [(t.code, sorted(t.cooperating.values_list("code", flat=True))) for t in tasks],
        "milestones": list(Milestone.objects.filter(task__plan=plan).order_by(*MILESTONE).values_list(*MILESTONE)),
        "updates": list(updates.values_list(*UPDATE)),
        "update_evidence": files(updates, "evidence"),
        "assessments": [assess_task(t, on) for on in ASSESSED_ON for t in domain_tasks(plan.tasks.all())],
        "items": list(SupervisionItem.objects.filter(plan=plan).order_by("year", "sequence").values_list(*ITEM)),
        "rectifications": list(rectifications.values_list(*RECTIFICATION)),
        "rectification_files": [
            (f.name, *files([f], "file"))
            for f in RectificationFile.objects.filter(rectification__item__plan=plan).order_by(
                "rectification__submitted_at", "pk"
            )
        ],  # fmt: skip
        "reminders": list(Reminder.objects.filter(round__plan=plan).values_list(*REMINDER)),
        **{part: history(model, plan, lookup) for part, (model, lookup) in HISTORIES.items()},
    }


def flush() -> None:
    """Empty every table, as on a new machine (inside the test's transaction, rolled back after)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # TRUNCATE needs the deferred key checks done first
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)


VERSION_2_PARTS = ("tasks", "milestones", "progress_updates", "supervision_items", "rectifications", "reminders",
                   "task_history", "milestone_history", "progress_update_history", "supervision_item_history",
                   "rectification_history")  # fmt: skip
COUNTED = (Plan, Indicator, AnnualTarget, TargetHistory, ReportingRound, Value, History, Evidence, Department,
           get_user_model(), Task, Task.history.model, Task.cooperating.through, TaskLinks, Milestone,
           Milestone.history.model, ProgressUpdate, ProgressUpdate.history.model, SupervisionItem,
           SupervisionItem.history.model, Rectification, Rectification.history.model, RectificationFile,
           Reminder)  # fmt: skip


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def export(slug: str, path: Path) -> Path:
    call_command("export_plan", slug, "--out", str(path), stdout=io.StringIO())
    return path


def import_(path: Path, *options: str) -> str:
    """Run import_plan; what it would do once its transaction commits (the files moved into
    place) done too, as the test's own transaction around it never commits."""
    out = io.StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("import_plan", str(path), *options, stdout=out)
    return out.getvalue()


def refused(path: Path, *options: str) -> str:
    with pytest.raises(CommandError) as error:
        import_(path, *options)
    assert error.value.returncode == 2
    return str(error.value)


def rewrite(path: Path, change) -> Path:
    """The file at ``path`` with ``change(content)`` applied and its checksum made right again."""
    document = json.loads(path.read_bytes())
    change(document["content"])
    document["sha256"] = checksum(document["content"])
    changed = path.with_name(f"changed-{path.name}")
    write_backup(document, changed)
    return changed


@pytest.mark.parametrize("name", ["plan.json", "plan.json.gz"])
def test_it_restores_a_plan_into_an_empty_database_with_the_same_evaluation_values_history_and_evidence(
    planned, media, settings, name
):
    before = snapshot(planned)
    path = export(EXAMPLE_SLUG, media / name)
    flush()
    assert {n: c for n, c in counts().items() if c} == {}  # truly empty: no plan, user or department left
    settings.MEDIA_ROOT = media / "media-elsewhere"  # the machine the plan moves to

    out = import_(path)

    plan = Plan.objects.get(slug=EXAMPLE_SLUG)
    after = snapshot(plan)
    for part in before:
        assert after[part] == before[part], part
    # what was compared is what the test set up: 81 example values + 5 of 2025, in every state
    assert [(v[0], v[4], v[5], v[7]) for v in after["values"] if v[1] == "2025" and v[0] in {"N04", "N06", "N09"}] == [
        ("N04", "8.0", "draft", ""),
        ("N06", "10.2", "submitted", ""),
        ("N09", "11.0", "returned", "请按第七次人口普查口径核实"),
    ]
    # history: 81 example records + draft (1) + submitted (2) + returned (3) + approved (3 each, twice)
    assert len(after["value_history"]) == 81 + 1 + 2 + 3 + 3 + 3
    # the example's 5 yearly targets of N01 as stored with the plan, and N02 2024 set, then changed
    assert len(after["target_history"]) == 5 + 2
    assert after["targets"][5] == ("N02", 2024, "4.5%以上", "年度计划", "planner", before["targets"][5][5])
    changed = dict(after["target_history"][-1])
    assert (changed["history_type"], changed["history_user"], changed["history_change_reason"]) == (
        "~", "planner", "据年度计划调整"
    )  # fmt: skip
    assert after["evidence"][0][2:4] == ("粮食产量公报.pdf", PDF)
    n19 = next(r for r in after["evaluations"]["time_progress", "2025", (ValueState.APPROVED,)]["indicators"]
               if r["code"] == "N19")  # fmt: skip
    assert n19["latest_period"] == "2025"  # the approved ７．０６ counts in the evaluation
    assert (
        "imported plan cn-14th-fyp" in out and "created inactive users: clerk_mee, clerk_nbs, planner, reviewer" in out
    )
    assert not user("reviewer").is_active and not user("reviewer").has_usable_password()


def test_it_restores_the_tasks_supervision_items_and_reminders_of_a_plan(planned, media, settings):
    before = snapshot(planned)
    path = export(EXAMPLE_SLUG, media / "plan.json")
    flush()
    settings.MEDIA_ROOT = media / "media-elsewhere"
    progress = [line for line in import_(path).splitlines() if line.startswith("stored ")]
    after = snapshot(Plan.objects.get(slug=EXAMPLE_SLUG))
    assert after == before
    # every row counted: 212 of the reported example + 19 rows (1 yearly target, 2 tasks with 2
    # links, 2 milestones, 3 updates, 2 items, 2 reports with 2 files, 1 reminder) + 26 records
    # (2 of the yearly target; 7 of tasks: T01 +~~, P01 +~, T02 +- holding 0+2+1 and 0+1 links;
    # 3 of milestones: T01 +, P01 +~; 3 of updates; 7 of items: 5 steps and 2; 2 of reports)
    # = 212 + 19 + 2 + 7 + 4 + 3 + 3 + 7 + 2 = 257
    assert progress[-1] == "stored 257 of 257 rows"
    # the tasks: T01 with one cooperating department left, the project with its investment
    assert after["cooperating"] == [("P01", ["nbs"]), ("T01", ["mee"])]
    assert after["tasks"][0][:8] == ("P01", 2, "", "建设生态监测网络", "mee", day(2021, 3, 1), day(2024, 12, 31), 120.5)
    assert after["milestones"] == [
        ("P01", 2022, "主体工程开工", day(2022, 5, 20)),
        ("T01", 2023, "平台上线试运行", None),
    ]
    assert after["update_evidence"] == [("项目进度报告.pdf", PDF)]
    # P01 on 2024-06-30: 70 % done; 88.0 of 120.5 (100 million yuan) invested = 0.7303
    project = next(a for a in after["assessments"] if a.code == "P01" and a.percent == 70)
    assert project.investment_share == pytest.approx(88.0 / 120.5)
    # T01's records: created (no links yet), linked twice (set), one link removed; T02's closed by "-"
    tasks = {code: [r for r in map(dict, after["task_history"]) if r["code"] == code] for code in ("T01", "T02")}
    assert [r["cooperating"] for r in tasks["T01"]] == [[], ["mee", "ndrc"], ["mee"]]
    assert [r["history_type"] for r in tasks["T02"]] == ["+", "-"]
    assert {r["history_user"] for r in tasks["T01"] + tasks["T02"]} == {"planner"}
    assert all(r["history_date"] < timezone.now() - MONTH + datetime.timedelta(hours=1) for r in tasks["T01"])
    # the supervision items keep their numbers, 督办〔2026〕1号 and 2号, states and who did what
    assert [item[:2] + item[11:13] for item in after["items"]] == [(2026, 1, "closed", 0), (2026, 2, "open", 2)]
    item = [r for r in map(dict, after["supervision_item_history"]) if r["sequence"] == 1]
    assert [(r["state"], r["history_user"], r["history_change_reason"]) for r in item] == [
        ("open", "planner", "立项督办"),
        ("answered", "clerk_mee", "报送第 1 次整改报告"),
        ("returned", "planner", "请补充施工合同"),
        ("answered", "clerk_mee", "报送第 2 次整改报告"),
        ("closed", "planner", "同意销号"),
    ]
    raised = [r for r in map(dict, after["supervision_item_history"]) if r["sequence"] == 2][-1]
    assert (raised["escalation_level"], raised["history_user"]) == (2, None)  # raised by nobody
    assert [(name, content) for name, (_, content) in after["rectification_files"]] == [
        ("整改报告.pdf", REPORT), ("施工合同.pdf", PDF)
    ]  # fmt: skip
    assert after["reminders"] == before["reminders"] and len(after["reminders"]) == 1


def test_it_reports_progress_after_every_batch(reported, media):
    path = export(EXAMPLE_SLUG, media / "plan.json")
    flush()
    lines = import_(path).splitlines()
    progress = [line for line in lines if line.startswith("stored ")]
    # 1 plan + 1 round + 20 indicators + 5 yearly targets + 86 values + 1 evidence + 93 value records
    # + 5 yearly-target records = 212
    assert progress[-1] == "stored 212 of 212 rows"
    assert progress[:4] == ["stored 1 of 212 rows", "stored 2 of 212 rows", "stored 22 of 212 rows",
                            "stored 27 of 212 rows"]  # fmt: skip
    assert len(progress) == 8  # one batch each (all < BATCH_ROWS): no line for a part without rows
    assert BATCH_ROWS > 93


def test_it_keeps_the_records_of_a_deleted_value_apart_from_every_value(reported, media):
    gone = Value.objects.get(indicator__code="N04", period="2025")
    gone.delete()  # a "-" record now closes its history
    before = snapshot(reported)
    path = export(EXAMPLE_SLUG, media / "plan.json")
    flush()
    import_(path)
    plan = Plan.objects.get(slug=EXAMPLE_SLUG)
    assert snapshot(plan)["value_history"] == before["value_history"]
    [deleted_id] = History.objects.filter(history_type="-").values_list("id", flat=True)
    assert not Value.objects.filter(pk=deleted_id).exists()
    new = Value.objects.create(indicator=plan.indicators.get(code="N04"), period="2026", value=1)
    assert new.pk != deleted_id  # a value made later does not take the deleted one's records over


def test_it_replaces_a_plan_of_the_same_slug_only_when_asked(planned, media, django_capture_on_commit_callbacks):
    before, rows = snapshot(planned), counts()
    path = export(EXAMPLE_SLUG, media / "plan.json")
    assert "already in the database: import with --replace" in refused(path)
    assert counts() == rows
    with django_capture_on_commit_callbacks(execute=True):
        import_(path, "--replace")
    assert snapshot(Plan.objects.get(slug=EXAMPLE_SLUG)) == before
    # the old plan's rows, records, links and files went with it, and the two records of the
    # deleted task's milestone, which files do not carry
    assert counts() == rows | {"HistoricalMilestone": rows["HistoricalMilestone"] - 2}
    # the same files, kept: a value's evidence, an update's, two of rectification reports
    assert len(list((media / "media").rglob("*.pdf"))) == 4


def test_it_refuses_a_changed_file(world, media):
    path = export("synthetic", media / "plan.json")
    world.plan.delete()
    rows = counts()
    document = json.loads(path.read_bytes())
    document["content"]["values"][0]["raw"] = "420"  # the checksum is left as it was
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert "checksum mismatch" in refused(path)
    assert counts() == rows


def test_it_refuses_an_unknown_format_version(world, media):
    path = export("synthetic", media / "plan.json")
    world.plan.delete()
    rows = counts()
    document = json.loads(path.read_bytes())
    document["version"] = 4
    path.write_text(json.dumps(document), encoding="utf-8")
    assert "format version 4 is unknown; this planeval reads versions 1, 2, 3" in refused(path)
    assert counts() == rows


def test_it_refuses_a_file_that_is_not_a_plan_file(world, media):
    path = media / "other.json"
    path.write_text('{"format": "something-else", "version": 1}', encoding="utf-8")
    assert "not a planeval plan file (format 'something-else'" in refused(path)


@pytest.mark.parametrize("name", ["plan.json", "plan.json.gz"])
def test_it_refuses_a_file_cut_short(world, media, name):
    path = export("synthetic", media / name)
    world.plan.delete()
    rows = counts()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert "not a complete plan file, cut short or damaged" in refused(path)
    assert counts() == rows


def test_it_refuses_a_compressed_file_damaged_in_the_middle(world, media):
    path = export("synthetic", media / "plan.json.gz")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    assert "not a complete plan file, cut short or damaged (" in refused(path)


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_it_refuses_a_number_json_does_not_have(world, media, number):
    path = export("synthetic", media / "plan.json")
    text = path.read_text(encoding="utf-8")
    assert text.count('"value": 42.0') == 2  # A1's 2021 value and its record
    path.write_text(text.replace('"value": 42.0', f'"value": {number}', 1), encoding="utf-8")
    message = refused(path)
    assert "not a complete plan file, cut short or damaged (" in message
    assert "is not a number JSON allows)" in message or "1e999 is too large a number)" in message


def test_it_refuses_a_file_nested_too_deeply(db, media):
    path = media / "deep.json"
    path.write_bytes(b'{"format": "planeval-plan", "version": 3, "content": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    assert refused(path).endswith("deep.json: not a plan file: nested too deeply to be read")


@pytest.mark.parametrize("written", ["../../../outside.pdf", "/tmp/planeval-outside.pdf"])
def test_it_writes_no_file_outside_the_media_folder(world, personas, media, settings, written):
    value = values.save(user("clerk_a"), world.indicator_a, world.round, "43")
    Evidence.objects.create(value=value, file=SimpleUploadedFile("公报.pdf", PDF), uploaded_by=user("clerk_a"))
    path = export("synthetic", media / "plan.json")
    world.plan.delete()
    settings.MEDIA_ROOT = media / "site" / "media"
    changed = rewrite(path, lambda content: content["values"][-1]["evidence"][0].update(path=written))
    assert "is not a file's path inside evidence/ in the media folder" in refused(changed)
    assert not Path("/tmp/planeval-outside.pdf").exists()
    assert [p.name for p in media.rglob("*.pdf")] == ["公报.pdf"]  # the one exported, in the first media folder


def test_it_names_a_missing_file(db, media):
    assert "cannot be read (No such file or directory)" in refused(media / "missing.json")


def test_it_stores_nothing_when_a_department_differs_here(world, personas, media):
    path = export("synthetic", media / "plan.json")
    world.plan.delete()
    get_user_model().objects.filter(username="clerk_a").delete()  # would be created again
    Department.objects.filter(code="dept-b").update(name="丙局")
    values_path = rewrite(path, lambda content: content["users"].append("clerk_a"))
    rows = counts()
    assert "department 'dept-b' is 丙局 here but 乙局 in the file" in refused(values_path)
    assert counts() == rows  # the user made before the departments were checked is gone again


def test_it_names_the_row_and_field_of_a_user_the_file_does_not_hold(world, personas, media, settings):
    value = values.save(user("clerk_a"), world.indicator_a, world.round, "43")
    Evidence.objects.create(value=value, file=SimpleUploadedFile("公报.pdf", PDF), uploaded_by=user("clerk_a"))
    path = export("synthetic", media / "plan.json")
    world.plan.delete()
    rows = counts()
    settings.MEDIA_ROOT = media / "media-elsewhere"
    broken = rewrite(path, lambda content: content["value_history"][-1].update(history_user="nobody"))
    message = refused(broken)
    assert "value_history row 2 (A1 2022 of 20" in message  # the records of A1 2021 and A1 2022
    assert "field history_user: names user 'nobody' (username), which is not among the file's users" in message
    assert counts() == rows
    assert not (media / "media-elsewhere").exists()  # checked before anything was written


def test_it_stores_nothing_and_no_file_when_the_database_refuses_a_late_row(world, personas, media, settings,
                                                                            monkeypatch):  # fmt: skip
    value = values.save(user("clerk_a"), world.indicator_a, world.round, "43")
    Evidence.objects.create(value=value, file=SimpleUploadedFile("公报.pdf", PDF), uploaded_by=user("clerk_a"))
    path = export("synthetic", media / "plan.json")
    world.plan.delete()
    rows = counts()
    settings.MEDIA_ROOT = media / "media-elsewhere"

    def refuse(state, part):  # as a database refuses a row the checks let through (another site's rule)
        raise IntegrityError("CHECK constraint failed: a rule of this database only")

    monkeypatch.setattr(backup_restore, "_store_records", refuse)
    message = refused(path)
    assert message.endswith("plan.json: the database refused the plan: CHECK constraint failed: a rule of this "
                            "database only")  # fmt: skip
    assert counts() == rows
    assert (media / "media-elsewhere").is_dir()  # made for the evidence staged,
    assert [p for p in (media / "media-elsewhere").rglob("*") if p.is_file()] == []  # which is gone


def test_it_names_a_missing_field(world, media):
    path = export("synthetic", media / "plan.json")
    world.plan.delete()
    broken = rewrite(path, lambda content: content["values"][0].pop("state"))
    assert "misses the field 'state'" in refused(broken)


@pytest.mark.parametrize(
    ("files", "owner"),
    [
        (lambda: Evidence.objects.all(), "value N19 2025 = 7.06"),
        (lambda: ProgressUpdate.objects.exclude(evidence=""), "progress update of P01 建设生态监测网络"),
        (
            lambda: RectificationFile.objects.filter(name="施工合同.pdf"),
            "rectification report of Supervision 〔2026〕 No. 1",
        ),
    ],
)
def test_it_names_a_file_it_cannot_read_on_export(planned, media, files, owner):
    [row] = files()
    file = row.evidence if isinstance(row, ProgressUpdate) else row.file
    Path(file.path).unlink()
    with pytest.raises(CommandError) as error:
        export(EXAMPLE_SLUG, media / "plan.json")
    assert f"file {file.name} of the {owner} cannot be read" in str(error.value)
    assert not (media / "plan.json").exists()


def test_it_names_an_unknown_plan_on_export(world, media):
    with pytest.raises(CommandError, match="no plan 'other' \\(plans here: synthetic\\)"):
        export("other", media / "plan.json")


def test_it_writes_the_format_name_version_and_checksum_first(world, media):
    path = export("synthetic", media / "plan.json.gz")
    document = json.loads(gzip.decompress(path.read_bytes()))
    assert list(document)[:3] == ["format", "version", "sha256"]
    assert (document["format"], document["version"]) == ("planeval-plan", 3)
    assert document["sha256"] == checksum(read_backup(path))
    assert [i["code"] for i in document["content"]["indicators"]] == ["A1", "B1"]


def test_it_restores_from_python_with_progress(world, media):
    document = export_plan(world.plan)
    world.plan.delete()
    seen = []
    restored = restore_plan(document["content"], progress=lambda stored, total: seen.append((stored, total)))
    # 1 plan + 1 round + 2 indicators + 1 value (A1 2021) + 1 record of it = 6 rows
    assert seen[-1] == (6, 6) and restored.rows == 6 and restored.plan.slug == "synthetic"


def test_it_refuses_to_replace_a_plan_holding_rows_the_file_does_not_carry(planned, media, monkeypatch):
    """Rows of a model plan files do not carry (here the reminders, as if the files left them
    out, as a part of the site added later would be) stop a replace, and are named on export."""
    path = export(EXAMPLE_SLUG, media / "plan.json")
    assert uncarried(planned) == {}
    monkeypatch.setattr(backup_export, "CARRIED", tuple(m for m in backup_export.CARRIED if m is not Reminder))
    rows = counts()
    assert "also holds 1 reminders, which plan files do not carry" in refused(path, "--replace")
    assert counts() == rows
    out = io.StringIO()
    call_command("export_plan", EXAMPLE_SLUG, "--out", str(media / "again.json"), stdout=out)
    assert "not in the file (plan files do not carry them): 1 reminders" in out.getvalue()  # said on export too


def test_it_reads_a_version_1_file_which_has_no_tasks_supervision_or_reminders(reported, media, settings):
    before = snapshot(reported)
    content = export_plan(reported)["content"]
    for part in VERSION_2_PARTS:
        assert content.pop(part) == []  # the reported example has none of them
    path = media / "plan-v1.json"
    write_backup({"format": "planeval-plan", "version": 1, "sha256": checksum(content), "content": content}, path)
    flush()
    settings.MEDIA_ROOT = media / "media-elsewhere"
    assert {part: read_backup(path)[part] for part in VERSION_2_PARTS} == dict.fromkeys(VERSION_2_PARTS, [])
    import_(path)
    assert snapshot(Plan.objects.get(slug=EXAMPLE_SLUG)) == before


def test_it_reads_a_version_2_file_whose_tasks_are_not_continuous_and_items_have_no_sent_back_date(
    planned, media, settings
):
    before = snapshot(planned)
    content = export_plan(planned)["content"]
    assert {i["sequence"] for i in content["supervision_items"] if i["returned_on"]} == {1}  # sent back once
    for part, field in (("tasks", "continuous"), ("task_history", "continuous"), ("supervision_items", "returned_on"),
                        ("supervision_item_history", "returned_on")):  # fmt: skip
        for row in content[part]:
            del row[field]
    path = media / "plan-v2.json"
    write_backup({"format": "planeval-plan", "version": 2, "sha256": checksum(content), "content": content}, path)
    flush()
    settings.MEDIA_ROOT = media / "media-elsewhere"
    import_(path)
    after = snapshot(Plan.objects.get(slug=EXAMPLE_SLUG))
    assert (after["tasks"], after["items"], after["values"]) == (before["tasks"], before["items"], before["values"])
    assert set(Task.objects.values_list("continuous", flat=True)) == {False}
    assert set(SupervisionItem.objects.values_list("returned_on", flat=True)) == {None}


def test_it_keeps_the_records_of_a_deleted_task_and_a_removed_link_apart(planned, media):
    path = export(EXAMPLE_SLUG, media / "plan.json")
    flush()
    import_(path)
    plan, ndrc = Plan.objects.get(slug=EXAMPLE_SLUG), Department.objects.get(code="ndrc")
    task, links = plan.tasks.get(code="T01"), Task.cooperating.through.objects
    latest = Task.history.model.objects.filter(id=task.pk).latest("history_id")
    assert list(TaskLinks.objects.filter(history=latest).values_list("id", flat=True)) == [links.get(task=task).pk]
    [removed] = TaskLinks.objects.filter(task_id=task.pk, department_id=ndrc.pk).values_list("id", flat=True).distinct()
    [deleted] = Task.history.model.objects.filter(history_type="-").values_list("id", flat=True)
    assert not links.filter(pk=removed).exists() and not Task.objects.filter(pk=deleted).exists()
    new = Task.objects.create(
        plan=plan, code="T03", text="新任务", lead=ndrc, start=day(2025, 1, 1), due=day(2025, 12, 31)
    )
    new.cooperating.add(ndrc)
    # the ids were taken from the database's sequence: rows made later never get them, nor their records
    assert deleted < new.pk and removed < links.get(task=new).pk


def test_it_writes_a_file_under_another_name_when_its_name_is_taken(planned, media):
    path = export(EXAMPLE_SLUG, media / "plan.json")
    [written] = [u["evidence"] for u in read_backup(path)["progress_updates"] if u["evidence"]]
    flush()  # the media folder keeps its files: their names are taken
    import_(path)
    update = ProgressUpdate.objects.exclude(evidence="").get()
    assert update.evidence.name != written and update.evidence.read() == PDF
    records = ProgressUpdate.history.model.objects.filter(id=update.pk).exclude(evidence="")
    assert {r.evidence for r in records} == {update.evidence.name}  # the records name the file here


def test_it_names_a_file_by_another_name_when_its_name_was_taken_before_the_commit(planned, media, settings):
    path = export(EXAMPLE_SLUG, media / "plan.json")
    [written] = [u["evidence"] for u in read_backup(path)["progress_updates"] if u["evidence"]]
    flush()
    settings.MEDIA_ROOT = media / "media-elsewhere"
    with TestCase.captureOnCommitCallbacks() as on_commit:
        call_command("import_plan", str(path), stdout=io.StringIO())
    taken = media / "media-elsewhere" / written  # an upload of the same name, before the files are moved
    assert not taken.exists()
    taken.parent.mkdir(parents=True, exist_ok=True)
    taken.write_bytes(b"uploaded meanwhile")
    for callback in on_commit:
        callback()
    update = ProgressUpdate.objects.exclude(evidence="").get()
    assert update.evidence.name != written and update.evidence.read() == PDF
    assert taken.read_bytes() == b"uploaded meanwhile"
    records = ProgressUpdate.history.model.objects.filter(id=update.pk).exclude(evidence="")
    assert {r.evidence for r in records} == {update.evidence.name}  # the records name it too


def test_it_raises_backup_error_from_python(world):
    with pytest.raises(BackupError, match="already in the database"):
        restore_plan(export_plan(world.plan)["content"])


def test_it_carries_every_field_of_the_rows_it_holds(planned, media):
    """A field added to a model without being carried would be lost on the way, as would the
    rows of a model added to a plan: this fails then."""
    content = export_plan(planned)["content"]

    def fields(model, *skipped: str) -> set[str]:
        return {f.name for f in model._meta.concrete_fields} - {"id", *skipped}

    def first(part: str) -> set[str]:
        assert content[part], part  # the test compares a row of every part
        return set(content[part][0])

    assert fields(Plan) <= set(content["plan"])
    assert fields(Department) <= set(content["departments"][0])
    assert fields(ReportingRound, "plan") <= first("rounds")
    assert fields(Indicator, "plan") <= first("indicators")
    assert fields(AnnualTarget) <= first("annual_targets")
    assert fields(Value) <= first("values")
    [evidence] = [e for v in content["values"] for e in v["evidence"]]
    assert fields(Evidence, "value", "file") | {"path", "content"} <= set(evidence)
    assert fields(Task, "plan") <= first("tasks")
    links = [link for task in content["tasks"] for link in task["cooperating"]]
    assert fields(Task.cooperating.through, "task") | {"key"} <= set(links[0])
    assert fields(Milestone) <= first("milestones")
    assert fields(ProgressUpdate) | {"evidence_content"} <= first("progress_updates")
    assert fields(SupervisionItem, "plan") <= first("supervision_items")
    assert fields(Rectification) <= first("rectifications")
    files = [f for r in content["rectifications"] for f in r["files"]]
    assert fields(RectificationFile, "rectification", "file") | {"path", "content"} <= set(files[0])
    assert fields(Reminder) <= first("reminders")
    for part, (model, _) in HISTORIES.items():
        assert fields(model.history.model, "history_id", "plan") <= first(part), part
    record_links = [link for record in content["task_history"] for link in record["cooperating"]]
    assert fields(TaskLinks, "m2m_history_id", "history", "task") | {"key"} <= set(record_links[0])
    # every model whose rows go with a plan is one of those above
    assert set(backup_export.CARRIED) == {Plan, ReportingRound, Indicator, AnnualTarget, Value, Evidence, Task,
                                          Task.cooperating.through, Milestone, ProgressUpdate, SupervisionItem,
                                          Rectification, RectificationFile, Reminder}  # fmt: skip
    assert uncarried(planned) == {}
