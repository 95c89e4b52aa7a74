"""Provides the participant roster used by the setup screen.

``Roster`` is a row of fields (name, organisation, title, party, role) over a
``DataTable`` in seat order. Enter in the fields adds the person, or saves the
row being edited; in the table Enter edits a row, Delete removes it, Alt+Up/Down
moves it (the seat order), Space toggles present, F3/F4 cycle party and role.
It works on copies: ``roster.participants`` is the edited list, ids kept, and
each change posts ``Roster.Changed``. Names are shown literally, never as markup.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Input, Label, Select

from kumppani.session.model import Participant
from kumppani.session.vocabulary import Role
from kumppani.text.i18n import Translator
from kumppani.text.safe import truncate
from kumppani.tui.bindings import localize
from kumppani.tui.widgets.tables.fitted_table import FittedTable

ROW_FIELDS = ("name", "organisation", "title")
"""The typed fields of a roster row."""
COLUMNS = ("seat", "name", "party", "present", "role", "organisation", "title")
"""The roster's columns: who, their party, whether present and their role first, so that
at 80 columns those stay on screen; the long organisation and title names come after."""
WIDEST = {"name": 26, "party": 16, "role": 14, "organisation": 24, "title": 24}
"""The most columns a cell takes; a longer one is cut with "…" (the fields show it whole
when the row is edited). At 80 columns the name, party, presence and role fit whole."""


def _cut(column: str, text: str) -> str:
    """``text`` cut with "…" to the width of ``column`` (``WIDEST``)."""
    return truncate(text, WIDEST[column]) if column in WIDEST else text


class RosterTable(FittedTable[Text]):
    """The roster's table; its keys post ``Command`` for the roster to carry out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete", "command('delete')", "forms.keys.delete", id="roster.delete"),
        # As a note is moved (bindings.NOTE_LIST_BINDINGS): not by Alt alone, which some
        # terminals keep (Windows Terminal's split panes, the Linux console, macOS).
        Binding("alt+up,ctrl+up,minus", "command('up')", "forms.keys.move_up", id="roster.up"),
        Binding(
            "alt+down,ctrl+down,plus", "command('down')", "forms.keys.move_down", id="roster.down"
        ),
        Binding("space", "command('present')", "forms.keys.present", id="roster.present"),
    ]

    @dataclasses.dataclass
    class Command(Message):
        """A key asked the roster to change the row under the cursor."""

        name: str
        row: int

    def action_command(self, name: str) -> None:
        if self.row_count:
            self.post_message(self.Command(name, self.cursor_row))


class Roster(Widget):
    """Add, edit, remove and reorder the participants of a session."""

    DEFAULT_CSS = """
    Roster { height: auto; }
    Roster #roster-fields { height: auto; padding: 0 1; }
    Roster #roster-fields Input { width: 1fr; margin-right: 1; background: $panel; }
    Roster #roster-fields Input:focus { background: $primary 25%; }
    Roster #roster-fields Select { width: 16; margin-right: 1; }
    Roster #roster-fields #roster-role { width: 18; }
    Roster #roster-status { color: $text-muted; padding: 0 1; width: 100%; height: auto; }
    Roster #roster-status.error { color: $error; text-style: bold; }
    Roster RosterTable { height: auto; max-height: 14; margin: 0 1; }
    Roster #roster-count { padding: 0 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f3", "cycle('party')", "forms.keys.party", id="roster.party"),
        Binding("f4", "cycle('role')", "forms.keys.role", id="roster.role"),
    ]

    @dataclasses.dataclass
    class Changed(Message):
        """The roster's participants changed."""

        roster: Roster

    def __init__(
        self,
        participants: Sequence[Participant],
        translate: Translator,
        parties: Sequence[tuple[str, str]],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.translate = translate
        self.participants: list[Participant] = [dataclasses.replace(p) for p in participants]
        """The roster being edited, in seat order; copies of what was given."""
        known = [key for key, _ in parties]
        extra = {p.party for p in participants if p.party and p.party not in known}
        self.parties: list[tuple[str, str]] = [*parties, *((key, key) for key in sorted(extra))]
        self.editing: str | None = None
        """The id of the participant whose row is loaded into the fields, if any."""
        localize(self, translate)

    def compose(self) -> ComposeResult:
        def field(key: str, name: str) -> Input:
            return Input(placeholder=self.translate(f"forms.roster.{key}"), id=name, compact=True)

        roles = [(self.translate(f"role.{role}"), role.value) for role in Role]
        with Horizontal(id="roster-fields"):
            yield field("name", "roster-name")
            yield field("organisation", "roster-organisation")
            yield field("title", "roster-title")
            yield Select[str](
                [(Text(label), key) for key, label in self.parties],
                prompt=self.translate("forms.roster.party"),
                value=self.parties[0][0] if self.parties else Select.NULL,
                id="roster-party",
                compact=True,
            )
            yield Select[str](
                roles,
                allow_blank=False,
                value=Role.PARTICIPANT.value,
                id="roster-role",
                compact=True,
            )
        yield Label(self.translate("forms.roster.hint"), id="roster-status", markup=False)
        table = RosterTable(id="roster-table", cursor_type="row", zebra_stripes=True)
        localize(table, self.translate)
        yield table
        yield Label(id="roster-count", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(RosterTable)
        for key in COLUMNS:
            table.add_column(self.translate(f"forms.roster.{key}"), key=key)
        self.refresh_table()

    # Showing ------------------------------------------------------------------------------

    def party_label(self, key: str) -> str:
        return dict(self.parties).get(key, key)

    def refresh_table(self, cursor: int | None = None) -> None:
        """Show ``participants`` again, with the cursor on row ``cursor`` if given."""
        table = self.query_one(RosterTable)
        table.clear()
        yes, no = self.translate("forms.common.yes"), self.translate("forms.common.no")
        unknown = self.translate("forms.roster.presence_unknown")
        for seat, person in enumerate(self.participants, start=1):
            cells = {
                "seat": str(seat),
                "name": person.name,
                "organisation": person.organisation,
                "title": person.title,
                "party": self.party_label(person.party),
                "role": self.translate(f"role.{person.role}"),
                "present": yes if person.present else (unknown if person.present is None else no),
            }
            table.add_row(*(Text(_cut(key, cells[key])) for key in COLUMNS), key=person.id)
        if cursor is not None and self.participants:
            table.move_cursor(row=max(0, min(cursor, len(self.participants) - 1)))
        present = sum(1 for person in self.participants if person.present)
        count = self.translate("forms.roster.count", count=len(self.participants), present=present)
        self.query_one("#roster-count", Label).update(count)

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#roster-status", Label)
        status.update(text)
        status.set_class(error, "error")

    def _changed(self, cursor: int | None) -> None:
        self.refresh_table(cursor)
        self.post_message(self.Changed(self))

    def replace_all(self, participants: Sequence[Participant]) -> None:
        """Show ``participants`` instead (a roster typed before a crash, given back)."""
        self.participants = [dataclasses.replace(person) for person in participants]
        self._changed(None)

    # Adding and editing ---------------------------------------------------------------------

    def _value(self, name: str) -> str:
        return self.query_one(f"#roster-{name}", Input).value.strip()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit_row()

    def row_pending(self) -> bool:
        """True when a row is typed (or an edited one changed) but not yet put in with Enter."""
        if self.editing is not None:
            return self.row_edited()
        return any(self._value(name) for name in ROW_FIELDS)

    def submit_row(self) -> bool:
        """Put the typed row into the roster; False (and the reason shown) without a name."""
        name = self._value("name")
        if not name:
            self._status(self.translate("forms.roster.name_required"), error=True)
            self.query_one("#roster-name", Input).focus()
            return False
        party = self.query_one("#roster-party", Select).value
        person = Participant(
            name=name,
            organisation=self._value("organisation"),
            title=self._value("title"),
            party=party if isinstance(party, str) else "",
            role=Role(str(self.query_one("#roster-role", Select).value)),
        )
        if self.editing is not None:
            index = next(i for i, p in enumerate(self.participants) if p.id == self.editing)
            old = self.participants[index]
            person.present, person.id, person.extra = old.present, old.id, old.extra
            self.participants[index] = person
        else:
            index = len(self.participants)
            self.participants.append(person)
        self._clear_fields()
        self._changed(index)
        return True

    def _clear_fields(self) -> None:
        self.editing = None
        for name in ("name", "organisation", "title"):
            self.query_one(f"#roster-{name}", Input).value = ""
        self.query_one("#roster-role", Select).value = Role.PARTICIPANT.value
        self._status(self.translate("forms.roster.hint"))
        self.query_one("#roster-name", Input).focus()

    def row_edited(self) -> bool:
        """True when the row being edited was typed in since it was opened."""
        person = next((p for p in self.participants if p.id == self.editing), None)
        if person is None:
            return False
        typed = [self.query_one(f"#roster-{name}", Input).value for name in ROW_FIELDS]
        party = self.query_one("#roster-party", Select).value
        role = self.query_one("#roster-role", Select).value
        shown = [getattr(person, name) for name in ROW_FIELDS]
        return typed != shown or party != (person.party or Select.NULL) or role != person.role.value

    def cancel_edit(self) -> bool:
        """Stop editing a row without saving; False if no row was being edited."""
        if self.editing is None:
            return False
        self._clear_fields()
        return True

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        person = self.participants[event.cursor_row]
        self.editing = person.id
        for name in ROW_FIELDS:
            self.query_one(f"#roster-{name}", Input).value = getattr(person, name)
        party = self.query_one("#roster-party", Select)
        party.value = person.party if person.party else Select.NULL
        self.query_one("#roster-role", Select).value = person.role.value
        self._status(self.translate("forms.roster.editing", seat=event.cursor_row + 1))
        self.query_one("#roster-name", Input).focus()

    # Table commands ---------------------------------------------------------------------------

    def on_roster_table_command(self, event: RosterTable.Command) -> None:
        event.stop()
        row, people = event.row, self.participants
        if event.name == "delete":
            if people[row].id == self.editing:
                self.cancel_edit()
            del people[row]
            self._changed(row)
        elif event.name in ("up", "down"):
            other = row - 1 if event.name == "up" else row + 1
            if 0 <= other < len(people):
                people[row], people[other] = people[other], people[row]
                self._changed(other)
        elif event.name == "present":
            people[row].present = not people[row].present
            self._changed(row)

    def action_cycle(self, what: str) -> None:
        """Next party or role: of the row under the cursor in the table, else of the fields."""
        table = self.query_one(RosterTable)
        keys = [key for key, _ in self.parties] if what == "party" else [r.value for r in Role]
        if not keys:
            return
        if table.has_focus and self.participants:
            person = self.participants[table.cursor_row]
            current = person.party if what == "party" else person.role.value
            following = keys[(keys.index(current) + 1) % len(keys)] if current in keys else keys[0]
            if what == "party":
                person.party = following
            else:
                person.role = Role(following)
            self._changed(table.cursor_row)
            return
        select: Select[str] = self.query_one(f"#roster-{what}", Select)
        value = select.value
        index = keys.index(value) + 1 if isinstance(value, str) and value in keys else 0
        select.value = keys[index % len(keys)]
