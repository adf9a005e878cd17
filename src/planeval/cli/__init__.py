"""The ``planeval`` command: one module per command (or a few close ones), all on the Typer
``app`` of :mod:`planeval.cli.common`.

Exit codes: 0 success; 2 bad input (a one-line message names the file, row, column or option).
"""

# isort: off
# Imported in the order `planeval --help` lists the commands: each module registers its own.
from planeval.cli.common import app, main
from planeval.cli import evaluate, site, info, regions, targets, import_check, early_warnings  # noqa: F401
from planeval.cli.info import SETTINGS_GROUPS

# isort: on

__all__ = ["SETTINGS_GROUPS", "app", "main"]
