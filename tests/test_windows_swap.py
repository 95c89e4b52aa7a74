"""The Windows save that sees what it replaced (``ReplaceFileW``), simulated on Linux (issue 18).

On Windows a save cannot swap files; ``ReplaceFileW`` puts the new file in place and
moves the old one to a backup name in one call. What a user would notice: an outside
edit that lands between kumppani's check and that call is a conflict with their text
still in the file, never overwritten; every refusal of the call leaves the file as it
was and is a save fault the autosave retries; no backup or temporary file is left
beside the session, except one that may hold someone's only copy.
"""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest

from kumppani.errors import Message, SaveError, render
from kumppani.storage import swap, windows
from kumppani.storage.conflicts import ConflictError, checked_write
from kumppani.storage.files import Snapshot, snapshot_of
from kumppani.storage.save_errors import STALE_SECONDS, clean_stale_temps, describe_save_error
from kumppani.text.i18n import t
from tests.support.windows import FakeKernel32, FakeMsvcrt

OLD, OURS, THEIRS = b"old = 1\n", b"ours = 2\n", b"theirs = 3\n"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "round.toml"
    target.write_bytes(OLD)
    return target


@pytest.fixture
def expected(path: Path) -> Snapshot:
    return snapshot_of(path, path.read_bytes())


def names(folder: Path) -> list[str]:
    return sorted(item.name for item in folder.iterdir())


def test_a_save_replaces_with_a_backup_and_removes_it(
    path: Path, expected: Snapshot, on_windows: FakeMsvcrt, kernel32: FakeKernel32
) -> None:
    checked_write(path, OURS, expected)
    assert path.read_bytes() == OURS
    [(replaced, replacement, backup, flags)] = kernel32.replace_calls
    assert replaced == str(path) and Path(replacement).parent == path.parent
    assert Path(backup).parent == path.parent and swap.is_backup(Path(backup).name)
    assert Path(backup).name.startswith(".") and flags == windows.REPLACE_FLAGS
    assert names(path.parent) == ["round.toml"]  # backup and temp gone


@pytest.mark.parametrize("how", ["in_place", "rename"])
def test_an_outside_write_in_the_window_is_a_conflict_and_theirs_stays(
    path: Path, expected: Snapshot, on_windows: FakeMsvcrt, kernel32: FakeKernel32, how: str
) -> None:
    def outside() -> None:  # lands after kumppani's check, before ReplaceFileW
        if how == "in_place":
            path.write_bytes(THEIRS)
        else:
            (path.parent / "editor.tmp").write_bytes(THEIRS)
            os.replace(path.parent / "editor.tmp", path)
        kernel32.before_replace = None

    kernel32.before_replace = outside
    with pytest.raises(ConflictError) as caught:
        checked_write(path, OURS, expected)
    while_saving = render(Message("problem.changed_while_saving"), "fi")
    assert caught.value.describe("fi").endswith(while_saving)
    assert path.read_bytes() == THEIRS
    assert names(path.parent) == ["round.toml"]
    with pytest.raises(ConflictError):  # and the next save still sees it
        checked_write(path, OURS, expected)
    assert path.read_bytes() == THEIRS


@pytest.mark.parametrize("code", [1175, 1176, 1177, 32, 33, 5])
def test_a_file_held_through_every_retry_is_a_busy_save_fault_and_unchanged(
    path: Path,
    expected: Snapshot,
    on_windows: FakeMsvcrt,
    kernel32: FakeKernel32,
    sleeps: list[float],
    code: int,
) -> None:
    kernel32.replace_fails = [code] * 100
    with pytest.raises(SaveError) as caught:
        checked_write(path, OURS, expected)
    assert caught.value.errno == errno.EBUSY
    assert t("journal.reason.busy", "fi") in describe_save_error(caught.value, "fi")
    assert path.read_bytes() == OLD and names(path.parent) == ["round.toml"]
    assert len(kernel32.replace_calls) == len(sleeps) + 1 and sum(sleeps) <= 2.5
    kernel32.replace_fails = []
    checked_write(path, OURS, expected)  # the program let go: the next autosave writes it
    assert path.read_bytes() == OURS and names(path.parent) == ["round.toml"]


@pytest.mark.parametrize("code", [1175, 1176, 1177, 32])
def test_a_file_held_for_a_moment_is_saved(
    path: Path,
    expected: Snapshot,
    on_windows: FakeMsvcrt,
    kernel32: FakeKernel32,
    sleeps: list[float],
    code: int,
) -> None:
    kernel32.replace_fails = [code, code]
    checked_write(path, OURS, expected)
    assert path.read_bytes() == OURS and names(path.parent) == ["round.toml"]
    assert len(kernel32.replace_calls) == 3


@pytest.mark.parametrize(("code", "number"), [(112, errno.ENOSPC), (19, errno.EROFS), (1392, None)])
def test_other_refusals_name_their_reason(
    path: Path,
    expected: Snapshot,
    on_windows: FakeMsvcrt,
    kernel32: FakeKernel32,
    code: int,
    number: int | None,
) -> None:
    kernel32.replace_fails = [code]
    with pytest.raises(SaveError) as caught:
        checked_write(path, OURS, expected)
    assert caught.value.errno == number and len(kernel32.replace_calls) == 1
    if number is None:  # an error without a name of its own: the system's words are shown
        assert f"Windows error {code}" in describe_save_error(caught.value, "sv")
    assert path.read_bytes() == OLD and names(path.parent) == ["round.toml"]


def test_a_file_system_without_replacefile_saves_the_usual_way(
    path: Path, expected: Snapshot, on_windows: FakeMsvcrt, kernel32: FakeKernel32
) -> None:
    kernel32.replace_fails = [50]  # ERROR_NOT_SUPPORTED: nothing was moved
    checked_write(path, OURS, expected)
    assert path.read_bytes() == OURS and names(path.parent) == ["round.toml"]


def test_a_file_deleted_in_the_window_is_found(
    path: Path, expected: Snapshot, on_windows: FakeMsvcrt, kernel32: FakeKernel32
) -> None:
    kernel32.before_replace = path.unlink
    with pytest.raises(SaveError) as caught:
        checked_write(path, OURS, expected)
    assert caught.value.errno == errno.ENOENT
    kernel32.before_replace = None
    with pytest.raises(ConflictError) as conflict:  # the retry: deleted outside, asks first
        checked_write(path, OURS, expected)
    assert conflict.value.deleted and names(path.parent) == []


def test_a_backup_that_cannot_be_put_back_over_theirs_is_removed(
    path: Path, expected: Snapshot, on_windows: FakeMsvcrt, kernel32: FakeKernel32
) -> None:
    """1177, and someone's new file took the name meanwhile: theirs stays, ours fails."""

    def theirs_at_the_name(source: str, target: str, flags: int) -> int:
        path.write_bytes(THEIRS)
        kernel32.last_error = 183
        return 0

    kernel32.replace_fails = [1177]
    kernel32.MoveFileExW.body = theirs_at_the_name
    with pytest.raises(SaveError) as caught:
        checked_write(path, OURS, expected)
    assert caught.value.errno == errno.EIO
    # What the backup held was the version theirs replaced, as ours would have: not kept.
    assert path.read_bytes() == THEIRS and names(path.parent) == ["round.toml"]


def test_a_backup_that_cannot_be_put_back_nor_judged_is_kept(
    path: Path, expected: Snapshot, on_windows: FakeMsvcrt, kernel32: FakeKernel32
) -> None:
    """1177, and the name cannot be had back (nor is there a file at it): the backup stays."""

    def refused(source: str, target: str, flags: int) -> int:
        kernel32.last_error = 5
        return 0

    kernel32.replace_fails = [1177]
    kernel32.MoveFileExW.body = refused
    with pytest.raises(SaveError) as caught:
        checked_write(path, OURS, expected)
    assert caught.value.errno == errno.EIO
    [backup] = [name for name in names(path.parent) if swap.is_backup(name)]
    assert (path.parent / backup).read_bytes() == OLD and names(path.parent) == [backup]
    assert clean_stale_temps(path.parent, older_than=-60) == []  # the only copy on disk


def test_a_backup_that_cannot_be_read_goes_back_and_the_save_fails(
    path: Path,
    expected: Snapshot,
    on_windows: FakeMsvcrt,
    kernel32: FakeKernel32,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def unreadable(backup: Path) -> str:
        raise OSError(errno.EIO, "read error", str(backup))

    monkeypatch.setattr(swap, "file_digest", unreadable)
    with pytest.raises(SaveError) as caught:
        checked_write(path, OURS, expected)
    assert caught.value.errno == errno.EIO
    assert path.read_bytes() == OLD and names(path.parent) == ["round.toml"]


# -- what a killed save leaves ----------------------------------------------------------------
def aged(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    old = path.stat().st_mtime - STALE_SECONDS - 60
    os.utime(path, (old, old))
    return path


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_clean_up_removes_what_a_killed_save_left_and_nothing_else(path: Path) -> None:
    folder = path.parent
    temp = aged(folder / ".kumppani-abcd1234.tmp", OURS)
    young = folder / ".kumppani-young123.tmp"
    young.write_bytes(OURS)
    replaced = aged(swap.backup_path(path, sha(OLD)), OLD)  # killed before its compare
    theirs = aged(swap.backup_path(path, sha(OLD)), THEIRS)  # an outside change in it
    orphan = aged(swap.backup_path(folder / "gone.toml", sha(OLD)), OLD)  # replace cut short
    unrelated = aged(folder / ".kumppani-notes.replaced", OLD)
    removed = clean_stale_temps(folder)
    assert sorted(removed) == sorted([temp, replaced])
    assert young.exists() and theirs.read_bytes() == THEIRS and orphan.read_bytes() == OLD
    assert unrelated.exists() and path.read_bytes() == OLD
