"""Provides the setup screen: a new session, or an existing one's details, agenda and roster.

One keyboard flow from top to bottom (Enter or Tab moves on): the process
template, title, theme, date, start time, venue, facilitator and organiser;
the preparation (why the session is held, which parties are needed); the
agenda, planned minutes per step prefilled from the template, with the total;
then the participant roster (``kumppani.tui.widgets.forms.roster``). Ctrl+S
finishes (adding a participant typed but not yet added), Esc cancels (asking
first if anything was typed). Errors are shown under the field, in the user's
language. Only the fields typed in change: saving the form unchanged keeps
every value exactly.

New session::

    app.push_screen(SetupScreen(None, Translator("fi"), config), callback)  # gets Session | None

Existing session (from the step view)::

    app.push_screen(SetupScreen(editor, Translator("fi"), config))

which applies the changes to ``editor.session`` as one undoable change
(``editor.edit("setup", …)``; none if nothing changed) and dismisses with that
session (None if cancelled).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, TextArea

from kumppani.session.model import Participant, Session, Step
from kumppani.session.template import Template
from kumppani.session.template_sources import available_templates
from kumppani.session.vocabulary import STEP_KEYS
from kumppani.settings import paths
from kumppani.settings.config import Config
from kumppani.storage.draft_file import NEW_SESSION
from kumppani.text.dates import DateError, parse_date
from kumppani.text.i18n import Translator
from kumppani.tui.bindings import localize
from kumppani.tui.dialogs.discard import FormGuard, ask
from kumppani.tui.widgets.chrome.key_bar import KeyBar
from kumppani.tui.widgets.forms.fields import (
    field_input,
    field_row,
    field_value,
    parse_time,
    show_error,
)
from kumppani.tui.widgets.forms.roster import Roster
from kumppani.tui.widgets.forms.roster_draft import roster_kept

if TYPE_CHECKING:
    from kumppani.editing.editor import Part, SessionEditor

TEXT_FIELDS = ("title", "theme", "venue", "facilitator", "organiser", "writer", "needed_parties")
MAX_MINUTES = 600


def setup_parts(session: Session) -> list[Part]:
    """What the form may change: the details, each step's planned minutes, the roster."""
    names = (*TEXT_FIELDS, "date", "start_time", "end_time", "purpose", "distribution")
    fields = [(session, key) for key in (*names, "next_meeting")]
    minutes = [(step, "planned_minutes") for step in session.steps]
    return [*fields, *minutes, (session, "participants")]


@dataclass
class _Form:
    """The typed values of the form."""

    texts: dict[str, str]
    date: dt.date | None = None
    start: dt.time | None = None
    end: dt.time | None = None
    next_date: dt.date | None = None
    next_time: dt.time | None = None
    minutes: dict[str, int] = field(default_factory=dict)


class SetupScreen(Screen[Session | None]):
    """Create a session, or edit an existing one's details, agenda and roster."""

    CSS_PATH = "setup.tcss"
    DEFAULT_CSS = "SetupScreen .error { color: $error; }"
    """Kept as default CSS on purpose: it ties with Label's own ``.error`` colour
    ($text-error), and which of the two wins depends on which was loaded first (in the app
    it is this one, in a test host that shows only this screen it is Label's). Moved into
    setup.tcss it would always win; left out, it would always lose. Choosing one is a change
    the user sees, so it waits for a decision of its own."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "finish", "forms.keys.finish", id="setup.finish", priority=True),
        Binding("escape", "cancel", "forms.keys.cancel", id="setup.cancel"),
    ]

    def __init__(
        self,
        editor: SessionEditor | None,
        translate: Translator,
        config: Config | None = None,
        *,
        templates: Sequence[Template] | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__()
        self.editor = editor
        self.translate = translate
        self.config = config or Config()
        self.today = today or dt.date.today()
        if editor is not None:
            self.templates = [editor.template]
        else:
            self.templates = (
                list(templates)
                if templates is not None
                else available_templates(paths.config_dir())
            )
        self.session = editor.session if editor is not None else None
        self._template_index = 0
        """The template whose minutes the agenda shows."""
        self.guard = FormGuard(
            self,
            translate.language,
            lambda: copy.deepcopy(self._roster_people()),
            roster_kept(lambda: self.query_one(Roster)),
        )
        """Asks before Esc throws typing away; tells which fields were edited."""
        self.own_draft = NEW_SESSION if editor is None else None
        """The draft file its typing goes to: a new session has no journal (``step.drafts``)."""
        localize(self, translate)

    # Building ---------------------------------------------------------------------------------

    def _t(self, key: str, **fields: object) -> str:
        return self.translate(f"forms.setup.{key}", **fields)

    def _row(self, key: str, widget: Widget) -> ComposeResult:
        return field_row(key, self._t(key), widget)

    def compose(self) -> ComposeResult:
        session = self.session
        heading = "heading_edit" if session else "heading_new"
        yield Label(self._t(heading), id="setup-heading")
        with VerticalScroll(id="setup-form"):
            yield Label(self._t("basics"), classes="section")
            options = [
                (Text(f"{tpl.name.get(self.translate.language)} (v{tpl.version})"), i)
                for i, tpl in enumerate(self.templates)
            ]
            chooser = Select[int](
                options,
                allow_blank=False,
                value=0,
                id="field-template",
                compact=True,
                disabled=session is not None,
            )
            yield from self._row("template", chooser)
            yield from self._row("title", field_input("title", session.title if session else ""))
            yield from self._row("theme", field_input("theme", session.theme if session else ""))
            day = session.date if session else self.today
            yield from self._row("date", field_input("date", day.isoformat() if day else ""))
            start = session.start_time.strftime("%H:%M") if session and session.start_time else ""
            yield from self._row("start", field_input("start", start))
            end = session.end_time.strftime("%H:%M") if session and session.end_time else ""
            yield from self._row("end", field_input("end", end))
            for key in ("venue", "facilitator", "organiser", "writer"):
                yield from self._row(key, field_input(key, getattr(session, key, "")))
            yield Label(self._t("minutes"), classes="section")
            following = session.next_meeting if session else None
            next_day = following.date.isoformat() if following and following.date else ""
            yield from self._row("next_date", field_input("next_date", next_day))
            next_time = (
                following.start_time.strftime("%H:%M") if following and following.start_time else ""
            )
            yield from self._row("next_time", field_input("next_time", next_time))
            next_venue = following.venue if following else ""
            yield from self._row("next_venue", field_input("next_venue", next_venue))
            yield Label(self._t("distribution"), classes="hint")
            yield TextArea(session.distribution if session else "", id="field-distribution")
            yield Label(self._t("preparation"), classes="section")
            yield Label(self._t("purpose"), classes="hint")
            yield TextArea(session.purpose if session else "", id="field-purpose")
            needed = session.needed_parties if session else ""
            yield from self._row("needed_parties", field_input("needed_parties", needed))
            yield Label(self._t("agenda"), classes="section")
            for key in STEP_KEYS:
                with Horizontal(classes="row"):
                    yield Label(id=f"step-{key}", markup=False)
                    yield Input(
                        id=f"minutes-{key}",
                        classes="minutes",
                        compact=True,
                        restrict=r"\d{0,3}",
                        type="integer",
                    )
                yield Label(id=f"error-minutes-{key}", classes="error", markup=False)
            yield Label(id="setup-total")
            yield Label(self._t("roster"), classes="section")
            yield Roster(
                session.participants if session else [],
                self.translate,
                [
                    (key, self.config.party_label(key, self.translate.language))
                    for key in self.config.parties
                ],
                id="roster",
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self._show_template(0, keep_minutes=self.session is not None)
        self.query_one("#field-title", Input).focus()
        self.guard.remember()  # now: keys typed before the first frame are typing

    def _roster_people(self) -> list[Participant]:
        return self.query_one(Roster).participants

    def _show_template(self, index: int, *, keep_minutes: bool) -> None:
        template = self.templates[index]
        for number, key in enumerate(STEP_KEYS, start=1):
            step = template.step(key)
            label = f"{number}. {step.name.get(self.translate.language)}"
            self.query_one(f"#step-{key}", Label).update(label)
            minutes = (
                self.session.step(key).planned_minutes
                if keep_minutes and self.session
                else step.minutes
            )
            self.query_one(f"#minutes-{key}", Input).value = str(minutes)
        self._show_total()

    def _show_total(self) -> None:
        total = 0
        for key in STEP_KEYS:
            value = self.query_one(f"#minutes-{key}", Input).value
            total += int(value) if value.isdigit() else 0
        text = self._t("total", minutes=total, hours=total // 60, rest=total % 60)
        self.query_one("#setup-total", Label).update(text)

    # Events ------------------------------------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        # The chooser reports its first value once it is mounted: that is no choice of the
        # user's, and taking it as one put the template's minutes over the session's own.
        chosen = event.value
        chooser = event.select.id == "field-template"
        if chooser and isinstance(chosen, int) and chosen != self._template_index:
            self._template_index = chosen
            self._show_template(chosen, keep_minutes=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("minutes-"):
            self._show_total()
        if event.input.id:
            show_error(self, event.input.id.removeprefix("field-"), "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_cancel(self) -> None:
        """Esc: stop editing a roster row, else close; typing is thrown away only if asked."""
        roster = self.query_one(Roster)
        if roster.editing is None:
            self.guard.leave(lambda: self.dismiss(None))
        elif roster.row_edited():
            ask(self, self.translate.language, roster.cancel_edit)
        else:
            roster.cancel_edit()

    # Finishing ---------------------------------------------------------------------------------

    def _check(self) -> tuple[_Form, list[str]]:
        """The typed values of the form, and the keys of the fields in error."""
        form = _Form({key: field_value(self, key) for key in TEXT_FIELDS})
        wrong: dict[str, str] = {}
        if not form.texts["title"]:
            wrong["title"] = self.translate("forms.common.required")
        for key, attribute in (("date", "date"), ("next_date", "next_date")):
            try:
                setattr(form, attribute, parse_date(field_value(self, key), today=self.today))
            except DateError as error:
                wrong[key] = error.message(self.translate.language)
        for key in ("start", "end", "next_time"):
            try:
                setattr(form, key, parse_time(field_value(self, key)))
            except ValueError:
                wrong[key] = self.translate("forms.common.bad_time")
        for key in STEP_KEYS:
            text = self.query_one(f"#minutes-{key}", Input).value.strip() or "0"
            if text.isdigit() and int(text) <= MAX_MINUTES:
                form.minutes[key] = int(text)
            else:
                wrong[f"minutes-{key}"] = self.translate("forms.common.bad_minutes")
        checked = ("title", "date", "start", "end", "next_date", "next_time")
        for key in (*checked, *(f"minutes-{k}" for k in STEP_KEYS)):
            show_error(self, key, wrong.get(key, ""))
        return form, list(wrong)

    def action_finish(self) -> None:
        roster = self.query_one(Roster)
        if roster.row_pending() and not roster.submit_row():
            return  # a participant typed but not added is added, or the reason shown
        form, wrong = self._check()
        if wrong:
            first = wrong[0]
            target = f"#{first}" if first.startswith("minutes-") else f"#field-{first}"
            self.query_one(target).focus()
            self.notify(self.translate("forms.common.fix_errors"), severity="error")
            return
        if self.editor is not None and self.editor.read_only:
            self.notify(self.translate("forms.common.read_only"), severity="warning")
            self.dismiss(None)
            return
        session = self.session or self._new_session()
        if self.editor is not None:
            self.editor.edit("setup", lambda: self._apply(form, session), *setup_parts(session))
        else:
            self._apply(form, session)
        self.dismiss(session)

    def _apply(self, form: _Form, session: Session) -> None:
        """Put the fields typed in into ``session``; those left alone keep their exact value."""

        def edited(field_id: str) -> bool:
            return self.editor is None or self.guard.edited(field_id)

        for key in TEXT_FIELDS:
            if edited(f"field-{key}"):
                setattr(session, key, form.texts[key])
        if edited("field-date"):
            session.date = form.date
        if edited("field-start"):
            session.start_time = form.start
        if edited("field-end"):
            session.end_time = form.end
        following = session.next_meeting
        if edited("field-next_date"):
            following.date = form.next_date
        if edited("field-next_time"):
            following.start_time = form.next_time
        if edited("field-next_venue"):
            following.venue = field_value(self, "next_venue")
        if edited("field-purpose"):
            session.purpose = self.query_one("#field-purpose", TextArea).text.strip()
        distribution = self.query_one("#field-distribution", TextArea).text.strip()
        if edited("field-distribution") and distribution != session.distribution.strip():
            session.distribution = distribution
        for step in session.steps:
            if step.key in form.minutes and edited(f"minutes-{step.key}"):
                step.planned_minutes = form.minutes[step.key]
        session.participants = self.query_one(Roster).participants

    def _new_session(self) -> Session:
        chooser: Select[int] = self.query_one("#field-template", Select)
        index = chooser.value if isinstance(chooser.value, int) else 0
        template = self.templates[index]
        steps = [Step(key=key) for key in STEP_KEYS]
        return Session(
            title="",
            language=self.translate.language,
            template_id=template.id,
            template_version=template.version,
            steps=steps,
        )
