"""Outside changes: a save never overwrites what someone else wrote since we loaded the file."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
from multiprocessing.synchronize import Barrier, Event
from pathlib import Path

import pytest

from kumppani.editing.editor import SessionEditor
from kumppani.storage import conflicts as conflict
from kumppani.storage.conflicts import ConflictError
from kumppani.storage.files import load_session, read_session
from tests.support.examples import EXAMPLES

FIRST = "2026-03-12-nuorisotyollisyys.toml"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / FIRST
    shutil.copy(EXAMPLES / FIRST, target)
    return target


def test_a_save_after_loading_writes(path: Path) -> None:
    editor = SessionEditor.open(path)
    editor.add_note("overall", "oma lisäys")
    editor.save()
    editor.add_note("overall", "toinen lisäys")
    editor.save()  # the snapshot of our own save is what is compared next
    assert [n.text for n in load_session(path).step("overall").notes][-2:] == [
        "oma lisäys",
        "toinen lisäys",
    ]


def test_a_bare_touch_is_not_a_conflict(path: Path) -> None:
    editor = SessionEditor.open(path)
    assert editor.snapshot is not None
    os.utime(path, ns=(editor.snapshot.mtime_ns + 5_000_000_000,) * 2)
    editor.add_note("overall", "kosketuksen jälkeen")
    editor.save()
    assert load_session(path).step("overall").notes[-1].text == "kosketuksen jälkeen"


def test_a_same_size_edit_with_the_time_restored_is_caught(path: Path) -> None:
    editor = SessionEditor.open(path)
    before = path.read_bytes()
    assert editor.snapshot is not None
    info = path.stat()
    changed = before.replace(b"Nuoriso", b"NUORISO", 1)
    assert changed != before and len(changed) == len(before)
    path.write_bytes(changed)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    editor.add_note("overall", "minun")
    with pytest.raises(ConflictError) as caught:
        editor.save()
    assert caught.value.path == path and not caught.value.deleted
    assert path.read_bytes() == changed  # theirs is untouched
    assert editor.dirty  # mine is still in memory


def test_a_deleted_file_is_a_conflict_not_silently_recreated(path: Path) -> None:
    editor = SessionEditor.open(path)
    path.unlink()
    editor.add_note("overall", "minun")
    with pytest.raises(ConflictError) as caught:
        editor.save()
    assert caught.value.deleted and not path.exists()


def test_keep_mine_over_theirs_when_forced(path: Path) -> None:
    editor = SessionEditor.open(path)
    path.write_text(path.read_text("utf-8").replace("Nuoriso", "Muutettu", 1), "utf-8")
    editor.add_note("overall", "minun")
    editor.save(force=True)
    assert load_session(path).step("overall").notes[-1].text == "minun"
    editor.add_note("overall", "ja jatkan")
    editor.save()  # after keeping mine, saving goes on normally


def test_save_as_goes_on_in_the_copy_and_reload_takes_theirs(path: Path) -> None:
    editor = SessionEditor.open(path)
    theirs = path.read_text("utf-8").replace("Nuoriso", "Heidän", 1)
    path.write_text(theirs, "utf-8")
    editor.add_note("overall", "minun")
    copy = path.with_name("kopio.toml")
    editor.save_as(copy)
    assert editor.path == copy and not editor.dirty
    assert load_session(copy).step("overall").notes[-1].text == "minun"
    assert path.read_text("utf-8") == theirs
    editor.path = path
    editor.reload()
    assert not editor.dirty and not editor.can_undo
    assert editor.session == read_session(path)[0]


def test_the_diff_shows_both_versions_line_by_line() -> None:
    diff = conflict.unified_diff(
        'title = "A"\nx = 1\n', 'title = "B"\nx = 1\n', theirs_label="levy", mine_label="oma"
    )
    assert diff.splitlines()[:2] == ["--- levy", "+++ oma"]
    assert '-title = "A"' in diff and '+title = "B"' in diff


# -- two processes --------------------------------------------------------------------------
def _save_from(path: str, text: str, barrier: Barrier, results: multiprocessing.Queue[str]) -> None:
    """A second kumppani: load, edit, wait for the other, save at the same moment."""
    editor = SessionEditor.open(Path(path))
    editor.add_note("overall", text)
    barrier.wait()
    try:
        written = editor.save()
    except ConflictError:
        results.put(f"conflict {text} -")
    else:
        results.put(f"won {text} {written.sha256}")


@pytest.mark.parametrize("round_", range(3))
def test_two_processes_saving_at_once_one_wins(path: Path, round_: int) -> None:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results: multiprocessing.Queue[str] = context.Queue()
    children = [
        context.Process(target=_save_from, args=(str(path), name, barrier, results))
        for name in ("ensimmäinen", "toinen")
    ]
    for child in children:
        child.start()
    answers = sorted(results.get(timeout=60) for _ in children)
    for child in children:
        child.join()
        assert child.exitcode == 0
    outcomes = [answer.split()[0] for answer in answers]
    assert sorted(outcomes) == ["conflict", "won"]
    _, winner, digest = next(answer.split() for answer in answers if answer.startswith("won"))
    loser = next(answer.split()[1] for answer in answers if answer.startswith("conflict"))
    texts = [note.text for note in load_session(path).step("overall").notes]  # valid
    assert texts[-1] == winner and loser not in texts
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest  # exactly the winner's bytes
    assert not list(path.parent.glob(".kumppani-*"))


def _hold_save_lock(path: str, held: Event, release: Event) -> None:
    with conflict.save_lock(Path(path)):
        held.set()
        release.wait()


@pytest.mark.skipif(os.name != "posix", reason="the save lock is flock on POSIX")
def test_the_save_lock_excludes_another_process(path: Path) -> None:
    import fcntl

    context = multiprocessing.get_context("spawn")
    held, release = context.Event(), context.Event()
    child = context.Process(target=_hold_save_lock, args=(str(path), held, release))
    child.start()
    try:
        assert held.wait(60)
        descriptor = os.open(path.parent, os.O_RDONLY)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            release.set()
            child.join()
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free once it is done
        finally:
            os.close(descriptor)
    finally:
        release.set()
        child.join()
