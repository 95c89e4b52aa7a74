"""Provides the actions tracker's table and its filter: one row per tracked action.

``TrackerFilter`` holds what the user chose (status, party, owner, overdue,
text) and decides which actions show; ``TrackerTable`` shows them: title,
status and due date (``!`` and red when overdue), responsible parties, owner
and the file of the session the state comes from.

The table is a ``LineTable`` (``kumppani.tui.widgets.tables.line_table``): it draws
only the rows on screen, so a folder with thousands of actions is filtered
and shown at once; a ``DataTable`` measured every cell of every row on each
filter change. Columns have fixed widths, the title takes what is left, and
columns that do not fit are left out from the right. Every cell is literal
text, never markup. Enter posts ``TrackerTable.Selected``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from rich.style import Style
from textual.message import Message

from kumppani.library.tracker import OPEN, STATUS_CHOICES, ActionFilter, TrackedAction
from kumppani.session.bodies import BodyDirectory
from kumppani.settings.config import Config
from kumppani.text.i18n import Translator
from kumppani.tui.widgets.tables.line_table import LineTable

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


def _fold(text: str) -> str:
    return text.casefold()


@dataclass(frozen=True)
class TrackerFilter:
    """The tracker's filters; empty values mean "any"."""

    status: str = ""
    """A status value, ``open``, or ``""``."""
    party: str = ""
    """A party key or a responsible body (any of its names)."""
    owner: str = ""
    """An owner's name exactly as stated (case does not matter)."""
    overdue: bool = False
    text: str = ""
    today: dt.date = field(default_factory=dt.date.today)
    bodies: BodyDirectory = field(default_factory=BodyDirectory)
    """Which names mean the same body (the list of bodies)."""

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
            bodies=self.bodies,
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


class TrackerTable(LineTable[TrackedAction]):
    """The tracked actions, one line each, under a header line; only visible rows are drawn."""

    DEFAULT_CSS = """
    TrackerTable > .tracker-table--overdue { color: $error; text-style: bold; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"tracker-table--overdue"}

    @dataclass
    class Selected(Message):
        """Enter on a row: the action under the cursor."""

        item: TrackedAction

    def __init__(self, translate: Translator, config: Config, *, id: str | None = None) -> None:
        headers = {key: translate(f"tracker.col_{key}") for key, _ in COLUMNS}
        super().__init__(COLUMNS, headers, id=id)
        self.translate = translate
        self.config = config
        self.today = dt.date.today()
        self._known = set(config.parties)

    def show(self, items: list[TrackedAction], today: dt.date) -> None:
        """Show ``items``, keeping the cursor on the same action if it is still shown."""
        self.today = today
        self.show_rows(items)

    def key(self, item: TrackedAction) -> object:
        return (item.session.path, item.action.id)

    def selected(self, item: TrackedAction) -> Message:
        return self.Selected(item)

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

    def accents(self, item: TrackedAction, on_cursor: bool) -> dict[str, Style]:
        """An overdue action's status and due date: colour and weight; on the cursor, weight."""
        if not item.is_overdue(self.today):
            return {}
        marked = self.get_component_rich_style("tracker-table--overdue")
        late = Style(bold=True) if on_cursor else Style(color=marked.color, bold=True)
        return {"status": late, "due": late}
