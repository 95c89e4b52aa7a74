"""Provides ``LineTable``: a list of rows under a header line, drawn with Textual's line API.

Only the rows on screen are drawn (``ScrollView.render_line``), so a list of
thousands of rows is filled and filtered at once. A ``DataTable`` measures
every cell of every row when rows change and costs the home screen's first
frame its CSS, component styles and imports; the session list and the actions
tracker both use this instead.

Columns have fixed widths except the first, which takes what is left; columns
that do not fit are left out from the right. Every cell is literal text, one
line, control characters stripped: never markup. A subclass names its
columns and headers, gives the texts of a row (``cells``), a key that follows
a row across a refresh (``key``), optional accents for some cells
(``accents``), and the message Enter posts (``selected``). A click puts the
cursor on a row; a click on the row under the cursor is Enter.
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kumppani.text.safe import one_line, pad, truncate

Row = TypeVar("Row")
Columns = tuple[tuple[str, int], ...]
GAP = 2
"""Blank cells after each column."""


def fit_columns(
    columns: Columns, width: int, first_min: int, shrinks: dict[str, int] | None = None
) -> list[tuple[str, int]]:
    """The ``columns`` that fit in ``width`` cells, the first widened to fill the rest.

    The first column's width in ``columns`` is ignored; it gets at least
    ``first_min`` cells. Where that does not fit, the last column shrinks, down
    to its width in ``shrinks`` if it has one, and is otherwise left out; then
    the next (never the first two).
    """
    kept = list(columns)

    def fixed(part: list[tuple[str, int]]) -> int:
        return sum(w + GAP for _, w in part[1:])

    while len(kept) > 2 and fixed(kept) + first_min > width:
        key = kept[-1][0]
        room = width - first_min - fixed(kept[:-1]) - GAP
        if shrinks and key in shrinks and room >= shrinks[key]:
            kept[-1] = (key, room)
            break
        kept.pop()
    rest = width - fixed(kept)
    return [(kept[0][0], max(first_min, rest)), *kept[1:]]


class LineTable(ScrollView, Generic[Row], can_focus=True):
    """Rows of one item each, under a header line; the cursor is a row, Enter selects it."""

    DEFAULT_CSS = """
    LineTable { background: $surface; overflow-x: hidden; }
    LineTable > .line-table--header { background: $panel; text-style: bold; }
    LineTable > .line-table--cursor { background: $primary 40%; }
    LineTable:focus > .line-table--cursor { background: $primary; color: $text; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"line-table--header", "line-table--cursor"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home,ctrl+home", "move(-1000000000)", show=False),
        Binding("end,ctrl+end", "move(1000000000)", show=False),
    ]
    FIRST_MIN: ClassVar[int] = 22
    """The narrowest the first column gets before columns on the right give way."""
    SHRINKS: ClassVar[dict[str, int]] = {}
    """Columns that shrink, down to this width, before they are left out."""

    cursor_row: reactive[int] = reactive(0)

    def __init__(self, columns: Columns, headers: dict[str, str], *, id: str | None) -> None:
        super().__init__(id=id)
        self.columns = columns
        """Column keys and widths, left to right; the first one's width is what is left."""
        self.headers = headers
        """The header text of each column key."""
        self.shown: list[Row] = []
        """The rows, in the order shown."""
        self._base: Style | None = None
        self._columns: list[tuple[str, int]] = []

    # -- what a subclass gives ---------------------------------------------------------------
    def cells(self, item: Row) -> dict[str, str]:
        """The texts of one row, by column key."""
        raise NotImplementedError

    def key(self, item: Row) -> object:
        """What identifies ``item`` across a refresh (the cursor stays on it)."""
        raise NotImplementedError

    def accents(self, item: Row, on_cursor: bool) -> dict[str, Style]:
        """Styles added to some cells of ``item``'s row, by column key."""
        return {}

    def selected(self, item: Row) -> Message:
        """The message Enter posts for ``item``."""
        raise NotImplementedError

    # -- data --------------------------------------------------------------------------------
    def show_rows(self, items: list[Row]) -> None:
        """Show ``items``, keeping the cursor on the same row if it is still shown."""
        current = self.current
        self.shown = items
        row = 0
        if current is not None:
            row = self.index_of(self.key(current)) or 0
        self.virtual_size = Size(self._width, len(items) + 1)
        self.cursor_row = row
        self._scroll_to_cursor()
        self.refresh()

    @property
    def row_count(self) -> int:
        """How many rows are shown."""
        return len(self.shown)

    @property
    def current(self) -> Row | None:
        """The row under the cursor."""
        if not 0 <= self.cursor_row < len(self.shown):
            return None
        return self.shown[self.cursor_row]

    def index_of(self, key: object) -> int | None:
        """Where the row with ``key`` is shown, if it is."""
        return next((i for i, item in enumerate(self.shown) if self.key(item) == key), None)

    def move_to(self, key: object) -> bool:
        """Put the cursor on the row with ``key``; False if no such row is shown."""
        index = self.index_of(key)
        if index is None:
            return False
        self.cursor_row = index
        self._scroll_to_cursor()
        return True

    # -- drawing -----------------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's own style walks its ancestors each time it is asked for: once per
        # drawing of the visible lines is enough.
        self._base = self.rich_style
        self._columns = self._fit(self._width)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self._width
        base = self._base if self._base is not None else self.rich_style
        columns = self._columns or self._fit(width)
        if y == 0:
            style = self.get_component_rich_style("line-table--header")
            return self._strip(self.headers, columns, width, style, {})
        index = int(self.scroll_offset.y) + y - 1
        if not 0 <= index < len(self.shown):
            return Strip.blank(width, base)
        item = self.shown[index]
        on_cursor = index == self.cursor_row
        if on_cursor:
            base = base + self.get_component_rich_style("line-table--cursor")
        return self._strip(self.cells(item), columns, width, base, self.accents(item, on_cursor))

    def _strip(
        self,
        texts: dict[str, str],
        columns: list[tuple[str, int]],
        width: int,
        style: Style,
        accents: dict[str, Style],
    ) -> Strip:
        segments = []
        for key, size in columns:
            text = pad(truncate(one_line(texts.get(key, "")), size), size)
            accent = accents.get(key)
            segments.append(Segment(text, style + accent if accent is not None else style))
            segments.append(Segment(" " * GAP, style))
        return Strip(segments).crop(0, width).extend_cell_length(width, style)

    @property
    def _width(self) -> int:
        """The cells a row has: the widget's width less the scrollbar's, when it shows."""
        return self.scrollable_content_region.width

    def _fit(self, width: int) -> list[tuple[str, int]]:
        return fit_columns(self.columns, width, self.FIRST_MIN, self.SHRINKS)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self._width, len(self.shown) + 1)

    # -- moving ------------------------------------------------------------------------------
    def watch_cursor_row(self) -> None:
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        # Forced: just after the rows change, Textual may not yet know that the list
        # scrolls, and would skip the scroll.
        rows = max(1, self.scrollable_content_region.height - 1)
        top = int(self.scroll_offset.y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, force=True)
        elif self.cursor_row >= top + rows:
            self.scroll_to(y=self.cursor_row - rows + 1, animate=False, force=True)

    def action_move(self, delta: int) -> None:
        if self.shown:
            self.cursor_row = max(0, min(len(self.shown) - 1, self.cursor_row + delta))
            self._scroll_to_cursor()

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.scrollable_content_region.height - 2))

    def action_select(self) -> None:
        item = self.current
        if item is not None:
            self.post_message(self.selected(item))

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on a row; a click on the cursor's row selects it."""
        row = int(self.scroll_offset.y) + event.y - 1
        if event.y < 1 or not 0 <= row < len(self.shown):
            return
        if row == self.cursor_row:
            self.action_select()
        else:
            self.cursor_row = row
