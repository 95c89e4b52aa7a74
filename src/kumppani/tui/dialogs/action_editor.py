"""Provides the action editor: one action of step 4 (toimenpide) and its status.

Fields: title, description, rationale (perustelut), responsible parties
(vastuutahot, separated by commas; completed from the roster and the list of
bodies, with a line naming the body typed and its party), owner, due date, resources and funding,
and status. A new status is recorded with ``Action.set_status(new, today,
note)`` so the history keeps every change for follow-up. Enter moves to the
next field, Ctrl+S saves, Esc cancels (asking first if anything was typed); only
the fields typed in change, so saving it unchanged keeps the action exactly.

Push it with the action to edit (None for a new one)::

    app.push_screen(ActionEditor(Translator("fi"), action), callback)

The callback gets a copy of the action with the changes (same ``id``) or None
if cancelled; the caller puts it into ``session.actions`` (``editor.edit``).
The action passed in is never modified.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, TextArea

from kumppani.session.model import Action
from kumppani.session.vocabulary import ActionStatus
from kumppani.text.dates import DateError, parse_date
from kumppani.text.i18n import Translator
from kumppani.tui.bindings import localize
from kumppani.tui.dialogs.discard import FormGuard
from kumppani.tui.widgets.chrome.key_bar import KeyBar
from kumppani.tui.widgets.forms.body_field import BodyChoices, BodySuggester
from kumppani.tui.widgets.forms.fields import (
    field_input,
    field_row,
    field_value,
    show_error,
)


def split_parties(text: str) -> list[str]:
    """``"TEM, Tampere;  YM"`` as ``["TEM", "Tampere", "YM"]``: commas, semicolons or lines."""
    for separator in (";", "\n"):
        text = text.replace(separator, ",")
    return [part.strip() for part in text.split(",") if part.strip()]


class ActionEditor(ModalScreen[Action | None]):
    """Edit one action; dismisses with the edited copy, or None."""

    DEFAULT_CSS = """
    ActionEditor { align: center middle; }
    ActionEditor > Vertical {
        width: 100%; max-width: 110; height: 100%; max-height: 40;
        border: heavy $primary; background: $surface;
    }
    ActionEditor .heading { text-style: bold; background: $primary; color: $text; width: 100%;
        padding: 0 1; }
    ActionEditor .row { height: auto; padding: 0 1; }
    ActionEditor .row > Label { width: 24; }
    ActionEditor .row > Input, ActionEditor .row > Select { width: 1fr; }
    ActionEditor TextArea { height: 4; margin: 0 1; }
    ActionEditor Input { background: $panel; }
    ActionEditor Input:focus { background: $primary 25%; }
    ActionEditor .hint { padding: 0 1; color: $text-muted; }
    ActionEditor .error { color: $error; text-style: bold; padding: 0 1 0 25; display: none; }
    ActionEditor .error.-shown { display: block; }
    ActionEditor #history { padding: 0 1 0 25; color: $text-muted; }
    ActionEditor .row > .body { width: 1fr; height: auto; }
    ActionEditor #responsible-hint { color: $text-muted; width: 100%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "forms.keys.save", id="action.save", priority=True),
        Binding("escape", "cancel", "forms.keys.cancel", id="action.cancel"),
    ]

    def __init__(
        self,
        translate: Translator,
        action: Action | None = None,
        *,
        today: dt.date | None = None,
        bodies: BodyChoices | None = None,
    ) -> None:
        super().__init__()
        self.translate = translate
        self.bodies = bodies
        """What the responsible bodies complete from; None: the app's config and roster."""
        self.original = action
        self.action = copy.deepcopy(action) if action is not None else Action(title="")
        """The working copy; what the dialog dismisses with."""
        self.today = today or dt.date.today()
        self.guard = FormGuard(self, translate.language)
        """Asks before Esc throws typing away; tells which fields were edited."""
        localize(self, translate)

    def _t(self, key: str, **fields: object) -> str:
        return self.translate(f"forms.action.{key}", **fields)

    def _row(self, key: str, widget: Widget) -> ComposeResult:
        return field_row(key, self._t(key), widget)

    def compose(self) -> ComposeResult:
        action = self.action
        heading = "heading_edit" if self.original is not None else "heading_new"
        statuses = [(self.translate(f"action_status.{status}"), status) for status in ActionStatus]
        due = action.due.isoformat() if action.due else ""
        with Vertical():
            yield Label(self._t(heading), classes="heading")
            with VerticalScroll():
                yield from self._row("title", field_input("title", action.title))
                yield Label(self._t("description"), classes="hint")
                yield TextArea(action.description, id="field-description")
                yield Label(self._t("rationale"), classes="hint")
                yield TextArea(action.rationale, id="field-rationale")
                responsible = field_input("responsible", ", ".join(action.responsible))
                responsible.suggester = BodySuggester(self.choices)
                hint = Label(
                    self.choices.describe(responsible.value), id="responsible-hint", markup=False
                )
                yield from self._row("responsible", Vertical(responsible, hint, classes="body"))
                yield from self._row("owner", field_input("owner", action.owner))
                yield from self._row("due", field_input("due", due))
                yield from self._row("resources", field_input("resources", action.resources))
                status = Select[ActionStatus](
                    statuses,
                    allow_blank=False,
                    value=action.status,
                    id="field-status",
                    compact=True,
                )
                yield from self._row("status", status)
                yield from self._row("status_note", field_input("status_note", ""))
                yield Label(self._t("history"), classes="hint")
                yield Label(self._history(), id="history", markup=False)
            yield KeyBar()

    def _history(self) -> str:
        if not self.action.history:
            return self._t("no_history")
        lines = []
        for change in self.action.history:
            old = self.translate(f"action_status.{change.old}")
            new = self.translate(f"action_status.{change.new}")
            line = self._t("history_item", date=change.on.isoformat(), old=old, new=new)
            lines.append(f"{line} – {change.note}" if change.note else line)
        return "\n".join(lines)

    def on_mount(self) -> None:
        self.query_one("#field-title", Input).focus()
        self.guard.remember()  # now: keys typed before the first frame are typing

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @property
    def choices(self) -> BodyChoices:
        """What the responsible bodies complete from."""
        if self.bodies is None:
            self.bodies = BodyChoices.of(self.app, self.translate.language)
        return self.bodies

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id:
            show_error(self, event.input.id.removeprefix("field-"), "")
        if event.input.id == "field-responsible":
            hint = self.choices.describe(event.value)
            self.query_one("#responsible-hint", Label).update(hint)

    def action_cancel(self) -> None:
        self.guard.leave(lambda: self.dismiss(None))

    def action_save(self) -> None:
        title = field_value(self, "title")
        wrong: list[str] = []
        show_error(self, "title", "" if title else self.translate("forms.common.required"))
        if not title:
            wrong.append("title")
        try:
            due = parse_date(field_value(self, "due"), today=self.today)
            show_error(self, "due", "")
        except DateError as error:
            due = None
            show_error(self, "due", error.message(self.translate.language))
            wrong.append("due")
        status = self.query_one("#field-status", Select).value
        note = field_value(self, "status_note")
        lost = bool(note) and status == self.action.status  # kept only with a change
        show_error(self, "status_note", self._t("note_needs_status") if lost else "")
        if lost:
            wrong.append("status")
        if wrong:
            self.query_one(f"#field-{wrong[0]}").focus()
            return
        action, edited = self.action, self.guard.edited  # fields left alone stay exactly
        if edited("field-title"):
            action.title = title
        if edited("field-due"):
            action.due = due
        for name in ("description", "rationale"):
            if edited(f"field-{name}"):
                setattr(action, name, self.query_one(f"#field-{name}", TextArea).text.strip())
        if edited("field-responsible"):
            action.responsible = split_parties(self.query_one("#field-responsible", Input).value)
        for name in ("owner", "resources"):
            if edited(f"field-{name}"):
                setattr(action, name, field_value(self, name))
        if isinstance(status, ActionStatus) and self.original is None and not note:
            action.status = status  # a new action starts where it was agreed: no history
        elif isinstance(status, ActionStatus):
            # a note typed is kept as the change's note, for a new action as well
            action.set_status(status, self.today, note)
        self.dismiss(action)
