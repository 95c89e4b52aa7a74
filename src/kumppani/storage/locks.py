"""Provides session locks: who has a session open for editing, and whether they still do.

Opening a session for editing takes a lock: a small TOML file beside the
session, ``.<file name>.lock``, that a person can read (user, host, process id,
when the process started and since when it holds the lock). It is created
atomically (``O_CREAT | O_EXCL``), so of two programs opening the same session
at once exactly one gets it. Its permissions follow the session file's (a
folder shared with a group stays shared); a new one is readable by its owner only.

``inspect`` tells whose a lock is:

* ``OURS``: this very process holds it (the session is opened again, e.g. after
  a change of language);
* ``LIVE``: another process on this host that is still running;
* ``STALE``: provably gone: same host and the process is dead, or a process
  with that id runs but started at another time (the id was reused), or the
  host was restarted since;
* ``FOREIGN``: another host: whether its process runs cannot be known here;
* ``UNREADABLE``: the lock file cannot be read (being written right now, or
  damaged).

Only a ``STALE`` lock may be taken over without asking; ``FOREIGN`` and
``UNREADABLE`` only after the user chose so despite a clear warning. Read-only
opening never takes, inspects for takeover or removes a lock. Locks are released on
close and, best effort, when the interpreter exits (``atexit``).
"""

from __future__ import annotations

import atexit
import contextlib
import enum
import getpass
import os
import socket
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kumppani.errors import KumppaniError
from kumppani.storage.lock_info import LockInfo
from kumppani.toml.source import read_source

LOCK_PREFIX = "."
LOCK_SUFFIX = ".lock"
NEW_LOCK_MODE = 0o600
ACQUIRE_ATTEMPTS = 5
LOCK_LIMIT = 64 * 1024
"""A lock file is a few lines: anything bigger is not one."""


class LockState(enum.StrEnum):
    """Whose a lock file is."""

    OURS = "ours"
    LIVE = "live"
    STALE = "stale"
    FOREIGN = "foreign"
    UNREADABLE = "unreadable"


class LockError(KumppaniError):
    """The lock could not be taken (someone else holds it, or the folder refused)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class LockStatus:
    """A lock file as found: its state and, unless unreadable, its holder."""

    path: Path
    state: LockState
    info: LockInfo | None


def lock_path(session_path: Path) -> Path:
    """The lock file of a session: ``.<name>.lock`` beside it (beside its target if a link)."""
    target = _resolved(session_path)
    return target.with_name(f"{LOCK_PREFIX}{target.name}{LOCK_SUFFIX}")


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:  # a loop of links: the path as given (opening it will fail anyway)
        return path


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(path.lstat().st_mode)
    except OSError:
        return False


# -- this process ----------------------------------------------------------------------------
def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for the uid (containers)
        return str(os.getuid()) if hasattr(os, "getuid") else "?"


def host_name() -> str:
    """This machine's name as recorded in locks."""
    return socket.gethostname() or "?"


def boot_id() -> str | None:
    """An id of this boot of the host (Linux), None where unknown."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text("ascii").strip() or None
    except OSError:
        return None


def process_start_ticks(pid: int) -> int | None:
    """When process ``pid`` started, in clock ticks after boot (Linux); None if unknown/gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text("utf-8", errors="replace")
    except OSError:
        return None
    # Field 2 (the command name) is in parentheses and may hold spaces or ")".
    fields = text[text.rfind(")") + 2 :].split()
    try:
        return int(fields[19])  # field 22 overall; fields here start at field 3
    except (IndexError, ValueError):
        return None


def _boot_time() -> float | None:
    try:
        for line in Path("/proc/stat").read_text("ascii").splitlines():
            if line.startswith("btime "):
                return float(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def _started_at(ticks: int | None) -> datetime | None:
    boot = _boot_time()
    if ticks is None or boot is None:
        return None
    seconds = boot + ticks / os.sysconf("SC_CLK_TCK")
    return datetime.fromtimestamp(int(seconds), UTC)


def current_info(now: datetime | None = None) -> LockInfo:
    """The lock this process would write."""
    ticks = process_start_ticks(os.getpid())
    return LockInfo(
        user=_user(),
        host=host_name(),
        pid=os.getpid(),
        since=(now or datetime.now(UTC)).replace(microsecond=0),
        start_ticks=ticks,
        boot_id=boot_id(),
        started=_started_at(ticks),
    )


def pid_alive(pid: int) -> bool:
    """True if a process with this id exists on this host (any owner).

    Where this cannot be asked safely (on Windows ``os.kill`` would end the
    process), the answer is True: a lock is never broken on a guess.
    """
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists but belongs to someone else
        return True
    except OSError:
        return True  # cannot tell: assume alive, never break a lock on a guess
    return True


# -- reading ---------------------------------------------------------------------------------
def state_of(info: LockInfo) -> LockState:
    """Whose the lock described by ``info`` is, judged from this host."""
    if info.host != host_name():
        return LockState.FOREIGN
    here = boot_id()
    if info.boot_id is not None and here is not None and info.boot_id != here:
        return LockState.STALE  # the host restarted: its process is gone
    if not pid_alive(info.pid):
        return LockState.STALE
    ticks = process_start_ticks(info.pid)
    if info.start_ticks is not None and ticks is not None and ticks != info.start_ticks:
        return LockState.STALE  # the id now belongs to another process
    if info.pid == os.getpid() and (info.start_ticks is None or ticks == info.start_ticks):
        return LockState.OURS
    return LockState.LIVE


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
        info = LockInfo.from_toml(text)
    except ValueError:
        return LockStatus(path, LockState.UNREADABLE, None)
    return LockStatus(path, state_of(info), info)


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
        return found is not None and found.info == self.info

    def release(self) -> None:
        """Remove the lock file if it is still ours (someone may have taken it over)."""
        if self.released:
            return
        self.released = True
        _HELD.pop(self.path, None)
        if self.still_ours():
            with contextlib.suppress(OSError):
                self.path.unlink()


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
        raise LockError(path, "is a symbolic link, not a lock kumppani wrote; remove it to edit")
    for _ in range(ACQUIRE_ATTEMPTS):
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, NEW_LOCK_MODE)
        except FileExistsError:
            found = inspect(session_path)
            if found is None:  # released in between: try again
                continue
            if found.state == LockState.OURS and found.info is not None:
                return _register(SessionLock(session_path, path, found.info))
            return found
        except OSError as error:
            raise LockError(path, error.strerror or str(error)) from None
        return _write_lock(session_path, path, descriptor)
    raise LockError(path, "the lock file keeps appearing and vanishing")


def _write_lock(session_path: Path, path: Path, descriptor: int) -> SessionLock:
    info = current_info()
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(info.to_toml())
            stream.flush()
            with contextlib.suppress(OSError):
                os.fchmod(stream.fileno(), _lock_mode(session_path))
            os.fsync(stream.fileno())
    except OSError as error:
        with contextlib.suppress(OSError):
            path.unlink()
        raise LockError(path, error.strerror or str(error)) from None
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
        os.replace(path, aside)
    except FileNotFoundError:
        return acquire(session_path)
    except OSError as error:
        raise LockError(path, error.strerror or str(error)) from None
    try:
        text = aside.read_text("utf-8")
        moved: LockInfo | None = LockInfo.from_toml(text)
    except (OSError, UnicodeDecodeError, ValueError):
        moved = None
    if moved != seen.info:  # not the lock the user agreed to break: put it back
        _put_back(aside, path)
        return inspect(session_path) or acquire(session_path)
    with contextlib.suppress(OSError):
        aside.unlink()
    return acquire(session_path)


def _put_back(aside: Path, path: Path) -> None:
    """Restore a lock moved aside by mistake, unless a new one appeared meanwhile."""
    try:
        os.link(aside, path)  # fails if a lock exists again: never overwrite one
    except FileExistsError:
        pass
    except OSError:  # no hard links on this file system (FAT, some shares)
        if not path.exists():
            with contextlib.suppress(OSError):
                os.replace(aside, path)
            return
    with contextlib.suppress(OSError):
        aside.unlink()


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
