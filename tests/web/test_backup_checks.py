"""A plan file's content checked field by field before it is stored
(planeval.web.core.backup.checks): each change below, made by hand to an exported plan, is
refused with a message naming the part, the row and the field."""

from __future__ import annotations

import copy
import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from planeval.errors import BackupError
from planeval.web.core.backup import READS, VERSION, export_plan
from planeval.web.core.backup.checks import check_content
from planeval.web.core.backup.format import upgrade
from planeval.web.core.models import Evidence, Value
from planeval.web.reminders.models import Reminder
from planeval.web.supervision.models import Rectification, RectificationFile, SupervisionItem
from planeval.web.tasks.models import Milestone, ProgressUpdate, Task

day = datetime.date
PDF = b"%PDF-1.4 bulletin"


@pytest.fixture
def content(world, settings, tmp_path) -> dict:
    """The synthetic plan with a row of every part: A1's 2021 value with a file, a task with a
    cooperating department, a milestone and an update with a file, a supervision item answered
    with a report and a file, a reminder sent."""
    settings.MEDIA_ROOT = tmp_path / "media"
    clerk = get_user_model().objects.create_user("clerk_a")
    value = Value.objects.get(indicator=world.indicator_a, period="2021")
    Evidence.objects.create(value=value, file=SimpleUploadedFile("公报.pdf", PDF), uploaded_by=clerk)
    task = Task.objects.create(plan=world.plan, position=1, code="T01", text="建设平台", lead=world.department_a,
                               start=day(2021, 1, 1), due=day(2025, 12, 31))  # fmt: skip
    task.cooperating.add(world.department_b)
    Milestone.objects.create(task=task, year=2023, text="平台上线")
    ProgressUpdate.objects.create(task=task, reported_on=day(2024, 6, 30), percent=40, reported_by=clerk,
                                  evidence=SimpleUploadedFile("进度.pdf", PDF))  # fmt: skip
    item = SupervisionItem.objects.create(plan=world.plan, year=2026, sequence=1, opened_on=day(2026, 1, 5),
                                          findings="进度滞后", requirement="加快建设", department=world.department_a,
                                          deadline=day(2026, 3, 31), task=task)  # fmt: skip
    report = Rectification.objects.create(item=item, text="已整改", submitted_by=clerk,
                                          submitted_at=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC))  # fmt: skip
    RectificationFile.objects.create(rectification=report, file=SimpleUploadedFile("整改.pdf", PDF), name="整改.pdf")
    Reminder.objects.create(round=world.round, department=world.department_a, day=day(2026, 1, 1), kind="before",
                            recipients="clerk@a.example")  # fmt: skip
    return export_plan(world.plan)["content"]


def test_it_passes_the_content_of_an_exported_plan(content):
    check_content(content)  # raises nothing
    assert [len(content[part]) for part in ("values", "tasks", "progress_updates", "rectifications")] == [1] * 4


def value(content: dict) -> dict:
    return content["values"][0]


def changed(**fields):
    """A change setting ``fields`` of A1's 2021 value."""
    return lambda content: value(content).update(fields)


def evidence(**fields):
    return lambda content: value(content)["evidence"][0].update(fields)


def row(part: str, **fields):
    return lambda content: content[part][0].update(fields)


def twice(part: str):
    return lambda content: content[part].append(copy.deepcopy(content[part][0]))


def without(part: str, field: str):
    return lambda content: content[part][0].pop(field)


REFUSED = [
    # (what was changed, the change, what the message says)
    ("a slug a path could be made of", lambda c: c["plan"].update(slug="bad slug/../x"),
     "plan, field slug: Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    ("a plan that ends where it starts", lambda c: c["plan"].update(end_year=2020),
     "plan, field end_year: plan '合成规划': base year 2020 is not before target year 2020"),
    ("a negative year", lambda c: c["plan"].update(base_year=-5),
     "plan, field base_year: Ensure this value is greater than or equal to 0."),
    ("a department code given twice", lambda c: c["departments"].append({"code": "dept-a", "name": "丙局"}),
     "departments row 3 (dept-a), field code: 'dept-a' is given to another department before"),
    ("a user name too long", lambda c: c["users"].append("x" * 200),
     "field username: Ensure this value has at most 150 characters (it has 200)."),
    ("an unknown attribute", lambda c: c["indicators"][0].update(attribute="bogus"),
     "indicators row 1 (A1), field attribute: Value 'bogus' is not a valid choice."),
    ("an unknown direction", lambda c: c["indicators"][1].update(direction="sideways"),
     "indicators row 2 (B1), field direction: Value 'sideways' is not a valid choice."),
    ("a target year before the base year", lambda c: c["indicators"][0].update(target_year=2019),
     "indicators row 1 (A1), field target_year: 2019 is not after the base year 2020"),
    ("a frequency the evaluation does not know", lambda c: c["indicators"][0].update(frequency="fortnight"),
     "indicators row 1 (A1), field frequency:"),
    ("a name with a NUL character", lambda c: c["indicators"][0].update(name="合成\x00指标"),
     "indicators row 1 (A1), field name: holds a NUL character"),
    ("two indicators of one code", lambda c: c["indicators"][1].update(code="A1"),
     "indicators row 2 (A1): code the same as in indicators row 1 (A1); there can be only one such row"),
    ("a department the file does not hold", lambda c: c["indicators"][0].update(department="nowhere"),
     "indicators row 1 (A1), field department: names department 'nowhere' (code), which is not among the file's "
     "departments"),
    ("a state no value is in", changed(state="hacked"),
     "values row 1 (A1 2021), field state: Value 'hacked' is not a valid choice."),
    ("a period that is none", changed(period="xyz"), "values row 1 (A1 xyz), field period: period 'xyz' is not a year"),
    ("text for a number", changed(value="abc"), "values row 1 (A1 2021), field value: a number was expected, not "
     "text 'abc'"),
    ("true for a number", changed(value=True), "field value: a number was expected, not true"),
    ("a number other than the one typed", changed(value=99.0),
     "values row 1 (A1 2021), field value: 99.0 is not the number typed, '42'"),
    ("text typed that is no number", changed(raw="约12"), "values row 1 (A1 2021), field raw: '约12' is not a number"),
    ("a negative version", changed(version=-1), "field version: Ensure this value is greater than or equal to 0."),
    ("a moment without its UTC offset", changed(updated_at="2025-03-01T08:00:00"),
     "field updated_at: a moment in ISO 8601 with its UTC offset (2025-03-01T08:00:00+00:00) was expected, not "
     "text '2025-03-01T08:00:00'"),
    ("a key that is no number", changed(key="abc"), "values row 1 (A1 2021), field key: a whole number was expected"),
    ("a value of an indicator the file does not hold", changed(indicator="Z9"),
     "values row 1 (Z9 2021), field indicator: names indicator 'Z9' (code), which is not among the file's indicators"),
    ("a file's path out of the media folder", evidence(path="../../../../tmp/x"),
     "values row 1 (A1 2021), evidence 1 (../../../../tmp/x), field file: '../../../../tmp/x' is not a file's path "
     "inside evidence/ in the media folder"),
    ("an absolute path", evidence(path="/tmp/x"), "field file: '/tmp/x' is not a file's path inside evidence/"),
    ("a path outside the field's folder", evidence(path="tasks/x.pdf"),
     "field file: 'tasks/x.pdf' is not a file's path inside evidence/"),
    ("a file's content that is not base64", evidence(content="not base64!"), "field content: the file's content is "
     "not base64"),
    ("a day that is none", row("rounds", opens="2025-02-30"),
     "rounds row 1 (2022), field opens: a date in ISO 8601 (2025-03-01) was expected, not text '2025-02-30'"),
    ("two rounds of one period", twice("rounds"), "rounds row 2 (2022): period the same as in rounds row 1 (2022)"),
    ("a task due before its start", row("tasks", due="2020-12-31"),
     "tasks row 1 (T01): breaks the rule task_due_after_start of the database"),
    ("a cooperating department twice", lambda c: c["tasks"][0]["cooperating"].append({"key": 999, "department":
                                                                                       "dept-b"}),
     "tasks row 1 (T01), cooperating 2 (dept-b): department the same as in tasks row 1 (T01), cooperating 1"),
    ("a percent beyond 100", row("progress_updates", percent=150),
     "progress_updates row 1 (T01 2024-06-30), field percent: Ensure this value is less than or equal to 100.0."),
    ("a file named without its content", row("progress_updates", evidence_content=None),
     "progress_updates row 1 (T01 2024-06-30), field evidence_content: is null, but the row names the file"),
    ("an item due before it was opened", row("supervision_items", deadline="2025-12-31"),
     "supervision_items row 1 (2026 1): breaks the rule supervision_deadline_after_opening of the database"),
    ("an item on an indicator and a task", row("supervision_items", indicator="A1"),
     "breaks the rule supervision_one_subject"),
    ("a state no item is in", row("supervision_items", state="hacked"), "field state: Value 'hacked' is not a valid"),
    ("a report on an item the file does not hold", row("rectifications", item="2026-2"),
     "rectifications row 1 (2026-2 2026-02-01T00:00:00+00:00), field item: names supervision item '2026-2' "
     "(year-sequence), which is not among the file's supervision items"),
    ("a kind of reminder that is none", row("reminders", kind="sometimes"),
     "reminders row 1 (2022 dept-a 2026-01-01), field kind: Value 'sometimes' is not a valid choice."),
    ("a record of an unknown kind", row("value_history", history_type="x"),
     "value_history row 1 (A1 2021 of 20"),
    ("a record of a period that is none", row("value_history", period="2021年13月"), "field period: period"),
    ("a record without the text typed", without("value_history", "raw"), "value_history row 1 (A1 2021 of 20"),
    ("a part that is no list", lambda c: c.update(values={}), "values: a list was expected, not an object"),
    ("a row that is no object", lambda c: c.update(values=[1]), "values row 1: an object was expected, not the "
     "number 1"),
    ("a part left out", lambda c: c.pop("values"), "the file's content misses the part 'values'"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "message"), [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED])
def test_it_refuses_a_field_that_is_not_what_its_row_holds(content, change, message):
    change(content)
    with pytest.raises(BackupError) as error:
        check_content(content)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_it_names_a_record_and_the_field_missing_from_it(content):
    del content["value_history"][0]["raw"]
    with pytest.raises(BackupError, match=r"value_history row 1 \(A1 2021 of [0-9T:+.-]+\) misses the field 'raw'"):
        check_content(content)


def test_it_refuses_a_value_its_text_does_not_give_beyond_six_decimals(content):
    # a stored plan's text keeps six decimals (format_number(value, 6)): 42.0000004 is typed "42"
    value(content)["value"] = 42.0000004
    check_content(content)
    value(content)["value"] = 42.000002  # 2e-6 from 42: more than the 1e-6 a text of six decimals is off
    with pytest.raises(BackupError, match="42.000002 is not the number typed, '42'"):
        check_content(content)


def test_it_checks_the_fields_a_later_format_version_added_in_the_rows_of_an_older_file(content):
    """A version 2 file has no ``continuous`` for tasks: the rows take False and pass; a
    version 3 file without it misses it."""
    assert (VERSION, READS) == (3, (1, 2, 3))
    for task in (*content["tasks"], *content["task_history"]):
        del task["continuous"]
    older = upgrade(copy.deepcopy(content), 2)
    check_content(older)
    assert {t["continuous"] for t in (*older["tasks"], *older["task_history"])} == {False}
    with pytest.raises(BackupError, match="tasks row 1 \\(T01\\) misses the field 'continuous'"):
        check_content(upgrade(content, 3))
