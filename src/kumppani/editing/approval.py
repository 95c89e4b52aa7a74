"""Provides the approval of the minutes: draft -> approved (who, when), and taking it back.

``approve`` marks a session's minutes approved; ``approve_file`` does it to a
file and saves it atomically, refusing if the file changed since it was read.
``withdraw_approval`` is what editing an approved session does first: the
approval is removed and the status returns to completed, as one undoable
change of the ``SessionEditor``. No UI here.
"""

from __future__ import annotations

from pathlib import Path

from kumppani.editing.editor import SessionEditor
from kumppani.errors import FileError
from kumppani.session.model import Approval, Session, now
from kumppani.session.vocabulary import SessionStatus
from kumppani.storage.files import Snapshot, save_session


class ApprovalChanged(FileError):
    """The file changed between reading it and saving the approval; nothing was written."""


def is_approved(session: Session) -> bool:
    """True when the minutes carry an approval or the session's status says approved."""
    return session.approval is not None or session.status == SessionStatus.APPROVED


def approve(session: Session, by: str) -> Approval:
    """Mark the minutes approved by ``by`` now; the status becomes approved."""
    approval = Approval(by=by.strip(), at=now())
    session.approval = approval
    session.status = SessionStatus.APPROVED
    session.touch()
    return approval


def approve_file(path: Path, session: Session, snapshot: Snapshot, by: str) -> Approval:
    """Approve ``session`` read from ``path`` (as ``snapshot``) and save it atomically.

    Raises ``ApprovalChanged`` if the file is no longer as it was read (someone
    saved it meanwhile), ``SaveError`` if writing fails; the file is then untouched.
    """
    try:
        info = path.stat()
    except OSError as error:
        raise ApprovalChanged(path, f"cannot be read: {error.strerror or error}") from None
    if (info.st_size, info.st_mtime_ns) != (snapshot.size, snapshot.mtime_ns):
        raise ApprovalChanged(path, "changed since it was read; the approval was not saved")
    approval = approve(session, by)
    save_session(session, path)
    return approval


def withdraw_approval(editor: SessionEditor) -> Approval | None:
    """Remove the approval of the open session before it is edited (undoable).

    The status goes from approved back to completed. Undo restores both. Returns
    the approval that was removed (None if there was none to remove).
    """
    session = editor.session
    if not is_approved(session):
        return None
    old_approval, old_status = session.approval, session.status

    def restore() -> None:
        session.approval = old_approval
        session.status = old_status

    with editor.lock:
        session.approval = None
        if session.status == SessionStatus.APPROVED:
            session.status = SessionStatus.COMPLETED
    editor._push_undo("approval", restore)
    editor.changed("approval")
    return old_approval
