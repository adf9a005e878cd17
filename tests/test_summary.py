"""The tally paragraph, in the shape of a real report."""

from planeval.domain.indicator import Attribute
from planeval.domain.summary import AspectCount, Summary
from planeval.domain.verdict import Reason, Verdict

E, B = Attribute.EXPECTED, Attribute.BINDING


def jinhua() -> Summary:
    # Jinhua 14th FYP mid-term evaluation (shared/data/jinhua/seed_summary.csv): 37 indicators in
    # 8 aspects; 24 on or above schedule (15 expected, 9 binding), 9 of them at target; 11 behind
    # (8 expected, 3 binding); 2 not evaluated for lack of annual data. The split of the 9 reached
    # and of ahead/on schedule by attribute is not published; any split with these totals will do.
    cells = {
        (Verdict.TARGET_REACHED, E): 6,
        (Verdict.TARGET_REACHED, B): 3,
        (Verdict.ON_SCHEDULE, E): 9,
        (Verdict.ON_SCHEDULE, B): 6,
        (Verdict.BEHIND, E): 8,
        (Verdict.BEHIND, B): 3,
        (Verdict.NOT_EVALUATED, E): 1,
        (Verdict.NOT_EVALUATED, B): 1,
    }
    aspects = tuple(AspectCount(f"方面{i}", {}) for i in range(8))
    return Summary(cells=cells, aspects=aspects, reasons={Reason.NO_DATA: 2}, target_year=2025)


def test_it_writes_the_tally_as_the_jinhua_report_orders_it():
    assert jinhua().paragraph == (
        "规划确定的8个方面37项主要指标中，24项达到或超过规划进度要求（预期性15项、约束性9项），"
        "其中9项已提前达到2025年规划目标；11项未达到规划进度要求（预期性8项、约束性3项）；"
        "2项因缺少年度数据暂未评估。"
    )


def test_it_counts_by_verdict_and_attribute():
    summary = jinhua()
    assert summary.total == 37
    assert summary.meeting_schedule == 24
    assert summary.count([Verdict.BEHIND], B) == 3


def test_it_says_so_when_nothing_is_behind_and_one_attribute_only():
    summary = Summary(cells={(Verdict.AHEAD, E): 2}, aspects=(AspectCount("经济", {}),), reasons={}, target_year=2025)
    assert summary.paragraph == (
        "规划确定的1个方面2项主要指标中，2项达到或超过规划进度要求（均为预期性指标）；没有未达到规划进度要求的指标。"
    )


def test_it_names_each_reason_for_not_evaluating():
    summary = Summary(
        cells={(Verdict.NOT_EVALUATED, E): 2},
        aspects=(AspectCount("经济", {}),),
        reasons={Reason.NO_DATA: 1, Reason.INCOMPARABLE_BASIS: 1},
        target_year=2025,
    )
    assert summary.paragraph.endswith("1项因缺少年度数据、1项因统计口径调整导致数据不可比暂未评估。")


def test_it_says_reached_not_reached_early_at_the_end_of_the_plan():
    summary = Summary(cells={(Verdict.TARGET_REACHED, E): 1}, aspects=(AspectCount("经济", {}),), reasons={},
                      target_year=2025, final=True)  # fmt: skip
    assert "其中1项已达到2025年规划目标" in summary.paragraph
