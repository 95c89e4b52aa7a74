"""Provides the actions tracker: every action of the folder's sessions, in its latest state.

The folder is scanned in a worker thread (``kumppani.library.scan_folder``,
with its index cache; progress shows in the status line) and the actions are
gathered with ``kumppani.library.tracker.track_actions``: each action once, as the
latest session of its series states it. Keys filter the rows: ``s`` steps
through the statuses (open ones, then each), ``p`` picks a party or a responsible
body (the names of one body, as the list of bodies knows them, are one choice),
``o`` an owner, ``!`` keeps only overdue actions, ``/`` searches the text,
``c`` clears every filter. Enter opens the session the action's state comes
from (``r`` read-only); ``t`` shows that session's series as a timeline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Input, Static

from kumppani.library import scan_folder
from kumppani.library.tracker import TrackedAction, track_actions
from kumppani.settings.config import Config
from kumppani.text.i18n import Translator
from kumppani.tui.bindings import TRACKER_BINDINGS, TRACKER_FILTER_BINDINGS, localize
from kumppani.tui.messages import OpenSession
from kumppani.tui.screens.timeline import TimelineScreen
from kumppani.tui.widgets.chrome.key_bar import KeyBar
from kumppani.tui.widgets.chrome.title_bar import TitleBar
from kumppani.tui.widgets.step.participant_picker import ParticipantPicker
from kumppani.tui.widgets.tables.tracker_table import (
    STATUS_CYCLE,
    TrackerFilter,
    TrackerTable,
    status_label,
)


def _fold(choice: tuple[str, str]) -> str:
    return choice[1].casefold()


class TrackerText(Input):
    """The text search above the tracker's table."""

    BINDINGS = TRACKER_FILTER_BINDINGS

    def action_clear(self) -> None:
        self.value = ""
        self.screen.query_one(TrackerTable).focus()

    def action_leave(self) -> None:
        self.screen.query_one(TrackerTable).focus()


class TrackerScreen(Screen[None]):
    """The actions of every session of the folder, filterable by keyboard."""

    CSS_PATH = "tracker.tcss"

    BINDINGS = TRACKER_BINDINGS

    def __init__(
        self,
        folder: Path,
        config: Config,
        translate: Translator,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(id="tracker")
        self.folder = folder
        self.config = config
        self.translate = translate
        self.items: list[TrackedAction] = []
        self.broken = 0
        self.loaded = False
        self.opened = False
        self.bodies = config.body_directory()
        self.filter = TrackerFilter(today=today or dt.date.today(), bodies=self.bodies)
        localize(self, translate)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        text = TrackerText(
            placeholder=self.translate("tracker.text_placeholder"), id="tracker-text"
        )
        localize(text, self.translate)
        yield text
        yield Static("", id="tracker-filters", markup=False)
        yield TrackerTable(self.translate, self.config, id="tracker-table")
        yield Static(self.translate("tracker.loading"), id="tracker-status", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.translate("tracker.title")
        self.query_one(TrackerTable).focus()
        self._show_filters()
        self.reload()

    def on_screen_resume(self) -> None:
        # Back from a session that may have changed (not from a picker): read again.
        if self.loaded and self.opened:
            self.opened = False
            self.reload()

    # -- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Scan the folder again (from the index cache where files are unchanged)."""
        self._scan()

    @work(thread=True, exclusive=True, group="tracker-scan")
    def _scan(self) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        result = scan_folder(self.folder, progress=progress)
        items = track_actions(result.summaries, self.bodies)
        self.app.call_from_thread(self._loaded, items, len(result.errors))

    def _progress(self, done: int, total: int) -> None:
        if not self.loaded:
            status = self.translate("tracker.scanning", done=done, total=total)
            self.query_one("#tracker-status", Static).update(status)

    def _loaded(self, items: list[TrackedAction], broken: int) -> None:
        self.items, self.broken, self.loaded = items, broken, True
        self.refilter()

    # -- filtering ---------------------------------------------------------------------------
    def set_filter(self, **changes: object) -> None:
        """Change some filters and show the rows that pass."""
        self.filter = replace(self.filter, **changes)  # type: ignore[arg-type]
        self._show_filters()
        self.refilter()

    def refilter(self) -> None:
        """Show the actions that pass the filters, and how many they are."""
        shown = self.filter.apply(self.items)
        self.query_one(TrackerTable).show(shown, self.filter.today)
        today = self.filter.today
        status = self.translate(
            "tracker.count",
            shown=len(shown),
            total=len(self.items),
            overdue=sum(1 for item in shown if item.is_overdue(today)),
        )
        if self.broken:
            status += " · " + self.translate("tracker.broken", count=self.broken)
        self.query_one("#tracker-status", Static).update(f"{status} · {self.folder}")

    def _show_filters(self) -> None:
        rule = self.filter
        parts = []
        if rule.status:
            parts.append(
                self.translate("tracker.by_status", value=status_label(self.translate, rule.status))
            )
        if rule.party:
            parts.append(self.translate("tracker.by_party", value=self._party_name(rule.party)))
        if rule.owner:
            parts.append(self.translate("tracker.by_owner", value=rule.owner))
        if rule.overdue:
            parts.append(self.translate("tracker.only_overdue"))
        text = " · ".join(parts) if parts else self.translate("tracker.no_filters")
        self.query_one("#tracker-filters", Static).update(
            self.translate("tracker.filters", filters=text)
        )

    def _party_name(self, party: str) -> str:
        if party in self.config.parties:
            return self.config.party_label(party, self.translate.language)
        return self.bodies.label(party, self.translate.language)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "tracker-text":
            self.filter = replace(self.filter, text=event.value)
            self.refilter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(TrackerTable).focus()

    def action_filter(self) -> None:
        self.query_one(TrackerText).focus()

    def action_cycle_status(self) -> None:
        index = STATUS_CYCLE.index(self.filter.status) if self.filter.status in STATUS_CYCLE else 0
        self.set_filter(status=STATUS_CYCLE[(index + 1) % len(STATUS_CYCLE)])

    def action_toggle_overdue(self) -> None:
        self.set_filter(overdue=not self.filter.overdue)

    def action_clear_filters(self) -> None:
        self.query_one(TrackerText).value = ""
        self.set_filter(status="", party="", owner="", overdue=False, text="")

    def action_pick_party(self) -> None:
        parties = list(self.config.parties)
        bodies: dict[str, str] = {}  # one choice per body, however its actions name it
        for item in self.items:
            for body in item.action.responsible:
                if body.strip() and body not in parties:
                    known = self.bodies.find(body)
                    bodies.setdefault(self.bodies.identity(body), known.key if known else body)
        choices = [("", self.translate("tracker.any_party"))]
        choices += [(party, self._party_name(party)) for party in parties]
        named = sorted(((body, self._party_name(body)) for body in bodies.values()), key=_fold)
        choices += named
        self._pick(self.translate("tracker.pick_party"), choices, self.filter.party, "party")

    def action_pick_owner(self) -> None:
        owners: dict[str, str] = {}
        for item in self.items:
            owner = item.action.owner.strip()
            if owner:
                owners.setdefault(owner.casefold(), owner)
        choices = [("", self.translate("tracker.any_owner"))]
        choices += [(name, name) for name in sorted(owners.values(), key=str.casefold)]
        self._pick(self.translate("tracker.pick_owner"), choices, self.filter.owner, "owner")

    def _pick(self, title: str, choices: list[tuple[str, str]], current: str, name: str) -> None:
        def picked(value: str | None) -> None:
            if value is not None:
                self.set_filter(**{name: value})

        self.app.push_screen(ParticipantPicker(title, choices, current), picked)

    # -- opening -----------------------------------------------------------------------------
    @property
    def current(self) -> TrackedAction | None:
        """The action under the cursor."""
        return self.query_one(TrackerTable).current

    def on_tracker_table_selected(self, event: TrackerTable.Selected) -> None:
        event.stop()
        self.action_open()

    def action_open(self, read_only: bool = False) -> None:
        item = self.current
        if item is not None:
            self.opened = True
            self.post_message(OpenSession(item.session.path, read_only))

    def action_open_read_only(self) -> None:
        self.action_open(read_only=True)

    def action_timeline(self) -> None:
        item = self.current
        if item is not None:
            self.opened = True
            screen = TimelineScreen(item.session.path, self.config, self.translate)
            self.app.push_screen(screen)

    def action_reload(self) -> None:
        self.reload()

    def action_back(self) -> None:
        self.dismiss(None)
