"""Provides the journaling of typing not yet in the session (drafts), within a second of a key.

The capture line's text before Enter and the fields of an open form (the
session details with its roster, an action, an indicator, a round, a vote …)
are not in the session until Enter or the form's save. Their changes bubble
up to the app as Textual messages; ``DraftKeeping`` (mixed into the app)
hands each to the open session's recovery journal as a *draft*
(``storage.journal_drafts``), which the journal's flusher writes within about
a second of the last key:

* ``capture``: ``{"text": …, "step": …}``, the capture line and the step on
  screen at its last key. One draft, as the line is one: its text stays when
  another step is shown, and the note it becomes clears the draft in any step
  (older journals kept one ``capture:<step>`` per step: the newest is given back);
* ``form:<name>``: ``{"values": {field id: value}, "roster": [people],
  "where": {"step": …, "note": …, "item": …}}``: the fields changed since
  the form opened (``FormGuard.typed``; what the form showed from the session
  is in the session already), what the form holds beyond its fields if it was
  changed (``FormGuard.kept``: the roster, an indicator's readings, under their
  own key), and where the form was opened (the step on screen, the note under
  the cursor, the action or indicator edited), so that it can be opened there
  again.

A form of no open session says which file of its own its draft goes to
(``own_draft``, ``storage.draft_file``): the form that creates a new session,
and the dialog that asks who approves minutes from home. A form that is
closed has its draft removed within a second. After a crash,
``screens.step.reopen`` gives the drafts back, and the app's start offers the
files' drafts (``flows.recovery``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the widgets load with the first form or step view, not at start-up
    from textual.app import App
    from textual.screen import Screen
    from textual.widget import Widget
    from textual.widgets import Checkbox, Input, Select, SelectionList, TextArea

    from kumppani.editing.editor import SessionEditor
    from kumppani.storage.draft_file import DraftFile
    from kumppani.tui.widgets.forms.form_fields import KeptChanged
    from kumppani.tui.widgets.forms.roster import Roster

CAPTURE = "capture"
"""The key of the capture line's draft."""
CAPTURE_OF_STEP = "capture:"
"""How older journals keyed it: one per step (``capture:<step>``), read still."""
FORM = "form:"
PURGE_SECONDS = 1.0

Sink = Callable[[str, dict[str, Any]], None]
"""Where a draft goes: ``sink(key, table)`` (an empty table: gone)."""


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


def where_opened(screen: Screen[Any], app: App[Any]) -> dict[str, str]:
    """Where a form was opened: the step on screen, the note under the cursor, its item.

    A form that knows more of it (the file whose minutes are approved) says so in
    ``draft_where``.
    """
    from kumppani.tui.screens.step.screen import StepScreen
    from kumppani.tui.widgets.step.note_list import NoteList

    where: dict[str, str] = {}
    steps = [below for below in app.screen_stack if isinstance(below, StepScreen)]
    if steps:
        where["step"] = steps[-1].step_key
        note = steps[-1].query_one(NoteList).current
        if note is not None:
            where["note"] = note.id
    item = getattr(getattr(screen, "original", None), "id", None)
    if isinstance(item, str):
        where["item"] = item
    own = getattr(screen, "draft_where", None)
    if isinstance(own, dict):
        where.update({str(key): str(value) for key, value in own.items()})
    return where


def form_draft(screen: Screen[Any], app: App[Any]) -> dict[str, Any] | None:
    """The draft of a form: what was typed since it opened (empty: nothing); None while built."""
    from kumppani.tui.dialogs.discard import FormGuard

    guard = getattr(screen, "guard", None)
    if not isinstance(guard, FormGuard) or not guard.remembered:
        return None  # the form is being built: its fields are filled, nothing is typed yet
    table: dict[str, Any] = {}
    values = guard.typed()
    if values:
        table["values"] = values
    if guard.kept is not None and guard.extra_changed:  # the roster, the readings …
        table[guard.kept.key] = guard.kept.save()
    where = where_opened(screen, app) if table else {}
    if where:
        table["where"] = where
    return table


class DraftKeeping:
    """Mixed into the app: every change of a field reaches the journal as a draft."""

    _draft_forms: dict[Screen[Any], tuple[str, Sink]]
    """Each open form that has a draft: its key and where it goes (cleared once it closes).
    By the form, not its key: two forms of one kind (the details of a session, then a new
    session's) each clear their own draft."""

    def keep_drafts(self) -> None:
        """Start purging the drafts of closed forms (called once, when the app is running)."""
        from textual.app import App

        assert isinstance(self, App)
        self._draft_forms = {}
        self.draft_purge = self.set_interval(PURGE_SECONDS, self._purge_drafts, name="draft-purge")
        """The timer that clears the drafts of closed forms (tests pause it)."""

    def on_input_changed(self, event: Input.Changed) -> None:
        self._draft_changed(event.input)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._draft_changed(event.text_area)

    def on_select_changed(self, event: Select.Changed) -> None:
        self._draft_changed(event.select)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self._draft_changed(event.checkbox)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[Any]) -> None:
        self._draft_changed(event.selection_list)

    def on_roster_changed(self, event: Roster.Changed) -> None:
        self._draft_changed(event.roster)

    def on_kept_changed(self, event: KeptChanged) -> None:
        self._draft_changed(event.form)

    def _draft_changed(self, field: Widget) -> None:
        from kumppani.tui.screens.step.screen import StepScreen
        from kumppani.tui.widgets.step.capture_line import CaptureLine

        if not field.is_attached:
            return
        app, screen = field.app, field.screen
        if isinstance(screen, StepScreen):
            if isinstance(field, CaptureLine) and self._writable(screen.editor):
                assert screen.editor.journal is not None
                text = field.value
                line = {"text": text, "step": screen.step_key} if text else {}
                screen.editor.journal.draft(CAPTURE, line)
            return  # the step view's own texts are journaled as the session's changes
        sink = self._sink(app, screen)
        table = form_draft(screen, app) if sink is not None else None
        if sink is None or table is None:
            return
        key = FORM + type(screen).__name__
        sink(key, table)
        if hasattr(self, "_draft_forms"):
            for other, (other_key, other_sink) in list(self._draft_forms.items()):
                if other is not screen and (other_key, other_sink) == (key, sink):
                    del self._draft_forms[other]  # closed: this form's draft replaced its own
            self._draft_forms[screen] = (key, sink)

    @staticmethod
    def _writable(editor: SessionEditor | None) -> bool:
        return editor is not None and editor.journal is not None and not editor.read_only

    def _sink(self, app: App[Any], screen: Screen[Any]) -> Sink | None:
        """Where the drafts of ``screen`` go: a file of its own, or its session's journal."""
        own = getattr(screen, "own_draft", None)
        if isinstance(own, str):
            return self._file_sink(own)
        editor = _editor_of(app, screen)
        if self._writable(editor):
            assert editor is not None and editor.journal is not None
            return editor.journal.draft
        return None

    def draft_file(self, name: str) -> DraftFile:
        """This app's draft file called ``name`` (``storage.draft_file``), made on first use."""
        return self._own_draft(name)[0]

    def _file_sink(self, name: str) -> Sink:
        return self._own_draft(name)[1]

    def _own_draft(self, name: str) -> tuple[DraftFile, Sink]:
        from kumppani.storage.draft_file import DraftFile

        files: dict[str, tuple[DraftFile, Sink]] = self.__dict__.setdefault("_draft_files", {})
        if name not in files:
            draft = DraftFile(name)
            # One sink for each file: the purge tells forms apart by their key and sink.
            files[name] = (draft, lambda key, table: draft.set(table))
        return files[name]

    def _purge_drafts(self) -> None:
        """Forms that were closed: their drafts go."""
        for screen, (key, sink) in list(self._draft_forms.items()):
            if not screen.is_attached:
                sink(key, {})
                del self._draft_forms[screen]

    def own_draft_closed(self, name: str) -> None:
        """A form with a draft file of its own closed (the session created, the minutes
        approved, or the typing discarded): the file goes now, not within a second, so that
        the form opened again at once does not find it."""
        draft = self.draft_file(name)
        draft.set({})
        draft.flush()

    def flush_drafts(self) -> None:
        """Write the drafts kept in files now (the app is ending on an error)."""
        for draft, _ in self.__dict__.get("_draft_files", {}).values():
            draft.flush()
