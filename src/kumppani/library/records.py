"""Reading one file: a session into a plain record (JSON-ready, cheap to pickle).

``_summarize_chunk`` is what a worker process runs, so it stays a module-level
function, and so must the ``summarize`` it is handed (it is pickled by name).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kumppani.errors import Message, SessionFileError, read_problem, words_to_data
from kumppani.fileformat import parse_session
from kumppani.fileformat.digest import approval_state
from kumppani.library.summary import CARRIED, TEXT_SEPARATOR
from kumppani.roundtable.voting import carried_copies
from kumppani.session.bodies import BodyDirectory
from kumppani.session.model import Session
from kumppani.storage.files import read_text

Record = dict[str, Any]
Summarize = Callable[[Path], Record]
"""Reads one file into its record: ``summarize_file``, or a stand-in a test passes."""
_NO_LIST = BodyDirectory()
"""Bodies matched by the roster alone: the record must not depend on the config."""


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _organisations(session: Session) -> list[list[str]]:
    """The roster's organisations and their parties, each pair once, in roster order."""
    pairs: list[list[str]] = []
    for person in session.participants:
        pair = [person.organisation.strip(), person.party]
        if all(pair) and pair not in pairs:
            pairs.append(pair)
    return pairs


def _owner_parties(
    session: Session, owner: str, responsible: Sequence[str], roster: list[list[str]]
) -> list[str]:
    """The party of the owner (a participant's name) and those of the roster's organisations
    that are responsible (the list of bodies is the config's: the tracker adds it)."""
    owner_key = owner.strip().casefold()
    found = [
        person.party
        for person in session.participants
        if owner_key and person.party and person.name.strip().casefold() == owner_key
    ][:1]
    pairs = [(organisation, party) for organisation, party in roster]
    return found + [party for party in _NO_LIST.parties(responsible, pairs) if party not in found]


def record_of(session: Session) -> Record:
    """The record the library keeps of a session (plain JSON types only)."""
    texts: list[str] = []

    def add(entry: tuple[str, str, str, str]) -> None:
        for part in entry:
            texts.append(part.replace(TEXT_SEPARATOR, "\ufffd") if TEXT_SEPARATOR in part else part)

    note_count = highlight_count = 0
    copies = carried_copies(session)  # a search lists them where they were raised
    for step in session.steps:
        for note in step.notes:
            add((step.key, CARRIED if note.id in copies else "note", note.text, note.id))
            note_count += 1
            highlight_count += note.highlight
        if step.conclusion:
            add((step.key, "conclusion", step.conclusion, ""))
    winwin = session.winwin
    for name in ("state_gains", "city_gains", "incentives", "disincentives"):
        value = getattr(winwin, name)
        if value:
            add(("will", f"winwin.{name}", value, ""))
    actions: list[list[Any]] = []
    roster = _organisations(session)
    for action in session.actions:
        for name in ("title", "description", "rationale"):
            value = getattr(action, name)
            if value:
                add(("solutions", f"action.{name}", value, action.id))
        for change in action.history:
            if change.note:
                add(("solutions", "action.status_note", change.note, action.id))
        last = max((change.on for change in action.history), default=None)
        actions.append(
            [
                action.id,
                action.title,
                action.status.value,
                _day(action.due),
                action.owner,
                list(action.responsible),
                _owner_parties(session, action.owner, action.responsible, roster),
                _day(last),
            ]
        )
    if session.shared_message:
        add(("solutions", "shared_message", session.shared_message, ""))
    indicators: list[list[Any]] = []
    for indicator in session.indicators:
        add(("followup", "indicator.name", indicator.name, indicator.id))
        readings = sorted(indicator.readings, key=lambda reading: reading.on)
        indicators.append(
            [
                indicator.id,
                indicator.name,
                indicator.unit,
                indicator.baseline,
                indicator.target,
                indicator.owner,
                [part for reading in readings for part in (reading.on.isoformat(), reading.value)],
            ]
        )
    if session.followup_plan:
        add(("followup", "followup_plan", session.followup_plan, ""))
    parties: list[str] = []
    for person in session.participants:
        if person.present is not False and person.party and person.party not in parties:
            parties.append(person.party)
    previous = session.previous
    approval = session.approval
    return {
        "id": session.id,
        "title": session.title,
        "theme": session.theme,
        "date": _day(session.date),
        "start": session.start_time.isoformat() if session.start_time else None,
        "status": session.status.value,
        "language": session.language,
        "template": session.template_id,
        "parties": parties,
        "organisations": roster,
        "participants": len(session.participants),
        "previous": [previous.id, previous.file, previous.title] if previous else None,
        "created": session.created.isoformat(),
        "modified": session.modified.isoformat(),
        "approval": [approval.by, approval.at.isoformat()] if approval else None,
        "approval_state": approval_state(session).value,
        "notes": note_count,
        "highlights": highlight_count,
        "texts": TEXT_SEPARATOR.join(texts),
        "actions": actions,
        "indicators": indicators,
    }


def _error_record(error: SessionFileError) -> Record:
    return {
        "message": words_to_data(error.message_words),
        "line": error.line,
        "column": error.column,
        "field": error.field,
        "expected": words_to_data(error.expected_words),
    }


def summarize_file(path: Path, *, record: Callable[[Session], Record] = record_of) -> Record:
    """Read and check one session file: its record, or ``{"error": …}`` saying what is wrong.

    Never raises for a bad file: whatever goes wrong is the file's error, so one
    file can never stop a scan. ``record`` turns the loaded session into its record.
    """
    try:
        text, _ = read_text(path)
        return record(parse_session(text, path))
    except SessionFileError as error:
        return {"error": _error_record(error)}
    except OSError as error:
        return {"error": {"message": words_to_data(read_problem(error))}}
    except Exception as error:  # a file that trips an unexpected fault is still only skipped
        message = Message("problem.unreadable", reason=f"{type(error).__name__}: {error}")
        return {"error": {"message": words_to_data(message)}}


def _summarize_chunk(names: list[str], summarize: Summarize = summarize_file) -> list[Record]:
    """A worker's job: the records of a chunk of files."""
    return [summarize(Path(name)) for name in names]
