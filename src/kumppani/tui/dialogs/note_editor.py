"""Provides the note editor: a small modal with the note's text in a TextArea.

``push_screen(NoteEditor(title, text, save, cancel), callback)``; dismissed with
the new text on Ctrl+S / the save button, None on Esc (asking first if the text
was changed).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from kumppani.tui.dialogs.discard import FormGuard


class NoteEditor(ModalScreen[str | None]):
    """Edit one note's text."""

    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    NoteEditor > Vertical {
        width: 90%; max-width: 100; height: auto; border: thick $primary;
        background: $surface; padding: 0 1;
    }
    NoteEditor TextArea { height: 8; }
    NoteEditor Horizontal { height: auto; align-horizontal: right; }
    NoteEditor Button { margin-left: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", show=False, priority=True),
        Binding("escape", "cancel", show=False),
    ]

    def __init__(
        self, title: str, text: str, save: str, cancel: str, *, language: str = "fi"
    ) -> None:
        super().__init__()
        self.title_text, self.text, self.save_label, self.cancel_label = title, text, save, cancel
        self.guard = FormGuard(self, language)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, markup=False)
            yield TextArea(self.text, id="note-text", soft_wrap=True)
            with Horizontal():
                yield Button(self.save_label + " (Ctrl+S)", id="save", variant="primary")
                yield Button(self.cancel_label, id="cancel")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        self.guard.remember()  # now: keys typed before the first frame are typing

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        self.dismiss(text.strip() if text != self.text else self.text)  # unchanged stays exact

    def action_cancel(self) -> None:
        self.guard.leave(lambda: self.dismiss(None))
