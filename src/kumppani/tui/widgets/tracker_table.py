"""Provides the actions tracker's table and its filter: one row per tracked action.

``TrackerFilter`` holds what the user chose (status, party, owner, overdue,
text) and decides which actions show; ``TrackerTable`` shows them: title,
status and due date (``!`` and red when overdue), responsible parties, owner
and the file of the session the state comes from.

The table is a line-API widget (``ScrollView.render_line``): it draws only
the rows on screen, so a folder with thousands of actions is filtered and
shown at once; a ``DataTable`` measured every cell of every row on each
filter change. Columns have fixed widths, the title takes what is left, and
columns that do not fit are left out from the right. Every cell is literal
text, never markup. Enter posts ``TrackerTable.Selected``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kumppani.config import Config
from kumppani.i18n import Translator
from kumppani.textsafe import one_line, pad, truncate
from kumppani.tracker import OPEN, STATUS_CHOICES, ActionFilter, TrackedAction

STATUS_CYCLE: tuple[str, ...] = ("", *STATUS_CHOICES)
"""What ``s`` steps through: any status, open ones, then each status."""
COLUMNS: tuple[tuple[str, int], ...] = (
    ("title", 0),
    ("status", 13),
    ("due", 10),
    ("responsible", 24),
    ("owner", 22),
    ("session", 40),
)
"""Column keys and widths; the title (0) takes the width that is left."""
TITLE_MIN = 22
GAP = 2


def _fold(text: str) -> str:
    return text.casefold()


@dataclass(frozen=True)
class TrackerFilter:
    """The tracker's filters; empty values mean "any"."""

    status: str = ""
    """A status value, ``open``, or ``""``."""
    party: str = ""
    """A party key or a responsible organisation."""
    owner: str = ""
    """An owner's name exactly as stated (case does not matter)."""
    overdue: bool = False
    text: str = ""
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def active(self) -> bool:
        """True when anything is filtered out."""
        return bool(self.status or self.party or self.owner or self.overdue or self.text.strip())

    def apply(self, items: list[TrackedAction]) -> list[TrackedAction]:
        """The items that pass every filter, in their order."""
        rule = ActionFilter(
            statuses=frozenset({self.status}) if self.status else frozenset(),
            party=self.party,
            overdue=self.overdue,
            today=self.today,
        )
        owner = _fold(self.owner.strip())
        needle = _fold(self.text.strip())
        return [
            item
            for item in items
            if rule.matches(item)
            and (not owner or _fold(item.action.owner.strip()) == owner)
            and (not needle or needle in _haystack(item))
        ]


def _haystack(item: TrackedAction) -> str:
    action = item.action
    parts = (action.title, action.owner, *action.responsible, item.session.title)
    return _fold("\n".join((*parts, item.session.path.name)))


def status_label(translate: Translator, status: str) -> str:
    """The label of a status filter value (``open`` too)."""
    if status == OPEN:
        return translate("tracker.open_statuses")
    return translate(f"action_status.{status}")


def fit_columns(width: int) -> list[tuple[str, int]]:
    """The columns that fit in ``width`` cells, the title widened to fill the rest."""
    columns = list(COLUMNS)
    while len(columns) > 2 and sum(w + GAP for _, w in columns[1:]) + TITLE_MIN > width:
        columns.pop()
    rest = width - sum(w + GAP for _, w in columns[1:])
    return [("title", max(TITLE_MIN, rest)), *columns[1:]]


class TrackerTable(ScrollView, can_focus=True):
    """The tracked actions, one line each, under a header line; only visible rows are drawn."""

    DEFAULT_CSS = """
    TrackerTable { background: $surface; }
    TrackerTable > .tracker-table--header { background: $panel; text-style: bold; }
    TrackerTable > .tracker-table--cursor { background: $primary 40%; }
    TrackerTable:focus > .tracker-table--cursor { background: $primary; color: $text; }
    TrackerTable > .tracker-table--overdue { color: $error; text-style: bold; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "tracker-table--header",
        "tracker-table--cursor",
        "tracker-table--overdue",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home,ctrl+home", "move(-1000000000)", show=False),
        Binding("end,ctrl+end", "move(1000000000)", show=False),
    ]

    cursor_row: reactive[int] = reactive(0)

    @dataclass
    class Selected(Message):
        """Enter on a row: the action under the cursor."""

        item: TrackedAction

    def __init__(self, translate: Translator, config: Config, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.translate = translate
        self.config = config
        self.shown: list[TrackedAction] = []
        self.today = dt.date.today()
        self._headers = {key: translate(f"tracker.col_{key}") for key, _ in COLUMNS}
        self._known = set(config.parties)

    # -- data --------------------------------------------------------------------------------
    def show(self, items: list[TrackedAction], today: dt.date) -> None:
        """Show ``items``, keeping the cursor on the same action if it is still shown."""
        current = self.current
        self.shown, self.today = items, today
        row = 0
        if current is not None:
            key = (current.session.path, current.action.id)
            row = next(
                (i for i, it in enumerate(items) if (it.session.path, it.action.id) == key), 0
            )
        self.virtual_size = Size(self.size.width, len(items) + 1)
        self.cursor_row = row
        self._scroll_to_cursor()
        self.refresh()

    @property
    def row_count(self) -> int:
        """How many rows are shown."""
        return len(self.shown)

    @property
    def current(self) -> TrackedAction | None:
        """The action under the cursor."""
        if not 0 <= self.cursor_row < len(self.shown):
            return None
        return self.shown[self.cursor_row]

    def cells(self, item: TrackedAction) -> dict[str, str]:
        """The texts of one row, by column key (one line each, safe for the terminal)."""
        action = item.action
        status = self.translate(f"action_status.{action.status.value}")
        language = self.translate.language
        responsible = ", ".join(
            self.config.party_label(body, language) if body in self._known else body
            for body in action.responsible
        )
        return {
            "title": action.title,
            "status": f"{status} !" if item.is_overdue(self.today) else status,
            "due": action.due.isoformat() if action.due else "",
            "responsible": responsible,
            "owner": action.owner,
            "session": item.session.path.name,
        }

    # -- drawing -----------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.size.width
        columns = fit_columns(width)
        if y == 0:
            style = self.get_component_rich_style("tracker-table--header")
            return self._strip(self._headers, columns, width, style, None)
        index = int(self.scroll_offset.y) + y - 1
        if not 0 <= index < len(self.shown):
            return Strip.blank(width, self.rich_style)
        item = self.shown[index]
        base = self.rich_style
        if index == self.cursor_row:
            base = base + self.get_component_rich_style("tracker-table--cursor")
        late = None
        if item.is_overdue(self.today):  # colour and weight only; on the cursor, weight only
            marked = self.get_component_rich_style("tracker-table--overdue")
            late = (
                Style(bold=True)
                if index == self.cursor_row
                else Style(color=marked.color, bold=True)
            )
        return self._strip(self.cells(item), columns, width, base, late)

    def _strip(
        self,
        texts: dict[str, str],
        columns: list[tuple[str, int]],
        width: int,
        style: Style,
        late: Style | None,
    ) -> Strip:
        segments = []
        for key, size in columns:
            text = pad(truncate(one_line(texts[key], show_breaks=False), size), size)
            cell_style = style + late if late is not None and key in ("status", "due") else style
            segments.append(Segment(text, cell_style))
            segments.append(Segment(" " * GAP, style))
        return Strip(segments).crop(0, width).extend_cell_length(width, style)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.shown) + 1)

    # -- moving ------------------------------------------------------------------------------
    def watch_cursor_row(self) -> None:
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        rows = max(1, self.size.height - 1)
        top = int(self.scroll_offset.y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + rows:
            self.scroll_to(y=self.cursor_row - rows + 1, animate=False)

    def action_move(self, delta: int) -> None:
        if self.shown:
            self.cursor_row = max(0, min(len(self.shown) - 1, self.cursor_row + delta))
            self._scroll_to_cursor()

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.size.height - 2))

    def action_select(self) -> None:
        item = self.current
        if item is not None:
            self.post_message(self.Selected(item))

    def on_click(self, event: events.Click) -> None:
        row = int(self.scroll_offset.y) + event.y - 1
        if event.y >= 1 and 0 <= row < len(self.shown):
            self.cursor_row = row
