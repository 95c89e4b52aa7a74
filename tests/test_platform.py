"""The platform layer: each branch run here, the Windows ones with Windows simulated on Linux.

How Windows is simulated: ``tests.support.windows``.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

import pytest

from kumppani.storage import platform, windows
from tests.support.windows import FakeMsvcrt, sharing_violation

LINUX = sys.platform == "linux"
linux_only = pytest.mark.skipif(not LINUX, reason="reads Linux's /proc")


# -- file modes ------------------------------------------------------------------------------
def test_a_file_mode_is_set_on_the_open_file(tmp_path: Path) -> None:
    path = tmp_path / "f"
    with path.open("wb") as stream:
        platform.set_file_mode(stream.fileno(), path, 0o640)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_without_fchmod_the_mode_is_set_by_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, "fchmod")
    path = tmp_path / "f"
    with path.open("wb") as stream:
        platform.set_file_mode(stream.fileno(), path, 0o604)
    assert stat.S_IMODE(path.stat().st_mode) == 0o604


def test_on_windows_modes_are_left_to_the_folder(tmp_path: Path, on_windows: FakeMsvcrt) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"")
    path.chmod(0o644)
    with path.open("wb") as stream:
        platform.set_file_mode(stream.fileno(), path, 0o600)
    platform.set_path_mode(path, 0o600)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_path_mode_is_set(tmp_path: Path) -> None:
    platform.set_path_mode(tmp_path, 0o711)
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o711


def test_a_folder_is_fsynced_where_it_can_be_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    monkeypatch.setattr(platform.os, "fsync", synced.append)
    platform.fsync_folder(tmp_path)
    platform.fsync_folder(tmp_path / "gone")  # never raises
    assert len(synced) == 1


def test_a_folder_that_refuses_fsync_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(descriptor: int) -> None:
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(platform.os, "fsync", refuse)
    platform.fsync_folder(tmp_path)


def test_on_windows_a_folder_is_not_opened(
    tmp_path: Path, on_windows: FakeMsvcrt, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_open(*args: object) -> int:
        raise AssertionError("Windows cannot open a folder as a file")

    monkeypatch.setattr(platform.os, "open", no_open)
    platform.fsync_folder(tmp_path)


# -- retries while Windows holds a file ------------------------------------------------------
def flaky_replace(monkeypatch: pytest.MonkeyPatch, failures: int, winerror: int = 32) -> list[int]:
    """``os.replace`` failing ``failures`` times with a sharing violation, then working."""
    real = os.replace
    attempts: list[int] = []

    def replace(source: Path, target: Path) -> None:
        attempts.append(1)
        if len(attempts) <= failures:
            raise sharing_violation(winerror)
        real(source, target)

    monkeypatch.setattr(platform.os, "replace", replace)
    return attempts


@pytest.mark.parametrize("winerror", [5, 32, 33])
def test_a_replace_held_up_twice_succeeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sleeps: list[float], winerror: int
) -> None:
    source, target = tmp_path / "new", tmp_path / "old"
    source.write_text("new")
    target.write_text("old")
    attempts = flaky_replace(monkeypatch, 2, winerror)
    platform.replace(source, target)
    assert target.read_text() == "new" and not source.exists()
    assert len(attempts) == 3
    assert sleeps == list(platform.RETRY_DELAYS[:2])


def test_a_file_held_for_good_gives_up_after_about_two_seconds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sleeps: list[float]
) -> None:
    attempts = flaky_replace(monkeypatch, 10**6)
    with pytest.raises(OSError) as caught:
        platform.replace(tmp_path / "a", tmp_path / "b")
    assert caught.value.errno == errno.EBUSY
    assert len(attempts) == len(platform.RETRY_DELAYS) + 1
    assert 1.5 <= sum(sleeps) <= 2.5


def test_other_errors_are_not_retried(tmp_path: Path, sleeps: list[float]) -> None:
    with pytest.raises(FileNotFoundError):
        platform.replace(tmp_path / "missing", tmp_path / "b")
    with pytest.raises(PermissionError):  # a real refusal (no winerror): at once
        platform.retry_sharing(lambda: (_ for _ in ()).throw(PermissionError(13, "denied")))
    assert sleeps == []


def test_an_other_error_on_the_last_attempt_is_raised_as_it_is(sleeps: list[float]) -> None:
    attempts: list[int] = []

    def operation() -> None:
        attempts.append(1)
        if len(attempts) <= len(platform.RETRY_DELAYS):
            raise sharing_violation()
        raise FileNotFoundError(errno.ENOENT, "gone")

    with pytest.raises(FileNotFoundError):
        platform.retry_sharing(operation)


def test_remove_is_retried_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sleeps: list[float]
) -> None:
    path = tmp_path / "f"
    path.write_text("x")
    real = os.unlink
    attempts: list[int] = []

    def unlink(target: Path) -> None:
        attempts.append(1)
        if len(attempts) == 1:
            raise sharing_violation()
        real(target)

    monkeypatch.setattr(platform.os, "unlink", unlink)
    platform.remove(path)
    assert not path.exists() and len(sleeps) == 1


# -- the save lock ---------------------------------------------------------------------------
def test_the_save_lock_flocks_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl

    taken: list[int] = []
    monkeypatch.setattr(fcntl, "flock", lambda descriptor, how: taken.append(how))
    with platform.exclusive_lock(tmp_path):
        assert taken == [fcntl.LOCK_EX]
    assert list(tmp_path.iterdir()) == []  # no lock file


def test_without_flock_or_folder_the_save_runs_unlocked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    def no_locks(descriptor: int, how: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    ran: list[str] = []
    with platform.exclusive_lock(tmp_path):
        ran.append("no flock")
    with platform.exclusive_lock(tmp_path / "gone"):
        ran.append("no folder")
    assert ran == ["no flock", "no folder"]


def test_on_windows_the_save_lock_is_a_locked_byte(tmp_path: Path, on_windows: FakeMsvcrt) -> None:
    lock_file = tmp_path / windows.SAVE_LOCK_NAME
    with platform.exclusive_lock(tmp_path):
        assert lock_file.exists()
        assert [mode for _, mode in on_windows.calls] == [FakeMsvcrt.LK_LOCK]
    assert [mode for _, mode in on_windows.calls] == [FakeMsvcrt.LK_LOCK, FakeMsvcrt.LK_UNLCK]
    assert not lock_file.exists()  # removed once nobody has it open
    with pytest.raises(OSError):
        os.fstat(on_windows.calls[0][0])  # closed


def test_on_windows_a_lock_held_too_long_is_busy(tmp_path: Path, on_windows: FakeMsvcrt) -> None:
    on_windows.fail = {FakeMsvcrt.LK_LOCK}
    with pytest.raises(OSError) as caught, platform.exclusive_lock(tmp_path):
        raise AssertionError("must not run unlocked")
    assert caught.value.errno == errno.EBUSY
    assert not (tmp_path / windows.SAVE_LOCK_NAME).exists()


def test_on_windows_unlock_and_removal_failures_are_no_error(
    tmp_path: Path, on_windows: FakeMsvcrt, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_windows.fail = {FakeMsvcrt.LK_UNLCK}

    def held(path: Path) -> None:  # another save opened it meanwhile
        raise sharing_violation()

    monkeypatch.setattr(windows.os, "unlink", held)
    with platform.exclusive_lock(tmp_path):
        pass
    assert (tmp_path / windows.SAVE_LOCK_NAME).exists()


def test_on_windows_a_folder_without_a_lock_file_runs_unlocked(
    tmp_path: Path, on_windows: FakeMsvcrt
) -> None:
    with platform.exclusive_lock(tmp_path / "gone"):
        pass
    assert on_windows.calls == []
