"""Provides drafts kept in a file of their own: typing that belongs to no session file yet.

The journal of a session (``storage.journal``) keeps the typing of its forms,
but the form that creates a new session has no session file, so no journal,
and the approval asked from home belongs to no open session.
A ``DraftFile`` keeps such a draft (a table of the form's fields) in the
journal folder of the state folder, owner-only, one file for each running
kumppani, ``<name>-<pid>.draft``: two apps on one machine each type their own
new session, and closing one form removes only that app's draft. ``set``
hands over the draft as it is now, and a background thread writes the latest
one within ``FLUSH_SECONDS`` (whole or not at all, with fsync: a crash leaves
the previous draft or this one, never a cut-short file). An empty table
removes the file. ``read_draft`` gives back the newest draft whose kumppani
has ended (or is this one); ``take_draft`` also makes it this app's own, so
that closing the form it fills removes it. ``<name>.draft``, written before
drafts were kept per process, is read the same way.
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
APPROVAL = "approval"
"""The draft of the dialog that asks who approves a session's minutes (from home)."""


def draft_path(name: str) -> Path:
    """Where this process keeps the draft called ``name``."""
    return journal_folder() / f"{name}-{os.getpid()}{SUFFIX}"


def _left_drafts(name: str) -> list[tuple[Path, dict[str, Any]]]:
    """The drafts called ``name`` that may be offered here, the newest first."""
    try:
        files = [
            item
            for item in journal_folder().iterdir()
            if item.name == f"{name}{SUFFIX}"
            or (item.name.startswith(f"{name}-") and item.name.endswith(SUFFIX))
        ]
    except OSError:
        return []
    found: list[tuple[float, Path, dict[str, Any]]] = []
    for file in files:
        try:
            written = file.stat().st_mtime
            table = read_payload(file.read_bytes())
        except (OSError, ValueError):
            continue
        owner, fields = table.get("owner", {}), table.get("fields")
        if isinstance(fields, dict) and fields and not _typing_elsewhere(owner):
            found.append((written, file, fields))
    found.sort(key=lambda item: item[0], reverse=True)
    return [(file, fields) for _, file, fields in found]


def _typing_elsewhere(owner: object) -> bool:
    """True if the draft's kumppani is another one still running on this machine."""
    if not isinstance(owner, dict):
        return False
    pid = owner.get("pid")
    here = owner.get("host") == socket.gethostname()
    return isinstance(pid, int) and pid != os.getpid() and here and platform.pid_alive(pid)


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
    """The newest draft left under ``name``; None if there is none (but others' typing)."""
    left = _left_drafts(name)
    return left[0][1] if left else None


def take_draft(name: str) -> dict[str, Any] | None:
    """Like ``read_draft``, and the draft becomes this process's own (its file renamed)."""
    for file, fields in _left_drafts(name):
        own = draft_path(name)
        if file != own:
            try:
                platform.replace(file, own)
            except OSError:
                continue  # another kumppani took it just now
        return fields
    return None


def remove_draft(name: str) -> None:
    """Throw this process's draft called ``name`` away, with any write of it still to come."""
    own = draft_path(name)
    for draft in list(_LIVE):
        if draft.file == own:  # its writer would put the file back within a second
            draft.set({})
            draft.flush()
    with contextlib.suppress(OSError):
        platform.remove(own)


_LIVE: weakref.WeakSet[DraftFile] = weakref.WeakSet()
"""Drafts whose writer has run: written once more when Python exits normally."""


@atexit.register
def flush_all() -> None:
    """Write every draft whose writer has run (at exit; on a signal: ``last_write``)."""
    for draft in list(_LIVE):
        with contextlib.suppress(Exception):
            draft.flush()
