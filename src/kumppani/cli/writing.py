"""Provides the edit lock for every command that writes a session file.

``approve``, ``status`` and ``merge`` write a session that the app may have open for
editing. Each holds the session's edit lock for the time of the write
(``storage.write_guard.edit_lock``); when a running app (or another command) holds it,
the command writes nothing and says in one line who holds it, unless ``--force``.
Commands that only create a new file (``new``, ``followup``) or write git's temporary
file (``merge-driver``) need none of this.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from kumppani.cli.common import Context
from kumppani.errors import FileError
from kumppani.storage.write_guard import SessionLocked, edit_lock
from kumppani.text.safe import printable


@contextlib.contextmanager
def editing(context: Context, path: Path) -> Iterator[None]:
    """Hold the session's edit lock while a command writes it (``--force``: even if held)."""
    try:
        with edit_lock(path, force=context.args.force):
            yield
    except SessionLocked as locked:
        holder = locked.status.info
        raise FileError(
            path,
            context.t(
                "cli.locked",
                user=printable(holder.user) if holder else "?",
                host=printable(holder.host) if holder else "?",
                pid=holder.pid if holder else "?",
            ),
            expected=context.t("cli.locked_expected"),
        ) from None
