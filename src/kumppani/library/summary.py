"""The summaries a scan gives: what the library keeps of each session file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from kumppani.errors import SessionFileError
from kumppani.session.vocabulary import ActionStatus, SessionStatus
from kumppani.text.numbers import Number

TEXT_SEPARATOR = "\x00"
"""Separates the parts of a session's searchable text when stored as one string.

One string per session parses twice as fast as a list of small ones. A NUL in a
text (possible through a TOML escape) becomes U+FFFD: it is a control character
that no terminal shows and no one searches for.
"""


CARRIED = "note.carried"
"""The field of a focus theme that repeats a vote's result carried to step 3
(``voting.carried_copies``): a search lists it only where the note it repeats is not."""


class TextEntry(NamedTuple):
    """One searchable piece of text of a session."""

    step: str
    """The step key it belongs to (``overall`` … ``followup``)."""
    field: str
    """What it is: ``note``, ``conclusion``, ``winwin.state_gains``, ``action.title`` …"""
    text: str
    ref: str = ""
    """The id of the note, action or indicator it belongs to, if any."""


class ActionSummary(NamedTuple):
    """An action as a session states it, enough to track it.

    A named tuple, as ``IndicatorSummary``: a warm scan makes thousands, and a
    tuple is made several times faster than a frozen dataclass.
    """

    id: str
    title: str
    status: ActionStatus
    due: dt.date | None = None
    owner: str = ""
    responsible: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    """Party keys: the owner's party and those of participants whose organisation is
    responsible (so ``--party city`` finds what the city answers for). The tracker adds
    the parties the list of bodies gives (``TrackedAction.parties``)."""
    last_change: dt.date | None = None
    """The date of the latest status change in the action's history."""

    def is_overdue(self, today: dt.date) -> bool:
        """Open and due before ``today``."""
        return self.status.is_open and self.due is not None and self.due < today


class IndicatorSummary(NamedTuple):
    """An indicator as a session states it, with its dated readings."""

    id: str
    name: str
    unit: str = ""
    baseline: Number | None = None
    target: Number | None = None
    owner: str = ""
    readings: tuple[tuple[dt.date, Number], ...] = ()


@dataclass(frozen=True)
class PreviousLink:
    """The link to the previous session of a series, as stored."""

    id: str
    file: str = ""
    title: str = ""


@dataclass(frozen=True)
class ApprovalInfo:
    """Who approved the minutes and when."""

    by: str
    at: dt.datetime


@dataclass(frozen=True)
class SessionSummary:
    """What the library keeps of one session file."""

    path: Path
    """The file, as found under the scanned folder (the folder as it was given)."""
    id: str
    title: str
    theme: str = ""
    date: dt.date | None = None
    start_time: dt.time | None = None
    status: SessionStatus = SessionStatus.DRAFT
    language: str = "fi"
    template_id: str = "partnership"
    parties: tuple[str, ...] = ()
    """Party keys of the participants present, in roster order, each once."""
    participant_count: int = 0
    organisations: tuple[tuple[str, str], ...] = ()
    """The roster's organisations with their party keys: ``(organisation, party)``."""
    previous: PreviousLink | None = None
    created: dt.datetime | None = None
    modified: dt.datetime | None = None
    approval: ApprovalInfo | None = None
    changed_after_approval: bool = False
    """True when the minutes carry an approval but their content changed since."""
    note_count: int = 0
    highlight_count: int = 0
    text_blob: str = field(default="", repr=False)
    """The searchable texts as stored: ``text_data`` joined with ``TEXT_SEPARATOR``."""
    actions: tuple[ActionSummary, ...] = field(default=(), repr=False)
    indicators: tuple[IndicatorSummary, ...] = field(default=(), repr=False)

    @cached_property
    def text_data(self) -> tuple[str, ...]:
        """The searchable texts, flat: step, field, text, ref, step, field, … (see ``texts``)."""
        return tuple(self.text_blob.split(TEXT_SEPARATOR)) if self.text_blob else ()

    def texts(self) -> Iterator[TextEntry]:
        """Every searchable text of the session: notes, conclusions, actions, messages …"""
        return text_entries(self.text_data)

    @property
    def shown_status(self) -> str:
        """The status to show: ``changed`` for minutes changed after approval, else the status."""
        return "changed" if self.changed_after_approval else self.status.value

    @property
    def action_count(self) -> int:
        """How many actions the session holds."""
        return len(self.actions)

    @property
    def indicator_count(self) -> int:
        """How many indicators the session holds."""
        return len(self.indicators)

    @property
    def open_action_count(self) -> int:
        """How many of its actions are still open."""
        return sum(1 for action in self.actions if action.status.is_open)


@dataclass
class ScanResult:
    """The sessions of a folder, the files that failed, and how much was read."""

    summaries: list[SessionSummary]
    """One per readable session file, in file name order."""
    errors: list[SessionFileError]
    """One per file that failed to load, located (file, line, field), in file name order."""
    read: int = 0
    """How many files were parsed in this scan (the rest came from the cache)."""
    cached: int = 0
    """How many files the cache answered for."""


def text_entries(data: Iterable[str]) -> Iterator[TextEntry]:
    """Flat text records (step, field, text, ref, step, field, …) as entries, in order."""
    fields = iter(data)
    return map(TextEntry._make, zip(fields, fields, fields, fields, strict=False))
