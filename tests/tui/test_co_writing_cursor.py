"""Co-writing keeps my place: a note that comes in from the other writer never moves my cursor.

The list's keys (Delete, Enter, h, k, v, g …) act on the note under the cursor;
had a merge put the cursor on the last note, they would hit the other writer's
new note instead of the one I chose.
"""

from __future__ import annotations

from pathlib import Path

from kumppani.editing.editor import SessionEditor
from kumppani.editing.merging import save_merging
from kumppani.storage import locks as locking
from kumppani.storage.files import load_session
from kumppani.storage.locks import LockInfo
from kumppani.tui.widgets.step.note_list import NoteList
from tests.support.co_writing import join_as_co_writer
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle, wait_for


async def test_delete_after_a_co_writers_note_came_in_removes_the_note_i_chose(
    app_for: MakeApp, sessions: Path, holder: LockInfo
) -> None:
    path = sessions / FIRST
    locking.lock_path(path).write_text(holder.to_toml(), "utf-8")
    app = app_for(FIRST)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await join_as_co_writer(pilot)
        await pilot.press("up", "up", "up")  # into the list, two notes above the last
        await settle(pilot)
        notes = screen.query_one(NoteList)
        chosen, top = notes.current, notes.scroll_offset.y
        assert chosen is not None and chosen is not screen.current_step.notes[-1]
        other = SessionEditor.open(path)
        theirs = other.add_note("overall", "toisen juuri kirjaama")
        save_merging(other)
        await wait_for(pilot, lambda: "toisen juuri kirjaama" in screen_text(app))
        assert notes.current is not None and notes.current.id == chosen.id
        assert notes.scroll_offset.y == top and app.focused is notes
        await pilot.press("delete")
        await settle(pilot)
        shown = screen_text(app)
        assert "toisen juuri kirjaama" in shown and chosen.text[:30] not in shown
        assert screen.autosave.save_now() is None
        left = [note.id for note in load_session(path).step("overall").notes]
        assert theirs.id in left and chosen.id not in left


async def test_my_own_save_merging_the_co_writers_note_keeps_my_cursor(
    app_for: MakeApp, sessions: Path, holder: LockInfo
) -> None:
    path = sessions / FIRST
    locking.lock_path(path).write_text(holder.to_toml(), "utf-8")
    app = app_for(FIRST)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await join_as_co_writer(pilot)
        await pilot.press("up", "up")  # into the list, one note above the last
        await settle(pilot)
        notes = screen.query_one(NoteList)
        chosen = notes.current
        assert chosen is not None
        screen.editor.add_note("situation", "minun toisessa vaiheessa")
        other = SessionEditor.open(path)
        other.add_note("overall", "toisen tallentama")
        save_merging(other)
        # Saved before the watcher looked (no await in between): my save merges it in.
        assert screen.autosave.save_now() is None
        await settle(pilot)
        assert "toisen tallentama" in screen_text(app)
        assert notes.current is not None and notes.current.id == chosen.id
