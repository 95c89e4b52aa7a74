"""Locks and outside changes as the facilitator meets them: who holds it, and both versions kept."""

from __future__ import annotations

import stat
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Button, Static

from kumppani.session.model import Note
from kumppani.storage import lock_holder, platform
from kumppani.storage import locks as locking
from kumppani.storage.files import load_session, save_session
from kumppani.storage.locks import LockInfo
from kumppani.tui.app import KumppaniApp
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.dialogs.conflict_dialog import ConflictDialog, DiffScreen
from kumppani.tui.dialogs.lock_dialog import LockDialog
from kumppani.tui.dialogs.merge_conflicts import MergeConflictDialog
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.chrome.save_indicator import SaveIndicator
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle, wait_for

TITLE = "Nuorisotyöllisyyden pyöreä pöytä: valtio ja Tampere"
THEIR_TITLE = "Heidän otsikkonsa"
MY_TITLE = "Minun otsikkoni"


@pytest.fixture(autouse=True)
def _release_locks() -> object:
    yield
    locking.release_all()


@pytest.fixture
def first(sessions: Path) -> Path:
    return sessions / FIRST


def someone_else(**changes: object) -> LockInfo:
    return replace(lock_holder.current_info(), **{"user": "sihteeri", **changes})  # type: ignore[arg-type]


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def put_lock(session: Path, info: LockInfo) -> bytes:
    text = info.to_toml().encode("utf-8")
    locking.lock_path(session).write_bytes(text)
    return text


def step_screen(app: KumppaniApp) -> StepScreen:
    screen = app.screen
    assert isinstance(screen, StepScreen)
    return screen


def change_outside(path: Path) -> bytes:
    """Another program edits the file (a text editor, a sync client)."""
    path.write_text(path.read_text("utf-8").replace(TITLE, THEIR_TITLE, 1), "utf-8")
    return path.read_bytes()


async def press_button(app: KumppaniApp, pilot: object, button_id: str) -> None:
    app.screen.query_one(f"#{button_id}", Button).press()
    await settle(pilot)  # type: ignore[arg-type]


# -- locks -----------------------------------------------------------------------------------
async def test_editing_takes_the_lock_and_closing_releases_it(
    app_for: MakeApp, first: Path
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        step_screen(app)
        found = locking.inspect(first)
        assert found is not None and found.state == locking.LockState.OURS
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert not isinstance(app.screen, StepScreen)
        assert locking.inspect(first) is None


async def test_quitting_saves_and_releases_the_lock(app_for: MakeApp, first: Path) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"viimeinen sana", "enter", "ctrl+q")
        await settle(pilot)
    assert app.return_value == 0
    assert locking.inspect(first) is None
    assert load_session(first).steps[0].notes[-1].text == "viimeinen sana"


async def test_read_only_opening_never_takes_or_touches_a_lock(
    app_for: MakeApp, first: Path
) -> None:
    lock = locking.lock_path(first)
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_session(first, read_only=True)
        await settle(pilot)
        assert step_screen(app).editor.read_only
        assert not lock.exists()
        await pilot.press("ctrl+o")
        await settle(pilot)
        before = put_lock(first, someone_else(host="toinen-kone"))
        stamp = lock.stat().st_mtime_ns
        app.open_session(first, read_only=True)
        await settle(pilot)
        assert step_screen(app).editor.read_only  # no lock dialog in between
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert lock.read_bytes() == before and lock.stat().st_mtime_ns == stamp


async def test_a_session_open_elsewhere_shows_who_and_offers_read_only(
    app_for: MakeApp, first: Path
) -> None:
    with subprocess.Popen([sys.executable, "-c", "input()"], stdin=subprocess.PIPE) as holder:
        info = someone_else(pid=holder.pid, start_ticks=platform.process_start_ticks(holder.pid))
        before = put_lock(first, info)
        app = app_for(FIRST)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, LockDialog)
            shown = screen_text(app)
            assert "sihteeri" in shown and str(holder.pid) in shown
            assert info.host in shown
            assert not app.screen.query("#take_over")  # a running program keeps its lock
            await pilot.press("enter")  # the focus starts on read-only
            await settle(pilot)
            assert step_screen(app).editor.read_only
        holder.communicate(b"\n")
    assert locking.lock_path(first).read_bytes() == before


async def test_a_stale_lock_is_offered_for_takeover(app_for: MakeApp, first: Path) -> None:
    put_lock(first, someone_else(pid=dead_pid(), start_ticks=None))
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LockDialog)
        await press_button(app, pilot, "take_over")
        screen = step_screen(app)
        assert not screen.editor.read_only
        found = locking.inspect(first)
        assert found is not None and found.state == locking.LockState.OURS


async def test_another_computers_lock_needs_a_second_yes(app_for: MakeApp, first: Path) -> None:
    before = put_lock(first, someone_else(host="sihteeristo-pc"))
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LockDialog)
        assert "sihteeristo-pc" in screen_text(app)
        await press_button(app, pilot, "take_over")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # no: nothing taken, nothing opened
        await settle(pilot)
        assert not app.screen_stack[-1:] or not isinstance(app.screen, StepScreen)
        assert locking.lock_path(first).read_bytes() == before
        app.open_session(first)
        await settle(pilot)
        await press_button(app, pilot, "take_over")
        await press_button(app, pilot, "yes")
        assert not step_screen(app).editor.read_only
        found = locking.inspect(first)
        assert found is not None and found.state == locking.LockState.OURS


async def test_the_holder_is_shown_literally(app_for: MakeApp, first: Path) -> None:
    put_lock(first, someone_else(user="[bold]Anna[/bold]", host="pc\x1b[31m-2\x07"))
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LockDialog)
        holder = str(app.screen.query_one("#lock-holder", Static).render())
        assert "[bold]Anna[/bold]" in holder and "pc-2" in holder
        assert "\x1b" not in holder and "\x07" not in holder


async def test_cancel_opens_nothing(app_for: MakeApp, first: Path) -> None:
    before = put_lock(first, someone_else(host="sihteeristo-pc"))
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not any(isinstance(s, StepScreen | LockDialog) for s in app.screen_stack)
    assert locking.lock_path(first).read_bytes() == before


# -- outside changes -------------------------------------------------------------------------
def retitle(screen: StepScreen, title: str) -> None:
    """Change the session's title as the details form does."""
    session = screen.editor.session
    screen.editor.edit("details", lambda: setattr(session, "title", title), (session, "title"))


async def conflict_with_my_note(app: KumppaniApp, pilot: object, first: Path) -> bytes:
    """Type a note and retitle, let someone retitle the file too, save: the dialog is up.

    Both changed the title, so the two versions cannot be merged without asking.
    """
    await settle(pilot)  # type: ignore[arg-type]
    screen = step_screen(app)
    await pilot.press(*"minun muistiinpanoni", "enter")  # type: ignore[attr-defined]
    retitle(screen, MY_TITLE)
    theirs = change_outside(first)
    screen.autosave.start_save()
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, ConflictDialog)
    assert screen.query_one(SaveIndicator).state == "conflict"
    assert first.read_bytes() == theirs  # nothing was written over theirs
    return theirs


async def test_keep_mine_over_theirs(app_for: MakeApp, first: Path) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await conflict_with_my_note(app, pilot, first)
        body = str(app.screen.query_one("#conflict-body", Static).render())
        assert str(first) in body  # which file, in full
        await press_button(app, pilot, "keep_over")
        session = load_session(first)
        assert session.title == MY_TITLE
        assert session.steps[0].notes[-1].text == "minun muistiinpanoni"
        screen = step_screen(app)
        assert screen.query_one(SaveIndicator).state == "saved"
        await pilot.press(*"ja jatkan", "enter")
        screen.autosave.start_save()
        await settle(pilot)
        assert load_session(first).steps[0].notes[-1].text == "ja jatkan"  # saving goes on


async def test_keep_mine_as_a_copy(app_for: MakeApp, first: Path) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        first.chmod(0o640)  # a folder shared with a group: the copy is shared alike
        theirs = await conflict_with_my_note(app, pilot, first)
        await press_button(app, pilot, "keep_copy")
        copy = first.with_name(f"{first.stem}-oma.toml")
        assert first.read_bytes() == theirs
        assert stat.S_IMODE(copy.stat().st_mode) == 0o640
        assert load_session(copy).steps[0].notes[-1].text == "minun muistiinpanoni"
        screen = step_screen(app)
        assert screen.editor.path == copy and not screen.editor.dirty
        assert locking.inspect(first) is None  # the original is free for its owner
        found = locking.inspect(copy)
        assert found is not None and found.state == locking.LockState.OURS


async def test_load_theirs_keeps_mine_as_a_copy_first(app_for: MakeApp, first: Path) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        theirs = await conflict_with_my_note(app, pilot, first)
        await press_button(app, pilot, "load_theirs")
        copy = first.with_name(f"{first.stem}-oma.toml")
        assert load_session(copy).steps[0].notes[-1].text == "minun muistiinpanoni"
        assert first.read_bytes() == theirs
        screen = step_screen(app)
        assert screen.editor.session.title == THEIR_TITLE and not screen.editor.dirty
        # the list is drawn again on the next frame, which a loaded machine may yet owe
        await wait_for(pilot, lambda: "minun muistiinpanoni" not in screen_text(app))
        assert screen.query_one(SaveIndicator).state == "saved"


async def test_view_both_shows_the_difference_then_the_choice(
    app_for: MakeApp, first: Path
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        theirs = await conflict_with_my_note(app, pilot, first)
        await press_button(app, pilot, "view_both")
        assert isinstance(app.screen, DiffScreen)
        diff = str(app.screen.query_one("#diff", Static).render())
        assert f'-title = "{THEIR_TITLE}"' in diff and f'+title = "{MY_TITLE}"' in diff
        assert '+text = "minun muistiinpanoni"' in diff
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("escape")  # later: saving stays paused, nothing written
        await settle(pilot)
        screen = step_screen(app)
        assert screen.query_one(SaveIndicator).state == "conflict"
        assert first.read_bytes() == theirs
        await pilot.press("ctrl+s")  # asks again
        await settle(pilot)
        assert isinstance(app.screen, ConflictDialog)


async def test_a_deleted_file_cannot_be_loaded_but_mine_can_be_kept(
    app_for: MakeApp, first: Path
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press(*"minun", "enter")
        first.unlink()
        screen.autosave.start_save()
        await settle(pilot)
        assert isinstance(app.screen, ConflictDialog)
        assert not app.screen.query("#load_theirs")
        await press_button(app, pilot, "keep_over")
        assert load_session(first).steps[0].notes[-1].text == "minun"


async def test_a_bare_touch_saves_without_asking(app_for: MakeApp, first: Path) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press(*"koskettu", "enter")
        first.touch()
        screen.autosave.start_save()
        await settle(pilot)
        assert app.screen is screen
        assert load_session(first).steps[0].notes[-1].text == "koskettu"


async def test_quitting_anyway_during_a_conflict_keeps_mine_as_a_copy(
    app_for: MakeApp, first: Path
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        theirs = await conflict_with_my_note(app, pilot, first)
        await pilot.press("escape", "ctrl+q")  # later, then quit
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)  # and no conflict dialog again on top
        body = str(app.screen.query_one("#confirm-body", Static).render())
        assert "kopioksi" in body
        await pilot.press("y")
        await settle(pilot)
    assert app.return_value == 1
    assert first.read_bytes() == theirs
    copy = first.with_name(f"{first.stem}-oma.toml")
    assert load_session(copy).steps[0].notes[-1].text == "minun muistiinpanoni"
    assert locking.inspect(first) is None


# -- merging by meaning ------------------------------------------------------------------------
async def test_a_clean_outside_change_is_merged_at_once_and_said(
    app_for: MakeApp, first: Path
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press(*"minun muistiinpanoni", "enter")
        theirs = load_session(first)
        theirs.step("situation").notes.append(Note("sihteerin muistiinpano", id="n-sihteeri"))
        save_session(theirs, first)
        screen.autosave.start_save()
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)  # no question: nothing conflicted
        saved = load_session(first)
        texts = [note.text for step in saved.steps for note in step.notes]
        assert "minun muistiinpanoni" in texts and "sihteerin muistiinpano" in texts
        assert saved.title == THEIR_TITLE or saved.title == TITLE
        shown = [notice.message for notice in app._notifications]
        assert "1 muistiinpano toiselta kirjaajalta" in shown
        assert screen.query_one(SaveIndicator).state == "saved"


async def test_merge_is_the_first_choice_and_conflicts_are_settled_one_by_one(
    app_for: MakeApp, first: Path
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await conflict_with_my_note(app, pilot, first)
        assert app.screen.focused is not None and app.screen.focused.id == "merge"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MergeConflictDialog)
        assert THEIR_TITLE in screen_text(app) and MY_TITLE in screen_text(app)
        await pilot.press("t")  # take theirs
        await settle(pilot)
        screen = step_screen(app)
        assert screen.editor.session.title == THEIR_TITLE
        screen.autosave.start_save()
        await settle(pilot)
        saved = load_session(first)
        assert saved.title == THEIR_TITLE
        assert saved.steps[0].notes[-1].text == "minun muistiinpanoni"
        assert "[[conflicts]]" not in first.read_text("utf-8")
