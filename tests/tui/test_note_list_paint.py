"""A long note list stays quick to type beside and to move in, and still shows where you are.

Issue 7: a keypress in the capture line must not cost more with 10,000 notes in
the step than with 10, nor a cursor move. What a user would notice is asserted
here without any timing: which rows get painted again, how many frames a key
makes, and what the list shows (the position bar, changed notes, the text
typed past the width of the capture line).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from textual.strip import Strip

from kumppani.session.model import Note
from kumppani.tui.app import KumppaniApp
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.step.capture_line import CaptureLine
from kumppani.tui.widgets.step.note_list import NoteList
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, paste, screen_text, settle


@contextmanager
def painted_rows(notes: NoteList) -> Iterator[list[int]]:
    """Record the view rows of ``notes`` painted again while the block runs."""
    rows: list[int] = []
    render_line = notes.render_line

    def recording(y: int) -> Strip:
        rows.append(y)
        return render_line(y)

    notes.render_line = recording  # type: ignore[method-assign]
    try:
        yield rows
    finally:
        del notes.render_line


@contextmanager
def frames(app: KumppaniApp) -> Iterator[list[object]]:
    """Record each frame the app composes (headless too) while the block runs."""
    made: list[object] = []
    display = app._display

    def recording(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None:
            made.append(renderable)

    app._display = recording  # type: ignore[method-assign]
    try:
        yield made
    finally:
        del app._display


async def long_step(
    app: KumppaniApp, pilot: Any, count: int = 2_000
) -> tuple[StepScreen, NoteList]:
    """The step on screen with ``count`` more notes, shown from its last note."""
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, StepScreen)
    notes = screen.editor.step(screen.step_key).notes
    notes.extend(Note(f"muistiinpano numero {n}") for n in range(count))
    screen.show_step(screen.index)
    await settle(pilot)
    return screen, screen.query_one(NoteList)


async def test_typing_beside_a_long_list_paints_only_the_capture_line(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, notes = await long_step(app, pilot)
        capture = screen.query_one(CaptureLine)
        assert capture.has_focus
        with painted_rows(notes) as rows, frames(app) as made:
            await pilot.press(*"valtio")
            await pilot.pause()
        assert capture.value == "valtio"
        assert rows == [], "typing repainted the note list"
        assert len(made) <= len("valtio"), "a key made more than one frame"


async def test_moving_the_cursor_paints_the_two_rows_it_touches(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        _screen, notes = await long_step(app, pilot)
        notes.focus()
        await settle(pilot)
        last = len(notes.notes) - 1
        assert notes.cursor == last
        with painted_rows(notes) as rows:
            await pilot.press("up")
            await pilot.pause()
        assert notes.cursor == last - 1
        bottom = notes.size.height - 1
        assert sorted(set(rows)) == [bottom - 1, bottom]


async def test_the_position_bar_shows_where_the_view_is(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        _screen, notes = await long_step(app, pilot)
        thumb = notes.thumb()
        assert thumb is not None
        height = notes.size.height
        assert thumb == (height - 1, height), (
            "at the end of 2,000 notes: a one-row thumb at the bottom"
        )
        handle = notes.get_component_rich_style("note-list--thumb")
        track = notes.get_component_rich_style("note-list--bar")
        assert handle.bgcolor != track.bgcolor
        last_cells = [list(notes.render_line(y))[-1] for y in range(height)]
        assert [cell.style == handle for cell in last_cells] == [False] * (height - 1) + [True]
        assert all(cell.text == " " for cell in last_cells)
        notes.focus()
        await pilot.press("home")
        await settle(pilot)
        assert notes.thumb() == (0, 1)
        assert list(notes.render_line(0))[-1].style == handle
        notes.cursor = len(notes.notes) // 2
        await settle(pilot)
        start, _end = notes.thumb() or (0, 0)
        assert abs(start - height // 2) <= 1
        # The notes' own text never reaches into the bar's column.
        assert "muistiinpano" in screen_text(app)


async def test_a_click_on_the_bar_jumps_there(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        _screen, notes = await long_step(app, pilot)
        await pilot.click(NoteList, offset=(notes.size.width - 1, 0))
        await settle(pilot)
        assert notes.cursor == 0
        assert notes.thumb() == (0, 1)


async def test_a_short_list_has_no_bar(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        notes = screen.query_one(NoteList)
        assert len(notes.notes) < notes.size.height
        assert notes.thumb() is None


async def test_changed_notes_show_their_new_look(app_for: MakeApp) -> None:
    """Rows are cached by what they show: an edit, a highlight or a theme draws them anew."""
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, notes = await long_step(app, pilot, count=100)
        key = screen.step_key
        below = notes.notes[-3]
        screen.editor.edit_note(key, below.id, "uusi sanamuoto")
        notes.notes_changed()
        await settle(pilot)
        assert "uusi sanamuoto" in screen_text(app)
        assert "muistiinpano numero 97" not in screen_text(app)
        screen.editor.toggle_highlight(key, below.id)
        notes.refresh()
        await settle(pilot)
        assert "★" in screen_text(app).splitlines()[_row_on_screen(app, "uusi sanamuoto")]
        before = next(iter(notes.render_line(notes.size.height - 3))).style
        app.theme = "kumppani-light"
        await settle(pilot)
        after = next(iter(notes.render_line(notes.size.height - 3))).style
        assert before is not None and after is not None
        assert before.bgcolor != after.bgcolor, "the rows kept the old theme's colours"


def _row_on_screen(app: KumppaniApp, text: str) -> int:
    return next(n for n, line in enumerate(screen_text(app).splitlines()) if text in line)


async def test_a_long_line_in_the_capture_line_scrolls_to_the_cursor(app_for: MakeApp) -> None:
    """Typing lays out nothing, yet the capture line still follows what is typed past its width."""
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        capture = app.screen.query_one(CaptureLine)
        words = " ".join(f"sana{n}" for n in range(30))
        await paste(pilot, words[:-7])  # pasted: about 200 key presses cost seconds
        await pilot.press(*words[-7:])  # the last word typed, past the line's width
        await pilot.pause()
        assert capture.value == words
        assert capture.scroll_offset.x > 0
        assert "sana29" in screen_text(app)
        assert "sana0 " not in screen_text(app)
        await pilot.press("home")
        await pilot.pause()
        assert capture.scroll_offset.x == 0
        assert "sana0 " in screen_text(app)
