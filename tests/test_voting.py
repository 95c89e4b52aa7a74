"""Dot voting on a step's notes, and carrying the top notes forward."""

from __future__ import annotations

import datetime as dt

import pytest

from kumppani.roundtable import voting
from kumppani.session.model import Note, Participant, Session
from kumppani.session.vocabulary import ActionStatus, VotePer

T0 = dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.UTC)


def session() -> Session:
    result = Session(title="Pöytä")
    result.participants = [
        Participant("A", party="state"),
        Participant("B", party="state"),
        Participant("C", party="city"),
        Participant("D", party="city", present=False),
    ]
    result.step("situation").notes = [Note(text, id=f"n{i}") for i, text in enumerate("pqrs")]
    return result


def test_voters_are_present_people_or_their_parties() -> None:
    one = session()
    assert voting.voter_count(one, VotePer.PARTICIPANT) == 3
    assert voting.voter_count(one, VotePer.PARTY) == 2
    vote = voting.new_vote(one, T0, dots=2, per=VotePer.PARTY)
    assert voting.budget(vote) == 4


def test_counts_are_ranked_and_kept_in_the_step() -> None:
    one = session()
    step = one.step("situation")
    vote = voting.new_vote(one, T0, dots=3)
    for note_id, count in (("n2", 4), ("n0", 2), ("n1", 4), ("n3", 0)):
        voting.set_count(step, vote, note_id, count)
    assert list(vote.counts) == ["n0", "n1", "n2"]  # note order, zeros left out
    assert voting.used(vote) == 10 and voting.budget(vote) == 9
    voting.record(step, vote)
    assert step.votes == [vote] and voting.latest(step) is vote
    assert [(note.text, count) for note, count in voting.ranked(step, vote)] == [
        ("q", 4),
        ("r", 4),
        ("p", 2),
    ]
    assert [note.votes for note in step.notes] == [2, 4, 4, 0]


def test_top_notes_become_focus_themes_of_step_three_once() -> None:
    one = session()
    step = one.step("situation")
    vote = voting.new_vote(one, T0)
    for note_id, count in (("n3", 5), ("n1", 3), ("n0", 1)):
        voting.set_count(step, vote, note_id, count)
    voting.record(step, vote)
    assert voting.carry_forward(one, step, vote, "will", top=2) == 2
    assert [(n.text, n.kind) for n in one.step("will").notes] == [("s", "theme"), ("q", "theme")]
    assert voting.carry_forward(one, step, vote, "will", top=3) == 1
    assert vote.carried == "will"


def test_a_carried_theme_keeps_who_raised_it_and_is_known_as_a_copy() -> None:
    one = session()
    step = one.step("situation")
    raised = step.notes[1]
    raised.party, raised.participant = "city", one.participants[2].id
    step.notes[2].party = "state"  # a party's note, nobody's words
    vote = voting.new_vote(one, T0)
    voting.set_count(step, vote, "n1", 4)
    voting.set_count(step, vote, "n2", 2)
    voting.record(step, vote)
    assert voting.carried_copies(one) == set()  # counted, not carried: no copy yet
    own = Note("s", kind=voting.THEME_KIND)  # a theme of step 3 nobody voted on
    one.step("will").notes.append(own)
    voting.carry_forward(one, step, vote, "will")
    themes = one.step("will").notes[1:]
    assert [(n.text, n.party, n.participant) for n in themes] == [
        ("q", "city", one.participants[2].id),
        ("r", "state", ""),
    ]
    assert voting.carried_copies(one) == {note.id for note in themes}
    themes[0].text = "q, as agreed"  # rewritten afterwards: a text of its own
    assert voting.carried_copies(one) == {themes[1].id}


def test_top_notes_become_draft_actions_of_step_four() -> None:
    one = session()
    step = one.step("situation")
    vote = voting.new_vote(one, T0)
    voting.set_count(step, vote, "n2", 3)
    voting.record(step, vote)
    assert voting.carry_forward(one, step, vote, "solutions") == 1
    assert [(a.title, a.status) for a in one.actions] == [("r", ActionStatus.PROPOSED)]
    with pytest.raises(ValueError):
        voting.carry_forward(one, step, vote, "overall")
