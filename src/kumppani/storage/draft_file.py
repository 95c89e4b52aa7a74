"""Provides drafts kept in a file of their own: typing that belongs to no session file yet.

The journal of a session (``storage.journal``) keeps the typing of its forms,
but the form that creates a new session has no session file, so no journal.
A ``DraftFile`` keeps such a draft (a table of the form's fields) in the
journal folder of the state folder, ``<name>.draft``, owner-only: ``set``
hands over the draft as it is now, and a background thread writes the latest
one within ``FLUSH_SECONDS`` (whole or not at all, with fsync: a crash leaves
the previous draft or this one, never a cut-short file). An empty table
removes the file. ``read_draft`` gives it back on the next start, unless it
belongs to another kumppani still running on this machine.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import socket
import threading
import weakref
from pathlib import Path
from typing import Any

from kumppani.session.model import now
from kumppani.storage import journal_disk as disk
from kumppani.storage import platform
from kumppani.storage.journal_frames import journal_folder, read_payload, toml_payload

FLUSH_SECONDS = 0.5
"""How long a change waits, at most, before it is written (plus the fsync)."""
SUFFIX = ".draft"
NEW_SESSION = "new-session"
"""The draft of the form that creates a new session."""


def draft_path(name: str) -> Path:
    """Where the draft called ``name`` is kept."""
    return journal_folder() / f"{name}{SUFFIX}"


class DraftFile:
    """One draft on disk, written in the background within about a second of the last change."""

    def __init__(self, name: str, interval: float = FLUSH_SECONDS) -> None:
        self.file = draft_path(name)
        self.interval = interval
        self.last_error: OSError | None = None
        """The last failure to write the draft, None once a write worked."""
        self._pending: dict[str, Any] | None = None
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._io = threading.Lock()
        self._thread: threading.Thread | None = None

    def set(self, table: dict[str, Any]) -> None:
        """The draft is now ``table`` (empty: gone); written within ``interval``."""
        with self._lock:
            self._pending = table
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="kumppani-draft", daemon=True
                )
                self._thread.start()
                _LIVE.add(self)

    def flush(self) -> None:
        """Write the latest draft now, in this thread (before exiting, in tests)."""
        with self._io:
            with self._lock:
                table, self._pending = self._pending, None
            if table is None:
                return
            try:
                if table:
                    disk.ensure_folder(self.file.parent)
                    disk.write_file(self.file, toml_payload(_with_owner(table)))
                else:
                    with contextlib.suppress(FileNotFoundError):
                        platform.remove(self.file)
            except OSError as error:
                self.last_error = error
                with self._lock:
                    if self._pending is None:
                        self._pending = table  # tried again by the thread
                return
            self.last_error = None

    def _run(self) -> None:
        while True:
            with self._lock:
                self._wake.wait(self.interval)
                if self._pending is None:
                    self._thread = None
                    return
            self.flush()


def _with_owner(table: dict[str, Any]) -> dict[str, Any]:
    owner = {"pid": os.getpid(), "host": socket.gethostname(), "written": now()}
    return {"owner": owner, "fields": table}


def read_draft(name: str) -> dict[str, Any] | None:
    """The draft left under ``name``; None if there is none (or another kumppani is typing it)."""
    try:
        table = read_payload(draft_path(name).read_bytes())
    except (OSError, ValueError):
        return None
    owner, fields = table.get("owner", {}), table.get("fields")
    if not isinstance(fields, dict) or not fields:
        return None
    pid = owner.get("pid") if isinstance(owner, dict) else None
    here = isinstance(owner, dict) and owner.get("host") == socket.gethostname()
    if isinstance(pid, int) and pid != os.getpid() and here and platform.pid_alive(pid):
        return None
    return fields


def remove_draft(name: str) -> None:
    """Throw the draft called ``name`` away."""
    with contextlib.suppress(OSError):
        platform.remove(draft_path(name))


_LIVE: weakref.WeakSet[DraftFile] = weakref.WeakSet()
"""Drafts whose writer has run: written once more when Python exits normally."""


@atexit.register
def _flush_at_exit() -> None:
    for draft in list(_LIVE):
        with contextlib.suppress(Exception):
            draft.flush()
