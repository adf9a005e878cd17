"""Supervision items (督办单) and the rectification reports (整改报告) that answer them.

An item moves open → answered → closed (销号), or answered → returned (with the office's
comment) → answered again; its escalation level rises while it waits on the department past its
deadline (:mod:`planeval.domain.escalation`). Every change is kept by django-simple-history (who, when,
the fields before and after, and the reason), and every step goes through
:mod:`planeval.web.supervision.service`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from planeval.domain.escalation import days_overdue
from planeval.errors import PlanevalError
from planeval.web.core.models import Department, Indicator, Plan
from planeval.web.tasks.models import Task

RULE_MAX_LENGTH = 60
LEVEL_LABELS = {1: _("level 1 · reminder"), 2: _("level 2 · reported")}
"""The escalation levels of :mod:`planeval.domain.escalation` as the pages name them (催办, 通报)."""


class Kind(models.TextChoices):
    """How the office checked: on paper (the department's own account) or on site."""

    WRITTEN = "written", pgettext_lazy("supervision", "written supervision")
    ON_SITE = "on_site", pgettext_lazy("supervision", "on-site supervision")


class ItemState(models.TextChoices):
    OPEN = "open", pgettext_lazy("supervision", "awaiting rectification")
    ANSWERED = "answered", pgettext_lazy("supervision", "answered")
    RETURNED = "returned", pgettext_lazy("supervision", "sent back")
    CLOSED = "closed", pgettext_lazy("supervision", "closed")


class SupervisionItem(models.Model):
    """A supervision item: what the office found, what it requires, of which department, by when.

    ``year`` and ``sequence`` make the item's number, 督办〔2026〕3号: the third item of the plan
    entered with an opening date in 2026. Numbers follow the order items are entered, as in a
    register of outgoing documents (发文登记): an item entered later with an earlier opening date
    takes the next free number of its year, not a place among the earlier ones. The subject is
    an indicator, a task, or neither (an item about a department's reporting); ``rule`` names the
    early warning rule the item came from, if any. ``returned_on`` is the day the office last
    sent the department's answer back.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="supervision_items")
    year = models.PositiveIntegerField(pgettext_lazy("supervision", "year"))
    sequence = models.PositiveIntegerField(pgettext_lazy("supervision", "number"))
    kind = models.CharField(
        pgettext_lazy("supervision", "kind"), max_length=10, choices=Kind.choices, default=Kind.WRITTEN
    )
    opened_on = models.DateField(pgettext_lazy("supervision", "opened on"))
    findings = models.TextField(pgettext_lazy("supervision", "findings"))
    requirement = models.TextField(pgettext_lazy("supervision", "rectification required"))
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="supervision_items",
        verbose_name=pgettext_lazy("supervision", "responsible department"),
    )
    deadline = models.DateField(pgettext_lazy("supervision", "rectification deadline"))
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervision_items",
        verbose_name=pgettext_lazy("supervision", "indicator"),
    )
    task = models.ForeignKey(
        Task,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervision_items",
        verbose_name=pgettext_lazy("supervision", "task"),
    )
    rule = models.CharField(pgettext_lazy("supervision", "warning rule"), max_length=RULE_MAX_LENGTH, blank=True)
    state = models.CharField(
        pgettext_lazy("supervision", "state"), max_length=10, choices=ItemState.choices, default=ItemState.OPEN
    )
    escalation_level = models.PositiveSmallIntegerField(pgettext_lazy("supervision", "escalation level"), default=0)
    office_comment = models.TextField(pgettext_lazy("supervision", "office's comment"), blank=True)
    closed_on = models.DateField(pgettext_lazy("supervision", "closed on"), null=True, blank=True)
    returned_on = models.DateField(pgettext_lazy("supervision", "last sent back on"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("supervision", "opened by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "-year", "-sequence"]
        verbose_name = pgettext_lazy("supervision", "supervision item")
        constraints = [
            models.UniqueConstraint(fields=["plan", "year", "sequence"], name="supervision_number_unique"),
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("opened_on")), name="supervision_deadline_after_opening"
            ),
            models.CheckConstraint(
                condition=models.Q(indicator__isnull=True) | models.Q(task__isnull=True), name="supervision_one_subject"
            ),
            models.CheckConstraint(condition=models.Q(escalation_level__lte=2), name="supervision_level_0_2"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        """The item's number as the office writes it: 督办〔2026〕3号."""
        return str(_("Supervision 〔%(year)d〕 No. %(sequence)d") % {"year": self.year, "sequence": self.sequence})

    @property
    def subject(self) -> Indicator | Task | None:
        return self.indicator or self.task

    def days_overdue(self, on: datetime.date) -> int:
        """Days the department is late on ``on``: counted from the deadline, or from the day the
        item was sent back when that came later (:func:`planeval.domain.escalation.overdue_since`);
        0 while the item is not the department's to answer (answered, closed) or not yet late."""
        if not self.awaits_department:
            return 0
        return max(0, days_overdue(self.deadline, on, self.returned_on))

    def is_overdue(self, on: datetime.date) -> bool:
        """Waiting on the department and late on ``on`` (see :meth:`days_overdue`)."""
        return self.days_overdue(on) > 0

    @property
    def rule_label(self) -> str:
        """The warning rule as the warnings page names it; the name itself for a rule that is
        not registered (typed by hand)."""
        from planeval.web.warnings.page import rule_label  # the warnings page's names, looked up late

        try:
            return rule_label(self.rule) if self.rule else ""
        except PlanevalError:
            return self.rule

    @property
    def level_label(self) -> str:
        """``""`` at level 0, else the level's name."""
        return str(LEVEL_LABELS.get(self.escalation_level, ""))

    @property
    def awaits_department(self) -> bool:
        return self.state in (ItemState.OPEN, ItemState.RETURNED)


class Rectification(models.Model):
    """A department's rectification report (整改报告): what it did, with evidence files."""

    item = models.ForeignKey(SupervisionItem, on_delete=models.CASCADE, related_name="rectifications")
    text = models.TextField(pgettext_lazy("supervision", "rectification report"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("supervision", "submitted by"),
    )
    submitted_at = models.DateTimeField(pgettext_lazy("supervision", "submitted at"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "submitted_at", "pk"]
        verbose_name = pgettext_lazy("supervision", "rectification report")


class RectificationFile(models.Model):
    """An evidence file of a rectification report (checked as value evidence is), with the name
    it was uploaded under (the stored file's name may carry a suffix that keeps it unique)."""

    rectification = models.ForeignKey(Rectification, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(pgettext_lazy("supervision", "file"), upload_to="supervision/%Y/%m/")
    name = models.CharField(pgettext_lazy("supervision", "file name"), max_length=255)

    class Meta:
        ordering = ["rectification", "pk"]
        verbose_name = pgettext_lazy("supervision", "evidence file")
