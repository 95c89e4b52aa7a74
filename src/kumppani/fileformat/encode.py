"""Provides the encoder: a Session to the TOML document, in a fixed key order."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone
from typing import Any

import tomli_w

from kumppani.fileformat.note_memo import NoteMemo, note_values
from kumppani.session.format_version import FORMAT_ID, FORMAT_VERSION
from kumppani.session.model import (
    Action,
    Group,
    Indicator,
    Live,
    Note,
    Participant,
    Reading,
    Round,
    Session,
    StatusChange,
    Step,
    Turn,
    Vote,
    WinWin,
)

Table = dict[str, Any]


def text(value: str) -> str:
    """User text as stored: CR LF becomes LF (TOML multi-line strings fold it anyway).

    Repeated until none is left, so ``"\\r\\r\\n"`` does not turn into a new CR LF.
    """
    while "\r\n" in value:
        value = value.replace("\r\n", "\n")
    return value


def instant(value: datetime) -> datetime:
    """A datetime TOML can hold: a fixed offset in whole minutes, else the instant in UTC."""
    offset = value.utcoffset()
    if offset is None:
        raise ValueError("datetimes must be timezone-aware")
    if offset % timedelta(minutes=1):
        return value.astimezone(UTC)
    # A fixed offset, as TOML stores it (and as Python compares it: a fold=1 time in a
    # zone is never equal to the same instant in another zone).
    return value.astimezone(timezone(offset))


def _put(table: Table, key: str, value: Any) -> None:
    """Set ``key`` unless the value is empty: TOML has no null, and empty adds noise."""
    if value is None or value == "" or value == [] or value is False:
        return
    if isinstance(value, str):
        value = text(value)
    elif isinstance(value, datetime):
        value = instant(value)
    elif isinstance(value, time):
        value = value.replace(tzinfo=None)
    table[key] = value


def _with_extra(table: Table, extra: dict[str, Any]) -> Table:
    for key, value in extra.items():
        if key not in table:
            table[key] = value
    return table


def _participant(person: Participant) -> Table:
    table: Table = {"id": text(person.id), "name": text(person.name)}
    _put(table, "organisation", person.organisation)
    _put(table, "title", person.title)
    _put(table, "party", person.party)
    table["role"] = person.role.value
    if person.present is not None:  # not known: no key (format 1.2)
        table["present"] = person.present
    return _with_extra(table, person.extra)


def _note(note: Note) -> Table:
    return _note_table(note_values(note), note.extra)


def _note_table(values: tuple[Any, ...], extra: dict[str, Any]) -> Table:
    note_id, words, kind, party, participant, group, highlight, votes, created = values
    table: Table = {"id": text(note_id), "text": text(words), "kind": text(kind)}
    _put(table, "party", party)
    _put(table, "participant", participant)
    _put(table, "group", group)
    _put(table, "highlight", highlight)
    if votes:
        table["votes"] = votes
    table["created"] = instant(created)
    return _with_extra(table, extra)


def _group(group: Group) -> Table:
    table: Table = {"id": text(group.id), "heading": text(group.heading)}
    return _with_extra(table, group.extra)


def _turn(turn: Turn) -> Table:
    table: Table = {"participant": text(turn.participant), "start": instant(turn.start)}
    table["seconds"] = turn.seconds
    table["outcome"] = turn.outcome.value
    return _with_extra(table, turn.extra)


def _round(speaking: Round) -> Table:
    table: Table = {"id": text(speaking.id), "started": instant(speaking.started)}
    _put(table, "alternate", speaking.alternate)
    if speaking.seconds_each:
        table["seconds_each"] = speaking.seconds_each
    _put(table, "order", [text(person) for person in speaking.order])
    table["position"] = speaking.position
    _put(table, "floor_since", speaking.floor_since)
    _put(table, "ended", speaking.ended)
    _with_extra(table, speaking.extra)
    if speaking.turns:
        table["turns"] = [_turn(turn) for turn in speaking.turns]
    return table


def _vote(vote: Vote) -> Table:
    table: Table = {"id": text(vote.id), "held": instant(vote.held), "dots": vote.dots}
    table["per"] = vote.per.value
    table["voters"] = vote.voters
    _put(table, "carried", vote.carried)
    _with_extra(table, vote.extra)
    if vote.counts:
        table["counts"] = {text(note): count for note, count in vote.counts.items()}
    return table


def _live(live: Live) -> Table:
    table: Table = {}
    _put(table, "step", live.step)
    _put(table, "timer_since", live.timer_since)
    if live.timer_spent:
        table["timer_spent"] = live.timer_spent
    return _with_extra(table, live.extra)


def _winwin(winwin: WinWin) -> Table:
    table: Table = {}
    _put(table, "state_gains", winwin.state_gains)
    _put(table, "city_gains", winwin.city_gains)
    _put(table, "incentives", winwin.incentives)
    _put(table, "disincentives", winwin.disincentives)
    return _with_extra(table, winwin.extra)


def _change(change: StatusChange) -> Table:
    table: Table = {"on": change.on, "old": change.old.value, "new": change.new.value}
    _put(table, "note", change.note)
    return _with_extra(table, change.extra)


def _action(action: Action) -> Table:
    table: Table = {"id": text(action.id), "title": text(action.title)}
    _put(table, "description", action.description)
    _put(table, "rationale", action.rationale)
    _put(table, "responsible", [text(party) for party in action.responsible])
    _put(table, "owner", action.owner)
    _put(table, "due", action.due)
    _put(table, "resources", action.resources)
    table["status"] = action.status.value
    if action.history:
        table["history"] = [_change(change) for change in action.history]
    return _with_extra(table, action.extra)


def _reading(reading: Reading) -> Table:
    table: Table = {"on": reading.on, "value": reading.value}
    _put(table, "note", reading.note)
    return _with_extra(table, reading.extra)


def _indicator(indicator: Indicator) -> Table:
    table: Table = {"id": text(indicator.id), "name": text(indicator.name)}
    _put(table, "unit", indicator.unit)
    _put(table, "baseline", indicator.baseline)
    _put(table, "target", indicator.target)
    _put(table, "owner", indicator.owner)
    _put(table, "schedule", indicator.schedule)
    if indicator.readings:
        table["readings"] = [_reading(reading) for reading in indicator.readings]
    return _with_extra(table, indicator.extra)


def _step(session: Session, step: Step, memo: NoteMemo | None) -> Table:
    table: Table = {"status": step.status.value}
    if step.planned_minutes:
        table["planned_minutes"] = step.planned_minutes
    if step.spent_seconds:
        table["spent_seconds"] = step.spent_seconds
    _put(table, "conclusion", step.conclusion)
    if step.key == "solutions":
        _put(table, "shared_message", session.shared_message)
    elif step.key == "followup":
        _put(table, "followup_plan", session.followup_plan)
    _with_extra(table, step.extra)
    if step.groups:
        table["groups"] = [_group(group) for group in step.groups]
    if step.notes:
        table["notes"] = (
            [_note(note) for note in step.notes]
            if memo is None
            else memo.array(step, step.notes, _note_table)
        )
    if step.rounds:
        table["rounds"] = [_round(speaking) for speaking in step.rounds]
    if step.votes:
        table["votes"] = [_vote(vote) for vote in step.votes]
    if step.key == "will" and not session.winwin.is_empty():
        table["winwin"] = _winwin(session.winwin)
    elif step.key == "solutions" and session.actions:
        table["actions"] = [_action(action) for action in session.actions]
    elif step.key == "followup" and session.indicators:
        table["indicators"] = [_indicator(indicator) for indicator in session.indicators]
    return table


def _header(session: Session) -> Table:
    table: Table = {"id": text(session.id), "title": text(session.title)}
    _put(table, "theme", session.theme)
    _put(table, "date", session.date)
    _put(table, "start_time", session.start_time)
    _put(table, "end_time", session.end_time)
    _put(table, "venue", session.venue)
    _put(table, "facilitator", session.facilitator)
    _put(table, "organiser", session.organiser)
    _put(table, "writer", session.writer)
    _put(table, "distribution", session.distribution)
    table["language"] = session.language
    table["template"] = text(session.template_id)
    table["template_version"] = session.template_version
    table["status"] = session.status.value
    table["created"] = instant(session.created)
    table["modified"] = instant(session.modified)
    _put(table, "purpose", session.purpose)
    _put(table, "needed_parties", session.needed_parties)
    _put(table, "recipes", sorted(session.recipes))
    _with_extra(table, session.extra)
    if session.previous is not None:
        previous: Table = {"id": text(session.previous.id)}
        _put(previous, "file", session.previous.file)
        _put(previous, "title", session.previous.title)
        _put(previous, "date", session.previous.date)
        table["previous"] = _with_extra(previous, session.previous.extra)
    if not session.next_meeting.is_empty() or session.next_meeting.extra:
        following: Table = {}
        _put(following, "date", session.next_meeting.date)
        _put(following, "start_time", session.next_meeting.start_time)
        _put(following, "venue", session.next_meeting.venue)
        table["next_meeting"] = _with_extra(following, session.next_meeting.extra)
    if session.approval is not None:
        approval: Table = {"by": text(session.approval.by), "at": instant(session.approval.at)}
        _put(approval, "digest", session.approval.digest)
        table["approval"] = _with_extra(approval, session.approval.extra)
    if session.status_history:
        table["status_history"] = [
            _with_extra({"status": entry.status.value, "at": instant(entry.at)}, entry.extra)
            for entry in session.status_history
        ]
    return table


def encode_session(session: Session, memo: NoteMemo | None = None) -> Table:
    """The TOML document of a session, as plain data in the order it is written.

    With ``memo`` (a save's: ``note_memo.NOTES``), a note unchanged since an earlier
    call gives the same table as then, shared and frozen: such a document is only read.
    """
    version = session.format_version
    if version.major != FORMAT_VERSION.major or version.minor < FORMAT_VERSION.minor:
        version = FORMAT_VERSION
    document: Table = {"format": FORMAT_ID, "format_version": str(version)}
    document["session"] = _header(session)
    document["participants"] = [_participant(person) for person in session.participants]
    if not document["participants"]:
        del document["participants"]
    document["steps"] = _with_extra(
        {step.key: _step(session, step, memo) for step in session.steps},
        session.file_extra.get("steps", {}),
    )
    if not session.live.is_empty():
        document["live"] = _live(session.live)
    for key, value in session.file_extra.items():
        if key not in document:
            document[key] = value
    document["end"] = {}
    return document


def dump_session(document: Table) -> str:
    """The text of an encoded session."""
    return tomli_w.dumps(document, multiline_strings=True)
