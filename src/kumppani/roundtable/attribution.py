"""Provides who a note is attributed to in the step view: its party and speaker, shown.

A note's kind and speaker as the note list and the capture line show them;
the next party in the F3 cycle; the present participants as the F4 picker
offers them, each with organisation and party.
"""

from __future__ import annotations

from collections.abc import Sequence

from kumppani.session.model import Note, Participant, Session
from kumppani.settings.config import Config
from kumppani.text.i18n import Translator


def describe_note(
    session: Session, config: Config, translate: Translator, note: Note
) -> tuple[str, str]:
    """A note's kind label and who said it: the participant's name, else the party's label."""
    who = ""
    person = session.participant(note.participant) if note.participant else None
    party = session.note_party(note)
    if person is not None:
        who = person.name
    elif party:
        who = config.party_label(party, translate.language)
    return translate(f"kind.{note.kind}"), who


def next_party(parties: Sequence[str], party: str) -> str:
    """The party after ``party`` in the F3 cycle: none, then each of ``parties``, round."""
    cycle = ("", *parties)
    position = cycle.index(party) if party in cycle else 0
    return cycle[(position + 1) % len(cycle)]


def speaker_choices(
    present: Sequence[Participant], config: Config, language: str
) -> list[tuple[str, str]]:
    """The picker's choice for each participant present: id, and name (organisation, party)."""
    return [
        (
            person.id,
            _person_label(
                person.name,
                person.organisation,
                config.party_label(person.party, language) if person.party else "",
            ),
        )
        for person in present
    ]


def _person_label(name: str, organisation: str, party: str) -> str:
    details = ", ".join(part for part in (organisation, party) if part)
    return f"{name} ({details})" if details else name
