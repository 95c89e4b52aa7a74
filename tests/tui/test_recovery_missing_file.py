"""Recovery when the session file is gone (issue 18): offered, recovered, discarded only twice.

Before: "The changes cannot be recovered", the default button opened the (missing) saved
file, and "discard" deleted the journal that held every note.
"""

from __future__ import annotations

from pathlib import Path

from kumppani.storage.journal_frames import journal_path
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.dialogs.recovery_dialog import RecoveryDialog
from tests.support.examples import FIRST
from tests.support.tui import SLOW, MakeApp, screen_text, settle, step_screen
from tests.tui.test_recovery import saved_texts, type_then_crash


async def test_a_gone_file_is_recovered_from_the_journal(app_for: MakeApp, sessions: Path) -> None:
    await type_then_crash(app_for(FIRST, config=SLOW), "tiedosto katosi")
    (sessions / FIRST).unlink()
    app = app_for(None)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, RecoveryDialog)
        shown = screen_text(app)
        assert "ei voi palauttaa" not in shown.lower()
        await pilot.press("enter")  # the focus starts on recovering
        await settle(pilot)
        screen = step_screen(app)
        texts = [note.text for note in screen.editor.session.all_notes()]
        assert "tiedosto katosi" in texts and len(texts) > 10  # the saved notes too
        assert screen.autosave.save_now() is None
    assert "tiedosto katosi" in saved_texts(sessions / FIRST)


async def test_discarding_the_only_copy_asks_twice(app_for: MakeApp, sessions: Path) -> None:
    await type_then_crash(app_for(FIRST, config=SLOW), "ainoa kopio")
    (sessions / FIRST).unlink()
    app = app_for(None)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await settle(pilot)
        await pilot.click("#discard")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert journal_path(sessions / FIRST).exists()
        await pilot.click("#no")  # not sure after all: offered again
        await settle(pilot)
        assert isinstance(app.screen, RecoveryDialog)
        await pilot.click("#discard")
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)
        assert not journal_path(sessions / FIRST).exists()


async def test_the_dialog_says_the_file_is_gone_and_offers_no_saved_file(
    app_for: MakeApp, sessions: Path
) -> None:
    # Issue 18 (a tester): with the file gone it still said the file "changed on disk" and
    # that recovering "saves over it", and offered "Avaa tallennettu" (nothing to open).
    await type_then_crash(app_for(FIRST, config=SLOW), "missä tiedosto")
    (sessions / FIRST).unlink()
    app = app_for(None)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, RecoveryDialog)
        shown = screen_text(app)
        assert "Tallennettua tiedostoa ei enää ole" in shown
        assert "muuttunut levyllä" not in shown and "päälle" not in shown
        assert "Avaa tallennettu" not in shown and not app.screen.query("#open")
        assert app.screen.query_one("#recover").has_focus
