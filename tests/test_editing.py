"""The editing core: every change bumps the revision, destructive ones undo, saves are atomic."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from kumppani.editing.editor import ReadOnlyError, SessionEditor
from kumppani.errors import NewerFormatError, SaveError
from kumppani.session.format_version import FORMAT_VERSION
from kumppani.session.model import Session
from kumppani.session.vocabulary import StepStatus
from kumppani.storage.files import load_session
from tests.support.examples import EXAMPLES


@pytest.fixture
def editor(tmp_path: Path) -> SessionEditor:
    source = EXAMPLES / "2026-03-12-nuorisotyollisyys.toml"
    path = tmp_path / source.name
    shutil.copy(source, path)
    return SessionEditor.open(path)


def test_open_is_clean_and_a_change_makes_it_dirty(editor: SessionEditor) -> None:
    assert not editor.dirty
    before = editor.session.modified
    editor.add_note("overall", "Uusi havainto")
    assert editor.dirty and editor.revision == 1
    assert editor.session.modified >= before


def test_add_note_defaults_kind_from_template_and_starts_the_step(tmp_path: Path) -> None:
    editor = SessionEditor.new(Session(title="T"), tmp_path / "t.toml")
    note = editor.add_note("situation", "x", party="city")
    assert note.kind == editor.step_template("situation").default_kind
    assert editor.step("situation").status == StepStatus.IN_PROGRESS
    assert note.party == "city"


def test_delete_and_undo_restore_the_same_place(editor: SessionEditor) -> None:
    notes = editor.step("overall").notes
    original = [note.id for note in notes]
    victim = notes[1].id
    editor.delete_note("overall", victim)
    assert victim not in [note.id for note in notes]
    assert editor.undo() == "delete"
    assert [note.id for note in notes] == original
    assert editor.undo() is None


def test_move_edit_status_undo_in_reverse_order(editor: SessionEditor) -> None:
    notes = editor.step("overall").notes
    first = notes[0]
    assert editor.move_note("overall", first.id, 1) == 1
    assert editor.move_note("overall", first.id, -99) == 0
    editor.edit_note("overall", first.id, "muutettu")
    other = StepStatus.NOT_STARTED if notes else StepStatus.DONE
    editor.set_step_status("overall", other)
    assert [editor.undo() for _ in range(4)] == ["status", "edit", "move", "move"]
    assert notes[0] is first and first.text != "muutettu"


def test_highlight_conclusion_time_and_winwin(editor: SessionEditor) -> None:
    note = editor.step("will").notes[0]
    was = note.highlight
    assert editor.toggle_highlight("will", note.id) is not was
    editor.set_conclusion("will", "Sovittu")
    editor.add_spent_seconds("will", 5)
    editor.set_winwin("city_gains", "Kaupunki saa")
    assert editor.step("will").conclusion == "Sovittu"
    assert editor.session.winwin.city_gains == "Kaupunki saa"
    assert editor.revision == 4


def test_listeners_hear_every_change(editor: SessionEditor) -> None:
    heard: list[str] = []
    editor.subscribe(heard.append)
    editor.add_note("overall", "a")
    editor.changed("form")
    assert heard == ["note", "form"]


def test_save_writes_and_marks_clean(editor: SessionEditor) -> None:
    note = editor.add_note("overall", "[bold]literal[/]")
    editor.save()
    assert not editor.dirty
    assert editor.path is not None
    again = load_session(editor.path)
    assert again.step("overall").notes[-1].text == "[bold]literal[/]"
    assert again.step("overall").notes[-1].id == note.id


def test_save_in_a_thread_records_the_revision_it_serialized(editor: SessionEditor) -> None:
    editor.add_note("overall", "a")
    revision, data = editor.serialize()
    editor.add_note("overall", "b")  # a change while the thread writes
    thread = threading.Thread(target=editor.write, args=(revision, data))
    thread.start()
    thread.join()
    assert editor.saved_revision == revision and editor.dirty


def test_read_only_refuses_changes_and_saves(tmp_path: Path) -> None:
    source = EXAMPLES / "2026-03-12-nuorisotyollisyys.toml"
    editor = SessionEditor.open(source, read_only=True)
    with pytest.raises(ReadOnlyError):
        editor.add_note("overall", "x")
    with pytest.raises(SaveError):
        editor.save()


def test_newer_format_opens_read_only_and_is_never_written(tmp_path: Path) -> None:
    source = EXAMPLES / "2026-03-12-nuorisotyollisyys.toml"
    path = tmp_path / "newer.toml"
    path.write_text(
        source.read_text("utf-8").replace(
            f'format_version = "{FORMAT_VERSION}"', 'format_version = "2.0"'
        ),
        "utf-8",
    )
    before = path.read_bytes()
    editor = SessionEditor.open(path)
    assert editor.read_only
    editor.read_only = False
    with pytest.raises(NewerFormatError):
        editor.save()
    assert path.read_bytes() == before


def test_a_new_session_is_dirty_until_saved(tmp_path: Path) -> None:
    editor = SessionEditor.new(Session(title="Uusi"), tmp_path / "uusi.toml")
    assert editor.dirty
    editor.save()
    assert not editor.dirty and (tmp_path / "uusi.toml").exists()


def test_an_older_revision_never_overwrites_a_newer_save(editor: SessionEditor) -> None:
    editor.add_note("overall", "old")
    old = editor.serialize()
    editor.add_note("overall", "new")
    editor.save()
    editor.write(*old)  # a slow background save finishing late
    assert editor.path is not None
    assert load_session(editor.path).step("overall").notes[-1].text == "new"


def test_a_structural_change_during_serializing_reads_again(
    editor: SessionEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kumppani.editing.document as editing

    real = editing.session_bytes
    calls: list[int] = []

    def racing(session: Session, path: Path | None = None) -> bytes:
        calls.append(1)
        data = real(session, path)
        if len(calls) == 1:  # the UI thread adds a note while the save reads
            editor.add_note("overall", "kesken lisätty")
        return data

    monkeypatch.setattr(editing, "session_bytes", racing)
    revision, data = editor.serialize()
    assert len(calls) == 2 and "kesken lisätty".encode() in data
    assert revision == editor.revision
