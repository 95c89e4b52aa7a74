"""Typing not yet in the session survives a crash (issue 18).

Before: about 4 s of capture-line text (no Enter) was lost on kill -9 or a closed terminal,
and three roster names typed in the details form were lost after 3 s idle.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from kumppani.editing.editor import SessionEditor
from kumppani.editing.journaling import start_journal
from kumppani.storage.recovery import find_offer
from kumppani.tui.app import KumppaniApp
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.dialogs.recovery_dialog import RecoveryDialog
from kumppani.tui.screens.setup import SetupScreen
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.forms.roster import Roster
from kumppani.tui.widgets.step.capture_line import CaptureLine
from tests.support.drafts import crash_while_typing, recovered
from tests.support.examples import FIRST
from tests.support.tui import SLOW, MakeApp, paste, screen_text, settle, step_screen

EXAMPLE = Path(__file__).parent.parent.parent / "sessions" / FIRST


def test_a_draft_is_journaled_kept_through_a_save_and_cleared(tmp_path: Path) -> None:
    path = tmp_path / FIRST
    shutil.copy(EXAMPLE, path)
    editor = SessionEditor.open(path)
    journal = start_journal(editor)
    journal.draft("capture:overall", {"text": "puoliksi kirjoitettu"})
    journal.flush()
    offer = find_offer(path)
    assert offer is not None and offer.drafts == {
        "capture:overall": {"text": "puoliksi kirjoitettu"}
    }
    editor.add_note("overall", "valmis")
    journal.flush()
    editor.save()  # the note is in the file; the draft is still typing: it stays
    offer = find_offer(path)
    assert offer is not None and "capture:overall" in offer.drafts
    journal.draft("capture:overall", {})
    journal.flush()
    assert find_offer(path) is None


async def open_roster(app: KumppaniApp, pilot: Pilot[Any]) -> SetupScreen:
    """Open the session details (Ctrl+G) with the focus in the roster's name field."""
    await pilot.press("ctrl+g")
    await settle(pilot)
    form = app.screen
    assert isinstance(form, SetupScreen)
    form.query_one("#roster-name", Input).focus()
    return form


async def test_capture_line_text_without_enter_comes_back(app_for: MakeApp) -> None:
    async def typing(app: KumppaniApp, pilot: Pilot[Any], screen: StepScreen) -> None:
        await pilot.press(*"ei vielä enteriä")

    await crash_while_typing(app_for, typing, size=(120, 30))
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RecoveryDialog)
        assert "Kesken jäänyttä kirjoitusta: 1" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        screen = step_screen(app)
        assert screen.query_one(CaptureLine).value == "ei vielä enteriä"


async def test_names_typed_in_the_roster_come_back_in_the_form(app_for: MakeApp) -> None:
    # Before: the names came back only as text in a dialog, to copy into the form by hand.
    names = ("Aino Esimerkki", "Bertil Prov", "Cecilia Test")
    before: list[str] = []

    async def typing(app: KumppaniApp, pilot: Pilot[Any], screen: StepScreen) -> None:
        before.extend(person.name for person in screen.editor.session.participants)
        await open_roster(app, pilot)
        for name in names:
            await pilot.press(*name, "enter")

    await crash_while_typing(app_for, typing, size=(140, 44))
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(140, 44)) as pilot:
        await recovered(pilot, then=SetupScreen)
        form = app.screen
        assert isinstance(form, SetupScreen)  # the details form, open again
        assert [person.name for person in form.query_one(Roster).participants] == [
            *before,
            *names,
        ]
        await pilot.press("escape")  # the typing is not thrown away unasked
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # keep editing
        await settle(pilot)
        assert app.screen is form
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = [person.name for person in step_screen(app).editor.session.participants]
        assert saved == [*before, *names]


async def test_a_name_left_in_the_roster_field_comes_back_alone(app_for: MakeApp) -> None:
    # The details form opens filled from the session (title, dates, distribution, nine
    # names …); journaled whole, that buried the typed name below the dialog's end.
    titles: list[str] = []

    async def typing(app: KumppaniApp, pilot: Pilot[Any], screen: StepScreen) -> None:
        titles.append(screen.editor.session.title)
        await open_roster(app, pilot)
        await pilot.press(*"Daniel Ilman Enteriä")

    await crash_while_typing(app_for, typing, size=(80, 24))
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RecoveryDialog)
        (draft,) = app.screen.offer.drafts.values()
        assert draft["values"] == {"roster-name": "Daniel Ilman Enteriä"}
        assert "roster" not in draft  # the roster as it was is in the session already
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#roster-name", Input).value == "Daniel Ilman Enteriä"
        assert app.screen.query_one("#field-title", Input).value == titles[0]


async def test_many_names_all_come_back_into_the_roster(app_for: MakeApp) -> None:
    # Shown as text, at 80x24 the dialog held about eight of them.
    names = [f"Osallistuja {number:02}" for number in range(1, 15)]

    async def typing(app: KumppaniApp, pilot: Pilot[Any], screen: StepScreen) -> None:
        await open_roster(app, pilot)
        for name in names:
            await paste(pilot, name)
            await pilot.press("enter")

    await crash_while_typing(app_for, typing, size=(80, 24))
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await recovered(pilot, then=SetupScreen)
        assert isinstance(app.screen, SetupScreen)
        shown = [person.name for person in app.screen.query_one(Roster).participants]
        assert shown[-len(names) :] == names


async def test_opening_the_details_without_typing_leaves_nothing_to_recover(
    app_for: MakeApp, sessions: Path
) -> None:
    async def typing(app: KumppaniApp, pilot: Pilot[Any], screen: StepScreen) -> None:
        await open_roster(app, pilot)

    await crash_while_typing(app_for, typing, size=(80, 24))
    assert find_offer(sessions / FIRST) is None


def test_a_draft_that_became_a_note_is_not_offered_after_the_save(tmp_path: Path) -> None:
    path = tmp_path / FIRST
    shutil.copy(EXAMPLE, path)
    editor = SessionEditor.open(path)
    journal = start_journal(editor)
    journal.draft("capture:overall", {"text": "muistiinpano"})
    journal.flush()
    journal.draft("capture:overall", {})  # Enter: the line is empty again …
    editor.add_note("overall", "muistiinpano")  # … and the text is a note
    editor.save()  # before the flusher ran
    assert find_offer(path) is None and not journal.file.exists()


def test_a_draft_typed_while_a_save_runs_stays_in_the_journal(tmp_path: Path) -> None:
    # Measured in tmux: with autosave on, a capture-line draft typed just before the
    # autosave of the previous note was dropped by the compaction that followed it.
    path = tmp_path / FIRST
    shutil.copy(EXAMPLE, path)
    editor = SessionEditor.open(path)
    journal = start_journal(editor)
    editor.add_note("overall", "tallennettava")
    journal.flush()
    journal.draft("capture:overall", {"text": "kesken tallennuksen aikana"})
    editor.save()  # the flusher has not written the draft yet
    offer = find_offer(path)
    assert offer is not None
    assert offer.drafts == {"capture:overall": {"text": "kesken tallennuksen aikana"}}


async def test_a_closed_forms_draft_is_cleared_and_a_new_ones_kept(
    app_for: MakeApp, sessions: Path
) -> None:
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        journal = screen.editor.journal
        assert journal is not None
        app.draft_purge.pause()  # run by hand below: the forms open and close within it
        await open_roster(app, pilot)
        await pilot.press(*"Hylättävä")
        await pilot.press("escape", "y")  # asked, and discarded
        await settle(pilot)
        assert app.screen is screen
        app._purge_drafts()  # what runs every second
        journal.flush()
        assert find_offer(sessions / FIRST) is None  # the closed form's draft is gone
        await open_roster(app, pilot)  # the same form again, typed into
        await pilot.press(*"Pidettävä")
        await pilot.press("escape", "y")
        await settle(pilot)
        await open_roster(app, pilot)
        await pilot.press(*"Kolmas")
        await settle(pilot)
        app._purge_drafts()  # the two closed ones must not clear the open one's draft
        journal.flush()
        offer = find_offer(sessions / FIRST)
        assert offer is not None
        assert offer.drafts["form:SetupScreen"]["values"] == {"roster-name": "Kolmas"}
