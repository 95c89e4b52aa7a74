"""The platform layer's process calls, user and processors; the guard that nothing else differs.

Each branch runs here, the Windows ones with Windows simulated (``tests.support.windows``).
"""

from __future__ import annotations

import ast
import ctypes
import errno
import getpass
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kumppani.storage import platform, windows
from tests.support.windows import FakeKernel32, FakeMsvcrt, simulate

LINUX = sys.platform == "linux"
linux_only = pytest.mark.skipif(not LINUX, reason="reads Linux's /proc")


# -- processes -------------------------------------------------------------------------------
def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_this_process_is_alive_and_an_ended_one_is_not() -> None:
    assert platform.pid_alive(os.getpid())
    assert not platform.pid_alive(dead_pid())
    assert not platform.pid_alive(0) and not platform.pid_alive(-1)


@linux_only
def test_a_zombie_is_dead() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)  # ended, not reaped
        assert (platform.PROC / str(child.pid) / "stat").read_text().split(") ")[1][0] == "Z"
        assert not platform.pid_alive(child.pid)
    finally:
        child.wait()


def test_someone_elses_process_is_alive(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(pid: int, signal: int) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(platform.os, "kill", refuse)
    assert platform.pid_alive(os.getpid())


def test_when_liveness_cannot_be_asked_the_process_counts_as_alive(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def cannot(pid: int, signal: int) -> None:
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(platform.os, "kill", cannot)
    assert platform.pid_alive(dead_pid())


def test_on_macos_a_signalled_process_without_proc_is_alive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    simulate(monkeypatch, "darwin")
    monkeypatch.setattr(platform, "PROC", tmp_path / "no-proc")
    monkeypatch.setattr(platform.os, "kill", lambda pid, signal: None)
    assert platform.pid_alive(dead_pid())
    assert platform.process_start_ticks(os.getpid()) is None
    assert platform.process_started(os.getpid()) is None
    assert platform.boot_id() is None


@pytest.mark.parametrize(
    ("processes", "open_error", "exit_code_fails", "alive"),
    [
        ({}, 87, False, False),  # no such process
        ({}, 5, False, True),  # access denied: it exists
        ({42: (259, 1)}, 0, False, True),  # STILL_ACTIVE
        ({42: (0, 1)}, 0, False, False),  # ended, someone still holds a handle
        ({42: (0, 1)}, 0, True, True),  # the exit code cannot be read: never a guess
    ],
)
def test_on_windows_liveness_asks_kernel32(
    on_windows: FakeMsvcrt,
    kernel32: FakeKernel32,
    monkeypatch: pytest.MonkeyPatch,
    processes: dict[int, tuple[int, int]],
    open_error: int,
    exit_code_fails: bool,
    alive: bool,
) -> None:
    monkeypatch.setattr(os, "kill", None)  # os.kill would end the process on Windows
    kernel32.processes, kernel32.open_error = processes, open_error
    kernel32.exit_code_fails = exit_code_fails
    assert platform.pid_alive(42) is alive
    assert kernel32.open_handles == set()  # every handle closed
    assert kernel32.OpenProcess.restype is ctypes.c_void_p  # a handle is never truncated


def test_on_windows_a_process_start_is_its_creation_time(
    on_windows: FakeMsvcrt, kernel32: FakeKernel32
) -> None:
    created = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)
    filetime = windows.FILETIME_1970 + int(created.timestamp()) * 10_000_000
    kernel32.processes = {42: (259, filetime)}
    assert platform.process_start_ticks(42) == filetime
    assert platform.process_started(42) == created
    assert platform.process_start_ticks(43) is None  # no such process
    assert platform.process_started(43) is None
    kernel32.times_fail = True
    assert platform.process_start_ticks(42) is None
    assert kernel32.open_handles == set()
    assert platform.boot_id() is None


@linux_only
def test_on_linux_a_process_start_is_read_from_proc() -> None:
    ticks = platform.process_start_ticks(os.getpid())
    assert isinstance(ticks, int)
    started = platform.process_started(os.getpid())
    assert started is not None and started <= datetime.now(UTC)
    assert platform.process_start_ticks(dead_pid()) is None
    assert platform.boot_id()


def fake_proc(root: Path, stat_text: str, proc_stat: str | None) -> Path:
    (root / "7").mkdir(parents=True)
    (root / "7" / "stat").write_text(stat_text)
    if proc_stat is not None:
        (root / "stat").write_text(proc_stat)
    return root


@pytest.mark.parametrize(
    ("stat_text", "proc_stat", "ticks", "started"),
    [
        ("7 (a) b) S " + "0 " * 18 + "250 0", "cpu 1\nbtime 1000\n", 250, True),
        ("7 (a) S 1 2", "btime 1000\n", None, False),  # too few fields
        ("7 (a) S " + "0 " * 18 + "x 0", "btime 1000\n", None, False),  # not a number
        ("7 (a) S " + "0 " * 18 + "250 0", "cpu 1\n", 250, False),  # no btime
        ("7 (a) S " + "0 " * 18 + "250 0", "btime x\n", 250, False),  # damaged btime
        ("7 (a) S " + "0 " * 18 + "250 0", None, 250, False),  # /proc/stat unreadable
    ],
)
def test_proc_is_read_with_care(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    stat_text: str,
    proc_stat: str | None,
    ticks: int | None,
    started: bool,
) -> None:
    monkeypatch.setattr(platform, "PROC", fake_proc(tmp_path, stat_text, proc_stat))
    assert platform.process_start_ticks(7) == ticks
    when = platform.process_started(7)
    if started:
        expected = 1000 + 250 / os.sysconf("SC_CLK_TCK")
        assert when == datetime.fromtimestamp(int(expected), UTC)
    else:
        assert when is None


# -- who and how many ------------------------------------------------------------------------
def test_the_user_name(monkeypatch: pytest.MonkeyPatch) -> None:
    assert platform.user_name() == getpass.getuser()

    def no_name() -> str:
        raise KeyError("uid not in passwd")

    monkeypatch.setattr(getpass, "getuser", no_name)
    assert platform.user_name() == str(os.getuid())


def test_on_windows_without_username_the_user_is_unknown(
    on_windows: FakeMsvcrt, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pwd() -> str:
        raise ImportError("No module named 'pwd'")  # getpass on Windows, Python < 3.13

    monkeypatch.setattr(getpass, "getuser", no_pwd)
    assert platform.user_name() == "?"


def test_cpu_count(monkeypatch: pytest.MonkeyPatch) -> None:
    if LINUX:
        assert platform.cpu_count() == len(os.sched_getaffinity(0))

        def refuse(pid: int) -> set[int]:
            raise OSError(errno.EINVAL, "Invalid argument")

        monkeypatch.setattr(platform.os, "sched_getaffinity", refuse)
    assert platform.cpu_count() == max(1, os.cpu_count() or 1)
    simulate(monkeypatch, "darwin")
    monkeypatch.setattr(platform.os, "cpu_count", lambda: None)
    assert platform.cpu_count() == 1


def platform_calls(tree: ast.AST) -> list[str]:
    """What in ``tree`` differs by platform: such ``os`` names, ``chmod``, modules, ``/proc``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in PLATFORM_NAMES:
            found.append(f"{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = [alias.name for alias in node.names]
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [f"{node.lineno}: import {name}" for name in names if name in MODULES]
        elif isinstance(node, ast.Constant) and str(node.value).startswith("/proc"):
            found.append(f"{node.lineno}: {node.value}")
    return found


PLATFORM_NAMES = {
    "fchmod",
    "chmod",
    "kill",
    "getuid",
    "geteuid",
    "sysconf",
    "sched_getaffinity",
    "O_NOFOLLOW",
    "flock",
    "locking",
}
"""Calls that are missing, or behave differently, on one of Linux, macOS and Windows."""
MODULES = {"fcntl", "msvcrt", "winreg", "pwd", "grp", "termios", "resource"}


def test_the_guard_finds_platform_calls() -> None:
    code = "import fcntl\nos.fchmod(1, 2)\npath.chmod(3)\nopen('/proc/1/stat')\n"
    assert len(platform_calls(ast.parse(code))) == 4


def test_nothing_else_calls_what_differs_by_platform() -> None:
    """Every such call goes through storage.platform: no AttributeError elsewhere by design."""
    source = Path(platform.__file__).parent.parent
    allowed = {Path(platform.__file__), Path(windows.__file__)}
    found = [
        f"{path.relative_to(source)}:{where}"
        for path in sorted(source.rglob("*.py"))
        if path not in allowed
        for where in platform_calls(ast.parse(path.read_text("utf-8")))
    ]
    assert found == []
