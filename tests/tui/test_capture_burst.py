"""Keys that arrive in one burst (a fast typist, a text expander, a pasting terminal) stay in order.

Pilot's ``press`` waits for the app between keys, which hides ordering bugs; a
terminal delivers a burst at once. These tests post the key events back to
back, as the terminal driver does, and only then let the app run.
"""

from __future__ import annotations

from pathlib import Path

from textual import events

from kumppani.storage.files import load_session
from kumppani.tui.app import KumppaniApp
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.step.capture_line import CaptureLine
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, settle


def burst(app: KumppaniApp, *keys: str) -> None:
    """Post key events the way the driver does, with no pause between them."""
    for key in keys:
        if key == "space":
            app.post_message(events.Key(key, " "))
        elif len(key) == 1:
            app.post_message(events.Key(key, key))
        else:
            app.post_message(events.Key(key, None))


def typed(text: str) -> list[str]:
    return ["space" if char == " " else char for char in text]


async def test_notes_typed_in_one_burst_stay_separate_notes(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        notes = screen.editor.step(screen.step_key).notes
        before = len(notes)
        burst(app, *typed("Viides"), "enter", *typed("Kuudes"), "enter", *typed("2030 asti"))
        await settle(pilot)
        assert [note.text for note in notes[before:]] == ["Viides", "Kuudes"]
        assert screen.query_one(CaptureLine).value == "2030 asti"
        assert screen.index == 0  # the leading digit was text, not a jump


async def test_quitting_right_after_typing_keeps_the_typed_note(
    app_for: MakeApp, sessions: Path
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        key = screen.step_key
        burst(app, *typed("viimeinen"), "enter", *typed("ilman Enteriä"), "ctrl+q")
        await settle(pilot)
    texts = [note.text for note in load_session(sessions / FIRST).step(key).notes]
    assert texts[-2:] == ["viimeinen", "ilman Enteriä"]
