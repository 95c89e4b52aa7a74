"""Undo and redo in the step view, as a facilitator uses them: notes, rounds, votes, groups, forms.

Each change is undone with Ctrl+Z and made again with Ctrl+Y, the notice naming
it ("Kumottu: muistiinpanon lisäys" / "Tehty uudelleen: …"). The keys are also
fed as the bytes a terminal sends (Ctrl+Z is 0x1a, Ctrl+Y 0x19; Ctrl+Shift+Z as
the kitty protocol and xterm's modifyOtherKeys send it) through Textual's own
input parser.
"""

from __future__ import annotations

from pathlib import Path

from textual._xterm_parser import XTermParser
from textual.pilot import Pilot

from kumppani.session.vocabulary import SessionStatus, StepStatus
from kumppani.settings.config import Config
from kumppani.storage.files import load_session, save_session
from kumppani.tui.app import KumppaniApp
from kumppani.tui.dialogs.round_dialog import RoundDialog
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.step.capture_line import CaptureLine
from kumppani.tui.widgets.step.note_list import NoteList
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle


def step_screen(app: KumppaniApp) -> StepScreen:
    screen = app.screen
    assert isinstance(screen, StepScreen)
    return screen


def last_notice(app: KumppaniApp) -> str:
    """The text of the latest notification."""
    notices = list(app._notifications)
    return notices[-1].message if notices else ""


async def send_bytes(pilot: Pilot[object], data: str) -> None:
    """Feed ``data`` through Textual's terminal input parser, as the driver does."""
    for event in XTermParser().feed(data):
        pilot.app.post_message(event)
    await settle(pilot)


async def test_adding_a_note_is_undone_and_redone_with_the_change_named(
    app_for: MakeApp, sessions: Path
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        notes = screen.editor.step(screen.step_key).notes
        count = len(notes)
        await pilot.press(*"kumottava", "enter")
        assert len(notes) == count + 1
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert len(notes) == count
        assert last_notice(app) == "Kumottu: muistiinpanon lisäys"
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert [note.text for note in notes[count:]] == ["kumottava"]
        assert last_notice(app) == "Tehty uudelleen: muistiinpanon lisäys"
        await pilot.press("ctrl+o")
        await settle(pilot)
    saved = load_session(sessions / FIRST).steps[0].notes
    assert [note.text for note in saved[count:]] == ["kumottava"]


async def test_a_new_change_clears_what_could_be_redone(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        notes = screen.editor.step(screen.step_key).notes
        await pilot.press(*"eka", "enter", "ctrl+z")
        await pilot.press(*"toka", "enter", "ctrl+y")
        await settle(pilot)
        assert last_notice(app) == "Ei uudelleen tehtävää"
        assert notes[-1].text == "toka" and "eka" not in [note.text for note in notes]


async def test_undo_and_redo_arrive_as_terminal_bytes(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        notes = screen.editor.step(screen.step_key).notes
        count = len(notes)
        await pilot.press(*"tavuina", "enter")
        await send_bytes(pilot, "\x1a")  # Ctrl+Z
        assert len(notes) == count and last_notice(app).startswith("Kumottu:")
        await send_bytes(pilot, "\x19")  # Ctrl+Y
        assert len(notes) == count + 1 and last_notice(app).startswith("Tehty uudelleen:")
        for ctrl_shift_z in ("\x1b[122;6u", "\x1b[27;6;90~"):  # kitty; xterm modifyOtherKeys
            await send_bytes(pilot, "\x1a")
            assert len(notes) == count
            await send_bytes(pilot, ctrl_shift_z)
            assert len(notes) == count + 1, repr(ctrl_shift_z)
        assert screen.query_one(CaptureLine).value == ""  # no "Z" typed on the way


async def test_a_speaking_round_is_undone_and_redone(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        step = screen.current_step
        rounds = len(step.rounds)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, RoundDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert step.current_round is not None and len(step.rounds) == rounds + 1
        speaker = step.current_round.speaker
        await pilot.press("alt+n")
        await settle(pilot)
        assert step.current_round.speaker != speaker
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert last_notice(app) == "Kumottu: siirto seuraavalle puhujalle"
        assert step.current_round is not None and step.current_round.speaker == speaker
        assert screen.next_note.participant == speaker  # the attribution follows the floor back
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert last_notice(app) == "Kumottu: puheenvuorokierroksen aloitus"
        assert len(step.rounds) == rounds and step.current_round is None
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert step.current_round is not None and step.current_round.speaker == speaker


async def test_a_dot_vote_is_undone_with_its_counts(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        step = screen.current_step
        votes, counted = len(step.votes), [note.votes for note in step.notes]
        screen.query_one(NoteList).focus()
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("5", "ctrl+s")
        await settle(pilot)
        await pilot.press("enter")  # keep the result, carry nothing
        await settle(pilot)
        assert len(step.votes) == votes + 1 and step.notes[0].votes == 5
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert last_notice(app) == "Kumottu: pisteäänestys"
        assert len(step.votes) == votes and [note.votes for note in step.notes] == counted
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert len(step.votes) == votes + 1 and step.notes[0].votes == 5


async def test_grouping_a_note_is_undone_and_redone(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        step = screen.current_step
        notes = screen.query_one(NoteList)
        notes.focus()
        notes.cursor = 0
        note = step.notes[0]
        group_before, groups_before = note.group, list(step.groups)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press(*"Uusi teema", "enter")
        await settle(pilot)
        assert step.group(note.group) is not None
        assert step.group(note.group).heading == "Uusi teema"  # type: ignore[union-attr]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert last_notice(app) == "Kumottu: ryhmittely"
        assert step.notes[0].group == group_before and step.groups == groups_before
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert step.group(step.notes[0].group).heading == "Uusi teema"  # type: ignore[union-attr]


async def test_the_session_details_form_is_undone_as_one_change(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        title = screen.editor.session.title
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("end", *" (siirretty)", "ctrl+s")
        await settle(pilot)
        assert screen.editor.session.title == title + " (siirretty)"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert screen.editor.session.title == title
        assert last_notice(app) == "Kumottu: istunnon tietojen muokkaus"


async def test_undoing_the_first_note_gives_back_the_steps_and_the_sessions_status(
    app_for: MakeApp, sessions: Path
) -> None:
    # Before: the step was "not started" again, but the session stayed in progress (and
    # closing offered to end a meeting that had no note).
    session = load_session(sessions / FIRST)
    for step in session.steps:
        step.notes, step.status = [], StepStatus.NOT_STARTED
    session.status, session.status_history = SessionStatus.DRAFT, []
    save_session(session, sessions / "luonnos.toml")
    app = app_for("luonnos.toml", config=Config(autosave_seconds=600.0))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press(*"ensimmäinen", "enter")
        await settle(pilot)
        assert screen.current_step.status is StepStatus.IN_PROGRESS
        assert screen.editor.session.status is SessionStatus.IN_PROGRESS
        assert "1 ● " in screen_text(app)
        await send_bytes(pilot, "\x1a")  # Ctrl+Z, once
        assert last_notice(app) == "Kumottu: muistiinpanon lisäys"
        assert screen.current_step.status is StepStatus.NOT_STARTED
        assert screen.editor.session.status is SessionStatus.DRAFT
        assert not screen.editor.session.status_history
        assert "1 ○ " in screen_text(app)
        await send_bytes(pilot, "\x19")  # Ctrl+Y
        assert screen.editor.session.status is SessionStatus.IN_PROGRESS
        await send_bytes(pilot, "\x1a")
        assert screen.editor.save() is not None
    saved = load_session(sessions / "luonnos.toml")
    assert saved.status is SessionStatus.DRAFT and not saved.status_history
    assert saved.steps[0].status is StepStatus.NOT_STARTED
