"""The projector view follows the live session file, read-only, and shows the room the step."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from kumppani.roundtable import rounds
from kumppani.session.model import Note
from kumppani.settings.config import Config
from kumppani.storage.files import load_session, save_session
from kumppani.tui.projector.app import PresentApp
from tests.support.examples import EXAMPLES, FIRST
from tests.support.tui import screen_text

T0 = dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))


@pytest.fixture
def live_file(tmp_path: Path) -> Path:
    """A copy of the example, with the facilitator in step 2, timer and a round running."""
    path = tmp_path / FIRST
    shutil.copy(EXAMPLES / FIRST, path)
    session = load_session(path)
    session.live.step = "situation"
    session.live.timer_since = T0
    session.live.timer_spent = 600
    step = session.step("situation")
    rounds.start_round(step, session.participants, T0, seconds_each=120)
    save_session(session, path)
    return path


def app_for(path: Path, language: str = "fi") -> PresentApp:
    return PresentApp(path, Config(), language, clock=lambda: T0 + dt.timedelta(seconds=75))


async def test_projector_shows_the_live_step_timer_floor_and_latest_notes(
    live_file: Path,
) -> None:
    before = live_file.read_bytes()
    app = app_for(live_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "VAIHE 2/5 · YHTEINEN TILANNEKUVA" in text
        assert "Mitkä haasteet ovat juuri nyt kiireellisimpiä" in text
        assert "Puheenvuoro: Neuvotteleva virkamies (TEM, valtio)   ⏱ 1:15 / 2:00" in text
        assert "Riittääkö tilastotieto" in text  # the latest note
        assert app.query_one("#present-timer").value == "23:45"  # type: ignore[attr-defined]
    assert live_file.read_bytes() == before


async def test_projector_follows_the_file_as_it_is_saved(live_file: Path) -> None:
    app = app_for(live_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        session = load_session(live_file)
        session.step("will").notes.append(Note("Uusi yhteinen tavoite", created=T0))
        session.live.step = "will"
        session.live.timer_since = None
        save_session(session, live_file)
        app.poll()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "YHTEINEN TAHTOTILA JA TAVOITE" in text
        assert "Uusi yhteinen tavoite" in text
        assert "Puheenvuoro" not in text


async def test_a_broken_save_keeps_the_last_picture(live_file: Path) -> None:
    app = app_for(live_file, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        live_file.write_text(live_file.read_text("utf-8")[:500], "utf-8")
        app.poll()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "2/5 · SHARED SITUATION PICTURE" in text.upper()
        assert "not updating:" in text
        await pilot.press("q")
    assert app.return_code in (0, None)


def test_projector_snapshot(snap_compare: Any, live_file: Path) -> None:
    assert snap_compare(app_for(live_file), terminal_size=(100, 30))


@pytest.mark.parametrize(
    "size", [pytest.param((80, 24), id="80x24"), pytest.param((60, 20), id="60x20")]
)
def test_projector_snapshot_small(snap_compare: Any, live_file: Path, size: Any) -> None:
    assert snap_compare(app_for(live_file), terminal_size=size)
