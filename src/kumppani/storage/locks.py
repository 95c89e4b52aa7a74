"""Provides session lock files: taking, reading, taking over and releasing them.

Opening a session for editing takes a lock: a small TOML file beside the
session, ``.<file name>.lock``, that a person can read (user, host, process id,
when the process started and since when it holds the lock). It is created
atomically (``O_CREAT | O_EXCL``), so of two programs opening the same session
at once exactly one gets it. Its permissions follow the session file's (a
folder shared with a group stays shared); a new one is readable by its owner only.

``inspect`` tells whose a lock is (``storage.lock_holder``: ours, live, stale,
foreign, or unreadable when the file cannot be read). Only a ``STALE`` lock may
be taken over without asking; ``FOREIGN`` and ``UNREADABLE`` only after the user
chose so despite a clear warning. Read-only opening never takes, inspects for
takeover or removes a lock. Locks are released on close and, best effort, when
the interpreter exits (``atexit``). Renames and removals are retried while
Windows reports the file held open for a moment (``platform.retry_sharing``).

Co-writing: a second program may ``join`` a lock held by a live writer (the
user chose to write alongside). The lock file then lists both
(``lock_holder.writers_to_toml``); releasing removes only one's own entry (and
any stale one), and the file goes with the last writer. Joining and leaving
rewrite the file atomically while holding the folder's save lock
(``storage.conflicts.save_lock``), so two of them never lose each other's entry.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from kumppani.errors import KumppaniError, Message, Words, os_reason, render
from kumppani.storage import platform
from kumppani.storage.conflicts import save_lock
from kumppani.storage.lock_holder import LockInfo as LockInfo
from kumppani.storage.lock_holder import LockState as LockState
from kumppani.storage.lock_holder import (
    current_info,
    live_writers,
    state_of_all,
    writers_from_toml,
    writers_to_toml,
)
from kumppani.toml.source import read_source

LOCK_PREFIX = "."
LOCK_SUFFIX = ".lock"
NEW_LOCK_MODE = 0o600
ACQUIRE_ATTEMPTS = 5
LOCK_LIMIT = 64 * 1024
"""A lock file is a few lines: anything bigger is not one."""


class LockError(KumppaniError):
    """The lock could not be taken (someone else holds it, or the folder refused)."""

    def __init__(self, path: Path, reason: Words) -> None:
        self.path = path
        self.reason = reason
        """The system's own words, or a ``Message`` when kumppani itself gave up."""
        super().__init__(path, reason)

    def describe(self, language: str = "en") -> str:
        return f"{self.path}: {render(self.reason, language)}"

    def __str__(self) -> str:
        return self.describe()


class LockIsLink(LockError):
    """The lock file is a symbolic link (dangling or not): no lock can be taken or trusted.

    Unlike a folder that refuses a lock file, editing without a lock here would
    let a second program, meeting the same link, edit alongside unknowingly.
    """


@dataclass(frozen=True)
class LockStatus:
    """A lock file as found: its state and, unless unreadable, its holder."""

    path: Path
    state: LockState
    info: LockInfo | None
    """The writer that decides the state (ours, else a live one …); None when unreadable."""
    writers: tuple[LockInfo, ...] = field(default=(), compare=False)
    """Every writer the file lists, the first holder first."""


def lock_path(session_path: Path) -> Path:
    """The lock file of a session: ``.<name>.lock`` beside it (beside its target if a link)."""
    target = _resolved(session_path)
    return target.with_name(f"{LOCK_PREFIX}{target.name}{LOCK_SUFFIX}")


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, ValueError):  # a loop of links, a bad name: opening it will say so
        return path


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(path.lstat().st_mode)
    except OSError:
        return False


def inspect(session_path: Path) -> LockStatus | None:
    """The session's lock as found now; None when nobody holds one."""
    path = lock_path(session_path)
    if _is_link(path):  # never followed: a link could point anywhere, or nowhere
        return LockStatus(path, LockState.UNREADABLE, None)
    try:
        text = read_source(path, LOCK_LIMIT).decode("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return LockStatus(path, LockState.UNREADABLE, None)
    try:
        writers = writers_from_toml(text)
    except ValueError:
        return LockStatus(path, LockState.UNREADABLE, None)
    state, info = state_of_all(writers)
    return LockStatus(path, state, info, writers)


# -- taking and releasing --------------------------------------------------------------------
@dataclass
class SessionLock:
    """A lock this process holds; ``release`` removes the file (once)."""

    session_path: Path
    path: Path
    info: LockInfo
    released: bool = False

    def still_ours(self) -> bool:
        """True while the lock file on disk is still the one this process wrote."""
        found = inspect(self.session_path)
        return found is not None and self.info in found.writers

    def release(self) -> None:
        """Remove our entry from the lock file (the file, when no other writer is left).

        Nothing is removed when the lock is no longer ours (someone took it over).
        """
        if self.released:
            return
        self.released = True
        _HELD.pop(self.path, None)
        try:
            with save_lock(self.session_path):
                self._leave()
        except KumppaniError:  # no save lock here (some shares): leave without it
            with contextlib.suppress(KumppaniError):
                self._leave()

    def _leave(self) -> None:
        found = inspect(self.session_path)
        if found is None or self.info not in found.writers:
            return
        others = live_writers([info for info in found.writers if info != self.info])
        with contextlib.suppress(OSError):
            if others:
                _rewrite(self.session_path, self.path, others)
            else:
                platform.remove(self.path)


_HELD: dict[Path, SessionLock] = {}
"""Locks held by this process, released at exit if nobody did before."""


def _lock_mode(session_path: Path) -> int:
    """The session file's read/write bits (a shared folder stays shared), else owner-only."""
    try:
        return stat.S_IMODE(session_path.stat().st_mode) & 0o666 | 0o600
    except OSError:
        return NEW_LOCK_MODE


def acquire(session_path: Path) -> SessionLock | LockStatus:
    """Take the session's lock: the lock, or the status of the lock someone else holds.

    A lock this process already holds is returned again. A stale lock is *not*
    taken here: the caller asks the user and calls ``take_over``.
    """
    path = lock_path(session_path)
    held = _HELD.get(path)
    if held is not None and held.still_ours():
        return held
    if _is_link(path):
        raise LockIsLink(path, Message("problem.lock_is_link"))
    for _ in range(ACQUIRE_ATTEMPTS):
        try:
            descriptor = platform.retry_sharing(
                lambda: os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, NEW_LOCK_MODE)
            )
        except FileExistsError:
            found = inspect(session_path)
            if found is None:  # released in between: try again
                continue
            if found.state == LockState.OURS and found.info is not None:
                return _register(SessionLock(session_path, path, found.info))
            return found
        except OSError as error:
            raise LockError(path, os_reason(error)) from None
        return _write_lock(session_path, path, descriptor)
    raise LockError(path, Message("problem.lock_flickers"))


def _write_lock(session_path: Path, path: Path, descriptor: int) -> SessionLock:
    info = current_info()
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(info.to_toml())
            stream.flush()
            with contextlib.suppress(OSError):
                platform.set_file_mode(stream.fileno(), path, _lock_mode(session_path))
            os.fsync(stream.fileno())
    except OSError as error:
        with contextlib.suppress(OSError):
            platform.remove(path)
        raise LockError(path, os_reason(error)) from None
    return _register(SessionLock(session_path, path, info))


def _register(lock: SessionLock) -> SessionLock:
    _HELD[lock.path] = lock
    return lock


def take_over(session_path: Path, seen: LockStatus) -> SessionLock | LockStatus:
    """Replace the lock the user saw (``seen``) by ours; the new status if it changed.

    The lock file is renamed aside first and its content compared with what the
    user saw, so two programs taking over at once cannot both win, and a lock
    that changed since (its holder came back, someone else took it) is restored
    and reported instead of being broken.
    """
    path = lock_path(session_path)
    aside = path.with_name(f"{path.name}.{os.getpid()}.old")
    try:
        platform.replace(path, aside)
    except FileNotFoundError:
        return acquire(session_path)
    except OSError as error:
        raise LockError(path, os_reason(error)) from None
    try:
        text = aside.read_text("utf-8")
        moved: tuple[LockInfo, ...] | None = writers_from_toml(text)
    except (OSError, UnicodeDecodeError, ValueError):
        moved = None
    expected = seen.writers or ((seen.info,) if seen.info is not None else None)
    if moved != expected:  # not the lock the user agreed to break: put it back
        _put_back(aside, path)
        return inspect(session_path) or acquire(session_path)
    with contextlib.suppress(OSError):
        platform.remove(aside)
    return acquire(session_path)


def take_over_stale(session_path: Path) -> SessionLock | None:
    """Take the session's lock over if it is stale (its program provably gone); else None.

    For when the user already chose to carry on that program's work (to recover
    the edits it left in the journal): asking again whether to take over its lock
    would only be a chance to lose them. Any other lock is left as it is.
    """
    found = inspect(session_path)
    if found is None or found.state != LockState.STALE:
        return None
    result = take_over(session_path, found)
    return result if isinstance(result, SessionLock) else None


def _put_back(aside: Path, path: Path) -> None:
    """Restore a lock moved aside by mistake, unless a new one appeared meanwhile."""
    try:
        os.link(aside, path)  # fails if a lock exists again: never overwrite one
    except FileExistsError:
        pass
    except OSError:  # no hard links on this file system (FAT, some shares)
        if not path.exists():
            with contextlib.suppress(OSError):
                platform.replace(aside, path)
            return
    with contextlib.suppress(OSError):
        platform.remove(aside)


def join(session_path: Path, seen: LockStatus) -> SessionLock | LockStatus:
    """Write alongside the writers of the lock the user saw: add us to its file.

    Stale writers are dropped on the way. If the lock is gone meanwhile, it is
    simply taken; if it cannot be read now, its status is returned instead.
    """
    path = lock_path(session_path)
    if _is_link(path):
        raise LockIsLink(path, Message("problem.lock_is_link"))
    with save_lock(session_path):
        found = inspect(session_path)
        if found is None:
            return acquire(session_path)
        if found.state == LockState.OURS and found.info is not None:
            return _register(SessionLock(session_path, path, found.info))
        if found.state == LockState.UNREADABLE:
            return found
        info = current_info()
        _rewrite(session_path, path, [*live_writers(found.writers), info])
    return _register(SessionLock(session_path, path, info))


def writers(session_path: Path) -> list[LockInfo]:
    """The writers of the session that are not provably gone (none when it is not locked)."""
    found = inspect(session_path)
    return live_writers(found.writers) if found is not None else []


def _rewrite(session_path: Path, path: Path, writers: list[LockInfo]) -> None:
    """Replace the lock file by one listing ``writers`` (atomically; under the save lock)."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, NEW_LOCK_MODE)
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(writers_to_toml(writers))
            stream.flush()
            with contextlib.suppress(OSError):
                platform.set_file_mode(stream.fileno(), temporary, _lock_mode(session_path))
            os.fsync(stream.fileno())
        platform.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            platform.remove(temporary)
        raise LockError(path, os_reason(error)) from None


def release_all() -> None:
    """Release every lock this process still holds (at exit)."""
    for lock in list(_HELD.values()):
        lock.release()


def held(session_path: Path) -> SessionLock | None:
    """The lock of ``session_path`` this process holds, if any."""
    return _HELD.get(lock_path(session_path))


def release(session_path: Path) -> None:
    """Release this process's lock of ``session_path``, if it holds one."""
    lock = _HELD.get(lock_path(session_path))
    if lock is not None:
        lock.release()


atexit.register(release_all)
