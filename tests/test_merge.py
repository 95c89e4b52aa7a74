"""Sessions merged by meaning: no note is ever lost, and both values of a conflict are kept."""

from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kumppani.session.merge import (
    Conflict,
    MergeError,
    conflicts_of,
    merge,
    resolve,
)
from kumppani.session.model import Action, Note, Participant, Session
from kumppani.session.vocabulary import ActionStatus
from kumppani.storage.files import load_session, save_session
from tests.support.examples import EXAMPLES, FIRST, ROOT

EXAMPLE = EXAMPLES / FIRST
SRC = ROOT / "src"
BASE = load_session(EXAMPLE)
for _step in BASE.steps:  # a few of each, so that each example stays quick to copy
    del _step.notes[3:]
del BASE.actions[3:]
START = max(note.created for step in BASE.steps for note in step.notes) + dt.timedelta(hours=1)
STEPS = [step.key for step in BASE.steps]

# -- edits a note-taker makes --------------------------------------------------------------
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöå ", min_size=1, max_size=12)
edits = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(STEPS), words, st.integers(0, 10_000)),
    st.tuples(st.just("edit"), st.sampled_from(STEPS), words, st.integers(0, 100)),
    st.tuples(st.just("delete"), st.sampled_from(STEPS), st.just(""), st.integers(0, 100)),
    st.tuples(st.just("title"), st.just(""), words, st.just(0)),
    st.tuples(st.just("action"), st.just(""), words, st.just(0)),
    st.tuples(st.just("status"), st.just(""), st.just(""), st.integers(0, 100)),
    st.tuples(st.just("person"), st.just(""), words, st.just(0)),
)
Edit = tuple[str, str, str, int]


def edited(session: Session, changes: list[Edit], side: str) -> Session:
    """A copy of ``session`` with ``changes`` made to it, new ids unique to ``side``."""
    result = copy.deepcopy(session)
    for number, (kind, step_key, text, index) in enumerate(changes):
        notes = result.step(step_key).notes if step_key else []
        ident = f"{side}{number}"
        if kind == "add":
            # each side captures its notes in order; the two sides interleave in time
            created = START + dt.timedelta(seconds=number * 1000 + index % 1000)
            notes.append(Note(text, id=f"n-{ident}", created=created))
        elif kind == "edit" and notes:
            notes[index % len(notes)].text += f" {side}:{text}"
        elif kind == "delete" and notes:
            del notes[index % len(notes)]
        elif kind == "title":
            result.title = f"{side}:{text}"
        elif kind == "action":
            result.actions.append(Action(text, id=f"a-{ident}"))
        elif kind == "status" and result.actions:
            action = result.actions[index % len(result.actions)]
            action.set_status(ActionStatus.DONE, dt.date(2026, 3, 13))
        elif kind == "person":
            result.participants.append(Participant(text, id=f"p-{ident}"))
    return result


def elements(session: Session) -> dict[str, Any]:
    """Every element by id, order aside: what a reader of the merged file gets."""
    found: dict[str, Any] = {f"step:{step.key}": step.status for step in session.steps}
    for step in session.steps:
        found.update({note.id: note for note in step.notes})
    found.update({action.id: action for action in session.actions})
    found.update({person.id: person for person in session.participants})
    found["title"] = session.title
    return found


def note_ids(session: Session) -> set[str]:
    return {note.id for step in session.steps for note in step.notes}


changes = st.lists(edits, max_size=8)


@given(mine=changes, theirs=changes)
def test_no_note_is_ever_lost(mine: list[Edit], theirs: list[Edit]) -> None:
    ours, other = edited(BASE, mine, "m"), edited(BASE, theirs, "t")
    merged = merge(BASE, ours, other).session
    kept = note_ids(merged)
    base_ids = note_ids(BASE)
    assert note_ids(ours) - base_ids <= kept  # what I added
    assert note_ids(other) - base_ids <= kept  # what they added
    edited_by = {
        note.id
        for side in (ours, other)
        for step in side.steps
        for note in step.notes
        if note.id in base_ids and note != _base_note(note.id)
    }
    assert edited_by <= kept  # an edited note survives the other side's deletion


def _base_note(note_id: str) -> Note:
    return next(note for step in BASE.steps for note in step.notes if note.id == note_id)


@given(mine=changes)
def test_merging_with_an_unchanged_side_gives_the_changed_side(mine: list[Edit]) -> None:
    ours = edited(BASE, mine, "m")
    assert merge(BASE, ours, copy.deepcopy(BASE)).session == ours
    assert merge(BASE, copy.deepcopy(BASE), ours).session == ours


@given(mine=changes, theirs=changes)
def test_disjoint_changes_merge_the_same_in_either_order(
    mine: list[Edit], theirs: list[Edit]
) -> None:
    ours, other = edited(BASE, mine, "m"), edited(BASE, theirs, "t")
    one, two = merge(BASE, ours, other), merge(BASE, other, ours)
    if one.clean and two.clean:
        assert elements(one.session) == elements(two.session)
    # Notes of both sides are placed by capture time, whichever side merges.
    for step in one.session.steps:
        added = [note.created for note in step.notes if note.id[:3] in ("n-m", "n-t")]
        assert added == sorted(added)


def test_a_field_changed_on_both_sides_keeps_both_values() -> None:
    ours, other = copy.deepcopy(BASE), copy.deepcopy(BASE)
    first = BASE.step("overall").notes[0]
    ours.step("overall").notes[0].text = "minun sanamuotoni"
    other.step("overall").notes[0].text = "heidän sanamuotonsa"
    result = merge(BASE, ours, other)
    path = f"session.steps.overall.notes.{first.id}.text"
    assert result.conflicts == [
        Conflict(path, "minun sanamuotoni", "heidän sanamuotonsa", first.text)
    ]
    assert result.session.step("overall").notes[0].text == "minun sanamuotoni"
    assert conflicts_of(result.session) == result.conflicts


def test_two_running_timers_do_not_conflict_the_longer_time_is_kept() -> None:
    """Co-writers both running a step's timer: a conflict would come back with every tick."""
    ours, other = copy.deepcopy(BASE), copy.deepcopy(BASE)
    spent = BASE.step("overall").spent_seconds
    ours.step("overall").spent_seconds = spent + 300
    other.step("overall").spent_seconds = spent + 320
    for result in (merge(BASE, ours, other), merge(BASE, other, ours)):
        assert result.clean
        assert result.session.step("overall").spent_seconds == spent + 320


def test_conflicts_are_kept_in_a_file_that_validates_and_can_be_resolved(
    tmp_path: Path,
) -> None:
    ours, other = copy.deepcopy(BASE), copy.deepcopy(BASE)
    ours.title, other.title = "Minun otsikkoni", "Heidän otsikkonsa"
    ours.actions[0].status, other.actions[0].status = ActionStatus.DONE, ActionStatus.POSTPONED
    result = merge(BASE, ours, other)
    target = tmp_path / "yhdistetty.toml"
    save_session(result.session, target)
    text = target.read_text(encoding="utf-8")
    assert "[[conflicts]]" in text and "<<<<<<<" not in text
    loaded = load_session(target)
    assert {conflict.path for conflict in conflicts_of(loaded)} == {
        "session.title",
        f"session.actions.{BASE.actions[0].id}.status",
    }
    for conflict in conflicts_of(loaded):
        resolve(loaded, conflict, "theirs")
    assert loaded.title == "Heidän otsikkonsa"
    assert loaded.actions[0].status is ActionStatus.POSTPONED
    assert conflicts_of(loaded) == []
    save_session(loaded, target)
    assert "[[conflicts]]" not in target.read_text(encoding="utf-8")


def test_without_a_base_nothing_is_dropped() -> None:
    ours = edited(BASE, [("delete", "overall", "", 0), ("add", "overall", "m", 5)], "m")
    other = edited(BASE, [("add", "overall", "t", 3), ("title", "", "x", 0)], "t")
    result = merge(None, ours, other)
    assert note_ids(result.session) == note_ids(ours) | note_ids(other)
    assert [c.path for c in result.conflicts] == ["session.title"]


def test_two_different_sessions_are_not_merged_without_a_base() -> None:
    other = copy.deepcopy(BASE)
    other.id = "s-toinen"
    with pytest.raises(MergeError):
        merge(None, BASE, other)


def test_what_came_in_from_the_other_side_is_counted() -> None:
    other = edited(BASE, [("add", "overall", "a", 1), ("add", "will", "b", 2)], "t")
    other = edited(other, [("action", "", "c", 0)], "u")
    result = merge(BASE, copy.deepcopy(BASE), other)
    assert result.added == {"notes": 2, "actions": 1}


# -- the command line and git ----------------------------------------------------------------
def kumppani(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(SRC), "KUMPPANI_CONFIG_DIR": str(cwd)}
    return subprocess.run(
        [sys.executable, "-m", "kumppani", "--lang", "en", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_merge_command_exits_0_when_clean_and_1_with_conflicts(tmp_path: Path) -> None:
    base, mine, theirs = (tmp_path / name for name in ("base.toml", "mine.toml", "theirs.toml"))
    save_session(BASE, base)
    save_session(edited(BASE, [("add", "overall", "oma", 1)], "m"), mine)
    save_session(edited(BASE, [("add", "overall", "toinen", 2)], "t"), theirs)
    clean = kumppani(
        "merge", str(mine), str(theirs), "--base", str(base), "-o", "out.toml", cwd=tmp_path
    )
    assert clean.returncode == 0, clean.stderr
    assert {"n-m0", "n-t0"} <= note_ids(load_session(tmp_path / "out.toml"))
    save_session(edited(BASE, [("title", "", "a", 0)], "m"), mine)
    save_session(edited(BASE, [("title", "", "b", 0)], "t"), theirs)
    conflicted = kumppani("merge", str(mine), str(theirs), "--base", str(base), cwd=tmp_path)
    assert conflicted.returncode == 1
    assert "session.title" in conflicted.stdout
    assert conflicts_of(load_session(mine))[0].theirs == "t:b"
    usage = kumppani("merge", str(mine), cwd=tmp_path)
    assert usage.returncode == 2


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_merges_parallel_branches_with_the_driver(tmp_path: Path) -> None:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=tmp_path, check=True, capture_output=True, text=True
        ).stdout

    git("init", "-q", "-b", "main")
    git("config", "user.email", "sihteeristo@example.org")
    git("config", "user.name", "Sihteeristo")
    driver = f"PYTHONPATH={SRC} {sys.executable} -m kumppani merge-driver %O %A %B %P"
    git("config", "merge.kumppani.driver", driver)
    (tmp_path / ".gitattributes").write_text("*.toml merge=kumppani\n")
    session = tmp_path / "istunto.toml"
    save_session(BASE, session)
    git("add", ".")
    git("commit", "-qm", "pohja")
    git("checkout", "-qb", "kirjaaja")
    save_session(
        edited(BASE, [("add", "overall", "a", 1), ("edit", "overall", "a", 1)], "m"), session
    )
    git("commit", "-qam", "kirjaaja")
    git("checkout", "-q", "main")
    save_session(
        edited(BASE, [("add", "overall", "b", 2), ("edit", "overall", "b", 2)], "t"), session
    )
    git("commit", "-qam", "fasilitaattori")
    git("merge", "-q", "kirjaaja", "-m", "yhdistä")
    merged = load_session(session)
    assert {"n-m0", "n-t0"} <= note_ids(merged)
    texts = [note.text for note in merged.step("overall").notes]
    assert any(text.endswith("m:a") for text in texts)
    assert any(text.endswith("t:b") for text in texts)
    assert conflicts_of(merged) == []


# -- sync clients' conflict copies -------------------------------------------------------------
@pytest.mark.parametrize(
    "copy",
    [
        "istunto.sync-conflict-20260312-101500-ABCDEFG.toml",  # Syncthing
        "istunto (conflicted copy 2026-03-12 101500).toml",  # Nextcloud, ownCloud
        "istunto (Maija Meikäläinen's conflicted copy 2026-03-12).toml",  # Dropbox
        "istunto-LAPTOP42.toml",  # OneDrive
    ],
)
def test_a_sync_clients_conflict_copy_is_known_by_its_original(tmp_path: Path, copy: str) -> None:
    from kumppani.library.sync_copies import copies_by_original, original_of

    original = tmp_path / "istunto.toml"
    (tmp_path / copy).write_text("x")
    assert original_of(tmp_path / copy) is None  # no original beside it: an ordinary file
    original.write_text("x")
    assert original_of(tmp_path / copy) == original
    assert copies_by_original([original, tmp_path / copy]) == {original: [tmp_path / copy]}


def test_ordinary_session_names_are_not_taken_for_copies(tmp_path: Path) -> None:
    from kumppani.library.sync_copies import original_of

    for name in ("2026-03-12-nuorisotyollisyys.toml", "2026-03-12-nuorisotyollisyys-2.toml"):
        (tmp_path / name).write_text("x")
    (tmp_path / "2026-03-12.toml").write_text("x")
    assert [original_of(path) for path in sorted(tmp_path.iterdir())] == [None, None, None]


def test_list_shows_a_conflict_copy_under_its_original_and_merge_sets_it_aside(
    tmp_path: Path,
) -> None:
    original = tmp_path / "istunto.toml"
    copy = tmp_path / "istunto (conflicted copy 2026-03-12 101500).toml"
    save_session(BASE, original)
    save_session(edited(BASE, [("add", "overall", "toinen", 1)], "t"), copy)
    (tmp_path / "aaa.toml").write_bytes(original.read_bytes().replace(BASE.id.encode(), b"s-x"))
    listing = kumppani("--dir", str(tmp_path), "list", "--sort", "file", cwd=tmp_path)
    lines = listing.stdout.splitlines()
    assert lines[1].endswith("istunto.toml") and "↳" in lines[2] and "conflict copy" in lines[2]
    assert "kumppani merge istunto.toml" in listing.stderr
    merged = kumppani("merge", str(original), str(copy), cwd=tmp_path)
    assert merged.returncode == 0, merged.stderr
    assert "n-t0" in note_ids(load_session(original))
    assert not copy.exists()
    assert (tmp_path / ".trash" / copy.name).is_file()


def test_a_move_to_the_trash_that_fails_leaves_nothing_in_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kumppani.errors import SaveError
    from kumppani.storage import files, platform

    session = tmp_path / "istunto.toml"
    session.write_text("x")

    def refuse(source: Path, target: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(platform, "replace", refuse)
    with pytest.raises(SaveError):
        files.move_to_trash(session)
    assert session.read_text() == "x"
    assert list((tmp_path / ".trash").iterdir()) == []
