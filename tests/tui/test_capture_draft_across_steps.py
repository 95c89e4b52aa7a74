"""The capture line is one, and so is its draft: text moved to another step is no ghost.

Before: the draft was kept per step on screen (``capture:<step>``), but the line keeps
its text when another step is shown. Typed in step 1 and entered as a note in step 2,
the text stayed as step 1's draft, and after a crash it came back into the capture line
although it was a note already.
"""

from __future__ import annotations

from kumppani.editing.journaling import start_journal
from kumppani.tui.app import KumppaniApp
from kumppani.tui.dialogs.recovery_dialog import RecoveryDialog
from kumppani.tui.widgets.step.capture_line import CaptureLine
from tests.support.examples import FIRST
from tests.support.tui import SLOW, MakeApp, screen_text, settle, step_screen

UNFINISHED = "Kesken jäänyttä kirjoitusta"
"""What the recovery question says when typing not yet in the session comes back."""


def crash(app: KumppaniApp) -> None:
    """What the journal's flusher does within a second; then the app is gone, unsaved."""
    journal = step_screen(app).editor.journal
    assert journal is not None
    journal.flush()


async def test_text_typed_in_one_step_and_entered_in_another_does_not_come_back(
    app_for: MakeApp,
) -> None:
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        first, second = screen.editor.session.steps[:2]
        await pilot.press(*"alku ")
        await settle(pilot)
        await pilot.press("alt+2")
        await settle(pilot)
        assert screen.step_key == second.key
        assert screen.query_one(CaptureLine).value == "alku "  # the line kept its text
        await pilot.press(*"ja loppu", "enter")
        await settle(pilot)
        assert [note.text for note in second.notes][-1:] == ["alku ja loppu"]
        crash(app)
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RecoveryDialog)
        assert UNFINISHED not in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        screen = step_screen(app)
        assert screen.query_one(CaptureLine).value == ""
        notes = [note.text for note in screen.editor.session.all_notes()]
        assert notes.count("alku ja loppu") == 1
        assert "alku " not in [note.text for note in screen.editor.session.step(first.key).notes]


async def test_text_carried_to_another_step_and_left_unfinished_comes_back_there(
    app_for: MakeApp,
) -> None:
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        second = screen.editor.session.steps[1]
        await pilot.press(*"alku ", "alt+2", *"ja kesken")
        await settle(pilot)
        crash(app)
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RecoveryDialog)
        assert f"{UNFINISHED}: 1" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        screen = step_screen(app)
        assert screen.query_one(CaptureLine).value == "alku ja kesken"
        assert screen.step_key == second.key  # where the last key was typed


async def test_an_older_journal_with_a_draft_per_step_gives_back_the_newest(
    app_for: MakeApp,
) -> None:
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        editor = step_screen(app).editor
        first, second = editor.session.steps[:2]
        journal = editor.journal or start_journal(editor)
        journal.draft(f"capture:{first.key}", {"text": "vanhempi"})
        journal.flush()
        journal.draft(f"capture:{second.key}", {"text": "vanha"})
        journal.flush()
        journal.draft(f"capture:{first.key}", {"text": "uusin"})  # written last
        journal.flush()
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RecoveryDialog)
        await pilot.press("enter")
        await settle(pilot)
        screen = step_screen(app)
        assert screen.query_one(CaptureLine).value == "uusin"
        assert screen.step_key == first.key
