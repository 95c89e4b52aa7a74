"""The home screen's session list: columns that fit the terminal, the cursor, keys and clicks."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from kumppani.settings.config import Config
from kumppani.tui.app import make_app
from kumppani.tui.screens.home import HomeScreen
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.tables.session_table import SessionTable
from tests.support.examples import EXAMPLES, FIRST, FOLLOWUP
from tests.support.library import make_library
from tests.support.tui import MakeApp, screen_text, settle

FIRST_TITLE = "Nuorisotyöllisyyden pyöreä pöytä: valtio ja Tampere"


async def scanned(pilot: Pilot[object]) -> None:
    """Wait until the home screen has read its folder (a pool of processes takes a while)."""
    for _ in range(200):
        await settle(pilot)
        if not getattr(pilot.app.screen, "scanning", False):
            return
    raise AssertionError("the folder was never read")


def header(app: object) -> str:
    """The list's header line as the terminal shows it."""
    lines = screen_text(app).splitlines()  # type: ignore[arg-type]
    return next(line for line in lines if line.startswith("Otsikko"))


async def test_a_wide_terminal_shows_whole_titles_and_every_column(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=(140, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert FIRST_TITLE in text
        assert header(app).split() == ["Otsikko", "Päivä", "Tila", "Osapuolet"]
        assert "2026-03-12" in text and "Valtio" in text


@pytest.mark.parametrize(("width", "columns"), [(80, 4), (72, 3), (50, 2)])
async def test_a_narrow_terminal_shrinks_parties_then_leaves_them_out(
    app_for: MakeApp, width: int, columns: int
) -> None:
    app = app_for()
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        assert header(app).split() == ["Otsikko", "Päivä", "Tila", "Osapuolet"][:columns]
        line = next(row for row in screen_text(app).splitlines() if "2026-03-12" in row)
        assert line.startswith(FIRST_TITLE[:35])  # a title keeps 36 cells at least
        assert ("Valtio" in line) == (columns == 4)


async def test_keys_move_the_cursor_and_sorting_keeps_it_on_the_same_file(
    tmp_path: Path,
) -> None:
    library = make_library(tmp_path / "library")
    app = make_app(Config(), library, language="fi")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(SessionTable)
        assert table.has_focus and table.cursor_row == 0
        await pilot.press("down", "down")
        chosen = table.current
        assert chosen is not None and chosen.path.stem == "nuoret-tampere"
        await pilot.press("s")  # by title: the file moves, the cursor goes with it
        await settle(pilot)
        assert table.current == chosen and table.cursor_row != 2
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0


def many_sessions(folder: Path, count: int, status: str = "held") -> Path:
    """``count`` copies of the first example, "Istunto numero NN", each with ``status``."""
    folder.mkdir()
    source = (EXAMPLES / FIRST).read_text("utf-8")
    source = source.replace('status = "held"', f'status = "{status}"', 1)
    for number in range(count):
        name = f"2026-01-{number + 1:02d}-istunto-{number:02d}.toml"
        text = source.replace(FIRST_TITLE, f"Istunto numero {number:02d}", 1)
        (folder / name).write_text(text.replace("2026-03-12", f"2026-01-{number % 28 + 1:02d}"))
    return folder


def cursor_in_sight(app: object, table: SessionTable) -> bool:
    current = table.current
    return current is not None and current.title in screen_text(app)  # type: ignore[arg-type]


async def test_the_cursor_stays_in_sight_in_a_long_list(tmp_path: Path) -> None:
    app = make_app(Config(), many_sessions(tmp_path / "many", 40), language="fi")
    async with app.run_test(size=(100, 20)) as pilot:
        await scanned(pilot)  # 40 files, no index yet: read by a pool of processes
        table = app.screen.query_one(SessionTable)
        assert table.row_count == 40 and "40/40 istuntoa" in screen_text(app)
        await pilot.press("end")
        await settle(pilot)
        assert cursor_in_sight(app, table), screen_text(app)
        await pilot.press("pageup")
        await settle(pilot)
        assert cursor_in_sight(app, table), screen_text(app)
        # A filter leaves a short list; the cursor goes to a file far down; clearing the
        # filter brings the long list back, scrolled to where the cursor is.
        await pilot.press("home", "slash", *"numero 3", "down")
        await settle(pilot)
        await pilot.press("end", "slash", "escape")
        await settle(pilot)
        assert table.row_count == 40 and table.cursor_row > 16
        assert cursor_in_sight(app, table), screen_text(app)


async def test_with_a_scrollbar_every_column_still_shows_whole(tmp_path: Path) -> None:
    app = make_app(Config(), many_sessions(tmp_path / "many", 30, "approved"), language="fi")
    async with app.run_test(size=(90, 14)) as pilot:
        await scanned(pilot)
        lines = screen_text(app).splitlines()
        assert header(app).split() == ["Otsikko", "Päivä", "Tila", "Osapuolet"]
        row = next(line for line in lines if "Istunto numero" in line)
        assert "Muistio hyväksytty" in row and "Valtio" in row
        assert row.rstrip(" ▁▂▃▄▅▆▇█▏▎▍▌▋▊▉").endswith("…")  # the parties, cut where it shows


async def test_a_click_moves_the_cursor_and_a_second_click_opens(
    app_for: MakeApp, sessions: Path
) -> None:
    app = app_for()
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(SessionTable)
        assert [entry.path.name for entry in table.entries.values()] == [FOLLOWUP, FIRST]
        await pilot.click(SessionTable, offset=(3, 2))  # the header is line 0
        await settle(pilot)
        assert table.current is not None and table.current.path == sessions / FIRST
        assert isinstance(app.screen, HomeScreen)
        await pilot.click(SessionTable, offset=(3, 2))
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)
        assert app.screen.editor.path == sessions / FIRST
