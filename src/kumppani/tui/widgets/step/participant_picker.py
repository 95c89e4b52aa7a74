"""Provides the participant picker: who is speaking, chosen from those present.

``push_screen(ParticipantPicker(title, choices), callback)``: ``choices`` are
``(participant id, label)`` pairs, the first usually "(no speaker)" with id
``""``. Dismissed with the chosen id, or None on Esc. Type to jump: the list
is an ``OptionList`` and labels are literal text.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class ParticipantPicker(ModalScreen[str | None]):
    """A short list of the present participants."""

    DEFAULT_CSS = """
    ParticipantPicker { align: center middle; }
    ParticipantPicker > Vertical {
        width: 70; max-width: 95%; height: auto; max-height: 80%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ParticipantPicker OptionList { height: auto; max-height: 16; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, title: str, choices: list[tuple[str, str]], current: str = "") -> None:
        super().__init__()
        self.title_text, self.choices, self.current = title, choices, current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, markup=False)
            yield OptionList(
                *[
                    Option(Text(label), id=f"p{index}")
                    for index, (_, label) in enumerate(self.choices)
                ]
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        ids = [pid for pid, _ in self.choices]
        options.highlighted = ids.index(self.current) if self.current in ids else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
