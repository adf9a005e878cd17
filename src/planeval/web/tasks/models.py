"""Key tasks and major projects as stored, with milestones and progress updates.

The status of a task is never stored: the core derives it from the schedule and the latest
update (:func:`planeval.domain.task.assess_task`), through :mod:`planeval.web.tasks.convert`.
Every change to a task (its cooperating departments included), a milestone or an update is
kept by django-simple-history.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from planeval.web.core.models import Department, Plan


class Task(models.Model):
    """A key task (重点任务) of the responsibility breakdown; with ``planned_investment`` set it
    is a major project (重大项目), investment in 亿元."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveIntegerField(_("position"), default=0)
    code = models.CharField(_("code"), max_length=40)
    chapter = models.CharField(_("chapter"), max_length=200, blank=True)
    text = models.TextField(_("task"))
    lead = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="led_tasks", verbose_name=_("lead department")
    )
    cooperating = models.ManyToManyField(Department, blank=True, related_name="cooperating_tasks",
                                         verbose_name=_("cooperating departments"))  # fmt: skip
    start = models.DateField(_("start"))
    due = models.DateField(_("due"))
    planned_investment = models.FloatField(_("planned investment (100 million yuan)"), null=True, blank=True,
                                           validators=[MinValueValidator(0.0)])  # fmt: skip
    planned_start = models.DateField(_("planned start of works"), null=True, blank=True)
    planned_completion = models.DateField(_("planned completion"), null=True, blank=True)
    actual_start = models.DateField(_("actual start of works"), null=True, blank=True)
    actual_completion = models.DateField(_("actual completion"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    continuous = models.BooleanField(
        _("continuous"), default=False, help_text=_("Work without a real due date (长期坚持), judged by its updates.")
    )
    history = HistoricalRecords(m2m_fields=[cooperating])

    class Meta:
        ordering = ["plan", "position", "code"]
        verbose_name = _("task")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="task_code_unique_in_plan"),
            models.CheckConstraint(condition=models.Q(due__gte=models.F("start")), name="task_due_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:40]}"

    @property
    def is_project(self) -> bool:
        return self.planned_investment is not None


class Milestone(models.Model):
    """What a task must have done by the end of ``year`` (年度节点)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="milestones")
    year = models.PositiveIntegerField(_("year"))
    text = models.CharField(_("milestone"), max_length=300)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["task", "year", "pk"]
        verbose_name = _("milestone")


class ProgressUpdate(models.Model):
    """A department's report on a task: percent complete, narrative, evidence, and for a
    project the investment completed so far (亿元, cumulative)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    reported_on = models.DateField(_("reported on"))
    percent = models.FloatField(_("percent complete"), validators=[MinValueValidator(0.0), MaxValueValidator(100.0)])
    investment_completed = models.FloatField(_("investment completed (100 million yuan)"), null=True, blank=True,
                                             validators=[MinValueValidator(0.0)])  # fmt: skip
    narrative = models.TextField(_("progress made"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to="tasks/%Y/%m/", blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["task", "-reported_on", "-pk"]
        verbose_name = _("progress update")
        constraints = [
            models.CheckConstraint(condition=models.Q(percent__gte=0) & models.Q(percent__lte=100),
                                   name="progress_percent_0_100"),
        ]  # fmt: skip
