"""No outside change is lost between the check and the write of a save (issue 18).

Before: an editor writing the file in the ~1 ms between kumppani's "unchanged?" check and
its rename lost its change silently (9 of 300 racing writes). Each round here has an
outside write racing a save; afterwards a second save (nobody racing) must either find
the outside change (a conflict) or the change must be on disk. A round where it is in
neither place is a silent overwrite; there must be none.
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from kumppani.errors import SaveError
from kumppani.storage import conflicts, platform, swap
from kumppani.storage.conflicts import ConflictError, checked_write
from kumppani.storage.files import Snapshot, snapshot_of
from tests.support.windows import FakeKernel32, FakeMsvcrt

ROUNDS = 1000


def _can_swap() -> bool:
    with tempfile.TemporaryDirectory() as folder:
        first, second = Path(folder) / "a", Path(folder) / "b"
        first.write_bytes(b"a")
        second.write_bytes(b"b")
        return platform.exchange(first, second) and first.read_bytes() == b"b"


needs_swap = pytest.mark.skipif(
    not _can_swap(), reason="no renameat2(RENAME_EXCHANGE) here: only the check runs"
)

WRITER = textwrap.dedent(
    """
    import fcntl, os, sys
    path = sys.argv[1]
    held = os.open(sys.argv[2], os.O_RDWR | os.O_CREAT) if len(sys.argv) > 2 else None
    for line in sys.stdin:
        number, mode, spin = line.split()
        data = f"theirs {number}\\n".encode()
        for _ in range(int(spin)):
            pass
        if mode == "rename":
            temp = path + ".editor-tmp"
            with open(temp, "wb") as stream:
                stream.write(data)
            os.replace(temp, path)
        else:
            if held is not None:  # Windows: open without FILE_SHARE_DELETE
                fcntl.flock(held, fcntl.LOCK_SH)
            with open(path, "r+b") as stream:
                stream.truncate(0)
                stream.write(data)
            if held is not None:
                fcntl.flock(held, fcntl.LOCK_UN)
        sys.stdout.write("done\\n")
        sys.stdout.flush()
    """
)
"""An outside editor, writing each line's round into the file (a new file renamed over it,
or in place). With a second argument it holds that lock file shared while it has the file
open in place: the Windows stand-in's ReplaceFileW then fails as Windows does."""


@pytest.fixture(autouse=True)
def _no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """The race is about names and bytes, not durability: skip fsync to stay fast."""
    monkeypatch.setattr(os, "fsync", lambda descriptor: None)


def snapshot(path: Path) -> Snapshot:
    return snapshot_of(path, path.read_bytes())


def settle_round(
    path: Path, expected: Snapshot, theirs: bytes, saved: bool
) -> tuple[str, Snapshot]:
    """After a racing round: 'kept' (on disk), 'found' (a conflict) or 'lost'."""
    if path.read_bytes() == theirs:
        return "kept", snapshot(path)
    try:
        checked_write(path, b"ours again\n", expected)
    except ConflictError:
        return "found", snapshot(path)
    return ("lost" if saved else "kept"), snapshot(path)


def race(path: Path, *held: Path) -> dict[str, int]:
    """``ROUNDS`` saves, each raced by the outside writer: how many ended kept, found, lost."""
    path.write_bytes(b"start\n")
    expected = snapshot(path)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), *map(str, held)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdin is not None and writer.stdout is not None
    chance = random.Random(18)
    outcomes: dict[str, int] = {}
    try:
        for number in range(ROUNDS):
            mode = chance.choice(["rename", "in_place"])
            writer.stdin.write(f"{number} {mode} {chance.randrange(4000)}\n")
            writer.stdin.flush()
            saved = True
            try:
                expected = checked_write(path, f"ours {number}\n".encode(), expected)
            except (ConflictError, SaveError):  # a save fault is retried: the check sees it
                saved = False
            assert writer.stdout.readline() == "done\n"
            theirs = f"theirs {number}\n".encode()
            outcome, expected = settle_round(path, expected, theirs, saved)
            if not saved and outcome == "kept":
                outcome = "found"
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    finally:
        writer.stdin.close()
        writer.wait(timeout=30)
    swap.forget(path)
    return outcomes


@needs_swap
def test_a_racing_writer_never_loses_a_change(tmp_path: Path) -> None:
    outcomes = race(tmp_path / "round.toml")
    assert outcomes.get("lost", 0) == 0, outcomes
    assert sum(outcomes.values()) == ROUNDS


def test_a_racing_writer_never_loses_a_change_on_windows(
    tmp_path: Path, on_windows: FakeMsvcrt, kernel32: FakeKernel32
) -> None:
    """The same race through the Windows save (``ReplaceFileW`` stand-in, no swap)."""
    kernel32.held_by = tmp_path / "shares.lock"
    outcomes = race(tmp_path / "round.toml", kernel32.held_by)
    assert outcomes.get("lost", 0) == 0, outcomes
    assert sum(outcomes.values()) == ROUNDS and kernel32.replace_calls  # it went that way
    assert [name for name in os.listdir(tmp_path) if swap.is_backup(name)] == []


@needs_swap
@pytest.mark.parametrize("mode", ["rename", "in_place", "late"])
def test_an_outside_write_inside_the_window_is_always_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    """Deterministic: every round's outside write lands exactly between check and swap
    (``late``: into the replaced file, through a handle opened before the swap)."""
    path = tmp_path / "round.toml"
    path.write_bytes(b"start\n")
    expected = snapshot(path)
    real_exchange = platform.exchange
    held: list[object] = []

    def outside(number: int) -> None:
        data = f"theirs {number}\n".encode()
        if mode == "rename":
            temp = tmp_path / "editor.tmp"
            temp.write_bytes(data)
            os.replace(temp, path)
        elif mode == "in_place":
            path.write_bytes(data)
        else:
            stream = open(path, "r+b")  # noqa: SIM115 - written after the swap
            held.append((stream, data))

    def racing(number: int) -> Callable[[Path, Path], bool]:
        calls: list[int] = []

        def racing_exchange(first: Path, second: Path) -> bool:
            calls.append(1)
            if len(calls) == 1:  # the first swap of this save: the outside write just before
                outside(number)
            return real_exchange(first, second)

        return racing_exchange

    found = lost = 0
    for number in range(ROUNDS // 3 + 1):
        monkeypatch.setattr(platform, "exchange", racing(number))
        try:
            expected = checked_write(path, f"ours {number}\n".encode(), expected)
            saved = True
        except ConflictError:
            saved, expected = False, snapshot(path)
        monkeypatch.setattr(platform, "exchange", real_exchange)
        for stream, data in held:  # the late writer writes now, into the replaced file
            stream.truncate(0)  # type: ignore[attr-defined]
            stream.write(data)  # type: ignore[attr-defined]
            stream.close()  # type: ignore[attr-defined]
        held.clear()
        theirs = f"theirs {number}\n".encode()
        outcome, expected = settle_round(path, expected, theirs, saved)
        if not saved or outcome == "found":
            found += 1
        elif outcome == "lost":
            lost += 1
    assert lost == 0 and found == ROUNDS // 3 + 1
    swap.forget(path)


def test_a_conflict_in_the_window_leaves_theirs_in_place(tmp_path: Path) -> None:
    path = tmp_path / "round.toml"
    path.write_bytes(b"start\n")
    expected = snapshot(path)
    path.write_bytes(b"theirs\n")
    with pytest.raises(ConflictError):
        conflicts.checked_write(path, b"ours\n", expected)
    assert path.read_bytes() == b"theirs\n"
    assert sorted(item.name for item in tmp_path.iterdir()) == ["round.toml"]
    assert hashlib.sha256(b"theirs\n").hexdigest() == snapshot(path).sha256
