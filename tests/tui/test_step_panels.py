"""The step view's panels (win-win, plan, step text, conclusion) come when a step needs them.

They are made the first time they are shown, so these tests check what a
facilitator sees: the file's texts in the right panel, in the right order,
editable only when the session is, and nothing made for a step that has none.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, TextArea

from kumppani.storage.files import load_session
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.step.capture_line import CaptureLine
from kumppani.tui.widgets.step.winwin_panel import WinWinPanel
from tests.support.examples import EXAMPLES, FIRST
from tests.support.tui import MakeApp, screen_text, settle


def step_screen(app: object) -> StepScreen:
    screen = getattr(app, "screen", None)
    assert isinstance(screen, StepScreen)
    return screen


async def test_each_step_shows_its_own_panels_from_the_file(app_for: MakeApp) -> None:
    session = load_session(EXAMPLES / FIRST)
    app = app_for(FIRST)
    async with app.run_test(size=(110, 44)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press("alt+3")
        await settle(pilot)
        winwin = screen.query_one(WinWinPanel)
        conclusion = screen.query_one("#conclusion", TextArea)
        assert winwin.display and conclusion.display
        first_line = session.winwin.state_gains.strip().splitlines()[0][:30]
        assert first_line in screen_text(app)
        # The win-win stands above the conclusion, whichever was made first.
        assert winwin.region.y < conclusion.region.y
        await pilot.press("alt+4")
        await settle(pilot)
        plan = screen.query_one("#plan", DataTable)
        # Each action a row, and last the row that says how to add one (scrolled to).
        assert plan.display and plan.row_count == len(session.actions) + 1
        assert session.actions[0].title[:20] in screen_text(app)
        assert not winwin.display
        step_text = screen.query_one("#step-text", TextArea)
        assert step_text.display and step_text.text == session.shared_message


async def test_f6_on_a_step_without_conclusion_opens_an_empty_one(
    app_for: MakeApp, sessions: Path
) -> None:
    path = sessions / FIRST
    session = load_session(path)
    session.steps[0].conclusion = ""
    from kumppani.storage.files import save_session

    save_session(session, path)
    app = app_for(FIRST)
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press("alt+1")
        await settle(pilot)
        assert not screen.query("#conclusion")  # step 1 has none: nothing made, nothing shown
        await pilot.press("f6")
        await settle(pilot)
        area = screen.query_one("#conclusion", TextArea)
        assert area.display and area.has_focus and area.text == ""
        await pilot.press(*"Sovittu", "escape")
        await settle(pilot)
        assert screen.query_one(CaptureLine).has_focus
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert load_session(path).steps[0].conclusion == "Sovittu"


async def test_f9_on_step_3_goes_into_the_first_winwin_field(
    app_for: MakeApp, sessions: Path
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 24)) as pilot:  # short: the panels start hidden
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press("alt+3")
        await settle(pilot)
        assert not screen.query(WinWinPanel)
        await pilot.press("f9")
        await settle(pilot)
        area = screen.query_one("#winwin-state_gains", TextArea)
        assert area.has_focus and area.text == load_session(sessions / FIRST).winwin.state_gains


async def test_read_only_panels_take_no_typing(app_for: MakeApp, sessions: Path) -> None:
    before = (sessions / FIRST).read_bytes()
    app = app_for()
    async with app.run_test(size=(110, 44)) as pilot:
        await settle(pilot)
        app.open_session(sessions / FIRST, read_only=True)
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press("alt+3")
        await settle(pilot)
        areas = list(screen.query(TextArea))
        assert {area.id for area in areas} >= {"conclusion", "winwin-state_gains"}
        assert all(area.read_only for area in areas)
        screen.query_one("#winwin-state_gains", TextArea).focus()
        await pilot.press(*"xyz")
        await settle(pilot)
        assert "xyz" not in screen.query_one("#winwin-state_gains", TextArea).text
        await pilot.press("ctrl+q")
    assert (sessions / FIRST).read_bytes() == before


async def test_f9_in_a_short_terminal_opens_the_shared_message_with_its_text(
    app_for: MakeApp, sessions: Path
) -> None:
    message = load_session(sessions / FIRST).shared_message
    app = app_for(FIRST)
    async with app.run_test(size=(100, 24)) as pilot:  # short: no panel is made for step 4
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press("alt+4")
        await settle(pilot)
        assert not screen.query("#step-text")
        await pilot.press("f9")
        await settle(pilot)
        area = screen.query_one("#step-text", TextArea)
        assert area.has_focus and area.text == message
        assert "Yhteinen viesti" in str(area.border_title)
        area.move_cursor(area.document.end)
        await pilot.press(*" lisäys", "escape", "ctrl+q")
        await settle(pilot)
    assert load_session(sessions / FIRST).shared_message == message + " lisäys"
