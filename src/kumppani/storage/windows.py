"""Provides the Windows side of ``storage.platform``: process liveness, the save lock, ReplaceFileW.

Only ``storage.platform`` calls this, and only when ``sys.platform == "win32"``.
``msvcrt`` and the kernel32 functions are looked up by name (``importlib``,
``getattr``), so this module imports and type-checks on every platform, and the
tests run each function on Linux with stand-ins for ``msvcrt`` and kernel32.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SAVE_LOCK_NAME = ".kumppani-save.lock"
"""The file in a session's folder whose first byte is locked while a save runs."""

PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
"""Enough access to ask whether a process still runs and when it started, for any owner."""
STILL_ACTIVE = 259
"""The exit code ``GetExitCodeProcess`` reports for a process that has not ended."""
ERROR_INVALID_PARAMETER = 87
"""``OpenProcess``: no process has this id."""
FILETIME_1970 = 116_444_736_000_000_000
"""1970-01-01 in a Windows FILETIME (100 ns steps after 1601-01-01)."""

ERROR_UNABLE_TO_REMOVE_REPLACED = 1175
"""``ReplaceFileW``: the replaced file could not be moved away; both files keep their names."""
ERROR_UNABLE_TO_MOVE_REPLACEMENT = 1176
"""``ReplaceFileW`` with a backup name: the new file could not be moved; nothing was renamed."""
ERROR_UNABLE_TO_MOVE_REPLACEMENT_2 = 1177
"""``ReplaceFileW``: the old file is already under the backup name, the new one under its own."""
REPLACE_HELD = frozenset(
    {
        ERROR_UNABLE_TO_REMOVE_REPLACED,
        ERROR_UNABLE_TO_MOVE_REPLACEMENT,
        ERROR_UNABLE_TO_MOVE_REPLACEMENT_2,
    }
)
"""``ReplaceFileW``'s "could not move": a file held open; raised only with both files back."""
REPLACE_UNSUPPORTED = frozenset({1, 50, 87})
"""``ReplaceFileW`` errors of a file system that cannot do it (invalid function, not supported,
invalid parameter): nothing was renamed, and the caller replaces the usual way instead."""
REPLACE_FLAGS = 0x2 | 0x4
"""``REPLACEFILE_IGNORE_MERGE_ERRORS | REPLACEFILE_IGNORE_ACL_ERRORS``: a file whose access list
cannot be carried over is still saved, with the folder's (as a plain rename would leave it)."""
_ERRNOS = {2: errno.ENOENT, 3: errno.ENOENT, 19: errno.EROFS, 112: errno.ENOSPC}
"""Windows error → errno for the ``ReplaceFileW`` failures a save reports by their own name
(file or folder gone, write-protected, disk full); held files end as ``EBUSY`` after the
retries (``platform.retry_sharing``); any other keeps Windows' own words."""


def _ctypes() -> Any:
    return importlib.import_module("ctypes")


def _kernel32() -> Any:
    """kernel32 with the argument and result types of the functions used here."""
    ctypes = _ctypes()
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle, dword, pointer = ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p
    kernel32.OpenProcess.argtypes = (dword, ctypes.c_int, dword)
    kernel32.OpenProcess.restype = handle  # a HANDLE is pointer-sized: never truncate it
    kernel32.GetExitCodeProcess.argtypes = (handle, pointer)
    kernel32.GetExitCodeProcess.restype = ctypes.c_int
    kernel32.GetProcessTimes.argtypes = (handle, pointer, pointer, pointer, pointer)
    kernel32.GetProcessTimes.restype = ctypes.c_int
    kernel32.CloseHandle.argtypes = (handle,)
    kernel32.CloseHandle.restype = ctypes.c_int
    text = ctypes.c_wchar_p
    kernel32.ReplaceFileW.argtypes = (text, text, text, dword, pointer, pointer)
    kernel32.ReplaceFileW.restype = ctypes.c_int
    kernel32.MoveFileExW.argtypes = (text, text, dword)
    kernel32.MoveFileExW.restype = ctypes.c_int
    return kernel32


@contextlib.contextmanager
def _process(pid: int) -> Iterator[tuple[Any, Any]]:
    """kernel32 and a query handle of process ``pid`` (0 if it cannot be opened)."""
    kernel32 = _kernel32()
    handle = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    try:
        yield kernel32, handle
    finally:
        if handle:
            kernel32.CloseHandle(handle)


def pid_alive(pid: int) -> bool:
    """True unless Windows says process ``pid`` does not exist or has ended.

    A process that cannot be opened for another reason (access refused) is
    taken as running: a lock is never broken on a guess. A process whose exit
    code is 259 (``STILL_ACTIVE``) after it ended is taken as running too.
    """
    ctypes = _ctypes()
    with _process(pid) as (kernel32, handle):
        if not handle:
            return int(ctypes.get_last_error()) != ERROR_INVALID_PARAMETER
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return int(code.value) == STILL_ACTIVE


def process_creation(pid: int) -> int | None:
    """When process ``pid`` was created (a FILETIME); None if it cannot be asked."""
    ctypes = _ctypes()
    with _process(pid) as (kernel32, handle):
        if not handle:
            return None
        times = [ctypes.c_ulonglong() for _ in range(4)]  # created, exited, kernel, user
        if not kernel32.GetProcessTimes(handle, *(ctypes.byref(item) for item in times)):
            return None
        return int(times[0].value) or None


def filetime_seconds(filetime: int) -> float:
    """A FILETIME as seconds after 1970 (what ``datetime.fromtimestamp`` takes)."""
    return (filetime - FILETIME_1970) / 10_000_000


@contextlib.contextmanager
def save_lock(descriptor: int, path: Path) -> Iterator[None]:
    """Lock the first byte of the open lock file ``path`` while the block runs; close it after.

    ``msvcrt.locking(LK_LOCK)`` tries for about ten seconds; a lock still held
    by another save then raises ``OSError(EBUSY)``. Afterwards the file is
    removed unless another save has it open (Windows refuses that removal, so a
    waiting save keeps a valid lock file).
    """
    msvcrt = importlib.import_module("msvcrt")
    try:
        try:
            msvcrt.locking(descriptor, msvcrt.LK_LOCK, 1)
        except OSError as error:
            message = "another program is saving in this folder"
            raise OSError(errno.EBUSY, message, str(path)) from error
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
    finally:
        os.close(descriptor)
        with contextlib.suppress(OSError):
            os.unlink(path)


class ReplaceError(OSError):
    """``ReplaceFileW`` refused; ``winerror`` is Windows' code (set on every platform, for tests).

    Built with an errno, never from the code alone: Python on Windows would turn codes
    such as 1175 into ``EINVAL``, which a save would report as an unknown error.
    """

    def __init__(self, code: int, path: Path) -> None:
        ctypes = _ctypes()
        words = getattr(ctypes, "FormatError", None)
        text = str(words(code)).strip() if words is not None else f"Windows error {code}"
        super().__init__(_ERRNOS.get(code), text, str(path))  # None: Windows' words are shown
        self.winerror = code


def replace_file(replaced: Path, replacement: Path, backup: Path) -> bool:
    """``ReplaceFileW``: ``replacement`` takes the name of ``replaced``, which becomes ``backup``.

    One call, on one volume: nobody sees the name ``replaced`` missing. True when
    done; False on a file system that cannot do it (nothing was renamed). Otherwise
    ``ReplaceError``, and both files are as they were: where Windows had already
    moved the old file to ``backup`` (1177) it is renamed back first (a rename
    that never replaces, so a file someone made meanwhile at that name stays).
    If even that fails, ``OSError(EIO)`` names the backup, which holds the old file.
    """
    ctypes = _ctypes()
    kernel32 = _kernel32()
    names = str(replaced), str(replacement), str(backup)
    if kernel32.ReplaceFileW(*names, REPLACE_FLAGS, None, None):
        return True
    code = int(ctypes.get_last_error())
    if code in REPLACE_UNSUPPORTED:
        return False
    if code == ERROR_UNABLE_TO_MOVE_REPLACEMENT_2 and not kernel32.MoveFileExW(
        str(backup),
        str(replaced),
        0,  # no MOVEFILE_REPLACE_EXISTING: never over theirs
    ):
        message = f"the file before this save is kept as {backup.name}"
        raise OSError(errno.EIO, message, str(replaced))
    raise ReplaceError(code, replaced)
