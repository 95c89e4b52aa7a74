"""No temporary files stay in the journal folder after a crash and a recovery (issue 18).

Before (a user tester, three times): ``.<hash>.base.<pid>.tmp`` stayed beside the
journal. The journal's copy of the saved file is a hard link; after a crash the next
kumppani linked the same file again under a temporary name and renamed it over the
copy, which POSIX makes a no-op when both names are links to one file: the
temporary name stayed for good.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kumppani.editing.editor import SessionEditor
from kumppani.editing.journaling import start_journal
from kumppani.storage.journal_disk import sweep_temps
from kumppani.storage.journal_frames import base_copy_path, journal_folder
from kumppani.storage.recovery import find_offers
from tests.support.examples import EXAMPLES, FIRST


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = folder / "round.toml"
    shutil.copy(EXAMPLES / FIRST, path)
    return path


def temps() -> list[str]:
    return sorted(item.name for item in journal_folder().iterdir() if item.name.endswith(".tmp"))


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_journaling_again_after_a_crash_leaves_no_temporary_copy(session_file: Path) -> None:
    crashed = SessionEditor.open(session_file)
    start_journal(crashed).flush()  # nothing recorded yet: nothing written
    crashed.add_note("overall", "Ennen kaatumista")
    assert crashed.journal is not None
    crashed.journal.flush()
    assert base_copy_path(session_file).exists()
    # The crashed program is gone; the next one journals the same saved file.
    editor = SessionEditor.open(session_file)
    journal = start_journal(editor)
    editor.add_note("overall", "Palautuksen jälkeen")
    journal.flush()
    assert base_copy_path(session_file).read_bytes() == session_file.read_bytes()
    assert temps() == []


def test_old_temporary_files_of_dead_programs_are_swept_at_start(session_file: Path) -> None:
    folder = journal_folder()
    folder.mkdir(parents=True, exist_ok=True)
    dead = folder / f".abc.base.{dead_pid()}.tmp"
    mine = folder / f".abc.base.{os.getpid()}.tmp"
    running = folder / f".abc.journal.{os.getppid()}.tmp"
    fresh = folder / f".def.base.{dead_pid()}.tmp"
    for file in (dead, mine, running, fresh):
        file.write_bytes(b"x")
    for file in (dead, mine, running):
        os.utime(file, (1_000_000_000, 1_000_000_000))
    find_offers()  # what the app does when it starts
    assert not dead.exists()
    assert mine.exists() and running.exists() and fresh.exists()
    assert sweep_temps(folder, older_than=0) == [fresh]
