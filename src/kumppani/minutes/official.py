"""Provides the parts of the official minutes around the items: header, attendance, decisions.

The header (time span, place, organiser, chair, writer, theme, the previous
meeting by title and date); who was present (Läsnä), by party, and who was
absent (Poissa); one table of decisions and actions near the top, with each
action's details as lists after it; and at the end the next meeting, the
distribution (jakelu) and the approval line.
"""

from __future__ import annotations

import datetime as dt

from kumppani.fileformat.digest import ApprovalState, approval_state
from kumppani.minutes.blocks import (
    Document,
    Fields,
    Item,
    ItemList,
    Paragraph,
    Span,
    Table,
    item,
    items,
    one_line,
    plain,
    text_lines,
)
from kumppani.minutes.words import Words
from kumppani.minutes.words import plain as squash
from kumppani.session.model import Action, Participant, StatusChange
from kumppani.session.vocabulary import DEFAULT_PARTIES, ActionStatus, Role


def header(doc: Document, words: Words) -> None:
    """The title and the key-value header."""
    session = words.session
    title = one_line(session.title) or words._("export.untitled")
    doc.title = words._("export.document_title", title=title)
    doc.heading(1, doc.title)
    fields = {
        "time": words.when(session.date, session.start_time, session.end_time),
        "venue": session.venue,
        "organiser": session.organiser,
        "facilitator": words.person(session.facilitator, always=True),
        "writer": words.person(session.writer, always=True),
        "theme": session.theme,
    }
    if (previous := session.previous) is not None:
        name = one_line(previous.title) or previous.id
        fields["previous"] = (
            words._("export.previous", title=name, date=words.date(previous.date))
            if previous.date
            else name
        )
    pairs = tuple(
        (words._(f"export.field.{key}"), one_line(value))
        for key, value in fields.items()
        if one_line(value)
    )
    doc.add(Fields(pairs))


def entry(words: Words, person: Participant, *, with_party: bool = False) -> str:
    """A line of the attendance list: name, title, organisation (role)."""
    parts = [person.title, person.organisation]
    if not words.anonymize:
        parts.insert(0, person.name)
    text = ", ".join(filter(None, map(squash, parts))) or words._("export.anonymous")
    if person.role != Role.PARTICIPANT:
        text += f" ({words._(f'role.{person.role.value}').lower()})"
    return words.with_party(text, person.party) if with_party else text


def attendance(doc: Document, words: Words) -> None:
    """Läsnä by party, then Poissa."""
    people = words.session.participants
    present = [person for person in people if person.present is True]
    if present:
        doc.heading(2, words._("export.section.participants"))
        parties = dict.fromkeys([*DEFAULT_PARTIES, *(p.party for p in present if p.party), ""])
        for party in parties:
            group = [entry(words, p) for p in present if p.party == party]
            if group:
                name = words.label("party", party) if party else ""
                doc.heading(3, name or words._("export.section.no_party"))
                doc.add(items(group))
    for section, presence in (("absent", False), ("presence_unknown", None)):
        listed = [entry(words, p, with_party=True) for p in people if p.present is presence]
        if listed:
            doc.heading(2, words._(f"export.section.{section}"))
            doc.add(items(listed))


def decisions(doc: Document, words: Words) -> None:
    """One table of the actions (decisions), then each action's details as lists."""
    actions = words.session.actions
    if not actions:
        return
    doc.heading(2, words._("export.section.actions"))
    columns = ("action", "responsible", "owner", "due", "status")
    header = tuple(words._(f"export.column.{column}") for column in columns)
    doc.add(Table(header, tuple(action_row(words, action) for action in actions)))
    for action in actions:
        details = action_details(words, action)
        if details.items:
            doc.heading(3, one_line(action.title) or "—")
            doc.add(details)


def action_row(words: Words, action: Action) -> tuple[str, ...]:
    responsible = ", ".join(words.label("party", party) for party in action.responsible)
    due = words.date(action.due) if action.due else ""
    status = words.label("action_status", action.status.value)
    return tuple(
        one_line(text)
        for text in (action.title, responsible, words.person(action.owner), due, status)
    )


def agreed_on(words: Words, day: dt.date) -> dt.date:
    """The date of the meeting at which a change typed on ``day`` was agreed or reported.

    The first meeting on or after the day that the minutes know of (the
    previous one or this one); a change typed after this meeting belongs to it.
    """
    session = words.session
    previous = session.previous.date if session.previous is not None else None
    for meeting in (previous, session.date):
        if meeting is not None and day <= meeting:
            return meeting
    return session.date or day


def shown_history(words: Words, action: Action) -> list[StatusChange]:
    """The changes worth a line: not the first "proposed → …" of an action new in this session."""
    history = list(action.history)
    session = words.session
    if (
        history
        and session.previous is None
        and history[0].old is ActionStatus.PROPOSED
        and session.date is not None
        and history[0].on >= session.date
    ):
        history.pop(0)
    return history


def action_details(words: Words, action: Action) -> ItemList:
    texts = {
        "description": action.description,
        "rationale": action.rationale,
        "resources": action.resources,
    }
    entries = [
        item(text, lead=words._(f"export.label.{key}"))
        for key, text in texts.items()
        if text_lines(text)
    ]
    changes = []
    for change in shown_history(words, action):
        old, new = (words.label("action_status", s.value) for s in (change.old, change.new))
        on = words.date(agreed_on(words, change.on))
        line = words._("export.history_item", date=on, old=old, new=new)
        changes.append(item(f"{line} – {change.note}" if text_lines(change.note) else line))
    if changes:
        label = (Span(words._("export.label.history") + ":", "bold"),)
        entries.append(Item((label,), tuple(changes)))
    return ItemList(tuple(entries))


def closing(doc: Document, words: Words) -> None:
    """The next meeting, the distribution and the approval line."""
    session = words.session
    following = session.next_meeting
    if not following.is_empty():
        doc.heading(2, words._("export.section.next_meeting"))
        when = words.when(following.date, following.start_time, None)
        text = ", ".join(part for part in (when, one_line(following.venue)) if part)
        doc.add(Paragraph((plain(text),)))
    recipients = text_lines(session.distribution)
    if recipients:
        doc.heading(2, words._("export.section.distribution"))
        doc.add(items(recipients))
    if (approval := session.approval) is not None:
        by = one_line(words.person(approval.by, always=True))
        # Minutes changed after approval must not call themselves approved.
        changed = approval_state(session) == ApprovalState.CHANGED
        key = "export.approval_changed" if changed else "export.approval"
        doc.add(Paragraph((plain(words._(key, by=by, date=words.date(approval.at))),)))
