"""Provides the attribution of the next note: its party, its speaker and its kind.

The step screen owns one ``NextNote`` and shows it beside the capture line.
F3 cycles the party, F4 picks a speaker (and so their party), F5 cycles the
kind; a running round makes its speaker the attribution, and another step
starts from its default kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kumppani.roundtable.attribution import next_party
from kumppani.session.model import Note, Session
from kumppani.tui.screens.step.notes import following_kind


@dataclass
class NextNote:
    """Who the next captured note is attributed to, and its kind."""

    party: str = ""
    participant: str = ""
    kind: str | None = None
    """The kind chosen with F5; None: the step's default kind."""

    def cycle_party(self, parties: Sequence[str]) -> None:
        """F3: the next party (none, then each party, round), and no speaker."""
        self.party = next_party(parties, self.party)
        self.participant = ""

    def speaker(self, session: Session, participant: str) -> None:
        """``participant`` has the floor (``""``: nobody), and so their party."""
        person = session.participant(participant) if participant else None
        self.participant = participant
        self.party = person.party if person is not None else ""

    def cycle_kind(self, kinds: Sequence[str], default: str) -> None:
        """F5: the kind after the current one (``default`` while none was chosen)."""
        self.kind = following_kind(kinds, self.kind or default)

    def blank(self, kind: str) -> Note:
        """An empty note of ``kind`` with this attribution, to describe beside the capture line."""
        return Note("", kind=kind, party=self.party, participant=self.participant)
