"""Which stored task each task of a re-imported breakdown is (``planeval.web.tasks.matching``): by
text first, by code second; synthetic codes and texts."""

from __future__ import annotations

from planeval.web.tasks.matching import Match, match_tasks, text_key

STORED = {"1-1": "合成任务甲", "1-2": "合成任务乙", "2-1": "合成任务丙"}


def test_it_compares_texts_without_blanks_and_with_full_width_punctuation_read_plainly() -> None:
    assert text_key("合成任务（甲）， 建设 ２ 个园区") == text_key("合成任务(甲),建设2个园区")
    assert text_key("合成任务甲") != text_key("合成任务乙")


def test_it_follows_a_task_renumbered_by_a_new_chapter() -> None:
    # a chapter inserted before: every task moves down one chapter, and a new 1-1 appears
    rows = [("1-1", "合成新任务"), ("2-1", "合成任务甲"), ("2-2", "合成任务乙"), ("3-1", "合成任务丙")]

    match = match_tasks(STORED, rows)

    assert match == Match((None, "1-1", "1-2", "2-1"), frozenset(), {})


def test_it_reads_a_code_with_another_text_as_a_rewording_when_the_old_text_is_gone() -> None:
    rows = [("1-1", "合成任务甲（修订）"), ("1-2", "合成任务乙"), ("2-1", "合成任务丙")]

    assert match_tasks(STORED, rows) == Match(("1-1", "1-2", "2-1"), frozenset({0}), {})


def test_it_reads_a_code_with_another_text_as_a_new_task_when_the_old_text_moved() -> None:
    # 1-1 now holds a new task; 合成任务甲 moved to 1-2, 合成任务乙 to 1-3
    rows = [("1-1", "合成新任务"), ("1-2", "合成任务甲"), ("1-3", "合成任务乙"), ("2-1", "合成任务丙")]

    assert match_tasks(STORED, rows) == Match((None, "1-1", "1-2", "2-1"), frozenset(), {})


def test_it_gives_a_kept_task_another_code_when_the_file_takes_its_own() -> None:
    # 合成任务甲 dropped from the file: 合成任务乙 moves up to 1-1
    rows = [("1-1", "合成任务乙"), ("2-1", "合成任务丙")]

    assert match_tasks(STORED, rows) == Match(("1-2", "2-1"), frozenset(), {"1-1": "1-1（原）"})


def test_it_numbers_a_second_retired_code() -> None:
    stored = {"1-1": "合成任务甲", "1-1（原）": "合成旧任务", "1-2": "合成任务乙"}

    match = match_tasks(stored, [("1-1", "合成任务乙")])

    assert match.targets == ("1-2",) and match.retired == {"1-1": "1-1（原2）"}


def test_it_prefers_the_same_code_among_tasks_of_the_same_text() -> None:
    stored = {"1": "合成阶段任务", "2": "合成阶段任务"}

    assert match_tasks(stored, [("2", "合成阶段任务"), ("3", "合成阶段任务")]).targets == ("2", "1")


def test_it_swaps_two_tasks_codes() -> None:
    assert match_tasks(STORED, [("1-2", "合成任务甲"), ("1-1", "合成任务乙")]).targets == ("1-1", "1-2")
