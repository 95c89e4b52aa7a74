"""Provides ``FilterHint``: the filter bar's field names, drawn in its place at start-up.

The real fields (``kumppani.tui.widgets.forms.filter_bar``) are Textual ``Input``
and ``Select`` widgets and pull in the library's filters; they are mounted
just after the home screen's first frame. Until then one line of plain
labels, spaced as the fields are, stands where they will be.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from kumppani.text.i18n import Translator
from kumppani.text.safe import pad, truncate

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


WEIGHTS = (3, 1, 1, 1, 1, 1)
"""The widths of the fields relative to each other, as the filter bar lays them out."""


def hint_line(labels: list[str], width: int, lists: int = len(CHOICES)) -> str:
    """``labels`` spread over ``width`` cells as the fields are: a share each, a gap after.

    The last ``lists`` labels are lists: their cell ends in ▼, as a closed list does.
    """
    room = max(0, width - len(labels))  # one cell of margin after each field
    total = sum(WEIGHTS[: len(labels)])
    sizes = [room * WEIGHTS[index] // total for index in range(len(labels))]
    sizes[-1] += room - sum(sizes)  # as Textual lays out fractions: the rest goes last
    cells: list[str] = []
    for index, (label, size) in enumerate(zip(labels, sizes, strict=True)):
        if index >= len(labels) - lists and size >= 4:
            cells.append(pad(truncate(" " + label, size - 3), size - 2) + "▼  ")
        else:
            cells.append(pad(truncate(" " + label, size), size) + " ")
    return "".join(cells)


class FilterHint(Widget):
    """The names of the filter fields, where the fields will be: one line, one widget.

    Six labels in a row of their own would be seven widgets to mount, style and
    draw before the first frame; they are shown for a fraction of a second.
    """

    DEFAULT_CSS = """
    FilterHint { height: 1; margin-bottom: 1; color: $text-muted; }
    """

    def __init__(self, translate: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels = [translate(PLACEHOLDERS[name]) for name in FIELDS]
        self.labels += [translate(prompt) for prompt in CHOICES.values()]

    def render(self) -> Content:
        return Content(hint_line(self.labels, self.size.width))
