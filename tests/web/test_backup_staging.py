"""The files of a restore staged apart until its transaction commits
(planeval.web.core.backup.staging): moved into place, never over another file, and the staging
folders of restores that no longer run cleaned by the next."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from planeval.web.core.backup.staging import LOCK, PREFIX, STALE_AFTER, Staging, clean_stale

NAME = "evidence/2025/03/公报.pdf"


@pytest.fixture
def storage(tmp_path) -> FileSystemStorage:
    return FileSystemStorage(tmp_path / "media")


def files(storage: FileSystemStorage) -> dict[str, bytes]:
    """Every file of the media folder by its name there, the lock files of staging folders left out."""
    root = Path(storage.location)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file() and p.name != LOCK}


def never(name: str) -> bool:
    return False


def test_it_keeps_a_staged_file_in_its_folder_until_it_is_published(storage):
    staging = Staging(storage)
    assert staging.add(NAME, b"bulletin") == NAME
    folder = staging.folder.name
    assert folder.startswith(PREFIX) and files(storage) == {f"{folder}/{NAME}": b"bulletin"}
    assert staging.publish() == {}
    assert files(storage) == {NAME: b"bulletin"}
    assert not (Path(storage.location) / folder).exists()


def test_it_stages_a_file_under_another_name_when_its_name_is_taken(storage):
    storage.save(NAME, ContentFile(b"here before"))
    staging = Staging(storage)
    first, second = staging.add(NAME, b"first"), staging.add(NAME, b"second")  # taken here, then by the first
    assert len({NAME, first, second}) == 3
    assert all(name.startswith("evidence/2025/03/公报_") and name.endswith(".pdf") for name in (first, second))
    staging.publish()
    assert files(storage) == {NAME: b"here before", first: b"first", second: b"second"}


def test_it_never_overwrites_a_file_placed_under_the_name_meanwhile(storage):
    staging = Staging(storage)
    staging.add(NAME, b"restored")
    assert storage.save(NAME, ContentFile(b"uploaded meanwhile")) == NAME  # the name is free in place
    [(old, new)] = staging.publish().items()
    assert old == NAME and new != NAME
    assert files(storage) == {NAME: b"uploaded meanwhile", new: b"restored"}


def test_it_removes_the_folder_and_what_it_holds_when_discarded(storage):
    staging = Staging(storage)
    staging.add(NAME, b"bulletin")
    staging.discard()
    assert files(storage) == {}
    assert list(Path(storage.location).iterdir()) == []


def test_it_leaves_the_folder_of_a_restore_that_runs_alone(storage):
    running = Staging(storage)
    running.add(NAME, b"bulletin")
    assert clean_stale(storage, never) == []  # its lock is held
    assert files(storage) == {f"{running.folder.name}/{NAME}": b"bulletin"}


def test_it_removes_the_folder_of_a_restore_killed_before_it_committed(storage):
    killed = Staging(storage)
    killed.add(NAME, b"bulletin")
    killed._lock.close()  # as the system does when the process is killed
    assert clean_stale(storage, never) == [killed.folder]
    assert files(storage) == {}
    assert list(Path(storage.location).iterdir()) == []


def test_it_moves_the_files_of_a_restore_killed_after_it_committed_into_place(storage):
    killed = Staging(storage)
    killed.add(NAME, b"bulletin")
    killed.add("evidence/2025/03/other.pdf", b"not named by a row")
    killed._lock.close()
    assert clean_stale(storage, lambda name: name == NAME) == [killed.folder]
    assert files(storage) == {NAME: b"bulletin"}


@pytest.mark.parametrize(("minutes", "removed"), [(59, False), (61, True)])
def test_it_removes_a_folder_without_a_lock_once_it_is_an_hour_old(storage, minutes, removed):
    """A restore killed between making its folder and locking it leaves a folder without a lock;
    one that runs makes its lock at once, so after an hour (STALE_AFTER) the folder is stale."""
    assert STALE_AFTER.total_seconds() == 60 * 60
    folder = Path(storage.location) / f"{PREFIX}0123"
    (folder / "evidence").mkdir(parents=True)
    (folder / "evidence" / "x.pdf").write_bytes(b"x")
    then = time.time() - minutes * 60
    os.utime(folder, (then, then))
    assert clean_stale(storage, never) == ([folder] if removed else [])
    assert folder.exists() is not removed
