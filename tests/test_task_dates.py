"""完成时限 and the breakdown's other date cells as offices write them (``planeval.io.task_dates``):
every accepted form, with the span it names, and the texts it refuses."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from planeval.io.rows import Where
from planeval.io.task_dates import When, read_when
from planeval.io.task_messages import TaskFormatError

D = datetime.date
END = 2025  # the plan's last year
HERE = Where("分解.xlsx [Sheet1]", 7)


def when(written: Any) -> When | None:
    return read_when(written, END, "完成时限", HERE)


FORMS = [
    # (written, first, last, range_start, continuous)
    # a day
    ("2023年6月30日", D(2023, 6, 30), D(2023, 6, 30), None, False),
    ("2023年6月30日前", D(2023, 6, 30), D(2023, 6, 30), None, False),
    ("2023-06-30", D(2023, 6, 30), D(2023, 6, 30), None, False),
    ("2023-6-9", D(2023, 6, 9), D(2023, 6, 9), None, False),  # a day before a range: 9 June, not June–September
    ("2023/6/30", D(2023, 6, 30), D(2023, 6, 30), None, False),
    ("2023.06.30", D(2023, 6, 30), D(2023, 6, 30), None, False),
    ("20230630", D(2023, 6, 30), D(2023, 6, 30), None, False),
    (20230630, D(2023, 6, 30), D(2023, 6, 30), None, False),  # an Excel number cell
    ("2023-06-30 00:00:00", D(2023, 6, 30), D(2023, 6, 30), None, False),  # a date Excel wrote as text
    ("２０２３年３月１５日前", D(2023, 3, 15), D(2023, 3, 15), None, False),  # full-width digits
    (datetime.datetime(2023, 9, 1), D(2023, 9, 1), D(2023, 9, 1), None, False),
    (D(2023, 9, 1), D(2023, 9, 1), D(2023, 9, 1), None, False),
    # part of a month
    ("2023年6月上旬", D(2023, 6, 1), D(2023, 6, 10), None, False),
    ("2023年6月中旬", D(2023, 6, 1), D(2023, 6, 20), None, False),
    ("2023年6月下旬", D(2023, 6, 1), D(2023, 6, 30), None, False),
    # a month
    ("2023年6月", D(2023, 6, 1), D(2023, 6, 30), None, False),
    ("2023年6月底前", D(2023, 6, 1), D(2023, 6, 30), None, False),
    ("2023年12月份", D(2023, 12, 1), D(2023, 12, 31), None, False),
    ("2023-06", D(2023, 6, 1), D(2023, 6, 30), None, False),  # a month before a range: not 2023 to June
    ("2023.6", D(2023, 6, 1), D(2023, 6, 30), None, False),
    ("2024年2月", D(2024, 2, 1), D(2024, 2, 29), None, False),  # a leap year's February
    ("2023年9月底前完成", D(2023, 9, 1), D(2023, 9, 30), None, False),
    # a range: the first point's first day to the other's last, and the task starts with it
    ("2023年1-9月", D(2023, 1, 1), D(2023, 9, 30), D(2023, 1, 1), False),
    ("2023年1月-9月", D(2023, 1, 1), D(2023, 9, 30), D(2023, 1, 1), False),
    ("2022年3-6月", D(2022, 3, 1), D(2022, 6, 30), D(2022, 3, 1), False),
    ("2024年10-12月", D(2024, 10, 1), D(2024, 12, 31), D(2024, 10, 1), False),
    ("2022年6-9月底前", D(2022, 6, 1), D(2022, 9, 30), D(2022, 6, 1), False),
    ("2023.6-9", D(2023, 6, 1), D(2023, 9, 30), D(2023, 6, 1), False),
    ("2021.1-2025.12", D(2021, 1, 1), D(2025, 12, 31), D(2021, 1, 1), False),
    ("2021年1月至2025年12月", D(2021, 1, 1), D(2025, 12, 31), D(2021, 1, 1), False),
    ("2021年1月1日至2025年6月30日", D(2021, 1, 1), D(2025, 6, 30), D(2021, 1, 1), False),
    ("2021—2025年", D(2021, 1, 1), D(2025, 12, 31), D(2021, 1, 1), False),
    ("2021-2025", D(2021, 1, 1), D(2025, 12, 31), D(2021, 1, 1), False),
    ("2021年至2023年底前", D(2021, 1, 1), D(2023, 12, 31), D(2021, 1, 1), False),
    # a year, half or quarter: its last day is due
    ("2022年", D(2022, 1, 1), D(2022, 12, 31), None, False),
    (2024, D(2024, 1, 1), D(2024, 12, 31), None, False),
    (2024.0, D(2024, 1, 1), D(2024, 12, 31), None, False),
    ("2025年底前", D(2025, 1, 1), D(2025, 12, 31), None, False),
    ("2025年前", D(2025, 1, 1), D(2025, 12, 31), None, False),
    ("2023年末", D(2023, 1, 1), D(2023, 12, 31), None, False),
    ("2023年年底前", D(2023, 1, 1), D(2023, 12, 31), None, False),
    ("2024年内完成", D(2024, 1, 1), D(2024, 12, 31), None, False),
    ("2024年上半年", D(2024, 1, 1), D(2024, 6, 30), None, False),
    ("2023年下半年", D(2023, 7, 1), D(2023, 12, 31), None, False),
    ("2023年二季度", D(2023, 4, 1), D(2023, 6, 30), None, False),
    ("2023年第三季度", D(2023, 7, 1), D(2023, 9, 30), None, False),
    ("2023年三季度末", D(2023, 7, 1), D(2023, 9, 30), None, False),
    ("2023年第二季度末", D(2023, 4, 1), D(2023, 6, 30), None, False),
    ("2023年前三季度", D(2023, 1, 1), D(2023, 9, 30), None, False),
    ("2023Q2", D(2023, 4, 1), D(2023, 6, 30), None, False),
    # a five-year plan's period: its last day (the 14th ran 2021–2025, the 15th 2026–2030)
    ("“十四五”期间", D(2025, 12, 31), D(2025, 12, 31), None, False),
    ("十四五期末", D(2025, 12, 31), D(2025, 12, 31), None, False),
    ("十四五时期", D(2025, 12, 31), D(2025, 12, 31), None, False),
    ("“十五五”末", D(2030, 12, 31), D(2030, 12, 31), None, False),
    ("规划期内", D(END, 12, 31), D(END, 12, 31), None, False),
    # continuous work: the plan's last day, the task continuous
    ("长期坚持", D(END, 12, 31), D(END, 12, 31), None, True),
    ("持续推进", D(END, 12, 31), D(END, 12, 31), None, True),
    ("长期", D(END, 12, 31), D(END, 12, 31), None, True),
    ("每年", D(END, 12, 31), D(END, 12, 31), None, True),
    ("2022年起长期坚持", D(2022, 1, 1), D(END, 12, 31), D(2022, 1, 1), True),
    ("2021年起", D(2021, 1, 1), D(END, 12, 31), D(2021, 1, 1), True),
]


@pytest.mark.parametrize(("written", "first", "last", "range_start", "continuous"), FORMS)
def test_it_reads_every_written_form(written: Any, first: D, last: D, range_start: D | None, continuous: bool) -> None:
    read = when(written)

    assert read is not None
    assert (read.first, read.last, read.range_start, read.continuous) == (first, last, range_start, continuous)


@pytest.mark.parametrize(
    ("written", "note"),
    [("长期坚持", "完成时限：长期坚持"), ("“十四五”期间", "完成时限：“十四五”期间"), ("2023年1-9月", "")],
)
def test_it_keeps_a_text_naming_no_date_in_the_note(written: str, note: str) -> None:
    read = when(written)

    assert read is not None and read.note == note


@pytest.mark.parametrize("written", [None, "", "—", "／", " "])
def test_it_reads_an_empty_cell_as_none(written: Any) -> None:
    assert when(written) is None


@pytest.mark.parametrize(
    ("written", "key", "message"),
    [
        ("尽快", "not_a_date", "expected a date such as 2025年底前, 2023年6月底前, 2022年, 2023-06-30 or 长期坚持, "
                               "got '尽快'"),
        ("2023年13月", "not_a_date", "got '2023年13月'"),
        ("2023年2月30日", "not_a_date", "got '2023年2月30日'"),
        ("2025年-2021年", "range_backwards", "the range '2025年-2021年' ends before it starts"),
        ("2023年9-3月", "range_backwards", "the range '2023年9-3月' ends before it starts"),
        (2023.1, "ambiguous_number", "2023.1 is a number, which cannot tell 2023.1 from 2023.10"),
    ],
)  # fmt: skip
def test_it_refuses_a_text_that_names_no_date(written: Any, key: str, message: str) -> None:
    with pytest.raises(TaskFormatError) as caught:
        when(written)

    assert caught.value.key == key
    assert str(caught.value).startswith("分解.xlsx [Sheet1], row 7, column 完成时限: ")
    assert message in str(caught.value)
