"""Provides the outside-change check made before every save, and what the user may do then.

Before a save writes, ``checked_write`` compares the file on disk with the
snapshot of what was loaded or last saved. A matching hash is no change (a bare
``touch``, or the same bytes written again: the snapshot is brought up to
date silently). Different bytes, or a missing file, raise ``ConflictError``
and nothing is written. A same-size edit with its modification time restored
is caught too: the bytes are always hashed, not only size and mtime compared.

The guarantee between writers: check and replace happen while this process
holds the exclusive save lock of the session's folder (``platform.exclusive_lock``:
``flock`` on the folder itself on Linux and macOS, ``msvcrt.locking`` on a
short-lived ``.kumppani-save.lock`` on Windows), and every kumppani save takes
it, so of two kumppani processes saving the same file from the same loaded
version exactly one writes and the other gets the conflict. The system releases
the lock if the process dies. Where the file system offers no lock at all (some
network shares), the check still runs but a second writer could slip between
check and replace. Programs that do not take the lock (a text editor) and write
between the check and the replace are caught by the replace itself
(``storage.swap``), or at the latest by the next save.
"""

from __future__ import annotations

import contextlib
import difflib
import errno
import hashlib
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

from kumppani.errors import KumppaniError, Message, SaveError, Words, read_problem, render
from kumppani.storage import platform, swap
from kumppani.storage.files import (
    Snapshot,
    claim_unique_file,
    link_target,
    save_error,
    snapshot_of,
    write_atomic,
    written_snapshot,
)
from kumppani.toml.source import read_source


class ConflictError(KumppaniError):
    """The file changed outside this editor since it was loaded or saved; nothing was written."""

    def __init__(self, path: Path, reason: Words, *, deleted: bool = False) -> None:
        self.path = path
        self.reason = reason
        self.deleted = deleted
        super().__init__(path, reason)

    def describe(self, language: str = "en") -> str:
        return f"{self.path}: {render(self.reason, language)}"

    def __str__(self) -> str:
        return self.describe()


def check_unchanged(path: Path, expected: Snapshot | None) -> Snapshot | None:
    """Raise ``ConflictError`` unless ``path`` still holds what ``expected`` describes.

    Returns the snapshot to keep (the fresh one after a bare ``touch``), or
    ``expected`` itself; with no ``expected`` (never loaded nor saved) there is
    nothing to compare with and nothing is checked.
    """
    if expected is None:
        return None
    try:
        data = read_source(path)
    except FileNotFoundError:
        if not path.parent.is_dir():
            # The whole folder is gone (a USB stick pulled out, a network share dropped):
            # a fault of the disk, not somebody's edit. It is retried, and succeeds once the
            # folder is back with the file as it was.
            gone = Message("os_error.enoent")
            raise SaveError(path, gone, errno=errno.ENOENT) from None
        raise ConflictError(path, Message("problem.deleted_outside"), deleted=True) from None
    except OSError as error:  # unreadable now: a save would not be safe either
        raise ConflictError(path, read_problem(error)) from None
    if hashlib.sha256(data).hexdigest() != expected.sha256:
        raise ConflictError(path, Message("problem.changed_outside"))
    try:
        return snapshot_of(path, data)
    except OSError:
        return expected


_held = threading.local()


@contextlib.contextmanager
def save_lock(path: Path) -> Iterator[None]:
    """Hold the exclusive save lock of ``path``'s folder (see the module's guarantee).

    A lock that cannot be had (Windows: another save holds it for over ten
    seconds) is a ``SaveError``, like any other failure to save. A thread that
    already holds the folder's lock (a merge that then saves) holds it on.
    """
    folder = link_target(path).parent
    held: set[Path] = _held.__dict__.setdefault("folders", set())
    if folder in held:
        yield
        return
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(platform.exclusive_lock(folder))
        except OSError as error:
            raise save_error(path, error) from None
        held.add(folder)
        try:
            yield
        finally:
            held.discard(folder)


def checked_write(path: Path, data: bytes, expected: Snapshot | None) -> Snapshot:
    """Write ``data`` atomically if the file is still ``expected``; the new snapshot.

    No outside change is lost between the check and the write (``storage.swap``).
    """
    with save_lock(path):
        _late_change(path, expected)
        check_unchanged(path, expected)
        if expected is None:
            write_atomic(path, data)
            return written_snapshot(path, data)
        swapper = swap.Swapper(expected.sha256, hashlib.sha256(data).hexdigest())
        write_atomic(path, data, swapper)
        if swapper.collided:
            raise ConflictError(path, Message("problem.changed_while_saving"))
        return written_snapshot(path, data)


def _late_change(path: Path, expected: Snapshot | None) -> None:
    """A change written into the file the last save replaced: put it in place, as a conflict."""
    late = swap.late_change(path)
    if late is None:
        return
    if expected is not None:
        with contextlib.suppress(OSError, KumppaniError):
            if hashlib.sha256(read_source(path)).hexdigest() == expected.sha256:
                write_atomic(path, late)  # the file holds ours, unchanged since: theirs back
    raise ConflictError(path, Message("problem.changed_while_saving"))


def forced_write(path: Path, data: bytes) -> Snapshot:
    """Write ``data`` over whatever is there now (the user chose to keep theirs over)."""
    with save_lock(path):
        swap.forget(path)
        write_atomic(path, data)
        return written_snapshot(path, data)


def unified_diff(theirs: str, mine: str, *, theirs_label: str, mine_label: str) -> str:
    """A unified diff from the file on disk (theirs) to the session in memory (mine)."""
    lines = difflib.unified_diff(
        theirs.splitlines(keepends=True),
        mine.splitlines(keepends=True),
        fromfile=theirs_label,
        tofile=mine_label,
        n=2,
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def copy_name(path: Path, tag: str) -> str:
    """The name for a copy of ``path``: ``<stem>-<tag>.toml`` (numbers added if taken)."""
    return f"{path.stem}-{tag}{path.suffix}"


def claim_copy(path: Path, tag: str) -> Path:
    """Claim a new, empty file for a copy of ``path`` beside it, as shared as ``path`` is."""
    copy = claim_unique_file(path.parent, copy_name(path, tag))
    with contextlib.suppress(OSError):  # the original is gone: the copy stays owner-only
        platform.set_path_mode(copy, stat.S_IMODE(path.stat().st_mode))
    return copy
