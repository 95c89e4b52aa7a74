"""A save after a few edits reuses what did not change, and writes exactly what a fresh save writes.

Saving keeps each note's table, fragment and check by identity while the
note holds the same values (``fileformat.note_memo``; issue 14), so a save
with one note edited is cheap enough for the app's thread. What a user would
notice if that went wrong is a file that differs from what a whole fresh
save writes (an old text kept, a time zone lost), or a broken session that
is written anyway. These hold the saves to both, after any edits made the
way the editor makes them: fields assigned in place, undo putting back the
very objects that were there before.
"""

from __future__ import annotations

import datetime as dt
import operator
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kumppani.errors import SaveError
from kumppani.fileformat import encode_session
from kumppani.fileformat.encode import text as stored_text
from kumppani.fileformat.fragments import FRAGMENTS
from kumppani.fileformat.note_memo import NOTES
from kumppani.session.model import Note, Session, Step
from kumppani.session.vocabulary import NOTE_KINDS
from kumppani.storage.files import session_bytes
from tests.support.strategies import instants, notes, sessions, small, texts

PATH = Path("memo.toml")


def fresh_bytes(session: Session) -> bytes:
    """What a save wrote before any memo: a whole dump of a fresh encoding."""
    return tomli_w.dumps(encode_session(session), multiline_strings=True).encode("utf-8")


def assert_saved_as_fresh(session: Session) -> None:
    data = session_bytes(session, PATH)
    assert data == fresh_bytes(session)
    assert tomllib.loads(data.decode("utf-8")) == encode_session(session)


def in_place_edit(draw: st.DrawFn, session: Session, earlier: list[Any]) -> None:
    """One edit as the editor makes it: a field assigned, or an earlier value put back."""
    steps = [step for step in session.steps if step.notes]
    step = draw(st.sampled_from(steps)) if steps else session.steps[0]
    what = draw(
        st.sampled_from(
            ["text", "undo", "kind", "highlight", "votes", "zone", "party", "extra", "add", "move"]
        )
    )
    if what == "add" or not step.notes:
        ids = [person.id for person in session.participants]
        step.notes.append(draw(notes(ids, [group.id for group in step.groups])))
        return
    note = draw(st.sampled_from(step.notes))
    if what == "text":
        earlier.append((note, "text", note.text))
        note.text = draw(texts)
    elif what == "undo" and earlier:
        owner, name, value = draw(st.sampled_from(earlier))
        setattr(owner, name, value)  # the very object that was there: as undo does
    elif what == "kind":
        note.kind = draw(st.sampled_from(NOTE_KINDS))
    elif what == "highlight":
        note.highlight = not note.highlight
    elif what == "votes":
        note.votes = draw(small)
    elif what == "zone":  # the same instant in another offset: equal, but written differently
        earlier.append((note, "created", note.created))
        note.created = note.created.astimezone(
            dt.timezone(dt.timedelta(hours=draw(st.integers(-12, 12))))
        )
    elif what == "party":
        note.party = draw(texts)
    elif what == "extra":
        if note.extra:
            note.extra.clear()
        else:
            note.extra["mood"] = stored_text(draw(texts))  # as read from a file: no CR LF
    else:
        index = step.notes.index(note)
        step.notes.insert(draw(st.integers(0, len(step.notes))), step.notes.pop(index))


@settings(
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(sessions(), st.data())
def test_after_any_edits_a_save_writes_what_a_fresh_save_writes(
    session: Session, data: Any
) -> None:
    earlier: list[Any] = []
    assert_saved_as_fresh(session)
    for _ in range(data.draw(st.integers(1, 8))):
        in_place_edit(data.draw, session, earlier)
        assert_saved_as_fresh(session)


def one_step_session(*texts_: str) -> tuple[Session, Step]:
    session = Session(title="Nuorisotakuu")
    step = session.steps[0]
    step.notes = [Note(text=words) for words in texts_]
    return session, step


@given(instants)
@example(dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC))
def test_a_time_moved_to_another_offset_is_written_anew(created: dt.datetime) -> None:
    session, step = one_step_session("Ohjaamo")
    step.notes[0].created = created
    assert_saved_as_fresh(session)
    step.notes[0].created = created.astimezone(dt.timezone(dt.timedelta(hours=5, minutes=30)))
    assert_saved_as_fresh(session)


def test_putting_back_an_earlier_text_writes_it_again() -> None:
    session, step = one_step_session("ensimmäinen")
    note = step.notes[0]
    first = note.text
    assert_saved_as_fresh(session)
    note.text = "toinen"
    assert_saved_as_fresh(session)
    note.text = first  # undo puts back the very string
    assert b"ensimm\xc3\xa4inen" in session_bytes(session, PATH)
    assert_saved_as_fresh(session)


def test_only_the_edited_note_is_encoded_and_dumped_again() -> None:
    session, step = one_step_session(*(f"Muistiinpano {number}" for number in range(200)))
    assert_saved_as_fresh(session)
    encoded, dumped = NOTES.made, FRAGMENTS.made
    step.notes[57].text = "Kela ja oppilaitos samaan pöytään"
    assert_saved_as_fresh(session)
    assert NOTES.made - encoded == 1
    assert FRAGMENTS.made - dumped == 1


def test_a_note_twice_in_a_session_is_still_refused() -> None:
    session, step = one_step_session("yksi", "kaksi")
    session_bytes(session, PATH)  # both checked and kept
    step.notes.append(step.notes[0])  # the same note again: its id twice
    with pytest.raises(SaveError):
        session_bytes(session, PATH)


def test_an_unknown_kind_set_in_place_is_still_refused() -> None:
    session, step = one_step_session("yksi")
    session_bytes(session, PATH)
    step.notes[0].kind = "no-such-kind"
    with pytest.raises(SaveError):
        session_bytes(session, PATH)


def test_the_memo_keeps_no_note_of_a_session_let_go_of() -> None:
    import gc
    import weakref

    session, step = one_step_session(*(f"Muistiinpano {number}" for number in range(50)))
    session_bytes(session, PATH)
    kept = len(NOTES)
    gone = weakref.ref(step.notes[0])
    del session, step
    gc.collect()
    assert gone() is None
    assert len(NOTES) <= kept - 50


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(sessions(), st.data())
def test_in_runs_of_any_length_a_save_writes_what_a_fresh_save_writes(
    session: Session, data: Any
) -> None:
    """A step's notes go to the file in runs (``fileformat.runs``), each reused whole while
    its notes are unchanged: with runs of 1–4 notes, edits, moves, additions and removals
    land in every position of a run, and the bytes are still a fresh save's."""
    from unittest.mock import patch

    from kumppani.fileformat import note_memo

    with patch.object(note_memo, "RUN", data.draw(st.integers(1, 4))):
        earlier: list[Any] = []
        assert_saved_as_fresh(session)
        for _ in range(data.draw(st.integers(1, 8))):
            steps = [step for step in session.steps if step.notes]
            if steps and data.draw(st.booleans()):
                step = data.draw(st.sampled_from(steps))
                del step.notes[data.draw(st.integers(0, len(step.notes) - 1))]
            else:
                in_place_edit(data.draw, session, earlier)
            assert_saved_as_fresh(session)


def test_a_note_added_to_a_thousand_remakes_only_the_last_run() -> None:
    """The everyday save of a meeting (a note added) reuses every earlier run whole."""
    from kumppani.fileformat.runs import RUN

    session, step = one_step_session(*(f"Muistiinpano {number}\nrivi" for number in range(1000)))
    first = encode_session(session, NOTES)["steps"][step.key]["notes"].runs
    assert_saved_as_fresh(session)
    step.notes.append(Note(text="Ohjaamo kaikille alle 30-vuotiaille"))
    encoded, dumped = NOTES.made, FRAGMENTS.made
    assert_saved_as_fresh(session)
    runs = encode_session(session, NOTES)["steps"][step.key]["notes"].runs
    assert (NOTES.made - encoded, FRAGMENTS.made - dumped) == (1, 1)
    assert all(map(operator.is_, runs[:-1], first[:-1]))
    assert len(runs[-1]) == 1000 % RUN + 1


def test_a_repeated_id_across_two_runs_is_still_refused() -> None:
    session, step = one_step_session(*(f"Muistiinpano {number}\nrivi" for number in range(130)))
    session_bytes(session, PATH)  # every run checked and kept
    step.notes[3].id = step.notes[129].id  # the first run repeats an id of a later, kept one
    with pytest.raises(SaveError):
        session_bytes(session, PATH)
