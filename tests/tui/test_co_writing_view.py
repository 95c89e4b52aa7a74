"""Co-writing as the second note-taker meets it: the question, then each other's notes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Button

from kumppani.editing.editor import SessionEditor
from kumppani.editing.merging import save_merging
from kumppani.session.merge import conflicts_of
from kumppani.storage import lock_holder
from kumppani.storage import locks as locking
from kumppani.storage.files import load_session
from kumppani.storage.lock_holder import writers_from_toml
from kumppani.storage.locks import LockInfo
from kumppani.tui.app import KumppaniApp
from kumppani.tui.dialogs.lock_dialog import LockDialog
from kumppani.tui.dialogs.merge_conflicts import MergeConflictDialog
from kumppani.tui.screens.step.screen import StepScreen
from tests.support.co_writing import join_as_co_writer, step_screen
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle, wait_for


@pytest.fixture(autouse=True)
def _release_locks() -> Iterator[None]:
    yield
    locking.release_all()


def notices(app: KumppaniApp) -> str:
    return "\n".join(notice.message for notice in app._notifications)


async def test_a_second_opener_is_asked_and_may_write_alongside(
    app_for: MakeApp, sessions: Path, holder: LockInfo
) -> None:
    path = sessions / FIRST
    lock = locking.lock_path(path)
    lock.write_text(holder.to_toml(), "utf-8")
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LockDialog)
        shown = screen_text(app)
        assert "Kirjoita rinnalla toisena kirjaajana" in shown
        assert "Avaa vain luettavaksi" in shown and "Peruuta" in shown
        assert app.screen.focused is not None and app.screen.focused.id == "read_only"
        app.screen.query_one("#co_write", Button).press()
        await settle(pilot)
        screen = step_screen(app)
        assert not screen.editor.read_only
        writers = writers_from_toml(lock.read_text("utf-8"))
        assert writers[0] == holder and len(writers) == 2  # the lock records both writers
        await wait_for(pilot, lambda: screen.co_writing.active)

        # The other note-taker saves a note: it shows here without a question.
        other = SessionEditor.open(path)
        theirs = other.add_note("overall", "toisen kirjaajan huomio")
        save_merging(other)
        await wait_for(pilot, lambda: "toisen kirjaajan huomio" in screen_text(app))
        assert "1 muistiinpano toiselta kirjaajalta" in notices(app)

        # Mine is saved merged with theirs; theirs sees mine at its next look.
        await pilot.press(*"oma huomio", "enter")
        await wait_for(pilot, lambda: not screen.editor.dirty)
        other.add_note("overall", "toisen toinen")
        save_merging(other)
        texts = [note.text for note in load_session(path).step("overall").notes]
        assert texts.count("oma huomio") == 1 and texts.count("toisen kirjaajan huomio") == 1
        assert "toisen toinen" in texts
        await wait_for(pilot, lambda: "toisen toinen" in screen_text(app))
        ids = [note.id for note in screen.editor.session.step("overall").notes]
        assert len(ids) == len(set(ids)) and theirs.id in ids
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert writers_from_toml(lock.read_text("utf-8")) == (holder,)  # only my entry went


async def test_another_computers_lock_offers_co_writing_too(
    app_for: MakeApp, sessions: Path
) -> None:
    info = replace(lock_holder.current_info(), host="sihteeristo-pc")
    locking.lock_path(sessions / FIRST).write_text(info.to_toml(), "utf-8")
    app = app_for(FIRST, language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LockDialog)
        assert "Write alongside as a co-writer" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, StepScreen)


async def test_a_stale_lock_offers_no_co_writing(app_for: MakeApp, sessions: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    info = replace(lock_holder.current_info(), pid=child.pid, start_ticks=None)
    locking.lock_path(sessions / FIRST).write_text(info.to_toml(), "utf-8")
    app = app_for(FIRST, language="sv")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LockDialog)
        assert not app.screen.query("#co_write")  # nobody to write alongside: take it over


async def test_a_co_writers_save_merges_what_came_meanwhile_instead_of_asking(
    app_for: MakeApp, sessions: Path, holder: LockInfo
) -> None:
    path = sessions / FIRST
    locking.lock_path(path).write_text(holder.to_toml(), "utf-8")
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await join_as_co_writer(pilot)
        mine = screen.editor.add_note("overall", "minun tallentamaton")
        other = SessionEditor.open(path)
        theirs = other.add_note("overall", "toisen tallentama")
        save_merging(other)
        # Saved before the watcher looked (no await in between): the save itself merges.
        assert screen.autosave.save_now() is None
        assert screen.autosave.conflict is None
        await settle(pilot)
        assert "1 muistiinpano toiselta kirjaajalta" in notices(app)
        ids = [note.id for note in load_session(path).step("overall").notes]
        assert ids.count(mine.id) == 1 and ids.count(theirs.id) == 1


async def test_a_conflict_with_the_co_writer_is_kept_and_offered_to_settle(
    app_for: MakeApp, sessions: Path, holder: LockInfo
) -> None:
    path = sessions / FIRST
    locking.lock_path(path).write_text(holder.to_toml(), "utf-8")
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await join_as_co_writer(pilot)
        note = screen.editor.session.step("overall").notes[0]
        other = SessionEditor.open(path)
        other.edit_note("overall", note.id, "toisen sanamuoto")
        save_merging(other)
        screen.editor.edit_note("overall", note.id, "minun sanamuotoni")
        await wait_for(pilot, lambda: isinstance(app.screen, MergeConflictDialog))
        on_disk = load_session(path)
        assert on_disk.step("overall").notes[0].text == "minun sanamuotoni"
        assert len(conflicts_of(on_disk)) == 1  # theirs kept beside mine, in the file
        assert conflicts_of(on_disk)[0].theirs == "toisen sanamuoto"
