"""Speaking rounds: seat order, the floor passing on, and what the round records."""

from __future__ import annotations

import datetime as dt

from kumppani.roundtable import rounds
from kumppani.session.model import Participant, Step
from kumppani.session.vocabulary import TurnOutcome

T0 = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def at(seconds: int) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def table() -> list[Participant]:
    return [
        Participant("Valtio A", party="state", id="s1"),
        Participant("Valtio B", party="state", id="s2"),
        Participant("Valtio C", party="state", id="s3"),
        Participant("Kaupunki A", party="city", id="c1"),
        Participant("Poissa", party="city", id="c2", present=False),
        Participant("Kaupunki B", party="city", id="c3"),
        Participant("Alue", party="region", id="r1"),
    ]


def test_seat_order_is_the_list_order_of_those_present() -> None:
    assert rounds.seat_order(table()) == ["s1", "s2", "s3", "c1", "c3", "r1"]


def test_alternating_order_takes_state_and_city_in_turn_others_last() -> None:
    assert rounds.seat_order(table(), alternate=True) == ["s1", "c1", "s2", "c3", "s3", "r1"]


def test_alternating_starts_with_the_side_that_sits_first() -> None:
    people = table()
    people.insert(0, people.pop(3))  # Kaupunki A first
    assert rounds.seat_order(people, alternate=True)[:2] == ["c1", "s1"]


def test_round_walks_the_table_and_records_who_spoke_how_long() -> None:
    step = Step("situation")
    speaking = rounds.start_round(step, table(), at(0), seconds_each=90)
    assert step.current_round is speaking and speaking.speaker == "s1"
    assert rounds.remaining_seconds(speaking, at(30)) == 60
    assert rounds.next_speaker(speaking, at(100)) == "s2"
    assert rounds.remaining_seconds(speaking, at(200)) == -10
    assert rounds.pass_turn(speaking, at(105)) == "s3"
    assert rounds.skip_turn(speaking, at(106)) == "c1"
    turns = [(t.participant, t.seconds, t.outcome) for t in speaking.turns]
    assert turns == [
        ("s1", 100, TurnOutcome.SPOKE),
        ("s2", 5, TurnOutcome.PASSED),
        ("s3", 1, TurnOutcome.SKIPPED),
    ]


def test_back_to_returns_to_the_one_skipped_then_the_round_goes_on() -> None:
    step = Step("situation")
    speaking = rounds.start_round(step, table(), at(0))
    rounds.next_speaker(speaking, at(10))  # s1 spoke
    rounds.skip_turn(speaking, at(11))  # s2 skipped
    rounds.next_speaker(speaking, at(40))  # s3 spoke, c1 has the floor
    assert rounds.back_candidate(speaking) == "s2"
    assert rounds.back_to(speaking, at(70)) == "s2"
    assert rounds.next_speaker(speaking, at(100)) == "c3"
    spoke = [t.participant for t in speaking.turns if t.outcome is TurnOutcome.SPOKE]
    assert spoke == ["s1", "s3", "c1", "s2"]
    assert rounds.back_candidate(speaking) == ""  # nobody skipped left: nothing to go back to


def test_back_to_right_after_the_floor_moved_keeps_the_next_ones_turn() -> None:
    step = Step("situation")
    speaking = rounds.start_round(step, table(), at(0))
    rounds.skip_turn(speaking, at(5))  # s1 skipped, s2 has the floor
    assert rounds.back_to(speaking, at(8)) == "s1"
    assert rounds.next_speaker(speaking, at(60)) == "s2"
    assert [(t.participant, t.outcome) for t in speaking.turns] == [
        ("s1", TurnOutcome.SKIPPED),
        ("s1", TurnOutcome.SPOKE),
    ]


def test_the_round_ends_after_the_last_seat_and_back_to_reopens_it() -> None:
    step = Step("situation")
    people = table()[:2]
    speaking = rounds.start_round(step, people, at(0))
    rounds.next_speaker(speaking, at(5))
    rounds.skip_turn(speaking, at(6))
    assert not speaking.running and speaking.ended == at(6) and step.current_round is None
    assert rounds.back_to(speaking, at(60)) == "s2"
    assert speaking.running and speaking.ended is None
    rounds.end_round(speaking, at(90))
    assert speaking.turns[-1].participant == "s2" and speaking.turns[-1].seconds == 30
    assert speaking.ended == at(90)


def test_starting_a_round_ends_the_one_running() -> None:
    step = Step("situation")
    first = rounds.start_round(step, table(), at(0))
    second = rounds.start_round(step, table(), at(30), alternate=True)
    assert not first.running and first.turns[-1].seconds == 30
    assert step.current_round is second and second.alternate


def test_nobody_present_gives_an_ended_round() -> None:
    step = Step("situation")
    speaking = rounds.start_round(step, [Participant("x", present=False)], at(0))
    assert not speaking.running and speaking.speaker == ""
    assert rounds.next_speaker(speaking, at(1)) == ""
    assert speaking.turns == []


def test_spoken_seconds_counts_only_speaking_and_the_running_turn() -> None:
    step = Step("situation")
    speaking = rounds.start_round(step, table(), at(0))
    rounds.next_speaker(speaking, at(50))
    rounds.pass_turn(speaking, at(70))
    assert rounds.spoken_seconds(step.rounds) == {"s1": 50}
    assert rounds.spoken_seconds(step.rounds, at(100)) == {"s1": 50, "s3": 30}


def test_a_speaker_brought_back_is_no_longer_skipped_and_the_round_goes_on() -> None:
    """Issue 14: after Liisa was brought back and spoke, "back" brought her back again."""
    step = Step("situation")
    speaking = rounds.start_round(step, table(), at(0))
    rounds.next_speaker(speaking, at(30))  # s1 spoke
    rounds.skip_turn(speaking, at(31))  # s2 skipped, s3 has the floor
    assert rounds.back_candidate(speaking) == "s2"
    assert rounds.back_to(speaking, at(33)) == "s2"
    assert rounds.back_candidate(speaking) == ""  # s2 has the floor: brought back
    assert speaking.order[speaking.position + 1] == "s3"  # next: where the round was
    assert rounds.next_speaker(speaking, at(90)) == "s3"
    assert rounds.back_candidate(speaking) == ""
    assert rounds.back_to(speaking, at(95)) == "s3"  # nothing to do: s3 keeps the floor
    assert speaking.order[speaking.position + 1] == "c1"
    assert rounds.next_speaker(speaking, at(120)) == "c1"


def test_a_passed_speaker_is_not_brought_back() -> None:
    step = Step("situation")
    speaking = rounds.start_round(step, table(), at(0))
    rounds.pass_turn(speaking, at(5))
    rounds.next_speaker(speaking, at(50))
    assert rounds.back_candidate(speaking) == ""


def test_the_latest_skipped_not_yet_back_is_the_candidate() -> None:
    step = Step("situation")
    speaking = rounds.start_round(step, table(), at(0))
    rounds.skip_turn(speaking, at(1))  # s1 skipped
    rounds.skip_turn(speaking, at(2))  # s2 skipped
    assert rounds.back_candidate(speaking) == "s2"
    rounds.back_to(speaking, at(3))
    rounds.next_speaker(speaking, at(60))  # s2 spoke
    assert rounds.back_candidate(speaking) == "s1"


def test_the_summary_counts_how_each_one_finally_came_out() -> None:
    step = Step("situation")
    people = table()[:3]
    speaking = rounds.start_round(step, people, at(0))
    rounds.next_speaker(speaking, at(30))  # s1 spoke
    rounds.skip_turn(speaking, at(31))  # s2 skipped
    rounds.pass_turn(speaking, at(40))  # s3 passed: the round has ended
    assert not speaking.running
    assert rounds.final_outcomes(speaking) == {
        "s1": TurnOutcome.SPOKE,
        "s2": TurnOutcome.SKIPPED,
        "s3": TurnOutcome.PASSED,
    }
    assert rounds.back_to(speaking, at(60)) == "s2"
    rounds.next_speaker(speaking, at(90))
    assert not speaking.running
    assert rounds.final_outcomes(speaking)["s2"] is TurnOutcome.SPOKE
    assert TurnOutcome.SKIPPED not in rounds.final_outcomes(speaking).values()
