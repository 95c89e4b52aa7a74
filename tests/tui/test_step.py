"""The step view driven like a facilitator: capture, attribute, highlight, delete and undo, move."""

from __future__ import annotations

from pathlib import Path

from kumppani.storage.files import load_session
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.chrome.save_indicator import SaveIndicator
from kumppani.tui.widgets.step.capture_line import CaptureBar, CaptureLine
from kumppani.tui.widgets.step.note_list import NoteList
from kumppani.tui.widgets.step.step_timer import StepTimer
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle


def step_screen(app: object) -> StepScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, StepScreen)
    return screen


async def test_capture_three_notes_and_find_them_on_disk(app_for: MakeApp, sessions: Path) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        capture = screen.query_one(CaptureLine)
        assert capture.has_focus
        before = len(screen.editor.step(screen.step_key).notes)
        for word in ("eka", "toka", "kolmas"):
            await pilot.press(*word, "enter")
        await pilot.pause()
        assert capture.value == "" and capture.has_focus
        notes = screen.editor.step(screen.step_key).notes
        assert [note.text for note in notes[before:]] == ["eka", "toka", "kolmas"]
        assert "kolmas" in screen_text(app)
        screen.autosave.start_save()
        await settle(pilot)
        saved = load_session(sessions / FIRST).step(screen.step_key).notes
        assert [note.text for note in saved[before:]] == ["eka", "toka", "kolmas"]
        assert screen.query_one(SaveIndicator).state == "saved"


async def test_party_attribution_cycles_with_f3(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press("f3")
        assert screen.next_note.party == "state"
        await pilot.press("f3")
        assert screen.next_note.party == "city"
        await pilot.press("x", "enter")
        assert screen.editor.step(screen.step_key).notes[-1].party == "city"
        assert "Kaupunki ·" in screen_text(app)
        await pilot.press("f3", "f3")
        assert screen.next_note.party == ""


async def test_highlight_delete_and_undo_on_the_list(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press(*"poistettava", "enter")
        notes = screen.editor.step(screen.step_key).notes
        count = len(notes)
        screen.query_one(NoteList).focus()
        await pilot.press("h")
        assert notes[-1].highlight
        assert "★" in screen_text(app)
        await pilot.press("delete")
        await pilot.pause()
        assert len(notes) == count - 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(notes) == count and notes[-1].text == "poistettava"


async def test_steps_by_digit_function_keys_and_alt(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press("2")  # in the capture line a digit is text: "2030 mennessä …"
        assert screen.index == 0 and screen.query_one(CaptureLine).value == "2"
        await pilot.press("backspace", "tab", "3")  # from the notes list, a digit jumps
        assert screen.index == 2 and "Vaihe 3/5" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("f8")
        assert screen.index == 3
        await pilot.press("f7", "f7")
        assert screen.index == 1
        await pilot.press("ctrl+pagedown")
        assert screen.index == 2
        await pilot.press("alt+5")
        assert screen.index == 4
        await pilot.press("a", "1", "2")
        assert screen.query_one(CaptureLine).value == "a12" and screen.index == 4
        await pilot.press("alt+1")
        assert screen.index == 0


async def test_timer_runs_out_says_so_and_rings(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        bells: list[bool] = []
        app.bell = lambda: bells.append(True)  # type: ignore[method-assign]
        timer = screen.query_one(StepTimer)
        step = screen.editor.step(screen.step_key)
        spent = step.spent_seconds
        await pilot.press("ctrl+t")
        assert timer.running
        timer.tick(max(1, timer.planned - timer.spent))
        await pilot.pause()
        timer.tick()
        await pilot.pause()
        assert timer.has_class("-expired")
        assert "Aika!" in screen_text(app)
        assert bells == [True] if spent < timer.planned else bells == []
        assert step.spent_seconds > spent


async def test_markup_like_text_is_shown_literally(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        capture = screen.query_one(CaptureLine)
        for text in ("[bold]x[/]", "[/]", "[@click=app.quit]y[/]"):
            capture.value = text
            await pilot.press("enter")
        await pilot.pause()
        shown = screen_text(app)
        assert "[bold]x[/]" in shown and "[@click=app.quit]y[/]" in shown
        assert app.is_running


async def test_unsaved_then_saved_indicator(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        assert "Tallennettu" in screen_text(app)
        await pilot.press("z", "enter")
        await pilot.pause()
        assert "Tallentamaton" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)  # the save runs in the save thread
        assert screen.query_one(SaveIndicator).state == "saved"
        assert "Tallennettu" in screen_text(app)


async def test_quitting_saves_pending_changes(app_for: MakeApp, sessions: Path) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        key = step_screen(app).step_key
        await pilot.press(*"viimeinen", "enter", "ctrl+q")
        await pilot.pause()
    assert load_session(sessions / FIRST).step(key).notes[-1].text == "viimeinen"


async def test_read_only_never_writes(app_for: MakeApp, sessions: Path) -> None:
    before = (sessions / FIRST).read_bytes()
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_session(sessions / FIRST, read_only=True)
        await settle(pilot)
        screen = step_screen(app)
        assert "Vain luku" in screen_text(app)
        assert not screen.query_one(CaptureBar).display
        await pilot.press("ctrl+q")
    assert (sessions / FIRST).read_bytes() == before


async def test_focus_lands_where_typing_or_reading_happens(
    app_for: MakeApp, sessions: Path
) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for read_only, where in ((False, CaptureLine), (True, NoteList)):
            app.open_session(sessions / FIRST, read_only=read_only)
            await settle(pilot)
            screen = step_screen(app)
            assert isinstance(screen.focused, where)
            screen.set_focus(None)  # nothing focused: coming back from help picks again
            await pilot.press("f1")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(screen.focused, where), screen.focused
            await pilot.press("ctrl+o")
            await settle(pilot)


def test_the_step_view_is_one_screen_with_tools_not_a_mixin_chain() -> None:
    """The screen's only kumppani ancestor is itself; its tools are widgets it composes."""
    from kumppani.tui.screens.step.panels import StepPanels
    from kumppani.tui.screens.step.roundtable import RoundTable

    ours = [cls for cls in StepScreen.__mro__ if cls.__module__.startswith("kumppani.")]
    assert ours == [StepScreen]
    for tool in (RoundTable, StepPanels):
        assert [cls for cls in tool.__mro__ if cls.__module__.startswith("kumppani.")] == [tool]
