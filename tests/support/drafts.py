"""Helpers of the draft tests: type into the app, let the journal write, crash, start again.

A crash is what these tests simulate as the existing recovery tests do: the app
ends without saving (autosave is off, ``SLOW``), so what was typed is only in
the journal (or a draft file of its own) when the next app starts.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot

from kumppani.tui.app import KumppaniApp
from kumppani.tui.dialogs.recovery_dialog import RecoveryDialog
from kumppani.tui.screens.step.screen import StepScreen
from tests.support.examples import FIRST
from tests.support.tui import SLOW, MakeApp, settle, step_screen, wait_for

Typing = Callable[[KumppaniApp, Pilot[Any], StepScreen], Awaitable[None]]
"""What a test types in the step view of FIRST (and the forms it opens from there)."""


async def crash_while_typing(
    app_for: MakeApp, typing: Typing, *, size: tuple[int, int] = (100, 30)
) -> None:
    """Run ``typing`` in the step view of FIRST, journal it, and end without saving."""
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await typing(app, pilot, screen)
        await settle(pilot)
        assert screen.editor.journal is not None
        screen.editor.journal.flush()  # what the journal's flusher does within a second


async def recovered(pilot: Pilot[Any], then: type | None = None) -> None:
    """Answer the recovery dialog with its default, recover; ``then``: wait for that screen
    (a form given back opens after the step view's next refresh, later on a loaded machine)."""
    await settle(pilot)
    # the journals are looked for after the first frame: a loaded machine may take a while
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, RecoveryDialog))
    await pilot.press("enter")
    await settle(pilot)
    if then is not None:
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, then))
