"""A save killed between its swap and its compare never loses what it replaced (issue 18).

Before: on Linux and macOS the swap left the replaced file under the new file's
temporary name (``.kumppani-XXXXXXXX.tmp``). Killed before the compare, that file
(maybe an outside change that landed in the window) stayed there, and the clean-up
of the next open deleted it unread five minutes later. Now that name carries the
expected hash and the save's own (``swap.backup_path``), and the clean-up removes
such a file only when it holds one of the two.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kumppani.storage import platform, swap
from kumppani.storage.conflicts import checked_write
from kumppani.storage.files import Snapshot, snapshot_of
from kumppani.storage.save_errors import STALE_SECONDS, clean_stale_temps
from tests.test_save_race import needs_swap

OLD, OURS, THEIRS = b"old\n", b"ours\n", b"theirs: an outside change\n"


class Killed(BaseException):
    """The process ends here: no clean-up of the save runs (``write_atomic`` catches none)."""


def snapshot(path: Path) -> Snapshot:
    return snapshot_of(path, path.read_bytes())


def age_everything(folder: Path) -> None:
    """Make every leftover look older than the clean-up's limit (the next day's open)."""
    old = os.path.getmtime(folder) - STALE_SECONDS - 60
    for item in folder.iterdir():
        os.utime(item, (old, old))


def contents(folder: Path) -> list[bytes]:
    return sorted(item.read_bytes() for item in folder.iterdir())


def kill_after_swap(monkeypatch: pytest.MonkeyPatch, outside: bytes | None = None) -> None:
    """The save swaps (an outside write landing just before, if given), then dies."""
    real = platform.exchange

    def exchange(first: Path, second: Path) -> bool:
        if outside is not None:
            second.write_bytes(outside)  # the outside editor, inside the window
        return real(first, second)

    def die(*args: object) -> None:
        raise Killed  # swapped, not yet compared

    monkeypatch.setattr(platform, "exchange", exchange)
    monkeypatch.setattr(swap.Swapper, "_check_swapped", die)


@needs_swap
def test_an_outside_change_left_by_a_killed_swap_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "round.toml"
    path.write_bytes(OLD)
    expected = snapshot(path)
    kill_after_swap(monkeypatch, outside=THEIRS)
    with pytest.raises(Killed):
        checked_write(path, OURS, expected)
    monkeypatch.undo()
    assert path.read_bytes() == OURS
    age_everything(tmp_path)
    assert clean_stale_temps(tmp_path) == []
    assert contents(tmp_path) == sorted([OURS, THEIRS])  # theirs still on disk
    [left] = [item for item in tmp_path.iterdir() if item != path]
    assert swap.is_backup(left.name)


@needs_swap
def test_a_killed_swap_that_replaced_what_was_expected_is_cleaned_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "round.toml"
    path.write_bytes(OLD)
    expected = snapshot(path)
    kill_after_swap(monkeypatch)
    with pytest.raises(Killed):
        checked_write(path, OURS, expected)
    monkeypatch.undo()
    age_everything(tmp_path)
    assert len(clean_stale_temps(tmp_path)) == 1
    assert [item.name for item in tmp_path.iterdir()] == ["round.toml"]
    assert path.read_bytes() == OURS


def test_a_save_killed_before_its_swap_leaves_only_its_own_bytes_which_go(
    tmp_path: Path,
) -> None:
    """Renamed for the swap, not yet swapped: the file holds the save's own bytes."""
    path = tmp_path / "round.toml"
    path.write_bytes(OLD)
    sha = snapshot(path).sha256
    named = swap.backup_path(path, sha, hashlib.sha256(OURS).hexdigest())
    named.write_bytes(OURS)
    age_everything(tmp_path)
    assert clean_stale_temps(tmp_path) == [named]
    assert path.read_bytes() == OLD


KILLED_SAVE = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from kumppani.storage import platform
    from kumppani.storage.conflicts import checked_write
    from kumppani.storage.files import snapshot_of

    path = Path(sys.argv[1])
    expected = snapshot_of(path, path.read_bytes())
    real = platform.exchange

    def exchange(first, second):
        second.write_bytes(b"theirs: an outside change\\n")
        real(first, second)
        os.kill(os.getpid(), signal.SIGKILL)  # between the swap and the compare

    platform.exchange = exchange
    checked_write(path, b"ours\\n", expected)
    """
)


@needs_swap
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL here")
def test_kill_9_between_swap_and_compare_keeps_the_outside_change(tmp_path: Path) -> None:
    path = tmp_path / "round.toml"
    path.write_bytes(OLD)
    source = str(Path(swap.__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.getcwd()])}
    result = subprocess.run(
        [sys.executable, "-c", KILLED_SAVE, str(path)], env=env, capture_output=True, check=False
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    age_everything(tmp_path)
    clean_stale_temps(tmp_path)
    assert contents(tmp_path) == sorted([OURS, THEIRS])
    assert hashlib.sha256(path.read_bytes()).hexdigest() == hashlib.sha256(OURS).hexdigest()
