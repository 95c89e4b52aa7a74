"""Snapshots of every screen of the live meeting at the design size 80x24 and at 60x20.

The step views of each step (80x24 is also in ``test_tui_snapshots``), step 3
with its win-win boxes and conclusion open, the roster, and the speaker
picker. Update with ``--snapshot-update`` only after looking at the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from kumppani.tui.app import KumppaniApp
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.forms.roster import RosterTable
from tests.support.examples import FIRST
from tests.support.tui import settle

LIVE = [(80, 24), (60, 20)]


def prepared(step: int, then: Callable[[Pilot[Any]], Awaitable[None]]) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, StepScreen)
        screen.show_step(step)
        await settle(pilot)
        await then(pilot)
        await settle(pilot)

    return run_before


async def nothing(pilot: Pilot[Any]) -> None:
    return None


async def panels_open(pilot: Pilot[Any]) -> None:
    await pilot.press("f9")
    await settle(pilot)
    await pilot.press("f6")


async def roster(pilot: Pilot[Any]) -> None:
    await pilot.press("ctrl+g")
    await settle(pilot)
    pilot.app.screen.query_one(RosterTable).focus()


async def picker(pilot: Pilot[Any]) -> None:
    await pilot.press("f4")


async def a_long_note(pilot: Pilot[Any]) -> None:
    await pilot.press(*"Pitkä muistiinpano, joka ei mahdu riville: " * 3, "enter")


@pytest.mark.parametrize("index", range(5))
def test_step_at_60x20(
    snap_compare: Any, snapshot_app: Callable[..., KumppaniApp], index: int
) -> None:
    app = snapshot_app(open_name=FIRST)
    assert snap_compare(app, terminal_size=(60, 20), run_before=prepared(index, nothing))


@pytest.mark.parametrize("size", LIVE)
def test_step_three_with_its_panels(
    snap_compare: Any, snapshot_app: Callable[..., KumppaniApp], size: Any
) -> None:
    app = snapshot_app(open_name=FIRST)
    assert snap_compare(app, terminal_size=size, run_before=prepared(2, panels_open))


@pytest.mark.parametrize("size", LIVE)
def test_a_new_note_shown_whole(
    snap_compare: Any, snapshot_app: Callable[..., KumppaniApp], size: Any
) -> None:
    app = snapshot_app(open_name=FIRST)
    assert snap_compare(app, terminal_size=size, run_before=prepared(0, a_long_note))


@pytest.mark.parametrize("size", LIVE)
def test_roster(snap_compare: Any, snapshot_app: Callable[..., KumppaniApp], size: Any) -> None:
    app = snapshot_app(open_name=FIRST)
    assert snap_compare(app, terminal_size=size, run_before=prepared(0, roster))


@pytest.mark.parametrize("size", LIVE)
def test_speaker_picker(
    snap_compare: Any, snapshot_app: Callable[..., KumppaniApp], size: Any
) -> None:
    app = snapshot_app(open_name=FIRST)
    assert snap_compare(app, terminal_size=size, run_before=prepared(0, picker))
