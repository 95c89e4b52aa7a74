"""Two note-takers save into one file at once: every note of both is kept, none twice."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kumppani.editing.co_writing import bring_in, changed_on_disk
from kumppani.editing.editor import SessionEditor
from kumppani.editing.merging import merge_from_disk, merge_with_disk, save_merging
from kumppani.session.merge import conflicts_of
from kumppani.session.model import Note
from kumppani.storage.files import load_session, save_session
from tests.support.examples import EXAMPLES, FIRST, ROOT

WRITER = """
import random, sys
from pathlib import Path
from kumppani.editing.editor import SessionEditor
from kumppani.editing.merging import save_merging

path, name, count, seed = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
chance = random.Random(seed)
editor = SessionEditor.open(path)
steps = [step.key for step in editor.session.steps]
for number in range(count):
    editor.add_note(chance.choice(steps), f"{name} {number}")
    if chance.random() < 0.3:  # an autosave now and then, at random moments
        save_merging(editor)
save_merging(editor)
"""


@pytest.mark.slow
def test_two_writers_adding_500_notes_each_keep_all_1000(tmp_path: Path) -> None:
    session = load_session(EXAMPLES / FIRST)
    for step in session.steps:
        step.notes.clear()
    path = tmp_path / "yhteinen.toml"
    save_session(session, path)
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name, "500", str(seed)],
            env=environment,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed, name in enumerate(("fasilitaattori", "sihteeri"))
    ]
    for writer in writers:
        _, errors = writer.communicate(timeout=600)
        assert writer.returncode == 0, errors
    merged = load_session(path)
    texts = [note.text for step in merged.steps for note in step.notes]
    ids = [note.id for step in merged.steps for note in step.notes]
    assert len(texts) == 1000
    assert len(set(ids)) == 1000  # none twice
    expected = {f"{name} {n}" for name in ("fasilitaattori", "sihteeri") for n in range(500)}
    assert set(texts) == expected
    assert conflicts_of(merged) == []


def test_an_outside_change_is_merged_into_the_open_session(tmp_path: Path) -> None:
    path = tmp_path / "istunto.toml"
    save_session(load_session(EXAMPLES / FIRST), path)
    editor = SessionEditor.open(path)
    mine = editor.add_note("overall", "minun lisäykseni")
    theirs = load_session(path)
    theirs.step("situation").notes.append(Note("toisen lisäys", id="n-toinen"))
    deleted = theirs.step("will").notes.pop(0)
    save_session(theirs, path)
    merges = save_merging(editor)
    assert len(merges) == 1 and merges[0].added == {"notes": 1}
    on_disk = load_session(path)
    ids = {note.id for step in on_disk.steps for note in step.notes}
    assert {mine.id, "n-toinen"} <= ids
    assert deleted.id not in ids  # their deletion of a note I did not touch applies
    assert not editor.dirty


def test_without_an_outside_change_nothing_is_merged(tmp_path: Path) -> None:
    path = tmp_path / "istunto.toml"
    save_session(load_session(EXAMPLES / FIRST), path)
    before = path.read_bytes()
    editor = SessionEditor.open(path)
    assert save_merging(editor) == []
    assert path.read_bytes() == before


def test_a_merge_cannot_be_undone_past(tmp_path: Path) -> None:
    path = tmp_path / "istunto.toml"
    save_session(load_session(EXAMPLES / FIRST), path)
    editor = SessionEditor.open(path)
    editor.add_note("overall", "ennen yhdistämistä")
    other = copy.deepcopy(editor.session)
    other.title = "Toisen otsikko"
    save_session(other, path)
    merge_from_disk(editor)
    assert editor.session.title == "Toisen otsikko"
    assert not editor.history.can_undo  # the note's undo would act on objects now replaced


def _follow(editor: SessionEditor) -> int:
    """What the step view's watcher does at a poll: the notes brought in (0 if none)."""
    if not changed_on_disk(editor):
        return 0
    result = bring_in(editor, merge_with_disk(editor))
    assert result is not None
    return result.added.get("notes", 0)


def test_two_co_writers_see_each_others_notes_and_end_with_all(tmp_path: Path) -> None:
    path = tmp_path / "yhteinen.toml"
    save_session(load_session(EXAMPLES / FIRST), path)
    before = sum(len(step.notes) for step in load_session(path).steps)
    facilitator, secretary = SessionEditor.open(path), SessionEditor.open(path)
    for number in range(5):
        facilitator.add_note("overall", f"fasilitaattori {number}")
        save_merging(facilitator)
        assert _follow(secretary) == 1  # seen at the next look, without a save of its own
        assert not secretary.dirty  # nothing to answer with: no save ping-pong
        secretary.add_note("situation", f"sihteeri {number}")
        facilitator.add_note("will", f"fasilitaattori kesken {number}")  # unsaved meanwhile
        save_merging(secretary)
        assert _follow(facilitator) == 1
        assert facilitator.dirty  # its own note still to save, merged with theirs
        save_merging(facilitator)
        assert _follow(secretary) == 1
    assert not changed_on_disk(facilitator) and not changed_on_disk(secretary)
    for editor in (facilitator, secretary, SessionEditor.open(path)):
        notes = [note for step in editor.session.steps for note in step.notes]
        assert len(notes) == before + 15
        assert len({note.id for note in notes}) == len(notes)  # none twice
    assert facilitator.session.steps == secretary.session.steps


def test_a_merge_made_before_an_edit_is_not_taken(tmp_path: Path) -> None:
    path = tmp_path / "yhteinen.toml"
    save_session(load_session(EXAMPLES / FIRST), path)
    mine, theirs = SessionEditor.open(path), SessionEditor.open(path)
    theirs.add_note("overall", "toisen")
    save_merging(theirs)
    merged = merge_with_disk(mine)  # in the watcher's thread …
    typed = mine.add_note("overall", "kirjoitettu välissä")  # … while the user typed
    assert bring_in(mine, merged) is None  # outdated: it would lose the note just typed
    assert typed in mine.session.step("overall").notes
    assert _follow(mine) == 1 and typed in mine.session.step("overall").notes
