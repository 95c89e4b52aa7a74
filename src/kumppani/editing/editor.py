"""Provides the editing core: every change to an open session, each one undoable and redoable.

The TUI never mutates a ``Session`` behind the editor's back: it calls these
methods, or hands a change of whole parts of the session (a form, a round, a
vote) to ``edit``, so that the revision counter, ``session.modified``, the
undo history and the autosave listeners all see every change. Saving and the
file are ``SessionDocument``'s (``kumppani.editing.document``). No Textual
here: the editor is plain Python and unit tested on its own.

Undo is one mechanism, ``kumppani.editing.history``: every edit is a change
with an ``undo`` and a ``redo``. The frequent ones (a note added, its text,
a conclusion typed) are small commands that cost the same in a 10-note and a
10,000-note step; the rest (forms, rounds, votes, groups) keep copies of the
parts they touch, before and after. A change that changed nothing (a form
saved as it was) is not a change: the session and its file stay as they are.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from kumppani.editing.document import (
    LIGHT_CHANGES,
    ReadOnlyError,
    SessionDocument,
    template_for,
)
from kumppani.editing.history import Change, History
from kumppani.session.model import Note, Session
from kumppani.session.vocabulary import StepStatus
from kumppani.storage.files import Snapshot
from kumppani.storage.journal import Piece
from kumppani.text.safe import same_lines

__all__ = ["LIGHT_CHANGES", "Part", "ReadOnlyError", "SessionEditor", "template_for"]

Part = tuple[Any, str]
"""An attribute of an object of the session, e.g. ``(step, "rounds")`` or ``(session, "title")``."""

Result = TypeVar("Result")

NOTE_CHANGES = frozenset({"note_add", "edit", "kind", "highlight", "delete", "move", "attribution"})
"""Changes of notes, recorded as ``changed("note")`` (adding, removing and moving bump the
structure count themselves)."""


@dataclass
class SessionEditor(SessionDocument):
    """One open session: its edits, with undo and redo, on top of its file and saving."""

    history: History = field(default_factory=History, repr=False)
    """The changes that can be undone and redone."""

    # -- undo and redo -----------------------------------------------------------------------
    def record(
        self,
        what: str,
        undo: Callable[[], None],
        redo: Callable[[], None],
        *pieces: Piece,
        merge: object = None,
    ) -> None:
        """Keep an edit already made to the session as undoable, and record it as a change."""
        self.history.push(Change(what, undo, redo, merge))
        self.changed("note" if what in NOTE_CHANGES else what, *pieces)

    @property
    def can_undo(self) -> bool:
        """True when there is something to undo."""
        return self.history.can_undo

    @property
    def can_redo(self) -> bool:
        """True when there is something to redo."""
        return self.history.can_redo

    def undo(self) -> str | None:
        """Undo the latest change; return what it was, None if there is nothing to undo."""
        self._check_writable()
        change = self.history.take_undo()
        if change is None:
            return None
        with self.lock:
            self._structure += 1
            change.take_back()
        self.changed("undo")
        return change.what

    def redo(self) -> str | None:
        """Make the latest undone change again; return what it was, None if there is none."""
        self._check_writable()
        change = self.history.take_redo()
        if change is None:
            return None
        with self.lock:
            self._structure += 1
            change.make_again()
        self.changed("redo")
        return change.what

    def edit(self, what: str, change: Callable[[], Result], *parts: Part) -> Result:
        """Run ``change`` on the session, undoably: ``parts`` are what it may touch.

        The parts are copied before and after; undo and redo put copies of them back.
        If ``change`` left every part equal, nothing is recorded and the session (its
        ``modified`` time included) stays as it was: a form saved unchanged is no change.
        """
        self._check_writable()
        before = [copy.deepcopy(getattr(owner, name)) for owner, name in parts]
        with self.lock:
            result = change()
        after = [copy.deepcopy(getattr(owner, name)) for owner, name in parts]
        if before == after:
            return result
        self.record(what, lambda: _put(parts, before), lambda: _put(parts, after))
        return result

    def adopt_file(self, snapshot: Snapshot, data: bytes) -> None:
        """Replace the session by the file as read (``reload`` too); nothing to undo."""
        super().adopt_file(snapshot, data)
        self.history.clear()

    def adopt_merge(self, session: Session, snapshot: Snapshot, data: bytes) -> None:
        """Go on with the merge of mine and the file; the edits before it cannot be undone."""
        super().adopt_merge(session, snapshot, data)
        self.history.clear()

    # -- notes -------------------------------------------------------------------------------
    def note_index(self, step_key: str, note_id: str) -> int:
        """The position of a note in its step; KeyError if it is not there."""
        for index, note in enumerate(self.step(step_key).notes):
            if note.id == note_id:
                return index
        raise KeyError(note_id)

    def note(self, step_key: str, note_id: str) -> Note:
        """The note with this id in the step."""
        return self.step(step_key).notes[self.note_index(step_key, note_id)]

    def add_note(
        self,
        step_key: str,
        text: str,
        *,
        kind: str | None = None,
        party: str = "",
        participant: str = "",
    ) -> Note:
        """Append a note; its kind defaults to the step's default kind in the template."""
        self._check_writable()
        note = Note(
            text=text,
            kind=kind or self.step_template(step_key).default_kind,
            party=party,
            participant=participant,
        )
        step = self.step(step_key)
        old_status = step.status
        new_status = StepStatus.IN_PROGRESS if old_status == StepStatus.NOT_STARTED else old_status

        def add() -> None:
            step.notes.append(note)
            step.status = new_status

        def take_back() -> None:
            if step.notes and step.notes[-1] is note:
                step.notes.pop()
            else:
                step.notes[:] = [other for other in step.notes if other is not note]
            step.status = old_status

        with self.lock:
            self._structure += 1
            add()
            index = len(step.notes) - 1
        pieces = (Piece("note", step_key, note, index=index), Piece("step", step_key))
        self.record("note_add", take_back, add, *pieces)
        return note

    def edit_note(self, step_key: str, note_id: str, text: str) -> None:
        """Replace a note's text."""
        self._set(self.note(step_key, note_id), "text", text, "edit", step_key)

    def set_note_kind(self, step_key: str, note_id: str, kind: str) -> None:
        """Change a note's kind."""
        self._set(self.note(step_key, note_id), "kind", kind, "kind", step_key)

    def toggle_highlight(self, step_key: str, note_id: str) -> bool:
        """Mark or unmark a note as a key highlight (nosto); return the new state."""
        note = self.note(step_key, note_id)
        self._set(note, "highlight", not note.highlight, "highlight", step_key)
        return note.highlight

    def _set(self, note: Note, name: str, value: object, what: str, step_key: str) -> None:
        self._check_writable()
        old = getattr(note, name)
        if old == value:
            return

        def put(new: object) -> Callable[[], None]:
            return lambda: setattr(note, name, new)

        with self.lock:
            setattr(note, name, value)
        self.record(what, put(old), put(value), Piece("note", step_key, note))

    def set_note_attribution(
        self, step_key: str, note_id: str, party: str, participant: str
    ) -> None:
        """Credit a note to ``participant`` (``""``: nobody) of ``party`` (undoable)."""
        self._check_writable()
        note = self.note(step_key, note_id)
        old = (note.party, note.participant)
        if old == (party, participant):
            return

        def put(new: tuple[str, str]) -> Callable[[], None]:
            def apply() -> None:
                note.party, note.participant = new

            return apply

        with self.lock:
            note.party, note.participant = party, participant
        self.record(
            "attribution", put(old), put((party, participant)), Piece("note", step_key, note)
        )

    def delete_note(self, step_key: str, note_id: str) -> Note:
        """Remove a note (undo brings it back at the same place)."""
        self._check_writable()
        notes = self.step(step_key).notes
        index = self.note_index(step_key, note_id)
        with self.lock:
            self._structure += 1
            note = notes.pop(index)

        def restore() -> None:
            notes.insert(min(index, len(notes)), note)

        def remove() -> None:
            notes[:] = [other for other in notes if other is not note]

        self.record("delete", restore, remove, Piece("note_delete", step_key, note_id=note_id))
        return note

    def move_note(self, step_key: str, note_id: str, delta: int) -> int:
        """Move a note ``delta`` places (clamped); return its new index."""
        self._check_writable()
        notes = self.step(step_key).notes
        index = self.note_index(step_key, note_id)
        target = max(0, min(len(notes) - 1, index + delta))
        if target == index:
            return index
        with self.lock:
            self._structure += 1
            notes.insert(target, notes.pop(index))

        def restore() -> None:
            notes.insert(index, notes.pop(target))

        def again() -> None:
            notes.insert(target, notes.pop(index))

        self.record("move", restore, again, Piece("note", step_key, notes[target], index=target))
        return target

    # -- steps -------------------------------------------------------------------------------
    def set_conclusion(self, step_key: str, text: str) -> None:
        """Set the step's agreed conclusion (johtopäätös); typing on is one change."""
        step = self.step(step_key)
        if not same_lines(step.conclusion, text):
            piece = Piece("step", step_key)
            self._type(step, "conclusion", text, "conclusion", piece)

    def set_step_status(self, step_key: str, status: StepStatus) -> None:
        """Set where a step is."""
        self._check_writable()
        step = self.step(step_key)
        old = step.status
        if old == status:
            return

        def put(new: StepStatus) -> Callable[[], None]:
            return lambda: setattr(step, "status", new)

        with self.lock:
            step.status = status
        self.record("status", put(old), put(status), Piece("step", step_key))

    def add_spent_seconds(self, step_key: str, seconds: int) -> None:
        """Add time spent in a step (the timer calls this once a second; not undone)."""
        self._check_writable()
        step = self.step(step_key)
        with self.lock:
            step.spent_seconds = max(0, step.spent_seconds + seconds)
        self.changed("time", Piece("step", step_key))

    def set_winwin(self, field_name: str, text: str) -> None:
        """Set one side of step 3's win-win (``state_gains``, ``city_gains`` …)."""
        winwin = self.session.winwin
        if not same_lines(getattr(winwin, field_name), text):
            self._type(winwin, field_name, text, "winwin", Piece("winwin"))

    def set_step_text(self, field_name: str, text: str) -> None:
        """Set step 4's ``shared_message`` or step 5's ``followup_plan``."""
        if field_name not in ("shared_message", "followup_plan"):
            raise ValueError(field_name)
        if not same_lines(getattr(self.session, field_name), text):
            piece = Piece("text", field=field_name)
            self._type(self.session, field_name, text, field_name, piece)

    def _type(self, owner: object, name: str, text: str, what: str, piece: Piece) -> None:
        """Set a text typed into a field: the keystrokes in a row undo as one change."""
        self._check_writable()
        old = getattr(owner, name)

        def put(new: str) -> Callable[[], None]:
            return lambda: setattr(owner, name, new)

        with self.lock:
            setattr(owner, name, text)
        self.record(what, put(old), put(text), piece, merge=(id(owner), name))


def _put(parts: tuple[Part, ...], values: list[Any]) -> None:
    """Put copies of ``values`` into ``parts``; a list is filled in place (views hold it)."""
    for (owner, name), value in zip(parts, values, strict=True):
        fresh = copy.deepcopy(value)
        current = getattr(owner, name)
        if isinstance(current, list) and isinstance(fresh, list):
            current[:] = fresh
        else:
            setattr(owner, name, fresh)
