"""Reading the responsibility breakdown (责任分解方案): the Excel table offices use and the CSV
files of a plan folder (``planeval.io.tasks``).

Every task, department and figure here is synthetic (合成任务, 甲局, made-up investments).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from planeval.domain.task import Milestone, ProgressUpdate, Project
from planeval.errors import PlanFormatError
from planeval.io.folder import load_plan_folder
from planeval.io.task_messages import MESSAGES, TaskFormatError
from planeval.io.tasks import read_task_sheet, read_task_table, read_tasks_csv, split_departments

D = datetime.date
FIRST, END = 2021, 2025  # a plan over 2021–2025
TITLE = "合成市“十四五”规划纲要重点任务责任分解表"
HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]


def write_workbook(path: Path, rows: Sequence[Sequence[Any]], merges: Sequence[str] = (), sheet: str = "分解") -> Path:
    """A one-sheet workbook at ``path`` holding ``rows`` from A1 (None for a blank cell) with
    ``merges`` (``"A2:E2"``)."""
    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            if value is not None:
                worksheet.cell(number, column, value)
    for merged in merges:
        worksheet.merge_cells(merged)
    workbook.save(path)
    return path


def read(path: Path) -> list:
    return read_task_table(path, FIRST, END)


def error_of(path: Path) -> str:
    with pytest.raises(PlanFormatError) as caught:
        read(path)
    return str(caught.value)


# The office's layout -------------------------------------------------------------------------------


OFFICE_ROWS: list[list[Any]] = [
    [TITLE, None, None, None, None],
    [None, None, None, None, None],
    HEADER,
    ["一、合成产业体系", None, None, None, None],
    [1, "合成任务甲：建设合成产业园", "甲局", "乙局、丙局，丁局", "2025年底前"],
    [2, "合成任务乙：完善合成\n服务体系", None, "乙局; 丙局 丁局等", "2023年6月底前"],
    ["二、合成民生保障", None, None, None, None],
    [3, "合成任务丙", "乙局", None, "2022年"],
    [4, "合成任务丁", "丙局", "—", "长期坚持"],
    [5, "合成任务戊", "甲局", "乙局", datetime.datetime(2024, 3, 15)],
    ["注：合成表格，仅供测试。", None, None, None, None],
    [6, "注释之后的行不读", "甲局", None, "2025年"],
]
OFFICE_MERGES = ["A1:E1", "A4:E4", "C5:C6", "A7:E7"]


def test_it_reads_the_office_layout_under_a_title_with_chapters_and_merged_leads(tmp_path: Path) -> None:
    tasks = read(write_workbook(tmp_path / "分解.xlsx", OFFICE_ROWS, OFFICE_MERGES))

    assert [t.code for t in tasks] == ["1", "2", "3", "4", "5"]
    assert [t.chapter for t in tasks] == ["一、合成产业体系"] * 2 + ["二、合成民生保障"] * 3
    assert tasks[1].text == "合成任务乙：完善合成服务体系"  # the line break inside the cell removed
    assert [t.lead for t in tasks] == ["甲局", "甲局", "乙局", "丙局", "甲局"]  # C5:C6 merged
    assert tasks[0].cooperating == ("乙局", "丙局", "丁局")
    assert tasks[1].cooperating == ("乙局", "丙局", "丁局")  # split on ; and blanks, 等 dropped
    assert tasks[2].cooperating == tasks[3].cooperating == ()
    assert all(t.start == D(2021, 1, 1) for t in tasks)  # no 开始时间: the plan's first year
    assert [t.due for t in tasks] == [D(2025, 12, 31), D(2023, 6, 30), D(2022, 12, 31), D(2025, 12, 31),
                                      D(2024, 3, 15)]  # fmt: skip
    assert tasks[3].note == "完成时限：长期坚持"
    assert [t.note for t in (tasks[0], tasks[1], tasks[2], tasks[4])] == ["", "", "", ""]
    assert all(t.project is None and t.milestones == () for t in tasks)


def test_it_finds_the_header_on_a_later_sheet_and_reads_a_file_object(tmp_path: Path) -> None:
    workbook = Workbook()
    cover = workbook.active
    assert cover is not None
    cover.title = "说明"
    cover["A1"] = "合成说明页"
    table = workbook.create_sheet("任务")
    for row in (["主要任务", "责任单位", "完成时间"], ["合成任务", "甲局", "2024年"]):
        table.append(row)
    workbook.save(tmp_path / "book.xlsx")

    with (tmp_path / "book.xlsx").open("rb") as stream:
        (task,) = read_task_table(stream, FIRST, END, name="上传.xlsx")

    assert (task.code, task.text, task.lead, task.due) == ("T001", "合成任务", "甲局", D(2024, 12, 31))


def test_it_reads_milestones_from_year_columns_on_a_second_header_row(tmp_path: Path) -> None:
    rows = [
        [*HEADER, "年度目标", None, None],
        [None, None, None, None, None, "2021年", "2022年目标", "2023年"],
        [1, "合成任务", "甲局", None, "2023年底前", "完成规划编制", "—", "建成投用"],
    ]
    merges = ["F1:H1", "A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2"]

    (task,) = read(write_workbook(tmp_path / "t.xlsx", rows, merges))

    assert task.milestones == (Milestone(2021, "完成规划编制"), Milestone(2023, "建成投用"))


def test_it_reads_a_major_project_with_its_investment_and_dates(tmp_path: Path) -> None:
    header = [*HEADER, "开始时间", "总投资（万元）", "计划开工", "计划竣工", "实际开工", "实际竣工"]
    rows = [
        header,
        [1, "合成项目甲", "甲局", None, "2021—2024年", None, "125000", "2021年6月", "2024年底", "2021-07-01", None],
        [2, "合成任务乙", "乙局", None, "2025年", "2022年3月", None, None, None, None, None],
    ]

    project, task = read(write_workbook(tmp_path / "p.xlsx", rows))

    # 125000 万元 = 12.5 亿元; a month means its last day; the range gives the start
    assert project.project == Project(12.5, D(2021, 6, 30), D(2024, 12, 31), D(2021, 7, 1), None)
    assert (project.start, project.due) == (D(2021, 1, 1), D(2024, 12, 31))
    assert task.project is None
    assert task.start == D(2022, 3, 1)  # a month as a start means its first day


def test_it_lets_the_first_of_several_leads_lead_and_says_so(tmp_path: Path) -> None:
    rows = [HEADER, [1, "合成任务", "甲局、乙局", "乙局、丙局", "2025年"]]

    (task,) = read(write_workbook(tmp_path / "t.xlsx", rows))

    assert (task.lead, task.cooperating, task.note) == ("甲局", ("乙局", "丙局"), "共同牵头：乙局")


def test_it_prefixes_numbers_with_the_chapter_when_each_chapter_counts_from_one(tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["一", "合成篇甲", None, None, None],
        [1, "合成任务一", "甲局", None, "2025年"],
        [2, "合成任务二", "甲局", None, "2025年"],
        ["二", "合成篇乙", None, None, None],
        [1, "合成任务三", "乙局", None, "2025年"],
    ]

    tasks = read(write_workbook(tmp_path / "t.xlsx", rows))

    assert [(t.code, t.chapter) for t in tasks] == [("1-1", "一、合成篇甲"), ("1-2", "一、合成篇甲"),
                                                      ("2-1", "二、合成篇乙")]  # fmt: skip


def test_it_skips_blank_rows_and_a_repeated_header(tmp_path: Path) -> None:
    rows = [
        HEADER,
        [1, "合成任务一", "甲局", None, "2025年"],
        [None] * 5,
        HEADER,
        [2, "合成任务二", "乙局", None, "2024年"],
    ]

    assert [t.code for t in read(write_workbook(tmp_path / "t.xlsx", rows))] == ["1", "2"]


# Errors name file, sheet, row and column ------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ([1, "合成任务", None, None, "2025年"], "row 2, column 牵头单位: is empty; every task needs a lead department"),
        ([1, None, "甲局", None, "2025年"], "row 2, column 重点任务: is empty; every task needs its text"),
        ([1, "合成任务", "甲局", None, None], "row 2, column 完成时限: is empty; every task needs a due date"),
        ([1, "合成任务", "甲局", None, "尽快"], "row 2, column 完成时限: expected a date such as 2025年底前"),
        (
            [1, "合成任务", "甲局", None, "2020年底前"],
            "row 2, column 完成时限: 2020-12-31 is before the task's start 2021-01-01",
        ),
    ],
)
def test_it_names_the_row_and_column_of_a_bad_cell(tmp_path: Path, row: list[Any], message: str) -> None:
    path = write_workbook(tmp_path / "bad.xlsx", [HEADER, row])

    error = error_of(path)

    assert error.startswith(f"{path} [分解], {message}")


def test_it_refuses_a_number_repeated_within_a_chapter(tmp_path: Path) -> None:
    rows = [HEADER, [1, "合成任务一", "甲局", None, "2025年"], [1, "合成任务二", "甲局", None, "2025年"]]
    path = write_workbook(tmp_path / "t.xlsx", rows)

    assert error_of(path) == f"{path} [分解], row 3, column 序号: '1' repeats row 2; every task needs its own number"


def test_it_refuses_project_dates_without_an_investment(tmp_path: Path) -> None:
    rows = [[*HEADER, "总投资（亿元）", "计划开工"], [1, "合成项目", "甲局", None, "2025年", None, "2022年"]]
    path = write_workbook(tmp_path / "t.xlsx", rows)

    assert error_of(path) == (f"{path} [分解], row 2, column 总投资（亿元）: is empty but 计划开工 is given; a major "
                              "project needs its investment")  # fmt: skip


def test_it_reads_the_investment_through_the_number_reader(tmp_path: Path) -> None:
    rows = [[*HEADER, "总投资（亿元）"], [1, "合成项目", "甲局", None, "2025年", "约12亿"]]
    path = write_workbook(tmp_path / "t.xlsx", rows)

    assert f"{path} [分解], row 2, column 总投资（亿元）: " in error_of(path)


def test_it_says_which_layout_it_expected_when_no_sheet_has_one(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "t.xlsx", [["指标", "属性"], ["合成指标", "预期性"]])

    expected = "序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 (sheets searched: 分解)"
    assert (
        error_of(path)
        == f"{path}: no sheet has a header row with 重点任务 and 牵头单位 in its first 20 rows; expected {expected}"
    )


def test_it_needs_the_due_date_column(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "t.xlsx", [[TITLE], ["重点任务", "牵头单位"], ["合成任务", "甲局"]])

    assert error_of(path).startswith(f"{path} [分解], row 2: the header has no 完成时限 column")


def test_it_refuses_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_text("序号,重点任务\n", encoding="utf-8")

    assert "is not an Excel .xlsx workbook" in error_of(path)


def test_it_refuses_a_sheet_with_a_stray_cell_far_below_without_walking_to_it(tmp_path: Path) -> None:
    # one character in XFD1048576 declares a sheet of 16,384 × 1,048,576 cells: the reader streams
    # the cells that exist and stops at the size limit instead of visiting every one
    path = write_workbook(tmp_path / "t.xlsx", OFFICE_ROWS)
    book = load_workbook(path)
    book.active["XFD1048576"] = "x"
    book.save(path)

    message = error_of(path)
    assert "分解" in message and "is too large to be a breakdown" in message and "XFD1048576" in message


# Cells as people write them ------------------------------------------------------------------------


def test_it_splits_departments_on_chinese_and_western_separators() -> None:
    assert split_departments("甲局、乙局，丙局,丁局；戊局;己局 庚局  甲局等") == (
        "甲局", "乙局", "丙局", "丁局", "戊局", "己局", "庚局")  # fmt: skip


# A plan folder's CSV files -------------------------------------------------------------------------

INDICATORS = "code,category,name,unit,base_year,base_value,target_year,target_text,attribute\n" + (
    "S01,合成类,合成指标甲,个,2020,50,2025,60,预期性\n"
)
TASKS = (
    "code,chapter,text,lead,cooperating,start,due,planned_investment,planned_start,planned_completion,"
    "actual_start,actual_completion\n"
    "T1,合成篇,合成任务甲,甲局,乙局、丙局,,2025年底前,,,,,\n"
    "P1,合成篇,合成项目乙,乙局,,2022-01-01,2024-12-31,30,2022-03-01,2024-12-31,2022-03-10,\n"
)


def plan_folder(folder: Path, tasks: str = TASKS, milestones: str = "", updates: str = "") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "indicators.csv").write_text(INDICATORS, encoding="utf-8")
    (folder / "tasks.csv").write_text(tasks, encoding="utf-8")
    if milestones:
        (folder / "task_milestones.csv").write_text(milestones, encoding="utf-8")
    if updates:
        (folder / "task_updates.csv").write_text(updates, encoding="utf-8")
    return folder


def folder_error(folder: Path) -> str:
    with pytest.raises(PlanFormatError) as caught:
        load_plan_folder(folder)
    return str(caught.value)


def test_it_loads_the_tasks_of_a_plan_folder_with_milestones_and_updates(tmp_path: Path) -> None:
    folder = plan_folder(
        tmp_path / "plan",
        milestones="code,year,text,done_on\nT1,2022,完成合成方案,2022-11-30\nT1,2023,合成试点,\n",
        updates="code,reported_on,percent,investment_completed,narrative\nP1,2023-06-30,45%,12.5,合成进展\n"
        "T1,2022-12-31,30,,\n",
    )

    task, project = load_plan_folder(folder).tasks

    assert (task.code, task.chapter, task.lead, task.cooperating) == ("T1", "合成篇", "甲局", ("乙局", "丙局"))
    assert (task.start, task.due) == (D(2021, 1, 1), D(2025, 12, 31))  # plan 2021–2025 from the indicators
    assert task.milestones == (Milestone(2022, "完成合成方案", D(2022, 11, 30)), Milestone(2023, "合成试点"))
    assert task.updates == (ProgressUpdate(D(2022, 12, 31), 30.0),)
    assert project.project == Project(30.0, D(2022, 3, 1), D(2024, 12, 31), D(2022, 3, 10), None)
    assert project.updates == (ProgressUpdate(D(2023, 6, 30), 45.0, "合成进展", (), 12.5),)


def test_it_has_no_tasks_without_tasks_csv(example_dir: Path) -> None:
    assert load_plan_folder(example_dir).tasks == ()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"tasks": TASKS + "T1,合成篇,合成任务重复,甲局,,,2025年,,,,,\n"},
         "tasks.csv, row 4, column code: 'T1' repeats row 2; every task needs its own code"),
        ({"tasks": "code,text,lead\nT1,合成任务,甲局\n"}, "tasks.csv, row 1, column due: is missing from the header"),
        ({"tasks": "code,text,lead,due\nT1,合成任务,,2025年\n"},
         "tasks.csv, row 2, column lead: is empty; every task needs a lead department"),
        ({"milestones": "code,year,text\nT9,2022,合成节点\n"}, "task_milestones.csv, row 2, column code: no task 'T9'"),
        ({"milestones": "code,year,text\nT1,二〇二二,合成节点\n"},
         "task_milestones.csv, row 2, column year: expected a year"),
        ({"updates": "code,reported_on,percent\nT1,2022-12-31,120\n"},
         "task_updates.csv, row 2, column percent: expected a percent complete from 0 to 100, got '120'"),
        ({"updates": "code,reported_on,percent\nT1,,20\n"},
         "task_updates.csv, row 2, column reported_on: is empty; every update needs its date"),
        ({"updates": "code,reported_on,percent,investment_completed\nT1,2022-12-31,20,5\n"},
         "task_updates.csv, row 2, column investment_completed: task 'T1' is no major project"),
        ({"updates": "code,reported_on,percent,investment_completed\nP1,2022-12-31,20,-5\n"},
         "task_updates.csv, row 2, column investment_completed: progress of 2022-12-31: investment completed must"),
    ],
)  # fmt: skip
def test_it_names_the_file_row_and_column_of_a_bad_csv_cell(tmp_path: Path, files: dict[str, str],
                                                           message: str) -> None:  # fmt: skip
    folder = plan_folder(tmp_path / "plan", files.get("tasks", TASKS), files.get("milestones", ""),
                         files.get("updates", ""))  # fmt: skip

    error = folder_error(folder)

    assert f"{folder}/{message}" in error


@pytest.mark.parametrize(("title_rows", "found"), [(19, True), (20, False)])
def test_it_looks_for_the_header_in_the_first_twenty_rows(tmp_path: Path, title_rows: int, found: bool) -> None:
    rows = [[f"合成标题{i}"] for i in range(title_rows)] + [HEADER, [1, "合成任务", "甲局", None, "2025年"]]
    path = write_workbook(tmp_path / "t.xlsx", rows)

    if found:  # the header on row 20
        assert [t.code for t in read(path)] == ["1"]
    else:  # the header on row 21
        assert "no sheet has a header row" in error_of(path)


def test_it_reads_the_tasks_beside_a_yaml_plan(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    folder.mkdir()
    (folder / "plan.yaml").write_text(
        "plan: {title: 合成规划, base_year: 2020, target_year: 2025}\n"
        "indicators:\n  - {code: Y01, name: 合成指标, unit: 个, attribute: 预期性, baseline: 1, target: '2'}\n",
        encoding="utf-8",
    )
    (folder / "tasks.csv").write_text("code,text,lead,due\nT1,合成任务,甲局,长期坚持\n", encoding="utf-8")

    (task,) = load_plan_folder(folder / "plan.yaml").tasks

    assert (task.start, task.due, task.note) == (D(2021, 1, 1), D(2025, 12, 31), "完成时限：长期坚持")


# Layout variants -----------------------------------------------------------------------------------


def test_it_reads_a_range_in_the_due_column_as_the_tasks_start_and_due(tmp_path: Path) -> None:
    rows = [HEADER, [1, "合成任务一", "甲局", None, "2023年1-9月"], [2, "合成任务二", "甲局", None, "2021.1-2025.12"],
            [3, "合成任务三", "甲局", None, "2022年6-9月底前"]]  # fmt: skip

    tasks = read(write_workbook(tmp_path / "t.xlsx", rows))

    assert [(t.start, t.due) for t in tasks] == [(D(2023, 1, 1), D(2023, 9, 30)), (D(2021, 1, 1), D(2025, 12, 31)),
                                                 (D(2022, 6, 1), D(2022, 9, 30))]  # fmt: skip


def test_it_keeps_the_chapter_under_a_section_row(tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["一、合成产业体系", None, None, None, None],
        [1, "合成任务一", "甲局", None, "2025年"],
        ["（一）合成产业基础", None, None, None, None],
        [1, "合成任务二", "甲局", None, "2025年"],
        ["（二）合成产业链", None, None, None, None],
        [1, "合成任务三", "甲局", None, "2025年"],
        ["二、合成民生", None, None, None, None],
        ["（一）", "合成就业", None, None, None],  # a section numbered in the 序号 column
        [1, "合成任务四", "乙局", None, "2025年"],
    ]

    tasks = read(write_workbook(tmp_path / "t.xlsx", rows, ["A2:E2", "A4:E4", "A6:E6", "A8:E8"]))

    chapter = "一、合成产业体系"
    assert [t.chapter for t in tasks] == [chapter, f"{chapter} / （一）合成产业基础", f"{chapter} / （二）合成产业链",
                                          "二、合成民生 / （一）合成就业"]  # fmt: skip
    # the numbering starts again in each section: chapter-section-number
    assert [t.code for t in tasks] == ["1-1", "1-1-1", "1-2-1", "2-1-1"]


def test_it_takes_sections_before_any_chapter_as_chapters(tmp_path: Path) -> None:
    rows = [HEADER, ["（一）合成篇甲"], [1, "合成任务一", "甲局", None, "2025年"], ["（二）合成篇乙"],
            [1, "合成任务二", "甲局", None, "2025年"]]  # fmt: skip

    tasks = read(write_workbook(tmp_path / "t.xlsx", rows))

    assert [(t.code, t.chapter) for t in tasks] == [("1-1", "（一）合成篇甲"), ("2-1", "（二）合成篇乙")]


def test_it_drops_the_closing_dot_of_a_number(tmp_path: Path) -> None:
    rows = [HEADER, ["2-1.", "合成任务一", "甲局", None, "2025年"], ["2-2．", "合成任务二", "甲局", None, "2025年"],
            ["3、", "合成任务三", "甲局", None, "2025年"]]  # fmt: skip

    assert [t.code for t in read(write_workbook(tmp_path / "t.xlsx", rows))] == ["2-1", "2-2", "3"]


def test_it_reads_a_header_with_a_bracketed_remark_and_lists_the_columns_it_does_not_read(tmp_path: Path) -> None:
    header = ["序号", "重点任务", "牵头单位（盖章）", "配合单位", "完成时限（年）", "进展情况", "联系人"]
    rows = [header, [1, "合成任务", "甲局", None, "2024", "合成进展", "合成联系人"]]

    table = read_task_sheet(write_workbook(tmp_path / "t.xlsx", rows), FIRST, END)

    ((task,), ignored) = table.tasks, table.ignored
    assert (task.lead, task.due) == ("甲局", D(2024, 12, 31))
    assert ignored == ("进展情况", "联系人")


def test_it_marks_continuous_work_continuous(tmp_path: Path) -> None:
    rows = [HEADER, [1, "合成任务一", "甲局", None, "长期坚持"], [2, "合成任务二", "甲局", None, "“十四五”期间"],
            [3, "合成任务三", "甲局", None, "2025年"]]  # fmt: skip

    tasks = read(write_workbook(tmp_path / "t.xlsx", rows))

    assert [t.continuous for t in tasks] == [True, False, False]
    assert all(t.due == D(2025, 12, 31) for t in tasks)


# Implausible years: the plan runs 2021–2025 (base year 2020), so 2015 … 2035 may be named ------------


@pytest.mark.parametrize(
    ("row", "column", "year"),
    [
        ([1, "合成任务", "甲局", None, "1900年"], "完成时限", 1900),
        ([1, "合成任务", "甲局", None, "2036年"], "完成时限", 2036),
        ([1, "合成任务", "甲局", None, "2014—2025年"], "完成时限", 2014),
    ],
)
def test_it_refuses_a_year_outside_the_plans_reach(tmp_path: Path, row: list[Any], column: str, year: int) -> None:
    path = write_workbook(tmp_path / "t.xlsx", [HEADER, row])

    assert error_of(path) == f"{path} [分解], row 2, column {column}: {year} is outside the years this plan can " \
                             "name (2015–2035)"  # fmt: skip


@pytest.mark.parametrize(("written", "start", "due"), [("2015—2025年", D(2015, 1, 1), D(2025, 12, 31)),
                                                      ("2035年", D(2021, 1, 1), D(2035, 12, 31))])  # fmt: skip
def test_it_accepts_the_first_and_last_year_within_reach(tmp_path: Path, written: str, start: D, due: D) -> None:
    (task,) = read(write_workbook(tmp_path / "t.xlsx", [HEADER, [1, "合成任务", "甲局", None, written]]))

    assert (task.start, task.due) == (start, due)


def test_it_refuses_a_milestone_column_outside_the_plans_reach(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "t.xlsx", [[*HEADER, "2021年", "2040年"], [1, "合成任务", "甲局", None, "2025年"]])

    assert error_of(path) == f"{path} [分解], row 1, column 2040年: 2040 is outside the years this plan can name " \
                             "(2015–2035)"  # fmt: skip


# Errors keep their message key, for a page to translate -------------------------------------------


def test_it_keeps_the_key_and_values_of_an_error_and_says_it_in_english(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "bad.xlsx", [HEADER, [1, "合成任务", None, None, "2025年"]])

    with pytest.raises(TaskFormatError) as caught:
        read(path)

    error = caught.value
    assert (error.key, error.params, error.row, error.column) == ("lead_empty", {}, 2, "牵头单位")
    assert str(error) == f"{path} [分解], row 2, column 牵头单位: is empty; every task needs a lead department"


def test_it_fills_every_message_with_named_values_only() -> None:
    for key, template in MESSAGES.items():
        names = set(re.findall(r"%\((\w+)\)s", template))
        assert template % dict.fromkeys(names, "x"), key  # no positional or unnamed placeholder left


# A plan folder with the Excel breakdown, and what the CSV files may not hold -----------------------


def excel_breakdown(path: Path) -> Path:
    return write_workbook(path, [HEADER, ["一、合成篇"], [1, "合成任务甲", "甲局", "乙局", "2023年1-9月"],
                                 [2, "合成任务乙", "乙局", None, "长期坚持"]], ["A2:E2"])  # fmt: skip


def test_it_reads_the_excel_breakdown_of_a_plan_folder_without_tasks_csv(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path / "plan", updates="code,reported_on,percent\n1,2022-12-31,30\n")
    (folder / "tasks.csv").unlink()
    excel_breakdown(folder / "tasks.xlsx")

    first, second = load_plan_folder(folder).tasks

    assert (first.code, first.chapter, first.start, first.due) == ("1", "一、合成篇", D(2023, 1, 1), D(2023, 9, 30))
    assert first.updates == (ProgressUpdate(D(2022, 12, 31), 30.0),)
    assert (second.code, second.continuous) == ("2", True)


def test_it_prefers_tasks_csv_to_tasks_xlsx(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path / "plan")
    excel_breakdown(folder / "tasks.xlsx")

    assert [t.code for t in load_plan_folder(folder).tasks] == ["T1", "P1"]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"tasks": "code,text,lead,due,progress\nT1,合成任务,甲局,2025年,50\n"},
         "tasks.csv, row 1, column progress: has columns it does not read: progress; expected code, text"),
        ({"milestones": "code,year,text,负责人\nT1,2022,合成节点,某人\n"},
         "task_milestones.csv, row 1, column 负责人: has columns it does not read: 负责人"),
        ({"updates": "code,reported_on,percent,evidence\nT1,2022-12-31,20,a.pdf\n"},
         "task_updates.csv, row 1, column evidence: has columns it does not read: evidence"),
        ({"milestones": "code,year,text\nT1,2014,合成节点\n"},
         "task_milestones.csv, row 2, column year: 2014 is outside the years this plan can name (2015–2035)"),
        ({"updates": "code,reported_on,percent\nT1,2019-12-31,20\n"},
         "task_updates.csv, row 2, column reported_on: 2019-12-31 is before 2020-01-01, a year before the task's "
         "start"),
        ({"updates": "code,reported_on,percent\nT1,2024-01-01,20\n"},
         "task_updates.csv, row 2, column reported_on: 2024-01-01 is after today (2023-12-31)"),
    ],
)  # fmt: skip
def test_it_refuses_unknown_columns_and_implausible_dates(tmp_path: Path, files: dict[str, str], message: str) -> None:
    from planeval.io.tasks import read_task_folder

    folder = plan_folder(tmp_path / "plan", files.get("tasks", TASKS), files.get("milestones", ""),
                         files.get("updates", ""))  # fmt: skip

    with pytest.raises(PlanFormatError) as caught:
        read_task_folder(folder, FIRST, END, today=D(2023, 12, 31))

    assert f"{folder}/{message}" in str(caught.value)


def test_it_accepts_an_update_on_the_earliest_and_the_latest_day(tmp_path: Path) -> None:
    from planeval.io.tasks import read_task_folder

    # T1 starts 2021-01-01: a report may be dated from 2020-01-01 to today
    folder = plan_folder(tmp_path / "plan", updates="code,reported_on,percent\nT1,2020-01-01,5\nT1,2023-12-31,40\n")

    task, _ = read_task_folder(folder, FIRST, END, today=D(2023, 12, 31))

    assert [u.reported_on for u in task.updates] == [D(2020, 1, 1), D(2023, 12, 31)]


def test_it_reads_the_chinese_headers_in_tasks_csv(tmp_path: Path) -> None:
    path = tmp_path / "tasks.csv"
    path.write_text("序号,重点任务,牵头单位,完成时限,备注\nT1,合成任务,甲局,2024年,合成备注\n", encoding="utf-8")

    (task,) = read_tasks_csv(path, FIRST, END)

    assert (task.code, task.text, task.lead, task.due, task.note) == (
        "T1",
        "合成任务",
        "甲局",
        D(2024, 12, 31),
        "合成备注",
    )
