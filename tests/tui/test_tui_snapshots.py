"""Snapshots of the home screen and each step at 80x24 and 120x40, Finnish and English.

The sessions folder is shown by a relative name (``snapshot_app`` in
``conftest.py``) so the status line is the same on every run; cursors do not
blink and the timers are paused at the times in the file.
Update with ``pytest tests/tui/test_tui_snapshots.py --snapshot-update`` and look
at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from kumppani.storage.files import load_session, save_session
from kumppani.tui.app import KumppaniApp
from kumppani.tui.screens.step.screen import StepScreen
from tests.support.examples import FIRST
from tests.support.tui import settle

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare: Any, snapshot_app: Callable[..., KumppaniApp], size: Any) -> None:
    assert snap_compare(snapshot_app(), terminal_size=size, run_before=settle)


def at_step(index: int) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, StepScreen)
        screen.show_step(index)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("index", range(5))
def test_step(
    snap_compare: Any, snapshot_app: Callable[..., KumppaniApp], index: int, size: Any
) -> None:
    app = snapshot_app(open_name=FIRST)
    assert snap_compare(app, terminal_size=size, run_before=at_step(index))


def test_step_in_english(snap_compare: Any, snapshot_app: Callable[..., KumppaniApp]) -> None:
    app = snapshot_app("en", FIRST)
    assert snap_compare(app, terminal_size=(120, 40), run_before=at_step(2))


def test_home_in_english(snap_compare: Any, snapshot_app: Callable[..., KumppaniApp]) -> None:
    assert snap_compare(snapshot_app("en"), terminal_size=(80, 24), run_before=settle)


def test_an_empty_step(
    snap_compare: Any, snapshot_app: Callable[..., KumppaniApp], sessions: Path
) -> None:
    session = load_session(sessions / FIRST)
    session.steps[0].notes.clear()
    save_session(session, sessions / "tyhja.toml")
    app = snapshot_app(open_name="tyhja.toml")
    assert snap_compare(app, terminal_size=(80, 24), run_before=at_step(0))
