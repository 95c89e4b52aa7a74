"""The vote dialog's "dots per party" box is readable: off is empty, on is a legible X.

Before, the box was Textual's ``Checkbox``: its X drawn ``$panel-darken-2`` on ``$panel``,
which in 256 colours (tmux) is black on black (colour 16 on 16), on and off alike.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Checkbox

from kumppani.settings.config import Config
from kumppani.tui.app import KumppaniApp
from kumppani.tui.dialogs.vote_dialog import VoteDialog
from kumppani.tui.themes import CONTRAST, LIGHT
from kumppani.tui.widgets.step.note_list import NoteList
from tests.support.contrast import SYSTEMS, cell_ratio, cells
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, settle

MARK = 3.0
"""WCAG's minimum for a graphic that says a state (the X is a mark, not text)."""


def box_marks(app: KumppaniApp) -> list[Any]:
    """The cells inside the box's ▐ ▌ (the characters drawn there that are not blank)."""
    box = app.screen.query_one("#vote-per", Checkbox)
    region = box.content_region
    return [
        cell
        for cell in cells(app)
        if cell.y == region.y and region.x <= cell.x < region.x + 3 and cell.text == "X"
    ]


@pytest.mark.parametrize("theme", [Config().theme, LIGHT, CONTRAST])
@pytest.mark.parametrize("system", SYSTEMS)
async def test_the_per_party_box_is_empty_when_off_and_a_legible_x_when_on(
    app_for: MakeApp, system: str, theme: str
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = theme
        app.screen.query_one(NoteList).focus()
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, VoteDialog)
        box = app.screen.query_one("#vote-per", Checkbox)
        assert not box.value
        assert box_marks(app) == []  # off: nothing to read as ticked
        box.focus()
        await pilot.press("space")
        await settle(pilot)
        assert box.value
        [mark] = box_marks(app)
        assert cell_ratio(mark, SYSTEMS[system]) >= MARK, mark
        box.blur()
        app.screen.set_focus(None)
        await settle(pilot)
        [mark] = box_marks(app)
        assert cell_ratio(mark, SYSTEMS[system]) >= MARK, mark
