"""The rest of the open forms' typing comes back after a crash (issue 18, item 3).

Before: a reading added with Enter in the indicator form, a path typed for the
summary's export and a name typed in the dialog that asks who approves the minutes
were in no journal and no draft file: a crash lost them. Each test types, lets the
journal (or the draft file) write, drops the app without saving as a crash does,
starts it again, and takes back what is offered.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from kumppani.editing.approval import approve_file
from kumppani.session.model import Reading
from kumppani.storage.draft_file import APPROVAL, draft_path, read_draft
from kumppani.storage.files import load_session, read_session
from kumppani.tui.app import KumppaniApp
from kumppani.tui.dialogs.approve import ApproveDialog
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.dialogs.indicator_editor import IndicatorEditor, ReadingsTable
from kumppani.tui.screens.home import HomeScreen
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.screens.summary import SummaryScreen
from kumppani.tui.widgets.tables.session_table import SessionTable
from tests.support.drafts import crash_while_typing, recovered
from tests.support.examples import FIRST
from tests.support.tui import SLOW, MakeApp, screen_text, settle, step_screen

SIZE = (100, 30)


async def open_indicator(app: KumppaniApp, pilot: Pilot[Any], screen: StepScreen) -> str:
    """Open the first indicator of step 5 in its form; its id."""
    screen.show_step(4)
    indicator = screen.editor.session.indicators[0]
    screen.panels.edit_plan(indicator.id)
    await settle(pilot)
    assert isinstance(app.screen, IndicatorEditor)
    return indicator.id


async def test_a_reading_added_with_enter_comes_back_in_the_indicator_form(
    app_for: MakeApp,
) -> None:
    edited: list[str] = []
    before: list[Reading] = []

    async def typing(app: KumppaniApp, pilot: Pilot[Any], screen: StepScreen) -> None:
        edited.append(await open_indicator(app, pilot, screen))
        before.extend(screen.editor.session.indicators[0].readings)
        app.screen.query_one("#reading-value", Input).focus()
        await pilot.press("4", "2", "tab", *"kevään mittaus", "enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, IndicatorEditor)
        assert len(form.indicator.readings) == len(before) + 1  # added, the row empty again
        assert form.query_one("#reading-value", Input).value == ""

    await crash_while_typing(app_for, typing)
    added = Reading(on=dt.date.today(), value=42, note="kevään mittaus")
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=SIZE) as pilot:
        await recovered(pilot, then=IndicatorEditor)
        form = app.screen
        assert isinstance(form, IndicatorEditor)  # open again, on that indicator
        assert form.original is not None and form.original.id == edited[0]
        assert form.indicator.readings == sorted([*before, added], key=lambda item: item.on)
        assert form.query_one(ReadingsTable).row_count == len(before) + 1
        await pilot.press("ctrl+s")
        await settle(pilot)
        readings = step_screen(app).editor.session.indicators[0].readings
        assert readings == sorted([*before, added], key=lambda item: item.on)


async def test_a_reading_deleted_in_the_indicator_form_stays_deleted(app_for: MakeApp) -> None:
    kept: list[Reading] = []

    async def typing(app: KumppaniApp, pilot: Pilot[Any], screen: StepScreen) -> None:
        await open_indicator(app, pilot, screen)
        readings = screen.editor.session.indicators[0].readings
        assert readings, "the example has a reading to delete"
        kept.extend(readings[1:])
        table = app.screen.query_one(ReadingsTable)
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("delete")  # no field changes: only the readings do

    await crash_while_typing(app_for, typing)
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=SIZE) as pilot:
        await recovered(pilot, then=IndicatorEditor)
        form = app.screen
        assert isinstance(form, IndicatorEditor)
        assert form.indicator.readings == kept
        await pilot.press("escape")  # changed: Esc asks before throwing it away
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)


async def test_a_path_typed_for_the_export_comes_back_in_the_summary(
    app_for: MakeApp, tmp_path: Path
) -> None:
    target = str(tmp_path / "kevät-muistio.html")

    async def typing(app: KumppaniApp, pilot: Pilot[Any], screen: StepScreen) -> None:
        screen.action_summary()
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("E")  # asks for the path, the default one shown
        await pilot.press("ctrl+u", *target)
        await settle(pilot)

    await crash_while_typing(app_for, typing)
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=SIZE) as pilot:
        await recovered(pilot, then=SummaryScreen)
        summary = app.screen
        assert isinstance(summary, SummaryScreen)  # open again, the path shown and in focus
        field = summary.query_one("#export-path", Input)
        assert field.value == target
        assert field.has_class("-shown") and field.has_focus
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
    assert Path(target).read_text("utf-8").startswith("<!DOCTYPE html>")


async def test_the_default_export_path_alone_is_no_draft(app_for: MakeApp) -> None:
    async def typing(app: KumppaniApp, pilot: Pilot[Any], screen: StepScreen) -> None:
        screen.action_summary()
        await settle(pilot)
        await pilot.press("E")  # shown, prefilled, nothing typed

    await crash_while_typing(app_for, typing)
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)  # nothing to recover


async def type_an_approver(app: KumppaniApp, pilot: Pilot[Any], path: Path, name: str) -> None:
    """On home: ``h`` on ``path``, the prefilled name replaced by ``name``, no Enter."""
    await settle(pilot)
    assert app.screen.query_one(SessionTable).move_to_path(path)
    await pilot.press("h")
    await settle(pilot)
    assert isinstance(app.screen, ApproveDialog)
    await pilot.press("ctrl+u", *name)
    await settle(pilot)
    app.draft_file(APPROVAL).flush()  # what its writer does within a second


async def test_an_approvers_name_typed_on_home_comes_back_in_its_dialog(
    app_for: MakeApp, sessions: Path
) -> None:
    path = sessions / FIRST
    app = app_for(config=SLOW)
    async with app.run_test(size=SIZE) as pilot:
        await type_an_approver(app, pilot, path, "Sihteeri Salo")
    assert load_session(path).approval is None  # the crash: nothing approved
    assert draft_path(APPROVAL).stat().st_mode & 0o077 == 0  # a name: owner-only

    app = app_for(config=SLOW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ApproveDialog)  # open again, for that session
        assert dialog.query_one("#approve-by", Input).value == "Sihteeri Salo"
        assert "hyväksyjän nimi on palautettu" in "\n".join(
            notice.message for notice in app._notifications
        )
        await pilot.press("escape")  # typed: Esc asks first
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # keep it
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Muistio hyväksytty" in screen_text(app)
    approval = load_session(path).approval
    assert approval is not None and approval.by == "Sihteeri Salo"
    assert read_draft(APPROVAL) is None  # used: not offered again


async def test_an_approval_left_for_minutes_approved_meanwhile_is_dropped(
    app_for: MakeApp, sessions: Path
) -> None:
    path = sessions / FIRST
    app = app_for(config=SLOW)
    async with app.run_test(size=SIZE) as pilot:
        await type_an_approver(app, pilot, path, "Ensimmäinen")
    session, snapshot = read_session(path)
    approve_file(path, session, snapshot, "Toinen")  # meanwhile, by someone else
    app = app_for(config=SLOW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)  # no dialog over approved minutes
    assert read_draft(APPROVAL) is None  # and not offered at every start
    approval = load_session(path).approval
    assert approval is not None and approval.by == "Toinen"
