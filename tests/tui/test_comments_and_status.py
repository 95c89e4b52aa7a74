"""Issue 13 in the app: comments survive a save, the status follows the meeting."""

from __future__ import annotations

from pathlib import Path

from textual import events as events_module
from textual._xterm_parser import XTermParser
from textual.widgets import Button

from kumppani.session.vocabulary import SessionStatus, StepStatus
from kumppani.storage.files import load_session, save_session
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.screens.home import HomeScreen
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.tables.session_table import SessionTable
from tests.support.examples import FIRST, FOLLOWUP
from tests.support.tui import MakeApp, screen_text, settle

COMMENTS = (
    "# sihteeristö: tarkistettu",
    "# osallistujat",
    "# vaihe 1",
    "# tärkein huomio",
    "# loppu",
)


def terminal_keys(data: str) -> list[str]:
    """The keys Textual reads from these bytes of a terminal."""
    parser = XTermParser()
    events = [*parser.feed(data), *parser.feed("")]
    return [event.key for event in events if isinstance(event, events_module.Key)]


def add_comments(path: Path) -> None:
    text = path.read_text("utf-8")
    for anchor, comment in zip(
        ("[session]\n", "[[participants]]\n", "[steps.overall]\n", "[[steps.overall.notes]]\n"),
        COMMENTS,
        strict=False,
    ):
        text = text.replace(anchor, f"{comment}\n{anchor}", 1)
    text = text.replace('language = "fi"', 'language = "fi"\noma_avain = "käsin"', 1)
    path.write_text(text.replace("[end]\n", f"{COMMENTS[-1]}\n[end]\n"), "utf-8")


async def test_a_save_in_the_app_keeps_hand_written_comments(
    app_for: MakeApp, sessions: Path
) -> None:
    """Issue 13: 5 of 5 comments were dropped by a TUI save, unknown keys moved."""
    path = sessions / FIRST
    add_comments(path)
    before = path.read_text("utf-8").splitlines()
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        await pilot.press(*"Uusi huomio", "enter")
        await settle(pilot)
        assert screen.autosave.save_now() is None
    after = path.read_text("utf-8").splitlines()
    assert "Uusi huomio" in [note.text for note in load_session(path).all_notes()]
    assert [line for line in after if line.startswith("#")] == list(COMMENTS)
    assert after.index('oma_avain = "käsin"') == before.index('oma_avain = "käsin"')


async def test_the_status_follows_the_meeting_and_end_session_marks_it_held(
    app_for: MakeApp, sessions: Path
) -> None:
    """Issue 13: the status never left draft; now a note starts it and Alt+E ends it."""
    path = sessions / FIRST
    session = load_session(path)
    session.status = SessionStatus.DRAFT
    for step in session.steps:
        step.status = StepStatus.IN_PROGRESS
    save_session(session, path)
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        await pilot.press(*"Ensimmäinen huomio", "enter")
        await settle(pilot)
        assert screen.editor.session.status is SessionStatus.IN_PROGRESS
        # Closing a session in progress offers to end it; "not yet" closes it as it is.
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        app.screen.query_one("#no", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    stored = load_session(path)
    assert stored.status is SessionStatus.IN_PROGRESS
    assert [entry.status for entry in stored.status_history] == [SessionStatus.IN_PROGRESS]

    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        await pilot.press("alt+5", "f10")  # step 5: in progress → done, ending is offered
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        app.screen.query_one("#yes", Button).press()
        await settle(pilot)
        assert screen.editor.session.status is SessionStatus.HELD
        assert screen.autosave.save_now() is None
    stored = load_session(path)
    assert stored.status is SessionStatus.HELD
    assert [entry.status for entry in stored.status_history] == [
        SessionStatus.IN_PROGRESS,
        SessionStatus.HELD,
    ]


async def test_alt_e_ends_the_session(app_for: MakeApp, sessions: Path) -> None:
    path = sessions / FIRST
    session = load_session(path)
    session.status = SessionStatus.IN_PROGRESS
    save_session(session, path)
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        await pilot.press(*terminal_keys("\x1be"))  # Alt+E as a terminal sends it: ESC e
        await settle(pilot)
        assert screen.editor.session.status is SessionStatus.HELD
        assert screen.autosave.save_now() is None
    assert load_session(path).status is SessionStatus.HELD


async def test_home_shows_approved_minutes_changed_by_hand(
    app_for: MakeApp, sessions: Path
) -> None:
    """Issue 13: a hand edit of an approved file was not noticed by anything."""
    path = sessions / FOLLOWUP
    text = path.read_text("utf-8")
    path.write_text(text.replace('title = "', 'title = "Korjattu: ', 1), "utf-8")
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await settle(pilot)
        row = next(line for line in screen_text(app).splitlines() if "Korjattu" in line)
        assert "Ei enää hyväksytty" in row and "Muistio hyväksytty" not in row


async def test_quitting_a_session_in_progress_offers_to_end_it(
    app_for: MakeApp, sessions: Path
) -> None:
    path = sessions / FIRST
    session = load_session(path)
    session.status = SessionStatus.IN_PROGRESS
    save_session(session, path)
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        app.screen.query_one("#yes", Button).press()
        await settle(pilot)
    assert load_session(path).status is SessionStatus.HELD


async def test_h_refuses_minutes_of_a_session_not_yet_held(
    app_for: MakeApp, sessions: Path
) -> None:
    path = sessions / FIRST
    session = load_session(path)
    session.status = SessionStatus.IN_PROGRESS
    save_session(session, path)
    before = path.read_bytes()
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(SessionTable).move_to_path(path)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        shown = "\n".join(notice.message for notice in app._notifications)
        assert "vasta, kun istunto on päätetty" in shown
    assert path.read_bytes() == before
