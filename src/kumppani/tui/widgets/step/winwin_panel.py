"""Provides step 3's win-win side by side: what the state gains | what the city gains.

Below them the incentives and the disincentives to remove. Each area posts
``WinWinPanel.Changed`` as it is edited; the screen stores it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

from textual.app import ComposeResult
from textual.containers import Grid
from textual.message import Message
from textual.widgets import TextArea

from kumppani.session.model import WinWin
from kumppani.text.i18n import Translator

FIELDS = ("state_gains", "city_gains", "incentives", "disincentives")


class WinWinPanel(Grid):
    """Four text areas in a 2×2 grid, both parties' gains on top, side by side."""

    DEFAULT_CSS = """
    WinWinPanel { grid-size: 2 2; height: 12; grid-gutter: 0 1; }
    WinWinPanel > TextArea { height: 100%; }
    """

    @dataclass
    class Changed(Message):
        """One side of the win-win was edited."""

        field: str
        text: str

    def __init__(
        self, translate: Translator, winwin: WinWin, read_only: bool, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.translate = translate
        self.winwin = winwin
        self.read_only = read_only

    def compose(self) -> ComposeResult:
        for name in FIELDS:
            area = TextArea(
                getattr(self.winwin, name),
                id=f"winwin-{name}",
                soft_wrap=True,
                read_only=self.read_only,
            )
            area.border_title = self.translate(f"winwin.{name}")
            yield area

    def show(self, winwin: WinWin, read_only: bool) -> None:
        """Fill the areas from the session (the editor ignores the echo of unchanged text)."""
        self.winwin, self.read_only = winwin, read_only  # for compose, if it has not run yet
        for area in self.query(TextArea):
            name = (area.id or "").removeprefix("winwin-")
            if area.text != getattr(winwin, name):
                area.load_text(getattr(winwin, name))
            area.read_only = read_only

    def focus(self, scroll_visible: bool = True) -> Self:
        """Focus the first area (once they are made, if this panel was only just mounted)."""
        areas = self.query(TextArea)
        if areas:
            areas.first().focus(scroll_visible)
        else:
            self.call_after_refresh(self.focus, scroll_visible)
        return self

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if event.text_area.id is None:
            return
        name = event.text_area.id.removeprefix("winwin-")
        self.post_message(self.Changed(name, event.text_area.text))
