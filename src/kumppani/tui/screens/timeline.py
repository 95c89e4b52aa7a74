"""Provides the series timeline: the sessions linked by "previous session", oldest first.

For the chosen session, its folder is scanned in a worker thread and the
sessions of its series (``kumppani.library.series_of``: linked through their
previous session, backwards and forwards) are listed by date: date, title,
status, approval, notes and open actions. The chosen session is marked and
under the cursor. Enter opens a session read-only; ``e`` opens it for
editing; ``i`` shows the series' indicators over time.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Static

from kumppani.library import SessionSummary
from kumppani.library.indicators import SeriesView, series_for_file
from kumppani.settings.config import Config
from kumppani.text.i18n import Translator
from kumppani.text.safe import one_line
from kumppani.tui.bindings import TIMELINE_BINDINGS, localize
from kumppani.tui.messages import OpenSession
from kumppani.tui.screens.indicators import IndicatorsScreen
from kumppani.tui.widgets.chrome.key_bar import KeyBar
from kumppani.tui.widgets.chrome.title_bar import TitleBar
from kumppani.tui.widgets.tables.fitted_table import FittedTable

COLUMNS: tuple[str, ...] = ("mark", "date", "title", "status", "notes", "actions", "approval")
CURRENT_MARK = "▶"


class TimelineTable(FittedTable[Text]):
    """The sessions of a series, one row each, oldest first."""

    def __init__(self, translate: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.translate = translate
        self.sessions: list[SessionSummary] = []

    def on_mount(self) -> None:
        for key in COLUMNS:
            self.add_column(self.translate(f"timeline.col_{key}"), key=key)

    def show(self, sessions: list[SessionSummary], current: SessionSummary | None) -> None:
        """Show ``sessions`` in order, the cursor on ``current``."""
        self.clear()
        self.sessions = sessions
        for index, summary in enumerate(sessions):
            self.add_row(*self._cells(summary, summary == current), key=str(index))
        if current in sessions:
            self.move_cursor(row=sessions.index(current), animate=False)

    @property
    def current(self) -> SessionSummary | None:
        """The session under the cursor."""
        if not self.row_count or not 0 <= self.cursor_row < len(self.sessions):
            return None
        return self.sessions[self.cursor_row]

    def _cells(self, summary: SessionSummary, chosen: bool) -> list[Text]:
        translate = self.translate
        approval = summary.approval
        approved = (
            translate("timeline.approved", by=one_line(approval.by, 30), on=approval.at.date())
            if approval is not None
            else translate("timeline.not_approved")
        )
        if summary.changed_after_approval:
            approved = translate("session_status.changed")
        actions = translate(
            "timeline.open_actions", open=summary.open_action_count, total=summary.action_count
        )
        style = "bold" if chosen else ""
        return [
            Text(CURRENT_MARK if chosen else "", style="bold"),
            Text(summary.date.isoformat() if summary.date else "", style=style),
            Text(one_line(summary.title, 46), style=style),
            Text(translate(f"session_status.{summary.shown_status}")),
            Text(str(summary.note_count), justify="right"),
            Text(actions, justify="right"),
            Text(approved),
        ]


class TimelineScreen(Screen[None]):
    """The series of one session as a dated timeline."""

    CSS_PATH = "timeline.tcss"

    BINDINGS = TIMELINE_BINDINGS

    def __init__(self, path: Path, config: Config, translate: Translator) -> None:
        super().__init__(id="timeline")
        self.path = path
        self.config = config
        self.translate = translate
        self.view: SeriesView | None = None
        # Set when a session or the indicators were opened from here: back from
        # them, the folder is read again (the session may have changed).
        self.opened = False
        localize(self, translate)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="timeline-heading", markup=False)
        yield TimelineTable(self.translate, id="timeline-table")
        yield Static(self.translate("timeline.loading"), id="timeline-status", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.translate("timeline.title")
        self.query_one(TimelineTable).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        # Not on the first resume, which comes with the push: on_mount already scans,
        # and a second scan racing the first could fill the table twice.
        if self.opened:
            self.opened = False
            self.reload()

    def reload(self) -> None:
        """Scan the folder again, in a worker thread."""
        self._scan()

    @work(thread=True, exclusive=True, group="timeline-scan")
    def _scan(self) -> None:
        view = series_for_file(self.path)
        self.app.call_from_thread(self._loaded, view)

    def _loaded(self, view: SeriesView) -> None:
        self.view = view
        self.query_one(TimelineTable).show(view.sessions, view.current)
        heading = self.query_one("#timeline-heading", Static)
        status = self.query_one("#timeline-status", Static)
        if view.current is None:
            heading.update(self.translate("timeline.not_found", file=self.path.name))
            status.update("")
            return
        first = view.sessions[0]
        heading.update(self.translate("timeline.heading", title=one_line(first.title, 80)))
        dated = [item.date for item in view.sessions if item.date is not None]
        span = f"{min(dated).isoformat()} – {max(dated).isoformat()}" if dated else ""
        text = self.translate("timeline.count", count=len(view.sessions), span=span)
        if view.broken:
            text += " · " + self.translate("tracker.broken", count=view.broken)
        status.update(text)

    @property
    def current(self) -> SessionSummary | None:
        """The session under the cursor."""
        return self.query_one(TimelineTable).current

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self, read_only: bool = True) -> None:
        summary = self.current
        if summary is not None:
            self.opened = True
            self.post_message(OpenSession(summary.path, read_only))

    def action_edit(self) -> None:
        self.action_open(read_only=False)

    def action_indicators(self) -> None:
        summary = self.current
        if summary is not None:
            self.opened = True
            self.app.push_screen(IndicatorsScreen(summary.path, self.config, self.translate))

    def action_reload(self) -> None:
        self.reload()

    def action_back(self) -> None:
        self.dismiss(None)
