"""Provides the save indicator: saved, unsaved, saving, failed with the reason, read-only.

``journal``: the file is fine but the recovery journal is not where it should be
(beside the file, or only in memory); the reason says where the changes are.

A change of state costs one repaint of this line and nothing more (issue 14:
it happens at every autosave, while the user types). The colours are component
styles picked in ``render``, not CSS classes, because a class change restyles the
node (2–6 ms on the event loop); and the everyday states (saved, unsaved,
saving) take the width of the widest of them, padded on the left, because a
change of width lays out the whole screen.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from kumppani.text.i18n import Translator

MARKS = {
    "saved": "✓",
    "dirty": "●",
    "saving": "…",
    "failed": "✗",
    "read_only": "🔒",
    "conflict": "⚠",
    "journal": "⚠",
}
STEADY = ("saved", "dirty", "saving")
"""The states an autosave goes through: shown at one width, so the screen keeps its layout."""


class SaveIndicator(Widget):
    """One line telling whether what is on screen is also on disk."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"save-indicator--{state}" for state in MARKS}
    DEFAULT_CSS = """
    SaveIndicator { width: auto; height: 1; }
    SaveIndicator > .save-indicator--saved { color: $success; }
    SaveIndicator > .save-indicator--dirty { color: $warning; }
    SaveIndicator > .save-indicator--saving { color: $warning; }
    SaveIndicator > .save-indicator--failed { background: $error; color: $text; text-style: bold; }
    SaveIndicator > .save-indicator--read_only { color: $text-muted; text-style: bold; }
    SaveIndicator > .save-indicator--conflict {
        background: $warning; color: $text; text-style: bold;
    }
    SaveIndicator > .save-indicator--journal {
        background: $error; color: $text; text-style: bold;
    }
    """

    def __init__(self, translate: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.translate = translate
        self.state = "saved"
        self.reason = ""

    def show(self, state: str, reason: str = "") -> None:
        """Show ``state`` (``saved``, ``dirty``, ``saving``, ``failed``, ``read_only`` …)."""
        before = self.render().cell_len
        self.state, self.reason = state, reason
        self.refresh(layout=self.render().cell_len != before)

    @property
    def label(self) -> str:
        """The words shown."""
        return self.translate(f"save.{self.state}", reason=self.reason)

    def _words(self, state: str, label: str) -> str:
        return f" {MARKS.get(state, '')} {label} "

    def render(self) -> Text:
        words = self._words(self.state, self.label)
        width = cell_len(words)
        if self.state in STEADY:
            steady = (self._words(state, self.translate(f"save.{state}")) for state in STEADY)
            width = max(width, *(cell_len(each) for each in steady))
        style = self.get_component_rich_style(f"save-indicator--{self.state}")
        return Text.assemble(" " * (width - cell_len(words)), (words, style), no_wrap=True)
