"""Snapshots of the forms at 80x24, 120x40 and the smallest size 60x20, in Finnish and English.

Review changes in ``snapshot_report.html`` before running with ``--snapshot-update``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from kumppani.editing.editor import SessionEditor
from kumppani.session.model import Action, StatusChange
from kumppani.session.vocabulary import ActionStatus
from kumppani.text.i18n import Translator
from kumppani.tui.dialogs.action_editor import ActionEditor
from kumppani.tui.dialogs.indicator_editor import IndicatorEditor
from kumppani.tui.screens.help import HelpScreen
from kumppani.tui.screens.setup import SetupScreen
from kumppani.tui.screens.summary import SummaryScreen

SIZES = [(80, 24), (120, 40), (60, 20)]
SMALL = [(80, 24), (60, 20)]


async def steady(pilot: Pilot[Any]) -> None:
    """Stop the cursors blinking so every run draws the same picture."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_setup_with_a_roster(snap_compare: Any, host: Any, today: dt.date, size: Any) -> None:
    async def fill(pilot: Pilot[Any]) -> None:
        await pilot.press(*"Nuorisotakuu", "enter", *"Työllisyys", "enter")
        pilot.app.screen.query_one("#field-venue", Input).value = "Tampere-talo"
        pilot.app.screen.query_one("#roster-name", Input).focus()
        await pilot.press(*"Aino Virtanen", "tab", *"TEM", "enter")
        await pilot.press(*"[bold]x[/]", "f3", "enter")
        pilot.app.screen.query_one(DataTable).focus()
        await steady(pilot)

    app = host(lambda: SetupScreen(None, Translator("fi"), today=today))
    assert snap_compare(app, terminal_size=size, run_before=fill)


def test_setup_in_english_with_a_date_error(snap_compare: Any, host: Any, today: dt.date) -> None:
    async def fail(pilot: Pilot[Any]) -> None:
        await pilot.press(*"Round table", "enter", "enter", *"31.2.2026", "ctrl+s")
        await steady(pilot)

    app = host(lambda: SetupScreen(None, Translator("en"), today=today))
    assert snap_compare(app, terminal_size=(80, 24), run_before=fail)


@pytest.mark.parametrize("size", SIZES)
def test_action_editor(snap_compare: Any, host: Any, today: dt.date, size: Any) -> None:
    action = Action(
        "Yhteinen ohjausryhmä nuorten palveluille",
        description="Kokoontuu neljästi vuodessa.",
        rationale="Palvelut ovat hajallaan kahdessa hallinnossa.",
        responsible=["TEM", "Tampereen kaupunki"],
        owner="Aino Virtanen",
        due=dt.date(2026, 6, 30),
        status=ActionStatus.AGREED,
        history=[StatusChange(today, ActionStatus.PROPOSED, ActionStatus.AGREED, "pöydässä")],
    )
    app = host(lambda: ActionEditor(Translator("fi"), action, today=today))
    assert snap_compare(app, terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SMALL)
def test_indicator_editor(snap_compare: Any, host: Any, editor: SessionEditor, size: Any) -> None:
    indicator = editor.session.indicators[0]
    app = host(lambda: IndicatorEditor(Translator("fi"), indicator, today=dt.date(2026, 3, 12)))
    assert snap_compare(app, terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: Any, host: Any, size: Any) -> None:
    app = host(lambda: HelpScreen(Translator("fi")))
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare: Any, host: Any, editor: SessionEditor, size: Any) -> None:
    editor.session.recipes = [2]
    app = host(lambda: SummaryScreen(editor, Translator("fi")))
    assert snap_compare(app, terminal_size=size, run_before=steady)
