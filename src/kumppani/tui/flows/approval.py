"""Provides approval in the TUI: approving minutes from home, and the warning before editing.

``approve_entry`` (home, ``h``) reads the file, asks who approves (prefilled
with the session's facilitator) and saves the approval atomically; it
refuses a broken file and minutes that are already approved. A name typed in
the dialog is kept in a draft file of its own (``storage.draft_file``); after a
crash the next start opens the dialog again with it (``draft``).

``confirm_edit`` runs before an approved session opens for editing: it names
who approved the minutes and when and offers three answers. "Edit anyway"
changes nothing by itself: it watches the editor (``editing.approval``), so the
approval goes (status back to held) at the first real change and comes back
with the exact approved content (Ctrl+Z); "Review" opens the file in review
mode instead; "Cancel" leaves everything as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kumppani.editing.approval import APPROVABLE, approve_file, is_approved, watch_approval
from kumppani.editing.editor import SessionEditor
from kumppani.errors import KumppaniError
from kumppani.session.model import Session, now
from kumppani.storage import locks as locking
from kumppani.storage.draft_file import APPROVAL, remove_draft, take_draft
from kumppani.storage.files import Snapshot, read_session
from kumppani.text.i18n import Translator
from kumppani.text.safe import one_line, single_line
from kumppani.tui.dialogs.approve import ApproveDialog, EditApprovedDialog
from kumppani.tui.dialogs.error import ErrorDialog

if TYPE_CHECKING:
    from textual.app import App


def _when(session: Session) -> str:
    approval = session.approval
    return approval.at.strftime("%Y-%m-%d %H:%M") if approval is not None else "?"


def _who(session: Session) -> str:
    approval = session.approval
    return one_line(approval.by) if approval is not None else "?"


def _held_by_other(path: Path, translate: Translator) -> str | None:
    """Who holds the session open for editing (not a stale lock), as a message; else None."""
    found = locking.inspect(path)
    if found is None or found.state == locking.LockState.STALE:
        return None
    info = found.info
    who = f"{one_line(info.user)}@{one_line(info.host)}" if info is not None else "?"
    return translate("approval.locked", who=who)


def approve_entry(
    app: App[Any],
    path: Path,
    translate: Translator,
    done: Callable[[], object],
    draft: dict[str, Any] | None = None,
) -> None:
    """Ask who approves the minutes of ``path``, then save the approval; ``done()`` after.

    A session someone has open for editing (its lock) is not approved under them.
    ``draft`` is the dialog's typing a crash left behind (``storage.draft_file``): the
    dialog opens with it, and it goes once the dialog is closed.
    """
    if draft is not None:
        take_draft(APPROVAL)  # this app's own now: closing the dialog removes it
    if not _ask(app, path, translate, done, draft) and draft is not None:
        remove_draft(APPROVAL)  # no approval to give now (approved meanwhile, locked …)


def _ask(
    app: App[Any],
    path: Path,
    translate: Translator,
    done: Callable[[], object],
    draft: dict[str, Any] | None,
) -> bool:
    """Show the dialog that asks who approves; False if the minutes cannot be approved now."""
    if (held := _held_by_other(path, translate)) is not None:
        app.notify(held, severity="warning", markup=False)
        return False
    try:
        session, snapshot = read_session(path)
    except KumppaniError as error:
        app.push_screen(
            ErrorDialog(
                translate("dialog.error_title"),
                translate("approval.broken"),
                error.describe(translate.language),
                translate("dialog.ok"),
            )
        )
        return False
    if is_approved(session):
        message = translate("approval.already", by=_who(session), at=_when(session))
        app.notify(message, severity="warning", markup=False)
        return False
    if session.status not in APPROVABLE:
        status = translate(f"session_status.{session.status.value}")
        app.notify(translate("approval.not_held", status=status), severity="warning", markup=False)
        return False
    dialog = ApproveDialog(
        translate("approval.title"),
        translate("approval.prompt", when=now().strftime("%Y-%m-%d %H:%M")),
        single_line(session.facilitator),
        {
            "placeholder": translate("approval.by_placeholder"),
            "approve": translate("approval.button"),
            "cancel": translate("dialog.cancel"),
            "empty": translate("approval.empty_by"),
        },
        language=translate.language,
        about=str(path.absolute()),  # the draft is read again from any working folder
    )
    if draft is not None:
        dialog.guard.give_back(draft)
        app.notify(translate("journal.approval.filled"), markup=False)

    def answered(by: str | None) -> None:
        if draft is not None:
            remove_draft(APPROVAL)  # typed into or not, the dialog it filled is closed
        if by:
            _save_approval(app, path, session, snapshot, by, translate)
            done()

    app.push_screen(dialog, answered)
    return True


def approve_again(
    app: App[Any], translate: Translator, draft: dict[str, Any], done: Callable[[], object]
) -> None:
    """The approval a crash left unfinished: its dialog again, with what was typed in it."""
    where = draft.get("where", {})
    file = where.get("file") if isinstance(where, dict) else None
    if isinstance(file, str) and file:
        approve_entry(app, Path(file), translate, done, draft)
    else:  # it cannot say which minutes it was for
        take_draft(APPROVAL)
        remove_draft(APPROVAL)


def _save_approval(
    app: App[Any],
    path: Path,
    session: Session,
    snapshot: Snapshot,
    by: str,
    translate: Translator,
) -> None:
    try:
        lock = locking.acquire(path)  # no one opens it for editing while the approval is saved
    except KumppaniError as error:
        app.notify(error.describe(translate.language), severity="error", markup=False)
        return
    if isinstance(lock, locking.LockStatus):
        info = lock.info
        who = f"{one_line(info.user)}@{one_line(info.host)}" if info is not None else "?"
        app.notify(translate("approval.locked", who=who), severity="warning", markup=False)
        return
    try:
        approve_file(path, session, snapshot, by)
    except KumppaniError as error:
        reason = error.describe(translate.language)
        app.notify(f"{translate('approval.changed')}\n{reason}", severity="error", markup=False)
        return
    finally:
        lock.release()
    app.notify(translate("approval.done", by=one_line(by)), markup=False)


def confirm_edit(
    app: App[Any],
    editor: SessionEditor,
    translate: Translator,
    edit: Callable[[], object],
    review: Callable[[], object],
    cancel: Callable[[], object] | None = None,
) -> None:
    """Warn that the minutes are approved; on "edit anyway" withdraw the approval and ``edit()``.

    "Review" calls ``review()``, cancelling calls ``cancel()`` (both give back the lock).
    """
    session = editor.session
    dialog = EditApprovedDialog(
        translate("approval.edit_title"),
        translate("approval.edit_body", by=_who(session), at=_when(session)),
        {
            "edit": translate("approval.edit_anyway"),
            "review": translate("keys.review"),
            "cancel": translate("dialog.cancel"),
        },
    )

    def answered(answer: str | None) -> None:
        if answer == "edit":

            def told(removed: bool) -> None:
                key = "approval.withdrawn" if removed else "approval.restored"
                app.notify(translate(key), severity="warning" if removed else "information")

            watch_approval(editor, told)
            edit()
            app.notify(translate("approval.watched"), markup=False)
        elif answer == "review":
            review()
        elif cancel is not None:
            cancel()

    app.push_screen(dialog, answered)
