"""Provides dot voting (pisteäänestys) on a step's notes, and carrying the top ones forward.

Each voter, a present participant or a party at the table, has ``dots`` dots.
The facilitator counts hands and enters a number per note; the vote is kept in
its step (``Step.votes``) and each note's ``votes`` shows its latest count. The
top notes can become the focus themes of step 3 (notes of kind ``theme``) or
draft actions of step 4 (status proposed), the booklet's "a limited number of
focused themes".
"""

from __future__ import annotations

from datetime import datetime

from kumppani.session.model import Action, Note, Session, Step, Vote
from kumppani.session.vocabulary import ActionStatus, VotePer

TARGETS: tuple[str, ...] = ("will", "solutions")
"""The steps top notes can be carried to."""

THEME_KIND = "theme"
"""The kind of a focus theme carried to step 3."""


def voter_count(session: Session, per: VotePer) -> int:
    """How many voters there are: present participants, or the parties they are from."""
    present = [person for person in session.participants if person.present]
    if per is VotePer.PARTY:
        return len({person.party for person in present if person.party})
    return len(present)


def new_vote(
    session: Session, at: datetime, *, dots: int = 3, per: VotePer = VotePer.PARTICIPANT
) -> Vote:
    """A vote about to be counted (not yet in any step)."""
    return Vote(held=at, dots=max(1, dots), per=per, voters=voter_count(session, per))


def budget(vote: Vote) -> int:
    """Dots there are to give in all (0 when the number of voters is not known)."""
    return vote.dots * vote.voters


def used(vote: Vote) -> int:
    """Dots given so far."""
    return sum(vote.counts.values())


def set_count(step: Step, vote: Vote, note_id: str, count: int) -> None:
    """Enter the dots of one note; the counts stay in the step's note order."""
    counts = dict(vote.counts)
    counts[note_id] = max(0, count)
    order = [note.id for note in step.notes]
    vote.counts = {
        note: counts[note]
        for note in sorted(counts, key=lambda n: order.index(n) if n in order else len(order))
        if counts[note] > 0
    }


def record(step: Step, vote: Vote) -> None:
    """Keep the vote in the step; each note now shows its count from this vote."""
    if vote not in step.votes:
        step.votes.append(vote)
    for note in step.notes:
        note.votes = vote.counts.get(note.id, 0)


def ranked(step: Step, vote: Vote) -> list[tuple[Note, int]]:
    """The notes that got dots, most first; a tie keeps the notes' order."""
    counted = [(note, vote.counts[note.id]) for note in step.notes if note.id in vote.counts]
    return sorted((pair for pair in counted if pair[1] > 0), key=lambda pair: -pair[1])


def latest(step: Step) -> Vote | None:
    """The step's latest vote, or None."""
    return step.votes[-1] if step.votes else None


def carry_forward(session: Session, step: Step, vote: Vote, target: str, top: int = 3) -> int:
    """Carry the ``top`` notes of the vote to ``target`` (``will`` or ``solutions``).

    To step 3 they become focus themes, said by whoever raised the note (its party
    and speaker), to step 4 draft actions (proposed); a theme or action with the
    same text is not added twice. Returns how many were added.
    """
    if target not in TARGETS:
        raise ValueError(f"cannot carry notes to {target!r}")
    best = [note for note, _count in ranked(step, vote)[: max(0, top)]]
    added = 0
    if target == "will":
        will = session.step("will")
        have = {_same(note.text) for note in will.notes}
        for note in best:
            if _same(note.text) not in have:
                will.notes.append(
                    Note(
                        text=note.text,
                        kind=THEME_KIND,
                        party=note.party,
                        participant=note.participant,
                    )
                )
                added += 1
    else:
        have = {_same(action.title) for action in session.actions}
        for note in best:
            if _same(note.text) not in have:
                session.actions.append(Action(title=note.text, status=ActionStatus.PROPOSED))
                added += 1
    vote.carried = target
    return added


def _same(text: str) -> str:
    """A note's text as carrying compares it: runs of white space as one space."""
    return " ".join(text.split())


def carried_copies(session: Session) -> set[str]:
    """The ids of step 3's focus themes that are a vote's result carried there.

    A theme of step 3 with the text of a note that got dots in a vote carried to
    step 3 repeats that note (``carry_forward``): a search lists the note where it
    was raised, once. A copy whose text was changed afterwards is a text of its own.
    """
    voted = {
        _same(note.text)
        for step in session.steps
        for vote in step.votes
        if vote.carried == "will"
        for note, _count in ranked(step, vote)
    }
    return {
        note.id
        for step in session.steps
        if step.key == "will" and voted
        for note in step.notes
        if note.kind == THEME_KIND and _same(note.text) in voted
    }
