"""Provides ``FilterHint``: the filter bar's field names, drawn in its place at start-up.

The real fields (``kumppani.tui.widgets.filter_bar``) are Textual ``Input``
and ``Select`` widgets and pull in the library's filters; they are mounted
just after the home screen's first frame. Until then this row of plain
labels, laid out as the fields are, stands where they will be.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from kumppani.i18n import Translator

FIELDS = ("filter", "since", "until", "series")
"""The text fields of the filter bar, in order (their widget ids)."""
PLACEHOLDERS = {
    "filter": "library.text",
    "since": "library.since",
    "until": "library.until",
    "series": "library.series",
}
CHOICES = {"party": "library.party", "status": "library.status"}
"""The two lists of the filter bar and their prompts."""


class FilterHint(Horizontal):
    """The names of the filter fields, where the fields will be."""

    DEFAULT_CSS = """
    FilterHint { height: 1; margin-bottom: 1; }
    FilterHint Static { width: 1fr; margin-right: 1; padding: 0 1; color: $text-muted; }
    FilterHint #hint-filter { width: 3fr; }
    """

    def __init__(self, translate: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.translate = translate

    def compose(self) -> ComposeResult:
        for name in FIELDS:
            yield Static(self.translate(PLACEHOLDERS[name]), id=f"hint-{name}", markup=False)
        for name, prompt in CHOICES.items():
            yield Static(self.translate(prompt) + " ▼", id=f"hint-{name}", markup=False)
