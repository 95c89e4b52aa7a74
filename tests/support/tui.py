"""Helpers of the TUI tests: building the app, the screen as text, waiting for it to settle."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from kumppani.tui.app import KumppaniApp

MakeApp = Callable[..., KumppaniApp]


def screen_text(app: KumppaniApp) -> str:
    """What the terminal shows right now, as plain lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def settle(pilot: Pilot[object]) -> None:
    """Stop cursor blinking and let pending work and messages finish."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


async def edit_even_if_approved(pilot: Pilot[object]) -> None:
    """Answer "edit anyway" if opening a session asked because its minutes are approved."""
    from kumppani.tui.dialogs.approve import EditApprovedDialog

    if isinstance(pilot.app.screen, EditApprovedDialog):
        await pilot.press("shift+tab", "shift+tab", "enter")  # cancel -> review -> edit
        await settle(pilot)
