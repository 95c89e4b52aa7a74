"""Helpers of the TUI tests: building the app, the screen as text, waiting for it to settle."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from textual.worker import WorkerCancelled

from kumppani.settings.config import Config
from kumppani.tui.app import KumppaniApp
from kumppani.tui.key_order import KeyOrderApp
from kumppani.tui.screens.step.screen import StepScreen

MakeApp = Callable[..., KumppaniApp]

SLOW = Config(autosave_seconds=600.0)
"""No autosave during a test's first run: what is typed lives only in memory and the journal."""


def step_screen(app: KumppaniApp) -> StepScreen:
    """The step view, which must be on screen."""
    screen = app.screen
    assert isinstance(screen, StepScreen), screen
    return screen


def screen_text(app: KumppaniApp) -> str:
    """What the terminal shows right now, as plain lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


DEADLINE = 30.0
"""Seconds before a wait gives up: generous, as four test workers on two loaded cores make
an autosave (1 s), a watcher's poll (0.5 s) and a merge in a thread take several times longer
(a 5 s limit failed once in a fresh clone). Only a failing test waits that long."""


async def wait_for(pilot: Pilot[object], condition: object) -> None:
    """Wait until ``condition()`` holds (the app's timers and workers run meanwhile)."""
    give_up = time.monotonic() + DEADLINE
    while time.monotonic() < give_up:
        if callable(condition) and condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the screen never showed it")


async def _workers_done(pilot: Pilot[object]) -> None:
    """Wait for every worker; one cancelled meanwhile (overtaken by a newer one) is done."""
    for _ in range(100):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:  # e.g. home's folder read, restarted after a merge
            continue
        return


async def settle(pilot: Pilot[object]) -> None:
    """Stop cursor blinking and let typed keys, pending work and messages finish."""
    if isinstance(pilot.app, KeyOrderApp):  # keys typed in a burst may still be held
        await pilot.app.typed_keys_handled()
    await _workers_done(pilot)
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


async def save_now(pilot: Pilot[object], screen: StepScreen) -> None:
    """Save the step view's session now, after any autosave already under way (``start_save``
    does nothing while one runs, and that one may have begun before the latest change)."""
    await settle(pilot)  # the running save's worker ends only once its result is handled
    screen.autosave.start_save()
    await settle(pilot)


async def edit_even_if_approved(pilot: Pilot[object]) -> None:
    """Answer "edit anyway" if opening a session asked because its minutes are approved."""
    from kumppani.tui.dialogs.approve import EditApprovedDialog

    if isinstance(pilot.app.screen, EditApprovedDialog):
        await pilot.press("shift+tab", "shift+tab", "enter")  # cancel -> review -> edit
        await settle(pilot)


async def paste(pilot: Pilot[object], text: str) -> None:
    """Give ``text`` to the focused widget as a terminal's bracketed paste does: one event.

    For tests where typing key by key is not what is tested: under Pilot each key
    press costs tens of milliseconds, a paste one message. ``test_capture_burst``
    types key by key.
    """
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()
