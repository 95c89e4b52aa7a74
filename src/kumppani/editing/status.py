"""Provides the session status that follows the meeting: draft → in progress → held → approved.

Each change is kept in ``session.status_history`` with its time. The meeting
starts (``in_progress``) with the first note or a started timer: ``follow_meeting``
listens to an open editor for that (undoing that first note makes it a draft
again). It ends (``held``) only when someone says so: ``end_session`` in the
app ("end session"), or ``kumppani status FILE held``. Approval
(``editing.approval``) makes it ``approved``; editing held minutes leaves them
held. No UI here.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from kumppani.editing.editor import SessionEditor
from kumppani.session.model import Session, StatusEntry, now
from kumppani.session.vocabulary import SessionStatus, StepStatus

STARTS_MEETING = frozenset({"note", "time", "live"})
"""Editor changes that show the meeting is running (a note, a timer tick or start)."""
UNDONE_WITH_IT = frozenset({"note"})
"""Of those, the changes that can be undone: undoing the one that started the meeting
makes the session a draft again, in the same undo step (a timer is no undoable edit)."""


def set_status(session: Session, status: SessionStatus, at: datetime | None = None) -> bool:
    """Set the status and record the change with its time; False if it already was so."""
    if session.status == status:
        return False
    session.status = status
    session.status_history.append(StatusEntry(status=status, at=at or now()))
    return True


def follow_meeting(editor: SessionEditor) -> None:
    """Make a draft in progress at the first note or the first tick of a started timer."""

    def listener(what: str) -> None:
        session = editor.session
        if session.status != SessionStatus.DRAFT or what not in STARTS_MEETING:
            return
        if what == "live" and session.live.timer_since is None:
            return  # only the step on screen moved: the meeting has not started
        before = (session.status, list(session.status_history))
        with editor.lock:
            set_status(session, SessionStatus.IN_PROGRESS)
        after = (session.status, list(session.status_history))
        if what in UNDONE_WITH_IT:
            editor.history.attach(partial(_put, session, *before), partial(_put, session, *after))

    editor.subscribe(listener)


def _put(session: Session, status: SessionStatus, history: list[StatusEntry]) -> None:
    session.status = status
    session.status_history = list(history)


def last_step_done(session: Session) -> bool:
    """True when step 5 is marked done: the moment to offer ending the session."""
    return session.step("followup").status == StepStatus.DONE


def can_end(session: Session) -> bool:
    """True when the session may be marked held now (it is a draft or in progress)."""
    return session.status in (SessionStatus.DRAFT, SessionStatus.IN_PROGRESS)


def end_session(editor: SessionEditor) -> bool:
    """Mark the open session held (the meeting is over); False if it was not running."""
    session = editor.session
    if not can_end(session):
        return False
    with editor.lock:
        set_status(session, SessionStatus.HELD)
    editor.changed("session_status")
    return True
