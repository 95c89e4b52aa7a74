"""Co-writing when the file breaks or goes between the watcher's merge and its taking-in.

The merge is made in a worker thread and taken in the app's thread a moment
later; a sync client may have half-written the file, or moved it away, in
between. Taking the merge must not read the file again (that raised and ended
the app): the notes that came show, and nothing is written over the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kumppani.editing.editor import SessionEditor
from kumppani.editing.merging import merge_with_disk, save_merging
from kumppani.storage import locks as locking
from kumppani.storage.locks import LockInfo
from kumppani.tui.screens.step.screen import StepScreen
from tests.support.co_writing import join_as_co_writer
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle

HALF_WRITTEN = "puoliksi kirjoitettu = "


def _half_written(path: Path) -> None:
    path.write_text(HALF_WRITTEN, "utf-8")


def _gone(path: Path) -> None:
    path.unlink()


@pytest.mark.parametrize("breaking", [_half_written, _gone], ids=["half-written", "gone"])
async def test_a_merge_is_taken_in_though_the_file_broke_meanwhile(
    app_for: MakeApp, sessions: Path, holder: LockInfo, breaking: Callable[[Path], None]
) -> None:
    path = sessions / FIRST
    locking.lock_path(path).write_text(holder.to_toml(), "utf-8")
    app = app_for(FIRST)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await join_as_co_writer(pilot)
        other = SessionEditor.open(path)
        other.add_note("overall", "toisen huomio")
        save_merging(other)
        merged = merge_with_disk(screen.editor)  # what the watcher's worker makes …
        breaking(path)
        screen.co_writing._merging = True
        screen.co_writing._bring_in(merged)  # … and what the app's thread runs next
        await settle(pilot)
        screen.co_writing.poll()  # the watcher's next look finds the broken file
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, StepScreen)
        assert "toisen huomio" in screen_text(app)
        assert not screen.editor.dirty  # nothing of mine to save over the file
        if path.exists():
            assert path.read_text("utf-8") == HALF_WRITTEN
