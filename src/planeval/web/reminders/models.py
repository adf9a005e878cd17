"""The reminders sent: one per round, department and day at most.

A record is written in the same transaction as the e-mail is handed to the mail server: a send
that fails leaves no record, so the next run tries again; the unique constraint keeps two runs
on one day (or two at once) from reminding a department twice.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from planeval.domain.reminder import ReminderKind
from planeval.web.core.models import Department, ReportingRound

KIND_CHOICES = [(ReminderKind.BEFORE.value, _("before the deadline")),
                (ReminderKind.AFTER.value, _("after the deadline"))]  # fmt: skip


class Reminder(models.Model):
    """A reminder of ``round`` sent to the reporters of ``department`` on ``day``."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reminders")
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="reminders")
    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=10, choices=KIND_CHOICES)
    recipients = models.TextField(_("recipients"), help_text=_("E-mail addresses, one a line."))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-day", "round", "department"]
        verbose_name = _("reminder")
        constraints = [
            models.UniqueConstraint(fields=["round", "department", "day"], name="reminder_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.round} {self.department} {self.day}"
