"""The office's text for the report, read from report.yaml."""

import re
from pathlib import Path

import pytest

from planeval.errors import PlanFormatError
from planeval.io import load_plan_folder
from planeval.io.report_text import read_office_text
from planeval.reports.model import OfficeText

EXAMPLE = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"


@pytest.fixture(scope="module")
def plan():
    return load_plan_folder(EXAMPLE).plan


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "report.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_it_reads_nothing_when_there_is_no_report_yaml(tmp_path, plan):
    assert read_office_text(tmp_path, plan) == OfficeText()


def test_it_reads_the_office_text_and_chapters(tmp_path, plan):
    folder = write(
        tmp_path,
        """
title: 某某评估报告
issuer: 某某发展和改革委员会
adopted: 2021年3月11日
chapters:
  - title: 坚持创新驱动发展
    indicators: [N04, 每万人口高价值发明专利拥有量]
    requirement: |
      第一段。

      第二段。
problems: 存在问题。
""",
    )
    office = read_office_text(folder, plan)
    assert (office.title, office.issuer, office.adopted, office.problems) == (
        "某某评估报告", "某某发展和改革委员会", "2021年3月11日", "存在问题。")  # fmt: skip
    [chapter] = office.chapters
    assert chapter.indicators == ("N04", "N05")
    assert chapter.requirement == "第一段。\n\n第二段。\n"
    assert chapter.achievements is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("chapters: [{title: 甲, indicators: [N99]}]", "chapters[0].indicators: the plan has no indicator 'N99'"),
        ("chapters: [{indicators: [N01]}]", "chapters[0]: expected a mapping with a title"),
        ("chapters: 甲", "column chapters: expected a list"),
        ("problems: [a, b]", "column problems: expected text"),
        ("title: [unclosed", "is not valid YAML"),
    ],
)
def test_it_names_what_is_wrong(tmp_path, plan, text, message):
    with pytest.raises(PlanFormatError, match=message.replace("[", r"\[").replace("]", r"\]")) as caught:
        read_office_text(write(tmp_path, text), plan)
    assert "report.yaml" in str(caught.value)


def test_it_reads_a_yaml_date_as_a_chinese_date(tmp_path, plan):
    office = read_office_text(write(tmp_path, "adopted: 2021-02-25\ndate: 2023年8月\n"), plan)
    assert (office.adopted, office.date) == ("2021年2月25日", "2023年8月")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("titel: 某报告", "column titel: is not a field"),
        ("chapters: [{title: 甲, indicators: N04}]", "chapters[0].indicators: expected a list"),
        ("chapters: [{title: 甲, indicators: [N04, N04]}]", "'N04' is listed twice"),
        ("chapters: [{title: 甲, requirment: 乙}]", "chapters[0].requirment: is not a field"),
        ("title: true", "column title: expected text"),
        ("title: a\nproblems: [unclosed\n", "row 3"),
    ],
)
def test_it_names_more_mistakes(tmp_path, plan, text, message):
    with pytest.raises(PlanFormatError, match=re.escape(message)):
        read_office_text(write(tmp_path, text), plan)
