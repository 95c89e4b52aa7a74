"""Provides the journaling of typing not yet in the session, and giving it back after a crash.

The capture line's text before Enter and the fields of an open form (the
session details with its roster, an action, an indicator, a vote …) are not
in the session until Enter or the form's save. Their changes bubble up to the
app as Textual messages; ``DraftKeeping`` (mixed into the app) hands each to
the open session's recovery journal as a *draft* (``storage.journal_drafts``),
which the journal's flusher writes within about a second of the last key:

* ``capture:<step>``: ``{"text": …}``, the capture line of that step;
* ``form:<name>``: ``{"values": {field id: text}, "roster": [names]}``, what
  was typed into the form on top: each field whose text differs from what the
  form opened with, and the roster's names it did not open with (a name still
  in the roster's name field is a field like any other). What the form showed
  from the session is in the session already; journaled too, it buried the
  typing at the end of a dialog longer than the screen. A form that is closed
  has its draft removed within a second.

``give_back`` runs after a recovery: the capture text is put back into the
capture line of its step, and what was typed in a form is shown in a dialog
to copy from (the form itself is gone with the crash).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from kumppani.text.i18n import Translator

if TYPE_CHECKING:  # the widgets load with the first form or step view, not at start-up
    from textual.app import App
    from textual.screen import Screen
    from textual.widget import Widget
    from textual.widgets import Input, TextArea

    from kumppani.editing.editor import SessionEditor

CAPTURE = "capture:"
FORM = "form:"
PURGE_SECONDS = 1.0


def _editor_of(app: App[Any], screen: Screen[Any]) -> SessionEditor | None:
    """The open session a screen belongs to: its own, else the step view below it."""
    from kumppani.editing.editor import SessionEditor  # loaded once a session is open
    from kumppani.tui.screens.step.screen import StepScreen

    stack = app.screen_stack
    below = stack[: stack.index(screen) + 1] if screen in stack else stack
    for candidate in reversed(below):
        editor = getattr(candidate, "editor", None)
        if isinstance(candidate, StepScreen) or isinstance(editor, SessionEditor):
            return editor if isinstance(editor, SessionEditor) else None
    return None


def form_values(screen: Screen[Any]) -> dict[str, Any]:
    """Every filled field of ``screen`` by id, and the names in its roster if it has one."""
    from textual.widgets import Input

    from kumppani.tui.widgets.forms.roster import Roster

    values: dict[str, str] = {}
    for field in screen.query("Input, TextArea"):
        text = field.value if isinstance(field, Input) else getattr(field, "text", "")
        if field.id and isinstance(text, str) and text.strip():
            values[field.id] = text
    table: dict[str, Any] = {}
    if values:
        table["values"] = values
    rosters = list(screen.query(Roster))
    names = [person.name for roster in rosters for person in roster.participants]
    if names:
        table["roster"] = names
    return table


def typed(now: dict[str, Any], start: dict[str, Any]) -> dict[str, Any]:
    """What of ``form_values`` ``now`` was not there at ``start``: the typing to keep."""
    was = start.get("values", {})
    values = {key: text for key, text in now.get("values", {}).items() if was.get(key) != text}
    had = set(start.get("roster", []))
    names = [name for name in now.get("roster", []) if name not in had]
    table: dict[str, Any] = {}
    if values:
        table["values"] = values
    if names:
        table["roster"] = names
    return table


class DraftKeeping:
    """Mixed into the app: every change of a text field reaches the journal as a draft."""

    _draft_forms: dict[str, tuple[Screen[Any], SessionEditor]]
    _form_starts: WeakKeyDictionary[Screen[Any], dict[str, Any]]
    """Each open form's ``form_values`` once it was built, before anything was typed."""

    def keep_drafts(self) -> None:
        """Start watching forms open (called once, when the app is running)."""
        from textual.app import App

        assert isinstance(self, App)
        self._form_starts = WeakKeyDictionary()
        self.screen_change_signal.subscribe(self, self._form_shown, immediate=True)

    def _form_shown(self, screen: Screen[Any]) -> None:
        from kumppani.tui.screens.step.screen import StepScreen

        if not isinstance(screen, StepScreen) and screen not in self._form_starts:
            # After its mount (which fills fields, e.g. the details' planned minutes) and
            # first refresh: what it opened with. Changes before that are not typing.
            screen.call_after_refresh(self._remember_start, screen)

    def _remember_start(self, screen: Screen[Any]) -> None:
        self._form_starts.setdefault(screen, form_values(screen))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._draft_changed(event.input)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._draft_changed(event.text_area)

    def _draft_changed(self, field: Widget) -> None:
        from kumppani.tui.screens.step.screen import StepScreen
        from kumppani.tui.widgets.step.capture_line import CaptureLine

        app = field.app
        screen = field.screen
        editor = _editor_of(app, screen)
        if editor is None or editor.journal is None or editor.read_only:
            return
        if isinstance(field, CaptureLine) and isinstance(screen, StepScreen):
            text = field.value
            editor.journal.draft(CAPTURE + screen.step_key, {"text": text} if text else {})
            return
        if isinstance(screen, StepScreen):
            return  # the step view's own texts are journaled as the session's changes
        start = getattr(self, "_form_starts", {}).get(screen)
        if start is None:
            return  # the form is being built: its fields are filled, nothing is typed yet
        key = FORM + type(screen).__name__
        editor.journal.draft(key, typed(form_values(screen), start))
        if not hasattr(self, "_draft_forms"):
            self._draft_forms = {}
            app.set_interval(PURGE_SECONDS, self._purge_drafts, name="draft-purge")
        self._draft_forms[key] = (screen, editor)

    def _purge_drafts(self) -> None:
        """Forms that were closed: their drafts go."""
        for key, (screen, editor) in list(self._draft_forms.items()):
            if not screen.is_attached and editor.journal is not None:
                editor.journal.draft(key, {})
                del self._draft_forms[key]


def give_back(app: App[Any], drafts: dict[str, dict[str, Any]]) -> None:
    """Put recovered drafts where they were: the capture line; a form's text in a dialog."""
    translate = getattr(app, "translate", None) or Translator()
    from kumppani.tui.dialogs.error import ErrorDialog
    from kumppani.tui.screens.step.screen import StepScreen
    from kumppani.tui.widgets.step.capture_line import CaptureLine

    screen = app.screen
    lines: list[str] = []
    for key, fields in drafts.items():
        if key.startswith(CAPTURE) and isinstance(screen, StepScreen):
            keys = [step.key for step in screen.editor.session.steps]
            step = key[len(CAPTURE) :]
            if step in keys and step != screen.step_key:
                screen.show_step(keys.index(step))
            capture = screen.query_one(CaptureLine)
            capture.value = str(fields.get("text", ""))
            capture.cursor_position = len(capture.value)
        elif key.startswith(FORM):
            values = fields.get("values", {})
            lines += [str(value) for value in values.values()] if isinstance(values, dict) else []
            roster = fields.get("roster", [])
            lines += [str(name) for name in roster] if isinstance(roster, list) else []
    if lines:
        app.push_screen(
            ErrorDialog(
                translate("journal.drafts.title"),
                translate("journal.drafts.form"),
                "\n".join(lines),
                translate("dialog.ok"),
            )
        )
