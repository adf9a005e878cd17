"""The plan's main-indicator table as stored: what the core turns into a domain Plan."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from planeval.web.core.models.people import Department


class Plan(models.Model):
    """A plan (规划纲要): title, region and period (base year + 1 to the target year)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    region = models.CharField(_("region"), max_length=100, blank=True)
    base_year = models.PositiveIntegerField(_("base year"))
    end_year = models.PositiveIntegerField(_("target year"))

    class Meta:
        ordering = ["title"]
        verbose_name = _("plan")

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """One row of the indicator table; ``target_text`` as printed, parsed by the core."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField(_("position"))
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    aspect = models.CharField(_("aspect"), max_length=100)
    attribute = models.CharField(_("attribute"), max_length=10, choices=[("expected", _("expected")),
                                                                          ("binding", _("binding"))])  # fmt: skip
    direction = models.CharField(_("direction"), max_length=10, choices=[("increase", _("increase")),
                                                                          ("decrease", _("decrease"))])  # fmt: skip
    base_year = models.PositiveIntegerField(_("base year"))
    base_value = models.FloatField(_("base value"), null=True, blank=True)
    base_estimated = models.BooleanField(_("base value estimated"), default=False)
    target_text = models.CharField(_("target"), max_length=200, blank=True)
    target_year = models.PositiveIntegerField(_("target year"))
    frequency = models.CharField(_("frequency"), max_length=10, default="year")
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="indicators", verbose_name=_("department"))  # fmt: skip
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("indicator")
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="indicator_code_unique_in_plan")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class AnnualTarget(models.Model):
    """A yearly target (年度目标) of an indicator, as the text the year's report writes
    (``5%左右``, ``3.9``): published ones come with the plan folder, and the planning office sets
    or clears one on the indicator page (``set_by``). It overrides the computed yearly target of
    its year (:mod:`planeval.yearly_targets`); every change is kept by django-simple-history."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="annual_targets")
    year = models.PositiveIntegerField(_("year"))
    target_text = models.CharField(_("target"), max_length=100)
    source = models.CharField(_("source"), max_length=200, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("set by"))  # fmt: skip
    updated_at = models.DateTimeField(_("updated"), auto_now=True, null=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("yearly target")
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="annual_target_unique")]
