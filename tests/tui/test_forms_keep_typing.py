"""Forms never change or lose anything silently, driven through the real app.

Ctrl+G saved unchanged keeps each step's own planned minutes; an indicator
reading typed but not added with Enter is added on Ctrl+S, and after Enter the
focus is on the next row's date; Esc on a changed form asks (discard / keep
editing) in the action editor, the session details, the new-session form, the
roster and the dot vote, while an unchanged form closes at once.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input

from kumppani.session.model import Indicator, Participant, Reading, Session, default_steps
from kumppani.settings.config import Config
from kumppani.storage.files import load_session, save_session
from kumppani.tui.app import KumppaniApp, make_app
from kumppani.tui.dialogs.action_editor import ActionEditor
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.dialogs.indicator_editor import IndicatorEditor
from kumppani.tui.dialogs.vote_dialog import VoteDialog
from kumppani.tui.screens.setup import SetupScreen
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.step.note_list import NoteList
from kumppani.tui.widgets.tables.plan_table import PlanTable
from tests.support.tui import settle

MINUTES = {"overall": 25, "situation": 1, "will": 7, "solutions": 0, "followup": 90}
"""Far from the template's 20/30/30/40/20."""


def session_file(folder: Path) -> Path:
    steps = default_steps(MINUTES)
    steps[0].notes = []
    session = Session(
        title="Pyöräily",
        date=dt.date(2026, 4, 2),
        start_time=dt.time(9, 30, 15),
        steps=steps,
        participants=[Participant("Aino", "TEM", party="state")],
        indicators=[Indicator("Pyöräilyn osuus", unit="%", baseline=12.0, target=20)],
    )
    path = folder / "pyoraily.toml"
    save_session(session, path)
    return path


def open_app(path: Path) -> KumppaniApp:
    return make_app(Config(), path.parent, language="fi", open_file=path)


def step_screen(app: KumppaniApp) -> StepScreen:
    assert isinstance(app.screen, StepScreen)
    return app.screen


async def test_session_details_saved_unchanged_keep_each_steps_planned_minutes(
    tmp_path: Path,
) -> None:
    path = session_file(tmp_path)
    before = path.read_bytes()
    app = open_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        shown = {key: app.screen.query_one(f"#minutes-{key}", Input).value for key in MINUTES}
        assert shown == {key: str(value) for key, value in MINUTES.items()}
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = step_screen(app)
        assert {step.key: step.planned_minutes for step in screen.editor.session.steps} == MINUTES
        assert not screen.editor.dirty
        await pilot.press("ctrl+o")
        await settle(pilot)
    assert path.read_bytes() == before


async def open_indicator(app: KumppaniApp, pilot: object) -> IndicatorEditor:
    await pilot.press("alt+5")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    step_screen(app).query_one(PlanTable).focus()
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, IndicatorEditor)
    return app.screen


async def test_a_reading_typed_but_not_added_is_kept_by_ctrl_s(tmp_path: Path) -> None:
    path = session_file(tmp_path)
    app = open_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        editor = await open_indicator(app, pilot)
        editor.query_one("#reading-date", Input).value = "2026-03-01"
        editor.query_one("#reading-value", Input).focus()
        await pilot.press(*"13,5", "enter")
        assert app.focused is editor.query_one("#reading-date", Input)  # the next row's date
        editor.query_one("#reading-date", Input).value = "2026-09-01"
        editor.query_one("#reading-value", Input).focus()
        await pilot.press(*"14", "ctrl+s")  # typed, never added with Enter
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
    [indicator] = load_session(path).indicators
    assert indicator.readings == [
        Reading(dt.date(2026, 3, 1), 13.5),
        Reading(dt.date(2026, 9, 1), 14),
    ]


async def asked_then(app: KumppaniApp, pilot: object, *, discard: bool) -> None:
    """Esc was pressed on a changed form: it must ask; answer keep editing or discard."""
    assert isinstance(app.screen, ConfirmDialog), f"Esc closed {app.screen!r} unasked"
    await pilot.press("y" if discard else "n")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def test_escape_on_a_filled_action_form_asks_before_discarding(tmp_path: Path) -> None:
    path = session_file(tmp_path)
    app = open_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("alt+4")
        step_screen(app).query_one(NoteList).focus()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ActionEditor)
        await pilot.press(*"Yhteinen pyöräilystrategia", "enter", *"Kuvaus")
        await pilot.press("escape")
        await asked_then(app, pilot, discard=False)
        assert isinstance(app.screen, ActionEditor)
        assert app.screen.query_one("#field-title", Input).value == "Yhteinen pyöräilystrategia"
        await pilot.press("escape")
        await asked_then(app, pilot, discard=True)
        screen = step_screen(app)
        assert screen.editor.session.actions == [] and not screen.editor.dirty
        await pilot.press("tab", "a")  # an unchanged form closes on Esc at once
        await settle(pilot)
        assert isinstance(app.screen, ActionEditor)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)


async def test_escape_on_changed_details_and_roster_asks(tmp_path: Path) -> None:
    path = session_file(tmp_path)
    app = open_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("end", *" 2")
        await pilot.press("escape")
        await asked_then(app, pilot, discard=False)
        form = app.screen
        assert isinstance(form, SetupScreen)
        assert form.query_one("#field-title", Input).value == "Pyöräily 2"
        form.query_one("#field-title", Input).value = "Pyöräily"
        form.query_one("#roster-name", Input).focus()
        await pilot.press(*"Ville")  # a participant typed, not yet added
        await pilot.press("escape")
        await asked_then(app, pilot, discard=True)
        assert isinstance(app.screen, StepScreen)
        assert [p.name for p in step_screen(app).editor.session.participants] == ["Aino"]


async def test_escape_on_the_new_session_form_asks(tmp_path: Path) -> None:
    app = make_app(Config(), tmp_path, language="fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        await pilot.press(*"Uusi pyöräilypöytä", "escape")
        await asked_then(app, pilot, discard=False)
        assert app.screen.query_one("#field-title", Input).value == "Uusi pyöräilypöytä"


async def test_escape_on_typed_dot_vote_counts_asks(tmp_path: Path) -> None:
    path = session_file(tmp_path)
    app = open_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"eka", "enter", *"toka", "enter")
        step_screen(app).query_one(NoteList).focus()
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, VoteDialog)
        await pilot.press("3", "enter", "2", "escape")
        await asked_then(app, pilot, discard=False)
        counts = [field.value for field in app.screen.query(".count").results(Input)]
        assert counts == ["3", "2"]
