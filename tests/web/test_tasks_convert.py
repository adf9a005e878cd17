"""Stored tasks become the core's tasks, with their project facts, milestones and updates."""

from datetime import date

from planeval.domain.task import TaskStatus, assess_task
from planeval.web.tasks.convert import domain_tasks
from planeval.web.tasks.models import Milestone, ProgressUpdate, Task


def test_it_converts_a_project_with_its_milestones_and_updates(world, django_assert_max_num_queries) -> None:
    task = Task.objects.create(plan=world.plan, code="P1", text="建设合成项目", lead=world.department_a,
                               start=date(2021, 1, 1), due=date(2025, 12, 31), planned_investment=120,
                               planned_start=date(2021, 1, 1), actual_start=date(2021, 3, 1))  # fmt: skip
    task.cooperating.add(world.department_b)
    Milestone.objects.create(task=task, year=2022, text="主体完工")
    ProgressUpdate.objects.create(task=task, reported_on=date(2022, 12, 31), percent=50, investment_completed=45.5)
    ProgressUpdate.objects.create(task=task, reported_on=date(2022, 6, 30), percent=30)
    with django_assert_max_num_queries(5):
        (converted,) = domain_tasks(Task.objects.filter(plan=world.plan))
    assert (converted.lead, converted.cooperating) == ("甲局", ("乙局",))
    assert converted.project is not None and converted.project.planned_investment == 120
    assert [m.text for m in converted.milestones] == ["主体完工"]
    # the latest update: 45.5 of 120 亿元 < 120 × 0.4 × 0.95 = 45.6 on 2023-01-01 (share 730/1825 = 0.4)
    assessment = assess_task(converted, date(2023, 1, 1))
    assert (assessment.percent, assessment.status) == (50.0, TaskStatus.DELAYED)
