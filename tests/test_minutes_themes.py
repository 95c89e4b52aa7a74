"""The minutes by theme (``--by theme``): a section per focus theme, from groups or carried votes.

Golden files ``tests/golden/2026-03-12-nuorisotyollisyys.carried.theme.<lang>.md``
hold the minutes by theme of the first example after its step-2 vote was
carried forward to step 3 (``tests.support.examples.carried_session``).
Regenerate them with ``KUMPPANI_UPDATE_GOLDEN=1`` as for ``test_minutes.py``.
"""

from __future__ import annotations

import os

import pytest

from kumppani.minutes.document import render_minutes
from kumppani.roundtable import voting
from kumppani.session.model import Note
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
