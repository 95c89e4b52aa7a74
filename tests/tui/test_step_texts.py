"""F9 opens the step's own field: the shared message in step 4, the follow-up plan in step 5."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from kumppani.storage.files import load_session
from kumppani.tui.screens.step.screen import StepScreen
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, settle


async def test_shared_message_and_followup_plan_are_written_to_the_file(
    app_for: MakeApp, sessions: Path
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        await pilot.press("alt+4")
        await settle(pilot)
        area = screen.query_one("#step-text")
        assert area.display and "Yhteinen viesti" in str(area.border_title)
        await pilot.press("f9")  # shown (it has text): F9 goes into it
        assert isinstance(area, TextArea) and area.has_focus
        area.move_cursor(area.document.end)
        await pilot.press("enter", *"Sama viesti molemmilta", "escape")
        await pilot.press("alt+5", "f9")
        await pilot.press("f9")  # in it: F9 hides it and returns to the capture line
        assert not screen.query_one("#step-text").display
        await pilot.press("f9")
        await settle(pilot)
        plan = screen.query_one("#step-text", TextArea)
        assert "Seurantasuunnitelma" in str(plan.border_title) and plan.has_focus
        plan.move_cursor(plan.document.end)
        await pilot.press("enter", *"Uusi rivi")
        await pilot.press("escape", "ctrl+q")
        await settle(pilot)
    saved = load_session(sessions / FIRST)
    assert saved.shared_message.endswith("\nSama viesti molemmilta")
    assert saved.followup_plan.endswith("\nUusi rivi")


async def test_f9_outside_steps_3_to_5_says_where_it_works(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        await pilot.press("alt+1", "f9")
        await pilot.pause()
        assert any("3–5" in str(note.message) for note in app._notifications)
