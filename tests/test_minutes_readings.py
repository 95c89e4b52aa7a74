"""The readings tables of the minutes: each indicator's readings over time, baseline to target.

The golden files (``tests/golden``) hold the whole minutes of the examples;
these tests check what a secretariat reads in the tables: every reading in
date order between the baseline and the target, each with its unit, the
change from the baseline and how far it has come towards the target; and
that typed text stays text.
"""

from __future__ import annotations

import datetime as dt

from kumppani.minutes.document import render_minutes
from kumppani.minutes.readings import difference
from kumppani.session.model import Indicator, Reading, Session
from kumppani.storage.files import load_session
from kumppani.text.i18n import t
from tests.support.examples import EXAMPLES, FOLLOWUP
from tests.support.markdown import PARSER, tables

FOLLOW_UP = EXAMPLES / FOLLOWUP


def table_under(markdown: str, heading: str) -> list[list[str]]:
    """The rows (header first) of the first table after the heading naming this indicator."""
    tokens = PARSER.parse(markdown)
    start = next(
        i
        for i, token in enumerate(tokens)
        if token.type == "inline"
        and token.content.replace("\\", "").split(": ", 1)[-1] == heading
        and tokens[i - 1].type == "heading_open"
    )
    return tables(tokens[start:])[0]


def session_with(indicator: Indicator) -> Session:
    return Session(title="Mittarit", indicators=[indicator])


def test_each_indicator_has_its_readings_in_date_order_between_baseline_and_target() -> None:
    session = load_session(FOLLOW_UP)
    text = render_minutes(session, "fi")
    for indicator in session.indicators:
        rows = table_under(text, indicator.name)
        assert rows[0] == [
            "Päivämäärä",
            "Tulos",
            "Muutos lähtötasosta",
            "Edistyminen kohti tavoitetta",
            "Huomio",
        ]
        assert rows[1][0] == "Lähtötaso"
        assert rows[-1][0] == "Tavoite"
        readings = sorted(indicator.readings, key=lambda reading: reading.on)
        assert [row[0] for row in rows[2:-1]] == [
            f"{r.on.day}.{r.on.month}.{r.on.year}" for r in readings
        ]
        assert all(row[1].endswith(" " + indicator.unit) for row in rows[1:])
        assert [row[4] for row in rows[2:-1]] == [reading.note for reading in readings]


def test_change_and_progress_are_computed_from_baseline_and_target() -> None:
    session = load_session(FOLLOW_UP)
    text = render_minutes(session, "fi")
    long_term = table_under(text, "Yli 6 kk työttömänä olleet alle 25-vuotiaat")
    # 1240 -> 620: 1090 is 150 fewer, 24 % of the way.
    assert long_term[-2][1:4] == ["1090 henkilöä", "-150", "24 %"]
    rate = table_under(text, "20–24-vuotiaiden työllisyysaste")
    # 61,5 -> 66: 62,3 is 0,8 more (not 0,79999…), 18 % of the way.
    assert rate[-2][1:4] == ["62,3 %", "+0,8", "18 %"]
    assert rate[1][1] == "61,5 %"
    assert rate[-1][1] == "66 %"


def test_english_minutes_use_english_labels_and_numbers() -> None:
    text = render_minutes(load_session(FOLLOW_UP), "en")
    rows = table_under(text, "20–24-vuotiaiden työllisyysaste")
    assert rows[0][:2] == ["Date", "Value"]
    assert rows[-2][:4] == ["30 June 2026", "62.3 %", "+0.8", "18%"]


def test_without_baseline_or_target_only_the_readings_are_shown() -> None:
    indicator = Indicator(
        "Kävijät", unit="hlöä", readings=[Reading(dt.date(2026, 5, 1), 12, "kevät")]
    )
    rows = table_under(render_minutes(session_with(indicator), "fi"), "Kävijät")
    assert rows[1:] == [["1.5.2026", "12 hlöä", "", "", "kevät"]]


def test_an_indicator_without_readings_has_no_readings_table() -> None:
    indicator = Indicator("Tyhjä mittari", baseline=1, target=2)
    text = render_minutes(session_with(indicator), "fi")
    assert t("export.readings_of", name=indicator.name) not in text
    assert "#### Tyhjä mittari" not in text


def test_typed_markup_in_name_unit_and_note_stays_text() -> None:
    hostile = "| <b>x</b> *y* [l](http://e) #"
    indicator = Indicator(
        hostile,
        unit="| %",
        baseline=1.5,
        target=3,
        readings=[Reading(dt.date(2026, 5, 1), 2, hostile + "\nrivi 2")],
    )
    text = render_minutes(session_with(indicator), "fi")
    rows = table_under(text, hostile)
    assert all(len(row) == 5 for row in rows)
    # A cell holds one line (no raw <br>): the note's lines are joined by a space.
    assert rows[2] == ["1.5.2026", "2 | %", "+0,5", "33 %", hostile + " rivi 2"]
    assert "<b>" not in text


def test_difference_reads_as_the_numbers_are_written() -> None:
    assert difference(62.3, 61.5) == 0.8
    assert difference(1090, 1240) == -150
    assert isinstance(difference(3.0, 1.0), int)
    assert difference(0.1, 0.3) == -0.2
