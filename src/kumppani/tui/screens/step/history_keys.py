"""Provides Ctrl+Z and Ctrl+Y of the step view: undo or redo the latest change, and name it.

The editor keeps one history of every change (``kumppani.editing.history``);
this takes a change back or makes it again and says which it was, in the
user's language ("Kumottu: muistiinpanon lisäys" / "Tehty uudelleen: …").
The step view redraws what the change touched.
"""

from __future__ import annotations

from textual.widget import Widget

from kumppani.editing.editor import SessionEditor
from kumppani.text.i18n import Translator

WAYS = {
    "undo": ("step.undone", "step.nothing_to_undo"),
    "redo": ("step.redone", "step.nothing_to_redo"),
}
"""The notice for each way: when a change was undone or redone, and when there was none."""


def undo_or_redo(view: Widget, editor: SessionEditor, translate: Translator, way: str) -> str:
    """Undo (``way="undo"``) or redo the latest change; return what it was, "" if none."""
    done, nothing = WAYS[way]
    what = editor.undo() if way == "undo" else editor.redo()
    if what is None:
        view.notify(translate(nothing))
        return ""
    view.notify(translate(done, what=translate(f"undo.{what}")), markup=False)
    return what
