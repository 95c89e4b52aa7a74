"""Provides the session document: a round table's participants, five steps, actions, indicators.

Plain, mutable dataclasses with no I/O and no UI. ``kumppani.fileformat`` turns
them into TOML and back; the TUI edits them in place. Every class carries an
``extra`` mapping that holds keys this version does not know (written by a newer
kumppani or by hand), so they survive a load and a save unchanged.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any

from kumppani.format_version import FORMAT_VERSION, FormatVersion
from kumppani.vocabulary import (
    STEP_KEYS,
    ActionStatus,
    Role,
    SessionStatus,
    StepStatus,
)

Extra = dict[str, Any]


def new_id(prefix: str) -> str:
    """A short random id, e.g. ``n-3f9a0c1b``; unique enough within one session."""
    return f"{prefix}-{secrets.token_hex(4)}"


def now() -> datetime:
    """The current instant to the second, timezone-aware in the machine's local zone."""
    return datetime.now(UTC).astimezone().replace(microsecond=0)


@dataclass
class Participant:
    """Someone at the table: who they are and which party they speak for."""

    name: str
    organisation: str = ""
    title: str = ""
    party: str = ""
    role: Role = Role.PARTICIPANT
    present: bool = True
    id: str = field(default_factory=lambda: new_id("p"))
    extra: Extra = field(default_factory=dict)


@dataclass
class Note:
    """One captured contribution: what was said, by whom, of which kind."""

    text: str
    kind: str = "observation"
    party: str = ""
    participant: str = ""
    highlight: bool = False
    votes: int = 0
    created: datetime = field(default_factory=now)
    id: str = field(default_factory=lambda: new_id("n"))
    extra: Extra = field(default_factory=dict)


@dataclass
class WinWin:
    """Step 3's win-win, kept explicitly from both sides."""

    state_gains: str = ""
    city_gains: str = ""
    incentives: str = ""
    disincentives: str = ""
    extra: Extra = field(default_factory=dict)

    def is_empty(self) -> bool:
        """True when nothing has been written yet."""
        return not (self.state_gains or self.city_gains or self.incentives or self.disincentives)


@dataclass
class Step:
    """One of the five steps as it went in this session."""

    key: str
    status: StepStatus = StepStatus.NOT_STARTED
    planned_minutes: int = 0
    spent_seconds: int = 0
    conclusion: str = ""
    notes: list[Note] = field(default_factory=list)
    extra: Extra = field(default_factory=dict)

    @property
    def highlights(self) -> list[Note]:
        """The notes marked as key highlights (nostot), in order."""
        return [note for note in self.notes if note.highlight]


@dataclass
class StatusChange:
    """One change of an action's status, kept for follow-up."""

    on: dt.date
    old: ActionStatus
    new: ActionStatus
    note: str = ""
    extra: Extra = field(default_factory=dict)


@dataclass
class Action:
    """A concrete action agreed in step 4."""

    title: str
    description: str = ""
    rationale: str = ""
    responsible: list[str] = field(default_factory=list)
    owner: str = ""
    due: dt.date | None = None
    resources: str = ""
    status: ActionStatus = ActionStatus.PROPOSED
    history: list[StatusChange] = field(default_factory=list)
    id: str = field(default_factory=lambda: new_id("a"))
    extra: Extra = field(default_factory=dict)

    def set_status(self, new: ActionStatus, on: dt.date, note: str = "") -> None:
        """Change the status and keep the change in the history."""
        if new == self.status:
            return
        self.history.append(StatusChange(on=on, old=self.status, new=new, note=note))
        self.status = new


Number = int | float


@dataclass
class Reading:
    """One dated measurement of an indicator."""

    on: dt.date
    value: Number
    note: str = ""
    extra: Extra = field(default_factory=dict)


@dataclass
class Indicator:
    """How progress is followed in step 5: a measure with baseline and target."""

    name: str
    unit: str = ""
    baseline: Number | None = None
    target: Number | None = None
    owner: str = ""
    schedule: str = ""
    readings: list[Reading] = field(default_factory=list)
    id: str = field(default_factory=lambda: new_id("i"))
    extra: Extra = field(default_factory=dict)


@dataclass
class PreviousSession:
    """The link from a follow-up session to the one before it in the series."""

    id: str
    file: str = ""
    title: str = ""
    extra: Extra = field(default_factory=dict)


@dataclass
class Approval:
    """Who approved the minutes, and when."""

    by: str
    at: datetime
    extra: Extra = field(default_factory=dict)


def default_steps(minutes: dict[str, int] | None = None) -> list[Step]:
    """Five fresh steps in process order, with planned minutes if given."""
    minutes = minutes or {}
    return [Step(key=key, planned_minutes=minutes.get(key, 0)) for key in STEP_KEYS]


@dataclass
class Session:
    """One round-table session, the unit that is saved as one file."""

    title: str
    theme: str = ""
    date: dt.date | None = None
    start_time: time | None = None
    end_time: time | None = None
    venue: str = ""
    facilitator: str = ""
    organiser: str = ""
    language: str = "fi"
    template_id: str = "partnership"
    template_version: int = 1
    status: SessionStatus = SessionStatus.DRAFT
    created: datetime = field(default_factory=now)
    modified: datetime = field(default_factory=now)
    id: str = field(default_factory=lambda: new_id("s"))
    previous: PreviousSession | None = None
    purpose: str = ""
    needed_parties: str = ""
    approval: Approval | None = None
    recipes: list[int] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    steps: list[Step] = field(default_factory=default_steps)
    winwin: WinWin = field(default_factory=WinWin)
    actions: list[Action] = field(default_factory=list)
    shared_message: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    followup_plan: str = ""
    extra: Extra = field(default_factory=dict)
    file_extra: Extra = field(default_factory=dict)
    """Unknown top-level keys of the file; unknown step tables under ``"steps"``."""
    format_version: FormatVersion = field(default=FORMAT_VERSION, compare=False, repr=False)
    """The format version of the file this session was read from."""

    def step(self, key: str) -> Step:
        """The step with this key (``overall`` … ``followup``)."""
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)

    def participant(self, participant_id: str) -> Participant | None:
        """The participant with this id, or None."""
        for person in self.participants:
            if person.id == participant_id:
                return person
        return None

    def all_notes(self) -> list[Note]:
        """Every note of every step, in step order."""
        return [note for step in self.steps for note in step.notes]

    def note_party(self, note: Note) -> str:
        """The party a note came from: its own, else its participant's."""
        if note.party:
            return note.party
        person = self.participant(note.participant) if note.participant else None
        return person.party if person else ""

    def touch(self) -> None:
        """Mark the session as modified now."""
        self.modified = now()
