"""Party balance: a facilitator sees at once which side has done the talking."""

from __future__ import annotations

import datetime as dt

from kumppani.roundtable import rounds
from kumppani.roundtable.balance import balance, lopsided
from kumppani.session.model import Note, Participant, Session

T0 = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)


def session() -> Session:
    result = Session(title="Pöytä")
    result.participants = [
        Participant("Valtio", party="state", id="s1"),
        Participant("Kaupunki", party="city", id="c1"),
        Participant("Vieras", id="x1"),
    ]
    overall = result.step("overall")
    overall.notes = [
        Note("a", participant="s1"),
        Note("b", participant="s1"),
        Note("c", party="city"),
        Note("d"),
        Note("e", participant="x1"),
    ]
    result.step("situation").notes = [Note("f", participant="s1")]
    return result


def test_notes_count_per_party_and_person_unattributed_apart() -> None:
    result = balance(session(), session().step("overall"))
    assert [(s.key, s.notes) for s in result.parties] == [("state", 2), ("city", 1), ("other", 1)]
    assert result.unattributed == 1
    assert result.note_share("state") == 0.5
    people = {share.key: share.notes for share in result.people}
    assert people == {"s1": 2, "c1": 0, "x1": 1}


def test_whole_session_adds_the_steps_and_speaking_time() -> None:
    one = session()
    speaking = rounds.start_round(one.step("situation"), one.participants, T0)
    rounds.next_speaker(speaking, T0 + dt.timedelta(seconds=90))
    whole = balance(one, at=T0 + dt.timedelta(seconds=120))
    assert whole.party("state").notes == 3
    assert whole.party("state").seconds == 90
    assert whole.party("city").seconds == 30  # still has the floor
    assert round(whole.time_share("state"), 2) == 0.75
    assert balance(one, one.step("overall")).seconds == 0


def test_both_sides_are_listed_even_with_nothing() -> None:
    empty = Session(title="x")
    result = balance(empty)
    assert [share.key for share in result.parties] == ["state", "city"]
    assert result.empty and result.note_share("city") == 0.0


def test_lopsided_names_the_side_that_did_all_the_talking() -> None:
    one = session()
    one.step("overall").notes = [Note(str(n), participant="s1") for n in range(5)]
    assert lopsided(balance(one, one.step("overall"))) == "state"
    one.step("overall").notes.append(Note("k", participant="c1"))
    one.step("overall").notes.append(Note("l", participant="c1"))
    assert lopsided(balance(one, one.step("overall"))) == ""
