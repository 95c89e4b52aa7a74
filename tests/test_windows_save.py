"""Saving, locking and journaling with Windows simulated on Linux (``tests.support.windows``).

What a facilitator on a Windows laptop would notice: with Python 3.11 there
is no ``os.fchmod``, and every save and lock must still work; OneDrive or an
antivirus holding the file for a moment must not fail a save; a file held for
good is a save fault that names the file and says why, the old file intact;
no failure of a save escapes as anything but a save fault.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from kumppani.editing.editor import SessionEditor
from kumppani.editing.journaling import start_journal
from kumppani.errors import SaveError
from kumppani.storage import files, locks, platform, windows
from kumppani.storage.conflicts import checked_write
from kumppani.storage.save_errors import describe_save_error
from kumppani.text.i18n import t
from tests.support.examples import EXAMPLES, FIRST
from tests.support.windows import FakeKernel32, FakeMsvcrt, sharing_violation

EXAMPLE = EXAMPLES / FIRST


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = folder / "round.toml"
    shutil.copy(EXAMPLE, path)
    return path


@pytest.fixture(autouse=True)
def _release_locks() -> object:
    yield
    locks.release_all()


def held(monkeypatch: pytest.MonkeyPatch, times: int) -> list[Path]:
    """``os.replace`` refused ``times`` times with a sharing violation (OneDrive has the file)."""
    real = os.replace
    targets: list[Path] = []

    def replace(source: Path, target: Path) -> None:
        targets.append(Path(target))
        if len(targets) <= times:
            raise sharing_violation()
        real(source, target)

    monkeypatch.setattr(platform.os, "replace", replace)
    monkeypatch.setattr(platform, "exchange", lambda first, second: False)  # Windows: no swap
    return targets


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith((files.TEMP_PREFIX, ".kumppani"))]


def test_a_save_on_windows_without_fchmod_works(session_file: Path, on_windows: FakeMsvcrt) -> None:
    assert not hasattr(os, "fchmod")
    editor = SessionEditor.open(session_file)
    editor.add_note("overall", "Tallentuu Windowsissa", party="city")
    editor.save()
    assert "Tallentuu Windowsissa" in session_file.read_text("utf-8")
    modes = [mode for _, mode in on_windows.calls]
    assert modes == [FakeMsvcrt.LK_LOCK, FakeMsvcrt.LK_UNLCK]  # the save was exclusive
    assert leftovers(session_file.parent) == []


def test_a_lock_on_windows_without_fchmod_works(
    session_file: Path, on_windows: FakeMsvcrt, kernel32: FakeKernel32
) -> None:
    kernel32.processes = {os.getpid(): (windows.STILL_ACTIVE, 133_000_000_000_000_000)}
    lock = locks.acquire(session_file)
    assert isinstance(lock, locks.SessionLock)
    assert lock.info.start_ticks == 133_000_000_000_000_000  # GetProcessTimes, for id reuse
    assert locks.inspect(session_file) == locks.LockStatus(
        lock.path, locks.LockState.OURS, lock.info
    )
    lock.release()
    assert not lock.path.exists()


def test_a_save_held_up_twice_by_another_program_succeeds(
    session_file: Path, monkeypatch: pytest.MonkeyPatch, sleeps: list[float]
) -> None:
    editor = SessionEditor.open(session_file)
    editor.add_note("overall", "OneDrive piti tiedostoa hetken", party="state")
    targets = held(monkeypatch, 2)
    editor.save()
    assert targets == [session_file] * 3
    assert "OneDrive piti tiedostoa hetken" in session_file.read_text("utf-8")
    assert not editor.dirty and leftovers(session_file.parent) == []


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_file_held_for_good_is_a_save_fault_and_the_file_is_intact(
    session_file: Path, monkeypatch: pytest.MonkeyPatch, sleeps: list[float], language: str
) -> None:
    before = session_file.read_bytes()
    editor = SessionEditor.open(session_file)
    editor.add_note("overall", "Ei saa kadota", party="city")
    held(monkeypatch, 10**6)
    with pytest.raises(SaveError) as caught:
        editor.save()
    assert caught.value.errno == errno.EBUSY
    message = describe_save_error(caught.value, language)
    assert str(session_file) in message
    assert t("journal.reason.busy", language) in message
    assert session_file.read_bytes() == before and leftovers(session_file.parent) == []
    assert sum(sleeps) <= 2.5 and editor.dirty
    monkeypatch.undo()
    editor.save()  # the program let go: the next autosave writes it
    assert "Ei saa kadota" in session_file.read_text("utf-8")


def test_a_save_lock_held_too_long_is_a_save_fault(
    session_file: Path, on_windows: FakeMsvcrt
) -> None:
    before = session_file.read_bytes()
    snapshot = files.read_session(session_file)[1]
    on_windows.fail = {FakeMsvcrt.LK_LOCK}
    with pytest.raises(SaveError) as caught:
        checked_write(session_file, b"new", snapshot)
    assert caught.value.errno == errno.EBUSY
    assert session_file.read_bytes() == before


@pytest.mark.parametrize(
    "name", ["nul\0in the name.toml", "\ud800-not-encodable.toml"], ids=["nul", "surrogate"]
)
def test_a_name_the_system_cannot_take_is_a_save_fault(tmp_path: Path, name: str) -> None:
    with pytest.raises(SaveError):
        files.write_atomic(tmp_path / name, b"x")
    with pytest.raises(SaveError):
        files.claim_new_file(tmp_path / name)


def test_a_written_file_that_cannot_be_read_back_is_a_save_fault(
    session_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = files.load_session(session_file)
    real_stat = Path.stat

    def stat(self: Path, **kwargs: bool) -> os.stat_result:
        if self == session_file and not kwargs:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_stat(self, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    with pytest.raises(SaveError) as caught:
        files.save_session(session, session_file)
    assert caught.value.errno == errno.EIO


def test_the_journal_waits_for_a_held_file_too(
    session_file: Path, monkeypatch: pytest.MonkeyPatch, sleeps: list[float]
) -> None:
    editor = SessionEditor.open(session_file)
    journal = start_journal(editor)
    targets = held(monkeypatch, 2)
    editor.add_note("overall", "Lokiin", party="city")
    journal.flush()
    assert journal.last_error is None
    assert journal.file.exists() and journal.file in targets  # (its reserve file follows)
    assert b"Lokiin" in journal.file.read_bytes()


def test_a_windows_save_leaves_no_lock_file(session_file: Path, on_windows: FakeMsvcrt) -> None:
    files.save_session(files.load_session(session_file), session_file)
    with platform.exclusive_lock(session_file.parent):
        pass
    assert not (session_file.parent / windows.SAVE_LOCK_NAME).exists()
