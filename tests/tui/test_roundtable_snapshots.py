"""Snapshots of the round-table tools: a round in progress, the balance view, a vote result.

The clock is fixed (the round has run 95 seconds), so the pictures do not
depend on when the tests run. Update with ``--snapshot-update`` only after
looking at the SVGs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from kumppani.tui.app import KumppaniApp
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.step.note_list import NoteList
from tests.support.examples import FIRST
from tests.support.tui import settle

T0 = dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def prepared(step: int, then: Callable[[Pilot[Any], StepScreen], Awaitable[None]]) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, StepScreen)
        moments = iter([T0, T0])
        screen.roundtable.clock = lambda: next(moments, T0 + dt.timedelta(seconds=95))  # type: ignore[method-assign]
        screen.show_step(step)
        await then(pilot, screen)
        await settle(pilot)

    return run_before


async def round_running(pilot: Pilot[Any], screen: StepScreen) -> None:
    screen.roundtable.start_round(180, True)
    await pilot.press(*"Ohjaus katkeaa nivelvaiheessa", "enter")


async def balance_shown(pilot: Pilot[Any], screen: StepScreen) -> None:
    await pilot.press("ctrl+b")


async def vote_result(pilot: Pilot[Any], screen: StepScreen) -> None:
    screen.query_one(NoteList).focus()
    await pilot.press("v")
    await settle(pilot)
    for count in ("5", "", "3", "", "1", "6", "", "2"):
        await pilot.press(*count, "down")
    await pilot.press("ctrl+s")


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_round_in_progress(
    snap_compare: Any, snapshot_app: Callable[..., KumppaniApp], language: str
) -> None:
    app = snapshot_app(language, FIRST)
    assert snap_compare(app, terminal_size=(120, 40), run_before=prepared(2, round_running))


def test_round_in_progress_small(
    snap_compare: Any, snapshot_app: Callable[..., KumppaniApp]
) -> None:
    app = snapshot_app("fi", FIRST)
    assert snap_compare(app, terminal_size=(80, 24), run_before=prepared(2, round_running))


@pytest.mark.parametrize("language", ["fi", "en"])
def test_balance_view(
    snap_compare: Any, snapshot_app: Callable[..., KumppaniApp], language: str
) -> None:
    app = snapshot_app(language, FIRST)
    assert snap_compare(app, terminal_size=(120, 40), run_before=prepared(1, balance_shown))


def test_vote_result(snap_compare: Any, snapshot_app: Callable[..., KumppaniApp]) -> None:
    app = snapshot_app("fi", FIRST)
    assert snap_compare(app, terminal_size=(120, 40), run_before=prepared(1, vote_result))
