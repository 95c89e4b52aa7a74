"""The app tells the truth about the recovery journal (issue 18).

Before: with the sessions and the state folder on one full disk, the status line said the
changes were "in memory and in the recovery journal" though the journal could not be
written, and the quit dialog said the changes "will be lost" even when the journal kept them.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from kumppani.errors import SaveError
from kumppani.settings.config import Config
from kumppani.tui.app import KumppaniApp
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.chrome.save_indicator import SaveIndicator
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle, wait_for

SLOW = Config(autosave_seconds=600.0)


def step_screen(app: KumppaniApp) -> StepScreen:
    screen = app.screen
    assert isinstance(screen, StepScreen), screen
    return screen


def full(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def save_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path, data: bytes, *put: object) -> None:
        raise SaveError(path, "No space left on device", errno=errno.ENOSPC)

    monkeypatch.setattr("kumppani.storage.conflicts.write_atomic", refuse)


def journal_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """The state folder and the session's folder are full: no journal write works."""
    monkeypatch.setattr("kumppani.storage.journal_disk.write_file", full)
    monkeypatch.setattr("kumppani.storage.journal_disk.append", full)


async def test_a_journal_that_cannot_be_written_is_said_in_status_and_at_quit(
    app_for: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        journal_fails(monkeypatch)
        save_fails(monkeypatch)
        await pilot.press(*"vain muistissa", "enter")
        assert screen.editor.journal is not None
        screen.editor.journal.flush()
        await pilot.press("ctrl+s")
        await settle(pilot)
        indicator = screen.query_one(SaveIndicator)
        assert indicator.state == "failed"
        assert "VAIN muistissa" in indicator.reason
        assert "palautuslokissa" not in indicator.reason.split("VAIN")[0]

        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        shown = screen_text(app)
        assert "menetetään" in shown and "palautuslokiakaan" in shown


async def test_the_quit_dialog_says_the_journal_keeps_the_changes(
    app_for: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        save_fails(monkeypatch)
        await pilot.press(*"lokissa tallessa", "enter")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        shown = screen_text(app)
        assert "menetetään" not in shown
        assert "tallessa palautuslokissa" in shown


async def test_the_status_line_warns_when_only_the_journal_fails(
    app_for: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        journal_fails(monkeypatch)
        await pilot.press(*"loki täynnä", "enter")
        assert screen.editor.journal is not None
        screen.editor.journal.flush()
        screen.autosave.check_journal()  # what its timer does every second
        await settle(pilot)
        indicator = screen.query_one(SaveIndicator)
        assert indicator.state == "journal" and "VAIN muistissa" in indicator.reason
        monkeypatch.undo()
        screen.editor.journal.flush()
        screen.autosave.check_journal()
        await settle(pilot)
        assert indicator.state == "dirty"


async def test_a_journal_beside_the_session_is_named_in_status_and_at_quit(
    app_for: MakeApp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The state folder cannot be written (a file stands in its place): the journal goes
    beside the session file, and the status line and the quit question say where."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("KUMPPANI_STATE_DIR", str(blocked))
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        save_fails(monkeypatch)
        await pilot.press(*"vieressä tallessa", "enter")
        journal = screen.editor.journal
        assert journal is not None
        journal.flush()
        screen.autosave.check_journal()
        await settle(pilot)
        side = screen.editor.path.parent / f".{FIRST}.journal"
        assert journal.health == "aside" and journal.file == side and side.exists()
        indicator = screen.query_one(SaveIndicator)
        assert indicator.state == "journal"
        assert str(side) in indicator.reason and "istuntotiedoston vieressä" in indicator.reason
        assert "()" not in indicator.reason  # why the usual place failed is said

        await pilot.press("ctrl+q")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        await wait_for(pilot, lambda: "istuntotiedoston vieressä" in screen_text(app))
        assert "menetetään" not in dialog.body
        assert f"istuntotiedoston vieressä ({side})" in dialog.body  # the path wraps on screen
