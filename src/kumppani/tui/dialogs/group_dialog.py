"""Provides the dialog that puts a note under a group heading (clustering).

One line: the heading, new or existing; typing suggests an existing heading
(→ completes it). Dismissed with the heading (empty: out of its group), or None
on Esc.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from kumppani.text.i18n import Translator
from kumppani.text.safe import one_line
from kumppani.tui.dialogs.discard import FormGuard


class GroupDialog(ModalScreen[str | None]):
    """The heading for one note, with the step's headings as suggestions."""

    DEFAULT_CSS = """
    GroupDialog { align: center middle; }
    GroupDialog > Vertical {
        width: 72; max-width: 95%; height: auto;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    GroupDialog .hint { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(
        self, translate: Translator, note_text: str, headings: list[str], current: str = ""
    ) -> None:
        super().__init__()
        self.translate = translate
        self.guard = FormGuard(self, translate.language)
        self.note_text = note_text
        self.headings = headings
        self.current = current

    def compose(self) -> ComposeResult:
        translate = self.translate
        with Vertical():
            yield Static(translate("roundtable.group.title"), markup=False)
            yield Static(one_line(self.note_text, 66), markup=False, classes="hint")
            yield Label(translate("roundtable.group.heading"), markup=False)
            yield Input(
                self.current,
                suggester=SuggestFromList(self.headings, case_sensitive=False),
                id="group-heading",
            )
            existing = (
                translate("roundtable.group.existing", headings=" · ".join(self.headings))
                if self.headings
                else translate("roundtable.group.none")
            )
            yield Static(one_line(existing), markup=False, id="group-existing")
            yield Static(translate("roundtable.group.hint"), markup=False, classes="hint")

    def on_mount(self) -> None:
        self.query_one("#group-heading", Input).focus()
        self.guard.remember()  # now: keys typed before the first frame are typing

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.guard.leave(lambda: self.dismiss(None))
