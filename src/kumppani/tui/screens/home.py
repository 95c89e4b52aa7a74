"""Provides the home screen: the library of the sessions folder; open, review, approve, export.

The folder is read with ``kumppani.library.scan_folder`` in a worker thread
(parallel the first time, from the index cache afterwards), with the progress
shown ("Luetaan 340/1000") and the screen usable meanwhile. The list sorts by
date, title or status (``s`` cycles, ``S`` reverses) and filters by text,
date range, series, party and status from the filter bar (``/`` focuses it,
Tab moves between its fields, Esc clears a field, Enter goes back to the
list). A file that fails to load is listed as broken with its file:line and
field; it opens only to show its error, never for editing or review.

Keys on the list: Enter opens for editing, ``r`` opens in review mode, ``h``
(hyväksy) approves the minutes, ``n`` starts a new session, ``e`` writes the minutes
as ``<file>.md``, ``d``/Delete moves the file into ``.trash/`` after asking.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, ProgressBar, Select, Static

from kumppani import paths
from kumppani.config import Config
from kumppani.errors import KumppaniError
from kumppani.i18n import Translator
from kumppani.library import scan_folder
from kumppani.library_view import (
    SORT_KEYS,
    LibraryFilter,
    filter_summaries,
    parse_day,
    sort_summaries,
)
from kumppani.model import Session
from kumppani.storage import load_session, save_session, write_atomic
from kumppani.tui.bindings import HOME_BINDINGS, HOME_FILTER_BINDINGS, localize
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.dialogs.error import ErrorDialog
from kumppani.tui.messages import OpenSession
from kumppani.tui.screens.followup import start_followup
from kumppani.tui.screens.timeline import TimelineScreen
from kumppani.tui.screens.tracker import TrackerScreen
from kumppani.tui.widgets.session_table import SessionEntry, SessionTable
from kumppani.vocabulary import SessionStatus

TRASH = ".trash"
"""The folder inside the sessions folder where deleted sessions go."""

DATE_FIELDS = ("since", "until")


class FilterInput(Input):
    """A field of the filter bar: Esc clears it, Enter or ↓ goes back to the list."""

    BINDINGS = HOME_FILTER_BINDINGS  # type: ignore[assignment]

    def action_clear(self) -> None:
        self.value = ""
        self.screen.query_one(SessionTable).focus()

    def action_leave(self) -> None:
        self.screen.query_one(SessionTable).focus()


class HomeScreen(Screen[None]):
    """The library of sessions."""

    BINDINGS = HOME_BINDINGS  # type: ignore[assignment]

    DEFAULT_CSS = """
    HomeScreen #filter-bar { height: 1; margin-bottom: 1; }
    HomeScreen #filter-bar Input { width: 1fr; margin-right: 1; }
    HomeScreen #filter-bar #filter { width: 3fr; }
    HomeScreen #filter-bar Select { width: 1fr; height: 1; margin-right: 1; }
    HomeScreen #filter-bar Input.-invalid { color: $error; }
    HomeScreen #scan-line { height: 1; }
    HomeScreen #scan-progress { width: auto; display: none; }
    HomeScreen #scan-progress.-scanning { display: block; }
    HomeScreen #home-status { width: 1fr; padding: 0 1; }
    """

    def __init__(self, folder: Path, config: Config, translate: Translator) -> None:
        super().__init__(id="home")
        self.folder = folder
        self.config = config
        self.translate = translate
        self.all_entries: list[SessionEntry] = []
        """Every session that loaded, in file order."""
        self.broken_entries: list[SessionEntry] = []
        """Every file that failed to load."""
        self.sort_key = "date"
        self.reverse = False
        self.scanning = False
        localize(self, translate)

    def compose(self) -> ComposeResult:
        translate = self.translate
        yield Header()
        with Horizontal(id="filter-bar"):
            yield self._field("filter", translate("library.text"))
            yield self._field("since", translate("library.since"))
            yield self._field("until", translate("library.until"))
            yield self._field("series", translate("library.series"))
            language = translate.language
            parties = [
                (Text(self.config.party_label(key, language)), key) for key in self.config.parties
            ]
            yield Select[str](parties, prompt=translate("library.party"), id="party", compact=True)
            statuses = [
                (Text(translate(f"session_status.{status}")), status.value)
                for status in SessionStatus
            ]
            yield Select[str](
                statuses, prompt=translate("library.status"), id="status", compact=True
            )
        yield SessionTable(translate, self.config, id="sessions")
        with Horizontal(id="scan-line"):
            yield ProgressBar(id="scan-progress", show_eta=False)
            yield Static(translate("home.loading"), id="home-status", markup=False)
        yield Footer()

    def _field(self, name: str, placeholder: str) -> FilterInput:
        field = FilterInput(placeholder=placeholder, id=name, compact=True)
        localize(field, self.translate)
        return field

    def on_mount(self) -> None:
        self.sub_title = self.translate("app.sessions")
        self.query_one(SessionTable).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        # The resume that comes with the first push finds on_mount's scan under way.
        if not self.scanning:
            self.reload()

    # -- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the folder again, in a worker thread (from the index cache where it can)."""
        self.scanning = True
        self.query_one("#scan-progress", ProgressBar).add_class("-scanning")
        self._scan()

    @work(thread=True, exclusive=True, group="scan")
    def _scan(self) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        if not self.folder.is_dir():
            self.app.call_from_thread(self._loaded, [], [])
            return
        result = scan_folder(self.folder, progress=progress)
        entries = [SessionEntry.of(summary) for summary in result.summaries]
        broken = [SessionEntry.broken(error) for error in result.errors]
        self.app.call_from_thread(self._loaded, entries, broken)

    @property
    def _gone(self) -> bool:
        """Whether the screen was closed (a change of language) while its scan ran.

        A popped screen can still be attached for a moment while its widgets are
        removed, so being in the screen stack is what counts.
        """
        return not self.is_attached or self not in self.app.screen_stack

    def _progress(self, done: int, total: int) -> None:
        if self._gone:
            return
        self.query_one("#scan-progress", ProgressBar).update(total=total, progress=done)
        reading = self.translate("library.reading", done=done, total=total)
        self.query_one("#home-status", Static).update(reading)

    def _loaded(self, entries: list[SessionEntry], broken: list[SessionEntry]) -> None:
        if self._gone:
            return
        self.scanning = False
        self.query_one("#scan-progress", ProgressBar).remove_class("-scanning")
        self.all_entries = entries
        self.broken_entries = broken
        self._apply_filter()

    # -- filtering and sorting ---------------------------------------------------------------
    def current_filter(self) -> LibraryFilter:
        """What the filter bar asks for; a date that does not parse is marked and ignored."""
        days = {}
        for name in DATE_FIELDS:
            field = self.query_one(f"#{name}", Input)
            try:
                days[name] = parse_day(field.value)
                field.remove_class("-invalid")
            except ValueError:
                days[name] = None
                field.add_class("-invalid")
        party = self.query_one("#party", Select).value
        status = self.query_one("#status", Select).value
        return LibraryFilter(
            text=self.query_one("#filter", Input).value,
            since=days["since"],
            until=days["until"],
            series=self.query_one("#series", Input).value,
            party=party if isinstance(party, str) else "",
            status=status if isinstance(status, str) else "",
        )

    def _apply_filter(self) -> None:
        wanted = self.current_filter()
        summaries = [entry.summary for entry in self.all_entries if entry.summary is not None]
        found = sort_summaries(
            filter_summaries(summaries, wanted), self.sort_key, reverse=self.reverse
        )
        shown = [SessionEntry.of(summary) for summary in found]
        # Broken files stay in sight (they need fixing) unless a filter other than text is on.
        needle = wanted.text.strip().casefold()
        if LibraryFilter(text=wanted.text) == wanted:
            shown += [e for e in self.broken_entries if needle in e.path.name.casefold()]
        self.query_one(SessionTable).show(shown)
        self._show_status(len(shown))

    def _show_status(self, shown: int) -> None:
        if self.scanning:
            return
        total = len(self.all_entries) + len(self.broken_entries)
        parts = [self.translate("library.count", shown=shown, total=total)]
        if self.broken_entries:
            parts.append(self.translate("library.broken_count", count=len(self.broken_entries)))
        arrow = "↑" if self.reverse else "↓"
        key = self.translate(f"library.sort_key.{self.sort_key}")
        parts.append(self.translate("library.sort", key=f"{key} {arrow}"))
        if any(self.query_one(f"#{name}", Input).has_class("-invalid") for name in DATE_FIELDS):
            parts.append(self.translate("library.bad_date"))
        parts.append(self.translate("library.folder", folder=self.folder))
        self.query_one("#home-status", Static).update(" · ".join(parts))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._apply_filter()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._apply_filter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(SessionTable).focus()

    def action_sort(self) -> None:
        """``s``: the next order (date → title → status)."""
        index = SORT_KEYS.index(self.sort_key) if self.sort_key in SORT_KEYS else -1
        self.sort_key = SORT_KEYS[(index + 1) % len(SORT_KEYS)]
        self._apply_filter()

    def action_reverse(self) -> None:
        """``S``: the same order the other way round."""
        self.reverse = not self.reverse
        self._apply_filter()

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

    def _show_broken(self, entry: SessionEntry) -> None:
        self.app.push_screen(
            ErrorDialog(
                self.translate("dialog.error_title"),
                self.translate("library.broken_edit"),
                entry.error or "",
                self.translate("dialog.ok"),
            )
        )

    def action_open(self, read_only: bool = False) -> None:
        entry = self.current
        if entry is None:
            return
        if entry.error is not None:
            self._show_broken(entry)
            return
        self.post_message(OpenSession(entry.path, read_only))

    def action_open_read_only(self) -> None:
        """``r``: the session under the cursor in review mode (read-only, no lock, no saves)."""
        entry = self.current
        if entry is None:
            return
        if entry.error is not None:
            self._show_broken(entry)
            return
        from kumppani.tui.screens.review_open import open_review

        open_review(self.app, entry.path)  # type: ignore[arg-type]

    def action_approve(self) -> None:
        """``a``: approve the minutes of the session under the cursor (asks who)."""
        entry = self.current
        if entry is None:
            return
        if entry.error is not None:
            self._show_broken(entry)
            return
        from kumppani.tui.screens.review_approval import approve_entry

        approve_entry(self.app, entry.path, self.translate, self.reload)

    def action_export(self) -> None:
        entry = self.current
        if entry is not None and entry.error is None:
            self._export(entry.path)

    @work(thread=True, group="export")
    def _export(self, path: Path) -> None:
        from kumppani.minutes import render_minutes  # not needed at start-up

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
        from kumppani.tui.screens.setup import SetupScreen  # a form: only when shown

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
