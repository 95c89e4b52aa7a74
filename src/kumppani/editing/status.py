"""Provides the session status that follows the meeting: draft → in progress → held → approved.

Each change is kept in ``session.status_history`` with its time. The meeting
starts (``in_progress``) with the first note or a started timer: ``follow_meeting``
listens to an open editor for that (undoing that first note makes it a draft
again, unless the status has changed since). It ends (``held``) only when
someone says so: ``end_session`` in the app ("end session"), or
``kumppani status FILE held``. Approval
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
        with editor.lock:
            set_status(session, SessionStatus.IN_PROGRESS)
        if what in UNDONE_WITH_IT:
            started = session.status_history[-1]
            editor.history.attach(
                partial(_unstart, session, started), partial(_restart, session, started)
            )

    editor.subscribe(listener)


def _unstart(session: Session, started: StatusEntry) -> None:
    """Take back the start of the meeting, only if nothing has changed the status since.

    A session held or approved after that first note stays so, with its whole history:
    undoing the note takes back the note, not the end of the meeting.
    """
    history = session.status_history
    if session.status is SessionStatus.IN_PROGRESS and history and history[-1] is started:
        history.pop()
        session.status = SessionStatus.DRAFT


def _restart(session: Session, started: StatusEntry) -> None:
    """Start the meeting again at redo, if it is still the draft that undo left."""
    if session.status is SessionStatus.DRAFT and started not in session.status_history:
        session.status_history.append(started)
        session.status = SessionStatus.IN_PROGRESS


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
