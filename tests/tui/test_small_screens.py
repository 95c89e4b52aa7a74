"""Snapshots of the screens and step tools not pictured elsewhere at 80x24 and at 60x20.

The home screen, the follow-up views, review mode, the projector, and the step
view's round-table tools: a round running, the party balance, the round, vote
and group dialogs, a vote's result, and a note opened for editing. 80x24 is the
design size; at 60x20 nothing may be lost, only scrolled. The clock is fixed as
in ``test_roundtable_snapshots``. Update with ``--snapshot-update`` only after
looking at the SVGs.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from kumppani.settings.config import Config
from kumppani.tui.app import KumppaniApp, make_app
from kumppani.tui.screens.indicators import IndicatorsScreen
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.screens.timeline import TimelineScreen
from kumppani.tui.screens.tracker import TrackerScreen
from kumppani.tui.widgets.step.note_list import NoteList
from tests.support.examples import EXAMPLES, FIRST, FOLLOWUP
from tests.support.tui import MakeApp, settle
from tests.support.views import TODAY

LIVE = [pytest.param((80, 24), id="80x24"), pytest.param((60, 20), id="60x20")]
FOLDER = Path("sessions")
T0 = dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))

Prepare = Callable[[Pilot[Any], StepScreen], Awaitable[None]]


def at_step(step: int, then: Prepare) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, StepScreen)
        moments = iter([T0, T0])
        screen.roundtable.clock = lambda: next(moments, T0 + dt.timedelta(seconds=95))  # type: ignore[method-assign]
        screen.show_step(step)
        await settle(pilot)
        await then(pilot, screen)
        await settle(pilot)
        pilot.app.clear_notifications()
        await settle(pilot)

    return run_before


async def round_running(pilot: Pilot[Any], screen: StepScreen) -> None:
    screen.roundtable.start_round(180, True)
    await pilot.press(*"Ohjaus katkeaa nivelvaiheessa", "enter")


async def balance(pilot: Pilot[Any], screen: StepScreen) -> None:
    await pilot.press("ctrl+b")


async def round_dialog(pilot: Pilot[Any], screen: StepScreen) -> None:
    await pilot.press("ctrl+r")


async def in_the_list(pilot: Pilot[Any], *keys: str) -> None:
    screen = pilot.app.screen
    screen.query_one(NoteList).focus()
    await settle(pilot)
    await pilot.press(*keys)


async def vote_dialog(pilot: Pilot[Any], screen: StepScreen) -> None:
    await in_the_list(pilot, "v")


async def vote_result(pilot: Pilot[Any], screen: StepScreen) -> None:
    await vote_dialog(pilot, screen)
    await settle(pilot)
    for count in ("5", "", "3", "", "1", "6", "", "2"):
        await pilot.press(*count, "down")
    await pilot.press("ctrl+s")


async def group_dialog(pilot: Pilot[Any], screen: StepScreen) -> None:
    await in_the_list(pilot, "g")


async def note_editor(pilot: Pilot[Any], screen: StepScreen) -> None:
    await in_the_list(pilot, "enter")


STEP_TOOLS: dict[str, tuple[int, Prepare]] = {
    "round_running": (2, round_running),
    "balance": (1, balance),
    "round_dialog": (2, round_dialog),
    "vote_dialog": (1, vote_dialog),
    "vote_result": (1, vote_result),
    "group_dialog": (1, group_dialog),
    "note_editor": (1, note_editor),
}


@pytest.mark.parametrize("size", LIVE)
@pytest.mark.parametrize("tool", list(STEP_TOOLS))
def test_step_tool(snap_compare: Any, snapshot_app: MakeApp, tool: str, size: Any) -> None:
    step, then = STEP_TOOLS[tool]
    app = snapshot_app("fi", FIRST)
    assert snap_compare(app, terminal_size=size, run_before=at_step(step, then))


@pytest.mark.parametrize("size", LIVE)
def test_home(snap_compare: Any, snapshot_app: MakeApp, size: Any) -> None:
    assert snap_compare(snapshot_app(), terminal_size=size, run_before=settle)


VIEWS = {
    "tracker": lambda app: TrackerScreen(FOLDER, app.config, app.translate, today=TODAY),
    "timeline": lambda app: TimelineScreen(FOLDER / FIRST, app.config, app.translate),
    "indicators": lambda app: IndicatorsScreen(FOLDER / FOLLOWUP, app.config, app.translate),
}


@pytest.mark.parametrize("size", LIVE)
@pytest.mark.parametrize("view", list(VIEWS))
def test_followup_view(snap_compare: Any, snapshot_app: MakeApp, view: str, size: Any) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        app = pilot.app
        assert isinstance(app, KumppaniApp)
        await app.push_screen(VIEWS[view](app))
        await settle(pilot)

    assert snap_compare(snapshot_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", LIVE)
def test_review(snap_compare: Any, shown_folder: Callable[[str], Path], size: Any) -> None:
    folder = shown_folder("review")
    shutil.copy(EXAMPLES / FOLLOWUP, folder / FOLLOWUP)
    app = make_app(Config(), folder, language="fi", review_file=folder / FOLLOWUP)
    assert snap_compare(app, terminal_size=size, run_before=settle)
