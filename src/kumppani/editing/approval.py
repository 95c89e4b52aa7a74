"""Provides the approval of the minutes: held -> approved (who, when, digest), and losing it.

``approve`` marks a held session's minutes approved and records the digest of
their content (``fileformat.digest``); ``approve_file`` does it to a file and
saves it atomically, refusing if the file changed since it was read.

Editing approved minutes ("edit anyway") does not change anything by itself:
``watch_approval`` follows the editor, and at the first change that makes the
content differ from what was approved the approval is removed and the status
goes back to held. An undo (or any edit) that brings back exactly the approved
content brings the approval back with it, as it was. No UI here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kumppani.editing.editor import SessionEditor
from kumppani.editing.status import set_status
from kumppani.errors import FileError, Message, read_problem
from kumppani.fileformat.digest import ApprovalState, approval_state, content_digest
from kumppani.session.model import Approval, Session, StatusEntry, now
from kumppani.session.vocabulary import SessionStatus
from kumppani.storage.files import Snapshot, save_session

APPROVABLE = frozenset({SessionStatus.HELD, SessionStatus.APPROVED})
"""Statuses whose minutes may be approved (approved: changed after approval, approved again)."""


class ApprovalChanged(FileError):
    """The file changed between reading it and saving the approval; nothing was written."""


class NotHeld(FileError):
    """The session has not been marked held yet: its minutes cannot be approved."""


def is_approved(session: Session) -> bool:
    """True when the minutes carry an approval that still holds (or cannot be checked)."""
    return approval_state(session) in (ApprovalState.APPROVED, ApprovalState.UNCHECKED)


def approve(session: Session, by: str) -> Approval:
    """Mark the minutes approved by ``by`` now, with their digest; the status becomes approved."""
    approval = Approval(by=by.strip(), at=now(), digest=content_digest(session))
    session.approval = approval
    if not set_status(session, SessionStatus.APPROVED, approval.at):  # approved again
        session.status_history.append(StatusEntry(status=SessionStatus.APPROVED, at=approval.at))
    session.touch()
    return approval


def approve_file(path: Path, session: Session, snapshot: Snapshot, by: str) -> Approval:
    """Approve ``session`` read from ``path`` (as ``snapshot``) and save it atomically.

    Raises ``NotHeld`` for a session not marked held, ``ApprovalChanged`` if the file
    is no longer as it was read (someone saved it meanwhile), ``SaveError`` if writing
    fails; the file is then untouched. Comments in the file are kept (``save_session``).
    """
    if session.status not in APPROVABLE:
        raise NotHeld(
            path,
            Message("problem.not_held", status=Message(f"session_status.{session.status.value}")),
        )
    try:
        info = path.stat()
    except OSError as error:
        raise ApprovalChanged(path, read_problem(error)) from None
    if (info.st_size, info.st_mtime_ns) != (snapshot.size, snapshot.mtime_ns):
        raise ApprovalChanged(path, Message("problem.approval_not_saved"))
    approval = approve(session, by)
    save_session(session, path)
    return approval


class ApprovalWatch:
    """Removes the approval at the first real change of the content, restores it at the last.

    The approved state is remembered as it was opened: the approval, the status, the
    status history and the content digest (for a file approved without a digest, the
    content as opened). Whenever the editor's session differs from that content the
    approval is gone and the status is held (one history entry); when it is that content
    again, everything comes back exactly as it was.
    """

    def __init__(self, editor: SessionEditor, told: Callable[[bool], object] | None = None) -> None:
        session = editor.session
        self.editor = editor
        self.told = told
        """Called with True when the approval was removed, False when it came back."""
        self.approval = session.approval
        self.status = session.status
        self.history = list(session.status_history)
        self.digest = content_digest(session)
        self.withdrawn: StatusEntry | None = None

    @property
    def removed(self) -> bool:
        """True while the approval is removed because the content changed."""
        return self.withdrawn is not None

    def __call__(self, what: str) -> None:
        session = self.editor.session
        same = content_digest(session) == self.digest
        with self.editor.lock:
            if not same and self.withdrawn is None:
                session.approval = None
                set_status(session, SessionStatus.HELD)
                self.withdrawn = session.status_history[-1]
                removed: bool | None = True
            elif same and self.withdrawn is not None:
                session.approval, session.status = self.approval, self.status
                session.status_history[:] = self.history
                self.withdrawn = None
                removed = False
            else:
                removed = None
        if removed is not None and self.told is not None:
            self.told(removed)


def watch_approval(
    editor: SessionEditor, told: Callable[[bool], object] | None = None
) -> ApprovalWatch:
    """Follow the approved session open in ``editor`` (after "edit anyway").

    ``told(True)`` when the approval is removed, ``told(False)`` when it comes back.
    """
    watch = ApprovalWatch(editor, told)
    editor.subscribe(watch)
    return watch
