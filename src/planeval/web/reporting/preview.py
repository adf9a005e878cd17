"""What an uploaded template would change, and every problem in it, before anything is saved.

The preview is kept in the session (plain data, never the file) until the clerk confirms;
confirming saves every change through :func:`planeval.web.core.values.save` in one transaction.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils.translation import gettext as _

from planeval.domain.numbers import format_number
from planeval.web.core import values
from planeval.web.core.models import ValueState
from planeval.web.reporting.rows import NUMBER_DIGITS, Row, department_rows
from planeval.web.reporting.saving import unchanged
from planeval.web.reporting.scope import Scope
from planeval.web.reporting.workbook import COLUMN, Line, marker

SESSION_KEY = "reporting-upload"


@dataclass(frozen=True)
class Change:
    """A row that will be saved: ``old`` and ``new`` as shown, ``raw`` as typed."""

    row: int
    indicator: int
    code: str
    name: str
    old: str
    new: str
    raw: str
    explanation: str
    version: int
    warning: str = ""


@dataclass(frozen=True)
class Problem:
    """Why a cell cannot be saved; ``column`` is the sheet's column letter."""

    row: int
    column: str
    header: str
    message: str
    code: str = ""


@dataclass(frozen=True)
class Preview:
    scope: str  # the template marker: plan, period and department
    filename: str
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unchanged: int = 0

    def to_session(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_session(cls, data: dict[str, Any]) -> Preview:
        return cls(data["scope"], data["filename"], [Change(**c) for c in data["changes"]],
                   [Problem(**p) for p in data["problems"]], data["unchanged"])  # fmt: skip


def _problem(line: Line, key: str, message: str) -> Problem:
    return Problem(line.row, COLUMN[key].letter, str(COLUMN[key].header), message, line.code)


def compare(user: AbstractBaseUser | AnonymousUser, scope: Scope, lines: list[Line], filename: str) -> Preview:
    """The changes and problems of ``lines`` against what is stored for ``scope``."""
    plan_codes = dict(scope.plan.indicators.values_list("code", "department__name"))
    rows = {row.indicator.code: row for row in department_rows(user, scope.round, scope.indicators())}
    changes, problems, same, seen = [], [], 0, {}
    for line in lines:
        row = rows.get(line.code)
        found = _row_problems(line, row, plan_codes, seen, scope)
        seen.setdefault(line.code, line.row)
        if row is not None and not found and unchanged(row.value, line.value, line.explanation):
            same += 1
        elif row is not None and not found:
            found, change = _check(line, row, scope)
            changes += [change] if change else []
        problems += found
    return Preview(marker(scope), filename, changes, problems, same)


def _row_problems(line: Line, row: Row | None, plan_codes: dict[str, str | None], seen: dict[str, int],
                  scope: Scope) -> list[Problem]:  # fmt: skip
    if line.code not in plan_codes:
        return [_problem(line, "code", _("There is no indicator %(code)s in this plan.") % {"code": line.code})]
    if row is None:
        owner = plan_codes[line.code] or _("no department")
        message = _("%(code)s belongs to %(owner)s, not to %(department)s: this row is not saved.")
        return [_problem(line, "code", message % {"code": line.code, "owner": owner, "department": scope.department})]
    if line.code in seen:
        message = _("%(code)s appears again (first in row %(row)d): keep one row per indicator.")
        return [_problem(line, "code", message % {"code": line.code, "row": seen[line.code]})]
    return []


def _check(line: Line, row: Row, scope: Scope) -> tuple[list[Problem], Change | None]:
    if not row.editable:
        message = (_("This value is approved and locked.") if row.state == ValueState.APPROVED
                   else _("You may not change this value now."))  # fmt: skip
        return [_problem(line, "value", message)], None
    if line.version is None:
        return [_problem(line, "version", _("The hidden version cell is missing: download the template again."))], None
    problems = []
    if line.version != row.version:
        message = _("Changed by %(user)s since this file was downloaded (now %(value)s): download the template again.")
        current = row.value.raw if row.value else ""
        by = row.value.updated_by if row.value and row.value.updated_by else "?"
        problems.append(_problem(line, "value", message % {"user": by, "value": current or "—"}))
    try:
        checked = values.check(row.indicator, scope.round.period, line.value)
    except values.InvalidValue as error:
        return [*problems, _problem(line, "value", error.message)], None
    if checked.warning and not line.explanation:
        problems.append(_problem(line, "explanation", checked.warning))
    if problems:
        return problems, None
    return [], Change(line.row, row.indicator.pk, line.code, row.indicator.name, row.current_text or "—",
                      format_number(checked.value, NUMBER_DIGITS), line.value, line.explanation, line.version,
                      checked.warning)  # fmt: skip


@transaction.atomic
def confirm(user: AbstractBaseUser | AnonymousUser, scope: Scope, preview: Preview) -> int:
    """Save every change of ``preview`` (all or nothing); the number saved.

    Raises:
        PermissionDenied, values.InvalidValue, values.Conflict: from :func:`values.save`; nothing
            is saved then.
    """
    indicators = {i.pk: i for i in scope.plan.indicators.filter(pk__in=[c.indicator for c in preview.changes])}
    for change in preview.changes:
        values.save(user, indicators[change.indicator], scope.round, change.raw, change.explanation, change.version)
    return len(preview.changes)
