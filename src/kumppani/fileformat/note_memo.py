"""Provides the note memo: each note's encoded table kept until the note changes (issue 14).

A save of a session with one note edited used to encode every note into a
new table, and find every note's checked fragment (``fileformat.fragments``)
by a ``repr`` of that table: most of its time, and all of it Python holding
the interpreter lock. Here a note's table is kept with the values it was
made of; while the note holds the very same values (compared by identity:
an edit always assigns a new object), the same table is handed out again.
Such a table is never changed (it is frozen in the fragment cache), so its
checked fragment is found by identity too, without a ``repr``. A changed
note gets a new table, which is dumped and checked as before.

A note with unknown keys (``extra``, a mutable dict) is encoded every time.
The values are read from the note once, and the table is made from what was
read: a note edited meanwhile (saves run in a thread) is seen as changed at
the next save.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable
from operator import attrgetter, is_
from typing import Any

from kumppani.fileformat.fragments import FRAGMENTS, FragmentCache
from kumppani.session.model import Note

Table = dict[str, Any]
Values = tuple[Any, ...]

note_values = attrgetter(
    "id", "text", "kind", "party", "participant", "group", "highlight", "votes", "created"
)
"""What a note's table is made of, but its ``extra``: read in one go."""

MEMO_SIZE = 30_000
"""Notes kept; past this the memo starts again empty (a few large sessions fit)."""


class _Entry:
    __slots__ = ("note", "table", "values")

    def __init__(self, note: weakref.ref[Note], values: Values, table: Table) -> None:
        self.note = note
        """The note, weakly: the memo keeps no note of a closed session alive."""
        self.values = values
        self.table = table


class NoteMemo:
    """Encoded notes by note object, each valid while the note holds the same values."""

    def __init__(self, fragments: FragmentCache = FRAGMENTS, size: int = MEMO_SIZE) -> None:
        self.fragments = fragments
        self.size = size
        self._entries: dict[int, _Entry] = {}
        self._lock = threading.Lock()
        self.made = 0
        """Tables made so far (a miss each; for tests and benchmarks)."""

    def table(
        self, note: Note, values: Values, encode: Callable[[Values, dict[str, Any]], Table]
    ) -> Table:
        """The table of ``note``, whose values (read once) are ``values``: kept or made."""
        if note.extra:
            return encode(values, note.extra)
        key = id(note)
        entry = self._entries.get(key)
        if entry is not None and entry.note() is note and all(map(is_, entry.values, values)):
            return entry.table
        table = encode(values, {})
        with self._lock:
            self.made += 1
            if len(self._entries) >= self.size:
                self.clear_locked()
            old = self._entries.get(key)
            gone = weakref.ref(note, lambda ref: self._gone(key, ref))
            self._entries[key] = _Entry(gone, values, table)
        self.fragments.freeze(table)
        if old is not None:
            self.fragments.thaw(old.table)
        return table

    def _gone(self, key: int, ref: weakref.ref[Note]) -> None:
        """A note was let go of: so is its entry (no lock: this may run inside a locked part)."""
        entry = self._entries.get(key)
        if entry is not None and entry.note is ref:
            self._entries.pop(key, None)
            self.fragments.thaw(entry.table)

    def unknown(self, notes: Iterable[Note], enough: int) -> int:
        """How many of ``notes`` a save would encode anew; counting stops at ``enough``."""
        count = 0
        entries = self._entries
        for note in notes:
            entry = entries.get(id(note))
            if (
                entry is None
                or entry.note() is not note
                or note.extra
                or not all(map(is_, entry.values, note_values(note)))
            ):
                count += 1
                if count >= enough:
                    break
        return count

    def clear(self) -> None:
        """Forget every note."""
        with self._lock:
            self.clear_locked()

    def clear_locked(self) -> None:
        for entry in list(self._entries.values()):
            self.fragments.thaw(entry.table)
        self._entries.clear()

    def fresh_lock(self) -> None:
        """Take a new lock (in a forked child, where another thread may have held the old)."""
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)


NOTES = NoteMemo()
"""The process's memo: saves of the same session (autosave, Ctrl+S) share it."""
