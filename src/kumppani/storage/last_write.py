"""Provides the last write of journals and drafts when kumppani is told to stop by a signal.

A closed terminal window or a lost SSH connection sends SIGHUP; a shutdown or a plain
``kill`` sends SIGTERM. By default either ends the process at once, without ``atexit``,
so what the journal's flusher had not yet written (up to about half a second of notes,
and the text typed in the capture line or a form) was lost, as with kill -9.
``write_on_signals`` installs a handler for both that writes every live recovery
journal and draft file, then ends the process by the same signal as before (its exit
status still says which). The writes run in a helper thread, waited for at most
``GRACE_SECONDS``: the signal may have interrupted the main thread while it held a
journal's lock, and a stuck write must not keep a dead terminal's process alive.
Nothing is installed where these signals do not exist (Windows).
"""

from __future__ import annotations

import os
import signal
import threading
from types import FrameType

from kumppani.storage import draft_file, journal, platform

GRACE_SECONDS = 3.0
"""How long the last write may take before the process ends without it."""

SIGNALS = tuple(
    number for number in (getattr(signal, "SIGHUP", None), signal.SIGTERM) if number is not None
)


def write_everything() -> None:
    """Write every live journal and draft file now (the flushers' pending work)."""
    journal.flush_all()
    draft_file.flush_all()


def _last_write(number: int, frame: FrameType | None) -> None:
    writer = threading.Thread(target=write_everything, name="kumppani-last-write", daemon=True)
    writer.start()
    writer.join(GRACE_SECONDS)
    platform.end_self_by(number)


def write_on_signals() -> None:
    """From now on, SIGHUP and SIGTERM write the journals and drafts before ending (POSIX)."""
    if os.name != "posix" or threading.current_thread() is not threading.main_thread():
        return
    for number in SIGNALS:
        signal.signal(number, _last_write)
