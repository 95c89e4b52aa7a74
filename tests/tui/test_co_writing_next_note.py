"""Co-writing keeps what I was about to write: the capture line's text, kind and party.

A merge redraws the step; the kind chosen with F5 and the party chosen with F3
stay for my next note, and the words half typed on the capture line stay too.
"""

from __future__ import annotations

from pathlib import Path

from kumppani.editing.editor import SessionEditor
from kumppani.editing.merging import save_merging
from kumppani.storage import locks as locking
from kumppani.storage.files import load_session
from kumppani.storage.locks import LockInfo
from kumppani.tui.widgets.step.capture_line import CaptureLine
from tests.support.co_writing import join_as_co_writer
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle, wait_for


async def test_the_kind_party_and_text_of_my_next_note_survive_a_co_writers_note(
    app_for: MakeApp, sessions: Path, holder: LockInfo
) -> None:
    path = sessions / FIRST
    locking.lock_path(path).write_text(holder.to_toml(), "utf-8")
    app = app_for(FIRST)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await join_as_co_writer(pilot)
        await pilot.press("f5", "f3")
        await settle(pilot)
        kind, party = screen.next_note.kind, screen.next_note.party
        assert kind is not None and party
        assert "Valtio · Toimija tai foorumi · pysyy ›" in screen_text(app)
        await pilot.press(*"kysymys tul")
        other = SessionEditor.open(path)
        other.add_note("overall", "toisen huomio")
        save_merging(other)
        await wait_for(pilot, lambda: "toisen huomio" in screen_text(app))
        assert screen.query_one(CaptureLine).value == "kysymys tul"
        # The capture row still says the party and kind I chose, beside my half-typed words.
        assert "Valtio · Toimija tai foorumi · pysyy ›  kysymys tul" in screen_text(app)
        await pilot.press(*"ee", "enter")
        await settle(pilot)
        note = screen.editor.session.step("overall").notes[-1]
        assert (note.text, note.kind, note.party) == ("kysymys tulee", kind, party)
        assert screen.autosave.save_now() is None
        saved = load_session(path).step("overall").notes[-1]
        assert (saved.text, saved.kind, saved.party) == ("kysymys tulee", kind, party)
