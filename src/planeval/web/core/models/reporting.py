"""Reporting rounds and the values departments report, with their workflow and history.

A value moves draft → submitted → approved, or submitted → returned (with the reviewer's
comment) → draft again. Approved values are locked. Every change to a value or its state is
kept by django-simple-history (who, when, old, new, and the reason given).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from planeval.web.core.models.plans import Indicator, Plan


class RoundState(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class ReportingRound(models.Model):
    """A call for values for one period (``2025``, ``2025H1``) with an opening and a deadline."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rounds")
    period = models.CharField(_("period"), max_length=20)
    opens = models.DateField(_("opens"))
    deadline = models.DateField(_("deadline"))
    state = models.CharField(_("state"), max_length=10, choices=RoundState.choices, default=RoundState.OPEN)

    class Meta:
        ordering = ["plan", "-deadline"]
        verbose_name = _("reporting round")
        constraints = [models.UniqueConstraint(fields=["plan", "period"], name="round_period_unique")]

    def __str__(self) -> str:
        return f"{self.plan} {self.period}"


class ValueState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned")


class Value(models.Model):
    """A reported value of an indicator for a period, in the workflow.

    ``version`` grows with every save: a form or upload carries the version it was made from,
    and a save from a stale version is refused as a conflict. The value saved meanwhile stays,
    with the version both people started from, in the history; the refused text is not written
    there (the history holds only what the value was) but goes back to its author — the form
    shows it beside the other's, the API answers 409 with the stored value — and saving it again
    adds it as the next version. ``raw`` keeps the text as typed (``１２．５``, ``60.6*``).
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    round = models.ForeignKey(ReportingRound, on_delete=models.SET_NULL, null=True, blank=True, related_name="values")
    period = models.CharField(_("period"), max_length=20)
    value = models.FloatField(_("value"), null=True, blank=True)
    raw = models.CharField(_("as typed"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=ValueState.choices, default=ValueState.DRAFT)
    explanation = models.TextField(_("explanation"), blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    vintage = models.CharField(_("vintage"), max_length=40, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period"]
        verbose_name = _("value")
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="value_period_unique")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period} = {self.value}"


class Evidence(models.Model):
    """A file backing a value (a statistical bulletin, a scanned table)."""

    value = models.ForeignKey(Value, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
