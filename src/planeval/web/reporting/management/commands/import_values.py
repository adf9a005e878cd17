"""``planeval manage import_values FILE --plan SLUG --round PERIOD --user USERNAME``.

Like the other commands, it speaks English whatever the site's language: its messages, the
problems of the file and the value checks' questions are all given in English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser, no_translations

from planeval.errors import PlanevalError
from planeval.io.submission import Problem
from planeval.web.core.models import ReportingRound
from planeval.web.reporting.imports import plan_import, save_all

PROGRESS_EVERY = 10


class Command(BaseCommand):
    help = (
        "Store a department's values file (.xlsx or .csv, read as `planeval import-check` reads it) for a "
        "reporting round, as drafts saved by USERNAME: all values in one transaction, or none when the file "
        "has any problem. Values equal to the stored ones are skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The values file (.xlsx or .csv).")
        parser.add_argument("--plan", required=True, help="The plan's slug.")
        parser.add_argument("--round", required=True, dest="period", help="The round's period, e.g. 2025.")
        parser.add_argument("--user", required=True, dest="username", help="Who saves the values.")
        parser.add_argument("--explanation", default="", help="Saved with every value; needed for questioned ones.")

    @no_translations
    def handle(self, *args: Any, **options: Any) -> None:
        round_ = ReportingRound.objects.filter(plan__slug=options["plan"], period=options["period"]).first()
        if round_ is None:
            raise CommandError(f"no round {options['period']} of a plan {options['plan']!r}")
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no user {options['username']!r}")
        try:
            found = plan_import(options["file"], round_, user, options["explanation"])
        except PlanevalError as error:
            raise CommandError(str(error)) from None
        for note in found.notes:
            self.stdout.write(f"note: {_place(note)}: {note.message}")
        for problem in found.problems:
            self.stderr.write(f"{_place(problem)}: {problem.message}")
        if found.problems:
            raise CommandError(f"{len(found.problems)} problems in {options['file']}: nothing was stored")
        saved = save_all(user, round_, found.pending, options["explanation"], self._progress)
        self.stdout.write(f"saved {saved} values for round {round_.period}; {found.same} already stored")

    def _progress(self, saved: int, total: int) -> None:
        if saved % PROGRESS_EVERY == 0:
            self.stdout.write(f"saved {saved} of {total}")
            self.stdout.flush()


def _place(problem: Problem) -> str:
    return ", ".join(str(p) for p in (problem.sheet, problem.row and f"row {problem.row}",
                                      problem.column and f"column {problem.column}") if p)  # fmt: skip
