"""A whole round table by keyboard in a real terminal (tmux, 80x24): issue 14's "done when".

kumppani runs in a tmux pane of 80x24 and gets only what ``tmux send-keys`` sends,
the bytes a terminal sends: a new session with a roster, notes with a speaker and a
party, a round with a skipped speaker brought back (Ctrl+K, Ctrl+N, Ctrl+U), a dot
vote, an action and an indicator (through the palette), the minutes exported; then
the file on disk holds all of it.

The keys of each step go in one ``send-keys``, a burst as a fast typist sends them
(keys that move the focus, open or close a dialog and the letters right after
them): kumppani must handle them in order however fast they come
(``kumppani.tui.key_order``). Between the steps the test waits for what the screen
shows, never for a fixed time, with a generous deadline for a slow machine.
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
]
TAB_TO_ROSTER = 16
"""Tabs from the new-session form's end time to the roster's name field: venue,
facilitator, organiser, writer, the next meeting's date, time and venue, distribution,
purpose, the parties needed, the five steps' minutes."""


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[Pane]:
    (tmp_path / "istunnot").mkdir()
    pane = start(f"kumppani-test-{os.getpid()}", tmp_path, "--dir istunnot")
    yield pane
    stop(pane)


def test_a_whole_round_table_by_keyboard_in_tmux(pane: Pane, tmp_path: Path) -> None:
    pane.shows("Istunnot")
    # A new session: title, theme, date, time (Enter moves on), Tab on to the roster of three;
    # each one added with Enter, Berg as the city (F3: the next party).
    pane.keys("n", "Kotoutuminen", "Enter", "Työ ja kieli", "Enter", "2026-05-20", "Enter")
    pane.keys("13:00", "Enter", *["Tab"] * TAB_TO_ROSTER)
    pane.keys("Ahola", "Tab", "TEM", "Enter", "F3", "Berg", "Tab", "Vantaa", "Enter")
    pane.keys("Castrén", "Tab", "YM", "Enter", "C-s")  # (the roster's rows are below the screen)
    pane.shows("Vaihe 1/5")

    # Notes: one with the city as party, one with a speaker (F4, the second one present).
    pane.keys("F3", "F3", "kaupungin näkemys", "Enter", "F4", "Down", "Enter")
    pane.keys("puhujan huomio", "Enter")
    pane.wait(lambda screen: "puhujan huomio" in screen and "Tallenn" in screen, "the note")

    # A round, started (Ctrl+R, Enter): the first speaker skipped (Ctrl+K, which typed right
    # after Enter once went to the closing dialog), the next speaks (Ctrl+N), back to the
    # skipped one (Ctrl+U), whose note is taken; the round ended (Ctrl+R).
    pane.keys("C-r")
    pane.shows("Aloita puheenvuorokierros")
    pane.keys("Enter", "C-k", "C-n", "C-u", "palasi ohitettuna", "Enter", "C-r")
    pane.shows("Kierros päättyi")

    # A dot vote from the list (v), three hands for the highlighted note, the result kept.
    pane.keys("Up", "v", "3", "C-s")
    pane.shows("Tulos")
    pane.keys("Enter")
    pane.shows("Äänestyksen tulos on tallennettu")

    # An action and an indicator through the palette, from the note line, each in one burst:
    # the palette searches in a worker, and Enter waits until the search of all the letters
    # typed has ended (it once picked the first match of fewer letters).
    for query, fields in (
        ("uusi toimenpide", ["Kielikoulutuspilotti"]),
        ("uusi mittari", ["Työllistyneet", "%", "12", "20"]),
    ):
        typed = [key for text in fields for key in (text, "Enter")][:-1]
        pane.keys("Escape", "C-p", query, "Enter", *typed, "C-s")
        pane.gone(query)
        pane.gone("^s Tallenna")

    # The minutes, exported; then quit.
    pane.keys("F12", "e")
    pane.shows(".md")
    pane.keys("Escape", "C-q")
    screen = pane.wait(lambda screen: ENDED in screen or "Päätetäänkö" in screen, "the end")
    if ENDED not in screen:  # asked whether to end the session (status held): yes
        pane.keys("Enter")
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
