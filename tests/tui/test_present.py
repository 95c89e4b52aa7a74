"""The projector view follows the live session file, read-only, and shows the room the step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kumppani.session.model import Note
from kumppani.storage.files import load_session, save_session
from tests.support.projector import T0, make_live_file
from tests.support.projector import projector_for as app_for
from tests.support.tui import screen_text


@pytest.fixture
def live_file(tmp_path: Path) -> Path:
    """A copy of the example, with the facilitator in step 2, timer and a round running."""
    return make_live_file(tmp_path)


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


async def test_at_60x20_the_latest_notes_show_under_shortened_questions(live_file: Path) -> None:
    app = app_for(live_file)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "• Riittääkö tilastotieto, vai tarvitaanko nopeampaa" in text  # the newest
        assert "• Teema 2: työnantajien kanssa yhdessä nuorille" in text
        assert "5. Näkevätkö valtio ja kaupunki tilanteen samalla taval…" in text


async def test_a_note_taller_than_the_room_shows_its_beginning(live_file: Path) -> None:
    session = load_session(live_file)
    words = " ".join(f"sana{n}" for n in range(200))
    session.step("situation").notes.append(Note(f"Alku {words} loppu", created=T0))
    save_session(session, live_file)
    app = app_for(live_file)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        shown = [line for line in lines if "sana" in line]
        assert "• Alku sana0" in shown[0]
        assert shown[-1].rstrip().endswith("…") and "loppu" not in "".join(lines)


def test_projector_snapshot(snap_compare: Any, live_file: Path) -> None:
    assert snap_compare(app_for(live_file), terminal_size=(100, 30))


@pytest.mark.parametrize(
    "size", [pytest.param((80, 24), id="80x24"), pytest.param((60, 20), id="60x20")]
)
def test_projector_snapshot_small(snap_compare: Any, live_file: Path, size: Any) -> None:
    assert snap_compare(app_for(live_file), terminal_size=size)
