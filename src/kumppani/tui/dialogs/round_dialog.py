"""Provides the dialog that starts a speaking round: time box and seat order.

Dismissed with ``(seconds_each, alternate)``, or None on Esc. Enter starts the
round wherever the focus is; space toggles the state–city alternation, which is
marked only when on.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from kumppani.text.i18n import Translator
from kumppani.tui.dialogs.discard import FormGuard
from kumppani.tui.widgets.forms.tick_box import TickBox

RoundSettings = tuple[int, bool]


class RoundDialog(ModalScreen[RoundSettings | None]):
    """Minutes per speaker and whether state and city alternate."""

    DEFAULT_CSS = """
    RoundDialog { align: center middle; }
    RoundDialog > Vertical {
        width: 64; max-width: 95%; height: auto;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    RoundDialog Input { width: 12; }
    RoundDialog .hint { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", show=False),
        Binding("enter", "start", show=False),
        Binding("ctrl+s", "start", show=False, priority=True),
    ]

    def __init__(self, translate: Translator, minutes: int = 2, alternate: bool = False) -> None:
        super().__init__()
        self.translate = translate
        self.guard = FormGuard(self, translate.language)
        self.minutes = minutes
        self.alternate = alternate

    def compose(self) -> ComposeResult:
        translate = self.translate
        with Vertical():
            yield Static(translate("roundtable.round.start_title"), markup=False, classes="title")
            yield Label(translate("roundtable.round.minutes"), markup=False)
            yield Input(str(self.minutes), type="integer", id="round-minutes")
            yield TickBox(
                translate("roundtable.round.alternate"), self.alternate, id="round-alternate"
            )
            yield Static(translate("roundtable.round.start_hint"), markup=False, classes="hint")

    def on_mount(self) -> None:
        self.query_one("#round-minutes", Input).focus()
        self.guard.remember()  # now: keys typed before the first frame are typing

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_start()

    def action_start(self) -> None:
        value = self.query_one("#round-minutes", Input).value.strip()
        minutes = int(value) if value.isdigit() else 0
        alternate = self.query_one("#round-alternate", TickBox).value
        self.dismiss((min(minutes, 600) * 60, alternate))

    def action_cancel(self) -> None:
        self.guard.leave(lambda: self.dismiss(None))
