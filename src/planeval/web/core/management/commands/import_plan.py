"""``planeval manage import_plan FILE [--replace]``: store a plan written by ``export_plan``.

All or nothing, in one transaction: a file of an unknown format version, with a checksum that
does not match, cut short or damaged, with a field of a row that is not what the row holds (each
is checked, as any input from elsewhere: :mod:`planeval.web.core.backup.checks`), or of a plan
whose slug is already here (unless ``--replace``) stores nothing, and the command ends with a
one-line message and exit code 2. A database without the site's tables (a new
``PLANEVAL_HOME``) is migrated first, as ``planeval serve`` does. While storing it prints
``stored N of M rows`` after every batch, so a long import shows that it moves. Users named in
the file but missing here are created inactive (see :mod:`planeval.web.core.backup`). Files of
format version 1 (without tasks, supervision items and reminders) are read too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from planeval.errors import PlanevalError
from planeval.web.core.backup import read_backup, restore_plan


class Command(BaseCommand):
    help = "Store a plan from a file written by export_plan, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="a file written by export_plan (.json or .json.gz)")
        parser.add_argument("--replace", action="store_true", help="replace a plan of the same slug")

    def handle(self, *args: Any, file: Path, replace: bool, **options: Any) -> None:
        try:
            content = read_backup(file)
            self._migrate()
            restored = restore_plan(content, replace=replace, progress=self._progress)
        except PlanevalError as error:
            message = str(error)
            raise CommandError(
                message if message.startswith(str(file)) else f"{file}: {message}", returncode=2
            ) from None
        except DatabaseError as error:  # the database cannot be reached, or refuses the migrations
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise CommandError(f"{file}: the database: {first}", returncode=2) from None
        self.stdout.write(f"imported plan {restored.plan.slug} ({restored.rows} rows)")
        if restored.users_created:
            self.stdout.write(f"created inactive users: {', '.join(restored.users_created)}")
        if restored.departments_created:
            self.stdout.write(f"created departments: {', '.join(restored.departments_created)}")

    def _migrate(self) -> None:
        """Apply the migrations the database lacks (all of them in a new one)."""
        executor = MigrationExecutor(connection)
        missing = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if missing:
            call_command("migrate", interactive=False, verbosity=0)
            self.stdout.write(f"applied {len(missing)} database migrations first")

    def _progress(self, stored: int, total: int) -> None:
        self.stdout.write(f"stored {stored} of {total} rows")
        self.stdout.flush()
