"""Windows simulated on Linux, as ``storage.platform`` asks for it.

``sys.platform`` is ``"win32"`` (the layer's own ``sys`` is replaced, not the
interpreter's), there is no ``os.fchmod`` (Python 3.11 and 3.12 on Windows),
``msvcrt`` is a stand-in that records its calls, and kernel32 is a stand-in
reached through ``ctypes.WinDLL`` as on Windows. Import the fixtures into a
test module to use them.
"""

from __future__ import annotations

import ctypes
import errno
import os
import sys
import types
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
    """Processes by id: exit code (259 = running) and creation time; 0 handles for others."""

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
        self.last_error = 0

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
