"""Approval in the TUI: approving from home, and the warning before approved minutes are edited."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Input

from kumppani.fileformat.digest import ApprovalState, approval_state
from kumppani.minutes.document import render_minutes
from kumppani.session.vocabulary import SessionStatus
from kumppani.storage import lock_holder
from kumppani.storage import locks as locking
from kumppani.storage.files import load_session
from kumppani.tui.app import KumppaniApp
from kumppani.tui.dialogs.approve import ApproveDialog, EditApprovedDialog
from kumppani.tui.screens.home import HomeScreen
from kumppani.tui.screens.review.screen import ReviewScreen
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.tables.session_table import SessionTable
from tests.support.examples import FIRST, FOLLOWUP
from tests.support.tui import MakeApp, screen_text, settle


def point_at(app: KumppaniApp, path: Path) -> None:
    table = app.screen.query_one(SessionTable)
    assert table.move_to_path(path)


def notices(app: KumppaniApp) -> str:
    """The texts of the notifications shown now."""
    return "\n".join(notice.message for notice in app._notifications)


async def test_h_approves_the_minutes_asking_who(app_for: MakeApp, sessions: Path) -> None:
    path = sessions / FIRST
    facilitator = load_session(path).facilitator
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        point_at(app, path)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, ApproveDialog)
        field = app.screen.query_one(Input)
        assert field.value == facilitator and facilitator  # prefilled with the facilitator
        # An empty name is refused and nothing is written.
        field.value = "   "
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ApproveDialog)
        assert "Kirjoita hyväksyjän nimi" in screen_text(app)
        assert load_session(path).approval is None
        field.value = ""
        await pilot.press(*"Sihteeri Salo", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Muistio hyväksytty" in screen_text(app)
    stored = load_session(path)
    assert stored.status is SessionStatus.APPROVED
    assert stored.approval is not None and stored.approval.by == "Sihteeri Salo"
    assert not [
        item for item in sessions.iterdir() if item.name.startswith(".")
    ]  # no temp, no lock


async def test_approved_minutes_are_not_approved_again(app_for: MakeApp, sessions: Path) -> None:
    path = sessions / FOLLOWUP
    before = path.read_bytes()
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        point_at(app, path)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "jo hyväksynyt Erityisasiantuntija 2026-09-24 14:10" in notices(app)
    assert path.read_bytes() == before


async def test_opening_approved_minutes_warns_and_cancel_changes_nothing(
    app_for: MakeApp, sessions: Path
) -> None:
    path = sessions / FOLLOWUP
    before = path.read_bytes()
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        point_at(app, path)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EditApprovedDialog)
        text = app.screen.body
        assert "Erityisasiantuntija 2026-09-24 14:10" in text
        assert "Ensimmäinen todellinen muutos poistaa hyväksynnän" in text and "Ctrl+Z" in text
        assert locking.inspect(path) is not None  # held while the question is open
        await pilot.press("enter")  # the focus is on "cancel"
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert locking.inspect(path) is None  # cancelling gave the lock back
        await pilot.press("enter", "r")  # "review instead"
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert locking.inspect(path) is None  # review holds no lock
    assert path.read_bytes() == before


async def test_minutes_open_elsewhere_for_editing_are_not_approved(
    app_for: MakeApp, sessions: Path
) -> None:
    path = sessions / FIRST
    other = replace(lock_holder.current_info(), host="toinen-kone", user="kirjuri")
    locking.lock_path(path).write_text(other.to_toml(), "utf-8")
    before = path.read_bytes()
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        point_at(app, path)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "auki muokattavana (kirjuri@toinen-kone)" in notices(app)
    assert path.read_bytes() == before
    assert locking.inspect(path) is not None  # someone else's lock is left alone


async def test_edit_anyway_then_undo_and_close_leaves_the_file_byte_identical(
    app_for: MakeApp, sessions: Path
) -> None:
    path = sessions / FOLLOWUP
    before = path.read_bytes()
    app = app_for(FOLLOWUP)  # ``kumppani FILE`` asks too
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EditApprovedDialog)
        await pilot.press("shift+tab", "shift+tab", "enter")  # cancel -> review -> edit
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        await pilot.press("ctrl+z")  # nothing was changed: nothing to undo, nothing written
        await settle(pilot)
        assert screen.autosave.save_now() is None
        assert path.read_bytes() == before
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert path.read_bytes() == before


async def test_a_note_added_after_edit_anyway_removes_the_approval(
    app_for: MakeApp, sessions: Path
) -> None:
    """Issue 13: the note was saved while the file still said approved."""
    path = sessions / FOLLOWUP
    approval = load_session(path).approval
    assert approval is not None
    app = app_for(FOLLOWUP)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("shift+tab", "shift+tab", "enter")  # edit anyway
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        await pilot.press("ctrl+z")  # the old "undo the removal of the approval"
        await pilot.press(*"Uusi huomio", "enter")
        await settle(pilot)
        assert "hyväksyntä poistui" in notices(app)
        assert screen.autosave.save_now() is None
        stored = load_session(path)
        assert stored.approval is None and stored.status is SessionStatus.HELD
        assert "Uusi huomio" in [note.text for note in stored.all_notes()]
        assert approval_state(stored) is ApprovalState.NONE
    minutes = render_minutes(stored, "fi")  # what ``kumppani review --print`` prints
    assert "Muistion on hyväksynyt" not in minutes and "ei ole hyväksytty" not in minutes
