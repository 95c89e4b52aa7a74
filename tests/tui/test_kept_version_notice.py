"""Opening a session tells of another version a killed save left beside it (issue 18).

A save killed between its swap and its compare leaves the replaced file beside the
session (``storage.swap``); the clean-up at open keeps it when it may be another
program's change. The step view then says so, with its name, in the user's language.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from kumppani.editing.editor import SessionEditor
from kumppani.storage import swap
from kumppani.storage.save_errors import STALE_SECONDS
from kumppani.text.i18n import t
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, settle

THEIRS = b"format = 'kumppani.session'\n# another program's version\n"


def left_beside(path: Path, data: bytes, expected: bytes, ours: bytes) -> Path:
    """What a save killed after its swap leaves, aged past the clean-up's limit."""
    sha = [hashlib.sha256(item).hexdigest() for item in (expected, ours)]
    backup = swap.backup_path(path, *sha)
    backup.write_bytes(data)
    old = path.stat().st_mtime - STALE_SECONDS - 60
    os.utime(backup, (old, old))
    return backup


def test_open_keeps_an_outside_version_and_names_it(sessions: Path) -> None:
    path = sessions / FIRST
    data = path.read_bytes()
    theirs = left_beside(path, THEIRS, data, b"ours\n")
    expected = left_beside(path, data, data, b"ours\n")  # what the save meant to replace
    ours = left_beside(path, b"ours\n", data, b"ours\n")  # killed before its swap
    editor = SessionEditor.open(path)
    assert editor.kept_versions == [theirs]
    assert theirs.read_bytes() == THEIRS
    assert not expected.exists() and not ours.exists()
    assert SessionEditor.open(path, read_only=True).kept_versions == []


async def test_the_step_view_tells_of_the_kept_version(app_for: MakeApp, sessions: Path) -> None:
    path = sessions / FIRST
    theirs = left_beside(path, THEIRS, path.read_bytes(), b"ours\n")
    app = app_for(FIRST, language="sv")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = "\n".join(notice.message for notice in app._notifications)
    expected = t("step.outside_version_kept", "sv", count=1, files=theirs.name)
    assert expected in shown
    assert theirs.read_bytes() == THEIRS
