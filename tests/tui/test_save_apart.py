"""An autosave makes its bytes outside the app's process, so typing never waits for it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kumppani.storage import apart
from kumppani.storage import files as storage_files
from kumppani.storage.files import load_session
from kumppani.tui.screens.step import autosave as autosave_module
from kumppani.tui.screens.step.screen import StepScreen
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, settle

pytestmark = pytest.mark.skipif(not apart.available(), reason="no fork on this platform")


async def test_autosave_serialises_in_another_process(
    app_for: MakeApp, sessions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = tmp_path / "serialised-in"
    real = storage_files.session_bytes

    def recording(*args: object, **options: object) -> bytes:
        with where.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        return real(*args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(autosave_module, "session_bytes", recording, raising=False)
    monkeypatch.setattr("kumppani.editing.document.session_bytes", recording)
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        where.unlink(missing_ok=True)  # the warm-up at opening fills the cache here, rightly
        await pilot.press(*"tallennetaan erikseen", "enter")
        screen.autosave.start_save()
        await settle(pilot)
        assert screen.autosave.state == "saved"
    pids = where.read_text("utf-8").split()
    assert pids and str(os.getpid()) not in pids
    assert load_session(sessions / FIRST).steps[0].notes[-1].text == "tallennetaan erikseen"


async def test_a_hung_serialising_process_is_killed_and_the_thread_saves(
    app_for: MakeApp, sessions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app_pid, told = os.getpid(), tmp_path / "hung-child"
    real = storage_files.session_bytes

    def hangs_apart(*args: object, **options: object) -> bytes:
        if os.getpid() != app_pid:  # in the forked child: never answers
            told.write_text(str(os.getpid()), "utf-8")
            time.sleep(600)
        return real(*args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(autosave_module, "session_bytes", hangs_apart)
    monkeypatch.setattr(apart, "DEADLINE", 0.5)
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        await pilot.press(*"ei jää jumiin", "enter")
        screen.autosave.start_save()
        await settle(pilot)
        assert screen.autosave.state == "saved"
    assert load_session(sessions / FIRST).steps[0].notes[-1].text == "ei jää jumiin"
    with pytest.raises(ProcessLookupError):  # the hung child was killed and reaped
        os.kill(int(told.read_text("utf-8")), 0)
