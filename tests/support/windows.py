"""Windows simulated on Linux, as ``storage.platform`` asks for it.

``sys.platform`` is ``"win32"`` (the layer's own ``sys`` is replaced, not the
interpreter's), there is no ``os.fchmod`` (Python 3.11 and 3.12 on Windows),
``msvcrt`` is a stand-in that records its calls, and kernel32 is a stand-in
reached through ``ctypes.WinDLL`` as on Windows. Import the fixtures into a
test module to use them.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kumppani.storage import platform, windows


class FakeMsvcrt(types.ModuleType):
    """``msvcrt.locking`` that records (descriptor, mode) and can be told to fail."""

    LK_UNLCK = 0
    LK_LOCK = 1

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.calls: list[tuple[int, int]] = []
        self.fail: set[int] = set()

    def locking(self, descriptor: int, mode: int, length: int) -> None:
        assert length == 1
        os.fstat(descriptor)  # a real, open descriptor
        self.calls.append((descriptor, mode))
        if mode in self.fail:
            raise OSError(errno.EDEADLK, "Resource deadlock avoided")


class Function:
    """A kernel32 function: takes argtypes/restype like a ctypes one, runs ``body``."""

    def __init__(self, body: Any) -> None:
        self.body = body
        self.argtypes: tuple[Any, ...] = ()
        self.restype: Any = None

    def __call__(self, *args: Any) -> Any:
        return self.body(*args)


class FakeKernel32:
    """Processes by id: exit code (259 = running) and creation time; 0 handles for others.

    ``ReplaceFileW`` as documented: the replaced file is renamed to the backup name,
    then the replacement to the replaced name (never over a file that appeared there
    meanwhile: 1177). ``replace_fails`` lists error codes for the next calls, each
    leaving the files as Windows documents for it. ``before_replace`` runs first (a
    racing writer). ``held_by`` is a lock file an outside writer holds (shared
    ``flock``) while it has the file open without ``FILE_SHARE_DELETE``: then the
    call fails with a sharing violation (32), as on Windows.
    """

    def __init__(self) -> None:
        self.processes: dict[int, tuple[int, int]] = {}
        self.open_error = 87  # ERROR_INVALID_PARAMETER: no such process
        self.exit_code_fails = False
        self.times_fail = False
        self.open_handles: set[int] = set()
        self.OpenProcess = Function(self._open)
        self.GetExitCodeProcess = Function(self._exit_code)
        self.GetProcessTimes = Function(self._times)
        self.CloseHandle = Function(self._close)
        self.ReplaceFileW = Function(self._replace_file)
        self.MoveFileExW = Function(self._move_file)
        self.last_error = 0
        self.replace_calls: list[tuple[str, str, str, int]] = []
        self.replace_fails: list[int] = []
        self.before_replace: Callable[[], None] | None = None
        self.held_by: Path | None = None

    def _open(self, access: int, inherit: bool, pid: int) -> int:
        assert access == windows.PROCESS_QUERY_LIMITED_INFORMATION and not inherit
        if pid not in self.processes:
            self.last_error = self.open_error
            return 0
        self.open_handles.add(pid + 1000)
        return pid + 1000

    def _exit_code(self, handle: int, code: Any) -> int:
        if self.exit_code_fails:
            return 0
        code._obj.value = self.processes[handle - 1000][0]
        return 1

    def _times(self, handle: int, *times: Any) -> int:
        if self.times_fail:
            return 0
        times[0]._obj.value = self.processes[handle - 1000][1]
        return 1

    def _close(self, handle: int) -> int:
        self.open_handles.remove(handle)
        return 1

    def _replace_file(
        self, replaced: str, replacement: str, backup: str, flags: int, *reserved: None
    ) -> int:
        assert reserved == (None, None) and backup
        self.replace_calls.append((replaced, replacement, backup, flags))
        if self.before_replace is not None:
            self.before_replace()
        if self.replace_fails:
            return self._fail(self.replace_fails.pop(0), replaced, backup)
        with contextlib.ExitStack() as stack:
            if self.held_by is not None:
                import fcntl  # (POSIX only: the stand-in runs on Linux and macOS)

                descriptor = os.open(self.held_by, os.O_RDWR | os.O_CREAT)
                stack.callback(os.close, descriptor)
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    return self._fail(32, replaced, backup)
            if not os.path.exists(replaced):
                return self._fail(2, replaced, backup)
            os.rename(replaced, backup)
            if not self._move_file(replacement, replaced, 0):
                return self._fail(1177, replaced, backup)
        return 1

    def _move_file(self, source: str, target: str, flags: int) -> int:
        """``MoveFileExW`` without ``MOVEFILE_REPLACE_EXISTING``: never over a file."""
        assert flags == 0
        try:
            os.link(source, target)
        except FileExistsError:
            self.last_error = 183  # ERROR_ALREADY_EXISTS
            return 0
        os.unlink(source)
        return 1

    def _fail(self, code: int, replaced: str, backup: str) -> int:
        if code == 1177 and os.path.exists(replaced) and not os.path.exists(backup):
            os.rename(replaced, backup)  # documented: the old file is under the backup name
        self.last_error = code
        return 0


@pytest.fixture
def kernel32(monkeypatch: pytest.MonkeyPatch) -> FakeKernel32:
    fake = FakeKernel32()

    def win_dll(name: str, use_last_error: bool = False) -> FakeKernel32:
        assert name == "kernel32" and use_last_error
        return fake

    monkeypatch.setattr(ctypes, "WinDLL", win_dll, raising=False)
    monkeypatch.setattr(ctypes, "get_last_error", lambda: fake.last_error, raising=False)
    return fake


@pytest.fixture
def msvcrt(monkeypatch: pytest.MonkeyPatch) -> FakeMsvcrt:
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    return fake


def simulate(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make ``storage.platform`` believe it runs on ``name`` (win32, darwin, linux)."""
    monkeypatch.setattr(platform, "sys", types.SimpleNamespace(platform=name))


@pytest.fixture
def on_windows(
    monkeypatch: pytest.MonkeyPatch, msvcrt: FakeMsvcrt, kernel32: FakeKernel32
) -> FakeMsvcrt:
    """Windows with Python 3.11: no os.fchmod, msvcrt and kernel32 present."""
    simulate(monkeypatch, "win32")
    monkeypatch.delattr(os, "fchmod", raising=False)
    return msvcrt


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits of the retries, recorded instead of slept."""
    waited: list[float] = []
    monkeypatch.setattr(platform, "_sleep", waited.append)
    return waited


def sharing_violation(winerror: int = 32) -> PermissionError:
    """The error os.replace raises on Windows while another program holds the file."""
    error = PermissionError(errno.EACCES, "The process cannot access the file")
    error.winerror = winerror  # type: ignore[attr-defined]
    return error
