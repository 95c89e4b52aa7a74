"""The minutes by theme (``--by theme``): a section per focus theme, from groups or carried votes.

Golden files ``tests/golden/2026-03-12-nuorisotyollisyys.carried.theme.<lang>.md``
hold the minutes by theme of the first example after its step-2 vote was
carried forward to step 3 (``tests.support.examples.carried_session``).
Regenerate them with ``KUMPPANI_UPDATE_GOLDEN=1`` as for ``test_minutes.py``.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kumppani.minutes.document import render_minutes
from kumppani.roundtable import groups, voting
from kumppani.session.model import Note, Session
from kumppani.storage.files import load_session
from kumppani.text import markdown as md
from tests.support.examples import CARRIED, EXAMPLES, FIRST, GOLDEN, carried_session

LANGUAGES = ("fi", "sv", "en")


def section(text: str, heading: str) -> str:
    """The text of the level-3 section with this heading, up to the next heading of 1–3."""
    start = text.index(heading + "\n")
    rest = text[start + len(heading) :]
    ends = [i for marker in ("\n## ", "\n### ") if (i := rest.find(marker)) >= 0]
    return rest[: min(ends)] if ends else rest


def words(text: str) -> str:
    return " ".join(md.clean(text).split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_carried_themes_match_the_golden_file(language: str) -> None:
    text = render_minutes(carried_session(), language, by="theme")
    path = GOLDEN / f"{CARRIED}.theme.{language}.md"
    if os.environ.get("KUMPPANI_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs from the golden file"


def test_each_carried_theme_is_a_section_that_says_where_it_came_from() -> None:
    text = render_minutes(carried_session(), by="theme")
    themes = text.split("## Käsitellyt teemat\n", 1)[1].split("\n## ", 1)[0]
    headings = [line for line in themes.split("\n") if line.startswith("### ")]
    assert headings == [
        "### 1. Tavoittaminen ja tiedonkulku",
        "### 2. Työnantajayhteistyö",
        "### 3. Alle 25-vuotiaiden työttömien määrä on seudulla selvästi suurempi kuin "
        "vuosi sitten",
        "### 4. Teema 1: opinnot keskeyttäneet nuoret tavoitetaan kolmen kuukauden sisällä",
        "### 5. Tieto opintojen keskeytymisestä kulkee viiveellä, joten keskeyttäneitä ei "
        "tavoiteta ajoissa",
    ]
    first = section(themes, headings[2])
    assert (
        "Valittiin painopisteeksi pisteäänestyksessä (2. Yhteinen tilannekuva)"
        " — *Työllisyysjohtaja, Tampereen kaupunki; 5 ääntä*"
    ) in first
    # The notes grouped under the theme's words in steps 3 and 4 are its highlights.
    teema = section(themes, headings[3])
    assert "#### Keskeisimmät nostot" in teema
    assert "Jokaiseen toisen asteen opinnot keskeyttäneeseen otetaan yhteyttä" in teema
    assert "Oppilaitos ilmoittaa keskeytyksestä suoraan Ohjaamoon" in teema


def test_a_carried_theme_and_its_votes_appear_once_and_no_note_is_lost() -> None:
    session = carried_session()
    text = render_minutes(session, by="theme")
    for phrase in (
        "Alle 25-vuotiaiden työttömien määrä on seudulla",
        "Tieto opintojen keskeytymisestä kulkee viiveellä",
        "Jokaiseen toisen asteen opinnot keskeyttäneeseen",
    ):
        assert text.count(phrase) == 1, phrase
    assert text.count("5 ääntä*") == 2  # the voted note, and idea n-sol0300: each once
    shown = words(text)
    for step in session.steps:
        for note in step.notes:
            assert words(note.text).rstrip(".") in shown


def test_a_theme_note_typed_in_step_three_is_a_section_of_its_own() -> None:
    session = load_session(EXAMPLES / FIRST)
    will = session.step("will")
    will.notes.append(Note("Nuorten mielenterveys.", kind=voting.THEME_KIND, party="city"))
    text = render_minutes(session, "en", by="theme")
    theme = section(text, "### 3. Nuorten mielenterveys")
    assert "Recorded as a focus theme (3. Shared will and goal) — *City*" in theme
    assert "Nuorten mielenterveys" not in text.split("## Other items discussed", 1)[1]


def test_without_focus_themes_the_minutes_by_theme_go_by_step() -> None:
    session = load_session(EXAMPLES / FIRST)
    for step in session.steps:
        step.groups.clear()
        step.notes = [note for note in step.notes if note.kind != voting.THEME_KIND]
        for note in step.notes:
            note.group = ""
    text = render_minutes(session, by="theme")
    assert text == render_minutes(session)


def test_a_voted_theme_note_whose_copy_in_step_three_is_gone_still_heads_its_section() -> None:
    session = load_session(EXAMPLES / FIRST)
    situation = session.step("situation")
    note = next(note for note in situation.notes if note.id == "n-sit0305")
    note.group = ""  # an ungrouped theme note of step 2, voted for and carried forward
    vote = voting.latest(situation)
    assert vote is not None
    voting.carry_forward(session, situation, vote, "will", top=2)
    will = session.step("will")
    will.notes = [n for n in will.notes if n.kind != voting.THEME_KIND or n.text != note.text]
    text = render_minutes(session, by="theme")
    heading = "### 1. Teema 1: opinnot keskeyttäneet nuoret tavoitetaan kolmen kuukauden sisällä"
    origin = "Valittiin painopisteeksi pisteäänestyksessä (2. Yhteinen tilannekuva) — *Kaupunki;"
    assert origin in section(text, heading)


NOTE_TEXTS = st.sampled_from(["Teema A", "teema a.", "Teema B", "Havainto", "Idea C", "..."])


@settings(max_examples=60, deadline=None)
@given(
    notes=st.lists(
        st.tuples(
            st.sampled_from(["situation", "will", "solutions"]),
            NOTE_TEXTS,
            st.booleans(),  # of kind theme
            st.sampled_from(["", "Teema A", "Ryhmä"]),  # the group heading, if any
            st.integers(0, 3),  # dots in the vote of step 2
        ),
        max_size=8,
    ),
    top=st.integers(0, 3),
    drop_copies=st.booleans(),  # the carried copies removed from step 3 afterwards
)
@example(notes=[("situation", "Teema A", True, "", 2)], top=1, drop_copies=True)
def test_by_theme_loses_no_note_whatever_was_grouped_or_carried(
    notes: list[tuple[str, str, bool, str, int]], top: int, drop_copies: bool
) -> None:
    session = Session(title="Kokous")
    situation = session.step("situation")
    vote = voting.new_vote(session, dt.datetime(2026, 3, 12, 10, tzinfo=dt.UTC))
    for key, text, theme, heading, dots in notes:
        step = session.step(key)
        note = Note(text, kind=voting.THEME_KIND if theme else "observation")
        step.notes.append(note)
        if heading:
            groups.assign(step, note, heading)
        if key == "situation":
            voting.set_count(situation, vote, note.id, dots)
    voting.record(situation, vote)
    will = session.step("will")
    before = {note.id for note in will.notes}
    voting.carry_forward(session, situation, vote, "will", top)
    if drop_copies:
        will.notes = [note for note in will.notes if note.id in before]
    shown = words(render_minutes(session, by="theme")).casefold()
    for note in session.all_notes():
        assert words(note.text).rstrip(".").casefold() in shown
