"""Session locks: one editor at a time, who holds it is readable, gone holders are recognised."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kumppani.storage import lock_holder, platform
from kumppani.storage import locks as locking
from kumppani.storage.locks import LockInfo, LockState, LockStatus, SessionLock

SRC = Path(__file__).parent.parent / "src"
LINUX_PROC = Path("/proc/self/stat").exists()


@pytest.fixture
def session(tmp_path: Path) -> Path:
    path = tmp_path / "2026-03-12-istunto.toml"
    path.write_text('title = "x"\n', encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.fixture(autouse=True)
def _release_locks() -> object:
    yield
    locking.release_all()


def write_lock(session: Path, info: LockInfo) -> Path:
    path = locking.lock_path(session)
    path.write_text(info.to_toml(), encoding="utf-8")
    return path


def other(**changes: object) -> LockInfo:
    """A lock as another holder would have written it."""
    return replace(lock_holder.current_info(), **changes)  # type: ignore[arg-type]


def dead_pid() -> int:
    """The id of a process that has just ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def run_child(code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )


def test_opening_takes_a_readable_lock_beside_the_session(session: Path) -> None:
    lock = locking.acquire(session)
    assert isinstance(lock, SessionLock)
    assert lock.path == session.parent / ".2026-03-12-istunto.toml.lock"
    text = lock.path.read_text("utf-8")
    assert text.startswith("# kumppani")  # a person opening the file learns what it is
    table = tomllib.loads(text)
    assert table["pid"] == os.getpid()
    assert table["host"] == lock_holder.host_name()
    assert table["user"] and isinstance(table["since"], datetime)
    if LINUX_PROC:
        assert table["process_start_ticks"] == platform.process_start_ticks(os.getpid())
        assert isinstance(table["process_started"], datetime)
    assert stat.S_IMODE(lock.path.stat().st_mode) == 0o600


def test_the_lock_is_as_shared_as_the_session_file(session: Path) -> None:
    session.chmod(0o640)
    lock = locking.acquire(session)
    assert isinstance(lock, SessionLock)
    assert stat.S_IMODE(lock.path.stat().st_mode) == 0o640


def test_opening_again_in_the_same_program_keeps_the_lock(session: Path) -> None:
    first = locking.acquire(session)
    again = locking.acquire(session)
    assert isinstance(first, SessionLock) and again is first
    assert locking.inspect(session) == LockStatus(first.path, LockState.OURS, first.info)


def test_release_removes_the_lock(session: Path) -> None:
    lock = locking.acquire(session)
    assert isinstance(lock, SessionLock)
    lock.release()
    assert not lock.path.exists()
    assert locking.inspect(session) is None


def test_release_never_removes_a_lock_someone_else_took_over(session: Path) -> None:
    lock = locking.acquire(session)
    assert isinstance(lock, SessionLock)
    theirs = other(host="toinen-kone", pid=4242)
    write_lock(session, theirs)
    lock.release()
    assert locking.inspect(session) == LockStatus(lock.path, LockState.FOREIGN, theirs)


def test_a_running_process_elsewhere_keeps_its_lock(session: Path) -> None:
    with subprocess.Popen([sys.executable, "-c", "input()"], stdin=subprocess.PIPE) as child:
        info = other(pid=child.pid, start_ticks=platform.process_start_ticks(child.pid))
        path = write_lock(session, info)
        before = path.read_bytes()
        found = locking.acquire(session)
        child.communicate(b"\n")
    assert found == LockStatus(path, LockState.LIVE, info)
    assert path.read_bytes() == before  # never touched


def test_a_dead_holder_is_stale_and_may_be_taken_over(session: Path) -> None:
    path = write_lock(session, other(pid=dead_pid(), start_ticks=None))
    found = locking.acquire(session)
    assert isinstance(found, LockStatus) and found.state == LockState.STALE
    assert path.exists()  # not taken without asking
    lock = locking.take_over(session, found)
    assert isinstance(lock, SessionLock)
    assert locking.inspect(session) == LockStatus(path, LockState.OURS, lock.info)
    assert not list(session.parent.glob("*.old"))


@pytest.mark.skipif(not LINUX_PROC, reason="process start times are read from /proc")
def test_a_reused_process_id_is_stale(session: Path) -> None:
    ticks = platform.process_start_ticks(os.getpid())
    assert ticks is not None
    write_lock(session, other(start_ticks=ticks - 1))
    found = locking.inspect(session)
    assert found is not None and found.state == LockState.STALE


@pytest.mark.skipif(platform.boot_id() is None, reason="no boot id on this system")
def test_a_lock_from_before_a_restart_is_stale(session: Path) -> None:
    write_lock(session, other(boot_id="00000000-0000-0000-0000-000000000000"))
    found = locking.inspect(session)
    assert found is not None and found.state == LockState.STALE


def test_a_lock_from_another_host_is_never_taken_silently(session: Path) -> None:
    info = other(host="sihteeristo-pc", pid=dead_pid())
    path = write_lock(session, info)
    found = locking.acquire(session)
    assert found == LockStatus(path, LockState.FOREIGN, info)
    assert LockInfo.from_toml(path.read_text("utf-8")) == info
    lock = locking.take_over(session, found)  # only when the user explicitly chose it
    assert isinstance(lock, SessionLock) and lock.info.host == lock_holder.host_name()


@pytest.mark.parametrize("text", ["", "pid = 'x'\n", "user = \n", "\udcff"])
def test_an_unreadable_lock_is_reported_not_guessed(session: Path, text: str) -> None:
    path = locking.lock_path(session)
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    found = locking.acquire(session)
    assert found == LockStatus(path, LockState.UNREADABLE, None)
    assert path.read_bytes() == text.encode("utf-8", "surrogateescape")


def test_take_over_gives_up_if_the_lock_changed_since_it_was_shown(session: Path) -> None:
    seen = LockStatus(locking.lock_path(session), LockState.STALE, other(pid=dead_pid()))
    newer = other(host="toinen-kone", since=datetime(2030, 1, 1, tzinfo=UTC))
    path = write_lock(session, newer)  # someone else took it meanwhile
    result = locking.take_over(session, seen)
    assert result == LockStatus(path, LockState.FOREIGN, newer)
    assert LockInfo.from_toml(path.read_text("utf-8")) == newer
    assert not list(session.parent.glob("*.old"))


def test_a_killed_program_leaves_a_stale_lock_a_normal_exit_none(session: Path) -> None:
    take = (
        "import os, sys; from pathlib import Path; from kumppani.storage import locks as locking\n"
        f"lock = locking.acquire(Path({str(session)!r}))\n"
        "print(type(lock).__name__, flush=True)\n"
    )
    assert run_child(take + "os._exit(0)\n").stdout.strip() == "SessionLock"
    found = locking.inspect(session)
    assert found is not None and found.state == LockState.STALE
    locking.lock_path(session).unlink()
    assert run_child(take + "sys.exit(0)\n").stdout.strip() == "SessionLock"
    assert locking.inspect(session) is None  # released at exit


def test_two_programs_opening_at_once_get_one_lock(session: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from kumppani.storage import locks as locking\n"
        "sys.stdin.readline()\n"
        f"lock = locking.acquire(Path({str(session)!r}))\n"
        "print(type(lock).__name__, flush=True); sys.stdin.readline()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    children = [
        subprocess.Popen(
            [sys.executable, "-c", code],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for child in children:  # both start at once
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    answers = []
    for child in children:
        assert child.stdout is not None
        answers.append(child.stdout.readline().strip())
    for child in children:
        child.communicate("done\n")
    assert sorted(answers) == ["LockStatus", "SessionLock"]


@given(
    user=st.text(max_size=40),
    host=st.text(max_size=40),
    pid=st.integers(min_value=1, max_value=2**31),
    ticks=st.none() | st.integers(min_value=0, max_value=2**62),
)
def test_any_holder_reads_back_as_written(
    user: str, host: str, pid: int, ticks: int | None
) -> None:
    since = datetime(2026, 11, 23, 10, 55, tzinfo=UTC)
    info = LockInfo(user, host, pid, since, ticks, "boot", since)
    assert LockInfo.from_toml(info.to_toml()) == info


def test_a_lock_removed_by_hand_is_released_quietly(session: Path) -> None:
    lock = locking.acquire(session)
    assert isinstance(lock, SessionLock)
    lock.path.unlink()
    lock.release()
    again = locking.acquire(session)
    assert isinstance(again, SessionLock) and again is not lock and again.path.exists()
