"""Provides the note commands of the step view: edit, delete, highlight, kind and move.

The note list posts ``NoteCommand`` for the note under its cursor; the step
screen hands it here, and the change goes through the ``SessionEditor`` (so
Ctrl+Z undoes it) before the list is redrawn.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.widget import Widget

from kumppani.editing.editor import SessionEditor
from kumppani.text.i18n import Translator
from kumppani.tui.dialogs.note_editor import NoteEditor
from kumppani.tui.messages import NoteCommand
from kumppani.tui.widgets.step.note_list import NoteList


def following_kind(kinds: Sequence[str], current: str) -> str:
    """The kind after ``current`` in ``kinds``, round; the first if ``current`` is not one."""
    return kinds[(kinds.index(current) + 1) % len(kinds)] if current in kinds else kinds[0]


def run_note_command(
    screen: Widget,
    editor: SessionEditor,
    translate: Translator,
    step_key: str,
    command: NoteCommand,
    notes: NoteList,
) -> None:
    """Carry out ``command`` on a note of step ``step_key``; ``screen`` shows dialog and notices."""
    key, note_id = step_key, command.note_id
    if command.action == "edit":
        note = editor.note(key, note_id)
        dialog = NoteEditor(
            translate("step.edit_title"),
            note.text,
            translate("dialog.save"),
            translate("dialog.cancel"),
            language=translate.language,
        )

        def edited(text: str | None) -> None:
            if text:
                editor.edit_note(key, note_id, text)
                notes.notes_changed()

        screen.app.push_screen(dialog, edited)
    elif command.action == "delete":
        editor.delete_note(key, note_id)
        notes.notes_changed()
        screen.notify(translate("step.note_deleted"))
    elif command.action == "highlight":
        editor.toggle_highlight(key, note_id)
        notes.refresh()
    elif command.action == "kind":
        kinds = editor.step_template(key).kinds
        editor.set_note_kind(key, note_id, following_kind(kinds, editor.note(key, note_id).kind))
        notes.refresh()
    elif command.action == "move":
        notes.cursor = editor.move_note(key, note_id, command.delta)
