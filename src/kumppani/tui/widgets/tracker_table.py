"""Provides the actions tracker's table and its filter: one row per tracked action.

``TrackerFilter`` holds what the user chose (status, party, owner, overdue,
text) and decides which actions show; ``TrackerTable`` (a line-API
``DataTable``, fast with thousands of rows) shows them: title, status and due
date (``!`` and red when overdue), responsible parties, owner and the file of
the session the state comes from. Every cell is literal text (``Text``), never markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rich.text import Text
from textual.widgets import DataTable

from kumppani.config import Config
from kumppani.i18n import Translator
from kumppani.textsafe import one_line
from kumppani.tracker import OPEN, STATUS_CHOICES, ActionFilter, TrackedAction

STATUS_CYCLE: tuple[str, ...] = ("", *STATUS_CHOICES)
"""What ``s`` steps through: any status, open ones, then each status."""
COLUMNS: tuple[str, ...] = ("title", "status", "due", "responsible", "owner", "session")
OVERDUE_STYLE = "bold red"


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


class TrackerTable(DataTable[Text]):
    """The tracked actions, one row each; the row key is the action's place in ``items``."""

    def __init__(self, translate: Translator, config: Config, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.translate = translate
        self.config = config
        self.shown: list[TrackedAction] = []

    def on_mount(self) -> None:
        for key in COLUMNS:
            self.add_column(self.translate(f"tracker.col_{key}"), key=key)

    def show(self, items: list[TrackedAction], today: dt.date) -> None:
        """Replace the rows with ``items``, keeping the cursor on the same action if shown."""
        current = self.current
        self.clear()
        self.shown = items
        for index, item in enumerate(items):
            self.add_row(*self._cells(item, today), key=str(index))
        if current is not None and current in items:
            self.move_cursor(row=items.index(current), animate=False)

    @property
    def current(self) -> TrackedAction | None:
        """The action under the cursor."""
        if not self.row_count or not 0 <= self.cursor_row < len(self.shown):
            return None
        return self.shown[self.cursor_row]

    def _responsible(self, bodies: tuple[str, ...]) -> str:
        language = self.translate.language
        known = set(self.config.parties)
        return ", ".join(
            self.config.party_label(body, language) if body in known else body for body in bodies
        )

    def _cells(self, item: TrackedAction, today: dt.date) -> list[Text]:
        action = item.action
        late = item.is_overdue(today)
        status = self.translate(f"action_status.{action.status.value}")
        style = OVERDUE_STYLE if late else ""
        return [
            Text(one_line(action.title, 36)),
            Text(f"{status} !" if late else status, style=style),
            Text(action.due.isoformat() if action.due else "", style=style),
            Text(one_line(self._responsible(action.responsible), 26)),
            Text(one_line(action.owner, 24)),
            Text(one_line(item.session.path.name, 48)),
        ]
