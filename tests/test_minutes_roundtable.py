"""The minutes show the groups; the appendix the dot vote and the party balance.

Whatever the text typed.
"""

from __future__ import annotations

import datetime as dt

import pytest
from markdown_it.token import Token

from kumppani.minutes.document import render_minutes
from kumppani.roundtable import groups as clusters
from kumppani.roundtable import rounds, voting
from kumppani.session.model import Note, Participant, Session
from kumppani.session.vocabulary import VotePer
from tests.support.markdown import PARSER, tables

T0 = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)
HOSTILE = "# ei otsikko | pipe <b>x</b>\n- ei lista"


def session() -> Session:
    one = Session(title="Pöytä", created=T0, modified=T0)
    one.participants = [
        Participant("Valtio", party="state", id="s1"),
        Participant("Kaupunki", party="city", id="c1"),
    ]
    step = one.step("situation")
    step.notes = [
        Note(HOSTILE, participant="s1", id="n1", created=T0),
        Note("Yritysyhteistyö", participant="s1", id="n2", created=T0),
        Note("Ohjaus", participant="c1", id="n3", created=T0),
    ]
    clusters.assign(step, step.notes[0], HOSTILE)
    clusters.assign(step, step.notes[2], HOSTILE)
    vote = voting.new_vote(one, T0, dots=2, per=VotePer.PARTY)
    for note_id, count in (("n1", 1), ("n2", 3)):
        voting.set_count(step, vote, note_id, count)
    voting.record(step, vote)
    voting.carry_forward(one, step, vote, "solutions", top=1)
    speaking = rounds.start_round(step, one.participants, T0)
    rounds.next_speaker(speaking, T0 + dt.timedelta(seconds=90))
    rounds.next_speaker(speaking, T0 + dt.timedelta(seconds=120))
    return one


def headings(tokens: list[Token]) -> list[str]:
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]


def test_vote_result_is_ranked_with_how_it_was_held() -> None:
    assert "Rank" not in render_minutes(session(), "en")  # the votes show once, as counts
    text = render_minutes(session(), "en", appendix=True)
    tokens = PARSER.parse(text)
    assert any(heading.startswith("Dot vote: 2. ") for heading in headings(tokens))
    vote_table = next(t for t in tables(tokens) if t[0] == ["Rank", "Note", "Dots"])
    assert [row[0] for row in vote_table[1:]] == ["1", "2"]
    assert vote_table[1][1:] == ["Yritysyhteistyö", "3"]
    assert "ei otsikko" in vote_table[2][1] and vote_table[2][2] == "1"
    assert "Each had 2 dots per party; 2 voters, 4 dots given." in text
    assert "draft actions in step 4. Joint solution planning" in text


def test_groups_list_their_notes_and_hostile_headings_stay_text() -> None:
    text = render_minutes(session(), "fi")
    tokens = PARSER.parse(text)
    assert not any("ei otsikko" in heading for heading in headings(tokens))
    assert all(token.type != "html_block" for token in tokens)
    start = text.index("### 2. Yhteinen tilannekuva")
    item = text[start : text.index("\n### ", start + 5)]
    # The two notes under the group heading, nested; the third note loose after them.
    assert item.count("\n  - ") == 2
    assert "\n- \\# ei otsikko \\| pipe" in item


@pytest.mark.parametrize(
    ("language", "header"),
    [
        ("fi", ["Osapuoli", "Muistiinpanot", "Osuus", "Puheaika", "Osuus puheajasta"]),
        ("sv", ["Part", "Anteckningar", "Andel", "Taltid", "Andel av taltiden"]),
        ("en", ["Party", "Notes", "Share", "Speaking time", "Share of time"]),
    ],
)
def test_balance_table_shows_each_side_notes_and_time(language: str, header: list[str]) -> None:
    assert "1:30" not in render_minutes(session(), language)
    tokens = PARSER.parse(render_minutes(session(), language, appendix=True))
    balance = next(t for t in tables(tokens) if t[0] == header)
    shown = [[row[1], row[2].rstrip(" %"), row[3]] for row in balance[1:]]
    assert shown == [["2", "67", "1:30"], ["1", "33", "0:30"]]


def test_a_session_without_round_table_data_has_none_of_it() -> None:
    text = render_minutes(Session(title="Tyhjä", created=T0, modified=T0), "en", appendix=True)
    assert not any(h.startswith("Dot vote") for h in headings(PARSER.parse(text)))
    assert "Balance" not in text and "| Rank" not in text
