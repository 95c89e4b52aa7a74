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
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from operator import attrgetter, is_
from typing import Any

from kumppani.fileformat.fragments import FRAGMENTS, FragmentCache
from kumppani.fileformat.pacing import checkpoint
from kumppani.fileformat.runs import RUN, Run, RunList
from kumppani.session.model import Note

Table = dict[str, Any]
Values = tuple[Any, ...]

note_values = attrgetter(
    "id", "text", "kind", "party", "participant", "group", "highlight", "votes", "created"
)
"""What a note's table is made of, but its ``extra``: read in one go."""
_extra = attrgetter("extra")

MEMO_SIZE = 30_000
"""Notes kept; past this the memo starts again empty (a few large sessions fit)."""


class _Entry:
    __slots__ = ("note", "table", "values")

    def __init__(self, note: weakref.ref[Note], values: Values, table: Table) -> None:
        self.note = note
        """The note, weakly: the memo keeps no note of a closed session alive."""
        self.values = values
        self.table = table


class _Piece:
    """One run of a step's notes as last encoded: its notes, their values, the run."""

    __slots__ = ("flat", "notes", "run")

    def __init__(self, notes: list[Note], values: list[Values], run: Run) -> None:
        self.notes = notes
        self.flat = tuple(chain.from_iterable(values))
        self.run = run

    def holds(self, notes: list[Note], values: list[Values]) -> bool:
        """Whether ``notes`` are this run's very notes, holding the very same values."""
        return (
            len(notes) == len(self.notes)
            and all(map(is_, notes, self.notes))
            and all(map(is_, chain.from_iterable(values), self.flat))
        )


class _Array:
    """The runs a step's notes were last encoded in, while the step lives."""

    __slots__ = ("owner", "pieces")

    def __init__(self, owner: weakref.ref[Any]) -> None:
        self.owner = owner
        self.pieces: list[_Piece] = []


class NoteMemo:
    """Encoded notes by note object, each valid while the note holds the same values."""

    def __init__(self, fragments: FragmentCache = FRAGMENTS, size: int = MEMO_SIZE) -> None:
        self.fragments = fragments
        self.size = size
        self._entries: dict[int, _Entry] = {}
        self._arrays: dict[int, _Array] = {}
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
        checkpoint()  # a note encoded anew: a piece of its own
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

    def array(
        self,
        owner: object,
        notes: Sequence[Note],
        encode: Callable[[Values, dict[str, Any]], Table],
    ) -> list[Table]:
        """The tables of ``notes`` (the notes of ``owner``, a step) as a ``RunList``.

        Each run of ``RUN`` notes whose notes and values are all as last time is
        the same ``Run`` as then; the others are made (each note through ``table``).
        Notes with unknown keys (a mutable ``extra``) give a plain list instead.
        """
        notes = list(notes)  # one consistent look, though a save runs beside the UI
        if any(map(_extra, notes)):
            return [self.table(note, note_values(note), encode) for note in notes]
        array = self._array(owner)
        pieces = list(array.pieces)
        runs: list[Run] = []
        for index, start in enumerate(range(0, len(notes), RUN)):
            checkpoint()
            part = notes[start : start + RUN]
            values = list(map(note_values, part))
            if index < len(pieces) and pieces[index].holds(part, values):
                runs.append(pieces[index].run)
                continue
            run = Run(map(self.table, part, values, [encode] * len(part)))
            piece = _Piece(part, values, run)
            if index < len(pieces):
                pieces[index] = piece
            else:
                pieces.append(piece)
            runs.append(run)
        array.pieces = pieces[: len(runs)]
        return RunList.of(runs)

    def _array(self, owner: object) -> _Array:
        key = id(owner)
        array = self._arrays.get(key)
        if array is not None and array.owner() is owner:
            return array
        with self._lock:
            array = _Array(weakref.ref(owner, lambda ref: self._array_gone(key, ref)))
            self._arrays[key] = array
        return array

    def _array_gone(self, key: int, ref: weakref.ref[Any]) -> None:
        """A step was let go of: so are its runs (no lock, as ``_gone``)."""
        array = self._arrays.get(key)
        if array is not None and array.owner is ref:
            self._arrays.pop(key, None)

    def _gone(self, key: int, ref: weakref.ref[Note]) -> None:
        """A note was let go of: so is its entry (no lock: this may run inside a locked part)."""
        entry = self._entries.get(key)
        if entry is not None and entry.note is ref:
            self._entries.pop(key, None)
            self.fragments.thaw(entry.table)

    def unknown(self, steps: Iterable[Any], enough: int) -> int:
        """How many notes of ``steps`` a save would encode anew; counting stops at ``enough``.

        A run whose notes are as ``array`` last saw them counts none, found in one pass
        in C; only the notes of other runs are looked at one by one.
        """
        count = 0
        for step in steps:
            array = self._arrays.get(id(step))
            pieces = array.pieces if array is not None and array.owner() is step else []
            notes = list(step.notes)
            for index, start in enumerate(range(0, len(notes), RUN)):
                checkpoint()
                part = notes[start : start + RUN]
                if (
                    index < len(pieces)
                    and not any(map(_extra, part))
                    and pieces[index].holds(part, list(map(note_values, part)))
                ):
                    continue
                count += self._unknown_notes(part, enough - count)
                if count >= enough:
                    return count
        return count

    def _unknown_notes(self, notes: Iterable[Note], enough: int) -> int:
        """How many of ``notes`` have no table in the memo; counting stops at ``enough``."""
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
        self._arrays.clear()

    def fresh_lock(self) -> None:
        """Take a new lock (in a forked child, where another thread may have held the old)."""
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)


NOTES = NoteMemo()
"""The process's memo: saves of the same session (autosave, Ctrl+S) share it."""
