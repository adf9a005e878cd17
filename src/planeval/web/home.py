"""Where the embedded site keeps its files."""

from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    """``PLANEVAL_HOME``, or the user's data folder (~/.local/share/planeval): the embedded
    SQLite database, uploads and the generated secret key; created when missing."""
    default = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "planeval"
    folder = Path(os.environ.get("PLANEVAL_HOME", default))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
