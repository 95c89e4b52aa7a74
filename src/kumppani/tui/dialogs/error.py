"""Provides the error dialog: what went wrong, where (file:line: field), and that nothing was lost.

``app.push_screen(ErrorDialog(title, summary, detail, ok))``; the detail is
typically ``SessionFileError.describe()``. All text is shown literally.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ErrorDialog(ModalScreen[None]):
    """Show an error until the user acknowledges it."""

    DEFAULT_CSS = """
    ErrorDialog { align: center middle; }
    ErrorDialog > VerticalScroll {
        width: 76; max-width: 95%; height: auto; max-height: 90%;
        border: thick $error; background: $surface; padding: 1 2;
    }
    ErrorDialog #error-title { text-style: bold; color: $error; }
    ErrorDialog #error-summary { margin: 1 0; }
    ErrorDialog #error-detail { color: $text; background: $panel; padding: 0 1; }
    ErrorDialog Horizontal {
        dock: bottom; height: auto; align-horizontal: right; margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", show=False),
        Binding("enter", "close", show=False),
    ]

    def __init__(self, title: str, summary: str, detail: str, ok: str) -> None:
        super().__init__()
        self.title_text, self.summary, self.detail, self.ok = title, summary, detail, ok

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.title_text, id="error-title", markup=False)
            yield Static(self.summary, id="error-summary", markup=False)
            yield Static(self.detail, id="error-detail", markup=False)
            with Horizontal():
                yield Button(self.ok, id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
