"""One plan with everything that belongs to it, in one file, and back into a database.

``planeval manage export_plan SLUG --out FILE`` writes the file, ``planeval manage import_plan
FILE`` reads it (the two commands in ``management/commands``). The modules: :mod:`.format`
(the parts of the file as data, the checksum, reading and writing the file), :mod:`.export`,
:mod:`.checks` (every field of a file's rows checked before it is stored), :mod:`.staging` (a
restore's files kept apart until it commits) and :mod:`.restore`.

The file
========

JSON in UTF-8, gzip-compressed when its name ends in ``.gz`` (``plan.json.gz``)::

    {
      "format": "planeval-plan",        # FORMAT: what the file is
      "version": 3,                     # VERSION: how "content" is laid out
      "sha256": "9f2c…",                # checksum of "content", see below
      "content": {
        "exported_at": "2025-03-01T08:00:00+00:00",
        "plan": {"slug", "title", "region", "base_year", "end_year"},
        "departments": [{"code", "name"}],            # every department the rows below name
        "users": ["clerk_nbs", "reviewer", …],        # every user the rows below name
        "rounds": [{"period", "opens", "deadline", "state"}],
        "indicators": [{"position", "code", "name", "unit", "aspect", "attribute", "direction",
                        "base_year", "base_value", "base_estimated", "target_text",
                        "target_year", "frequency", "department", "note"}],
        "annual_targets": [{"key", "indicator", "year", "target_text", "source", "set_by",
                            "updated_at"}],
        "values": [{"key", "indicator", "round", "period", "value", "raw", "state",
                    "explanation", "review_comment", "vintage", "source", "note", "version",
                    "updated_by", "updated_at",
                    "evidence": [{"path",             # the file's name in the media folder
                                  "name",             # the file's own name (公报.pdf)
                                  "uploaded_by", "uploaded_at",
                                  "content"}]}],      # the file's bytes, base64
        "tasks": [{"key", "position", "code", "chapter", "text", "lead", "start", "due",
                   "planned_investment", "planned_start", "planned_completion",
                   "actual_start", "actual_completion", "note", "continuous",
                   "cooperating": [{"key", "department"}]}],
        "milestones": [{"key", "task", "year", "text", "done_on"}],
        "progress_updates": [{"key", "task", "reported_on", "percent", "investment_completed",
                              "narrative", "reported_by", "created_at",
                              "evidence",             # the file's path, "" for none
                              "evidence_content"}],   # its bytes, base64; null for none
        "supervision_items": [{"key", "year", "sequence", "kind", "opened_on", "findings",
                               "requirement", "department", "deadline", "indicator", "task",
                               "rule", "state", "escalation_level", "office_comment",
                               "closed_on", "returned_on", "opened_by", "updated_by", "updated_at"}],
        "rectifications": [{"key", "item", "text", "submitted_by", "submitted_at",
                            "files": [{"path", "name", "content"}]}],
        "reminders": [{"round", "department", "day", "kind", "recipients", "sent_at"}],
        "target_history": [{"key", <the fields of "annual_targets">,
                            "history_date", "history_type", "history_user",
                            "history_change_reason"}],
        "value_history": [{"key", <the fields of "values" but evidence>, <the same four>}],
        "task_history": [{"key", <the fields of "tasks">, <the same four>}],
        "milestone_history", "progress_update_history", "supervision_item_history",
        "rectification_history": likewise, with the fields of their rows (an update's
                                 "evidence" is the file's path only)
      }
    }

Version 1 files have no ``tasks`` and nothing after it in this list but the first two
histories; they are read with those parts empty. Version 2 files have no ``continuous`` in tasks
and no ``returned_on`` in supervision items (nor in their records): they are read as false and
null (:data:`~.format.ADDED`).

A reference to another row is written as that row's name: a user by username, a department, an
indicator or a task by its code, a round by its period, a supervision item by its number, year
and sequence (``"2026-3"`` for 督办〔2026〕3号); ``null`` for none, or for a row deleted since.
The plan a row belongs to is the file's, and is not written. Dates are ISO 8601
(``2025-03-01``), moments ISO 8601 with their UTC offset. ``key`` is the row's id where it was
exported; a history record carries the key of the row it records, which is in no row of the
file when that row was deleted before the export (``history_type`` ``"-"`` closes its records).
A task's record holds its cooperating departments as they were then, each link with its own
``key`` (a link removed since is in no task's ``cooperating``). Records are in the order they
were made. Records of rows whose indicator, task or supervision item was deleted before the
export are not carried.

``sha256`` is the SHA-256 (hex) of ``content`` written canonically: keys sorted, no spaces
(``separators=(",", ":")``), non-ASCII characters as they are, UTF-8. It finds accidental damage
(a bad disk, a copy cut short), not a change made on purpose: anyone can compute it again. A
file is therefore read as any input from elsewhere: strictly JSON (no ``NaN``), and every field
of every row checked before anything is stored (:mod:`.checks`).

Restoring
=========

:func:`restore_plan` stores the file's plan in one transaction: any error leaves the database
as it was. A plan with the file's slug is refused unless ``replace``; then it is deleted with
its history and files (refused too when deleting it would take rows the file does not carry
from other parts of the site, :func:`uncarried`). Departments are matched by code and must have
the same name. Users missing here are created inactive, with the username and no password, so
that the history keeps naming them; a planner activates those who should sign in. Every row
gets a new id, and the records of a row follow it (a deleted row's id is taken and left free);
dates (``updated_at``, ``uploaded_at``, ``created_at``, ``sent_at``, ``history_date``) are kept
as written. A file is written under its path, with a suffix when that name is taken. The
reminders sent come along, so that a restored site does not send them again. Who may do what
(memberships) is the site's, not the plan's: it is not in the file. The files are written to a
staging folder of the restore's own in the media folder and moved into place once the
transaction commits; a restore that fails removes it, and the next restore removes those that
killed restores left behind (:mod:`.staging`).
"""

from planeval.web.core.backup.export import export_plan, uncarried
from planeval.web.core.backup.format import FORMAT, PARTS, READS, VERSION, checksum, read_backup, write_backup
from planeval.web.core.backup.restore import BATCH_ROWS, Restored, restore_plan

__all__ = [
    "BATCH_ROWS",
    "FORMAT",
    "PARTS",
    "READS",
    "VERSION",
    "Restored",
    "checksum",
    "export_plan",
    "read_backup",
    "restore_plan",
    "uncarried",
    "write_backup",
]
