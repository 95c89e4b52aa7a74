"""Provides saving behind typing: a save's Python work waits while the user types (issue 14).

An everyday save runs in a thread, and making its bytes is Python work that
holds the interpreter lock: a key typed meanwhile waited for it, and Python
lends the lock to a waiting thread only every 5 ms (its switch interval), so
the first key typed as a save started took 4–5x as long to show. Here:

- every typed key or paste marks the moment (``input_seen``, from the app's
  key intake and from the terminal parser, whichever runs first);
- a save made ``behind_typing`` stops at each of its checkpoints
  (``fileformat.pacing``: between runs of notes, around the text of the
  arrays, between steps; each piece well under a millisecond) for as long as
  a key was seen less than ``QUIET_AFTER_INPUT`` seconds ago, so the key's
  whole handling and frame run with the lock to themselves;
- while such a save runs, the switch interval is ``SWITCH_INTERVAL`` instead
  of 5 ms, so a key that arrives in the middle of a piece waits at most about
  that long for the lock before it is even seen.

The save takes a little longer (it waits while keys come); nothing is made
differently. Saves outside the TUI (the CLI, tests) never wait.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Callable, Iterator

from kumppani.fileformat.pacing import paced

QUIET_AFTER_INPUT = 0.04
"""Seconds after a key during which a save waits: the key's handling and its frame
(Textual draws at most every 1/60 s, and a frame after a quiet spell may wait two ticks)."""
MOST_WAITED = 1.0
"""Seconds a save waits for typing at most, in all: then it goes on beside it."""
SWITCH_INTERVAL = 0.0005
"""Python's switch interval while a save runs behind typing (5 ms otherwise)."""

_last_input = 0.0
_lock = threading.Lock()
_running = 0
_interval_before = 0.005


def input_seen() -> None:
    """A key or paste arrived now (any thread; no lock: one float written)."""
    global _last_input
    _last_input = time.monotonic()


def giving_way(most: float = MOST_WAITED) -> Callable[[], None]:
    """A checkpoint's hook: wait until no key was seen for ``QUIET_AFTER_INPUT`` seconds,
    for at most ``most`` seconds in all (a key held down must not hold the save back)."""
    end = time.monotonic() + most

    def give_way() -> None:
        while (left := min(_last_input + QUIET_AFTER_INPUT, end) - time.monotonic()) > 0:
            time.sleep(left)

    return give_way


@contextlib.contextmanager
def behind_typing() -> Iterator[None]:
    """Run the block (a save, in its thread) so that it gives way to typing."""
    global _running, _interval_before
    with _lock:
        if _running == 0:
            _interval_before = sys.getswitchinterval()
            sys.setswitchinterval(SWITCH_INTERVAL)
        _running += 1
    try:
        with paced(giving_way()):
            yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                sys.setswitchinterval(_interval_before)


def typed_first(work: Callable[[], object]) -> Callable[[], None]:
    """``work`` as a thread worker's function that runs it ``behind_typing``."""

    def run() -> None:
        with behind_typing():
            work()

    return run
