"""Symlinked sessions, symlinked locks and commands that write under an open editor (issue 18).

Before: saving a session file that is a symlink replaced the link with a copy (the target,
say on a shared drive, was never updated); a dangling symlink as the lock file let two apps
edit without a lock; ``kumppani approve`` ignored the edit lock.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from kumppani.cli.main import main
from kumppani.editing.editor import SessionEditor
from kumppani.editing.journaling import start_journal
from kumppani.storage import locks
from kumppani.storage.files import load_session
from kumppani.storage.journal_frames import journal_path
from kumppani.storage.locks import LockError, LockState, SessionLock
from kumppani.storage.write_guard import SessionLocked, edit_lock

EXAMPLE = Path(__file__).parent.parent / "sessions" / "2026-03-12-nuorisotyollisyys.toml"


@pytest.fixture(autouse=True)
def _release() -> object:
    yield
    locks.release_all()


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "round.toml"
    shutil.copy(EXAMPLE, target)
    mine = tmp_path / "mine"
    mine.mkdir()
    link = mine / "round.toml"
    link.symlink_to(target)
    return link, target


def test_saving_through_a_link_writes_the_target_and_keeps_the_link(
    linked: tuple[Path, Path],
) -> None:
    link, target = linked
    editor = SessionEditor.open(link)
    start_journal(editor)
    editor.add_note("overall", "jaetulle levylle")
    editor.save()
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert "jaetulle levylle" in [note.text for note in load_session(target).all_notes()]
    assert sorted(item.name for item in link.parent.iterdir()) == ["round.toml"]


def test_the_lock_and_the_journal_name_the_target(linked: tuple[Path, Path]) -> None:
    link, target = linked
    assert locks.lock_path(link) == locks.lock_path(target) == target.parent / ".round.toml.lock"
    assert journal_path(link) == journal_path(target)
    got = locks.acquire(link)
    assert isinstance(got, SessionLock)
    other = locks.inspect(target)
    assert other is not None and other.state == LockState.OURS


def test_a_lock_that_is_a_symlink_is_refused(tmp_path: Path) -> None:
    session = tmp_path / "round.toml"
    shutil.copy(EXAMPLE, session)
    lock = locks.lock_path(session)
    lock.symlink_to(tmp_path / "nowhere")  # dangling
    with pytest.raises(LockError, match="symbolic link") as caught:
        locks.acquire(session)
    assert caught.value.describe("fi").endswith(
        ": on symbolinen linkki eikä kumppanin kirjoittama lukko; poista se, niin voit muokata"
    )
    found = locks.inspect(session)
    assert found is not None and found.state == LockState.UNREADABLE
    assert not (tmp_path / "nowhere").exists()  # never followed, never created


def held_by_another(session: Path) -> None:
    """A lock as another kumppani still running (our parent process) wrote it."""
    info = replace(locks.current_info(), pid=os.getppid(), start_ticks=None)
    locks.lock_path(session).write_text(info.to_toml(), encoding="utf-8")


def test_approve_honours_the_edit_lock(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = tmp_path / "round.toml"
    shutil.copy(EXAMPLE, session)
    held_by_another(session)
    before = session.read_bytes()
    code = main(["--lang", "en", "approve", str(session), "--by", "Sihteeri"])
    err = capsys.readouterr().err
    assert code == 1 and session.read_bytes() == before
    assert "open for editing" in err and str(os.getppid()) in err and "--force" in err
    assert main(["approve", str(session), "--by", "Sihteeri", "--force"]) == 0
    assert load_session(session).approval is not None
    assert locks.lock_path(session).exists()  # the other's lock is left as it was


def test_the_write_guard_takes_and_gives_back_the_lock(tmp_path: Path) -> None:
    session = tmp_path / "round.toml"
    shutil.copy(EXAMPLE, session)
    with edit_lock(session) as lock:
        assert lock is not None and locks.lock_path(session).exists()
    assert not locks.lock_path(session).exists()
    held_by_another(session)
    with pytest.raises(SessionLocked), edit_lock(session):
        pass


def test_status_honours_the_edit_lock(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = tmp_path / "round.toml"
    shutil.copy(EXAMPLE, session)
    held_by_another(session)
    before = session.read_bytes()
    assert main(["--lang", "en", "status", str(session), "draft"]) == 1
    assert "open for editing" in capsys.readouterr().err and session.read_bytes() == before
    assert main(["status", str(session), "draft", "--force"]) == 0
    assert session.read_bytes() != before


def two_versions(tmp_path: Path) -> tuple[Path, Path]:
    """A session and another version of it with one note more (a clean merge)."""
    mine, theirs = tmp_path / "round.toml", tmp_path / "theirs.toml"
    shutil.copy(EXAMPLE, mine)
    shutil.copy(EXAMPLE, theirs)
    editor = SessionEditor.open(theirs)
    editor.add_note("overall", "toisen versio")
    editor.save()
    return mine, theirs


def test_merge_honours_the_edit_lock(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine, theirs = two_versions(tmp_path)
    held_by_another(mine)
    before = mine.read_bytes()
    assert main(["--lang", "en", "merge", str(mine), str(theirs)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "open for editing" in err and str(os.getppid()) in err
    assert "--force" in err and mine.read_bytes() == before
    assert main(["merge", str(mine), str(theirs), "--force"]) == 0
    assert "toisen versio" in [note.text for note in load_session(mine).all_notes()]
    assert locks.lock_path(mine).exists()  # the other's lock is left as it was


def test_merge_into_another_file_honours_its_lock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine, theirs = two_versions(tmp_path)
    out = tmp_path / "open.toml"
    shutil.copy(EXAMPLE, out)
    held_by_another(out)
    before = out.read_bytes()
    assert main(["merge", str(mine), str(theirs), "-o", str(out)]) == 1
    assert out.read_bytes() == before and "--force" in capsys.readouterr().err
    assert main(["merge", str(mine), str(theirs)]) == 0  # mine is not locked: merged
    assert not locks.lock_path(mine).exists()  # and its lock given back


def test_the_merge_driver_writes_gits_file_whoever_has_the_session_open(tmp_path: Path) -> None:
    """git hands the driver a temporary copy (%A); the session file is git's to write."""
    mine, theirs = two_versions(tmp_path)
    held_by_another(mine)
    current = tmp_path / ".merge_file_abc123"
    shutil.copy(mine, current)
    before = mine.read_bytes()
    assert main(["merge-driver", str(mine), str(current), str(theirs), "round.toml"]) == 0
    assert "toisen versio" in current.read_text(encoding="utf-8")
    assert mine.read_bytes() == before
