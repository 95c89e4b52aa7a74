"""The journal on a full or nearly full disk (issue 18): whole frames only, and said when not.

Before: ``os.write`` was not checked, a cut-short journal replaced the good one and
recovery stopped at the broken frame: 0 of 12 notes came back on a nearly full tmpfs,
18 of 60 were lost under ``prlimit --fsize=8000``. Here a child process types notes while
its files cannot grow, is killed without any clean-up, and the journal must give back
every note it did not report as kept in memory only.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kumppani.storage import journal_disk
from tests.support.full_disk import EXAMPLE, check, tmpfs, type_notes


def test_a_file_size_limit_never_breaks_the_journal(tmp_path: Path) -> None:
    """Always on: RLIMIT_FSIZE (the session file itself is bigger than the limit)."""
    session = tmp_path / "round.toml"
    shutil.copy(EXAMPLE, session)
    health = type_notes(session, 60, limit=8000)
    back = check(session, health)
    assert back == set(range(60))  # in segments of 8,000 bytes each
    assert session.read_bytes().count(b"muistiinpano") == 0  # no save could succeed


def test_a_short_write_is_not_taken_as_written(tmp_path: Path) -> None:
    target = tmp_path / "j"
    target.write_bytes(b"good")
    calls = []

    def short(descriptor: int, data: object) -> int:
        calls.append(1)
        return 0 if len(calls) > 1 else 3

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(journal_disk.os, "write", short)
        with pytest.raises(OSError):
            journal_disk.write_file(target, b"longer than three")
        with pytest.raises(OSError):
            journal_disk.append(target, 4, b"more")
    assert target.read_bytes() == b"good"  # the cut-short write replaced nothing, left nothing
    assert [item.name for item in tmp_path.iterdir()] == ["j"]


def test_a_nearly_full_disk_keeps_every_note_in_the_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sessions and state on one small tmpfs, filled up while notes are typed."""
    with tmpfs(tmp_path / "disk", "300k") as disk:
        monkeypatch.setenv("KUMPPANI_STATE_DIR", str(disk / "state"))
        (disk / "sessions").mkdir()
        session = disk / "sessions" / "round.toml"
        shutil.copy(EXAMPLE, session)
        health = type_notes(session, 12, fill=disk / "filler")
        (disk / "filler").unlink()  # space freed, then kumppani starts again
        back = check(session, health)
        assert back == set(range(12)), f"only {len(back)} of 12 notes back"
        assert "memory" not in health.values(), health
