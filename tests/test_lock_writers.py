"""Co-writing locks: the lock file lists every writer; each removes only its own entry."""

from __future__ import annotations

import errno
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from kumppani.storage import lock_holder, platform
from kumppani.storage import locks as locking
from kumppani.storage.lock_holder import writers_from_toml, writers_to_toml
from kumppani.storage.locks import LockError, LockInfo, LockState, SessionLock

OLD_LOCK = """# kumppani: this session is open for editing by the program below.
# kumppani removes this file when the session is closed.
user = "sihteeri"
host = "{host}"
pid = {pid}
since = 2026-03-12T09:00:00Z
process_start_ticks = {ticks}
"""
"""A lock file as kumppani wrote it before co-writing: one holder, no ``co_writers``."""


@pytest.fixture
def session(tmp_path: Path) -> Path:
    path = tmp_path / "2026-03-12-istunto.toml"
    path.write_text('title = "x"\n', encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _release_locks() -> Iterator[None]:
    yield
    locking.release_all()


@pytest.fixture
def holder() -> Iterator[LockInfo]:
    """Another program on this computer, still running, holding the lock."""
    with subprocess.Popen([sys.executable, "-c", "input()"], stdin=subprocess.PIPE) as child:
        ticks = platform.process_start_ticks(child.pid)
        yield replace(lock_holder.current_info(), user="sihteeri", pid=child.pid, start_ticks=ticks)
        child.communicate(b"\n")


def dead() -> LockInfo:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return replace(lock_holder.current_info(), user="poissa", pid=child.pid, start_ticks=None)


def on_disk(session: Path) -> tuple[LockInfo, ...]:
    return writers_from_toml(locking.lock_path(session).read_text("utf-8"))


def test_an_old_lock_file_is_read_as_one_writer(session: Path, holder: LockInfo) -> None:
    text = OLD_LOCK.format(host=holder.host, pid=holder.pid, ticks=holder.start_ticks or 0)
    locking.lock_path(session).write_text(text, "utf-8")
    found = locking.inspect(session)
    assert found is not None and found.state == LockState.LIVE
    assert len(found.writers) == 1 and found.writers[0].user == "sihteeri"


def test_joining_lists_both_writers_the_first_still_on_top(session: Path, holder: LockInfo) -> None:
    locking.lock_path(session).write_text(holder.to_toml(), "utf-8")
    seen = locking.acquire(session)
    assert not isinstance(seen, SessionLock) and seen.state == LockState.LIVE
    lock = locking.join(session, seen)
    assert isinstance(lock, SessionLock)
    assert on_disk(session) == (holder, lock.info)
    # An older kumppani reads only the top of the file: it still sees the first holder.
    assert LockInfo.from_toml(locking.lock_path(session).read_text("utf-8")) == holder
    found = locking.inspect(session)
    assert found is not None and found.state == LockState.OURS and found.info == lock.info
    assert locking.acquire(session) is lock  # opening it again in this program: still ours
    assert len(locking.writers(session)) == 2


def test_quitting_removes_only_your_own_entry(session: Path, holder: LockInfo) -> None:
    locking.lock_path(session).write_text(holder.to_toml(), "utf-8")
    seen = locking.inspect(session)
    assert seen is not None
    lock = locking.join(session, seen)
    assert isinstance(lock, SessionLock)
    lock.release()
    assert on_disk(session) == (holder,)


def test_the_first_holder_leaving_leaves_the_co_writer(session: Path, holder: LockInfo) -> None:
    mine = locking.acquire(session)
    assert isinstance(mine, SessionLock)
    path = locking.lock_path(session)
    path.write_text(writers_to_toml((mine.info, holder)), "utf-8")  # the other joined
    mine.release()
    assert on_disk(session) == (holder,)


def test_the_last_writer_removes_the_file(session: Path) -> None:
    path = locking.lock_path(session)
    gone = dead()
    path.write_text(gone.to_toml(), "utf-8")
    seen = locking.inspect(session)
    assert seen is not None and seen.state == LockState.STALE
    lock = locking.join(session, seen)
    assert isinstance(lock, SessionLock)
    assert on_disk(session) == (lock.info,)  # the stale writer was dropped on the way
    lock.release()
    assert not path.exists()


def test_stale_writers_are_dropped_and_live_ones_kept(session: Path, holder: LockInfo) -> None:
    path = locking.lock_path(session)
    path.write_text(writers_to_toml((holder, dead())), "utf-8")
    seen = locking.inspect(session)
    assert seen is not None and seen.state == LockState.LIVE and seen.info == holder
    lock = locking.join(session, seen)
    assert isinstance(lock, SessionLock)
    assert on_disk(session) == (holder, lock.info)


def test_a_lock_only_of_stale_writers_is_stale(session: Path) -> None:
    locking.lock_path(session).write_text(writers_to_toml((dead(), dead())), "utf-8")
    found = locking.inspect(session)
    assert found is not None and found.state == LockState.STALE


def test_a_lock_gone_before_joining_is_simply_taken(session: Path, holder: LockInfo) -> None:
    path = locking.lock_path(session)
    path.write_text(holder.to_toml(), "utf-8")
    seen = locking.inspect(session)
    assert seen is not None
    path.unlink()  # the holder closed the session meanwhile
    lock = locking.join(session, seen)
    assert isinstance(lock, SessionLock) and on_disk(session) == (lock.info,)


def test_joining_a_lock_that_became_a_symlink_says_so_in_the_users_language(
    session: Path, holder: LockInfo, tmp_path: Path
) -> None:
    path = locking.lock_path(session)
    path.write_text(holder.to_toml(), "utf-8")
    seen = locking.inspect(session)
    assert seen is not None
    path.unlink()
    path.symlink_to(tmp_path / "nowhere")  # swapped for a link meanwhile
    with pytest.raises(LockError) as caught:
        locking.join(session, seen)
    assert caught.value.describe("fi").endswith(
        ": on symbolinen linkki eikä kumppanin kirjoittama lukko; poista se, niin voit muokata"
    )
    assert caught.value.describe("sv").endswith(
        ": är en symbolisk länk, inte ett lås som kumppani skrivit; ta bort den för att redigera"
    )


def test_a_lock_that_cannot_be_rewritten_says_why_in_the_users_language(
    session: Path, holder: LockInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = locking.lock_path(session)
    path.write_text(holder.to_toml(), "utf-8")
    seen = locking.inspect(session)
    assert seen is not None

    def full(source: Path, target: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(platform, "replace", full)
    with pytest.raises(LockError) as caught:
        locking.join(session, seen)
    assert caught.value.describe("fi").endswith(": levy on täynnä")
    assert caught.value.describe("sv").endswith(": disken är full")
    assert on_disk(session) == (holder,)  # the holder's lock as it was
    assert [p.name for p in session.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_co_writers_that_are_not_tables_make_the_lock_unreadable(session: Path) -> None:
    text = lock_holder.current_info().to_toml() + "co_writers = [1, 2]\n"
    locking.lock_path(session).write_text(text, "utf-8")
    found = locking.inspect(session)
    assert found is not None and found.state == LockState.UNREADABLE


def test_a_take_over_compares_every_writer(session: Path, holder: LockInfo) -> None:
    path = locking.lock_path(session)
    gone = dead()
    path.write_text(gone.to_toml(), "utf-8")
    seen = locking.inspect(session)
    assert seen is not None
    path.write_text(writers_to_toml((gone, holder)), "utf-8")  # someone joined since
    result = locking.take_over(session, seen)
    assert not isinstance(result, SessionLock)  # not the lock the user agreed to break
    assert on_disk(session) == (gone, holder)
