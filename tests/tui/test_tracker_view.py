"""The actions tracker in the interface: every action of the folder, filtered by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest

from kumppani.session.vocabulary import ActionStatus
from kumppani.storage.files import load_session, save_session
from kumppani.tui.app import KumppaniApp
from kumppani.tui.screens.home import HomeScreen
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.screens.tracker import TrackerScreen
from kumppani.tui.widgets.tables.tracker_table import TrackerTable
from tests.support.examples import FOLLOWUP
from tests.support.tui import MakeApp, edit_even_if_approved, screen_text, settle
from tests.support.views import GROWTH, TODAY, add_growth_session, pick_option

ALL = {
    "a-vastaanotto",
    "a-keskeyt",
    "a-kokeilulaki",
    "a-mielenterveys",
    "a-kampanja",
    "a-palvelupiste",
    "a-pilotti",
    "a-katsaus",
}


@pytest.fixture
def folder(sessions: Path) -> Path:
    add_growth_session(sessions)
    return sessions


def shown(app: KumppaniApp) -> set[str]:
    return {item.action.id for item in app.screen.query_one(TrackerTable).shown}


async def open_tracker(app: KumppaniApp, folder: Path) -> TrackerScreen:
    screen = TrackerScreen(folder, app.config, app.translate, today=TODAY)
    await app.push_screen(screen)
    return screen


async def test_home_key_opens_the_tracker_with_every_action_once(
    app_for: MakeApp, folder: Path
) -> None:
    app = app_for()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, TrackerScreen)
        assert shown(app) == ALL
        assert "8/8" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_status_key_steps_through_open_and_each_status(
    app_for: MakeApp, folder: Path
) -> None:
    app = app_for()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await open_tracker(app, folder)
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert shown(app) == {"a-kokeilulaki", "a-mielenterveys", "a-palvelupiste", "a-pilotti"}
        assert "tila avoimet" in screen_text(app)
        await pilot.press("s")  # proposed
        await settle(pilot)
        assert shown(app) == {"a-pilotti"}
        await pilot.press("s", "s", "s")  # agreed, in progress, done
        await settle(pilot)
        assert shown(app) == {"a-vastaanotto", "a-keskeyt", "a-katsaus"}
        await pilot.press("c")
        await settle(pilot)
        assert shown(app) == ALL


async def test_overdue_key_keeps_open_actions_past_their_due_date(
    app_for: MakeApp, folder: Path
) -> None:
    app = app_for()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await open_tracker(app, folder)
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert shown(app) == {"a-kokeilulaki", "a-palvelupiste"}
        text = screen_text(app)
        assert "Käynnissä !" in text and "Sovittu !" in text
        assert "2/8" in text


async def test_owner_and_party_pickers_filter_the_rows(app_for: MakeApp, folder: Path) -> None:
    app = app_for()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await open_tracker(app, folder)
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pick_option(pilot, "Neuvotteleva virkamies")
        assert shown(app) == {"a-kokeilulaki", "a-pilotti"}
        await pilot.press("o")
        await settle(pilot)
        await pick_option(pilot, "(kaikki vastuuhenkilöt)")
        assert shown(app) == ALL
        await pilot.press("p")
        await settle(pilot)
        await pick_option(pilot, "Pirkanmaan hyvinvointialue")
        assert shown(app) == {"a-mielenterveys"}
        await pilot.press("p")
        await settle(pilot)
        await pick_option(pilot, "Valtio")
        # The state answers for what its people own or its organisations are responsible for.
        assert {"a-kokeilulaki", "a-palvelupiste", "a-pilotti"} <= shown(app)
        assert "a-mielenterveys" not in shown(app)


async def test_text_search_and_escape_clears_it(app_for: MakeApp, folder: Path) -> None:
    app = app_for()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await open_tracker(app, folder)
        await settle(pilot)
        await pilot.press("slash", *"PILOTTI")
        await settle(pilot)
        assert shown(app) == {"a-pilotti"}
        await pilot.press("escape")
        await settle(pilot)
        assert shown(app) == ALL
        assert app.screen.query_one(TrackerTable).has_focus


@pytest.mark.parametrize(
    ("action_id", "expected"), [("a-pilotti", GROWTH), ("a-kampanja", FOLLOWUP)]
)
async def test_enter_opens_the_session_the_action_comes_from(
    app_for: MakeApp, folder: Path, action_id: str, expected: str
) -> None:
    app = app_for()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await open_tracker(app, folder)
        await settle(pilot)
        table = app.screen.query_one(TrackerTable)
        ids = [item.action.id for item in table.shown]
        await pilot.press("ctrl+home", *["down"] * ids.index(action_id), "enter")
        await settle(pilot)
        await edit_even_if_approved(pilot)  # the follow-up's minutes are approved
        assert isinstance(app.screen, StepScreen)
        assert app.screen.editor.path == folder / expected
        assert not app.screen.editor.read_only
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, TrackerScreen)


async def test_a_broken_file_is_counted_and_skipped(app_for: MakeApp, folder: Path) -> None:
    (folder / "0000-rikki.toml").write_text("format = 3\n[session\n", "utf-8")
    app = app_for()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await open_tracker(app, folder)
        await settle(pilot)
        assert shown(app) == ALL
        assert "1 tiedosto ohitettiin" in screen_text(app)


async def test_command_palette_opens_the_tracker(app_for: MakeApp, folder: Path) -> None:
    app = app_for()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"kaikkien istuntojen toimenpiteet")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TrackerScreen)
        assert shown(app) == ALL


async def test_back_from_a_session_the_tracker_reads_the_folder_again(
    app_for: MakeApp, folder: Path
) -> None:
    app = app_for()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await open_tracker(app, folder)
        await settle(pilot)
        ids = [item.action.id for item in app.screen.query_one(TrackerTable).shown]
        await pilot.press("ctrl+home", *["down"] * ids.index("a-pilotti"), "r")
        await settle(pilot)
        assert isinstance(app.screen, StepScreen) and app.screen.editor.read_only
        # Meanwhile someone else marks the pilot done in the file.
        session = load_session(folder / GROWTH)
        session.actions[1].set_status(ActionStatus.DONE, TODAY)
        save_session(session, folder / GROWTH)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, TrackerScreen)
        await pilot.press("s")
        await settle(pilot)
        assert "a-pilotti" not in shown(app)
