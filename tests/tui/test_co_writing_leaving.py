"""Co-writing when the other note-taker quits: its last notes still come in.

Quitting saves and then leaves the lock, a few milliseconds apart, so both can
fall between two looks of the watcher. Its last save must still be merged in
(shown at once), and my next save must not stop to ask about a "change made
outside".
"""

from __future__ import annotations

from pathlib import Path

from kumppani.editing.editor import SessionEditor
from kumppani.editing.merging import save_merging
from kumppani.storage import locks as locking
from kumppani.storage.files import load_session
from kumppani.storage.lock_holder import writers_from_toml, writers_to_toml
from kumppani.storage.locks import LockInfo
from kumppani.tui.screens.step.screen import StepScreen
from tests.support.co_writing import join_as_co_writer
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle, wait_for


async def test_the_co_writers_last_save_before_leaving_is_merged_and_shown(
    app_for: MakeApp, sessions: Path, holder: LockInfo
) -> None:
    path = sessions / FIRST
    lock = locking.lock_path(path)
    lock.write_text(holder.to_toml(), "utf-8")
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await join_as_co_writer(pilot)
        # The other note-taker types a last note and quits: its closing save, then its
        # entry leaves the lock, with no look of the watcher in between (no await).
        other = SessionEditor.open(path)
        theirs = other.add_note("overall", "toisen viimeinen")
        save_merging(other)
        mine_only = [w for w in writers_from_toml(lock.read_text("utf-8")) if w != holder]
        lock.write_text(writers_to_toml(mine_only), "utf-8")
        await wait_for(pilot, lambda: "toisen viimeinen" in screen_text(app))
        await wait_for(pilot, lambda: not screen.co_writing.active)  # alone now
        assert not screen.autosave.merging
        mine = screen.editor.add_note("overall", "minun")
        assert screen.autosave.save_now() is None
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)  # no question about an outside change
        ids = [note.id for note in load_session(path).step("overall").notes]
        assert ids.count(mine.id) == 1 and ids.count(theirs.id) == 1


async def test_co_writing_ends_when_the_other_leaves_without_a_last_change(
    app_for: MakeApp, sessions: Path, holder: LockInfo
) -> None:
    path = sessions / FIRST
    lock = locking.lock_path(path)
    lock.write_text(holder.to_toml(), "utf-8")
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await join_as_co_writer(pilot)
        mine_only = [w for w in writers_from_toml(lock.read_text("utf-8")) if w != holder]
        lock.write_text(writers_to_toml(mine_only), "utf-8")
        await wait_for(pilot, lambda: not screen.autosave.merging)
        assert not screen.co_writing.active
