"""Provides the indicator editor: one indicator of step 5 (mittari) and its dated readings.

Fields: name, unit, baseline and target (numbers; a decimal comma such as
``12,5`` is accepted), who follows it up (a responsible body, completed as in
the action editor), the follow-up schedule, and a small
table of readings: type a date, a value and a note and press Enter to add one
(the focus goes back to the date, for the next row); Delete in the table
removes the reading under the cursor. Ctrl+S saves, adding a reading still
typed in the row (or showing why it cannot); Esc cancels, asking first if
anything was typed. Only the fields typed in change. The readings, once
changed, are in the form's draft with its fields (``Kept``), so that a crash
gives them back.

Push it with the indicator to edit (None for a new one)::

    app.push_screen(IndicatorEditor(Translator("fi"), indicator), callback)

The callback gets an edited copy (same ``id``) or None; the caller puts it
into ``session.indicators`` (``editor.edit``).
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from kumppani.session.model import Indicator, Reading
from kumppani.text.dates import DateError, parse_date
from kumppani.text.i18n import Translator
from kumppani.text.numbers import Number, format_number, parse_number
from kumppani.tui.bindings import localize
from kumppani.tui.dialogs.discard import FormGuard
from kumppani.tui.widgets.chrome.key_bar import KeyBar
from kumppani.tui.widgets.forms.body_field import BodyChoices, BodySuggester
from kumppani.tui.widgets.forms.fields import (
    field_input,
    field_row,
    show_error,
)
from kumppani.tui.widgets.forms.form_fields import Kept, KeptChanged
from kumppani.tui.widgets.tables.fitted_table import FittedTable

FIELDS = ("name", "unit", "baseline", "target", "owner", "schedule")
NUMBERS = ("baseline", "target")
TEXTS = ("unit", "owner", "schedule")


class ReadingsTable(FittedTable[Text]):
    """The readings; Delete posts ``Delete`` for the dialog to remove the row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete", "delete", "forms.keys.delete", id="indicator.delete_reading"),
    ]

    @dataclass
    class Delete(Message):
        """Remove the reading in this row."""

        row: int

    def action_delete(self) -> None:
        if self.row_count:
            self.post_message(self.Delete(self.cursor_row))


class IndicatorEditor(ModalScreen[Indicator | None]):
    """Edit one indicator and its readings; dismisses with the edited copy, or None."""

    DEFAULT_CSS = """
    IndicatorEditor { align: center middle; }
    IndicatorEditor > Vertical {
        width: 100%; max-width: 100; height: 100%; max-height: 36;
        border: heavy $primary; background: $surface;
    }
    IndicatorEditor .heading { text-style: bold; background: $primary; color: $text;
        width: 100%; padding: 0 1; }
    IndicatorEditor .row { height: auto; padding: 0 1; }
    IndicatorEditor .row > Label { width: 24; }
    IndicatorEditor .row > Input { width: 1fr; }
    IndicatorEditor #reading-fields Input { width: 1fr; margin-right: 1; }
    IndicatorEditor #reading-fields #reading-date { width: 14; }
    IndicatorEditor #reading-fields #reading-value { width: 12; }
    IndicatorEditor Input { background: $panel; }
    IndicatorEditor Input:focus { background: $primary 25%; }
    IndicatorEditor .hint { padding: 0 1; color: $text-muted; }
    IndicatorEditor .section { padding: 0 1; text-style: bold; margin-top: 1; }
    IndicatorEditor .error { color: $error; text-style: bold; padding: 0 1 0 25; display: none; }
    IndicatorEditor .error.-shown { display: block; }
    IndicatorEditor .row > .body { width: 1fr; height: auto; }
    IndicatorEditor #owner-hint { color: $text-muted; width: 100%; }
    IndicatorEditor ReadingsTable { height: auto; max-height: 10; margin: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "forms.keys.save", id="indicator.save", priority=True),
        Binding("escape", "cancel", "forms.keys.cancel", id="indicator.cancel"),
    ]

    def __init__(
        self,
        translate: Translator,
        indicator: Indicator | None = None,
        *,
        today: dt.date | None = None,
        bodies: BodyChoices | None = None,
    ) -> None:
        super().__init__()
        self.translate = translate
        self.bodies = bodies
        """What the follow-up body completes from; None: the app's config and roster."""
        self.original = indicator
        self.indicator = copy.deepcopy(indicator) if indicator is not None else Indicator("")
        """The working copy; what the dialog dismisses with."""
        self.today = today or dt.date.today()
        self.guard = FormGuard(
            self,
            translate.language,
            lambda: copy.deepcopy(self.indicator.readings),
            Kept("readings", self._kept_readings, self._restore_readings),
        )
        """Asks before Esc throws typing away; tells which fields were edited."""
        localize(self, translate)

    def _t(self, key: str, **fields: object) -> str:
        return self.translate(f"forms.indicator.{key}", **fields)

    def compose(self) -> ComposeResult:
        item = self.indicator
        values = {
            "name": item.name,
            "unit": item.unit,
            "baseline": format_number(item.baseline, self.translate.language, exact=True),
            "target": format_number(item.target, self.translate.language, exact=True),
            "owner": item.owner,
            "schedule": item.schedule,
        }
        heading = "heading_edit" if self.original is not None else "heading_new"
        with Vertical():
            yield Label(self._t(heading), classes="heading")
            with VerticalScroll():
                for key in FIELDS:
                    field: Input | Vertical = field_input(key, values[key])
                    if isinstance(field, Input) and key == "owner":
                        field.suggester = BodySuggester(self.choices)
                        described = self.choices.describe(field.value)
                        hint = Label(described, id="owner-hint", markup=False)
                        field = Vertical(field, hint, classes="body")
                    yield from field_row(key, self._t(key), field)
                yield Label(self._t("readings"), classes="section")
                with Horizontal(id="reading-fields", classes="row"):
                    for key, value in (
                        ("date", self.today.isoformat()),
                        ("value", ""),
                        ("note", ""),
                    ):
                        placeholder = self._t(f"reading_{key}")
                        yield Input(
                            value, placeholder=placeholder, id=f"reading-{key}", compact=True
                        )
                yield Label(id="error-reading", classes="error", markup=False)
                yield Label(self._t("reading_hint"), classes="hint")
                table = ReadingsTable(id="readings", cursor_type="row", zebra_stripes=True)
                localize(table, self.translate)
                yield table
            yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(ReadingsTable)
        for key in ("date", "value", "note"):
            table.add_column(self._t(f"reading_{key}"), key=key)
        self._show_readings()
        self.query_one("#field-name", Input).focus()
        self.guard.remember()  # now: keys typed before the first frame are typing

    def _show_readings(self, cursor: int | None = None) -> None:
        table = self.query_one(ReadingsTable)
        table.clear()
        for reading in self.indicator.readings:
            cells = (
                reading.on.isoformat(),
                format_number(reading.value, self.translate.language),
                reading.note,
            )
            table.add_row(*(Text(cell) for cell in cells))
        if cursor is not None and self.indicator.readings:
            table.move_cursor(row=min(cursor, len(self.indicator.readings) - 1))

    def _kept_readings(self) -> list[dict[str, Any]]:
        """The readings as the draft keeps them."""
        return [
            {"on": reading.on, "value": reading.value, "note": reading.note}
            for reading in self.indicator.readings
        ]

    def _restore_readings(self, tables: list[Any]) -> None:
        """The readings as the draft kept them; one still here keeps what the form does not show."""
        left = list(self.indicator.readings)
        readings = []
        for table in tables:
            if not isinstance(table, dict):
                continue
            on, value, note = table.get("on"), table.get("value"), table.get("note", "")
            if not isinstance(on, dt.date) or isinstance(value, bool):
                continue
            if not isinstance(value, int | float) or not isinstance(note, str):
                continue
            reading = Reading(on=on, value=value, note=note)
            same = [item for item in left if (item.on, item.value, item.note) == (on, value, note)]
            if same:  # its other data, from the file, as it was
                left.remove(same[0])
                reading = same[0]
            readings.append(reading)
        self.indicator.readings = readings
        self._show_readings()

    @property
    def choices(self) -> BodyChoices:
        """What the follow-up body completes from."""
        if self.bodies is None:
            self.bodies = BodyChoices.of(self.app, self.translate.language)
        return self.bodies

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("field-"):
            show_error(self, event.input.id.removeprefix("field-"), "")
        if event.input.id == "field-owner":
            self.query_one("#owner-hint", Label).update(self.choices.describe(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id and event.input.id.startswith("reading-"):
            self._add_reading()
        else:
            self.focus_next()

    def _pending_reading(self) -> bool:
        """True when a reading's value or note is typed but not yet added with Enter."""
        return any(
            self.query_one(f"#reading-{key}", Input).value.strip() for key in ("value", "note")
        )

    def _add_reading(self) -> bool:
        """Add the reading typed in the row; False (and the error shown) if it is not valid."""
        fields = {
            key: self.query_one(f"#reading-{key}", Input) for key in ("date", "value", "note")
        }
        try:
            on = parse_date(fields["date"].value, today=self.today)
            problem = "" if on is not None else self.translate("forms.common.required")
        except DateError as error:
            on, problem = None, error.message(self.translate.language)
        if on is None:
            show_error(self, "reading", problem)
            fields["date"].focus()
            return False
        try:
            value = parse_number(fields["value"].value)
        except ValueError:
            value = None
        if value is None:
            show_error(self, "reading", self.translate("forms.common.bad_number"))
            fields["value"].focus()
            return False
        show_error(self, "reading", "")
        reading = Reading(on=on, value=value, note=fields["note"].value.strip())
        readings = self.indicator.readings
        readings.append(reading)
        readings.sort(key=lambda item: item.on)
        fields["value"].value = fields["note"].value = ""
        fields["date"].focus()  # the next row starts with its date
        self._show_readings(readings.index(reading))
        self.post_message(KeptChanged(self))
        return True

    def on_readings_table_delete(self, event: ReadingsTable.Delete) -> None:
        event.stop()
        del self.indicator.readings[event.row]
        self._show_readings(event.row)
        self.post_message(KeptChanged(self))  # no field changed: the draft is due all the same

    def action_cancel(self) -> None:
        self.guard.leave(lambda: self.dismiss(None))

    def action_save(self) -> None:
        if self._pending_reading() and not self._add_reading():
            return  # a reading typed but not added is added, or its error shown: never dropped
        item, wrong = self.indicator, []
        name = self.query_one("#field-name", Input).value.strip()
        show_error(self, "name", "" if name else self.translate("forms.common.required"))
        if not name:
            wrong.append("name")
        numbers: dict[str, Number | None] = {}
        for key in NUMBERS:
            try:
                numbers[key] = parse_number(self.query_one(f"#field-{key}", Input).value)
                show_error(self, key, "")
            except ValueError:
                show_error(self, key, self.translate("forms.common.bad_number"))
                wrong.append(key)
        if wrong:
            self.query_one(f"#field-{wrong[0]}", Input).focus()
            return
        typed = {"name": name, **numbers}
        typed.update({key: self.query_one(f"#field-{key}", Input).value.strip() for key in TEXTS})
        for key, value in typed.items():
            if self.guard.edited(f"field-{key}"):  # fields left alone stay exactly as they were
                setattr(item, key, value)
        self.dismiss(item)
