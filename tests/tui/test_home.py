"""The home screen: sessions newest first, filter, open, broken files, export, delete."""

from __future__ import annotations

from pathlib import Path

import pytest

import kumppani
from kumppani.settings import paths
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.dialogs.error import ErrorDialog
from kumppani.tui.screens.home import HomeScreen
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.tables.session_table import SessionTable
from tests.support.examples import FIRST, FOLLOWUP
from tests.support.tui import MakeApp, screen_text, settle


async def test_lists_newest_first_and_filters(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(SessionTable)
        assert [entry.path.name for entry in table.entries.values()] == [FOLLOWUP, FIRST]
        await pilot.press("slash", *"seurantakokous")
        await settle(pilot)
        assert [entry.path.name for entry in table.entries.values()] == [FOLLOWUP]
        await pilot.press("escape")
        await settle(pilot)
        assert len(table.entries) == 2 and table.has_focus


async def test_enter_opens_the_step_view_and_close_returns(
    app_for: MakeApp, sessions: Path
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(SessionTable)
        assert table.move_to_path(sessions / FIRST)  # a draft
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_a_broken_file_is_listed_and_shows_its_error(
    app_for: MakeApp, sessions: Path
) -> None:
    broken = sessions / "0000-rikki.toml"
    good = (sessions / FIRST).read_text("utf-8")
    broken.write_text(good.replace('title = "Nuorisotyöllisyyden', 'title = 3 # "', 1), "utf-8")
    before = broken.read_bytes()
    app = app_for()
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(SessionTable)
        assert table.move_to_path(broken)
        await settle(pilot)
        assert "virheellinen" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        assert "0000-rikki.toml:6" in app.screen.detail and "title" in app.screen.detail
    assert broken.read_bytes() == before


async def test_opening_a_broken_file_directly_shows_the_error(
    app_for: MakeApp, sessions: Path
) -> None:
    (sessions / "bad.toml").write_text("this is = = not toml")
    app = app_for("bad.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        assert "bad.toml:1" in app.screen.detail


async def test_export_writes_minutes_beside_the_file(app_for: MakeApp, sessions: Path) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
    minutes = (sessions / FOLLOWUP).with_suffix(".md")
    assert minutes.exists() and "Nuorisotyöllisyyden" in minutes.read_text("utf-8")


async def test_export_uses_the_users_templates_and_the_sessions_language(
    app_for: MakeApp, sessions: Path
) -> None:
    builtin = Path(kumppani.__file__).parent / "templates" / "partnership.toml"
    own = paths.user_templates_dir()
    own.mkdir(parents=True, exist_ok=True)
    text = builtin.read_text("utf-8").replace("Yhteinen kokonaiskuva", "Oma kokonaiskuva")
    (own / "partnership.toml").write_text(text, "utf-8")
    app = app_for(language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
    minutes = (sessions / FOLLOWUP).with_suffix(".md").read_text("utf-8")
    assert "Oma kokonaiskuva" in minutes
    assert "Läsnä" in minutes and "Present" not in minutes


async def test_delete_moves_to_trash_after_confirming(app_for: MakeApp, sessions: Path) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert not (sessions / FOLLOWUP).exists()
        assert (sessions / ".trash" / FOLLOWUP).exists()
        assert len(app.screen.query_one(SessionTable).entries) == 1


async def test_the_filter_names_show_at_first_where_the_fields_come(
    app_for: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ["Hae tekstiä", "Alkaen", "Päättyen", "Sarja", "Osapuoli", "Tila"]

    async def filter_row(hold: bool) -> str:
        if hold:  # the first frame: the fields are not mounted yet

            async def later(screen: HomeScreen) -> None:
                return None

            monkeypatch.setattr(HomeScreen, "_mount_filter_bar", later)
        app = app_for()
        async with app.run_test(size=(120, 24)) as pilot:
            await settle(pilot)
            assert (app.screen.filter_bar is None) == hold
            return screen_text(app).splitlines()[1]

    fields = await filter_row(hold=False)
    hint = await filter_row(hold=True)
    assert [hint.index(name) for name in names] == [fields.index(name) for name in names]


async def test_a_new_session_never_takes_an_existing_files_name(
    app_for: MakeApp, sessions: Path
) -> None:
    taken = sessions / "2026-04-02-yhteinen-kuva.toml"
    taken.write_bytes(b"not mine")
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Yhteinen kuva", "enter", "enter", *"2026-04-02", "ctrl+s")
        await settle(pilot)
    assert taken.read_bytes() == b"not mine"
    assert (sessions / "2026-04-02-yhteinen-kuva-2.toml").exists()
