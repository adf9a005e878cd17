"""Departments (责任单位) and the role each user has."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    """A responsible department, e.g. 国家统计局; it reports the values of its indicators."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """What a user may do: the planning office runs everything; a reporter reports for one
    department; a reviewer approves or returns values; a viewer reads dashboards."""

    PLANNER = "planner", _("planning office")
    REPORTER = "reporter", _("department reporter")
    REVIEWER = "reviewer", _("reviewer")
    VIEWER = "viewer", _("viewer")


class Membership(models.Model):
    """A user's role, and for a reporter the department it reports for."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="reporter") | models.Q(department__isnull=False),
                name="reporter_has_department",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"
