"""The language can be switched inside the app, keeping the open session and its step."""

from __future__ import annotations

from tui_support import FIRST, MakeApp, screen_text, settle

from kumppani.tui.screens.step import StepScreen
from kumppani.tui.widgets.capture_line import CaptureLine


async def test_switching_to_english_keeps_the_session_the_step_and_typed_text(
    app_for: MakeApp,
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("alt+3", *"kesken")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"English", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        assert screen.step_key == "will"
        text = screen_text(app)
        assert "Step 3/5 · Shared will and goal" in text
        assert "Vaihe 3/5" not in text
        assert screen.query_one(CaptureLine).value == ""
        assert screen.editor.step("will").notes[-1].text == "kesken"  # flushed, not lost
        keys = {active.binding.description for active in app.screen.active_bindings.values()}
        assert "Party" in keys and "Osapuoli" not in keys  # the footer speaks English too
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"svenska", "enter")
        await settle(pilot)
        assert "Steg 3/5" in screen_text(app)
