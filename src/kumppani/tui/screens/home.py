"""Provides the home screen: the sessions of the folder, newest first; open, create, export, delete.

The list is read in a worker thread. ``/`` focuses the filter (title, theme,
venue); Enter or ↓ goes back to the list. Enter opens, ``r`` opens read-only,
``n`` starts a new session (the setup screen), ``e`` writes the minutes as
``<file>.md`` beside the session, ``d``/Delete moves the file into
``.trash/`` inside the folder after asking. A broken file opens only to show
its error.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from kumppani import paths
from kumppani.config import Config
from kumppani.errors import KumppaniError
from kumppani.i18n import Translator
from kumppani.minutes import render_minutes
from kumppani.model import Session
from kumppani.storage import load_session, save_session, write_atomic
from kumppani.tui.bindings import HOME_BINDINGS, HOME_FILTER_BINDINGS, localize
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.dialogs.error import ErrorDialog
from kumppani.tui.messages import OpenSession
from kumppani.tui.screens.followup import start_followup
from kumppani.tui.screens.setup import SetupScreen
from kumppani.tui.screens.timeline import TimelineScreen
from kumppani.tui.screens.tracker import TrackerScreen
from kumppani.tui.widgets.session_table import SessionEntry, SessionTable, scan_sessions

TRASH = ".trash"
"""The folder inside the sessions folder where deleted sessions go."""


class FilterInput(Input):
    """The filter line above the list."""

    BINDINGS = HOME_FILTER_BINDINGS  # type: ignore[assignment]

    def action_clear(self) -> None:
        self.value = ""
        self.screen.focus_next(SessionTable)

    def action_leave(self) -> None:
        self.screen.focus_next(SessionTable)


class HomeScreen(Screen[None]):
    """The list of sessions."""

    BINDINGS = HOME_BINDINGS  # type: ignore[assignment]

    def __init__(self, folder: Path, config: Config, translate: Translator) -> None:
        super().__init__(id="home")
        self.folder = folder
        self.config = config
        self.translate = translate
        self.all_entries: list[SessionEntry] = []
        localize(self, translate)

    def compose(self) -> ComposeResult:
        yield Header()
        filter_input = FilterInput(placeholder=self.translate("home.filter_placeholder"))
        filter_input.id = "filter"
        localize(filter_input, self.translate)
        yield filter_input
        yield SessionTable(self.translate, self.config, id="sessions")
        yield Static(self.translate("home.loading"), id="home-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.translate("app.sessions")
        self.query_one(SessionTable).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    # -- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the folder again, in a worker thread."""
        self._scan()

    @work(thread=True, exclusive=True, group="scan")
    def _scan(self) -> None:
        entries = scan_sessions(self.folder)
        self.app.call_from_thread(self._loaded, entries)

    def _loaded(self, entries: list[SessionEntry]) -> None:
        self.all_entries = entries
        self._apply_filter()

    def _apply_filter(self) -> None:
        text = self.query_one("#filter", Input).value
        shown = [entry for entry in self.all_entries if entry.matches(text)]
        self.query_one(SessionTable).show(shown)
        status = self.translate(
            "home.count", shown=len(shown), total=len(self.all_entries), folder=self.folder
        )
        self.query_one("#home-status", Static).update(status)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._apply_filter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(SessionTable).focus()

    # -- actions -----------------------------------------------------------------------------
    @property
    def current(self) -> SessionEntry | None:
        """The session under the cursor."""
        return self.query_one(SessionTable).current

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_reload(self) -> None:
        self.reload()

    def action_open(self, read_only: bool = False) -> None:
        entry = self.current
        if entry is None:
            return
        if entry.error is not None:
            self.app.push_screen(
                ErrorDialog(
                    self.translate("dialog.error_title"),
                    self.translate("home.broken_open"),
                    entry.error,
                    self.translate("dialog.ok"),
                )
            )
            return
        self.post_message(OpenSession(entry.path, read_only))

    def action_open_read_only(self) -> None:
        """``r``: the session under the cursor in review mode (read-only, no lock, no saves)."""
        entry = self.current
        if entry is None:
            return
        if entry.error is not None:
            self.action_open()
            return
        from kumppani.tui.screens.review_open import open_review

        open_review(self.app, entry.path)  # type: ignore[arg-type]

    def action_export(self) -> None:
        entry = self.current
        if entry is not None and entry.error is None:
            self._export(entry.path)

    @work(thread=True, group="export")
    def _export(self, path: Path) -> None:
        target = path.with_suffix(".md")
        try:
            text = render_minutes(load_session(path), self.translate.language)
            write_atomic(target, text.encode("utf-8"))
        except KumppaniError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        message = self.translate("home.exported", path=target)
        self.app.call_from_thread(self.notify, message, markup=False)

    def action_delete(self) -> None:
        entry = self.current
        if entry is None:
            return
        trash = self.folder / TRASH
        body = self.translate("home.delete_body", name=entry.path.name, trash=trash)
        dialog = ConfirmDialog(
            self.translate("home.delete_title"),
            body,
            self.translate("dialog.yes"),
            self.translate("dialog.no"),
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._move_to_trash(entry.path)

        self.app.push_screen(dialog, answered)

    def _move_to_trash(self, path: Path) -> None:
        trash = paths.ensure_dir(self.folder / TRASH)
        target = paths.unique_path(trash, path.name)
        try:
            path.rename(target)
        except OSError as error:
            self.notify(f"{path}: {error.strerror or error}", severity="error", markup=False)
            return
        self.notify(self.translate("home.deleted", path=target), markup=False)
        self.reload()

    def action_new(self) -> None:
        setup = SetupScreen(None, self.translate.language, self.config)
        self.app.push_screen(setup, self._create)

    def _create(self, session: Session | None) -> None:
        if session is None:
            return
        path = paths.unique_path(
            paths.ensure_dir(self.folder), paths.safe_filename(session.title, session.date)
        )
        try:
            save_session(session, path)
        except KumppaniError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.post_message(OpenSession(path))

    # -- follow-up across sessions (screens of their own) ------------------------------------
    def action_tracker(self) -> None:
        self.app.push_screen(TrackerScreen(self.folder, self.config, self.translate))

    def action_timeline(self) -> None:
        entry = self.current
        if entry is not None and entry.error is None:
            self.app.push_screen(TimelineScreen(entry.path, self.config, self.translate))

    def action_followup(self) -> None:
        entry = self.current
        if entry is not None and entry.error is None:
            start_followup(self, entry.path, self.translate)
