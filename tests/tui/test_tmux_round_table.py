"""A whole round table by keyboard in a real terminal (tmux, 80x24): issue 14's "done when".

kumppani runs in a tmux pane of 80x24 and gets only what ``tmux send-keys`` sends,
the bytes a terminal sends: a new session with a roster, notes with a speaker and a
party, a round with a skipped speaker brought back (Ctrl+K, Ctrl+N, Ctrl+U), a dot
vote, an action and an indicator (through the palette), the minutes exported; then
the file on disk holds all of it. Each step waits for what the screen shows (never a
fixed time), with a deadline.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kumppani.session.vocabulary import TurnOutcome
from kumppani.storage.files import load_session
from tests.support.tmux import ENDED, TMUX, Pane, start, stop

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed: this test drives a real one"),
    pytest.mark.skipif(
        os.environ.get("KUMPPANI_TMUX_TESTS") != "1",
        reason="opt-in (KUMPPANI_TMUX_TESTS=1): it failed 1 run in 9 on a loaded machine, and "
        "the suite must be green every time",
    ),
]


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[Pane]:
    (tmp_path / "istunnot").mkdir()
    pane = start(f"kumppani-test-{os.getpid()}", tmp_path, "--dir istunnot")
    yield pane
    stop(pane)


def test_a_whole_round_table_by_keyboard_in_tmux(pane: Pane, tmp_path: Path) -> None:
    pane.shows("Istunnot")
    # A new session: title, theme, date, time; the roster of three.
    pane.press("n")
    pane.shows("Uusi istunto")
    for text in ("Kotoutuminen", "Työ ja kieli", "2026-05-20", "13:00"):
        pane.type(text)
        pane.press_moving("Enter")
    while not pane.in_roster_name():  # Tab on to the roster's name field
        pane.press_changing("Tab")
    for name, organisation, parties in (
        ("Ahola", "TEM", 0),
        ("Berg", "Vantaa", 1),
        ("Castrén", "YM", 0),
    ):
        for _ in range(parties):
            pane.press("F3")
        pane.type(name)
        pane.press_moving("Tab")
        pane.type(organisation)
        pane.press("Enter")  # added: the fields are empty again, showing their placeholders
        pane.wait(lambda screen: " Nimi         Organisaatio " in screen, f"{name} added")
    pane.press("C-s")
    pane.shows("Vaihe 1/5")

    # Notes: one with the city as party, one with a speaker (F4, the second one present).
    pane.press("F3", "F3")
    pane.type("kaupungin näkemys")
    pane.press("Enter")
    pane.press("F4")
    pane.shows("Kuka puhuu?")
    pane.press("Down", "Enter")
    pane.gone("Kuka puhuu?")
    pane.type("puhujan huomio")
    pane.press("Enter")
    pane.wait(lambda screen: "puhujan huomio" in screen and "Tallenn" in screen, "the note")

    # A round: the first speaker skipped (Ctrl+K), the next speaks (Ctrl+N), back (Ctrl+U).
    pane.press("C-r")
    pane.shows("Aloita puheenvuorokierros")
    pane.press("C-s")
    pane.gone("Aloita puheenvuorokierros")
    pane.shows("^n Seuraava puhuja")  # the round's keys lead the key bar while it runs
    pane.press("C-k")
    pane.press("C-n")
    pane.press("C-u")
    pane.type("palasi ohitettuna")
    pane.press("Enter")
    pane.press("C-r")
    pane.shows("Kierros päättyi")

    # A dot vote from the list (v), a hand for the highlighted note, the result kept.
    pane.press("Up", "v")
    pane.shows("Pisteäänestys")
    pane.press("3", "C-s")
    pane.shows("Tulos")
    pane.press("Enter")
    pane.shows("Äänestyksen tulos on tallennettu")

    # An action and an indicator through the palette, from the note line.
    for query, fields in (
        ("uusi toimenpide", ("Kielikoulutuspilotti",)),
        ("uusi mittari", ("Työllistyneet", "%", "12", "20")),
    ):
        pane.press("Escape", "C-p")
        pane.type(query)
        pane.press("Enter")
        pane.gone(query)
        for text in fields:
            pane.type(text)
            if text != fields[-1]:
                pane.press_moving("Enter")
        pane.press("C-s")
        pane.gone("^s Tallenna")

    # The minutes, exported; then quit.
    pane.press("F12")
    pane.press("e")
    pane.shows(".md")
    pane.press("Escape", "C-q")
    screen = pane.wait(lambda screen: ENDED in screen or "Päätetäänkö" in screen, "the end")
    if ENDED not in screen:  # asked whether to end the session (status held): yes
        pane.press("Enter")
        pane.shows(ENDED)

    [path] = (tmp_path / "istunnot").glob("*.toml")
    session = load_session(path)
    assert [person.name for person in session.participants] == [
        "Ahola",
        "Berg",
        "Castrén",
    ]
    notes = {note.text: note for note in session.all_notes()}
    assert notes["kaupungin näkemys"].party == "city"
    ids = [person.id for person in session.participants]
    assert notes["puhujan huomio"].participant in ids
    [speaking] = session.steps[0].rounds
    assert TurnOutcome.SKIPPED in [turn.outcome for turn in speaking.turns]
    assert notes["palasi ohitettuna"].participant == speaking.order[0]  # the skipped, back
    assert session.steps[0].votes
    assert [action.title for action in session.actions] == ["Kielikoulutuspilotti"]
    [indicator] = session.indicators
    assert (indicator.name, indicator.baseline, indicator.target) == ("Työllistyneet", 12, 20)
    assert path.with_suffix(".md").exists()
