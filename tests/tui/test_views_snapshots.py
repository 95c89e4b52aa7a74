"""Snapshots of the follow-up views: the tracker with a filter, a series timeline, indicators.

The sessions folder is shown by a relative name (in the tracker's status line) and
the tracker a fixed today, so the overdue marks are the same on every run.
Update with ``pytest tests/tui/test_views_snapshots.py --snapshot-update`` and
look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from kumppani.tui.app import KumppaniApp
from kumppani.tui.screens.indicators import IndicatorsScreen
from kumppani.tui.screens.timeline import TimelineScreen
from kumppani.tui.screens.tracker import TrackerScreen
from tests.support.examples import FIRST, FOLLOWUP
from tests.support.tui import MakeApp, settle
from tests.support.views import TODAY, add_growth_session

FOLDER = Path("sessions")
"""The folder ``snapshot_app`` builds over, as the app shows it (relative)."""


@pytest.fixture
def views_app(snapshot_app: MakeApp) -> MakeApp:
    """The snapshot app over the examples and a third session of its own series."""
    add_growth_session(FOLDER)
    return snapshot_app


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


def test_tracker_open_actions(snap_compare: Any, views_app: MakeApp) -> None:
    assert snap_compare(views_app(), terminal_size=(120, 30), run_before=showing(tracker, "s"))


def test_tracker_overdue_in_english(snap_compare: Any, views_app: MakeApp) -> None:
    run_before = showing(tracker, "exclamation_mark")
    assert snap_compare(views_app("en"), terminal_size=(80, 24), run_before=run_before)


def test_timeline(snap_compare: Any, views_app: MakeApp) -> None:
    def timeline(app: KumppaniApp) -> Screen[Any]:
        return TimelineScreen(FOLDER / FIRST, app.config, app.translate)

    assert snap_compare(views_app(), terminal_size=(120, 30), run_before=showing(timeline))


def test_indicators(snap_compare: Any, views_app: MakeApp) -> None:
    def indicators(app: KumppaniApp) -> Screen[Any]:
        return IndicatorsScreen(FOLDER / FOLLOWUP, app.config, app.translate)

    assert snap_compare(views_app(), terminal_size=(120, 40), run_before=showing(indicators))
