"""A save's bytes made in a forked child are the bytes a save in the thread makes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kumppani.errors import SaveError
from kumppani.fileformat.note_memo import NOTES
from kumppani.session.model import Note, Session
from kumppani.storage import apart
from kumppani.storage.files import load_session, session_bytes
from tests.support.examples import EXAMPLES, FIRST

pytestmark = pytest.mark.skipif(not apart.available(), reason="no fork on this platform")


def test_bytes_made_apart_are_the_bytes_of_a_save() -> None:
    path = EXAMPLES / FIRST
    session = load_session(path)
    assert apart.Apart(path, lambda: session_bytes(session, path)).result() == session_bytes(
        session, path
    )


def test_a_failing_child_is_a_save_error_with_its_reason(tmp_path: Path) -> None:
    def broken() -> bytes:
        raise SaveError(tmp_path / "x.toml", "the disk said no")

    with pytest.raises(SaveError, match="the disk said no"):
        apart.Apart(tmp_path / "x.toml", broken).result()


def test_a_hung_child_is_killed_after_the_deadline(tmp_path: Path) -> None:
    told = tmp_path / "child-pid"

    def hangs() -> bytes:
        told.write_text(str(os.getpid()), "utf-8")
        time.sleep(600)
        return b""

    child = apart.Apart(tmp_path / "x.toml", hangs)
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        child.result(deadline=0.5)
    assert time.monotonic() - started < 30
    with pytest.raises(ProcessLookupError):  # killed and reaped: not even a zombie is left
        os.kill(child.pid, 0)


def many_notes(count: int) -> Session:
    session = Session(title="Nuorisotakuu")
    # ids given: 20,001 made-up 32-bit ids repeat one in about 1 of 20 runs
    notes = [Note(text=f"Muistiinpano {number}", id=f"n-{number:08x}") for number in range(count)]
    session.steps[0].notes = notes
    return session


def test_an_everyday_save_is_not_worth_a_fork_a_large_or_new_one_is() -> None:
    session = many_notes(500)
    assert apart.worth_forking(session)  # nothing of it saved yet: every note to encode
    session_bytes(session, Path("x.toml"))
    assert not apart.worth_forking(session)  # saved once: the memo has every note
    for note in session.steps[0].notes[:5]:
        note.text += " (muokattu)"
    assert not apart.worth_forking(session)  # a few edited
    for note in session.steps[0].notes[:100]:
        note.text += " (muokattu)"
    assert apart.worth_forking(session)  # many edited (a merge, a form's undo)
    large = many_notes(apart.THREAD_NOTES + 1)
    session_bytes(large, Path("x.toml"))
    assert apart.worth_forking(large)  # too many notes to walk in the thread
    NOTES.clear()
    assert apart.worth_forking(session)
