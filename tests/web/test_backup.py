"""A plan written to one file and stored again (planeval.web.core.backup, export_plan,
import_plan): the same evaluation, values, history and evidence; refused files change nothing."""

from __future__ import annotations

import datetime
import gzip
import io
import json
from pathlib import Path, PurePosixPath

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import F

from planeval.domain.period import parse_period
from planeval.errors import BackupError
from planeval.evaluate import evaluate
from planeval.io.export import evaluation_to_dict
from planeval.methods import available_methods
from planeval.web.core import values
from planeval.web.core.backup import BATCH_ROWS, checksum, export_plan, read_backup, restore_plan, write_backup
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

History = Value.history.model
TargetHistory = AnnualTarget.history.model
PDF = b"%PDF-1.4\n% 2025 statistical bulletin\n" + bytes(range(256)) * 4  # every byte value, four times
AS_OF = ("2022", "2024", "2025")


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


INDICATOR = ("position", "code", "name", "unit", "aspect", "attribute", "direction", "base_year", "base_value",
             "base_estimated", "target_text", "target_year", "frequency", "department__code", "department__name",
             "note")  # fmt: skip
TARGET = ("indicator__code", "year", "target_text", "source", "set_by__username", "updated_at")
VALUE = ("indicator__code", "period", "round__period", "value", "raw", "state", "explanation", "review_comment",
         "vintage", "source", "note", "version", "updated_by__username", "updated_at")  # fmt: skip
RECORD = ("history_type", "history_date", "history_user__username", "history_change_reason")


def records(model, plan: Plan, fields: tuple[str, ...]) -> list[tuple]:
    """History records of the plan's rows, oldest first, with names for every reference
    (the records' own references are not foreign keys the database checks: joined by hand)."""
    codes = dict(plan.indicators.values_list("pk", "code"))
    periods = dict(plan.rounds.values_list("pk", "period"))
    users = dict(get_user_model().objects.values_list("pk", "username"))
    rows = []
    for row in model.objects.filter(indicator_id__in=list(codes)).order_by("history_id").values():
        named = {"indicator__code": codes[row["indicator_id"]], "round__period": periods.get(row.get("round_id")),
                 "updated_by__username": users.get(row.get("updated_by_id")),
                 "set_by__username": users.get(row.get("set_by_id")),
                 "history_user__username": users.get(row["history_user_id"])}  # fmt: skip
        rows.append(tuple(named[f] if f in named else row[f] for f in fields + RECORD))
    return rows


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
        "value_history": records(History, plan, VALUE),
        "target_history": records(TargetHistory, plan, TARGET),
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
    }


def flush() -> None:
    """Empty every table, as on a new machine (inside the test's transaction, rolled back after)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # TRUNCATE needs the deferred key checks done first
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)


def counts() -> dict[str, int]:
    models = (Plan, Indicator, AnnualTarget, ReportingRound, Value, History, Evidence, Department, get_user_model())
    return {model.__name__: model.objects.count() for model in models}


def export(slug: str, path: Path) -> Path:
    call_command("export_plan", slug, "--out", str(path), stdout=io.StringIO())
    return path


def import_(path: Path, *options: str) -> str:
    out = io.StringIO()
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
    reported, media, settings, name
):
    before = snapshot(reported)
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
    assert len(after["target_history"]) == 5  # the example's yearly targets of N01, as stored with the plan
    assert after["evidence"][0][2:4] == ("粮食产量公报.pdf", PDF)
    n19 = next(r for r in after["evaluations"]["time_progress", "2025", (ValueState.APPROVED,)]["indicators"]
               if r["code"] == "N19")  # fmt: skip
    assert n19["latest_period"] == "2025"  # the approved ７．０６ counts in the evaluation
    assert "imported plan cn-14th-fyp" in out and "created inactive users: clerk_nbs, reviewer" in out
    assert not user("reviewer").is_active and not user("reviewer").has_usable_password()


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


def test_it_replaces_a_plan_of_the_same_slug_only_when_asked(reported, media, django_capture_on_commit_callbacks):
    before, rows = snapshot(reported), counts()
    path = export(EXAMPLE_SLUG, media / "plan.json")
    assert "already in the database: import with --replace" in refused(path)
    assert counts() == rows
    with django_capture_on_commit_callbacks(execute=True):
        import_(path, "--replace")
    assert snapshot(Plan.objects.get(slug=EXAMPLE_SLUG)) == before
    assert counts() == rows  # the old plan's values, records and evidence went with it
    assert len(list((media / "media").rglob("*.pdf"))) == 1  # the same evidence file, kept


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
    document["version"] = 2
    path.write_text(json.dumps(document), encoding="utf-8")
    assert "format version 2 is unknown; this planeval reads version 1" in refused(path)
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


def test_it_stores_nothing_and_no_file_when_a_late_row_is_wrong(world, personas, media, settings):
    value = values.save(user("clerk_a"), world.indicator_a, world.round, "43")
    Evidence.objects.create(value=value, file=SimpleUploadedFile("公报.pdf", PDF), uploaded_by=user("clerk_a"))
    path = export("synthetic", media / "plan.json")
    world.plan.delete()
    rows = counts()
    settings.MEDIA_ROOT = media / "media-elsewhere"
    broken = rewrite(path, lambda content: content["value_history"][-1].update(history_user="nobody"))
    assert "user 'nobody' is named in a row but not among the file's users" in refused(broken)
    assert counts() == rows
    assert list((media / "media-elsewhere").rglob("*.pdf")) == []  # the evidence written was deleted


def test_it_names_a_missing_field(world, media):
    path = export("synthetic", media / "plan.json")
    world.plan.delete()
    broken = rewrite(path, lambda content: content["values"][0].pop("state"))
    assert "misses the field 'state'" in refused(broken)


def test_it_names_an_unknown_plan_on_export(world, media):
    with pytest.raises(CommandError, match="no plan 'other' \\(plans here: synthetic\\)"):
        export("other", media / "plan.json")


def test_it_writes_the_format_name_version_and_checksum_first(world, media):
    path = export("synthetic", media / "plan.json.gz")
    document = json.loads(gzip.decompress(path.read_bytes()))
    assert list(document)[:3] == ["format", "version", "sha256"]
    assert (document["format"], document["version"]) == ("planeval-plan", 1)
    assert document["sha256"] == checksum(read_backup(path))
    assert [i["code"] for i in document["content"]["indicators"]] == ["A1", "B1"]


def test_it_restores_from_python_with_progress(world, media):
    document = export_plan(world.plan)
    world.plan.delete()
    seen = []
    restored = restore_plan(document["content"], progress=lambda stored, total: seen.append((stored, total)))
    # 1 plan + 1 round + 2 indicators + 1 value (A1 2021) + 1 record of it = 6 rows
    assert seen[-1] == (6, 6) and restored.rows == 6 and restored.plan.slug == "synthetic"


def test_it_refuses_to_replace_a_plan_holding_rows_the_file_does_not_carry(world, media):
    from planeval.web.tasks.models import Task

    path = export("synthetic", media / "plan.json")
    Task.objects.create(plan=world.plan, code="T1", text="建设统一的监测平台", lead=world.department_a,
                        start=datetime.date(2021, 1, 1), due=datetime.date(2025, 12, 31))  # fmt: skip
    rows = counts()
    assert "also holds 1 tasks, which plan files do not carry" in refused(path, "--replace")
    assert counts() == rows and Task.objects.count() == 1
    out = io.StringIO()
    call_command("export_plan", "synthetic", "--out", str(media / "again.json"), stdout=out)
    assert "not in the file (plan files do not carry them): 1 tasks" in out.getvalue()  # said on export too


def test_it_raises_backup_error_from_python(world):
    with pytest.raises(BackupError, match="already in the database"):
        restore_plan(export_plan(world.plan)["content"])


def test_it_carries_every_field_of_the_rows_it_holds(reported, media):
    """A field added to a model without being carried would be lost on the way: this fails then."""
    content = export_plan(reported)["content"]

    def fields(model, *skipped: str) -> set[str]:
        return {f.name for f in model._meta.concrete_fields} - {"id", *skipped}

    assert fields(Plan) <= set(content["plan"])
    assert fields(Department) <= set(content["departments"][0])
    assert fields(ReportingRound, "plan") <= set(content["rounds"][0])
    assert fields(Indicator, "plan") <= set(content["indicators"][0])
    assert fields(AnnualTarget) <= set(content["annual_targets"][0])
    assert fields(Value) <= set(content["values"][0])
    [evidence] = [e for v in content["values"] for e in v["evidence"]]
    assert fields(Evidence, "value", "file") | {"path", "content"} <= set(evidence)
    assert fields(History, "history_id") <= set(content["value_history"][0])
    assert fields(TargetHistory, "history_id") <= set(content["target_history"][0])
