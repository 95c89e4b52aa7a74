"""Decodes the ``[session]`` table of a session file: header, links, approval, status history."""

from __future__ import annotations

from kumppani.fileformat.fields import Fields
from kumppani.session.model import (
    Approval,
    NextMeeting,
    PreviousSession,
    Session,
    StatusEntry,
    new_id,
)
from kumppani.session.vocabulary import LEGACY_SESSION_STATUSES, SessionStatus
from kumppani.text.i18n import LANGUAGES


def session_status(fields: Fields) -> SessionStatus:
    """A session status; ``completed`` of older files is held."""
    value = fields.table.get("status")
    legacy = LEGACY_SESSION_STATUSES.get(value) if isinstance(value, str) else None
    if legacy is not None:
        fields.read.add("status")
        return legacy
    return fields.enum("status", SessionStatus, SessionStatus.DRAFT)


def session_head(head: Fields) -> Session:
    """The ``[session]`` table: the header, the links, the approval and the status history."""
    session = Session(
        id=head.text("id") or new_id("s"),
        title=head.text("title", required=True),
        theme=head.text("theme"),
        date=head.day("date"),
        start_time=head.clock("start_time"),
        end_time=head.clock("end_time"),
        venue=head.text("venue"),
        facilitator=head.text("facilitator"),
        organiser=head.text("organiser"),
        writer=head.text("writer"),
        distribution=head.text("distribution"),
        language=head.choice("language", LANGUAGES, "fi"),
        template_id=head.text("template", "partnership"),
        template_version=head.whole("template_version", 1, low=1),
        status=session_status(head),
        created=head.instant("created"),
        modified=head.instant("modified"),
        purpose=head.text("purpose"),
        needed_parties=head.text("needed_parties"),
        recipes=head.wholes("recipes", 1, 8),
    )
    if (previous := head.sub("previous")) is not None:
        session.previous = PreviousSession(
            id=previous.text("id", required=True),
            file=previous.text("file"),
            title=previous.text("title"),
            date=previous.day("date"),
        )
        session.previous.extra = previous.extra()
    if (following := head.sub("next_meeting")) is not None:
        session.next_meeting = NextMeeting(
            date=following.day("date"),
            start_time=following.clock("start_time"),
            venue=following.text("venue"),
        )
        session.next_meeting.extra = following.extra()
    if (approval := head.sub("approval")) is not None:
        session.approval = Approval(
            by=approval.text("by", required=True),
            at=approval.instant("at"),
            digest=approval.text("digest"),
        )
        session.approval.extra = approval.extra()
    for entry_fields in head.subs("status_history"):
        entry = StatusEntry(status=session_status(entry_fields), at=entry_fields.instant("at"))
        entry.extra = entry_fields.extra()
        session.status_history.append(entry)
    session.extra = head.extra()
    return session
