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
as ``<file>.md``, ``d``/Delete moves the file into ``.trash/`` after asking
(``tui.flows.folder_files``).

A sync client's conflict copy (Syncthing, Nextcloud, Dropbox, OneDrive:
``library.sync_copies``) is listed right under its original and marked; ``m``
merges it into the original after asking (``editing.merging.merge_into``, as
``kumppani merge`` does), and a clean merge moves the copy into ``.trash/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Static

from kumppani.errors import KumppaniError
from kumppani.settings.config import Config
from kumppani.text.i18n import Translator
from kumppani.tui.bindings import HOME_BINDINGS, localize
from kumppani.tui.widgets.chrome.key_bar import KeyBar
from kumppani.tui.widgets.chrome.title_bar import TitleBar
from kumppani.tui.widgets.forms.filter_hint import FilterHint
from kumppani.tui.widgets.tables.session_table import SessionEntry, SessionTable

if TYPE_CHECKING:
    from textual.widgets import Input, ProgressBar, Select

    from kumppani.library import ScanResult
    from kumppani.library.query import LibraryFilter
    from kumppani.session.model import Session
    from kumppani.tui.widgets.forms.filter_bar import FilterBar


def scan_folder(folder: Path, **options: Any) -> ScanResult:
    """``kumppani.library.scan_folder``, imported in the scan's thread on first use."""
    from kumppani.library import scan_folder as scan

    return scan(folder, **options)


class HomeScreen(Screen[None]):
    """The library of sessions."""

    BINDINGS = HOME_BINDINGS

    def __init__(self, folder: Path, config: Config, translate: Translator) -> None:
        super().__init__()
        self.folder = folder
        self.config = config
        self.translate = translate
        self.all_entries: list[SessionEntry] = []
        """Every session that loaded, in file order."""
        self.broken_entries: list[SessionEntry] = []
        """Every file that failed to load."""
        self.copies: dict[Path, list[Path]] = {}
        """The sync clients' conflict copies in the folder, under their originals."""
        self.sort_key = "date"
        self.reverse = False
        self.scanning = False
        self.filter_bar: FilterBar | None = None
        """The filter fields, once mounted (just after the first frame)."""
        self._focus_filter = False
        self.progress_bar: ProgressBar | None = None
        """Shown while a scan reports progress; made on its first report."""
        self._generation = 0
        """Counts the reads of the folder: only the latest one's results are shown."""
        localize(self, translate)

    def compose(self) -> ComposeResult:
        translate = self.translate
        yield TitleBar()
        # Start-up: the real fields (Input, Select) come just after the first frame.
        yield FilterHint(translate, id="filter-hint")
        yield SessionTable(translate, self.config, id="sessions")
        with Horizontal(id="scan-line"):
            yield Static(translate("home.loading"), id="home-status", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.translate("app.sessions")
        self.query_one(SessionTable).focus()
        # The first frame comes first: the folder is read and the filter fields are
        # made once it is on the terminal. The app's queue runs only once the app
        # is up (a frame painted before then is never written), and the screen's
        # callbacks after its next refresh: together, after the first real frame.
        self.scanning = True
        self.app.call_later(self.call_after_refresh, self._after_first_frame)

    async def _after_first_frame(self) -> None:
        if self._gone:
            return
        self.reload()
        await self._mount_filter_bar()

    async def _mount_filter_bar(self) -> None:
        from kumppani.tui.widgets.forms.filter_bar import FilterBar

        if self._gone or self.filter_bar is not None:
            return
        bar = FilterBar(self.translate, self.config, id="filter-bar")
        await self.mount(bar, before=self.query_one("#filter-hint"))
        await self.query_one("#filter-hint").remove()
        self.filter_bar = bar
        if self._focus_filter:
            self.action_filter()

    def on_screen_resume(self) -> None:
        # The resume that comes with the first push finds on_mount's scan under way.
        if not self.scanning:
            self.reload()

    # -- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the folder again, in a worker thread (from the index cache where it can)."""
        self.scanning = True
        self._generation += 1
        self._scan(self._generation)

    @work(thread=True, exclusive=True, group="scan")
    def _scan(self, generation: int) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, generation, done, total)

        if not self.folder.is_dir():
            self.app.call_from_thread(self._loaded, generation, [], [])
            return
        result = scan_folder(self.folder, progress=progress)
        entries = [SessionEntry.of(summary) for summary in result.summaries]
        language = self.translate.language
        broken = [SessionEntry.broken(error, language) for error in result.errors]
        self.app.call_from_thread(self._loaded, generation, entries, broken)

    @property
    def _gone(self) -> bool:
        """Whether the screen was closed (a change of language) while its scan ran.

        A popped screen can still be attached for a moment while its widgets are
        removed, so being in the screen stack is what counts.
        """
        return not self.is_attached or self not in self.app.screen_stack

    def _progress(self, generation: int, done: int, total: int) -> None:
        if self._gone or generation != self._generation:  # an older read, overtaken
            return
        if self.progress_bar is None:
            from textual.widgets import ProgressBar

            self.progress_bar = ProgressBar(id="scan-progress", show_eta=False)
            self.query_one("#scan-line").mount(self.progress_bar, before=0)
        self.progress_bar.display = True
        self.progress_bar.update(total=total, progress=done)
        self._status_line(self.translate("library.reading", done=done, total=total))

    def _loaded(
        self, generation: int, entries: list[SessionEntry], broken: list[SessionEntry]
    ) -> None:
        # A read overtaken by a newer one (the folder changed: a file deleted or merged)
        # may still finish in its thread: what it found is out of date.
        if self._gone or generation != self._generation:
            return
        self.scanning = False
        if self.progress_bar is not None:  # hidden, not removed: the next read shows it again
            self.progress_bar.display = False
        from kumppani.library.sync_copies import copies_by_original

        self.all_entries = entries
        self.broken_entries = broken
        self.copies = copies_by_original(entry.path for entry in entries)
        self._apply_filter()

    # -- filtering and sorting ---------------------------------------------------------------
    def current_filter(self) -> LibraryFilter:
        """What the filter bar asks for (nothing until it is mounted)."""
        from kumppani.library.query import LibraryFilter

        return self.filter_bar.current() if self.filter_bar is not None else LibraryFilter()

    def _apply_filter(self) -> None:
        from kumppani.library.query import LibraryFilter, filter_summaries, sort_summaries
        from kumppani.library.sync_copies import after_originals

        wanted = self.current_filter()
        summaries = [entry.summary for entry in self.all_entries if entry.summary is not None]
        found = sort_summaries(
            filter_summaries(summaries, wanted), self.sort_key, reverse=self.reverse
        )
        copy_of = {copy: original for original, listed in self.copies.items() for copy in listed}
        found = after_originals(found, self.copies)
        shown = [SessionEntry.of(summary, copy_of.get(summary.path)) for summary in found]
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
        if copies := sum(len(listed) for listed in self.copies.values()):
            parts.append(self.translate("home.sync_copies", count=copies))
        arrow = "↑" if self.reverse else "↓"
        key = self.translate(f"library.sort_key.{self.sort_key}")
        parts.append(self.translate("library.sort", key=f"{key} {arrow}"))
        if self.filter_bar is not None and self.filter_bar.has_bad_date:
            parts.append(self.translate("library.bad_date"))
        parts.append(self.translate("library.folder", folder=self.folder))
        self._status_line(" · ".join(parts))

    def _status_line(self, text: str) -> None:
        """The line under the list; none while the screen is taken down (the app quitting)."""
        for line in self.query("#home-status").results(Static):
            line.update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._apply_filter()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._apply_filter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(SessionTable).focus()

    def action_sort(self) -> None:
        """``s``: the next order (date → title → status)."""
        from kumppani.library.query import SORT_KEYS

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

    def on_session_table_selected(self, event: SessionTable.Selected) -> None:
        event.stop()
        self.action_open()

    def action_filter(self) -> None:
        if self.filter_bar is None:  # pressed in the moment before the bar is there
            self._focus_filter = True
            return
        self.filter_bar.query_one("#filter").focus()

    def action_reload(self) -> None:
        self.reload()

    def _show_broken(self, entry: SessionEntry) -> None:
        from kumppani.tui.dialogs.error import ErrorDialog

        self.app.push_screen(
            ErrorDialog(
                self.translate("dialog.error_title"),
                self.translate("library.broken_edit"),
                entry.error or "",
                self.translate("dialog.ok"),
            )
        )

    def _loadable(self) -> Path | None:
        """The file under the cursor, if it loads; a broken one shows its error instead."""
        entry = self.current
        if entry is not None and entry.error is not None:
            self._show_broken(entry)
            return None
        return entry.path if entry is not None else None

    def action_open(self, read_only: bool = False) -> None:
        if (path := self._loadable()) is not None:
            self._open(path, read_only)

    def _open(self, path: Path, read_only: bool = False) -> None:
        from kumppani.tui.messages import OpenSession

        self.post_message(OpenSession(path, read_only))

    def action_open_read_only(self) -> None:
        """``r``: the session under the cursor in review mode (read-only, no lock, no saves)."""
        if (path := self._loadable()) is not None:
            from kumppani.tui.screens.review.open import open_review

            open_review(self.app, path, self.config, self.translate)

    def action_approve(self) -> None:
        """``h``: approve the minutes of the session under the cursor (asks who)."""
        if (path := self._loadable()) is not None:
            from kumppani.tui.flows.approval import approve_entry

            approve_entry(self.app, path, self.translate, self.reload)

    def action_export(self) -> None:
        entry = self.current
        if entry is not None and entry.error is None:
            self._export(entry.path)

    @work(thread=True, group="export")
    def _export(self, path: Path) -> None:
        # not needed at start-up
        from kumppani.minutes.export import minutes_path, write_minutes
        from kumppani.storage.files import load_session

        target = minutes_path(path)
        try:
            write_minutes(load_session(path), target, source=path)
        except KumppaniError as error:
            said = error.describe(self.translate.language)
            self.app.call_from_thread(self.notify, said, severity="error", markup=False)
            return
        message = self.translate("home.exported", path=target)
        self.app.call_from_thread(self.notify, message, markup=False)

    def action_delete(self) -> None:
        """``d``/Delete: move the file under the cursor into ``.trash/`` (after asking)."""
        if (entry := self.current) is not None:
            from kumppani.tui.flows.folder_files import offer_delete

            offer_delete(self.app, entry.path, self.translate, self.reload)

    def action_merge_copy(self) -> None:
        """``m``: merge the conflict copy under the cursor into its original (after asking)."""
        entry = self.current
        if entry is None or entry.copy_of is None:
            self.notify(self.translate("home.not_a_copy"), markup=False)
            return
        from kumppani.tui.flows.folder_files import offer_merge

        offer_merge(self.app, entry.copy_of, entry.path, self.translate, self.reload)

    def action_new(self, draft: dict[str, Any] | None = None) -> None:
        """A new session; a draft left unfinished by a crash is filled into its form."""
        from kumppani.tui.screens.new_session import open_form  # a form: only when shown

        open_form(self.app, self.translate, self.config, self._create, draft)

    def _create(self, session: Session | None) -> None:
        if session is None:
            return
        from kumppani.storage.session_files import create_session_file

        try:
            path = create_session_file(session, folder=self.folder)
        except KumppaniError as error:
            self.notify(error.describe(self.translate.language), severity="error", markup=False)
            return
        self._open(path)

    # -- follow-up across sessions (screens of their own) ------------------------------------
    # Imported when first used: the home screen's first frame does not wait for them.
    def action_tracker(self) -> None:
        from kumppani.tui.screens.tracker import TrackerScreen

        self.app.push_screen(TrackerScreen(self.folder, self.config, self.translate))

    def action_timeline(self) -> None:
        entry = self.current
        if entry is not None and entry.error is None:
            from kumppani.tui.screens.timeline import TimelineScreen

            self.app.push_screen(TimelineScreen(entry.path, self.config, self.translate))

    def action_followup(self) -> None:
        entry = self.current
        if entry is not None and entry.error is None:
            from kumppani.tui.flows.followup import start_followup

            start_followup(self, entry.path, self.translate)
