"""The example sessions shipped in ``sessions/`` and the golden minutes, defined once."""

from __future__ import annotations

from pathlib import Path

from kumppani.roundtable import groups, voting
from kumppani.session.model import Session
from kumppani.storage.files import load_session

ROOT = Path(__file__).resolve().parents[2]
"""The repository's root folder."""
EXAMPLES = ROOT / "sessions"
"""The folder of example sessions."""
GOLDEN = ROOT / "tests" / "golden"
"""The minutes the examples must give, word for word."""
FIRST = "2026-03-12-nuorisotyollisyys.toml"
"""The first session of the example series (a full round table)."""
FOLLOWUP = "2026-09-17-nuorisotyollisyys-seuranta.toml"
"""Its follow-up session."""
CARRIED = "2026-03-12-nuorisotyollisyys.carried"
"""The golden minutes by theme of the first example after its vote was carried forward."""


def carried_session() -> Session:
    """The first example as it would be had the facilitator carried its vote forward.

    The three notes with most dots of step 2 become focus themes of step 3
    (``voting.carry_forward``); the second of them, a theme note of a group,
    then gets notes of steps 3 and 4 grouped under its words (case and the
    full stop aside), as a facilitator clusters the work on a chosen theme.
    """
    session = load_session(EXAMPLES / FIRST)
    situation = session.step("situation")
    vote = voting.latest(situation)
    assert vote is not None
    voting.carry_forward(session, situation, vote, "will", top=3)
    heading = "teema 1: opinnot keskeyttäneet nuoret tavoitetaan kolmen kuukauden sisällä"
    for key, note_id in (("will", "n-wil0301"), ("solutions", "n-sol0300")):
        step = session.step(key)
        groups.assign(step, next(note for note in step.notes if note.id == note_id), heading)
    return session
