"""Provides the one way a session file comes into being.

A new file is claimed atomically (``O_EXCL``: two people or two runs never get
the same name, and an existing file is never overwritten), then saved; if the
save fails the claimed file is removed again. ``kumppani new``, follow-up
creation and the home screen's new session all go through here. (A deleted
session goes the other way through ``files.move_to_trash``.)
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from kumppani.errors import SaveError, os_reason
from kumppani.session.model import Session
from kumppani.settings import paths
from kumppani.storage.files import Snapshot, claim_new_file, claim_unique_file, save_session


def claim_session_file(
    title: str, day: dt.date | None, *, folder: Path | None = None, output: Path | None = None
) -> Path:
    """Claim a new, empty session file: ``output`` itself, else one in ``folder``.

    In ``folder`` the name comes from ``day`` and ``title`` (``-2``, ``-3`` … if
    taken); the folder is created if needed. An existing ``output`` raises
    ``FileExistsError``.
    """
    if output is not None:
        if not claim_new_file(output):
            raise FileExistsError(output)
        return output
    if folder is None:
        raise TypeError("claim_session_file needs a folder or an output path")
    return claim_unique_file(_folder(folder), paths.safe_filename(title, day))


def _folder(folder: Path) -> Path:
    try:
        return paths.ensure_dir(folder)
    except OSError as error:
        raise SaveError(folder, os_reason(error), errno=error.errno) from None


def save_new_session(session: Session, path: Path) -> Snapshot:
    """Save ``session`` into the file just claimed at ``path``; if that fails, remove it."""
    try:
        return save_session(session, path)
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise


def create_session_file(
    session: Session, *, folder: Path | None = None, output: Path | None = None
) -> Path:
    """Save ``session`` as a new file (see ``claim_session_file``); return its path."""
    path = claim_session_file(session.title, session.date, folder=folder, output=output)
    save_new_session(session, path)
    return path
