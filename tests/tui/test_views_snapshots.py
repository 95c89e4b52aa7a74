"""Snapshots of the follow-up views: the tracker with a filter, a series timeline, indicators.

The sessions folder has a fixed path (shown in the tracker's status line) and
the tracker a fixed today, so the overdue marks are the same on every run.
Update with ``pytest tests/tui/test_views_snapshots.py --snapshot-update`` and
look at the SVGs before committing them.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from kumppani.settings.config import Config
from kumppani.tui.app import KumppaniApp, make_app
from kumppani.tui.screens.indicators import IndicatorsScreen
from kumppani.tui.screens.timeline import TimelineScreen
from kumppani.tui.screens.tracker import TrackerScreen
from tests.support.examples import EXAMPLES, FIRST, FOLLOWUP
from tests.support.tui import settle
from tests.support.views import TODAY, add_growth_session

FOLDER = Path("/tmp/kumppani-views-snapshots/sessions")


@pytest.fixture
def snapshot_app() -> Callable[..., KumppaniApp]:
    shutil.rmtree(FOLDER, ignore_errors=True)
    FOLDER.mkdir(parents=True)
    for path in EXAMPLES.glob("*.toml"):
        shutil.copy(path, FOLDER / path.name)
    add_growth_session(FOLDER)

    def build(language: str = "fi") -> KumppaniApp:
        return make_app(Config(), FOLDER, language=language)

    return build


def showing(
    make: Callable[[KumppaniApp], Screen[Any]], *keys: str
) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        app = pilot.app
        assert isinstance(app, KumppaniApp)
        await app.push_screen(make(app))
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


def tracker(app: KumppaniApp) -> Screen[Any]:
    return TrackerScreen(FOLDER, app.config, app.translate, today=TODAY)


def test_tracker_open_actions(snap_compare: Any, snapshot_app: Callable[..., KumppaniApp]) -> None:
    assert snap_compare(snapshot_app(), terminal_size=(120, 30), run_before=showing(tracker, "s"))


def test_tracker_overdue_in_english(
    snap_compare: Any, snapshot_app: Callable[..., KumppaniApp]
) -> None:
    run_before = showing(tracker, "exclamation_mark")
    assert snap_compare(snapshot_app("en"), terminal_size=(80, 24), run_before=run_before)


def test_timeline(snap_compare: Any, snapshot_app: Callable[..., KumppaniApp]) -> None:
    def timeline(app: KumppaniApp) -> Screen[Any]:
        return TimelineScreen(FOLDER / FIRST, app.config, app.translate)

    assert snap_compare(snapshot_app(), terminal_size=(120, 30), run_before=showing(timeline))


def test_indicators(snap_compare: Any, snapshot_app: Callable[..., KumppaniApp]) -> None:
    def indicators(app: KumppaniApp) -> Screen[Any]:
        return IndicatorsScreen(FOLDER / FOLLOWUP, app.config, app.translate)

    assert snap_compare(snapshot_app(), terminal_size=(120, 40), run_before=showing(indicators))
