"""The indicator chart: a small change looks small, the baseline and target are on its scale."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kumppani.session.model import Indicator, Reading, Session
from kumppani.settings.config import Config
from kumppani.storage.files import save_session
from kumppani.tui.app import KumppaniApp, make_app
from kumppani.tui.screens.indicators import IndicatorsScreen
from kumppani.tui.widgets.charts.indicator_chart import IndicatorChart, marks_width
from tests.support.tui import screen_text, settle


def chart_rows(app: KumppaniApp) -> list[str]:
    """The chart as drawn, bars and marks, row by row from the top."""
    region = app.screen.query_one("#indicator-chart").region
    lines = screen_text(app).splitlines()[region.y : region.y + region.height]
    return [line[region.x : region.x + region.width].ljust(region.width) for line in lines]


def chart_columns(app: KumppaniApp) -> list[str]:
    """The chart's bars as drawn, column by column from the top (one string per column)."""
    chart = app.screen.query_one("#indicator-chart", IndicatorChart)
    rows = chart_rows(app)
    bars = len(rows[0]) - marks_width(chart.marks)
    return ["".join(row[column] for row in rows) for column in range(bars)]


async def indicator_app(tmp_path: Path, readings: list[float], **kw: float) -> KumppaniApp:
    folder = tmp_path / "sessions"
    folder.mkdir()
    session = Session(title="Seuranta", date=dt.date(2026, 9, 1), id="s-1")
    days = [dt.date(2026, month, 1) for month in range(3, 3 + len(readings))]
    session.indicators = [
        Indicator(
            "Työttömyysaste",
            "%",
            readings=[Reading(day, value) for day, value in zip(days, readings, strict=True)],
            **kw,  # type: ignore[arg-type]
        )
    ]
    save_session(session, folder / "seuranta.toml")
    return make_app(Config(), folder, language="fi")


async def test_a_small_step_down_does_not_look_like_a_collapse(tmp_path: Path) -> None:
    app = await indicator_app(tmp_path, [3.8, 3.6], baseline=3.8, target=3.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        folder = tmp_path / "sessions"
        await app.push_screen(IndicatorsScreen(folder / "seuranta.toml", app.config, app.translate))
        await settle(pilot)
        columns = chart_columns(app)
        first, second = columns[1], columns[-2]
        assert first == "█" * len(first)
        # 3,6 of 3,8 fills 95 % of the height: only the top cell is not full.
        assert second[1:] == "█" * (len(second) - 1) and second[0] != " "
        assert "pylväät alkavat" not in screen_text(app)


async def test_the_target_is_on_the_scale(tmp_path: Path) -> None:
    app = await indicator_app(tmp_path, [35, 58], baseline=35, target=90)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        folder = tmp_path / "sessions"
        await app.push_screen(IndicatorsScreen(folder / "seuranta.toml", app.config, app.translate))
        await settle(pilot)
        columns = chart_columns(app)
        # 58 of 90: the bar reaches about two thirds of the height, not the top.
        assert columns[-2][0] == " " and columns[-2][-1] == "█"


async def test_a_tiny_range_is_zoomed_and_the_title_says_where_the_bars_start(
    tmp_path: Path,
) -> None:
    app = await indicator_app(tmp_path, [200_000, 200_500])
    async with app.run_test(size=(140, 24)) as pilot:
        await settle(pilot)
        folder = tmp_path / "sessions"
        await app.push_screen(IndicatorsScreen(folder / "seuranta.toml", app.config, app.translate))
        await settle(pilot)
        columns = chart_columns(app)
        assert columns[1][0] == " " and columns[-2][0] == "█"  # the lower one is visibly lower
        assert columns[1][-1] == "█"
        assert "pylväät alkavat arvosta 199200" in screen_text(app)


async def test_one_reading_is_seen_against_its_baseline_and_target(tmp_path: Path) -> None:
    """Issue 14: one reading drew a lone bar and "pienin 3,6", nothing to compare it with."""
    app = await indicator_app(tmp_path, [3.6], baseline=3.8, target=3.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        folder = tmp_path / "sessions"
        await app.push_screen(IndicatorsScreen(folder / "seuranta.toml", app.config, app.translate))
        await settle(pilot)
        rows = chart_rows(app)
        # The baseline 3,8 is the top of the scale, the target 3 four fifths of it.
        assert rows[0].rstrip().endswith("◂ lähtötaso 3,8 %")
        assert rows[1].rstrip().endswith("◂ tavoite 3 %")
        assert all("◂" not in row for row in rows[2:])
        bar = chart_columns(app)[0]
        assert bar[1:] == "█" * (len(bar) - 1) and bar[0] not in " █"  # 3,6 of 3,8
        text = screen_text(app)
        assert "Työttömyysaste: 1 mittaus 2026-03-01: 3,6 %" in text
        assert "pienin" not in text


async def test_baseline_and_target_on_one_row_share_it(tmp_path: Path) -> None:
    app = await indicator_app(tmp_path, [50.0], baseline=99, target=100)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        folder = tmp_path / "sessions"
        await app.push_screen(IndicatorsScreen(folder / "seuranta.toml", app.config, app.translate))
        await settle(pilot)
        rows = chart_rows(app)
        assert rows[0].rstrip().endswith("◂ lähtötaso 99 % · tavoite 100 %")
