"""Saving the entry form: every row through :mod:`planeval.web.core.values`, all or nothing.

A row the clerk did not change is not saved again (a submitted value stays submitted); with
"submit", every draft that holds a number is then submitted, and a returned value is saved
once more so its history shows the new draft before the submission.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from planeval.web.core import values
from planeval.web.core.models import Evidence, ReportingRound, Value, ValueState
from planeval.web.reporting.forms import ValueForm
from planeval.web.reporting.rows import NUMBER_DIGITS, Row

FORM_FIELDS = ("value", "explanation", "evidence")


@dataclass
class Outcome:
    """What a save did: rows saved and submitted, evidence files kept, or that it failed (row
    errors are on the forms; ``conflicts`` name the rows saved meanwhile by someone else)."""

    saved: int = 0
    submitted: int = 0
    files: int = 0
    invalid: bool = False
    conflicts: list[values.Conflict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.invalid and not self.conflicts


def unchanged(current: Value | None, raw: str, explanation: str) -> bool:
    """True when ``raw`` and ``explanation`` say what is stored (``43.50`` is ``43.5``, and
    ``1,050,000人`` is 105 万人)."""
    if current is None:
        return not raw.strip() and not explanation.strip()
    try:
        number = values.number_of(current.indicator, raw)
    except values.InvalidValue:
        return False
    same = number == current.value or (number is not None and current.value is not None
                                       and round(number - current.value, NUMBER_DIGITS) == 0)  # fmt: skip
    return same and explanation.strip() == current.explanation


def apply(user: AbstractBaseUser | AnonymousUser, round_: ReportingRound, pairs: list[tuple[Row, ValueForm]],
          submit: bool) -> Outcome:  # fmt: skip
    """Save (and with ``submit``, submit) every row in one transaction, rolled back when any row
    fails; errors are added to the row's form.

    Raises:
        PermissionDenied: from :func:`values.save` (the caller checked the rows beforehand).
    """
    outcome = Outcome()
    with transaction.atomic():
        attachments = []
        for row, form in pairs:
            try:
                value = _apply_row(user, round_, row, form.cleaned_data, submit, outcome)
                attachments += _attachment(value, form.cleaned_data.get("evidence"))
            except values.InvalidValue as error:
                form.add_error(error.field if error.field in FORM_FIELDS else "value", error.message)
                outcome.invalid = True
            except values.Conflict as conflict:
                form.conflict = conflict.current
                outcome.conflicts.append(conflict)
        if not outcome.ok:
            transaction.set_rollback(True)
            return outcome
        for value, upload in attachments:  # files are written last, once every row has passed
            Evidence.objects.create(value=value, file=upload, uploaded_by=user)
            outcome.files += 1
    return outcome


def _apply_row(user: AbstractBaseUser | AnonymousUser, round_: ReportingRound, row: Row, data: dict[str, object],
               submit: bool, outcome: Outcome) -> Value | None:  # fmt: skip
    raw, explanation, version = str(data["value"]), str(data["explanation"]), int(str(data["version"]))
    value = row.value
    if not unchanged(value, raw, explanation) or (submit and row.returned):
        value = values.save(user, row.indicator, round_, raw, explanation, version)
        outcome.saved += 1
    elif value is not None and submit and version != value.version:
        raise values.Conflict(value)  # submitting what the clerk has not seen
    if submit and value is not None and value.value is not None and value.state == ValueState.DRAFT:
        values.submit(user, value)
        outcome.submitted += 1
    return value


def _attachment(value: Value | None, upload: object) -> list[tuple[Value, UploadedFile]]:
    if not isinstance(upload, UploadedFile):
        return []
    if value is None:
        raise values.InvalidValue("evidence", _("Enter a value before attaching evidence."))
    return [(value, upload)]
