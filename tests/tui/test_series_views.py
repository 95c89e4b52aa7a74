"""The series timeline and the indicators view: a series by date, and readings over time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import DataTable, Sparkline

from kumppani.session.model import Reading
from kumppani.storage.files import load_session
from kumppani.tui.screens.indicators import IndicatorsScreen
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.screens.timeline import TimelineScreen, TimelineTable
from tests.support.examples import FIRST, FOLLOWUP
from tests.support.tui import MakeApp, edit_even_if_approved, screen_text, settle
from tests.support.views import GROWTH, add_growth_session, select_home_row


@pytest.fixture
def folder(sessions: Path) -> Path:
    add_growth_session(sessions)
    return sessions


def first_column(table: DataTable[object]) -> list[str]:
    return [str(table.get_row_at(row)[0]) for row in range(table.row_count)]


@pytest.mark.parametrize("chosen", [FIRST, FOLLOWUP])
async def test_timeline_lists_the_series_oldest_first(
    app_for: MakeApp, folder: Path, chosen: str
) -> None:
    app = app_for()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await select_home_row(pilot, chosen)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        table = app.screen.query_one(TimelineTable)
        assert [s.path.name for s in table.sessions] == [FIRST, FOLLOWUP]
        assert [str(table.get_row_at(row)[1]) for row in range(2)] == ["2026-03-12", "2026-09-17"]
        # The chosen session is marked and under the cursor.
        assert table.current is not None and table.current.path.name == chosen
        assert [mark for mark in first_column(table)] == [
            "▶" if s.path.name == chosen else "" for s in table.sessions
        ]
        rows = [[str(cell) for cell in table.get_row_at(row)] for row in range(2)]
        assert [row[3] for row in rows] == ["Pidetty", "Muistio hyväksytty"]
        assert [row[4:] for row in rows] == [
            ["29", "4/4", "–"],
            ["14", "2/5", "2026-09-24 Erityisasiantuntija"],
        ]


async def test_a_session_without_links_is_a_series_of_one(app_for: MakeApp, folder: Path) -> None:
    app = app_for()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await app.push_screen(TimelineScreen(folder / GROWTH, app.config, app.translate))
        await settle(pilot)
        table = app.screen.query_one(TimelineTable)
        assert [s.path.name for s in table.sessions] == [GROWTH]


async def test_enter_opens_the_chosen_session_read_only(app_for: MakeApp, folder: Path) -> None:
    before = (folder / FIRST).read_bytes()
    app = app_for()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await app.push_screen(TimelineScreen(folder / FOLLOWUP, app.config, app.translate))
        await settle(pilot)
        await pilot.press("up", "enter")
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)
        assert app.screen.editor.path == folder / FIRST
        assert app.screen.editor.read_only
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
    assert (folder / FIRST).read_bytes() == before


async def test_indicators_from_the_timeline_chart_every_reading_of_the_series(
    app_for: MakeApp, folder: Path
) -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(TimelineScreen(folder / FIRST, app.config, app.translate))
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorsScreen)
        chart = app.screen.query_one(Sparkline)
        readings = app.screen.query_one("#reading-table", DataTable)
        # The first session has one reading; its follow-up added two more.
        assert list(chart.data or []) == [1240, 1175, 1090]
        assert first_column(readings) == ["2026-02-28", "2026-05-31", "2026-08-31"]
        assert [str(readings.get_row_at(row)[3]) for row in range(3)] == ["0 %", "10 %", "24 %"]
        await pilot.press("down")
        await settle(pilot)
        assert list(chart.data or []) == [35, 58, 81]
        await pilot.press("down")
        await settle(pilot)
        assert list(chart.data or []) == [61.5, 62.3]
        assert "pienin 61,5 %, suurin 62,3 %" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)


async def test_step_five_chart_shows_readings_not_saved_yet(app_for: MakeApp, folder: Path) -> None:
    app = app_for(FOLLOWUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await edit_even_if_approved(pilot)  # the example's minutes are approved
        step = app.screen
        assert isinstance(step, StepScreen)
        assert step.autosave.save_now() is None  # the approval removed, on disk
        await pilot.press("alt+5")
        await settle(pilot)
        indicator = step.editor.session.indicators[0]
        indicator.readings.append(Reading(dt.date(2026, 11, 30), 1000))
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorsScreen)
        assert list(app.screen.query_one(Sparkline).data or []) == [1240, 1175, 1090, 1000]
    assert len(load_session(folder / FOLLOWUP).indicators[0].readings) == 3


async def test_a_series_without_indicators_says_so(app_for: MakeApp, folder: Path) -> None:
    app = app_for()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await app.push_screen(IndicatorsScreen(folder / GROWTH, app.config, app.translate))
        await settle(pilot)
        assert list(app.screen.query_one(Sparkline).data or []) == []
        assert "Sarjan istunnoissa ei ole mittareita." in screen_text(app)
