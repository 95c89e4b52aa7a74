"""The home screen's library: a scan in a worker with progress, sorting, filters, broken files."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest

from kumppani.library import ScanResult, scan_folder
from kumppani.settings.config import Config
from kumppani.tui.app import KumppaniApp, make_app
from kumppani.tui.dialogs.error import ErrorDialog
from kumppani.tui.screens import home as home_module
from kumppani.tui.screens.home import HomeScreen
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.tables.session_table import SessionTable
from tests.support.library import BROKEN, make_library
from tests.support.tui import screen_text, settle


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return make_library(tmp_path / "library")


def app_over(folder: Path, language: str = "fi") -> KumppaniApp:
    return make_app(Config(), folder, language=language)


def shown(app: KumppaniApp) -> list[str]:
    table = app.screen.query_one(SessionTable)
    return [entry.path.stem for entry in table.entries.values()]


def good(names: list[str]) -> list[str]:
    return [name for name in names if not name.startswith("rikki")]


async def test_lists_every_session_newest_first_and_every_broken_file(library: Path) -> None:
    app = app_over(library)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        names = shown(app)
        assert good(names) == [
            "nuoret-seuranta",
            "osaaminen-lahti",
            "nuoret-tampere",
            "liikenne-oulu",
            "asuminen-turku",
            "ilmasto-espoo",
        ]
        assert sorted(names[6:]) == sorted(Path(name).stem for name in BROKEN)
        text = screen_text(app)
        assert "rikki-tyyppi.toml:6 · session.title" in text
        assert "rikki-syntaksi.toml:3" in text and "rikki-koodaus.toml:2" in text
        assert "9/9 istuntoa" in text and "3 virheellistä tiedostoa" in text


async def test_a_broken_file_opens_neither_for_editing_nor_for_review(library: Path) -> None:
    broken = library / "rikki-tyyppi.toml"
    before = broken.read_bytes()
    app = app_over(library)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(SessionTable)
        assert table.move_to_path(broken)
        for key in ("enter", "r", "h"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, ErrorDialog), key
            assert "rikki-tyyppi.toml:6" in app.screen.detail
            assert "session.title" in app.screen.detail
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
    assert broken.read_bytes() == before


async def test_sorts_by_title_status_and_reversed(library: Path) -> None:
    app = app_over(library)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert good(shown(app)) == [
            "asuminen-turku",
            "ilmasto-espoo",
            "liikenne-oulu",
            "nuoret-tampere",
            "nuoret-seuranta",
            "osaaminen-lahti",
        ]
        assert "Järjestys: otsikko ↓" in screen_text(app)
        await pilot.press("s")
        await settle(pilot)
        assert good(shown(app))[:2] == ["nuoret-seuranta", "osaaminen-lahti"]  # draft first
        assert good(shown(app))[-2:] == ["asuminen-turku", "ilmasto-espoo"]  # approved last
        await pilot.press("s", "S")
        await settle(pilot)
        assert good(shown(app))[0] == "ilmasto-espoo"  # date, oldest first
        assert "Järjestys: päivä ↑" in screen_text(app)


async def test_filters_from_the_keyboard(library: Path) -> None:
    app = app_over(library)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        # Text is found in notes too; a broken file matches by name only.
        await pilot.press("slash", *"ratikka")
        await settle(pilot)
        assert shown(app) == ["liikenne-oulu"]
        await pilot.press("escape")
        await settle(pilot)
        assert len(shown(app)) == 9 and app.screen.query_one(SessionTable).has_focus
        # Date range: Tab to "from", then to "until".
        await pilot.press("slash", "tab", *"2025-01-01", "tab", *"2026-03-31")
        await settle(pilot)
        assert shown(app) == ["nuoret-tampere", "liikenne-oulu", "asuminen-turku"]
        # A date that does not parse is marked and does not filter.
        await pilot.press("backspace", "backspace", "backspace")
        await settle(pilot)
        assert "Päivämäärä muodossa VVVV-KK-PP tai P.K.VVVV" in screen_text(app)
        assert good(shown(app))[0] == "nuoret-seuranta"
        await pilot.press("escape", "slash", "tab", "escape")
        await settle(pilot)
        assert len(shown(app)) == 9
        # Series: a session's file or id gives its whole series.
        await pilot.press("slash", "tab", "tab", "tab", *"nuoret-seuranta.toml", "enter")
        await settle(pilot)
        assert shown(app) == ["nuoret-seuranta", "nuoret-tampere"]
        await pilot.press("slash", "tab", "tab", "tab", "escape")
        await settle(pilot)
        # Party, then status, picked from their lists with the keyboard.
        await pilot.press("slash", "tab", "tab", "tab", "tab", "enter")
        await settle(pilot)
        await pilot.press("down", "down", "down", "enter")  # prompt, state, city, other
        await settle(pilot)
        assert shown(app) == ["osaaminen-lahti", "ilmasto-espoo"]
        await pilot.press("tab", "enter")
        await settle(pilot)
        await pilot.press("down", "down", "down", "down", "enter")  # … completed, approved
        await settle(pilot)
        assert shown(app) == ["ilmasto-espoo"]
        assert "1/9 istuntoa" in screen_text(app)


async def test_the_scan_runs_in_a_worker_with_progress_and_the_screen_answers(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    halfway = threading.Event()
    release = threading.Event()

    def slow_scan(folder: Path, **options: Any) -> ScanResult:
        progress = options["progress"]
        progress(340, 1000)  # returns once the screen has shown it
        halfway.set()
        release.wait(30)
        result = scan_folder(folder)
        progress(1000, 1000)
        return result

    monkeypatch.setattr(home_module, "scan_folder", slow_scan)
    app = app_over(library)
    async with app.run_test(size=(120, 30)) as pilot:
        assert await asyncio.to_thread(halfway.wait, 30)
        await pilot.pause()
        assert "Luetaan 340/1000" in screen_text(app)
        await pilot.press("slash", *"nuoret")  # typing works while the folder is read
        await pilot.pause()
        assert app.screen.query_one("#filter").value == "nuoret"  # type: ignore[attr-defined]
        release.set()
        await settle(pilot)
        assert shown(app) == ["nuoret-seuranta", "nuoret-tampere"]
        assert "Luetaan" not in screen_text(app)


async def test_enter_opens_a_good_session_for_editing(library: Path) -> None:
    app = app_over(library)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)
        assert app.screen.editor.path == library / "nuoret-seuranta.toml"
