"""The status follows the meeting: draft → in progress → held, each change with its time."""

from __future__ import annotations

import shutil
from pathlib import Path

from kumppani.editing.editor import SessionEditor
from kumppani.editing.status import end_session, follow_meeting
from kumppani.session.model import now
from kumppani.session.vocabulary import SessionStatus
from kumppani.storage.files import load_session, save_session
from tests.support.examples import EXAMPLES, FIRST

EXAMPLE = EXAMPLES / FIRST


def draft(tmp_path: Path) -> SessionEditor:
    path = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, path)
    session = load_session(path)
    session.status = SessionStatus.DRAFT
    save_session(session, path)
    editor = SessionEditor.open(path)
    follow_meeting(editor)
    return editor


def test_showing_a_step_does_not_start_the_meeting_a_started_timer_does(tmp_path: Path) -> None:
    editor = draft(tmp_path)
    editor.session.live.step = "will"
    editor.changed("live")
    assert editor.session.status is SessionStatus.DRAFT and not editor.session.status_history
    editor.session.live.timer_since = now()
    editor.changed("live")
    assert editor.session.status is SessionStatus.IN_PROGRESS
    assert [entry.status for entry in editor.session.status_history] == [SessionStatus.IN_PROGRESS]


def test_the_first_note_starts_it_and_end_session_holds_it(tmp_path: Path) -> None:
    editor = draft(tmp_path)
    editor.add_note("overall", "Ensimmäinen")
    editor.add_note("overall", "Toinen")
    assert editor.session.status is SessionStatus.IN_PROGRESS
    assert end_session(editor) and not end_session(editor)  # once
    editor.add_note("overall", "Kokouksen jälkeen")  # held minutes may be edited: still held
    editor.save()
    stored = load_session(editor.path)  # type: ignore[arg-type]
    assert stored.status is SessionStatus.HELD
    assert [entry.status for entry in stored.status_history] == [
        SessionStatus.IN_PROGRESS,
        SessionStatus.HELD,
    ]
    first, second = stored.status_history
    assert first.at <= second.at and first.at.tzinfo is not None


def test_undoing_the_note_that_started_the_meeting_makes_it_a_draft_again(tmp_path: Path) -> None:
    # Before: the session stayed in progress (with its history entry) after the undo.
    editor = draft(tmp_path)
    editor.add_note("overall", "Ensimmäinen")
    assert editor.session.status is SessionStatus.IN_PROGRESS
    assert editor.undo() == "note_add"  # one undo step: the note and the status
    assert editor.session.status is SessionStatus.DRAFT and not editor.session.status_history
    assert not editor.can_undo
    assert editor.redo() == "note_add"
    assert editor.session.status is SessionStatus.IN_PROGRESS
    assert [entry.status for entry in editor.session.status_history] == [SessionStatus.IN_PROGRESS]
    editor.add_note("overall", "Toinen")
    editor.undo()  # the second note did not start the meeting: it stays in progress
    assert editor.session.status is SessionStatus.IN_PROGRESS


def test_undoing_back_through_the_first_note_leaves_a_later_held_alone(tmp_path: Path) -> None:
    # Before: the first note's undo put back the draft and an empty history, whatever
    # had happened since, so the held session became a draft and lost its "held".
    editor = draft(tmp_path)
    editor.add_note("overall", "Ensimmäinen")
    editor.add_note("overall", "Toinen")
    assert end_session(editor)
    held = list(editor.session.status_history)
    assert editor.undo() == editor.undo() == "note_add"
    texts = [note.text for note in editor.session.all_notes()]
    assert "Ensimmäinen" not in texts and "Toinen" not in texts
    assert editor.session.status is SessionStatus.HELD
    assert editor.session.status_history == held
    assert editor.redo() == editor.redo() == "note_add"  # redo adds no second "in progress"
    editor.save()
    stored = load_session(editor.path)  # type: ignore[arg-type]
    assert stored.status is SessionStatus.HELD
    assert [entry.status for entry in stored.status_history] == [
        SessionStatus.IN_PROGRESS,
        SessionStatus.HELD,
    ]
