"""Provides the sessions of a folder as table rows: from the library scan, broken files too.

A ``SessionEntry`` is one file as the home screen lists it: a session summary
from ``kumppani.library.scan_folder``, or a file that failed to load with its
located error (file:line, field). A sync client's conflict copy
(``library.sync_copies``) is listed right under its original, its title
indented with an arrow and its status column saying what it is.
``SessionTable`` shows the entries, all text literal (control characters
stripped); a broken file's row says where it is broken (file:line · field) in
place of a title.

The table is a ``LineTable`` (line API): it is the home screen's main widget,
and a ``DataTable`` there cost the first frame of every start-up its imports,
CSS and component styles, and measured every cell of every row on each
filter change. The title takes the width the other columns leave.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.style import Style
from textual.message import Message

from kumppani.errors import SessionFileError
from kumppani.session.vocabulary import SessionStatus
from kumppani.settings.config import Config
from kumppani.text.i18n import Translator
from kumppani.tui.widgets.tables.line_table import LineTable

if TYPE_CHECKING:
    from kumppani.library import SessionSummary

COLUMNS: tuple[str, ...] = ("title", "date", "status", "parties")
DATE_WIDTH = 10
PARTIES_WIDTH = 30


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
    copy_of: Path | None = None
    """For a sync client's conflict copy: the original it was copied from."""

    @classmethod
    def of(cls, summary: SessionSummary, copy_of: Path | None = None) -> SessionEntry:
        """The entry of a session that loaded (a conflict copy of ``copy_of``, if given)."""
        return cls(summary.path, summary.title, summary=summary, copy_of=copy_of)

    @classmethod
    def broken(cls, error: SessionFileError, language: str = "fi") -> SessionEntry:
        """The entry of a file that failed to load."""
        path = error.path or Path("?")
        where = path.name + (f":{error.line}" if error.line is not None else "")
        if error.field:
            where += f" · {error.field}"
        return cls(path, path.name, error=error.describe(language), where=where)

    @property
    def date(self) -> dt.date | None:
        """The session's date, if it has one."""
        return self.summary.date if self.summary else None

    @property
    def status(self) -> str:
        """The session's status value (empty for a broken file)."""
        return self.summary.status.value if self.summary else ""


class SessionTable(LineTable[SessionEntry]):
    """The sessions, one row each, keyed by file path."""

    DEFAULT_CSS = """
    SessionTable > .session-table--broken { color: $error; }
    SessionTable > .session-table--copy { color: $warning; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"session-table--broken", "session-table--copy"}
    FIRST_MIN = 36
    SHRINKS: ClassVar[dict[str, int]] = {"parties": 10}
    """On a narrow terminal (80 columns) the parties shrink before they go."""

    @dataclass
    class Selected(Message):
        """Enter on a row: the session under the cursor."""

        entry: SessionEntry

    def __init__(self, translate: Translator, config: Config, *, id: str | None = None) -> None:
        headers = {key: translate(f"home.{key}") for key in COLUMNS}
        # Minutes changed after approval show in the short words that fit the column.
        statuses = [translate(f"session_status.{status}") for status in SessionStatus]
        statuses.append(translate("session_status.changed_short"))
        marks = [translate("home.broken"), translate("home.sync_copy"), headers["status"]]
        status_width = max(map(cell_len, [*statuses, *marks]))
        widths = {"date": DATE_WIDTH, "status": status_width, "parties": PARTIES_WIDTH}
        super().__init__(tuple((key, widths.get(key, 0)) for key in COLUMNS), headers, id=id)
        self.translate = translate
        self.config = config

    @property
    def entries(self) -> dict[str, SessionEntry]:
        """The entries shown, by file path, in the order shown."""
        return {str(entry.path): entry for entry in self.shown}

    def show(self, entries: list[SessionEntry]) -> None:
        """Show ``entries``, keeping the cursor on the same file if it is still shown."""
        self.show_rows(entries)

    def move_to_path(self, path: Path) -> bool:
        """Put the cursor on the file at ``path``; False if it is not shown."""
        return self.move_to(str(path))

    def key(self, item: SessionEntry) -> object:
        return str(item.path)

    def selected(self, item: SessionEntry) -> Message:
        return self.Selected(item)

    def cells(self, item: SessionEntry) -> dict[str, str]:
        """The texts of one row, by column key; a broken file's says where it is broken."""
        summary = item.summary
        if summary is None:
            return {"title": item.where, "status": self.translate("home.broken")}
        language = self.translate.language
        parties = ", ".join(self.config.party_label(party, language) for party in summary.parties)
        if item.copy_of is not None:  # right under its original: marked as what it is
            title = f"↳ {summary.title}"
            status = self.translate("home.sync_copy")
        else:
            title = summary.title
            status = self.translate(f"session_status.{_short(summary.shown_status)}")
        return {
            "title": title,
            "date": summary.date.isoformat() if summary.date else "",
            "status": status,
            "parties": parties,
        }

    def accents(self, item: SessionEntry, on_cursor: bool) -> dict[str, Style]:
        """A broken file's row: where in red, the status in bold red (bold on the cursor).

        A conflict copy's status is in the warning colour (bold on the cursor).
        """
        if item.copy_of is not None:
            if on_cursor:
                return {"status": Style(bold=True)}
            return {
                "status": Style(color=self.get_component_rich_style("session-table--copy").color)
            }
        if item.summary is not None:
            return {}
        red = Style(color=self.get_component_rich_style("session-table--broken").color)
        if on_cursor:
            return {"status": Style(bold=True)}
        return {"title": red, "status": red + Style(bold=True)}


def _short(status: str) -> str:
    """The catalog key of a status in the column: ``changed`` has a short form."""
    return "changed_short" if status == "changed" else status
