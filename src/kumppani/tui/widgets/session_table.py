"""Provides the sessions of a folder as table rows: scanned off the UI thread, filtered as typed.

``scan_sessions(folder)`` reads every ``*.toml`` (no Textual; the home screen
runs it in a worker thread). A file that does not load becomes a broken entry
carrying its located error (file:line: field). ``SessionTable`` shows the
entries newest first, all text literal.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.widgets import DataTable

from kumppani.config import Config
from kumppani.errors import KumppaniError
from kumppani.i18n import Translator
from kumppani.storage import load_session
from kumppani.textsafe import one_line


@dataclass(frozen=True)
class SessionEntry:
    """One session file as the list shows it."""

    path: Path
    title: str
    theme: str = ""
    venue: str = ""
    date: dt.date | None = None
    status: str = ""
    parties: tuple[tuple[str, int], ...] = ()
    modified: dt.datetime | None = None
    error: str | None = None

    @property
    def sort_key(self) -> tuple[str, str]:
        """Newest first: by the session's date, then by when it was last modified."""
        day = self.date.isoformat() if self.date else ""
        when = self.modified.isoformat() if self.modified else ""
        return (day or when[:10], when)

    def matches(self, text: str) -> bool:
        """True if ``text`` occurs in the title, theme, venue or file name."""
        needle = text.casefold().strip()
        haystack = f"{self.title}\n{self.theme}\n{self.venue}\n{self.path.name}".casefold()
        return not needle or needle in haystack


def read_entry(path: Path) -> SessionEntry:
    """The entry of one file; a broken file gives an entry with its error."""
    try:
        session = load_session(path)
    except KumppaniError as error:
        stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
        return SessionEntry(path, path.name, modified=stamp, error=str(error))
    parties = Counter(person.party for person in session.participants if person.party)
    return SessionEntry(
        path=path,
        title=session.title,
        theme=session.theme,
        venue=session.venue,
        date=session.date,
        status=str(session.status),
        parties=tuple(parties.items()),
        modified=session.modified,
    )


def scan_sessions(folder: Path) -> list[SessionEntry]:
    """Every session file in ``folder``, newest first (hidden and temporary files skipped)."""
    if not folder.is_dir():
        return []
    paths = [path for path in folder.glob("*.toml") if not path.name.startswith(".")]
    entries = [read_entry(path) for path in paths]
    return sorted(entries, key=lambda entry: entry.sort_key, reverse=True)


class SessionTable(DataTable[Text]):
    """The sessions, one row each, keyed by file path."""

    def __init__(self, translate: Translator, config: Config, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.translate = translate
        self.config = config
        self.entries: dict[str, SessionEntry] = {}

    def on_mount(self) -> None:
        for key in ("title", "date", "status", "parties", "modified"):
            self.add_column(self.translate(f"home.{key}"), key=key)

    def show(self, entries: list[SessionEntry]) -> None:
        """Replace the rows with ``entries``, keeping the cursor on the same file if shown."""
        current = self.current
        self.clear()
        self.entries = {str(entry.path): entry for entry in entries}
        for entry in entries:
            self.add_row(*self._cells(entry), key=str(entry.path))
        if current is not None and str(current.path) in self.entries:
            self.move_cursor(row=self.get_row_index(str(current.path)))

    @property
    def current(self) -> SessionEntry | None:
        """The entry under the cursor."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return self.entries.get(key or "")

    def _cells(self, entry: SessionEntry) -> list[Text]:
        language = self.translate.language
        if entry.error is not None:
            broken = Text(self.translate("home.broken"), style="bold red")
            modified = entry.modified.strftime("%Y-%m-%d %H:%M") if entry.modified else ""
            return [Text(one_line(entry.title, 40)), Text(""), broken, Text(""), Text(modified)]
        parties = " · ".join(
            f"{self.config.party_label(party, language)} {count}" for party, count in entry.parties
        )
        modified = entry.modified.strftime("%Y-%m-%d %H:%M") if entry.modified else ""
        return [
            Text(one_line(entry.title, 40)),
            Text(entry.date.isoformat() if entry.date else ""),
            Text(self.translate(f"session_status.{entry.status}")),
            Text(one_line(parties, 30)),
            Text(modified),
        ]
