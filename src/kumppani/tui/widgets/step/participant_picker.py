"""Provides the participant picker: who is speaking, chosen from those present.

``push_screen(ParticipantPicker(title, choices), callback)``: ``choices`` are
``(participant id, label)`` pairs, the first usually "(no speaker)" with id
``""``. Dismissed with the chosen id, or None on Esc. Labels are literal text.

Made to keep up with speech: the list opens at its top (arrow counts are
always from the same place), each choice carries its number (0 for the first,
then 1, 2 …), and typing chooses. Digits choose by number: as soon as no
longer number could follow, the choice is made ("3" with seven people; "1"
with twelve waits for a second digit, Enter takes 1). Anything else filters
the list by its labels, case and accents as typed; Backspace takes a character
back, Esc clears what was typed and then closes. ``extra`` choices (the step
view's parties, to credit a note to a party without a speaker) come last,
without numbers, and first among the matches when their label starts with
what was typed: F4, "v", Enter credits the state.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option


class ParticipantPicker(ModalScreen[str | None]):
    """A short numbered list of the present participants, filtered by typing."""

    DEFAULT_CSS = """
    ParticipantPicker { align: center middle; }
    ParticipantPicker > Vertical {
        width: 70; max-width: 95%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ParticipantPicker #typed { color: $text-muted; width: 100%; height: auto; }
    ParticipantPicker OptionList { height: auto; max-height: 16; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(
        self,
        title: str,
        choices: list[tuple[str, str]],
        current: str = "",
        hint: str = "",
        extra: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__()
        self.numbered = len(choices)
        """Choices before this index have numbers; ``extra`` ones (the parties) do not."""
        choices = [*choices, *extra]
        self.title_text, self.choices, self.current, self.hint = title, choices, current, hint
        self.typed = ""
        self._shown: list[int] = list(range(len(choices)))
        """The indexes into ``choices`` of the options on screen, in order."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, markup=False)
            yield Label(self.hint, id="typed", markup=False)
            yield OptionList(*self._options())

    def _options(self) -> list[Option]:
        width = len(str(self.numbered - 1))
        return [
            Option(
                Text(f"{self._number(index):>{width}}  {self.choices[index][1]}"), id=f"p{index}"
            )
            for index in self._shown
        ]

    def _number(self, index: int) -> str:
        return str(index) if index < self.numbered else "·"

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        ids = [pid for pid, _ in self.choices]
        options.highlighted = ids.index(self.current) if self.current in ids else 0

    def on_key(self, event: events.Key) -> None:
        if event.key == "backspace" and self.typed:
            self._type(self.typed[:-1])
        elif event.is_printable and event.character and not event.character.isspace():
            self._type(self.typed + event.character)
        elif event.key == "space" and self.typed and not self.typed.isdigit():
            self._type(self.typed + " ")
        else:
            return
        event.stop()
        event.prevent_default()

    def _type(self, typed: str) -> None:
        self.typed = typed
        self.query_one("#typed", Label).update(f"› {typed}" if typed else self.hint)
        if typed.isdigit():
            self._choose_number(int(typed))
        else:
            self._filter(typed.casefold())

    def _choose_number(self, number: int) -> None:
        last = self.numbered - 1
        self._show(list(range(len(self.choices))))
        if number > last:
            self._type("")  # no such number: start again
            return
        self.query_one(OptionList).highlighted = number
        if number == 0 or number * 10 > last:  # no longer number starts so
            self.dismiss(self.choices[number][0])

    def _filter(self, typed: str) -> None:
        found = [
            index for index, (_, label) in enumerate(self.choices) if typed in label.casefold()
        ]
        # A party whose name starts so comes first: "v", Enter is the state, "k", Enter the city.
        first = [index for index in found if index >= self.numbered and self._starts(index, typed)]
        shown = first + [index for index in found if index not in first]
        self._show(shown)
        if shown:
            self.query_one(OptionList).highlighted = 0

    def _starts(self, index: int, typed: str) -> bool:
        return self.choices[index][1].casefold().startswith(typed)

    def _show(self, shown: list[int]) -> None:
        if shown == self._shown:
            return
        self._shown = shown
        self.query_one(OptionList).set_options(self._options())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[self._shown[event.option_index]][0])

    def action_cancel(self) -> None:
        if self.typed:
            self._type("")
        else:
            self.dismiss(None)
