"""Provides pacing: points where a save's Python work may let someone else go first.

Making a save's bytes is Python work: in a thread it holds the interpreter
lock, and a key typed meanwhile waits for it (issue 14). The work calls
``checkpoint()`` between its pieces (a run of notes, the text around the
arrays, a step's check), each well under a millisecond. On its own that does
nothing; a thread that runs the work inside ``paced(hook)`` has ``hook``
called at each point, and the hook may wait (the TUI's waits while the user
is typing). Other threads, and work run outside ``paced``, never wait.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator

_local = threading.local()


def checkpoint() -> None:
    """A point between two pieces of work: the thread's hook, if it has one, runs here."""
    hook: Callable[[], None] | None = getattr(_local, "hook", None)
    if hook is not None:
        hook()


@contextlib.contextmanager
def paced(hook: Callable[[], None]) -> Iterator[None]:
    """Run the block with ``hook`` called at every ``checkpoint`` of this thread."""
    before = getattr(_local, "hook", None)
    _local.hook = hook
    try:
        yield
    finally:
        _local.hook = before


@contextlib.contextmanager
def unpaced() -> Iterator[None]:
    """Run the block with no hook: for work done holding a lock the waited-for thread needs."""
    with paced(_go_on):
        yield


def _go_on() -> None:
    """A hook that never waits."""
