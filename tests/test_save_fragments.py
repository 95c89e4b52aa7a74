"""The checked dump writes what a whole dump writes, and still refuses text that reads back wrong.

A save no longer parses the whole text back: each note (each item of an array
of tables) is dumped and checked once and kept by its content, so what a user
would notice is: the file is byte for byte what it was before this cache,
after any sequence of edits; an unchanged note costs nothing again; and a
writer that produced text reading back differently is still stopped before
the disk is touched.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kumppani.errors import SaveError
from kumppani.fileformat import encode_session
from kumppani.fileformat import fragments as fragments_module
from kumppani.fileformat.encode import instant
from kumppani.fileformat.encode import text as stored_text
from kumppani.fileformat.fragments import DumpCheckError, FragmentCache, checked_dump
from kumppani.session.model import Note, Session
from kumppani.storage.files import load_session, save_session
from tests.support.examples import EXAMPLES
from tests.support.strategies import instants, notes, numbers, sessions, texts


def whole_dump(document: dict[str, Any]) -> str:
    """What saving wrote before the cache: one ``tomli_w`` dump of the whole document."""
    return tomli_w.dumps(document, multiline_strings=True)


def assert_same_as_whole(document: dict[str, Any], cache: FragmentCache) -> None:
    text, parsed = checked_dump(document, cache)
    assert text == whole_dump(document)
    assert parsed == tomllib.loads(text) == document


# Values a file may hold in fields this version does not know (kept and written back), as
# the encoder hands them over (CR LF folded, datetimes at a fixed offset).
scalars = st.one_of(texts.map(stored_text), numbers, st.booleans(), instants.map(instant))
keys = st.sampled_from(["x", "y", "text", "notes", "ä ö", "with space", '"q"', "1"])


def tables(depth: int = 2) -> st.SearchStrategy[dict[str, Any]]:
    """Tables with plain values, sub-tables and arrays of tables, to ``depth`` levels."""
    if depth == 0:
        return st.dictionaries(keys, scalars, max_size=3)
    inner = tables(depth - 1)
    return st.dictionaries(
        keys,
        st.one_of(scalars, inner, st.lists(inner, min_size=1, max_size=3), st.lists(scalars)),
        max_size=4,
    )


def edits(draw: st.DrawFn, session: Session) -> None:
    """One edit a facilitator (or a newer kumppani, adding fields) could make."""
    step = draw(st.sampled_from(session.steps))
    kind = draw(st.sampled_from(["add", "edit", "delete", "highlight", "extra", "move", "title"]))
    ids = [person.id for person in session.participants]
    if kind == "add" or not step.notes:
        step.notes.append(draw(notes(ids, [group.id for group in step.groups])))
        return
    index = draw(st.integers(0, len(step.notes) - 1))
    note = step.notes[index]
    if kind == "edit":
        step.notes[index] = dataclasses.replace(note, text=draw(texts))
    elif kind == "delete":
        del step.notes[index]
    elif kind == "highlight":
        note.highlight = not note.highlight
    elif kind == "extra":
        note.extra[draw(st.sampled_from(["mood", "seat", "tags", "links"]))] = draw(
            st.one_of(scalars, tables(1), st.lists(tables(1), min_size=1, max_size=2))
        )
    elif kind == "move":
        step.notes.insert(draw(st.integers(0, len(step.notes))), step.notes.pop(index))
    else:
        session.title = draw(texts)


@pytest.mark.slow
@given(sessions(), st.data())
def test_after_any_edits_the_text_is_what_a_whole_dump_writes(session: Session, data: Any) -> None:
    cache = FragmentCache()
    assert_same_as_whole(encode_session(session), cache)
    for _ in range(data.draw(st.integers(1, 6))):
        edits(data.draw, session)
        assert_same_as_whole(encode_session(session), cache)


@given(tables(3))
def test_any_document_is_written_as_a_whole_dump_would(document: dict[str, Any]) -> None:
    cache = FragmentCache()
    assert_same_as_whole(document, cache)
    assert_same_as_whole(document, cache)  # the second time from the cache


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda path: path.name)
def test_the_examples_are_written_as_before(path: Path) -> None:
    assert_same_as_whole(encode_session(load_session(path)), FragmentCache())


def many_notes(count: int) -> Session:
    session = Session(title="Kumppanuuspöytä")
    created = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)
    session.steps[0].notes = [
        Note(f"Muistiinpano {n}: " + "valtio ja kaupunki sopivat " * 4, created=created)
        for n in range(count)
    ]
    return session


def test_an_unchanged_note_is_not_dumped_or_parsed_again() -> None:
    session = many_notes(200)
    cache = FragmentCache()
    checked_dump(encode_session(session), cache)
    assert cache.made == 200
    checked_dump(encode_session(session), cache)
    assert cache.made == 200
    session.steps[0].notes[17].text = "Muutettu muistiinpano"
    session.steps[0].notes.append(Note("Uusi muistiinpano"))
    text, _parsed = checked_dump(encode_session(session), cache)
    assert cache.made == 202, "only the edited note and the new one were dumped and checked"
    assert text == whole_dump(encode_session(session))


def test_values_equal_in_python_but_written_differently_are_not_mixed_up() -> None:
    """``True == 1`` and one instant in two offsets: the cache keys by what the file shows."""
    cache = FragmentCache()
    instant = dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    for value in (1, True, 1.0, instant, instant.astimezone(dt.UTC)):
        session = many_notes(1)
        session.steps[0].notes[0].extra["mood"] = value
        assert_same_as_whole(encode_session(session), cache)


def test_text_that_looks_like_toml_headers_stays_text() -> None:
    session = many_notes(3)
    session.steps[0].notes[1].text = '[[steps.overall.notes]]\nid = "n"\n"""\n\n"""\n[end]'
    session.steps[0].conclusion = "[[steps.overall.notes]]\n"
    session.title = '"""\n\n"""'
    document = encode_session(session)
    assert_same_as_whole(document, FragmentCache())


@pytest.mark.parametrize("where", ["fragment", "skeleton"])
def test_text_that_would_read_back_wrong_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """A writer bug, in a note's block or in the text around the notes, stops the save."""
    path = tmp_path / "istunto.toml"
    session = many_notes(5)
    save_session(session, path)
    before = path.read_bytes()
    session.steps[0].notes[2].text = "Tämä muutos ei saa kadota hiljaa"
    real_dumps = tomli_w.dumps

    def wrong_dumps(document: dict[str, Any], **options: Any) -> str:
        text = real_dumps(document, **options)
        is_fragment = text.startswith("[[")
        if is_fragment == (where == "fragment"):
            return text.replace("kadota", "kadottaa").replace("Kumppanuuspöytä", "Kumppani")
        return text

    monkeypatch.setattr(fragments_module.tomli_w, "dumps", wrong_dumps)
    with pytest.raises(SaveError, match="would not read back the same"):
        save_session(session, path)
    assert path.read_bytes() == before
    assert sorted(tmp_path.iterdir()) == [path]


def test_a_cache_full_of_old_notes_drops_the_least_recently_used() -> None:
    cache = FragmentCache(size=50)
    checked_dump(encode_session(many_notes(40)), cache)
    other = many_notes(30)
    for note in other.steps[0].notes:
        note.text = "Toinen istunto: " + note.text
    checked_dump(encode_session(other), cache)
    assert len(cache) == 50
    made = cache.made
    checked_dump(encode_session(other), cache)
    assert cache.made == made, "the notes used last are still there"


def test_a_broken_check_is_reported_as_a_dump_check_error() -> None:
    with pytest.raises(DumpCheckError):
        fragments_module._parse_equal('a = "b"\n', {"a": "c"}, "the text")


@settings(  # few examples: each example saves to disk
    max_examples=20,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sessions())
def test_saving_with_the_process_cache_gives_the_bytes_of_a_whole_dump(
    tmp_path: Path, session: Session
) -> None:
    path = tmp_path / "s.toml"
    save_session(session, path)
    assert path.read_text("utf-8") == whole_dump(encode_session(session))


def test_warming_up_after_opening_writes_nothing_and_makes_the_first_save_cheap(
    tmp_path: Path,
) -> None:
    from kumppani.editing.editor import SessionEditor
    from kumppani.fileformat.fragments import FRAGMENTS

    path = tmp_path / "iso.toml"
    save_session(many_notes(300), path)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    FRAGMENTS.clear()
    editor = SessionEditor.open(path)
    editor.warm_up()
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before  # nothing written
    assert not list(tmp_path.glob("*.tmp*"))
    made = FRAGMENTS.made
    editor.session.steps[0].notes[0].text = "muokattu"
    editor.changed("notes")
    editor.save()
    assert FRAGMENTS.made - made == 1  # only the edited note was checked at the first save
    assert load_session(path).steps[0].notes[0].text == "muokattu"
    read_only = SessionEditor.open(path, read_only=True)
    FRAGMENTS.clear()
    read_only.warm_up()  # read-only: nothing to prepare, nothing done
    assert len(FRAGMENTS) == 0
