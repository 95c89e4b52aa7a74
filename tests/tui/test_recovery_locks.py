"""Recovery meets the lock its own killed program left (issue 18, a user tester).

Before: after "Palauta muutokset" the lock dialog came up with the focus on
"Avaa vain luettavaksi", so Enter opened the session read-only and the recovered
form and notes were silently not brought back.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Button

from kumppani.storage import lock_holder
from kumppani.storage import locks as locking
from kumppani.storage.journal_frames import journal_path
from kumppani.tui.dialogs.lock_dialog import LockDialog
from kumppani.tui.dialogs.recovery_dialog import RecoveryDialog
from tests.support.examples import FIRST
from tests.support.tui import SLOW, MakeApp, settle, step_screen
from tests.tui.test_recovery import type_then_crash


@pytest.fixture(autouse=True)
def _release_locks() -> object:
    yield
    locking.release_all()


def killed_programs_lock(session: Path) -> None:
    """The lock a killed kumppani of this user on this host left behind."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    info = replace(lock_holder.current_info(), pid=child.pid, start_ticks=None)
    locking.lock_path(session).write_text(info.to_toml(), "utf-8")


async def test_recovering_takes_over_the_killed_programs_lock_without_asking(
    app_for: MakeApp, sessions: Path
) -> None:
    await type_then_crash(app_for(FIRST, config=SLOW), "ennen kaatumista")
    locking.release_all()
    killed_programs_lock(sessions / FIRST)
    app = app_for(None, config=SLOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, RecoveryDialog)
        await pilot.press("enter")  # "Palauta muutokset"
        await settle(pilot)
        assert not isinstance(app.screen, LockDialog)
        screen = step_screen(app)
        assert not screen.editor.read_only
        assert "ennen kaatumista" in [note.text for note in screen.editor.session.all_notes()]
        found = locking.inspect(sessions / FIRST)
        assert found is not None and found.state == locking.LockState.OURS


async def test_opening_a_file_a_killed_program_left_goes_straight_to_recovery(
    app_for: MakeApp, sessions: Path
) -> None:
    # ``kumppani FILE`` after a crash asked about the dead program's lock first (a user
    # test at 80x24): its work is in the journal, so the lock is taken and recovery asks.
    await type_then_crash(app_for(FIRST, config=SLOW), "vielä täällä")
    locking.release_all()
    killed_programs_lock(sessions / FIRST)
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RecoveryDialog)
        await pilot.press("enter")
        await settle(pilot)
        screen = step_screen(app)
        assert not screen.editor.read_only
        assert "vielä täällä" in [note.text for note in screen.editor.session.all_notes()]


async def test_a_stale_lock_with_nothing_to_recover_is_taken_over_by_enter(
    app_for: MakeApp, sessions: Path
) -> None:
    killed_programs_lock(sessions / FIRST)
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LockDialog)
        assert app.screen.query_one("#take_over", Button).has_focus
        await pilot.press("enter")
        await settle(pilot)
        assert not step_screen(app).editor.read_only


async def test_read_only_after_choosing_to_recover_says_the_journal_keeps_the_changes(
    app_for: MakeApp, sessions: Path
) -> None:
    await type_then_crash(app_for(FIRST, config=SLOW), "odottaa")
    locking.release_all()
    other = replace(lock_holder.current_info(), host="toinen-kone", user="sihteeri")
    locking.lock_path(sessions / FIRST).write_text(other.to_toml(), "utf-8")
    app = app_for(None, config=SLOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await settle(pilot)
        await pilot.press("enter")  # recover
        await settle(pilot)
        assert isinstance(app.screen, LockDialog)  # another computer's: still asked
        assert app.screen.query_one("#read_only", Button).has_focus
        await pilot.press("enter")
        await settle(pilot)
        assert step_screen(app).editor.read_only
        notices = "\n".join(notice.message for notice in app._notifications)
        assert "säilyvät palautuslokissa" in notices
    assert journal_path(sessions / FIRST).exists()


async def test_recovering_a_gone_file_takes_over_the_killed_programs_lock(
    app_for: MakeApp, sessions: Path
) -> None:
    await type_then_crash(app_for(FIRST, config=SLOW), "tiedosto poissa")
    locking.release_all()
    killed_programs_lock(sessions / FIRST)
    (sessions / FIRST).unlink()
    app = app_for(None, config=SLOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, RecoveryDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert not step_screen(app).editor.read_only
        found = locking.inspect(sessions / FIRST)
        assert found is not None and found.state == locking.LockState.OURS
