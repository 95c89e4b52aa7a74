"""Provides every file and process call that differs between Linux, macOS and Windows.

Nothing else in kumppani calls ``fchmod``, ``flock``, ``msvcrt``, ``os.kill``,
``/proc``, ``sysconf`` or ``sched_getaffinity``: a function missing on one
platform (``os.fchmod`` before Python 3.13 on Windows) cannot raise
``AttributeError`` in the middle of a save. Each function says what it does
on each platform. The platform is asked as ``sys.platform`` at call time, the
form ``mypy --platform win32`` understands (CI checks win32 and darwin), and
the form the tests replace to run the Windows branches on Linux.

Windows details live in ``storage.windows`` (ctypes and ``msvcrt``).
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from kumppani.storage import windows

_T = TypeVar("_T")

SHARING_WINERRORS = frozenset({5, 32, 33, *windows.REPLACE_HELD})
"""Windows errors of a file another program holds open for a moment (an antivirus, the
search indexer, OneDrive): access denied (5), sharing violation (32), lock violation (33),
and ``ReplaceFileW``'s "could not move" (1175-1177, raised after both files are back)."""

RETRY_DELAYS = (0.01, 0.02, 0.04, 0.08, 0.15, 0.3, 0.5, 0.9)
"""Waits between attempts while a file is held open: about two seconds in all."""

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
"""``os.open`` flag that refuses a symlink as the last part of a path; 0 on Windows,
which has no such flag (a symlink there needs a privilege an ordinary user lacks)."""

PROC = Path("/proc")
"""Linux's process file system (absent on macOS and Windows)."""

_sleep: Callable[[float], None] = time.sleep
"""How the retries wait (tests replace it: no real sleeping there)."""


# -- files ------------------------------------------------------------------------------------
def set_file_mode(descriptor: int, path: Path, mode: int) -> None:
    """Give the open file ``descriptor`` (at ``path``) the permission bits ``mode``.

    * Linux, macOS: ``os.fchmod`` on the open file; where a Python lacks it,
      ``os.chmod`` by path.
    * Windows: nothing. Modes there are only a read-only flag; who may read a
      file is decided by the folder's access list (a user's profile folder,
      where kumppani keeps its files by default, is private to that user).

    Raises ``OSError`` if the system refuses.
    """
    if sys.platform == "win32":
        return
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, mode)
    else:
        os.chmod(path, mode)


def set_path_mode(path: Path, mode: int) -> None:
    """Give ``path`` (a file or a folder) the permission bits ``mode``; ``OSError`` if refused.

    * Linux, macOS: ``os.chmod``.
    * Windows: nothing (see ``set_file_mode``).
    """
    if sys.platform == "win32":
        return
    os.chmod(path, mode)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable; never raises.

    * Linux, macOS: the folder is opened and ``fsync``-ed.
    * Windows: nothing. A folder cannot be opened as a file there, and NTFS
      journals the rename itself.
    """
    if sys.platform == "win32":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def is_sharing_violation(error: OSError) -> bool:
    """True for a Windows error that means "another program holds this file for a moment"."""
    return getattr(error, "winerror", None) in SHARING_WINERRORS


def retry_sharing(operation: Callable[[], _T]) -> _T:
    """Run ``operation``; while Windows says the file is held open, wait and try again.

    Attempts are spaced by ``RETRY_DELAYS`` (about two seconds in all). Any
    other error is raised at once; a file still held after the last attempt
    raises ``OSError`` with ``errno.EBUSY``, which a save reports as "the file
    is held open by another program". On Linux and macOS no error is a sharing
    violation, so this is a single call.
    """
    for delay in RETRY_DELAYS:
        try:
            return operation()
        except OSError as error:
            if not is_sharing_violation(error):
                raise
        _sleep(delay)
    try:
        return operation()
    except OSError as error:
        if not is_sharing_violation(error):
            raise
        raise OSError(errno.EBUSY, error.strerror or str(error), error.filename) from error


def replace(source: Path, target: Path) -> None:
    """``os.replace(source, target)``, retried while Windows reports the target held open.

    * Linux, macOS: one atomic rename; errors as ``os.replace`` raises them.
    * Windows: the rename fails with a sharing violation while an antivirus,
      the search indexer or a sync client has the target open; it is retried
      for about two seconds (``retry_sharing``), then ``OSError(EBUSY)``.
    """
    retry_sharing(lambda: os.replace(source, target))


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_RENAME_SWAP = 2
"""macOS ``<stdio.h>``: ``renamex_np`` swaps the two names."""
_swap: Any = None
"""The C function that swaps, once looked up."""


def exchange(first: Path, second: Path) -> bool:
    """Swap two files in one atomic step; False where that cannot be done.

    * Linux: ``renameat2(RENAME_EXCHANGE)`` (glibc 2.28, kernel 3.15).
    * macOS: ``renamex_np(RENAME_SWAP)`` (macOS 10.12; APFS and HFS+).
    * Either: False on a file system or a system without it.
    * Windows: False (the caller uses ``replace_keeping``; see ``storage.swap``).
    """
    global _swap
    if sys.platform not in ("linux", "darwin"):
        return False
    import ctypes

    if _swap is None:
        try:
            library = ctypes.CDLL(None, use_errno=True)
            _swap = library.renameat2 if sys.platform == "linux" else library.renamex_np
        except (AttributeError, OSError):
            return False
        _swap.restype = ctypes.c_int
    names = os.fsencode(first), os.fsencode(second)
    if sys.platform == "linux":
        result = _swap(_AT_FDCWD, names[0], _AT_FDCWD, names[1], _RENAME_EXCHANGE)
    else:
        result = _swap(names[0], names[1], ctypes.c_uint(_RENAME_SWAP))
    if result == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.ENOSYS, errno.EINVAL, getattr(errno, "ENOTSUP", errno.EINVAL)):
        return False
    raise OSError(number, os.strerror(number), str(second))


def replace_keeping(source: Path, target: Path, backup: Path) -> bool:
    """Put ``source`` in place of ``target`` and keep the file replaced as ``backup``, in one
    step; False where that cannot be done (nothing was moved then).

    * Windows: ``ReplaceFileW`` (``windows.replace_file``), retried like ``replace``
      while the file is held open, then ``OSError(EBUSY)``; both files are where
      they were after any failure.
    * Linux, macOS: False (they swap instead: ``exchange``).
    """
    if sys.platform != "win32":
        return False
    return retry_sharing(lambda: windows.replace_file(target, source, backup))


def remove(path: Path) -> None:
    """Delete ``path``, retried like ``replace`` while Windows reports it held open.

    ``FileNotFoundError`` and other errors are raised as ``os.unlink`` raises them.
    """
    retry_sharing(lambda: os.unlink(path))


@contextlib.contextmanager
def exclusive_lock(folder: Path) -> Iterator[None]:
    """Hold the exclusive save lock of ``folder`` while the ``with`` block runs.

    Every kumppani save takes it around its check and replace, so two saves
    into one folder never overlap. The system releases it if the process dies.

    * Linux, macOS: ``flock(LOCK_EX)`` on the folder itself (no extra file);
      waits for the holder.
    * Windows: ``msvcrt.locking`` on ``.kumppani-save.lock`` in the folder,
      removed again afterwards when nobody else has it open; waits about ten
      seconds, then raises ``OSError(EBUSY)`` (a save fault, retried).

    Fallback: where the lock cannot be had at all (the folder is gone or
    read-only, a file system or network share without locks), the block runs
    without it: the save's own check still runs, and the write reports the
    real problem.
    """
    if sys.platform == "win32":
        path = folder / windows.SAVE_LOCK_NAME
        try:
            descriptor = retry_sharing(lambda: os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        except OSError:
            yield  # the folder is gone or read-only: the write will say so
            return
        with windows.save_lock(descriptor, path):
            yield
        return
    import fcntl

    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        yield  # the folder is gone or unreadable: the write will say so
        return
    try:
        with contextlib.suppress(OSError):  # a file system without flock: check without it
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


# -- processes --------------------------------------------------------------------------------
def pid_alive(pid: int) -> bool:
    """True if process ``pid`` runs on this host (whoever owns it).

    * Linux: ``kill(pid, 0)``; a process that exists is then looked up in
      ``/proc/<pid>/stat``, and a zombie (ended, not yet reaped: state ``Z``
      or ``X``) counts as dead.
    * macOS: ``kill(pid, 0)`` (no ``/proc``; a zombie counts as running).
    * Windows: ``OpenProcess`` + ``GetExitCodeProcess`` through ctypes
      (``os.kill`` there would end the process). A process that ended while
      someone still holds a handle to it counts as dead.

    Where the answer cannot be known (access refused, an unexpected error) it
    is True: a lock is never broken on a guess. A pid of 0 or less is no process.
    """
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return windows.pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists but is someone else's; else cannot tell
        pass
    fields = _proc_stat(pid)
    return fields is None or fields[0] not in ("Z", "X")


def end_process(pid: int) -> None:
    """End process ``pid`` at once; one already gone is no error.

    * Linux, macOS: ``SIGKILL``.
    * Windows: ``os.kill`` with any signal calls ``TerminateProcess``.
    """
    with contextlib.suppress(ProcessLookupError):
        if sys.platform == "win32":
            os.kill(pid, signal.SIGTERM)
        else:
            os.kill(pid, signal.SIGKILL)


def end_self_by(number: int) -> None:
    """End this process by signal ``number`` as if no handler had caught it (POSIX).

    Its exit status then still says which signal ended it (a closed terminal, a kill).
    """
    signal.signal(number, signal.SIG_DFL)
    os.kill(os.getpid(), number)


def _proc_stat(pid: int) -> list[str] | None:
    """Linux: the fields of ``/proc/<pid>/stat`` from field 3 (the state) on; None elsewhere."""
    try:
        text = (PROC / str(pid) / "stat").read_text("utf-8", errors="replace")
    except OSError:
        return None
    # Field 2 (the command name) is in parentheses and may hold spaces or ")".
    return text[text.rfind(")") + 2 :].split()


def process_start_ticks(pid: int) -> int | None:
    """When process ``pid`` started, as a number only compared with itself; None if unknown.

    Two processes with the same id but different values are different
    processes (the id was reused).

    * Linux: clock ticks after boot (``/proc/<pid>/stat`` field 22).
    * Windows: the creation time (``GetProcessTimes``), in 100 ns after 1601.
    * macOS: None (a lock is then judged by its process id alone).
    """
    if sys.platform == "win32":
        return windows.process_creation(pid)
    fields = _proc_stat(pid)
    try:
        return int(fields[19]) if fields is not None else None  # field 22 overall
    except (IndexError, ValueError):
        return None


def process_started(pid: int) -> datetime | None:
    """When process ``pid`` started, for people to read; None where unknown (see above)."""
    ticks = process_start_ticks(pid)
    if ticks is None:
        return None
    if sys.platform == "win32":
        seconds = windows.filetime_seconds(ticks)
    else:
        boot = _boot_time()
        if boot is None:
            return None
        seconds = boot + ticks / os.sysconf("SC_CLK_TCK")
    return datetime.fromtimestamp(int(seconds), UTC)


def _boot_time() -> float | None:
    """Linux: when the host booted (``btime`` in ``/proc/stat``), seconds after 1970."""
    try:
        for line in (PROC / "stat").read_text("ascii").splitlines():
            if line.startswith("btime "):
                return float(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def boot_id() -> str | None:
    """An id of this boot of the host, so a lock from before a restart is known stale.

    * Linux: ``/proc/sys/kernel/random/boot_id``.
    * Windows: None. Not needed there: a process's creation time
      (``process_start_ticks``) is a date, so a process id reused after a
      restart shows another creation time and the lock is stale anyway.
    * macOS: None (no id that stays the same for a whole boot is read
      cheaply); a lock is then judged by its process id alone.
    """
    if sys.platform == "win32":
        return None
    try:
        return (PROC / "sys/kernel/random/boot_id").read_text("ascii").strip() or None
    except OSError:
        return None


def user_name() -> str:
    """This user's login name, as recorded in locks.

    * Everywhere: ``getpass.getuser()`` (the ``USERNAME`` variable on Windows).
    * Linux, macOS without a name for the user (containers): the numeric user id.
    * Windows without ``USERNAME``: ``?`` (``getpass`` raises there, it has no ``pwd``).
    """
    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):
        if sys.platform == "win32":
            return "?"
        return str(os.getuid())


def cpu_count() -> int:
    """How many processors this process may run on, at least 1.

    * Linux: ``os.sched_getaffinity`` (a container or ``taskset`` may allow fewer
      than the machine has).
    * macOS, Windows: ``os.cpu_count()``.
    """
    if sys.platform == "linux":
        with contextlib.suppress(OSError):
            return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)
