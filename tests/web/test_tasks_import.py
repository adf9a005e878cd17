"""Importing the breakdown again (``planeval.web.tasks.imports`` and ``store``): tasks found by their
text keep their progress, milestones and supervision items when a chapter renumbers them; the
preview shows dates as read, renumberings, rewordings and lead changes; a second confirmation
saves nothing; a refused file is described in the page's language.

Tasks, departments (甲局, 乙局 of the ``world`` fixture) and figures are synthetic.
"""

from __future__ import annotations

import datetime
import html as html_module
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from planeval.web.supervision.models import SupervisionItem
from planeval.web.tasks.models import Milestone, ProgressUpdate, Task

URL = "/plans/synthetic/tasks/"
HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "2021年", "2022年"]
FIRST = [["一、合成篇甲"], [1, "合成任务甲", "甲局", None, "2025年底前", "合成节点甲"],
         [2, "合成任务乙", "乙局", None, "2023年1-9月"], ["二、合成篇乙"],
         [1, "合成任务丙", "乙局", None, "长期坚持"]]  # fmt: skip
"""The first breakdown: 1-1 甲, 1-2 乙, 2-1 丙."""
WITH_A_NEW_CHAPTER = [["一、合成总则"], [1, "合成任务丁", "乙局", None, "2025年"], *FIRST]
"""The same tasks under a new first chapter: 1-1 丁 (new), 2-1 甲, 2-2 乙, 3-1 丙."""


def _text(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return html_module.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def _workbook(rows: list[list], header: list[str] = HEADER) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return SimpleUploadedFile("合成分解.xlsx", stream.getvalue())


def _upload(client, rows: list[list], header: list[str] = HEADER):
    return client.post(f"{URL}import/", {"workbook": _workbook(rows, header)})


def _import(client, rows: list[list]) -> None:
    assert _upload(client, rows).status_code == 302
    assert client.post(f"{URL}import/confirm/", {"action": "confirm"}).status_code == 302


def _messages(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


def _with_a_record(world) -> Task:
    """Task 1-1 (合成任务甲) with a progress update, its 2021 milestone done and a supervision item."""
    task = Task.objects.get(code="1-1")
    ProgressUpdate.objects.create(task=task, reported_on=datetime.date(2022, 6, 30), percent=40, narrative="合成进展")
    Milestone.objects.filter(task=task, year=2021).update(done_on=datetime.date(2021, 11, 30))
    SupervisionItem.objects.create(plan=world.plan, year=2022, sequence=1, opened_on=datetime.date(2022, 7, 1),
                                   findings="合成问题", requirement="合成要求", department=world.department_a,
                                   deadline=datetime.date(2022, 8, 1), task=task)  # fmt: skip
    return task


# Dates as read ------------------------------------------------------------------------------------


def test_it_shows_the_start_and_due_date_read_for_each_new_task(personas, world, english):
    planner = personas["planner"]

    _upload(planner, FIRST)
    text = _text(planner.get(f"{URL}import/preview/"))

    assert "1-1 合成任务甲 2021-01-01 2025-12-31" in text
    assert "1-2 合成任务乙 2023-01-01 2023-09-30" in text  # 2023年1-9月: January to September
    assert "2-1 合成任务丙 2021-01-01 2025-12-31 continuous" in text


def test_it_saves_a_range_as_the_tasks_start_and_due_and_continuous_work_as_continuous(personas, world):
    _import(personas["planner"], FIRST)

    second, third = Task.objects.get(code="1-2"), Task.objects.get(code="2-1")
    assert (second.start, second.due, second.continuous) == (datetime.date(2023, 1, 1), datetime.date(2023, 9, 30),
                                                             False)  # fmt: skip
    assert (third.due, third.continuous) == (datetime.date(2025, 12, 31), True)


# A new chapter renumbers every task: the record stays with the task's text --------------------------


def test_it_keeps_the_record_of_a_task_renumbered_by_a_new_chapter(personas, world, english):
    planner = personas["planner"]
    _import(planner, FIRST)
    task = _with_a_record(world)

    _upload(planner, WITH_A_NEW_CHAPTER)
    text = _text(planner.get(f"{URL}import/preview/"))
    planner.post(f"{URL}import/confirm/", {"action": "confirm"})

    assert "1 new, 3 to change, 0 unchanged." in text
    assert "Renumbered tasks" in text and "1-1 → 2-1 合成任务甲 1-2 → 2-2 合成任务乙 2-1 → 3-1 合成任务丙" in text
    assert "Changed tasks" not in text  # their new places in the list say nothing more
    task.refresh_from_db()
    assert (task.code, task.text, task.lead.name) == ("2-1", "合成任务甲", "甲局")
    assert [u.narrative for u in task.updates.all()] == ["合成进展"]
    assert task.milestones.get(year=2021).done_on == datetime.date(2021, 11, 30)
    assert task.supervision_items.count() == 1
    new = Task.objects.get(code="1-1")
    assert (new.text, new.updates.count(), new.milestones.count()) == ("合成任务丁", 0, 0)
    assert [t.code for t in Task.objects.order_by("position")] == ["1-1", "2-1", "2-2", "3-1"]


def test_it_records_the_renumbering_in_the_tasks_history_without_the_temporary_code(personas, world, english):
    planner = personas["planner"]
    _import(planner, FIRST)

    _import(planner, WITH_A_NEW_CHAPTER)

    task = Task.objects.get(text="合成任务甲")
    assert [record.code for record in task.history.order_by("history_id")][-2:] == ["1-1", "2-1"]
    assert "code: 1-1 → 2-1" in _text(planner.get(f"{URL}{task.pk}/"))


def test_it_swaps_the_codes_of_two_tasks(personas, world):
    planner = personas["planner"]
    _import(planner, FIRST)
    first, second = Task.objects.get(code="1-1"), Task.objects.get(code="1-2")

    _import(planner, [["一、合成篇甲"], [1, "合成任务乙", "乙局", None, "2023年1-9月"],
                      [2, "合成任务甲", "甲局", None, "2025年底前", "合成节点甲"], ["二、合成篇乙"],
                      [1, "合成任务丙", "乙局", None, "长期坚持"]])  # fmt: skip

    first.refresh_from_db(), second.refresh_from_db()
    assert (first.code, second.code) == ("1-2", "1-1")


def test_it_takes_a_changed_text_under_the_same_code_as_a_rewording(personas, world, english):
    planner = personas["planner"]
    _import(planner, FIRST)
    task = _with_a_record(world)

    _upload(
        planner, [["一、合成篇甲"], [1, "合成任务甲（修订）", "甲局", None, "2025年底前", "合成节点甲"], *FIRST[2:]]
    )
    text = _text(planner.get(f"{URL}import/preview/"))
    planner.post(f"{URL}import/confirm/", {"action": "confirm"})

    assert "0 new, 1 to change, 2 unchanged." in text
    assert "Reworded tasks" in text and "1-1 合成任务甲 → 合成任务甲（修订）" in text
    task.refresh_from_db()
    assert (task.code, task.text, task.updates.count()) == ("1-1", "合成任务甲（修订）", 1)


def test_it_takes_a_code_whose_old_text_moved_as_a_new_task(personas, world, english):
    planner = personas["planner"]
    _import(planner, FIRST)
    task = _with_a_record(world)

    # 1-1 now holds a new task; 合成任务甲 moved to 1-2 and 合成任务乙 to 1-3
    _import(planner, [["一、合成篇甲"], [1, "合成任务丁", "乙局", None, "2025年"],
                      [2, "合成任务甲", "甲局", None, "2025年底前"], [3, "合成任务乙", "乙局", None, "2023年1-9月"],
                      *FIRST[3:]])  # fmt: skip

    task.refresh_from_db()
    assert (task.code, task.updates.count()) == ("1-2", 1)
    assert Task.objects.get(code="1-1").updates.count() == 0


def test_it_keeps_a_task_dropped_from_the_file_under_another_code(personas, world, english):
    planner = personas["planner"]
    _import(planner, FIRST)
    task = _with_a_record(world)

    # 合成任务甲 dropped: 合成任务乙 moves up to 1-1
    _upload(planner, [["一、合成篇甲"], [1, "合成任务乙", "乙局", None, "2023年1-9月"], *FIRST[3:]])
    text = _text(planner.get(f"{URL}import/preview/"))
    planner.post(f"{URL}import/confirm/", {"action": "confirm"})

    assert "The file gives code 1-1 to another task: the stored task 1-1 is kept as 1-1（原）." in text
    task.refresh_from_db()
    assert (task.code, task.text, task.updates.count()) == ("1-1（原）", "合成任务甲", 1)
    assert Task.objects.get(code="1-1").text == "合成任务乙"


def test_it_warns_when_a_task_with_a_record_changes_its_lead(personas, world, english):
    planner = personas["planner"]
    _import(planner, FIRST)
    _with_a_record(world)

    _upload(planner, [["一、合成篇甲"], [1, "合成任务甲", "乙局", None, "2025年底前", "合成节点甲"], *FIRST[2:]])
    text = _text(planner.get(f"{URL}import/preview/"))

    assert "Check these lead departments" in text
    assert "1-1 合成任务甲 甲局 → 乙局 1 1" in text  # one update, one supervision item
    assert "2-1 合成任务丙 乙局" not in text.split("Check these lead departments")[1].split("Changed tasks")[0]


def test_it_does_not_warn_of_a_lead_change_of_a_task_without_a_record(personas, world, english):
    planner = personas["planner"]
    _import(planner, FIRST)

    _upload(planner, [["一、合成篇甲"], [1, "合成任务甲", "乙局", None, "2025年底前", "合成节点甲"], *FIRST[2:]])

    assert "Check these lead departments" not in _text(planner.get(f"{URL}import/preview/"))


# Confirming twice -------------------------------------------------------------------------------


def test_it_says_a_second_confirmation_finds_the_import_already_saved(personas, world, english):
    planner = personas["planner"]
    _upload(planner, FIRST)

    first = planner.post(f"{URL}import/confirm/", {"action": "confirm"})
    second = planner.post(f"{URL}import/confirm/", {"action": "confirm"})

    assert any("Imported 3 tasks: 3 new, 0 changed." in m for m in _messages(first))
    # the first message is still waiting to be shown (the redirects were not followed)
    assert _messages(second)[-1] == "合成分解.xlsx was already imported; nothing more was saved."
    assert Task.objects.count() == 3


def test_it_says_in_chinese_that_the_import_was_already_saved(personas, world):
    planner = personas["planner"]
    _upload(planner, FIRST)
    planner.post(f"{URL}import/confirm/", {"action": "confirm"})

    second = planner.post(f"{URL}import/confirm/", {"action": "confirm"}, follow=True)

    assert "合成分解.xlsx 已经导入保存，本次未再保存任何内容。" in _text(second)
    assert "已放弃" not in _text(second)


def test_it_says_nothing_waits_when_nothing_was_uploaded(personas, world, english):
    response = personas["planner"].post(f"{URL}import/confirm/", {"action": "confirm"})

    assert _messages(response) == ["There is no breakdown waiting to be confirmed; nothing was saved."]


# A refused file, said in the page's language ----------------------------------------------------


@pytest.mark.parametrize(
    ("row", "chinese"),
    [
        ([1, "合成任务", None, None, "2025年"],
         "合成分解.xlsx [Sheet] 第2行「牵头单位」列：为空；每项任务都须有牵头单位"),
        ([1, "合成任务", "甲局", None, "尽快"],
         "合成分解.xlsx [Sheet] 第2行「完成时限」列：应为日期，如 2025年底前、2023年6月底前、2022年、2023-06-30 "
         "或 长期坚持，读到 '尽快'"),
        ([1, "合成任务", "甲局", None, "1900年"],
         "合成分解.xlsx [Sheet] 第2行「完成时限」列：1900 年超出本规划可填写的年份范围（2015–2035）"),
    ],
)  # fmt: skip
def test_it_describes_a_refused_file_in_chinese(personas, world, row, chinese):
    response = _upload(personas["planner"], [row])

    assert response.status_code == 400
    assert chinese in _text(response)
    assert "row 2" not in _text(response) and "is empty" not in _text(response)


def test_it_describes_a_refused_file_in_english_as_the_command_line_does(personas, world, english):
    response = _upload(personas["planner"], [[1, "合成任务", None, None, "2025年"]])

    assert "合成分解.xlsx [Sheet], row 2, column 牵头单位: is empty; every task needs a lead department" in _text(
        response
    )


def test_it_describes_a_file_without_a_header_in_chinese(personas, world):
    response = _upload(personas["planner"], [["合成"]], header=["指标", "属性"])

    assert "合成分解.xlsx：各工作表前 20 行中均未找到含“重点任务”和“牵头单位”的表头行" in _text(response)


def test_it_lists_the_columns_it_does_not_read(personas, world, english):
    planner = personas["planner"]

    _upload(
        planner,
        [[1, "合成任务", "甲局", "2024年", "合成进展"]],
        header=["序号", "重点任务", "牵头单位", "完成时限", "进展情况"],
    )

    assert "Columns not read: 进展情况." in _text(planner.get(f"{URL}import/preview/"))
