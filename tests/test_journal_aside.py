"""The journal beside the session file, and the end of the full-disk reserve (issue 18).

When the state folder cannot be written (a file stands in its place, or its disk is
full while the sessions' disk is not), the journal goes to ``.<name>.journal`` beside
the session file. A child types notes without saving and dies as kill -9 would; the
next opening of the file must offer every note from there. When the sessions and the
state folder share one full disk, the 64 KB reserve keeps the edits for a while; once
it is used up the journal says the edits are in memory only (``health`` ``memory``),
and no note is lost without that warning.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kumppani.storage.journal_frames import journal_path, side_journal_path
from kumppani.storage.recovery import find_offer
from tests.support.full_disk import EXAMPLE, check, tmpfs, typed

COUNT = 30


def session_in(folder: Path) -> Path:
    folder.mkdir()
    session = folder / "round.toml"
    shutil.copy(EXAMPLE, session)
    return session


def recovered_from_beside(session: Path, count: int) -> None:
    offer = find_offer(session)
    assert offer is not None, "nothing offered"
    assert offer.journal == side_journal_path(session)
    assert check(session, dict.fromkeys(range(count), "aside")) == set(range(count))


def test_a_state_folder_that_is_a_file_puts_the_journal_beside_the_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "state"
    blocked.write_text("")
    monkeypatch.setenv("KUMPPANI_STATE_DIR", str(blocked))
    session = session_in(tmp_path / "sessions")
    notes = typed(session, COUNT, save=False)
    side = side_journal_path(session)
    assert {health for health, _ in notes.values()} == {"aside"}
    assert {file for _, file in notes.values()} == {side}
    assert (side.stat().st_mode & 0o777) == 0o600  # the notes are not everyone's to read
    recovered_from_beside(session, COUNT)


def test_a_full_state_disk_uses_the_reserve_then_the_session_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The state folder alone on a small tmpfs, filled to the last byte."""
    with tmpfs(tmp_path / "disk", "200k") as disk:
        monkeypatch.setenv("KUMPPANI_STATE_DIR", str(disk / "state"))
        session = session_in(tmp_path / "sessions")
        notes = typed(session, 300, fill=disk / "filler", save=False)
        healths = [health for health, _ in notes.values()]
        assert healths[0] == "reserve" and healths[-1] == "aside", healths
        first_aside = healths.index("aside")
        assert set(healths[:first_aside]) == {"reserve"}
        assert set(healths[first_aside:]) == {"aside"}  # never back and forth
        assert notes[299][1] == side_journal_path(session)
        assert not journal_path(session).exists()  # one journal at a time: the newer one
        (disk / "filler").unlink()
        recovered_from_beside(session, 300)


def test_once_the_reserve_is_used_up_the_edits_are_said_to_be_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sessions and state on one tmpfs (the Linux default layout), filled; 400 notes typed.

    The reserve's room goes to the journal and to the saves it lets through; when it is
    gone, nothing can be written and ``health`` says ``memory`` from the first note that
    is not on disk: what the status line and the quit question then show.
    """
    with tmpfs(tmp_path / "disk", "300k") as disk:
        monkeypatch.setenv("KUMPPANI_STATE_DIR", str(disk / "state"))
        session = session_in(disk / "sessions")
        notes = typed(session, 400, fill=disk / "filler", save=True)
        health = {number: state for number, (state, _) in notes.items()}
        assert health[399] == "memory", "the reserve never ran out: type more notes"
        first_memory = min(number for number, state in health.items() if state == "memory")
        (disk / "filler").unlink()
        back = check(session, health)  # no note lost without the warning
        assert set(range(first_memory)) <= back
