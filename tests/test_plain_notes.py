"""The one-pass reading of plain notes gives exactly what the field-by-field reading gives.

Nearly every note in a session is plain (known keys, each of its type), and a
1,000-note session is read in one pass per note (``Decoder.plain_note``);
anything else takes the long way (``Decoder.note``), which keeps unknown keys
and raises the located error. A user would notice any difference as a note
read differently depending on how many other notes the step holds.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kumppani.errors import SessionFileError
from kumppani.fileformat import decode, parse_session
from kumppani.fileformat.decode import PLAIN_NOTE_KEYS
from kumppani.fileformat.fields import Fields, Source
from kumppani.session.vocabulary import NOTE_KINDS
from tests.support.examples import EXAMPLES, FIRST

SESSION_MODIFIED = dt.datetime(2026, 3, 12, 12, 0, tzinfo=dt.UTC)
WHERE = "steps.overall.notes[0]"
EXAMPLE = EXAMPLES / FIRST

values = st.one_of(
    st.text(max_size=8),
    st.sampled_from([*NOTE_KINDS, "", "muu"]),
    st.booleans(),
    st.integers(min_value=-3, max_value=3),
    st.floats(allow_nan=False, allow_infinity=False),
    st.datetimes(max_value=dt.datetime(2100, 1, 1)),
    st.datetimes(max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)),
    st.dates(),
    st.lists(st.text(max_size=3), max_size=2),
)
short = st.text(max_size=4)
fitting = {
    "id": st.one_of(short, st.sampled_from(["n-1", ""])),
    "text": st.text(max_size=12),
    "kind": st.sampled_from([*NOTE_KINDS, "muu"]),
    "party": short,
    "participant": short,
    "group": short,
    "highlight": st.booleans(),
    "votes": st.integers(min_value=-2, max_value=5),
    "created": st.datetimes(max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)),
}
# Each key: mostly a value of its type, sometimes anything; sometimes a key of no note.
mostly = {key: st.one_of(right, right, right, right, values) for key, right in fitting.items()}
tables = st.fixed_dictionaries(
    {"text": mostly["text"]},
    optional={key: right for key, right in mostly.items() if key != "text"} | {"mood": values},
)


def read(notes: list[dict[str, Any]], *, plain: bool, seen: dict[str, str]) -> object:
    """The notes of one step read in order (or the error), one pass first or only the long
    way; ids are made up by a counter, so both ways make the same ones."""
    counter = itertools.count()
    original = decode.new_id
    decode.new_id = lambda prefix: f"{prefix}-{next(counter)}"
    try:
        decoder = decode._Decoder(Source(None, ""))
        decoder.seen_ids.update(seen)
        read_notes = []
        for index, table in enumerate(notes):
            where = f"steps.overall.notes[{index}]"
            note = decoder.plain_note(table, where, NOTE_KINDS, SESSION_MODIFIED) if plain else None
            if note is None:
                fields = Fields(decoder.source, table, where)
                note = decoder.note(fields, NOTE_KINDS, SESSION_MODIFIED)
            read_notes.append(note)
        return read_notes, decoder.seen_ids
    except SessionFileError as error:
        return str(error)
    finally:
        decode.new_id = original


def taken(table: dict[str, Any]) -> bool:
    """Whether the one pass takes ``table`` (does not hand it to the long way)."""
    decoder = decode._Decoder(Source(None, ""))
    return decoder.plain_note(table, "n", NOTE_KINDS, SESSION_MODIFIED) is not None


@given(
    st.lists(tables, min_size=1, max_size=4),
    st.sampled_from([{}, {"n-1": "steps.will.notes[4]", "n-0": "steps.will.groups[0]"}]),
)
def test_notes_read_in_one_pass_are_the_notes_read_the_long_way(
    notes: list[dict[str, Any]], seen: Any
) -> None:
    assert set(fitting) == PLAIN_NOTE_KEYS  # every key a note has is tried
    assert read(notes, plain=True, seen=seen) == read(notes, plain=False, seen=seen)


@pytest.mark.parametrize(
    "table",
    [
        {"id": "n-7", "text": "Selkeä havainto"},
        {"id": "n-2", "text": "Nosto", "kind": "challenge", "highlight": True, "votes": 3},
        {"id": "n-3", "text": "x", "party": "state", "participant": "p-1", "group": "g-1"},
        {"id": "n-4", "text": "y", "kind": "idea", "created": SESSION_MODIFIED},
    ],
)
def test_ordinary_notes_take_the_one_pass_way(table: dict[str, Any]) -> None:
    assert taken(table)
    assert read([table], plain=True, seen={}) == read([table], plain=False, seen={})


def test_a_repeated_id_still_names_where_it_was_first() -> None:
    text = EXAMPLE.read_text("utf-8")
    first = text.index("[[steps.overall.notes]]")
    second = text.index("[[steps.overall.notes]]", first + 1)
    first_id = text[first:].split('id = "', 1)[1].split('"', 1)[0]
    start = text.index('id = "', second)
    end = text.index("\n", start)
    doubled = text[:start] + f'id = "{first_id}"' + text[end:]
    with pytest.raises(SessionFileError) as raised:
        parse_session(doubled, EXAMPLE)
    assert f"repeats the id '{first_id}' of steps.overall.notes[0]" in str(raised.value)
