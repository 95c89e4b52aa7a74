"""Provides speaking rounds (kierros): everyone present gets the floor in turn, in seat order.

A round is kept in its step (``Step.rounds``) and records every turn: who had
the floor, from when, for how many seconds, and whether they spoke, passed or
were skipped. The seat order is the order of the participants list, present
people only; with ``alternate`` it takes state and city in turn (starting with
the party of the first of them in the list), and people of other parties follow
at the end. "Back to" gives the floor again to someone skipped; their turn then replaces
the skip, and the round goes on where it was.

Plain functions on the model, no I/O and no UI; every function takes the
instant ``at`` so that tests never depend on the clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from kumppani.session.model import Participant, Round, Step, Turn
from kumppani.session.vocabulary import TurnOutcome


def seat_order(participants: Iterable[Participant], *, alternate: bool = False) -> list[str]:
    """The ids of the present participants in the order they get the floor."""
    present = [person for person in participants if person.present]
    if not alternate:
        return [person.id for person in present]
    state = [person.id for person in present if person.party == "state"]
    city = [person.id for person in present if person.party == "city"]
    rest = [person.id for person in present if person.party not in ("state", "city")]
    first = next((person.party for person in present if person.party in ("state", "city")), "")
    lead, follow = (city, state) if first == "city" else (state, city)
    order: list[str] = []
    for index in range(max(len(lead), len(follow))):
        order.extend(side[index] for side in (lead, follow) if index < len(side))
    return order + rest


def start_round(
    step: Step,
    participants: Iterable[Participant],
    at: datetime,
    *,
    alternate: bool = False,
    seconds_each: int = 0,
) -> Round:
    """Start a new round in ``step`` (ending one still running); the first seat has the floor."""
    if (running := step.current_round) is not None:
        end_round(running, at)
    order = seat_order(participants, alternate=alternate)
    speaking = Round(
        started=at,
        order=order,
        alternate=alternate,
        seconds_each=max(0, seconds_each),
        floor_since=at if order else None,
        ended=None if order else at,
    )
    step.rounds.append(speaking)
    return speaking


def floor_seconds(speaking: Round, at: datetime) -> int:
    """How long the current speaker has had the floor, in whole seconds."""
    if not speaking.running or speaking.floor_since is None:
        return 0
    return max(0, int((at - speaking.floor_since).total_seconds()))


def remaining_seconds(speaking: Round, at: datetime) -> int | None:
    """Seconds left in the current speaker's time box (negative when over); None without one."""
    if not speaking.seconds_each or not speaking.running:
        return None
    return speaking.seconds_each - floor_seconds(speaking, at)


def _close_turn(speaking: Round, at: datetime, outcome: TurnOutcome) -> None:
    """Record the current speaker's turn."""
    if not speaking.running or speaking.floor_since is None:
        return
    speaking.turns.append(
        Turn(
            participant=speaking.speaker,
            start=speaking.floor_since,
            seconds=floor_seconds(speaking, at),
            outcome=outcome,
        )
    )


def _advance(speaking: Round, at: datetime) -> None:
    speaking.position = min(speaking.position + 1, len(speaking.order))
    if speaking.position >= len(speaking.order):
        speaking.floor_since = None
        speaking.ended = at
    else:
        speaking.floor_since = at


def next_speaker(speaking: Round, at: datetime) -> str:
    """The speaker has spoken; the floor goes to the next seat. Returns who has it now."""
    _close_turn(speaking, at, TurnOutcome.SPOKE)
    _advance(speaking, at)
    return speaking.speaker


def pass_turn(speaking: Round, at: datetime) -> str:
    """The speaker passes (has nothing to add); the floor goes to the next seat."""
    _close_turn(speaking, at, TurnOutcome.PASSED)
    _advance(speaking, at)
    return speaking.speaker


def skip_turn(speaking: Round, at: datetime) -> str:
    """The facilitator skips the speaker (away, or later); the floor goes to the next seat."""
    _close_turn(speaking, at, TurnOutcome.SKIPPED)
    _advance(speaking, at)
    return speaking.speaker


def back_candidate(speaking: Round) -> str:
    """Whom "back to" returns to: the latest one skipped who has not been brought back.

    A skipped person is brought back once they have had a turn after the skip or
    have the floor now. Empty when nobody is left skipped: the back key then has
    nothing to do (a passed person said they had nothing to add).
    """
    had_turn_after: set[str] = {speaking.speaker} if speaking.running else set()
    for turn in reversed(speaking.turns):
        if turn.outcome is TurnOutcome.SKIPPED and turn.participant not in had_turn_after:
            return turn.participant
        had_turn_after.add(turn.participant)
    return ""


def final_outcomes(speaking: Round) -> dict[str, TurnOutcome]:
    """How each one who had a turn finally came out of the round, in order of first turn.

    A later turn replaces an earlier one (a skipped speaker brought back who
    spoke has spoken); having spoken at all counts as having spoken.
    """
    outcomes: dict[str, TurnOutcome] = {}
    for turn in speaking.turns:
        if outcomes.get(turn.participant) is not TurnOutcome.SPOKE:
            outcomes[turn.participant] = turn.outcome
    return outcomes


GRACE_SECONDS = 10
"""A turn shorter than this has not really begun: "back to" then puts the person after."""


def back_to(speaking: Round, at: datetime, participant: str = "") -> str:
    """Give the floor to ``participant`` (default: ``back_candidate``) right now.

    If the current speaker has spoken (``GRACE_SECONDS`` or more), their turn
    ends as spoken; if they had only just got the floor, they get it again
    after the returned-to person. Then the round goes on where it was. A round
    that has ended opens again for them. Returns who has the floor (unchanged
    when there is nobody to go back to).
    """
    target = participant or back_candidate(speaking)
    if not target:
        return speaking.speaker
    if speaking.running and floor_seconds(speaking, at) < GRACE_SECONDS:
        speaking.order.insert(speaking.position, target)
        speaking.floor_since = at
    elif speaking.running:
        _close_turn(speaking, at, TurnOutcome.SPOKE)
        speaking.order.insert(speaking.position + 1, target)
        _advance(speaking, at)
    else:
        speaking.order.append(target)
        speaking.position = len(speaking.order) - 1
        speaking.ended = None
        speaking.floor_since = at
    return speaking.speaker


def end_round(speaking: Round, at: datetime) -> None:
    """Stop the round now; whoever had the floor has spoken."""
    _close_turn(speaking, at, TurnOutcome.SPOKE)
    speaking.position = len(speaking.order)
    speaking.floor_since = None
    if speaking.ended is None:
        speaking.ended = at


def spoken_seconds(rounds: Iterable[Round], at: datetime | None = None) -> dict[str, int]:
    """Seconds each participant spoke in these rounds; with ``at``, the running turn too."""
    seconds: dict[str, int] = {}
    for speaking in rounds:
        for turn in speaking.turns:
            if turn.outcome is TurnOutcome.SPOKE:
                seconds[turn.participant] = seconds.get(turn.participant, 0) + turn.seconds
        if at is not None and speaking.running:
            who = speaking.speaker
            seconds[who] = seconds.get(who, 0) + floor_seconds(speaking, at)
    return seconds
