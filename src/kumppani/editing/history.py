"""Provides the undo and redo history of an open session: one list of changes, two ways.

Every edit the ``SessionEditor`` makes is kept as a ``Change``: what it was
(a key such as ``note_add``, named to the user as "Kumottu: muistiinpanon
lisäys"), how to take it back (``undo``) and how to make it again (``redo``).
Undoing moves a change to the redo stack; redoing moves it back. A new edit
clears the redo stack. What an edit set off by itself (the first note starts
the meeting: the session is in progress) is ``attach``-ed to it, so one undo
takes both back. Typing into one field (a conclusion, a win-win side)
is one change however many keystrokes it took: a change with the same
``merge`` key as the latest one extends it instead of piling up.

The history only holds the callables; the editor runs them under its lock
and records the result as a change of the session. No UI here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

MAX_UNDO = 200
"""How many changes can be undone."""


@dataclass
class Change:
    """One edit that can be undone and made again."""

    what: str
    """The kind of change, the key of its name (``undo.<what>`` in the locales)."""
    undo: Callable[[], None]
    redo: Callable[[], None]
    merge: object = None
    """Changes with the same non-None key in a row are one change (typing into one field)."""
    following: list[tuple[Callable[[], None], Callable[[], None]]] = field(default_factory=list)
    """What the change set off (``History.attach``): (undo, redo), taken back with it."""

    def take_back(self) -> None:
        """Undo the change and what it set off, the latest first."""
        for undo, _ in reversed(self.following):
            undo()
        self.undo()

    def make_again(self) -> None:
        """Redo the change and what it set off, in the order they happened."""
        self.redo()
        for _, redo in self.following:
            redo()


@dataclass
class History:
    """The changes that can be undone, newest last, and those undone that can be redone."""

    limit: int = MAX_UNDO
    _undo: list[Change] = field(default_factory=list)
    _redo: list[Change] = field(default_factory=list)

    @property
    def can_undo(self) -> bool:
        """True when there is a change to undo."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """True when there is an undone change to make again."""
        return bool(self._redo)

    def push(self, change: Change) -> None:
        """Keep a new edit (already made); the redo stack is cleared."""
        self._redo.clear()
        latest = self._undo[-1] if self._undo else None
        if latest is not None and change.merge is not None and latest.merge == change.merge:
            latest.redo = change.redo  # one change from the first keystroke to the last
            return
        self._undo.append(change)
        del self._undo[: -self.limit]

    def attach(self, undo: Callable[[], None], redo: Callable[[], None]) -> None:
        """Make a change the latest edit set off part of it: one undo takes both back."""
        if self._undo:
            self._undo[-1].following.append((undo, redo))

    def take_undo(self) -> Change | None:
        """The change to undo now (moved to the redo stack), or None."""
        if not self._undo:
            return None
        change = self._undo.pop()
        change.merge = None  # typing after an undo is a change of its own
        self._redo.append(change)
        return change

    def take_redo(self) -> Change | None:
        """The change to make again now (moved back to the undo stack), or None."""
        if not self._redo:
            return None
        change = self._redo.pop()
        self._undo.append(change)
        return change

    def clear(self) -> None:
        """Forget everything (the session was replaced by the file on disk)."""
        self._undo.clear()
        self._redo.clear()
