"""After a crash, an open form comes back open, with what was typed in it (issue 18, item 3).

Before: a form's typing came back only as text in a dialog, to copy by hand into a
form opened again. Now the form opens again where it was opened (the step, the note,
the action), its fields hold what was typed, saving it keeps that, and Esc asks
before throwing it away. Each test types into a form, lets the journal write (what
its flusher does within a second), drops the app without saving (as a crash does),
and starts it again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Select, TextArea

from kumppani.editing.editor import SessionEditor
from kumppani.editing.journaling import start_journal
from kumppani.session.vocabulary import ActionStatus
from kumppani.storage.locks import release
from kumppani.tui.app import KumppaniApp
from kumppani.tui.dialogs.action_editor import ActionEditor
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.dialogs.indicator_editor import IndicatorEditor
from kumppani.tui.dialogs.note_editor import NoteEditor
from kumppani.tui.dialogs.round_dialog import RoundDialog
from kumppani.tui.screens.setup import SetupScreen
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.forms.roster import Roster
from kumppani.tui.widgets.forms.tick_box import TickBox
from kumppani.tui.widgets.step.note_list import NoteList
from tests.support.drafts import crash_while_typing, recovered
from tests.support.examples import FIRST
from tests.support.tui import SLOW, MakeApp, paste, settle, step_screen


async def test_a_new_action_comes_back_open_with_its_title_and_status(app_for: MakeApp) -> None:
    async def typing(app: KumppaniApp, pilot: Pilot[Any], screen: StepScreen) -> None:
        screen.show_step(3)
        screen.query_one(NoteList).focus()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ActionEditor)
        await paste(pilot, "Nuorisotakuun kokeilu")
        app.screen.query_one("#field-status", Select).value = ActionStatus.AGREED

    await crash_while_typing(app_for, typing)
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await recovered(pilot, then=ActionEditor)
        form = app.screen
        assert isinstance(form, ActionEditor) and form.original is None
        assert form.query_one("#field-title", Input).value == "Nuorisotakuun kokeilu"
        assert form.query_one("#field-status", Select).value is ActionStatus.AGREED
        await pilot.press("ctrl+s")
        await settle(pilot)
        actions = step_screen(app).editor.session.actions
        assert (actions[-1].title, actions[-1].status) == ("Nuorisotakuun kokeilu", "agreed")


async def test_an_edited_indicator_comes_back_as_that_indicator(app_for: MakeApp) -> None:
    edited: list[str] = []

    async def typing(app: KumppaniApp, pilot: Pilot[Any], screen: StepScreen) -> None:
        screen.show_step(4)
        indicator = screen.editor.session.indicators[0]
        edited.append(indicator.id)
        screen.panels.edit_plan(indicator.id)
        await settle(pilot)
        assert isinstance(app.screen, IndicatorEditor)
        field = app.screen.query_one("#field-name", Input)
        field.focus()
        await pilot.press("end", *" (korjattu)")

    await crash_while_typing(app_for, typing)
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await recovered(pilot, then=IndicatorEditor)
        form = app.screen
        assert isinstance(form, IndicatorEditor) and form.original is not None
        assert form.original.id == edited[0]
        assert form.query_one("#field-name", Input).value == form.original.name + " (korjattu)"
        await pilot.press("escape")  # changed: Esc asks first
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")  # discard, asked and answered
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)
        assert app.screen.editor.session.indicators[0].name == form.original.name


async def test_a_round_dialog_comes_back_with_its_minutes_and_alternation(
    app_for: MakeApp,
) -> None:
    async def typing(app: KumppaniApp, pilot: Pilot[Any], screen: StepScreen) -> None:
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, RoundDialog)
        await pilot.press("backspace", "7", "tab", "space")

    await crash_while_typing(app_for, typing)
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await recovered(pilot, then=RoundDialog)
        form = app.screen
        assert isinstance(form, RoundDialog)
        assert form.query_one("#round-minutes", Input).value == "7"
        assert form.query_one("#round-alternate", TickBox).value is True
        await pilot.press("enter")  # start the round as it was set up
        await settle(pilot)
        step = step_screen(app).current_step
        assert step.current_round is not None and step.current_round.seconds_each == 7 * 60


async def test_a_notes_text_being_edited_comes_back_on_that_note(app_for: MakeApp) -> None:
    chosen: list[str] = []

    async def typing(app: KumppaniApp, pilot: Pilot[Any], screen: StepScreen) -> None:
        screen.show_step(1)
        notes = screen.query_one(NoteList)
        notes.focus()
        await pilot.press("up")
        await settle(pilot)
        assert notes.current is not None, screen.current_step.notes
        chosen.append(notes.current.id)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("ctrl+end")
        await paste(pilot, " – tarkennus")

    await crash_while_typing(app_for, typing)
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await recovered(pilot, then=NoteEditor)
        form = app.screen
        assert isinstance(form, NoteEditor)
        text = form.query_one("#note-text", TextArea).text
        assert text.endswith(" – tarkennus")
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = step_screen(app)
        assert screen.step_key == "situation"
        assert screen.editor.note("situation", chosen[0]).text == text


async def test_names_journaled_by_an_earlier_version_come_back_into_the_roster(
    app_for: MakeApp, sessions: Path
) -> None:
    # Journals written before forms came back open kept only the names added, as texts.
    editor = SessionEditor.open(sessions / FIRST)
    before = [person.name for person in editor.session.participants]
    journal = start_journal(editor)
    journal.draft("form:SetupScreen", {"roster": ["Vanha Muoto"]})
    journal.flush()
    release(sessions / FIRST)
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await recovered(pilot, then=SetupScreen)
        form = app.screen
        assert isinstance(form, SetupScreen)
        roster = [person.name for person in form.query_one(Roster).participants]
        assert roster == [*before, "Vanha Muoto"]
