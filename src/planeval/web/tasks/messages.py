"""A refused breakdown file, said in the page's language.

The readers (:mod:`planeval.io.tasks`) raise a :class:`~planeval.io.task_messages.TaskFormatError`
that keeps its message key and values; here the English template is translated (the app's
catalogue holds each template of :data:`planeval.io.task_messages.MESSAGES` as a message id) and
the place is written the way the language writes it: ``第7行「牵头单位」列：…`` in Chinese,
``row 7, column 牵头单位: …`` in English, the very text the command line prints. An error of
another reader keeps its English message under a translated place.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from planeval.errors import PlanError, PlanFormatError
from planeval.io.task_messages import MESSAGES, TaskFormatError


def describe(error: PlanError) -> str:
    """``error`` as a sentence of the active language: its place (file, row, column) and what
    is wrong."""
    if not isinstance(error, PlanFormatError):
        return str(error)
    message = _(MESSAGES[error.key]) % error.params if isinstance(error, TaskFormatError) else _bare(error)
    values = {"file": error.path, "row": error.row, "column": error.column, "message": message}
    if error.row is not None and error.column is not None:
        return _("%(file)s, row %(row)s, column %(column)s: %(message)s") % values
    if error.row is not None:
        return _("%(file)s, row %(row)s: %(message)s") % values
    if error.column is not None:
        return _("%(file)s, column %(column)s: %(message)s") % values
    return _("%(file)s: %(message)s") % values


def _bare(error: PlanFormatError) -> str:
    """The message of ``error`` without the place :class:`PlanFormatError` puts before it."""
    place = [error.path, *([f"row {error.row}"] if error.row is not None else []),
             *([f"column {error.column}"] if error.column is not None else [])]  # fmt: skip
    return str(error).removeprefix(f"{', '.join(place)}: ")
