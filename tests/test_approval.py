"""Approving minutes and taking the approval back when an approved session is edited."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kumppani.editing.approval import ApprovalChanged, approve_file, is_approved, withdraw_approval
from kumppani.editing.editor import SessionEditor
from kumppani.session.vocabulary import SessionStatus
from kumppani.storage.files import load_session, read_session

EXAMPLES = Path(__file__).parent.parent / "sessions"
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


def test_withdraw_removes_the_approval_and_undo_restores_it(folder: Path) -> None:
    path = folder / FOLLOWUP
    editor = SessionEditor.open(path)
    approval = editor.session.approval
    assert approval is not None and editor.session.status is SessionStatus.APPROVED
    assert withdraw_approval(editor) == approval
    assert editor.session.approval is None
    assert editor.session.status is SessionStatus.COMPLETED
    assert editor.dirty
    assert editor.undo() == "approval"
    assert editor.session.approval == approval
    assert editor.session.status is SessionStatus.APPROVED
    editor.save()
    assert load_session(path).approval == approval


def test_withdraw_of_a_draft_does_nothing(folder: Path) -> None:
    editor = SessionEditor.open(folder / FIRST)
    mtime = os.stat(folder / FIRST).st_mtime_ns
    assert withdraw_approval(editor) is None
    assert not editor.dirty and not editor.can_undo
    assert os.stat(folder / FIRST).st_mtime_ns == mtime
