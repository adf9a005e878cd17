"""The one error hierarchy of planeval.

::

    PlanevalError                  anything planeval refuses, with a message for a person
    ├── PeriodError                a period label that cannot be read ("2023年13月")
    ├── NumberError                a cell that is not a number ("约12")
    │   └── UnitError              a unit that cannot be converted to another (万人 to 亿元)
    ├── PlanError                  a plan that is inconsistent (duplicate code, unknown reference)
    │   └── PlanFormatError        a plan or observation file that cannot be read; names the
    │                              file, row and column
    ├── MethodError                an evaluation method name that is not registered
    └── BackupError                a plan backup file that cannot be read or restored; names
                                   the file and what was wrong

The CLI turns any of these into a one-line message and exit code 2; the web layer into a 400.
"""

from __future__ import annotations


class PlanevalError(Exception):
    """Base of every error planeval raises on purpose."""


class PeriodError(PlanevalError, ValueError):
    """A period label that cannot be read; the message quotes the label."""


class NumberError(PlanevalError, ValueError):
    """A value that is not a number in any accepted notation; the message quotes it."""


class UnitError(NumberError):
    """A value whose unit cannot be converted to the unit asked for (万人 to 亿元, % to 元);
    the message names both units."""


class PlanError(PlanevalError):
    """A plan whose content is inconsistent, e.g. two indicators with one code."""


class PlanFormatError(PlanError):
    """A file that cannot be read as a plan or as observations.

    Attributes:
        path: the file, as given.
        row: 1-based row number in the file (the header is row 1), or None for the whole file.
        column: the column's header or letter, or None.
    """

    def __init__(self, path: str, message: str, row: int | None = None, column: str | None = None):
        self.path = path
        self.row = row
        self.column = column
        where = [path]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column}")
        super().__init__(f"{', '.join(where)}: {message}")


class MethodError(PlanevalError, KeyError):
    """An evaluation method that is not registered; the message lists the registered ones."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class BackupError(PlanevalError):
    """A plan backup file (``planeval manage export_plan``) that cannot be read, or whose plan
    cannot be restored here: unknown format version, checksum mismatch, a plan of that slug
    already present. The message names the file and what was wrong."""
