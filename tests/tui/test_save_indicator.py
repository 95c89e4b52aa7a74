"""The save indicator while autosaves run: no flicker, no layout, "saving" only when it lasts."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kumppani.settings.config import Config
from kumppani.storage import apart
from kumppani.storage import files as storage_files
from kumppani.tui.screens.step import autosave as autosave_module
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.chrome.save_indicator import STEADY, SaveIndicator
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle

SLOW = Config(autosave_seconds=600.0)


async def test_a_quick_autosave_goes_from_unsaved_to_saved_without_saying_saving(
    app_for: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    show = SaveIndicator.show

    def recording(self: SaveIndicator, state: str, reason: str = "") -> None:
        shown.append(state)
        show(self, state, reason)

    monkeypatch.setattr(SaveIndicator, "show", recording)
    monkeypatch.setattr(autosave_module, "SAVING_SHOWN_AFTER", 600.0)  # never, in this test
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        await pilot.press(*"nopea tallennus", "enter")
        await settle(pilot)
        assert "Tallentamaton" in screen_text(app)
        shown.clear()
        screen.autosave.start_save()
        await settle(pilot)
        assert shown == ["saved"]
        assert "Tallennettu" in screen_text(app)


@pytest.mark.skipif(not apart.available(), reason="the slow save is made slow in the child")
async def test_a_long_autosave_says_saving_until_it_is_done(
    app_for: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app_pid, go_on = os.getpid(), tmp_path / "go-on"
    real = storage_files.session_bytes

    def slow(*args: object, **options: object) -> bytes:
        while os.getpid() != app_pid and not go_on.exists():  # the child waits for the test
            time.sleep(0.01)
        return real(*args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(autosave_module, "session_bytes", slow)
    monkeypatch.setattr(autosave_module, "SAVING_SHOWN_AFTER", 0.05)
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        await pilot.press(*"hidas tallennus", "enter")
        screen.autosave.start_save()
        for _ in range(200):  # until the indicator's timer has fired (a condition, not a time)
            await pilot.pause(0.02)
            if "Tallennetaan" in screen_text(app):
                break
        assert "Tallennetaan" in screen_text(app)
        go_on.touch()
        await settle(pilot)
        assert "Tallennettu" in screen_text(app)
        assert "Tallennetaan" not in screen_text(app)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
async def test_saved_unsaved_and_saving_take_one_width(app_for: MakeApp, language: str) -> None:
    """A change of width would lay out the whole screen at every autosave."""
    app = app_for(FIRST, language=language, config=SLOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        indicator = app.screen.query_one(SaveIndicator)
        widths, right_ends = set(), set()
        for state in STEADY:
            indicator.show(state)
            await pilot.pause()
            widths.add(indicator.region.width)
            right_ends.add(indicator.region.right)
            assert indicator.label in screen_text(app)
        assert len(widths) == 1 and right_ends == {80}
