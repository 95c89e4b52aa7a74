"""Provides the home screen's filter bar: text, from, until, series, party and status.

Its fields are Textual ``Input`` and ``Select`` widgets, which take a
noticeable part of the start-up to build; the home screen shows their names
first (``kumppani.tui.widgets.forms.filter_hint``) and mounts the bar just after
its first frame. ``FilterBar.current()`` reads what the fields ask for.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select

from kumppani.library.query import LibraryFilter
from kumppani.session.vocabulary import SessionStatus
from kumppani.settings.config import Config
from kumppani.text.dates import DateError, parse_date
from kumppani.text.i18n import Translator
from kumppani.tui.bindings import HOME_FILTER_BINDINGS, localize
from kumppani.tui.widgets.forms.filter_hint import FIELDS, PLACEHOLDERS
from kumppani.tui.widgets.tables.session_table import SessionTable

DATE_FIELDS = ("since", "until")


def _table(widget: Input) -> SessionTable:
    return widget.screen.query_one(SessionTable)


class FilterInput(Input):
    """A field of the filter bar: Esc clears it, Enter or ↓ goes back to the list."""

    BINDINGS = HOME_FILTER_BINDINGS

    def action_clear(self) -> None:
        self.value = ""
        _table(self).focus()

    def action_leave(self) -> None:
        _table(self).focus()


class FilterBar(Horizontal):
    """The filter fields in a row."""

    DEFAULT_CSS = """
    FilterBar { height: 1; margin-bottom: 1; }
    FilterBar Input { width: 1fr; margin-right: 1; }
    FilterBar #filter { width: 3fr; }
    FilterBar Select { width: 1fr; height: 1; margin-right: 1; }
    FilterBar Input.-invalid { color: $error; }
    """

    def __init__(self, translate: Translator, config: Config, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.translate = translate
        self.config = config

    def compose(self) -> ComposeResult:
        translate = self.translate
        for name in FIELDS:
            field = FilterInput(placeholder=translate(PLACEHOLDERS[name]), id=name, compact=True)
            localize(field, translate)
            yield field
        language = translate.language
        parties = [
            (Text(self.config.party_label(key, language)), key) for key in self.config.parties
        ]
        yield Select[str](parties, prompt=translate("library.party"), id="party", compact=True)
        statuses = [
            (Text(translate(f"session_status.{status}")), status.value) for status in SessionStatus
        ]
        yield Select[str](statuses, prompt=translate("library.status"), id="status", compact=True)

    def current(self) -> LibraryFilter:
        """What the fields ask for; a date that does not parse is marked and ignored."""
        days = {}
        for name in DATE_FIELDS:
            field = self.query_one(f"#{name}", Input)
            try:
                days[name] = parse_date(field.value)
                field.remove_class("-invalid")
            except DateError:
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
            statuses=(status,) if isinstance(status, str) else (),
        )

    @property
    def has_bad_date(self) -> bool:
        """Whether a date field holds something that is not a date."""
        return any(self.query_one(f"#{name}", Input).has_class("-invalid") for name in DATE_FIELDS)
