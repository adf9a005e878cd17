"""An import killed half-way (SIGKILL, as by the out-of-memory killer or a pulled plug) leaves
the database as it was, and no file outside its staging folder: the command runs as a real
process against a database of the test's own, SQLite in a folder or, when DATABASE_URL points at
PostgreSQL, a database the test creates and drops; it is killed once it reports rows stored, and
then the same import runs through, removing the staging folder left behind. The same databases
serve the commands' first runs: an import into a database without tables migrates it first."""

from __future__ import annotations

import datetime
import os
import re
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from planeval.web.core.backup import export_plan, read_backup, write_backup
from planeval.web.core.models import AnnualTarget, Department, Evidence, Indicator, Plan, ReportingRound, Value
from planeval.web.tasks.models import Milestone, Task

History = Value.history.model
INDICATORS, PERIODS, RECORDS = 20, 25, 20  # 500 values with 20 records each: 10,000 records
TASKS = 50  # with two milestones each
EVIDENCE = 30  # files, one for each of the first values
MODELS = (Plan, Indicator, AnnualTarget, AnnualTarget.history.model, ReportingRound, Value, History, Evidence,
          Department, get_user_model(), Task, Task.history.model, Task.cooperating.through, Milestone)  # fmt: skip
DEADLINE = 300  # seconds a command may take at most here
PROGRESS = re.compile(r"(?:stored|saved) (?P<done>\d+) of (?P<total>\d+)")


@dataclass
class Database:
    """A database of the test's own: the environment pointing the site at it, and a way to
    read its row counts from outside the site."""

    env: dict[str, str]
    counts: Callable[[], dict[str, int]]
    integrity: Callable[[], str]


def _environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANEVAL_", "DJANGO_SETTINGS", "DATABASE_URL"))}
    return env | {"PLANEVAL_HOME": str(home), "PLANEVAL_SECRET_KEY": secrets.token_urlsafe(30), "PLANEVAL_SECURE": "0"}


def _count_with(cursor) -> dict[str, int]:
    counts = {}
    for model in MODELS:
        cursor.execute(f'SELECT count(*) FROM "{model._meta.db_table}"')
        counts[model._meta.db_table] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def sqlite_database(tmp_path) -> Database:
    path = tmp_path / "planeval.sqlite3"  # where the site puts it under PLANEVAL_HOME

    def counts() -> dict[str, int]:
        with sqlite3.connect(path) as connection:  # rolls back what a killed writer left in the journal
            return _count_with(connection.cursor())

    def integrity() -> str:
        with sqlite3.connect(path) as connection:
            return connection.execute("PRAGMA integrity_check").fetchone()[0]

    return Database(_environment(tmp_path), counts, integrity)


@pytest.fixture
def postgresql_database(tmp_path) -> Iterator[Database]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("DATABASE_URL does not point at PostgreSQL")
    import psycopg

    name = f"planeval_kill_{secrets.token_hex(4)}"
    parts = urlsplit(url)
    server = urlunsplit(parts._replace(path="/postgres"))
    own = urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def counts() -> dict[str, int]:
        with psycopg.connect(own) as connection:
            return _count_with(connection.cursor())

    try:
        yield Database(_environment(tmp_path) | {"DATABASE_URL": own}, counts, lambda: "ok")
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request) -> Database:
    return request.getfixturevalue(f"{request.param}_database")


def manage(database: Database, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planeval.cli", "manage", *arguments], env=database.env,
                          capture_output=True, text=True, timeout=DEADLINE, check=False)  # fmt: skip


def big_plan() -> Plan:
    """A plan with many values and a long history each, and evidence files: an import that
    takes a while."""
    department = Department.objects.create(code="stats", name="统计局")
    users = [get_user_model().objects.create_user(name) for name in ("clerk", "reviewer", "planner")]
    plan = Plan.objects.create(slug="big", title="大规划", base_year=2000, end_year=2025)
    indicators = Indicator.objects.bulk_create(
        Indicator(plan=plan, position=n, code=f"I{n:02d}", name=f"指标{n}", unit="%", aspect="经济",
                  attribute="expected", direction="increase", base_year=2000, base_value=10.0, target_text="60",
                  target_year=2025, department=department)
        for n in range(1, INDICATORS + 1)
    )  # fmt: skip
    values = Value.objects.bulk_create(
        Value(indicator=i, period=str(2000 + p), value=10.0 + 2 * p, raw=f"{10 + 2 * p}", state="approved",
              updated_by=users[1])
        for i in indicators
        for p in range(1, PERIODS + 1)
    )  # fmt: skip
    start = timezone.now() - datetime.timedelta(days=400)
    History.objects.bulk_create(
        (
            History(id=v.id, indicator_id=v.indicator_id, period=v.period, value=v.value, raw=v.raw,
                    state=("draft", "submitted", "approved")[r % 3], version=r + 1, updated_by=users[r % 3],
                    updated_at=start, history_date=start + datetime.timedelta(minutes=n * RECORDS + r),
                    history_type="+" if r == 0 else "~", history_user=users[r % 3],
                    history_change_reason=f"第{r + 1}次修改")
            for n, v in enumerate(values)
            for r in range(RECORDS)
        ),
        batch_size=5000,
    )  # fmt: skip
    tasks = Task.objects.bulk_create(
        Task(plan=plan, position=n, code=f"T{n:02d}", text=f"任务{n}", lead=department, start=datetime.date(2021, 1, 1),
             due=datetime.date(2025, 12, 31))
        for n in range(1, TASKS + 1)
    )  # fmt: skip
    Milestone.objects.bulk_create(
        Milestone(task=t, year=year, text=f"{year}年节点") for t in tasks for year in (2022, 2024)
    )
    for n, value in enumerate(values[:EVIDENCE]):
        Evidence.objects.create(value=value, file=SimpleUploadedFile(f"公报{n}.pdf", b"%PDF-1.4 " + bytes([n]) * 100),
                                uploaded_by=users[0])  # fmt: skip
    return plan


@pytest.fixture
def files(db, tmp_path, world, settings) -> tuple[Path, Path]:
    """A small plan file (the synthetic plan) and a big one."""
    settings.MEDIA_ROOT = tmp_path / "export-media"  # not the media folder of the site imported into
    small, big = tmp_path / "small.json", tmp_path / "big.json.gz"
    write_backup(export_plan(world.plan), small)
    write_backup(export_plan(big_plan()), big)
    return small, big


def kill_when(database: Database, arguments: tuple[str, ...], ready: Callable[[int, int], bool]) -> list[str]:
    """Run ``planeval manage *arguments`` and kill it (SIGKILL) at the first progress line
    ``… N of M …`` for which ``ready(N, M)``; the lines it printed. Fails when the command ends
    before, or does not get there within :data:`DEADLINE` seconds."""
    command = [sys.executable, "-m", "planeval.cli", "manage", *arguments]
    process = subprocess.Popen(command, env=database.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: list[str] = []
    started = time.monotonic()
    try:
        for line in process.stdout:  # type: ignore[union-attr]
            seen.append(line.strip())
            found = PROGRESS.search(line)
            if found and ready(int(found["done"]), int(found["total"])):
                process.send_signal(signal.SIGKILL)
                break
            assert time.monotonic() - started < DEADLINE, seen
    finally:
        process.kill()  # (already dead when killed above)
        process.wait()
    assert process.returncode == -signal.SIGKILL, "\n".join(seen) + process.stderr.read()  # type: ignore[union-attr]
    return seen


def media_files(media: Path) -> tuple[set[str], set[str]]:
    """The files in the media folder ``media``: (those in place, those in staging folders)."""
    found = {p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file()} if media.is_dir() else set()
    staged = {name for name in found if name.startswith(".restore-")}
    return found - staged, staged


def test_it_leaves_the_database_as_it_was_when_a_plan_import_is_killed(database, files, tmp_path):
    small, big = files
    media = tmp_path / "media"  # the media folder of the site imported into
    evidence = {e["path"] for v in read_backup(big)["values"] for e in v["evidence"]}
    assert len(evidence) == EVIDENCE
    for arguments in (("migrate", "-v0"), ("import_plan", str(small))):
        done = manage(database, *arguments)
        assert done.returncode == 0, done.stdout + done.stderr
    before = database.counts()
    assert before["core_plan"] == 1 and before["core_value"] == 1  # the synthetic plan, as it was stored
    assert media_files(media) == (set(), set())  # the synthetic plan has no files

    # killed once the plan, its indicators, values and evidence and some records are in the transaction
    stored_before_records = 1 + INDICATORS + INDICATORS * PERIODS + EVIDENCE
    seen = kill_when(database, ("import_plan", str(big)), lambda stored, total: stored > stored_before_records + 1000)
    last = PROGRESS.search(seen[-1])
    assert last and int(last["done"]) < int(last["total"])  # half-way, not after the end
    assert not any(line.startswith("imported") for line in seen)

    assert database.counts() == before  # not a row of the big plan, nothing of the small one lost
    assert database.integrity() == "ok"
    placed, staged = media_files(media)
    assert placed == set()  # no file outside the staging folder,
    [folder] = {name.split("/")[0] for name in staged}
    assert {name.removeprefix(f"{folder}/") for name in staged} == evidence | {".lock"}  # where every file went

    done = manage(database, "import_plan", str(big))  # nothing left over stands in the way
    assert done.returncode == 0, done.stdout + done.stderr
    after = database.counts()
    assert after["core_plan"] == 2
    assert after["core_value"] - before["core_value"] == INDICATORS * PERIODS
    assert after["core_historicalvalue"] - before["core_historicalvalue"] == INDICATORS * PERIODS * RECORDS
    assert (after["tasks_task"], after["tasks_milestone"]) == (TASKS, 2 * TASKS)
    assert after["core_evidence"] == EVIDENCE
    # the files under their own names (none taken by a killed import's left-overs), the staging folders gone
    assert media_files(media) == (evidence, set())
    assert not (media / folder).exists()


def test_it_migrates_a_new_database_before_importing_a_plan(database, files):
    small, _ = files
    done = manage(database, "import_plan", str(small))  # no migrate before: the database has no tables
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^applied \d+ database migrations first$", done.stdout, re.MULTILINE), done.stdout
    assert database.counts()["core_plan"] == 1
    again = manage(database, "import_plan", str(small), "--replace")
    assert again.returncode == 0 and "migrations" not in again.stdout  # nothing left to apply


def test_it_says_in_one_line_that_a_database_without_tables_holds_no_plan_to_export(database, tmp_path):
    done = manage(database, "export_plan", "cn-14th-fyp", "--out", str(tmp_path / "plan.json"))
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("CommandError: the database: ") and "core_plan" in line, line
    assert not (tmp_path / "plan.json").exists()


VALUES_SETUP = """
import datetime
from django.contrib.auth import get_user_model
from planeval.web.core.models import Department, Indicator, Membership, Plan, ReportingRound, Role
department = Department.objects.create(code="stats", name="统计局")
plan = Plan.objects.create(slug="reported", title="报送规划", base_year=2020, end_year=2025)
Indicator.objects.bulk_create(
    Indicator(plan=plan, position=n, code=f"V{n:03d}", name=f"指标{n}", unit="%", aspect="经济",
              attribute="expected", direction="increase", base_year=2020, base_value=10.0, target_text="60",
              target_year=2025, department=department)
    for n in range(1, COUNT + 1)
)
today = datetime.date.today()
ReportingRound.objects.create(plan=plan, period="2022", opens=today - datetime.timedelta(days=10),
                              deadline=today + datetime.timedelta(days=10))
Membership.objects.create(user=get_user_model().objects.create_user("clerk"), role=Role.REPORTER,
                          department=department)
"""
REPORTED = 300  # values in the department's file


def test_it_leaves_the_database_as_it_was_when_a_values_import_is_killed(database, tmp_path):
    setup = VALUES_SETUP.replace("COUNT", str(REPORTED))
    for arguments in (("migrate", "-v0"), ("shell", "-c", setup)):
        done = manage(database, *arguments)
        assert done.returncode == 0, done.stdout + done.stderr
    path = tmp_path / "统计局.csv"  # one value a row for each indicator: 10.5, 11, 11.5, …
    rows = "".join(f"V{n:03d},指标{n},{10 + n / 2:g}\n" for n in range(1, REPORTED + 1))
    path.write_text("代码,指标,2022年\n" + rows, encoding="utf-8")
    arguments = ("import_values", str(path), "--plan", "reported", "--round", "2022", "--user", "clerk")
    before = database.counts()

    seen = kill_when(database, arguments, lambda saved, total: saved >= 50)
    assert seen[-1] == f"saved 50 of {REPORTED}"

    assert database.counts() == before
    assert database.integrity() == "ok"

    done = manage(database, *arguments)
    assert done.returncode == 0, done.stdout + done.stderr
    after = database.counts()
    assert after["core_value"] - before["core_value"] == REPORTED
    assert after["core_historicalvalue"] - before["core_historicalvalue"] == REPORTED
