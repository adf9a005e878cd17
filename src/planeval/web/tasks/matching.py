"""Which stored task each task of a re-imported breakdown is: by its text first, its code second.

A breakdown's codes come from positions (``1-1``, ``2-3``): inserting a chapter renumbers every
task below it. Matching by code alone would then give task 1-1's progress, milestones and
supervision items to whatever task now sits at 1-1. So a task of the file is matched:

1. to the stored task with the same text (:func:`text_key`: blanks removed, full-width letters,
   digits and punctuation read as their ordinary forms), the one with the same code first
   when several stored tasks share a text — its code changes to the file's when it moved
   (a *renumbering*);
2. else to the stored task with the same code, when that task's text is on no row of the file —
   the office reworded it (a *rewording*);
3. else to nothing: a new task.

A stored task that matches no row is kept; when a row of the file takes its code, it is given
:data:`RETIRED_CODE` (``1-2（原）``, then ``1-2（原2）``…) so that codes stay unique in the plan.

Pure: takes and gives codes and texts; :mod:`planeval.web.tasks.store` saves what it decides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

RETIRED_CODE = "{code}（原{n}）"
"""The code a kept task gives up its own for: ``n`` is empty the first time, then 2, 3…"""

_BLANKS = re.compile(r"\s+")


def text_key(text: str) -> str:
    """``text`` as tasks are compared: NFKC-normalised (``（`` → ``(``, ``，`` → ``,``, full-width
    digits and letters to ASCII) with every blank removed."""
    return _BLANKS.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class Match:
    """How the rows of a file meet the stored tasks.

    ``targets[i]`` is the code of the stored task row ``i`` updates (None: a new task);
    ``reworded`` the rows matched by code to a task of another wording; ``retired`` maps the
    code of each kept task whose code a row takes to the code it is given instead.
    """

    targets: tuple[str | None, ...]
    reworded: frozenset[int] = frozenset()
    retired: Mapping[str, str] = field(default_factory=dict)


def match_tasks(stored: Mapping[str, str], rows: Sequence[tuple[str, str]]) -> Match:
    """Match ``rows`` ((code, text) in file order, codes unique) to ``stored`` (code → text) by
    the rules of the module docstring."""
    by_key: dict[str, list[str]] = {}
    for code, text in stored.items():
        by_key.setdefault(text_key(text), []).append(code)
    keys = [text_key(text) for _, text in rows]
    targets: list[str | None] = [None] * len(rows)
    claimed: set[str] = set()
    for same_code_only in (True, False):
        for position, (code, _) in enumerate(rows):
            if targets[position] is None:
                free = [c for c in by_key.get(keys[position], []) if c not in claimed]
                chosen = code if code in free else (None if same_code_only else next(iter(free), None))
                if chosen is not None:
                    targets[position] = chosen
                    claimed.add(chosen)
    reworded = set()
    file_keys = set(keys)
    for position, (code, _) in enumerate(rows):
        unmatched = targets[position] is None and code in stored and code not in claimed
        if unmatched and text_key(stored[code]) not in file_keys:  # its text on no row: reworded
            targets[position] = code
            claimed.add(code)
            reworded.add(position)
    return Match(tuple(targets), frozenset(reworded), _retired(stored, rows, claimed))


def _retired(stored: Mapping[str, str], rows: Sequence[tuple[str, str]], claimed: set[str]) -> dict[str, str]:
    file_codes = {code for code, _ in rows}
    taken = file_codes | set(stored)
    retired = {}
    for code in stored:
        if code in claimed or code not in file_codes:
            continue
        n = 1
        while (new := RETIRED_CODE.format(code=code, n="" if n == 1 else n)) in taken:
            n += 1
        retired[code] = new
        taken.add(new)
    return retired
