"""A lock file that is a symbolic link: no lock, so nobody edits unknowingly (issue 18).

Before (a user tester): with ``ln -s /nonexistent/x .FILE.lock`` beside a session, two
apps opening it both said "Lukkoa ei voitu ottaa … istunto avataan ilman lukkoa" and
both edited it. Now each opens it read-only and says why and how to fix it; once the
link is removed the session opens for editing with a real lock.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kumppani.storage import locks as locking
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, settle, step_screen


@pytest.fixture(autouse=True)
def _release_locks() -> object:
    yield
    locking.release_all()


async def test_two_apps_meeting_a_dangling_link_lock_both_open_read_only(
    app_for: MakeApp, sessions: Path, tmp_path: Path
) -> None:
    session = sessions / FIRST
    lock = locking.lock_path(session)
    lock.symlink_to(tmp_path / "nonexistent" / "x")
    first, second = app_for(FIRST), app_for(FIRST)
    async with first.run_test(size=(80, 24)) as one, second.run_test(size=(80, 24)) as two:
        await settle(one)
        await settle(two)
        for app in (first, second):
            assert step_screen(app).editor.read_only
            notices = "\n".join(notice.message for notice in app._notifications)
            assert "symbolinen linkki" in notices and "vain luettavaksi" in notices
            assert "ilman lukkoa" not in notices
            assert str(lock) in notices
    assert lock.is_symlink() and not (tmp_path / "nonexistent").exists()  # never followed

    lock.unlink()  # the fix the notice names
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not step_screen(app).editor.read_only
        found = locking.inspect(session)
        assert found is not None and found.state == locking.LockState.OURS
