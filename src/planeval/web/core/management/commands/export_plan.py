"""``planeval manage export_plan SLUG --out FILE``: one plan with its indicators, yearly targets,
departments, reporting rounds, values (states, text as typed, explanations, review comments),
key tasks and major projects with their milestones and progress updates, supervision items with
their rectification reports, the reminders sent, every evidence file and the full history of
all of them, in one JSON file (gzip when FILE ends in ``.gz``).

The file's format is described in :mod:`planeval.web.core.backup`; ``import_plan`` reads it.
Exit code 2 with a one-line message when the plan is unknown, an evidence file is missing, or
the database cannot be read (one without the site's tables: ``planeval manage migrate`` makes
them, and then holds no plan to export).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from planeval.errors import PlanevalError
from planeval.web.core.backup import PARTS, export_plan, uncarried, write_backup
from planeval.web.core.models import Plan


class Command(BaseCommand):
    help = (
        "Write one plan with everything that belongs to it (values, tasks, supervision, history, evidence) to a "
        "JSON file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the plan's slug, e.g. cn-14th-fyp")
        parser.add_argument("--out", required=True, type=Path, help="the file to write (.json, or .json.gz)")

    def handle(self, *args: Any, slug: str, out: Path, **options: Any) -> None:
        try:
            self._export(slug, out)
        except DatabaseError as error:  # the database cannot be reached, or has no tables yet
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise CommandError(f"the database: {first}", returncode=2) from None

    def _export(self, slug: str, out: Path) -> None:
        plan = Plan.objects.filter(slug=slug).first()
        if plan is None:
            known = ", ".join(Plan.objects.order_by("slug").values_list("slug", flat=True)) or "none"
            raise CommandError(f"no plan {slug!r} (plans here: {known})", returncode=2)
        try:
            document = export_plan(plan)
            write_backup(document, out)
        except (PlanevalError, OSError) as error:
            raise CommandError(f"{out}: {error}", returncode=2) from None
        content = document["content"]
        files = sum(len(v["evidence"]) for v in content["values"])
        files += sum(1 for u in content["progress_updates"] if u["evidence_content"] is not None)
        files += sum(len(r["files"]) for r in content["rectifications"])
        records = sum(len(content[part.history]) for part in PARTS if part.history)
        counted = ("indicators", "values", "tasks", "supervision_items", "reminders")
        rows = ", ".join(f"{len(content[part])} {part.replace('_', ' ')}" for part in counted)
        self.stdout.write(f"wrote {out}: plan {slug}, {rows}, {files} evidence files, {records} history records")
        lost = uncarried(plan)
        if lost:
            held = ", ".join(f"{count} {name}" for name, count in lost.items())
            self.stdout.write(f"not in the file (plan files do not carry them): {held}")
