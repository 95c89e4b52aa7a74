"""Crash recovery in the app: notes typed before a crash come back; a failing disk is explained."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button

from kumppani.errors import SaveError
from kumppani.storage.files import load_session
from kumppani.storage.journal_frames import journal_path
from kumppani.text.i18n import Translator
from kumppani.tui.app import KumppaniApp
from kumppani.tui.dialogs.recovery_dialog import RecoveryDialog
from kumppani.tui.flows.recovery import recovered_text
from kumppani.tui.screens.home import HomeScreen
from kumppani.tui.widgets.chrome.save_indicator import SaveIndicator
from tests.support.examples import FIRST
from tests.support.tui import SLOW, MakeApp, screen_text, settle, step_screen


async def type_then_crash(app: KumppaniApp, *texts: str) -> None:
    """Capture notes, let the journal's second pass, and drop the app without saving."""
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        for text in texts:
            await pilot.press(*text, "enter")
        await settle(pilot)
        assert screen.editor.journal is not None
        screen.editor.journal.flush()  # what the flusher does within a second


def saved_texts(path: Path) -> list[str]:
    return [note.text for note in load_session(path).all_notes()]


async def test_recover_after_a_crash_brings_the_notes_back_and_saves_them(
    app_for: MakeApp, sessions: Path
) -> None:
    await type_then_crash(app_for(FIRST, config=SLOW), "ennen kaatumista", "toinen")
    assert "ennen kaatumista" not in saved_texts(sessions / FIRST)  # it was a real loss

    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RecoveryDialog)
        shown = screen_text(app)
        assert "Tallentamattomia muutoksia löytyi" in shown
        assert "2 muutosta" in shown and "Tallennettu tiedosto: muokattu" in shown
        assert app.screen.offer.path == (sessions / FIRST).resolve()
        assert app.screen.query_one("#recover", Button).has_focus
        await pilot.press("enter")
        await settle(pilot)
        screen = step_screen(app)
        texts = [note.text for note in screen.editor.step(screen.step_key).notes]
        assert texts[-2:] == ["ennen kaatumista", "toinen"]
        assert screen.editor.dirty
        assert journal_path(sessions / FIRST).exists()  # kept until the save
        screen.autosave.start_save()
        await settle(pilot)
        assert screen.query_one(SaveIndicator).state == "saved"
    assert saved_texts(sessions / FIRST).count("ennen kaatumista") == 1
    assert "toinen" in saved_texts(sessions / FIRST)
    assert not journal_path(sessions / FIRST).exists()


async def test_discard_opens_the_file_as_saved_and_forgets_the_changes(
    app_for: MakeApp, sessions: Path
) -> None:
    before = (sessions / FIRST).read_bytes()
    await type_then_crash(app_for(FIRST, config=SLOW), "turha")
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.click("#discard")
        await settle(pilot)
        screen = step_screen(app)
        assert "turha" not in [note.text for note in screen.editor.session.all_notes()]
        assert not screen.editor.dirty
    assert not journal_path(sessions / FIRST).exists()
    assert (sessions / FIRST).read_bytes() == before


async def test_open_saved_keeps_the_journal_aside_and_does_not_ask_again(
    app_for: MakeApp, sessions: Path, kumppani_dirs: object
) -> None:
    await type_then_crash(app_for(FIRST, config=SLOW), "syrjään")
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.click("#open")
        await settle(pilot)
        screen = step_screen(app)
        assert "syrjään" not in [note.text for note in screen.editor.session.all_notes()]
    kept = list(journal_path(sessions / FIRST).parent.glob("*.aside"))
    assert len(kept) == 1 and b"syrj" in kept[0].read_bytes()
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        step_screen(app)  # straight to the step view: no second offer


async def test_at_start_the_app_offers_the_journals_of_any_file(
    app_for: MakeApp, sessions: Path
) -> None:
    await type_then_crash(app_for(FIRST, config=SLOW), "kotinäkymästä")
    app = app_for(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, RecoveryDialog)
        await pilot.click("#recover")
        await settle(pilot)
        screen = step_screen(app)
        assert "kotinäkymästä" in [note.text for note in screen.editor.session.all_notes()]
        assert screen.autosave.save_now() is None
        assert "kotinäkymästä" in saved_texts(sessions / FIRST)
        assert not any(isinstance(s, RecoveryDialog) for s in app.screen_stack)


async def test_no_offer_when_everything_was_saved(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"tallessa", "enter")
        await pilot.press("ctrl+q")
        await settle(pilot)
    app = app_for(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_a_full_disk_is_explained_kept_and_retried(
    app_for: MakeApp, sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (sessions / FIRST).read_bytes()
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press(*"levy täynnä", "enter")

        def full(path: Path, data: bytes, *put: object) -> None:
            raise SaveError(path, "No space left on device", errno=28)

        monkeypatch.setattr("kumppani.storage.conflicts.write_atomic", full)
        await pilot.press("ctrl+s")
        await settle(pilot)
        indicator = screen.query_one(SaveIndicator)
        assert indicator.state == "failed"
        assert "levy on täynnä" in indicator.reason and FIRST in indicator.reason
        assert "2 sekunnin" in indicator.reason
        assert (sessions / FIRST).read_bytes() == before
        assert screen.editor.step(screen.step_key).notes[-1].text == "levy täynnä"
        assert screen.editor.dirty and screen.autosave.failures == 1
        # the journal holds the unsaved session whole
        assert b"levy t\xc3\xa4ynn\xc3\xa4" in journal_path(sessions / FIRST).read_bytes()

        monkeypatch.undo()  # space freed; the retry (due in 2 s) is what runs now
        screen.autosave.start_save()
        await settle(pilot)
        assert indicator.state == "saved" and screen.autosave.failures == 0
    assert "levy täynnä" in saved_texts(sessions / FIRST)
    assert not journal_path(sessions / FIRST).exists()


async def test_an_unhandled_exception_writes_the_journal_first(
    app_for: MakeApp, sessions: Path
) -> None:
    app = app_for(FIRST, config=SLOW)
    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            screen = step_screen(app)
            assert screen.editor.journal is not None
            screen.editor.journal.interval = 3600.0  # the flusher will not get to it
            await pilot.press(*"viimeiset sanat", "enter")
            await pilot.pause()
            app.call_later(lambda: 1 / 0)
            await pilot.pause()
    file = journal_path(sessions / FIRST)
    assert b"viimeiset sanat" in file.read_bytes()


async def test_the_recovered_toast_tells_the_truth_about_a_slow_autosave(
    app_for: MakeApp, sessions: Path
) -> None:
    """Issue 14: "saved in a moment" was shown with ``autosave_seconds = 600``."""
    await type_then_crash(app_for(FIRST, config=SLOW), "talteen")
    app = app_for(FIRST, config=SLOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RecoveryDialog)
        await pilot.press("enter")
        await settle(pilot)
        said = [note.message for note in app._notifications]
        assert (
            "Muutokset palautettu. Ne tallennetaan tiedostoon 10 minuutin kuluttua; "
            in " ".join(said)
        )
        assert not any("hetken kuluttua" in message for message in said)
        screen = step_screen(app)
        assert screen.editor.dirty  # not saved in a moment: as the toast says
        await pilot.press("ctrl+s")  # and Ctrl+S saves now, as it says too
        await settle(pilot)
        assert "talteen" in saved_texts(sessions / FIRST)


@pytest.mark.parametrize(
    ("language", "delay", "shown"),
    [
        ("fi", 1.0, "Ne tallennetaan tiedostoon hetken kuluttua."),
        ("fi", 30.0, "Ne tallennetaan tiedostoon 30 sekunnin kuluttua; Ctrl+S tallentaa heti."),
        ("sv", 150.0, "De sparas i filen om 3 minuter; Ctrl+S sparar genast."),
        ("en", 60.0, "They will be saved to the file in 60 seconds; Ctrl+S saves now."),
        ("en", 600.0, "They will be saved to the file in 10 minutes; Ctrl+S saves now."),
    ],
)
def test_the_recovered_text_names_the_configured_delay(
    language: str, delay: float, shown: str
) -> None:
    assert recovered_text(Translator(language), delay).endswith(shown)
