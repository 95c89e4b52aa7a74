"""↑ and ↓ reach the plan of steps 4 and 5 from an empty note list, and back (issue 14).

Before, on a step 4 with no notes ↑ from the note line went to the empty note list
and stayed there: ``up enter`` did nothing, a typed "x" vanished, nothing showed
where the focus was; only Tab reached the actions table.
"""

from __future__ import annotations

from typing import Any

from kumppani.tui.dialogs.action_editor import ActionEditor
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.step.capture_line import CaptureLine
from kumppani.tui.widgets.step.note_list import NoteList
from kumppani.tui.widgets.tables.plan_table import NEW_ROW, PlanTable
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, settle


async def at_step_four(app: Any, pilot: Any, *, notes: bool = False) -> StepScreen:
    """Step 4 on screen, its notes gone unless ``notes``; the focus on the note line."""
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, StepScreen)
    if not notes:
        screen.editor.session.steps[3].notes.clear()
    screen.show_step(3)
    await settle(pilot)
    assert isinstance(app.focused, CaptureLine)
    return screen


async def test_up_from_the_line_over_no_notes_goes_to_the_actions(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await at_step_four(app, pilot)
        plan = screen.query_one(PlanTable)
        await pilot.press("up")
        assert app.focused is plan
        assert plan.coordinate_to_cell_key(plan.cursor_coordinate).row_key.value == NEW_ROW
        await pilot.press("down")  # its last row: back to the line
        assert isinstance(app.focused, CaptureLine)
        await pilot.press("up", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionEditor)


async def test_up_and_down_from_an_empty_note_list_go_on_to_the_plan(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await at_step_four(app, pilot)
        notes, plan = screen.query_one(NoteList), screen.query_one(PlanTable)
        for key in ("up", "down"):
            screen.set_focus(notes)  # as Shift+Tab gets there
            await settle(pilot)
            await pilot.press(key)
            assert app.focused is plan, key


async def test_up_from_the_plans_first_row_goes_to_the_notes(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await at_step_four(app, pilot, notes=True)
        notes, plan = screen.query_one(NoteList), screen.query_one(PlanTable)
        assert notes.notes and plan.row_count > 1
        await pilot.press("up")
        assert app.focused is notes  # with notes, as before
        screen.set_focus(plan)
        plan.move_cursor(row=1)
        await settle(pilot)
        await pilot.press("up")
        assert app.focused is plan and plan.cursor_row == 0  # inside, the table's own ↑
        await pilot.press("up")
        assert app.focused is notes and notes.cursor == len(notes.notes) - 1


async def test_a_letter_typed_on_an_empty_list_goes_to_the_line(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await at_step_four(app, pilot)
        line = screen.query_one(CaptureLine)
        await pilot.press(*"ab")
        screen.set_focus(screen.query_one(NoteList))
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert app.focused is line and line.value == "abx"
        await pilot.press("up", "y")  # and from the plan
        await settle(pilot)
        assert app.focused is line and line.value == "abxy"


async def test_the_focus_shows_on_an_empty_note_list(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await at_step_four(app, pilot)
        notes = screen.query_one(NoteList)
        blurred = notes.render_line(0)
        screen.set_focus(notes)
        await settle(pilot)
        focused = notes.render_line(0)
        assert focused.text == blurred.text
        cursor = notes.get_component_rich_style("note-list--cursor")
        assert cursor.bgcolor is not None
        assert [s.style.bgcolor for s in focused if s.text.strip()] == [cursor.bgcolor]
        assert cursor.bgcolor not in [s.style.bgcolor for s in blurred]


async def test_a_plan_letter_on_another_steps_list_goes_to_the_line(app_for: MakeApp) -> None:
    """``a`` adds an action on step 4 only; on step 1's list it did nothing and vanished."""
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen) and screen.index == 0
        line = screen.query_one(CaptureLine)
        await pilot.press("up", "a")
        await settle(pilot)
        assert app.focused is line and line.value == "a"
        assert isinstance(app.screen, StepScreen)
