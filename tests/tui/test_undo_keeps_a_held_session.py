"""Undoing back through the note that started the meeting leaves a later end of it alone.

Before: the first note carried an undo that put back the status and history from
before it, whatever had happened since, so Ctrl+Z back to it turned a held session
into a draft and wiped its "held" (and any approval) from the history.
"""

from __future__ import annotations

from pathlib import Path

from kumppani.session.vocabulary import SessionStatus, StepStatus
from kumppani.settings.config import Config
from kumppani.storage.files import load_session, save_session
from kumppani.tui.screens.home import HomeScreen
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle
from tests.tui.test_comments_and_status import terminal_keys
from tests.tui.test_undo_redo import last_notice, send_bytes, step_screen

DRAFT = "luonnos.toml"


def empty_draft(sessions: Path) -> Path:
    session = load_session(sessions / FIRST)
    session.title = "Kumottava kokous"
    for step in session.steps:
        step.notes, step.status = [], StepStatus.NOT_STARTED
    session.status, session.status_history = SessionStatus.DRAFT, []
    save_session(session, sessions / DRAFT)
    return sessions / DRAFT


async def test_ctrl_z_back_through_the_first_note_keeps_the_session_held(
    app_for: MakeApp, sessions: Path
) -> None:
    path = empty_draft(sessions)
    app = app_for(DRAFT, config=Config(autosave_seconds=600.0))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press(*"ensimmäinen", "enter", *"toinen", "enter")
        await settle(pilot)
        await pilot.press(*terminal_keys("\x1be"))  # Alt+E as a terminal sends it: ESC e
        await settle(pilot)
        assert screen.editor.session.status is SessionStatus.HELD
        await send_bytes(pilot, "\x1a")  # Ctrl+Z: the second note
        await send_bytes(pilot, "\x1a")  # Ctrl+Z: the first note, which started the meeting
        assert last_notice(app) == "Kumottu: muistiinpanon lisäys"
        assert not screen.current_step.notes
        await send_bytes(pilot, "\x19")  # Ctrl+Y, twice: both notes are back
        await send_bytes(pilot, "\x19")
        assert [note.text for note in screen.current_step.notes] == ["ensimmäinen", "toinen"]
        await send_bytes(pilot, "\x1a")
        await send_bytes(pilot, "\x1a")
        assert screen.editor.save() is not None
        await pilot.press("ctrl+o")  # a held session closes without a question
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        app.clear_notifications()
        await settle(pilot)
        row = next(line for line in screen_text(app).splitlines() if "Kumottava" in line)
        assert "Pidetty" in row and "Luonnos" not in row
    stored = load_session(path)
    assert stored.status is SessionStatus.HELD
    assert [entry.status for entry in stored.status_history] == [
        SessionStatus.IN_PROGRESS,
        SessionStatus.HELD,
    ]
