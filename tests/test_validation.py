"""Loading a session file that is wrong: one clear error naming file, line, field, expectation."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from kumppani.fileformat import parse_session
from tests.support.fileformat import line_of, parse_error

GOOD = """\
format = "kumppani.session"
format_version = "1.0"

[session]
id = "s-1"
title = "Nuorisotyöllisyys"
date = 2026-03-12
language = "fi"
status = "completed"
created = 2026-03-01T10:00:00+02:00
modified = 2026-03-12T12:00:00+02:00

[[participants]]
id = "p-1"
name = "Kehitysjohtaja"
organisation = "Tampereen kaupunki"
party = "city"
role = "participant"

[steps.overall]
status = "done"
planned_minutes = 20

[[steps.overall.notes]]
id = "n-1"
text = "Kaupungilla on oma työllisyysohjelma"
kind = "actor"
participant = "p-1"
created = 2026-03-12T09:10:00+02:00

[[steps.overall.notes]]
id = "n-2"
text = "TE-palvelut siirtyivät kunnille"
kind = "observation"
created = 2026-03-12T09:12:00+02:00

[steps.solutions]
status = "done"

[[steps.solutions.actions]]
id = "a-1"
title = "Yhteinen pilotti"
due = 2026-06-30
status = "agreed"

[end]
"""

PATH = Path("/sessions/2026-03-12-nuoret.toml")


error_for = partial(parse_error, path=PATH)


def test_the_reference_file_loads() -> None:
    session = parse_session(GOOD, PATH)
    assert session.title == "Nuorisotyöllisyys"
    assert [note.id for note in session.step("overall").notes] == ["n-1", "n-2"]
    assert session.actions[0].title == "Yhteinen pilotti"


def test_syntax_error_names_file_line_and_column() -> None:
    text = GOOD.replace('title = "Nuorisotyöllisyys"', 'title = "Nuorisotyöllisyys')
    error = error_for(text)
    assert error.path == PATH
    assert error.line == line_of(text, "title =")
    assert error.column is not None
    assert "not valid TOML" in str(error)
    assert str(PATH) in str(error)


def test_wrong_type_names_field_line_and_expectation() -> None:
    text = GOOD.replace("planned_minutes = 20", 'planned_minutes = "twenty"')
    error = error_for(text)
    assert error.field == "steps.overall.planned_minutes"
    assert error.line == line_of(text, "planned_minutes")
    assert error.expected == "a whole number"
    assert "steps.overall.planned_minutes" in str(error)


def test_value_out_of_range() -> None:
    error = error_for(GOOD.replace("planned_minutes = 20", "planned_minutes = -5"))
    assert error.field == "steps.overall.planned_minutes"
    assert "from 0 to 1440" in (error.expected or "")


def test_unknown_choice_lists_the_allowed_values() -> None:
    text = GOOD.replace('status = "agreed"', 'status = "maybe"')
    error = error_for(text)
    assert error.field == "steps.solutions.actions[0].status"
    assert error.line == line_of(text, '"maybe"')
    assert "'agreed'" in (error.expected or "")


def test_unknown_note_kind_in_second_note_points_at_that_note() -> None:
    text = GOOD.replace('kind = "observation"', 'kind = "gossip"')
    error = error_for(text)
    assert error.field == "steps.overall.notes[1].kind"
    assert error.line == line_of(text, '"gossip"')


def test_missing_required_field() -> None:
    text = GOOD.replace('text = "TE-palvelut siirtyivät kunnille"\n', "")
    error = error_for(text)
    assert error.field == "steps.overall.notes[1].text"
    assert "missing" in error.message


def test_datetime_without_offset_is_refused() -> None:
    text = GOOD.replace("created = 2026-03-12T09:10:00+02:00", "created = 2026-03-12T09:10:00")
    error = error_for(text)
    assert error.field == "steps.overall.notes[0].created"
    assert "UTC offset" in (error.expected or "")


def test_bad_date() -> None:
    error = error_for(GOOD.replace("due = 2026-06-30", 'due = "ensi kesänä"'))
    assert error.field == "steps.solutions.actions[0].due"
    assert "2026-03-12" in (error.expected or "")


def test_a_removed_participant_does_not_make_notes_unreadable() -> None:
    session = parse_session(GOOD.replace('participant = "p-1"', 'participant = "p-9"'), PATH)
    note = session.step("overall").notes[0]
    assert note.participant == "p-9"
    assert session.note_party(note) == ""


def test_repeated_id() -> None:
    error = error_for(GOOD.replace('id = "n-2"', 'id = "n-1"'))
    assert error.field == "steps.overall.notes[1].id"
    assert "repeats" in error.message


def test_not_a_session_file() -> None:
    error = error_for(GOOD.replace('format = "kumppani.session"', 'format = "something.else"'))
    assert error.field == "format"
    assert error.line == 1


def test_bad_format_version() -> None:
    error = error_for(GOOD.replace('format_version = "1.0"', 'format_version = "one"'))
    assert error.field == "format_version"


def test_truncated_file_that_still_parses_is_caught() -> None:
    cut = GOOD[: GOOD.index("[steps.solutions]")]
    error = error_for(cut)
    assert error.field == "end"
    assert "cut short" in error.message


def test_table_where_text_was_expected() -> None:
    error = error_for(GOOD.replace('title = "Yhteinen pilotti"', "title = { fi = 'x' }"))
    assert error.field == "steps.solutions.actions[0].title"
    assert "is a table" in error.message


def test_recipes_must_be_numbers_one_to_eight() -> None:
    error = error_for(GOOD.replace('language = "fi"', 'language = "fi"\nrecipes = [1, 9]'))
    assert error.field == "session.recipes[1]"


def test_unknown_language() -> None:
    error = error_for(GOOD.replace('language = "fi"', 'language = "de"'))
    assert error.field == "session.language"


def test_hand_added_note_without_id_or_time_is_accepted() -> None:
    text = GOOD.replace(
        "[steps.solutions]", '[[steps.overall.notes]]\ntext = "Käsin"\n\n[steps.solutions]'
    )
    session = parse_session(text, PATH)
    added = session.step("overall").notes[-1]
    assert added.text == "Käsin"
    assert added.id.startswith("n-")
    assert added.created == session.modified


def test_describe_is_one_line_a_person_can_act_on() -> None:
    error = error_for(GOOD.replace("planned_minutes = 20", "planned_minutes = 2.5"))
    line = error.describe()
    assert "\n" not in line
    assert line.startswith(f"{PATH}:{error.line}: field 'steps.overall.planned_minutes'")
