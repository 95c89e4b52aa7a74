"""Provides the edit lock for commands that write a session file (approve, status …).

The app takes a session's lock while it is open for editing (``locks``). A
command that writes the same file must not slip a change under an open
editor: ``edit_lock`` takes the lock for the time of the write and gives it
back; a stale lock (its holder is gone) is taken over. When someone holds it,
``SessionLocked`` names the holder, unless the caller was told ``force``.
A command that only creates a new file (``followup``) needs none of this.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from kumppani.storage import locks
from kumppani.storage.locks import LockError, LockState, LockStatus, SessionLock


class SessionLocked(LockError):
    """Someone has the session open for editing; nothing was written."""

    def __init__(self, path: Path, status: LockStatus) -> None:
        self.status = status
        holder = status.info
        who = f"{holder.user}@{holder.host} (pid {holder.pid})" if holder else "unknown"
        super().__init__(path, f"is open for editing by {who}")


@contextlib.contextmanager
def edit_lock(path: Path, *, force: bool = False) -> Iterator[SessionLock | None]:
    """Hold ``path``'s edit lock while the body writes it; ``SessionLocked`` if someone has it.

    With ``force`` the body runs anyway (the lock is then not ours: None is yielded).
    """
    already = locks.held(path)
    try:
        got: SessionLock | LockStatus = locks.acquire(path)
    except LockError:
        if not force:
            raise
        yield None
        return
    if isinstance(got, LockStatus) and got.state == LockState.STALE:
        got = locks.take_over(path, got)
    if isinstance(got, LockStatus):
        if not force:
            raise SessionLocked(path, got)
        yield None
        return
    try:
        yield got
    finally:
        if got is not already:
            got.release()
