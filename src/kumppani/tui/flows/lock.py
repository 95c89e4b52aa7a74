"""Provides taking a session's lock when it is opened for editing, asking the user if it is held.

``claim_lock`` takes the lock, or shows who holds it (``LockDialog``) and lets the
user open read-only, write alongside as a co-writer (``locks.join``: the lock
file then lists both), take over (a stale lock; another computer's only after a
second, explicit confirmation) or cancel. Read-only opening never comes here, so
it never takes, breaks or removes a lock. ``release_locks`` gives back the
locks of the open step views (on quit); a closed view releases its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from textual.app import App

from kumppani.editing.editor import SessionEditor
from kumppani.errors import render
from kumppani.storage import locks as locking
from kumppani.storage.journal_frames import journal_paths
from kumppani.storage.locks import LockError, LockIsLink, LockState, LockStatus, SessionLock
from kumppani.text.i18n import Translator
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.dialogs.lock_dialog import CO_WRITE_STATES, TAKE_OVER_STATES, LockDialog

Reopen = Callable[[bool], object]
"""Open the session again, read-only (True) or for editing (False)."""


def claim_lock(app: App[Any], translate: Translator, path: Path, reopen: Reopen) -> bool:
    """Take ``path``'s lock: True to go on opening, False when a dialog now asks the user.

    If the folder refuses a lock file (no permission), the session opens without
    one after a warning: the save itself will say what is wrong. A lock file that
    is a symbolic link (even one pointing nowhere) opens the session read-only
    with the reason and the fix: two programs meeting it would both edit unlocked.
    """
    try:
        result = locking.acquire(path)
    except LockIsLink as error:  # nobody could hold a lock: editing would be unguarded
        app.notify(
            translate("lock.link", path=str(error.path)),
            severity="error",
            timeout=30,
            markup=False,
        )
        reopen(True)
        return False
    except LockError as error:
        app.notify(
            translate("lock.failed", reason=render(error.reason, translate.language)),
            severity="warning",
            markup=False,
        )
        return True
    if isinstance(result, SessionLock):
        return True
    status = result
    if status.state == LockState.STALE and _left_a_journal(path):
        # its program ended with work in the journal: the recovery dialog asks next, and a
        # question about the lock first would only be a chance to open it read-only
        _take_over(app, translate, path, status, reopen)
        return False

    def answered(choice: str | None) -> None:
        if choice == "read_only":
            reopen(True)
        elif choice == "co_write" and status.state in CO_WRITE_STATES:
            _join(app, translate, path, status, reopen)
        elif choice == "take_over" and status.state in TAKE_OVER_STATES:
            if status.state == LockState.STALE:
                _take_over(app, translate, path, status, reopen)
            else:
                _confirm_take_over(app, translate, path, status, reopen)

    app.push_screen(LockDialog(translate, status), answered)
    return False


def _confirm_take_over(
    app: App[Any], translate: Translator, path: Path, status: LockStatus, reopen: Reopen
) -> None:
    host = status.info.host if status.info is not None else translate("lock.unknown")
    dialog = ConfirmDialog(
        translate("lock.confirm_title"),
        translate("lock.confirm_body", host=host),
        translate("lock.take_over_anyway"),
        translate("lock.cancel"),
    )

    def answered(yes: bool | None) -> None:
        if yes:
            _take_over(app, translate, path, status, reopen)

    app.push_screen(dialog, answered)


def _take_over(
    app: App[Any], translate: Translator, path: Path, status: LockStatus, reopen: Reopen
) -> None:
    _claim(app, translate, reopen, lambda: locking.take_over(path, status), "taken", "failed")


def _join(
    app: App[Any], translate: Translator, path: Path, status: LockStatus, reopen: Reopen
) -> None:
    _claim(app, translate, reopen, lambda: locking.join(path, status), "joined", "failed_join")


def _claim(
    app: App[Any],
    translate: Translator,
    reopen: Reopen,
    claim: Callable[[], object],
    done: str,
    failed: str,
) -> None:
    """Take over or join the lock, say how it went (``lock.<done>`` / ``lock.<failed>``)."""
    try:
        result = claim()
    except LockError as error:
        reason = render(error.reason, translate.language)
        app.notify(translate(f"lock.{failed}", reason=reason), severity="error", markup=False)
        return
    if isinstance(result, SessionLock):
        app.notify(translate(f"lock.{done}"), markup=False)
    reopen(False)  # ours now, or the dialog again for whoever holds it, or a changed lock


def release_for(editor: SessionEditor) -> None:
    """Give back the lock of the editor's file (after its view closed)."""
    if editor.path is not None:
        locking.release(editor.path)


def release_locks(editors: Iterable[SessionEditor]) -> None:
    """Give back the locks of these editors' files (on quit)."""
    for editor in editors:
        release_for(editor)


def _left_a_journal(path: Path) -> bool:
    """Whether a recovery journal of ``path`` is on disk (in the state folder or beside it)."""
    return any(file.exists() for file in journal_paths(path))
