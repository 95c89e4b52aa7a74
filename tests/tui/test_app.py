"""The app wires the other screens in, and handles 10,000 notes in a step."""

from __future__ import annotations

import pytest

from kumppani.session.model import Note
from kumppani.tui.dialogs.action_editor import ActionEditor
from kumppani.tui.screens.help import HelpScreen
from kumppani.tui.screens.setup import SetupScreen
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.screens.summary import SummaryScreen
from kumppani.tui.widgets.step.note_list import NoteList
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle


@pytest.mark.slow
async def test_help_setup_summary_and_action_editor_open(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("escape")
        await settle(pilot)
        app.open_session(app.sessions_dir / FIRST)
        await settle(pilot)
        await pilot.press("alt+4", "f12")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("escape")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen) and screen.step_key == "solutions"
        screen.query_one("#plan").focus()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ActionEditor)


async def test_ten_thousand_notes_show_add_and_scroll(app_for: MakeApp) -> None:
    """A step with 10,000 notes shows, takes a new note and jumps to its end.

    Speed is measured in benchmarks/bench_typing.py, not asserted here.
    """
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        notes = screen.editor.step(screen.step_key).notes
        notes.extend(Note(f"muistiinpano {n}") for n in range(10_000))
        screen.show_step(screen.index)
        await pilot.pause()
        await pilot.press(*"uusi", "enter")
        await pilot.pause()
        assert notes[-1].text == "uusi" and "uusi" in screen_text(app)
        note_list = screen.query_one(NoteList)
        note_list.focus()
        await pilot.press("home")
        await pilot.pause()
        assert note_list.cursor == 0
        await pilot.press("pagedown", "end")
        await pilot.pause()
        assert note_list.cursor == len(notes) - 1
        assert "uusi" in screen_text(app)
