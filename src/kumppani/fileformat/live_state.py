"""Provides the live-state file's format: where a running meeting is, for the projector.

The facilitator's app writes it beside the session whenever the step on
screen, its timer or its speaking round changes, so ``kumppani present``
follows within a second without the session itself being saved (or marked
as having unsaved work). It holds only what changes live::

    format = "kumppani.live"
    spent_seconds = 612        # the live step's time spent, as counted now
    [live]                     # as the session's [live]: step, timer_since, timer_spent
    [round]                    # the live step's latest speaking round, as in the session

The session file stays the truth: the live state only says where the room is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import tomli_w

from kumppani.errors import SessionFileError
from kumppani.fileformat.decode import _Decoder
from kumppani.fileformat.encode import Table, _live, _round
from kumppani.fileformat.fields import Fields, Source
from kumppani.session.model import Live, Round, Session
from kumppani.toml import read as tomlread

LIVE_FORMAT = "kumppani.live"


@dataclass
class LiveState:
    """Where the facilitator is: the step on screen, its timer and its round."""

    live: Live = field(default_factory=Live)
    spent_seconds: int = 0
    speaking: Round | None = None


def live_state_of(session: Session) -> LiveState:
    """The live state of ``session`` as it is in memory now."""
    state = LiveState(live=session.live)
    for step in session.steps:
        if step.key == session.live.step:
            state.spent_seconds = step.spent_seconds
            state.speaking = step.rounds[-1] if step.rounds else None
    return state


def dump_live(state: LiveState) -> str:
    """The text of the live-state file."""
    document: Table = {"format": LIVE_FORMAT, "spent_seconds": state.spent_seconds}
    document["live"] = _live(state.live)
    if state.speaking is not None:
        document["round"] = _round(state.speaking)
    return tomli_w.dumps(document, multiline_strings=True)


def parse_live(text: str) -> LiveState:
    """The live state in ``text``; a ``SessionFileError`` when it is not one."""
    source = Source(None, text)
    try:
        document = tomlread.loads(text)
    except (tomlread.TOMLDecodeError, RecursionError):
        raise SessionFileError(None, "not a live-state file (cut short?)") from None
    root = Fields(source, document, "")
    if root.text("format") != LIVE_FORMAT:
        source.fail("format", "is not a live-state file", f'format = "{LIVE_FORMAT}"')
    decoder = _Decoder(source)
    state = LiveState(spent_seconds=root.whole("spent_seconds"))
    if (live := root.sub("live")) is not None:
        state.live = decoder.live(live)
    if (speaking := root.sub("round")) is not None:
        state.speaking = decoder.speaking_round(speaking)
    return state


def apply_live(session: Session, state: LiveState) -> None:
    """Put the live state into ``session`` (as read from its file, for the projector)."""
    session.live = state.live
    for step in session.steps:
        if step.key != state.live.step:
            continue
        step.spent_seconds = state.spent_seconds
        if state.speaking is None:
            continue
        ids = [one.id for one in step.rounds]
        if state.speaking.id in ids:
            step.rounds[ids.index(state.speaking.id)] = state.speaking
        else:
            step.rounds.append(state.speaking)
