"""Provides the sessions of a folder as table rows: from the library scan, broken files too.

A ``SessionEntry`` is one file as the home screen lists it: a session summary
from ``kumppani.library.scan_folder``, or a file that failed to load with its
located error (file:line, field). ``SessionTable`` shows the entries, all
text literal (``Text`` cells, control characters stripped); a broken file's
row says where it is broken (file:line · field) in place of a title.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from kumppani.config import Config
from kumppani.errors import SessionFileError
from kumppani.i18n import Translator
from kumppani.textsafe import one_line
from kumppani.tui.widgets.fitted_table import FittedTable

if TYPE_CHECKING:
    from kumppani.library import SessionSummary

COLUMNS: tuple[str, ...] = ("title", "date", "status", "parties")


@dataclass(frozen=True)
class SessionEntry:
    """One session file as the list shows it: a summary, or the error of a broken file."""

    path: Path
    title: str
    summary: SessionSummary | None = None
    error: str | None = None
    """The located error of a file that does not load (``file:line: field 'x': …``)."""
    where: str = ""
    """For a broken file: ``name:line`` and the field, short enough for a cell."""

    @classmethod
    def of(cls, summary: SessionSummary) -> SessionEntry:
        """The entry of a session that loaded."""
        return cls(summary.path, summary.title, summary=summary)

    @classmethod
    def broken(cls, error: SessionFileError) -> SessionEntry:
        """The entry of a file that failed to load."""
        path = error.path or Path("?")
        where = path.name + (f":{error.line}" if error.line is not None else "")
        if error.field:
            where += f" · {error.field}"
        return cls(path, path.name, error=str(error), where=where)

    @property
    def date(self) -> dt.date | None:
        """The session's date, if it has one."""
        return self.summary.date if self.summary else None

    @property
    def status(self) -> str:
        """The session's status value (empty for a broken file)."""
        return self.summary.status.value if self.summary else ""


class SessionTable(FittedTable[Text]):
    """The sessions, one row each, keyed by file path."""

    def __init__(self, translate: Translator, config: Config, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.translate = translate
        self.config = config
        self.entries: dict[str, SessionEntry] = {}

    def on_mount(self) -> None:
        for key in COLUMNS:
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
        summary = entry.summary
        if summary is None:
            broken = Text(self.translate("home.broken"), style="bold red")
            where = Text(one_line(entry.where, 48), style="red")
            return [where, Text(""), broken, Text("")]
        language = self.translate.language
        parties = ", ".join(self.config.party_label(party, language) for party in summary.parties)
        return [
            Text(one_line(summary.title, 36)),
            Text(summary.date.isoformat() if summary.date else ""),
            Text(self.translate(f"session_status.{summary.status}")),
            Text(one_line(parties, 24)),
        ]
