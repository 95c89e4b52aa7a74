"""Records back into summaries (also the check of what the cache holds)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from kumppani.errors import SessionFileError, Words, words_from_data
from kumppani.library.records import Record
from kumppani.library.summary import (
    TEXT_SEPARATOR,
    ActionSummary,
    ApprovalInfo,
    IndicatorSummary,
    PreviousLink,
    SessionSummary,
)
from kumppani.session.vocabulary import ActionStatus, SessionStatus
from kumppani.text.numbers import Number


def _text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("text expected")
    return value


def _maybe_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _words(value: Any) -> Words:
    words = words_from_data(value)
    if words is None:
        raise TypeError("message expected")
    return words


def _count(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise TypeError("count expected")
    return value


def _number(value: Any) -> Number | None:
    if value is None:
        return None
    if type(value) not in (int, float):
        raise TypeError("number expected")
    number: Number = value
    return number


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(_text(value))


def _instant(value: Any) -> dt.datetime:
    moment = dt.datetime.fromisoformat(_text(value))
    if moment.tzinfo is None:
        raise ValueError("offset expected")
    return moment


def _texts(value: Any) -> tuple[str, ...]:
    if type(value) is not list or not set(map(type, value)) <= {str}:
        raise TypeError("list of text expected")
    return tuple(value)


def _pair(value: Any) -> tuple[str, str]:
    first, second = _texts(value)
    return first, second


def _items(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError("list expected")
    return value


def _text_blob(value: Any) -> str:
    """Searchable texts joined: empty, or a multiple of four parts."""
    if type(value) is not str or (value and (value.count(TEXT_SEPARATOR) + 1) % 4):
        raise TypeError("texts expected")
    return value


_ACTION_STATUSES = {status.value: status for status in ActionStatus}
_SESSION_STATUSES = {status.value: status for status in SessionStatus}


def _action(item: Any) -> ActionSummary:
    ident, title, status, due, owner, responsible, parties, last = _items(item)
    if type(ident) is not str or type(title) is not str or type(owner) is not str:
        raise TypeError("action expected")
    return ActionSummary(
        ident,
        title,
        _ACTION_STATUSES[status],
        None if due is None else dt.date.fromisoformat(due),
        owner,
        _texts(responsible),
        _texts(parties),
        None if last is None else dt.date.fromisoformat(last),
    )


def _readings(value: Any) -> tuple[tuple[dt.date, Number], ...]:
    """Readings stored flat: day, value, day, value …"""
    if type(value) is not list or len(value) % 2:
        raise TypeError("readings expected")
    days, numbers = value[0::2], value[1::2]
    if not set(map(type, days)) <= {str} or not set(map(type, numbers)) <= {int, float}:
        raise TypeError("readings expected")
    return tuple(zip(map(dt.date.fromisoformat, days), numbers, strict=True))


def _indicator(item: Any) -> IndicatorSummary:
    ident, name, unit, baseline, target, owner, readings = _items(item)
    if type(ident) is not str or type(name) is not str:
        raise TypeError("indicator expected")
    if type(unit) is not str or type(owner) is not str:
        raise TypeError("indicator expected")
    return IndicatorSummary(
        ident, name, unit, _number(baseline), _number(target), owner, _readings(readings)
    )


def summary_from_record(path: Path, record: Record) -> SessionSummary:
    """The summary a record describes; TypeError/ValueError/… if it is not well formed."""
    previous = record["previous"]
    approval = record["approval"]
    start = _maybe_text(record["start"])
    link = None
    if previous is not None:
        ident, file, title = _items(previous)
        link = PreviousLink(_text(ident), _text(file), _text(title))
    approved = None
    if approval is not None:
        by, at = _items(approval)
        approved = ApprovalInfo(_text(by), _instant(at))
    return SessionSummary(
        path=path,
        id=_text(record["id"]),
        title=_text(record["title"]),
        theme=_text(record["theme"]),
        date=_date(record["date"]),
        start_time=dt.time.fromisoformat(start) if start is not None else None,
        status=_SESSION_STATUSES[record["status"]],
        language=_text(record["language"]),
        template_id=_text(record["template"]),
        parties=_texts(record["parties"]),
        participant_count=_count(record["participants"]),
        organisations=tuple(_pair(item) for item in _items(record["organisations"])),
        previous=link,
        created=_instant(record["created"]),
        modified=_instant(record["modified"]),
        approval=approved,
        changed_after_approval=record["approval_state"] == "changed",
        note_count=_count(record["notes"]),
        highlight_count=_count(record["highlights"]),
        text_blob=_text_blob(record["texts"]),
        actions=tuple(_action(item) for item in _items(record["actions"])),
        indicators=tuple(_indicator(item) for item in _items(record["indicators"])),
    )


def error_from_record(path: Path, record: Record) -> SessionFileError:
    """The located error a record describes; TypeError/… if it is not well formed."""
    line, column = record.get("line"), record.get("column")
    return SessionFileError(
        path,
        _words(record["message"]),
        line=None if line is None else _count(line),
        column=None if column is None else _count(column),
        field=_maybe_text(record.get("field")),
        expected=words_from_data(record.get("expected")),
    )


_BAD_RECORD = (KeyError, TypeError, ValueError, AttributeError)
"""What a record that does not fit raises while it is turned back into a summary."""


def _outcome(path: Path, record: Any) -> SessionSummary | SessionFileError:
    if type(record) is not dict:
        raise TypeError("record expected")
    error = record.get("error")
    if error is not None:
        if type(error) is not dict:
            raise TypeError("error record expected")
        return error_from_record(path, error)
    return summary_from_record(path, record)
