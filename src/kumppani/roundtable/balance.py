"""Provides party balance: who contributed, and who spoke how long, per party and person.

Contributions are notes attributed to a participant or a party (``Session.note_party``);
speaking time comes from the turns of speaking rounds (``kumppani.roundtable.rounds``). A
balance is for one step or the whole session. State and city are always listed,
first, so that a side with nothing shows as a zero; other parties follow in the
order they appear. A participant without a party counts as ``other``; notes with
neither participant nor party are counted apart, as unattributed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from kumppani.roundtable.rounds import spoken_seconds
from kumppani.session.model import Session, Step

MAIN_PARTIES: tuple[str, ...] = ("state", "city")
"""The two sides of the table, always shown."""

OTHER = "other"


@dataclass
class Share:
    """One party's or one person's part: notes and seconds spoken."""

    key: str
    """A party key, or a participant id."""
    notes: int = 0
    seconds: int = 0
    party: str = ""
    """For a person, their party."""


@dataclass
class Balance:
    """Contributions and speaking time per party and per participant."""

    parties: list[Share] = field(default_factory=list)
    people: list[Share] = field(default_factory=list)
    unattributed: int = 0
    """Notes with neither participant nor party."""

    @property
    def notes(self) -> int:
        """Attributed notes in all."""
        return sum(share.notes for share in self.parties)

    @property
    def seconds(self) -> int:
        """Seconds spoken in all."""
        return sum(share.seconds for share in self.parties)

    def party(self, key: str) -> Share:
        """The share of party ``key`` (zero when it has none)."""
        for share in self.parties:
            if share.key == key:
                return share
        return Share(key)

    def note_share(self, key: str) -> float:
        """Party ``key``'s part of the attributed notes, 0…1."""
        return self.party(key).notes / self.notes if self.notes else 0.0

    def time_share(self, key: str) -> float:
        """Party ``key``'s part of the speaking time, 0…1."""
        return self.party(key).seconds / self.seconds if self.seconds else 0.0

    @property
    def empty(self) -> bool:
        """True when nobody has contributed or spoken yet."""
        return not (self.notes or self.seconds)


def _party_of(session: Session, participant: str) -> str:
    person = session.participant(participant)
    return (person.party if person else "") or OTHER


def balance(session: Session, step: Step | None = None, at: datetime | None = None) -> Balance:
    """The balance of ``step``, or of the whole session when None.

    With ``at``, a turn still running counts up to that instant.
    """
    steps = [step] if step is not None else session.steps
    people: dict[str, Share] = {}
    parties: dict[str, Share] = {key: Share(key) for key in MAIN_PARTIES}
    for person in session.participants:
        people[person.id] = Share(person.id, party=person.party or OTHER)
    result = Balance()
    for one in steps:
        for note in one.notes:
            party = session.note_party(note)
            if not party and not note.participant:
                result.unattributed += 1
                continue
            party = party or OTHER
            parties.setdefault(party, Share(party)).notes += 1
            if note.participant:
                person_share = people.setdefault(
                    note.participant, Share(note.participant, party=party)
                )
                person_share.notes += 1
        for participant, seconds in spoken_seconds(one.rounds, at).items():
            party = _party_of(session, participant)
            parties.setdefault(party, Share(party)).seconds += seconds
            people.setdefault(participant, Share(participant, party=party)).seconds += seconds
    result.parties = list(parties.values())
    result.people = list(people.values())
    return result


def lopsided(result: Balance, threshold: float = 0.75) -> str:
    """The party with more than ``threshold`` of the notes or the time, or empty."""
    for share in result.parties:
        if result.notes >= 4 and result.note_share(share.key) > threshold:
            return share.key
        if result.seconds >= 60 and result.time_share(share.key) > threshold:
            return share.key
    return ""
