"""Provides ``Apart``: make a save's bytes in a forked child, so the UI thread never waits for it.

Serialising a large session (encoding, dumping and checking 10,000 notes) is
Python work: in a thread it holds the interpreter lock, and every key the
user types meanwhile waits for it in slices (issue 14: a keypress took 28x
longer during an autosave). A forked child has its own interpreter: the
parent forks (a few milliseconds, holding the editor's lock so the child
sees a consistent session), lets go of the lock at once, and then only waits
on a pipe, which holds no lock at all. The child computes the bytes, sends
them down the pipe and exits without running any clean-up of the parent's
(``os._exit``); it never writes a file, so the parent writes and checks as
before.

Only where ``fork`` is safe and cheap (Linux and the BSDs); elsewhere
``available()`` is False and the caller serialises in its thread as before.
Only where it is worth it (``worth_forking``): a save with few changes of a
session of everyday size costs less in the thread than the fork's own cost.
A child that fails says why, and the parent raises it as a ``SaveError``.
A child that sends nothing for ``DEADLINE`` seconds (hung, or stopped) is
killed and ``result`` raises ``TimeoutError``: the caller serialises in its
thread instead, so a save never waits for ever.
"""

from __future__ import annotations

import contextlib
import gc
import os
import select
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path

from kumppani.errors import KumppaniError, SaveError
from kumppani.fileformat.note_memo import NOTES
from kumppani.fileformat.pacing import unpaced
from kumppani.session.model import Session
from kumppani.storage import platform

_OK = b"K"
_FAILED = b"E"

DEADLINE = 60.0
"""Seconds a child may go without sending anything before it counts as hung.

Generous: 10,000 notes take about half a second, and a loaded machine or a
swapping one may take many times that; a child that sends part of its bytes
is not hung and gets another ``DEADLINE`` for the rest."""


def available() -> bool:
    """Whether saves can be serialised in a forked child here."""
    return hasattr(os, "fork") and sys.platform.startswith(("linux", "freebsd", "openbsd"))


THREAD_NOTES = 20_000
"""Sessions of up to this many notes are saved in the thread while few notes are new.

Since the notes are saved in runs reused whole (``fileformat.runs``) and the save
gives way to typing at its checkpoints (``tui.typing_pace``), a 10,000-note save in
the thread costs a key typed as it starts 1.3x, the fork's copied pages 5x (issue 14)."""
THREAD_NEW_NOTES = 20
"""Notes to encode anew (``note_memo``) from which a save is made apart even so."""


def worth_forking(session: Session) -> bool:
    """Whether a save of ``session`` is worth a child (else the thread makes it, cheaply).

    A fork is not free: after it, the first write of each page the parent shares
    with the child copies the page (about 2,000 faults, 12–25 ms, on the key typed
    just then). An everyday save of a session of up to ``THREAD_NOTES`` notes reuses
    every unchanged run of notes (``fileformat.note_memo``) and costs a few milliseconds
    of Python, in pieces: less than the fork. A larger session, or one whose notes are
    mostly new to the memo (the first save, a merge), is made apart.
    """
    steps = session.steps
    if sum(len(step.notes) for step in steps) > THREAD_NOTES:
        return True
    return NOTES.unknown(steps, THREAD_NEW_NOTES) >= THREAD_NEW_NOTES


class Apart:
    """A child process computing one save's bytes; ``result()`` waits for them."""

    path: Path
    pid: int
    read_end: int

    def __init__(self, path: Path, make: Callable[[], bytes]) -> None:
        """Fork now (the caller holds the lock that keeps the session still); OSError if not."""
        if sys.platform == "win32":  # no fork there (available() is False); says so to mypy too
            raise OSError("saving in a forked process is not possible on Windows")
        self.path = path
        read_end, write_end = os.pipe()
        # While the child lives the two share their memory until either writes a page. A
        # full garbage collection in the parent would write to every object's page and so
        # copy them all (30 ms with 1,000 notes, during a keypress): frozen objects are not
        # visited. Unfrozen again once the child is done.
        gc.freeze()
        try:
            with warnings.catch_warnings():
                # Python 3.12+ warns that a thread might hold a lock the child needs: the
                # child takes no lock but the fragment cache's, which it replaces (_child).
                warnings.simplefilter("ignore", DeprecationWarning)
                pid = os.fork()
        except OSError:  # no memory or processes left: the caller saves in its thread
            gc.unfreeze()
            os.close(read_end)
            os.close(write_end)
            raise
        if pid == 0:  # the child: never returns
            os.close(read_end)
            _child(write_end, make)
        os.close(write_end)
        self.pid = pid
        self.read_end = read_end

    def result(self, deadline: float | None = None) -> bytes:
        """The bytes the child made (waiting without holding the interpreter), or a SaveError.

        ``TimeoutError`` (the child killed) if ``deadline`` seconds (``DEADLINE`` unless
        given) pass with nothing sent.
        """
        chunks: list[bytes] = []
        try:
            while chunk := self._read(DEADLINE if deadline is None else deadline):
                chunks.append(chunk)
        except TimeoutError:
            platform.end_process(self.pid)
            raise
        finally:
            os.close(self.read_end)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            gc.unfreeze()
        data = b"".join(chunks)
        if data[:1] == _OK:
            return data[1:]
        reason = data[1:].decode("utf-8", "replace") if data else "the serialising process died"
        raise SaveError(self.path, reason)

    def _read(self, deadline: float) -> bytes:
        """The next chunk from the child (empty at its end); TimeoutError after ``deadline``."""
        if sys.platform == "win32":  # never reached there (see __init__); says so to mypy too
            raise OSError("saving in a forked process is not possible on Windows")
        waiting = select.poll()
        waiting.register(self.read_end, select.POLLIN)
        until = time.monotonic() + deadline
        while True:
            left = until - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"the serialising process sent nothing for {deadline:g} s")
            if waiting.poll(max(1, round(left * 1000))):  # data, or the child's end (hang-up)
                return os.read(self.read_end, 1 << 20)


def _child(write_end: int, make: Callable[[], bytes]) -> None:
    """In the child: make the bytes, send them, exit at once."""
    code = 0
    if sys.platform == "win32":  # never called there (see Apart); says so to mypy too
        os._exit(1)
    try:
        gc.disable()  # the child lives a second at most: collecting would only copy pages
        from kumppani.fileformat import fragments, note_memo

        fragments.FRAGMENTS.fresh_lock()  # another thread of the parent may have held it
        note_memo.NOTES.fresh_lock()  # (the same)
        with contextlib.suppress(OSError):
            os.nice(10)  # on a busy machine the user's typing comes first
        try:
            with unpaced():  # the parent's typing is nothing the child need wait for
                out = _OK + make()
        except KumppaniError as error:
            out, code = _FAILED + str(error).encode("utf-8", "replace"), 1
        except BaseException:  # a bug: say what it was rather than die silently
            out, code = _FAILED + traceback.format_exc().encode("utf-8", "replace"), 1
        view = memoryview(out)
        while view:
            view = view[os.write(write_end, view) :]
    finally:
        os._exit(code)
