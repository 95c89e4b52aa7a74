"""Provides runs: an array of tables handed on in fixed pieces that each layer reuses whole.

A save of a session with 1,000 notes and one note added used to look at every
note three times in Python (its memo entry, its checked fragment, its check
while reading back), a few microseconds each: about 4 ms holding the
interpreter lock, during which a key typed in the UI thread waited (issue 14).
Here ``note_memo`` hands out a step's notes as a ``RunList``: the same tables,
also grouped in ``Run``s of up to ``RUN`` notes. A run is made once and never
changed; while its notes stay the very same (checked by identity, in C, a
fraction of a microsecond a note), the same run object is handed out again.
Each layer keeps what it made of a run *on* the run (``fragments``: the
run's text and what it reads back as; ``decode``: the notes the check found
in it), so for an unchanged run the next save does none of that work again.
What a layer keeps lives and dies with the run; nothing is looked up by ``id``.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from typing import Any

RUN = 64
"""Notes in a run: an added note remakes the last run only; an edit, the run it is in."""


class Run(tuple[Any, ...]):
    """Items of an array, never changed; the layers keep what they made of it as attributes."""

    fragment: Any
    """Set by ``fragments``: the run's checked text and what it reads back as."""
    checked: Any
    """Set by ``decode``: the notes a save's check found in the read-back run."""


class RunList(list[Any]):
    """An array of tables that is also its ``runs``, in order (their items, one after another)."""

    runs: tuple[Run, ...]

    @classmethod
    def of(cls, runs: Iterable[Run]) -> RunList:
        """The array made of ``runs``."""
        runs = tuple(runs)
        made = cls(chain.from_iterable(runs))
        made.runs = runs
        return made


def known(run: Run, name: str) -> Any:
    """What a layer kept on ``run`` under ``name``, or None."""
    return run.__dict__.get(name)
