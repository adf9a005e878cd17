"""The files of one restore, kept apart until its transaction commits.

A restore writes every file into a staging folder of its own in the media folder,
``media/.restore-<id>/`` (the file's name inside it being the name it will have in the media
folder), and moves them into place once the rows naming them are committed. A restore that
fails removes its staging folder at once; one that is killed leaves it behind, holding files no
row names, and nothing outside it.

While its restore runs, a staging folder is locked (``flock`` on ``.lock`` inside it), and the
operating system releases that lock when the process ends, however it ends. The next restore
cleans the folders of those that no longer run (:func:`clean_stale`): their lock is free, or
they have none and are older than :data:`STALE_AFTER`. A file whose rows were committed before
the process was killed half-way through moving the files is moved into place then; every other
file goes with its folder.
"""

from __future__ import annotations

import datetime
import fcntl
import os
import posixpath
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

PREFIX = ".restore-"
"""A staging folder's name: this, and the restore's id."""
LOCK = ".lock"
STALE_AFTER = datetime.timedelta(hours=1)
"""A staging folder without a lock (its restore killed as it made it) is left alone this long."""


class Staging:
    """The staging folder of one restore in ``storage`` (the media folder); made, and locked,
    with the first file."""

    def __init__(self, storage: FileSystemStorage):
        self.storage = storage
        self.folder = Path(storage.location) / f"{PREFIX}{uuid.uuid4().hex}"
        self.staged: list[str] = []  # the files' names in the media folder, as in the folder
        self._lock: IO[str] | None = None

    def add(self, path: str, data: bytes, max_length: int | None = None) -> str:
        """Stage ``data`` for the media folder's ``path``; the name the file will have there:
        ``path``, or with a suffix when that is taken, in the media folder or by this restore."""
        if self._lock is None:
            self.folder.mkdir(parents=True)
            self._lock = _locked(self.folder / LOCK)
        name = self._free(path, max_length)
        inside = FileSystemStorage(self.folder, file_permissions_mode=self.storage.file_permissions_mode,
                                   directory_permissions_mode=self.storage.directory_permissions_mode)  # fmt: skip
        inside.save(name, ContentFile(data))
        self.staged.append(name)
        return name

    def _free(self, path: str, max_length: int | None) -> str:
        name = self.storage.get_available_name(path, max_length=max_length)
        while name in self.staged:
            directory, base = posixpath.split(path)
            alternative = self.storage.get_alternative_name(*posixpath.splitext(base))
            name = self.storage.get_available_name(posixpath.join(directory, alternative), max_length=max_length)
        return name

    def publish(self) -> dict[str, str]:
        """Move the staged files into place and remove the folder. A name taken in the media
        folder since the file was staged (by an upload, or a restore of another plan at the same
        time) is not overwritten: the file gets another; the names changed, old → new."""
        renamed = {}
        for name in self.staged:
            placed = place(self.folder / name, self.storage, name)
            if placed != name:
                renamed[name] = placed
        self.discard()
        return renamed

    def discard(self) -> None:
        """Remove the folder with whatever it holds, and its lock."""
        if self._lock is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self._lock.close()
            self._lock = None
        self.staged = []


def _locked(path: Path) -> IO[str]:
    lock = path.open("w")
    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return lock


def place(source: Path, storage: FileSystemStorage, name: str) -> str:
    """Put the file ``source`` into ``storage`` as ``name``, or under another name when that is
    taken (never overwriting a file); the name it got. ``source`` is removed."""
    while True:
        target = Path(storage.path(name))
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)  # fails when the name is taken, unlike a rename
        except FileExistsError:
            name = storage.get_available_name(name)
            continue
        except OSError:  # a file system without hard links
            try:
                with source.open("rb") as data, target.open("xb") as copy:
                    shutil.copyfileobj(data, copy)
            except FileExistsError:
                name = storage.get_available_name(name)
                continue
        source.unlink()
        return name


def clean_stale(storage: FileSystemStorage, committed: Callable[[str], bool]) -> list[Path]:
    """Remove the staging folders in ``storage`` whose restore no longer runs (see the module
    docstring); a file the media folder lacks and a committed row names (``committed(name)``) is
    moved into place first. The folders removed."""
    removed = []
    root = Path(storage.location)
    for folder in sorted(root.glob(f"{PREFIX}*")) if root.is_dir() else ():
        with _stale(folder) as stale:
            if not stale:
                continue
            for file in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != LOCK):
                name = file.relative_to(folder).as_posix()
                if not os.path.lexists(storage.path(name)) and committed(name):
                    place(file, storage, name)
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


@contextmanager
def _stale(folder: Path) -> Iterator[bool]:
    """Whether ``folder``'s restore no longer runs; its lock held meanwhile, when it has one."""
    if not folder.is_dir() or folder.is_symlink():
        yield False
        return
    try:
        lock = _locked(folder / LOCK) if (folder / LOCK).exists() else None
    except BlockingIOError:  # its restore runs
        yield False
        return
    try:
        yield lock is not None or time.time() - folder.stat().st_mtime > STALE_AFTER.total_seconds()
    finally:
        if lock is not None:
            lock.close()
