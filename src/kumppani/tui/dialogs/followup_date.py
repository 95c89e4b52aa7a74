"""Provides the dialog that asks the date of a follow-up session (today, shown and changeable).

``FollowupDateDialog`` shows the date prefilled (``2026-09-17``; ``17.9.2026``
and ``17.9.`` are read too) and dismisses with the date, or None when cancelled. A date that
cannot be read is not accepted: the dialog says so and stays.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from kumppani.text.dates import DateError, parse_date


class FollowupDateDialog(ModalScreen[dt.date | None]):
    """Ask the date of the follow-up session; dismiss with it or None."""

    DEFAULT_CSS = """
    FollowupDateDialog { align: center middle; }
    FollowupDateDialog > Vertical {
        width: 64; max-width: 95%; height: auto; border: thick $primary;
        background: $surface; padding: 1 2;
    }
    FollowupDateDialog #followup-date-title { text-style: bold; margin-bottom: 1; }
    FollowupDateDialog #followup-date-error { color: $error; height: auto; }
    FollowupDateDialog Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    FollowupDateDialog Button { margin-left: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, day: dt.date, texts: dict[str, str]) -> None:
        super().__init__()
        self.day, self.texts = day, texts

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.texts["title"], id="followup-date-title", markup=False)
            yield Static(self.texts["prompt"], id="followup-date-prompt", markup=False)
            yield Input(self.day.isoformat(), id="followup-date")
            yield Static("", id="followup-date-error", markup=False)
            with Horizontal():
                yield Button(self.texts["create"], id="create", variant="success")
                yield Button(self.texts["cancel"], id="cancel", variant="primary")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def _submit(self) -> None:
        try:
            day = parse_date(self.query_one(Input).value, today=self.day)
        except DateError:
            day = None
        if day is None:
            self.query_one("#followup-date-error", Static).update(self.texts["bad_date"])
            self.query_one(Input).focus()
            return
        self.dismiss(day)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "create":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
