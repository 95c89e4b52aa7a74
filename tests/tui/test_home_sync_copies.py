"""Sync clients' conflict copies on the home screen: beside their original, merged with ``m``."""

from __future__ import annotations

import shutil
from pathlib import Path

from kumppani.session.model import Note
from kumppani.settings.config import Config
from kumppani.storage.files import TRASH_FOLDER, load_session, save_session
from kumppani.tui.app import KumppaniApp, make_app
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.widgets.tables.session_table import SessionTable
from tests.support.examples import EXAMPLES, FIRST
from tests.support.tui import screen_text, settle

COPY = FIRST.replace(".toml", ".sync-conflict-20260312-101500-ABCDEFG.toml")
"""Syncthing's name for the copy of the first example session."""
CONFLICT = FIRST.replace(".toml", " (conflicted copy 2026-03-12 101500).toml")
"""Nextcloud's."""


def folder_with_copy(tmp_path: Path, name: str = COPY) -> Path:
    folder = tmp_path / "istunnot"
    folder.mkdir()
    for path in EXAMPLES.glob("*.toml"):
        shutil.copy(path, folder / path.name)
    copy = load_session(folder / FIRST)
    copy.step("overall").notes.append(Note("toisella koneella kirjattu", id="n-kopiosta"))
    save_session(copy, folder / name)
    return folder


def rows(app: KumppaniApp) -> list[str]:
    return [entry.path.name for entry in app.screen.query_one(SessionTable).entries.values()]


def notices(app: KumppaniApp) -> str:
    return "\n".join(notice.message for notice in app._notifications)


async def test_a_copy_is_listed_under_its_original_marked_and_merged_with_m(
    tmp_path: Path,
) -> None:
    folder = folder_with_copy(tmp_path)
    app = make_app(Config(), folder, language="fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        listed = rows(app)
        assert listed.index(COPY) == listed.index(FIRST) + 1  # right under its original
        text = screen_text(app)
        assert "ristiriitakopio" in text and "↳ " in text
        assert "1 synkronoinnin ristiriitakopio (m: yhdistä alkuperäiseen)" in text
        table = app.screen.query_one(SessionTable)
        assert table.move_to_path(folder / COPY)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert COPY in app.screen.body and ".trash/" in app.screen.body
        await pilot.press("shift+tab", "enter")  # the focus starts on "Peruuta"
        await settle(pilot)
        await settle(pilot)  # the merge's worker, then the folder read again in another
        assert COPY not in rows(app)
        assert "ristiriitakopio" not in screen_text(app)
        assert f"Kopio yhdistettiin istuntoon {FIRST}" in notices(app)
    ids = [note.id for note in load_session(folder / FIRST).step("overall").notes]
    assert ids.count("n-kopiosta") == 1
    assert not (folder / COPY).exists()
    assert (folder / TRASH_FOLDER / COPY).exists()


async def test_m_on_an_ordinary_session_says_what_it_is_for(tmp_path: Path) -> None:
    folder = folder_with_copy(tmp_path, CONFLICT)
    before = (folder / FIRST).read_bytes()
    app = make_app(Config(), folder, language="sv")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "konfliktkopia" in screen_text(app)
        app.screen.query_one(SessionTable).move_to_path(folder / FIRST)
        await pilot.press("m")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmDialog)
        assert "Välj en konfliktkopia" in notices(app)
        app.screen.query_one(SessionTable).move_to_path(folder / CONFLICT)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("escape")  # no: nothing merged, nothing moved
        await settle(pilot)
    assert (folder / FIRST).read_bytes() == before and (folder / CONFLICT).exists()


async def test_a_copy_of_another_session_is_not_merged(tmp_path: Path) -> None:
    folder = folder_with_copy(tmp_path)
    other = load_session(folder / COPY)
    other.id = "toinen-istunto"
    save_session(other, folder / COPY)
    before = (folder / FIRST).read_bytes()
    app = make_app(Config(), folder, language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one(SessionTable).move_to_path(folder / COPY)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("shift+tab", "enter")
        await settle(pilot)
        assert "is not a version of the same session" in notices(app)
    assert (folder / FIRST).read_bytes() == before and (folder / COPY).exists()
