"""Provides giving typing back after a crash: the capture line refilled, a form opened again.

``give_back`` runs once a recovered session's step view shows, with the
drafts its journal held (``screens.step.drafts``). The capture line's text
goes back into the capture line, at the step of its last key. A form is
opened again the way the user opened it (the session details, an action or
indicator of the plan with its readings, a round, a vote, a note's group or
text, the summary with its export path), at the step and on the note it was
opened from, and what was typed is put back into its fields (``refill``): the
form shows it as changed, so saving keeps it and Esc asks before throwing it
away. A form that cannot be opened again (its note is gone, nobody is
present for a round) is shown as text to copy from, as is any further form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kumppani.text.i18n import Translator
from kumppani.tui.screens.step.drafts import CAPTURE, CAPTURE_OF_STEP, FORM

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from kumppani.tui.screens.step.screen import StepScreen


def refill(form: Screen[Any], fields: dict[str, Any]) -> bool:
    """Put a form's draft back into ``form`` once it is drawn; False if it has no guard."""
    from kumppani.tui.dialogs.discard import FormGuard

    guard = getattr(form, "guard", None)
    if not isinstance(guard, FormGuard):
        return False
    guard.give_back(fields)
    return True


OPENED = (
    "SetupScreen",
    "ActionEditor",
    "IndicatorEditor",
    "RoundDialog",
    "VoteDialog",
    "GroupDialog",
    "NoteEditor",
    "SummaryScreen",
)
"""The forms that are opened again after a crash (``_openers`` says how)."""


def _openers(screen: StepScreen, where: dict[str, str]) -> dict[str, Callable[[], object]]:
    """How each form is opened, as the user opens it, from the step view."""
    from kumppani.tui.messages import NoteCommand

    note = where.get("note", "")
    has_note = any(item.id == note for item in screen.current_step.notes)

    def plan(step_key: str) -> Callable[[], object]:
        def open_item() -> None:
            _go_to(screen, step_key)
            screen.panels.edit_plan(where.get("item"))

        return open_item

    def round_dialog() -> None:
        if screen.current_step.current_round is None:  # Ctrl+R would end the one running
            screen.roundtable.toggle_round()

    def group() -> None:
        if has_note:
            screen.roundtable.open_group(note)

    def note_text() -> None:
        if has_note:
            screen.on_note_command(NoteCommand("edit", note))

    return {
        "SetupScreen": screen.action_details,
        "ActionEditor": plan("solutions"),
        "IndicatorEditor": plan("followup"),
        "RoundDialog": round_dialog,
        "VoteDialog": screen.roundtable.open_vote,
        "GroupDialog": group,
        "NoteEditor": note_text,
        "SummaryScreen": screen.action_summary,
    }


def _go_to(screen: StepScreen, step_key: str | None) -> None:
    keys = [step.key for step in screen.editor.session.steps]
    if step_key in keys and step_key != screen.step_key:
        screen.show_step(keys.index(step_key))


def reopen(app: App[Any], screen: StepScreen, name: str, fields: dict[str, Any]) -> bool:
    """Open the form ``name`` again over ``screen`` with its draft in place; False if not."""
    where = fields.get("where", {})
    where = (
        {str(key): str(value) for key, value in where.items()} if isinstance(where, dict) else {}
    )
    if name not in OPENED:
        return False
    _go_to(screen, where.get("step"))
    opener = _openers(screen, where)[name]
    below = app.screen
    opener()
    form = app.screen
    if form is below or type(form).__name__ != name:
        return False
    return refill(form, fields)


def give_back(app: App[Any], drafts: dict[str, dict[str, Any]]) -> None:
    """Put recovered drafts where they were: the capture line, a form opened again."""
    from kumppani.tui.screens.step.screen import StepScreen
    from kumppani.tui.widgets.step.capture_line import CaptureLine

    screen = app.screen
    if not isinstance(screen, StepScreen):
        return
    captures = [
        (key, fields)
        for key, fields in drafts.items()
        if key == CAPTURE or key.startswith(CAPTURE_OF_STEP)
    ]
    if captures:  # the newest: older journals kept one per step, the line is one
        key, fields = captures[-1]
        step = fields.get("step") if key == CAPTURE else key[len(CAPTURE_OF_STEP) :]
        _go_to(screen, step if isinstance(step, str) else None)
        capture = screen.query_one(CaptureLine)
        capture.value = str(fields.get("text", ""))
        capture.cursor_position = len(capture.value)
    forms = [(key[len(FORM) :], fields) for key, fields in drafts.items() if key.startswith(FORM)]
    left = [fields for name, fields in forms]
    for index, (name, fields) in enumerate(forms):
        if reopen(app, screen, name, fields):
            del left[index]
            break
    if left:
        _show_as_text(app, left)


def _show_as_text(app: App[Any], forms: list[dict[str, Any]]) -> None:
    """Forms that could not be opened again: what was typed in them, to copy from."""
    from kumppani.tui.dialogs.error import ErrorDialog

    translate = getattr(app, "translate", None) or Translator()
    lines: list[str] = []
    for fields in forms:
        values = fields.get("values", {})
        texts = values.values() if isinstance(values, dict) else []
        lines += [value for value in texts if isinstance(value, str) and value.strip()]
        people = fields.get("roster", [])
        people = people if isinstance(people, list) else []
        lines += [
            str(person.get("name", "")) if isinstance(person, dict) else str(person)
            for person in people
        ]
    if lines:
        dialog = ErrorDialog(
            translate("journal.drafts.title"),
            translate("journal.drafts.form"),
            "\n".join(lines),
            translate("dialog.ok"),
        )
        app.push_screen(dialog)
