"""Provides the save indicator: saved, unsaved, saving, failed with the reason, read-only.

``journal``: the file is fine but the recovery journal is not where it should be
(beside the file, or only in memory); the reason says where the changes are.
"""

from __future__ import annotations

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


class SaveIndicator(Widget):
    """One line telling whether what is on screen is also on disk."""

    DEFAULT_CSS = """
    SaveIndicator { width: auto; height: 1; padding: 0 1; }
    SaveIndicator.-saved { color: $success; }
    SaveIndicator.-dirty, SaveIndicator.-saving { color: $warning; }
    SaveIndicator.-failed { background: $error; color: $text; text-style: bold; }
    SaveIndicator.-read_only { color: $text-muted; text-style: bold; }
    SaveIndicator.-conflict { background: $warning; color: $text; text-style: bold; }
    SaveIndicator.-journal { background: $error; color: $text; text-style: bold; }
    """

    def __init__(self, translate: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.translate = translate
        self.state = "saved"
        self.reason = ""

    def show(self, state: str, reason: str = "") -> None:
        """Show ``state`` (``saved``, ``dirty``, ``saving``, ``failed``, ``read_only``)."""
        before = self.render().cell_len
        self.remove_class(f"-{self.state}")
        self.state, self.reason = state, reason
        self.add_class(f"-{state}")
        # Only a change of width lays the screen out again: "unsaved" to "saving" (the same
        # width in Finnish) at each autosave's start cost a keypress 25 ms with 1,000 notes.
        self.refresh(layout=self.render().cell_len != before)

    @property
    def label(self) -> str:
        """The words shown."""
        return self.translate(f"save.{self.state}", reason=self.reason)

    def render(self) -> Text:
        return Text(f"{MARKS.get(self.state, '')} {self.label}", no_wrap=True)
