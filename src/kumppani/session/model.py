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

from kumppani.session.format_version import FORMAT_VERSION, FormatVersion
from kumppani.session.vocabulary import (
    STEP_KEYS,
    ActionStatus,
    Role,
    SessionStatus,
    StepStatus,
    TurnOutcome,
    VotePer,
)
from kumppani.text.numbers import Number

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
    present: bool | None = True
    """True present, False absent, None not known (a follow-up session starts so)."""
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
    group: str = ""
    """The id of the step's group (cluster) the note is under, or empty."""


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
class Group:
    """A heading (theme) that notes of a step are clustered under."""

    heading: str
    id: str = field(default_factory=lambda: new_id("g"))
    extra: Extra = field(default_factory=dict)


@dataclass
class Turn:
    """One participant's turn in a speaking round: when, how long, and how it ended."""

    participant: str
    start: datetime
    seconds: int = 0
    outcome: TurnOutcome = TurnOutcome.SPOKE
    extra: Extra = field(default_factory=dict)


@dataclass
class Round:
    """A speaking round (kierros) in a step: everyone present in turn, in seat order."""

    started: datetime
    order: list[str] = field(default_factory=list)
    """Participant ids in the order they get the floor (a "back to" adds one again)."""
    alternate: bool = False
    """True when the order alternates state and city."""
    seconds_each: int = 0
    """Each speaker's time box in seconds; 0 for none."""
    position: int = 0
    """Index in ``order`` of who has the floor (``len(order)`` once everyone has had it)."""
    floor_since: datetime | None = None
    """When the current speaker got the floor; None once the round has ended."""
    ended: datetime | None = None
    turns: list[Turn] = field(default_factory=list)
    id: str = field(default_factory=lambda: new_id("r"))
    extra: Extra = field(default_factory=dict)

    @property
    def running(self) -> bool:
        """True while someone has the floor."""
        return self.ended is None and self.position < len(self.order)

    @property
    def speaker(self) -> str:
        """The id of who has the floor, or empty."""
        return self.order[self.position] if self.running else ""


@dataclass
class Vote:
    """A dot vote on a step's notes, as counted from a show of hands."""

    held: datetime
    dots: int = 3
    """Dots each voter (participant or party) had."""
    per: VotePer = VotePer.PARTICIPANT
    voters: int = 0
    """How many voters there were."""
    counts: dict[str, int] = field(default_factory=dict)
    """Dots per note id, in the step's note order."""
    carried: str = ""
    """The step the top notes were carried to (``will`` or ``solutions``), or empty."""
    id: str = field(default_factory=lambda: new_id("v"))
    extra: Extra = field(default_factory=dict)


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
    groups: list[Group] = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)

    def group(self, group_id: str) -> Group | None:
        """The group with this id, or None."""
        for group in self.groups:
            if group.id == group_id:
                return group
        return None

    @property
    def current_round(self) -> Round | None:
        """The round in progress in this step, or None."""
        if self.rounds and self.rounds[-1].running:
            return self.rounds[-1]
        return None

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
    date: dt.date | None = None
    """The date of the previous session, so the minutes can name it by title and date."""
    extra: Extra = field(default_factory=dict)


@dataclass
class NextMeeting:
    """When and where the next meeting of the series is held, as far as agreed."""

    date: dt.date | None = None
    start_time: time | None = None
    venue: str = ""
    extra: Extra = field(default_factory=dict)

    def is_empty(self) -> bool:
        """True when nothing has been agreed yet."""
        return self.date is None and self.start_time is None and not self.venue.strip()


@dataclass
class Approval:
    """Who approved the minutes, when, and the digest of the content they approved."""

    by: str
    at: datetime
    digest: str = ""
    """``sha256:<hex>`` of the content in canonical form (``fileformat.digest``); empty in
    files approved before format 1.2, whose content cannot be checked."""
    extra: Extra = field(default_factory=dict)


@dataclass
class StatusEntry:
    """One change of the session's status, with its time."""

    status: SessionStatus
    at: datetime
    extra: Extra = field(default_factory=dict)


@dataclass
class Live:
    """Where the facilitator is right now, for the projector view that follows the file."""

    step: str = ""
    """The step on screen, or empty."""
    timer_since: datetime | None = None
    """When the step's timer was started, while it runs."""
    timer_spent: int = 0
    """The step's spent seconds at ``timer_since``."""
    extra: Extra = field(default_factory=dict)

    def is_empty(self) -> bool:
        """True when there is nothing to write."""
        return not (self.step or self.timer_since or self.timer_spent or self.extra)


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
    writer: str = ""
    """Who wrote the minutes (laatija, sihteeri)."""
    distribution: str = ""
    """Who the minutes are sent to (jakelu): one recipient per line."""
    next_meeting: NextMeeting = field(default_factory=lambda: NextMeeting())
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
    status_history: list[StatusEntry] = field(default_factory=list)
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
    live: Live = field(default_factory=Live)
    """The live state of a session being run (current step, timer)."""
    layout: str | None = field(default=None, compare=False, repr=False)
    """The text the session was read from when it holds comments or unknown keys: a save
    writes into it (``fileformat.layout``) so they stay where they were written."""

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
