"""Provides the capture line: where the facilitator types, one note per Enter.

An ``Input`` that hands its text over with ``CaptureSubmitted``, clears
itself and keeps the focus, so the next note can be typed at once. A digit
1–5 typed into the empty line jumps to that step (``JumpToStep``); once the
line holds text, digits are just text. A pasted text of several lines is kept
whole, its lines joined, rather than cut to its first line.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label

from kumppani.tui.messages import CaptureSubmitted, JumpToStep

STEP_DIGITS = "12345"


class CaptureLine(Input):
    """The input line for new notes."""

    async def _on_key(self, event: events.Key) -> None:
        if not self.value and event.character is not None and event.character in STEP_DIGITS:
            event.stop()
            event.prevent_default()
            self.post_message(JumpToStep(int(event.character) - 1))
            return
        await super()._on_key(event)

    def _on_paste(self, event: events.Paste) -> None:
        lines = [line.strip() for line in event.text.splitlines()]
        text = " ".join(line for line in lines if line)
        if text:
            self.insert_text_at_cursor(text)
        event.stop()

    async def action_submit(self) -> None:
        text = self.value.strip()
        if text:
            self.post_message(CaptureSubmitted(text))
        self.value = ""


class CaptureBar(Horizontal):
    """The capture line with the attribution and kind of the next note beside it."""

    DEFAULT_CSS = """
    CaptureBar { height: 1; dock: bottom; }
    CaptureBar > #attribution { width: auto; max-width: 60%; padding: 0 1; height: 1; }
    CaptureBar > CaptureLine { border: none; height: 1; padding: 0 1; width: 1fr; }
    """

    def __init__(self, placeholder: str) -> None:
        super().__init__(id="capture-bar")
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Label("", id="attribution", markup=False)
        yield CaptureLine(placeholder=self.placeholder, id="capture")

    def show_attribution(self, text: str) -> None:
        """Show who and what kind the next note will be."""
        self.query_one("#attribution", Label).update(text)
