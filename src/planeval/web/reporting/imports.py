"""Storing a department's values file: what :func:`planeval.io.submission.read_submission`
reads, checked against the stored plan, the round and the user's rights, then saved through
:func:`planeval.web.core.values.save` — all of it, or none.

The file is read against the approved values (a percent typed as a fraction of the last one is
a problem); a jump against the last approved value is questioned by the value checks, as on the
reporting form, and passes with an explanation. What the reader skipped on purpose (hidden rows,
a growth column) comes back as notes, which stop nothing. A value equal to the stored one is
skipped, so importing the same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from planeval.domain.numbers import format_number
from planeval.domain.period import format_period, parse_period
from planeval.io.submission import Problem, SubmittedValue, read_submission
from planeval.web.core import values
from planeval.web.core.access import may_report
from planeval.web.core.convert import domain_plan, observations
from planeval.web.core.models import Indicator, ReportingRound, Value, ValueState

ENTRY_DIGITS = 10
"""Decimals of the text saved for a value whose unit came from its row or column header."""
SAME_DIGITS = 10
"""A value equal to the stored one to this many decimals is not saved again."""


@dataclass(frozen=True)
class Pending:
    """A value to save: its indicator, what was read, and the text to save as typed."""

    indicator: Indicator
    read: SubmittedValue
    entry: str


@dataclass(frozen=True)
class Prepared:
    """What an import would do: the values to save, the values already stored, every problem,
    and the notes on what the file's reader skipped."""

    pending: list[Pending] = field(default_factory=list)
    same: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


def plan_import(path: Path, round_: ReportingRound, user: AbstractBaseUser | AnonymousUser,
                explanation: str = "") -> Prepared:  # fmt: skip
    """Read ``path`` for ``round_`` and check every value as :func:`values.save` would.

    Problems, besides those of the file: a value for another period than the round's; one the
    user may not write (another department's, an approved one); one the value checks question
    (a unit slip, a jump) when no ``explanation`` is given.

    Raises:
        PlanFormatError: the file cannot be read (see :func:`read_submission`).
    """
    submission = read_submission(path, domain_plan(round_.plan), observations(round_.plan))
    indicators = {i.code: i for i in round_.plan.indicators.select_related("department")}
    stored = {v.indicator.code: v for v in Value.objects.filter(indicator__plan=round_.plan, period=round_.period)
              .select_related("indicator")}  # fmt: skip
    result = Prepared(problems=list(submission.errors))  # jumps: questioned by values.check below
    period = parse_period(round_.period)
    same = 0
    for read in submission.observations:
        indicator, current = indicators[read.code], stored.get(read.code)
        problem = _problem(read, period == read.period, round_, user, indicator, current)
        if problem:
            result.problems.append(Problem(read.sheet, read.row, read.column, problem))
        elif current is not None and _same(current.value, read.value):
            same += 1
        else:
            entry = _entry(read, indicator)
            message = _checked(indicator, round_, entry, explanation)
            if message:
                result.problems.append(Problem(read.sheet, read.row, read.column, f"{read.code}: {message}"))
            else:
                result.pending.append(Pending(indicator, read, entry))
    return Prepared(result.pending, same, _in_order(result.problems), list(submission.notes))


def _in_order(problems: list[Problem]) -> list[Problem]:
    """The problems by sheet (in the file's order), row and column."""
    sheets = {sheet: n for n, sheet in enumerate(dict.fromkeys(p.sheet for p in problems))}
    return sorted(problems, key=lambda p: (sheets[p.sheet], p.row or 0, len(p.column or ""), p.column or ""))


def _same(stored: float | None, value: float) -> bool:
    """Whether ``value`` equals ``stored`` to :data:`SAME_DIGITS` decimals (never a missing one)."""
    return stored is not None and round(stored - value, SAME_DIGITS) == 0


def _problem(read: SubmittedValue, in_round: bool, round_: ReportingRound, user: AbstractBaseUser | AnonymousUser,
             indicator: Indicator, current: Value | None) -> str:  # fmt: skip
    if not in_round:
        return f"{read.code} {format_period(read.period)} is not the period of round {round_.period}"
    if current is not None and current.state == ValueState.APPROVED:
        if _same(current.value, read.value):
            return ""
        return f"{read.code} {round_.period} is approved and locked (stored {format_number(current.value, 6)})"
    if not may_report(user, indicator, round_, current):
        return f"{user} may not report {read.code} in round {round_.period}"
    return ""


def _entry(read: SubmittedValue, indicator: Indicator) -> str:
    """The cell as typed when it reads the same on its own; else the value in the indicator's
    unit (a unit given by the row or the column header is not in the cell's text)."""
    try:
        alone = values.number_of(indicator, read.raw)
    except values.InvalidValue:
        alone = None
    if _same(alone, read.value):
        return read.raw
    return format_number(read.value, ENTRY_DIGITS)


def _checked(indicator: Indicator, round_: ReportingRound, entry: str, explanation: str) -> str:
    try:
        checked = values.check(indicator, round_.period, entry)
    except values.InvalidValue as error:
        return error.message
    if checked.warning and not explanation.strip():
        return f"{checked.warning} Give an explanation (--explanation) to import it."
    return ""


@transaction.atomic
def save_all(user: AbstractBaseUser | AnonymousUser, round_: ReportingRound, pending: list[Pending],
             explanation: str = "", progress: Callable[[int, int], None] | None = None) -> int:  # fmt: skip
    """Save every pending value in one transaction; ``progress(saved, total)`` after each.
    The number saved.

    Raises:
        PermissionDenied, values.InvalidValue, values.Conflict: from :func:`values.save`;
            nothing is saved then.
    """
    for number, item in enumerate(pending, start=1):
        values.save(user, item.indicator, round_, item.entry, explanation)
        if progress is not None:
            progress(number, len(pending))
    return len(pending)
