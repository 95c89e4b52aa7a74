"""← and → move between a dialog's buttons, as the bytes a terminal sends (ESC [ D, ESC [ C).

Found at 80x24: in home's "merge the conflict copy?" the focus starts on "Peruuta";
→ or ← then Enter chose "Peruuta" again, silently, so the copy was never merged.
"""

from __future__ import annotations

from pathlib import Path

from textual._xterm_parser import XTermParser
from textual.pilot import Pilot
from textual.widgets import Button

from kumppani.settings.config import Config
from kumppani.storage.files import TRASH_FOLDER
from kumppani.tui.app import make_app
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.widgets.tables.session_table import SessionTable
from tests.support.tui import settle, wait_for
from tests.tui.test_home_sync_copies import COPY, folder_with_copy, rows

LEFT, RIGHT, ENTER = "\x1b[D", "\x1b[C", "\r"


async def send_bytes(pilot: Pilot[object], data: str) -> None:
    for event in XTermParser().feed(data):
        pilot.app.post_message(event)
    await settle(pilot)


def focused_label(pilot: Pilot[object]) -> str:
    focused = pilot.app.focused
    assert isinstance(focused, Button)
    return str(focused.label)


async def test_arrows_move_between_the_buttons_and_enter_takes_the_one_reached(
    tmp_path: Path,
) -> None:
    folder = folder_with_copy(tmp_path)
    app = make_app(Config(), folder, language="fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(SessionTable).move_to_path(folder / COPY)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert focused_label(pilot) == "Peruuta"
        await send_bytes(pilot, RIGHT)
        assert focused_label(pilot) == "Peruuta"  # the last button: nothing past it
        await send_bytes(pilot, LEFT)
        assert focused_label(pilot) == "Yhdistä"
        await send_bytes(pilot, RIGHT + LEFT + ENTER)
        await wait_for(pilot, lambda: (folder / TRASH_FOLDER / COPY).exists())
        assert not isinstance(app.screen, ConfirmDialog)
        await wait_for(pilot, lambda: COPY not in rows(app))  # the folder read again
    assert not (folder / COPY).exists()
    assert (folder / TRASH_FOLDER / COPY).exists()
