"""Approving minutes and taking the approval back when an approved session is edited."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kumppani.editing.approval import (
    ApprovalChanged,
    NotHeld,
    approve_file,
    is_approved,
    watch_approval,
)
from kumppani.editing.editor import SessionEditor
from kumppani.fileformat import parse_session
from kumppani.fileformat.digest import ApprovalState, approval_state, content_digest
from kumppani.session.vocabulary import SessionStatus
from kumppani.storage.files import load_session, read_session
from tests.support.examples import EXAMPLES

FIRST = "2026-03-12-nuorisotyollisyys.toml"
FOLLOWUP = "2026-09-17-nuorisotyollisyys-seuranta.toml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in (FIRST, FOLLOWUP):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path


def test_approve_file_saves_who_and_when(folder: Path) -> None:
    path = folder / FIRST
    session, snapshot = read_session(path)
    assert not is_approved(session)
    approval = approve_file(path, session, snapshot, "  Sihteeri Salo ")
    stored = load_session(path)
    assert stored.status is SessionStatus.APPROVED
    assert stored.approval is not None and stored.approval.by == "Sihteeri Salo"
    assert stored.approval.at == approval.at and approval.at.tzinfo is not None
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


def test_approve_file_refuses_a_file_that_changed_since_it_was_read(folder: Path) -> None:
    path = folder / FIRST
    session, snapshot = read_session(path)
    path.write_text(path.read_text("utf-8") + "\n", "utf-8")
    changed = path.read_bytes()
    with pytest.raises(ApprovalChanged):
        approve_file(path, session, snapshot, "Sihteeri")
    assert path.read_bytes() == changed


def test_approve_records_a_digest_of_the_content(folder: Path) -> None:
    path = folder / FIRST
    session, snapshot = read_session(path)
    approval = approve_file(path, session, snapshot, "Sihteeri")
    stored = load_session(path)
    assert approval.digest.startswith("sha256:") and stored.approval is not None
    assert stored.approval.digest == approval.digest == content_digest(stored)
    assert approval_state(stored) is ApprovalState.APPROVED
    assert [entry.status for entry in stored.status_history][-1] is SessionStatus.APPROVED


def test_the_digest_ignores_formatting_comments_order_and_volatile_fields(folder: Path) -> None:
    path = folder / FIRST
    session = load_session(path)
    digest = content_digest(session)
    text = path.read_text("utf-8")
    # A comment, the id moved below the language, spacing changed and the status changed.
    id_line = next(line for line in text.split("\n") if line.startswith("id = "))
    moved = text.replace(id_line + "\n", "", 1).replace(
        'language = "fi"', f'language   =   "fi"  # käsin\n{id_line}', 1
    )
    again = parse_session(moved.replace('status = "held"', 'status = "draft"'))
    assert content_digest(again) == digest
    again.modified = again.created
    again.live.step = "will"
    assert content_digest(again) == digest
    again.steps[0].notes[0].text += "!"
    assert content_digest(again) != digest


def test_a_hand_edit_after_approval_is_noticed(folder: Path) -> None:
    path = folder / FIRST
    session, snapshot = read_session(path)
    approve_file(path, session, snapshot, "Sihteeri")
    text = path.read_text("utf-8")
    first_note = session.steps[0].notes[0].text.split("\n")[0]
    path.write_text(text.replace(first_note, first_note + " (korjattu)", 1), "utf-8")
    changed = load_session(path)
    assert changed.status is SessionStatus.APPROVED
    assert approval_state(changed) is ApprovalState.CHANGED
    assert not is_approved(changed)


def test_a_draft_cannot_be_approved(folder: Path) -> None:
    path = folder / FIRST
    path.write_text(path.read_text("utf-8").replace('status = "held"', 'status = "draft"'), "utf-8")
    session, snapshot = read_session(path)
    before = path.read_bytes()
    with pytest.raises(NotHeld):
        approve_file(path, session, snapshot, "Sihteeri")
    assert path.read_bytes() == before


def test_edit_anyway_removes_the_approval_at_the_first_change_and_undo_restores_it(
    folder: Path,
) -> None:
    path = folder / FIRST
    session, snapshot = read_session(path)
    approve_file(path, session, snapshot, "Sihteeri")
    editor = SessionEditor.open(path)
    approval, history = editor.session.approval, list(editor.session.status_history)
    watch = watch_approval(editor)
    assert not editor.dirty and editor.session.approval == approval  # nothing changed yet
    note = editor.step("overall").notes[0]
    editor.edit_note("overall", note.id, note.text + " muutos")
    assert watch.removed and editor.session.approval is None
    assert editor.session.status is SessionStatus.HELD
    editor.save()
    assert approval_state(load_session(path)) is ApprovalState.NONE
    assert editor.undo() == "edit"
    assert editor.session.approval == approval and editor.session.status is SessionStatus.APPROVED
    assert editor.session.status_history == history
    editor.save()
    restored = load_session(path)
    assert approval_state(restored) is ApprovalState.APPROVED
    assert content_digest(restored) == approval.digest  # type: ignore[union-attr]


def test_old_completed_status_reads_as_held(folder: Path) -> None:
    text = (folder / FIRST).read_text("utf-8")
    assert 'status = "completed"' in text or 'status = "held"' in text
    session = parse_session(text.replace('status = "held"', 'status = "completed"'))
    assert session.status is SessionStatus.HELD
