"""80x24 is the design size of the live meeting; at 60x20 nothing is lost, only scrolled."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from kumppani.tui.widgets.forms.roster import RosterTable
from kumppani.tui.widgets.step.capture_line import CaptureBar
from kumppani.tui.widgets.step.note_list import NoteList
from kumppani.tui.widgets.step.step_heading import StepHeading, clamp
from kumppani.tui.widgets.step.winwin_panel import WinWinPanel
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle
from tests.tui.test_step import step_screen

LONG = (
    "Nuorten ohjauksessa tieto katkeaa nivelvaiheessa, kun peruskoulu päättyy ja toinen "
    "aste alkaa, eikä kukaan tiedä kenelle vastuu kuuluu ennen kuin syksy on jo pitkällä."
)


async def test_the_newest_note_is_shown_whole_and_kinds_are_not_cut(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*LONG, "enter")
        await settle(pilot)
        shown = " ".join(screen_text(app).replace("▕", " ").split())
        assert LONG.split(", eikä")[1].split()[-1] in shown  # the last word of the note
        assert " ".join(LONG.split()[-6:]) in shown
        assert "Toimija tai foorumi" in shown  # the kind in full, not "Toimija tai…"


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_other_rows_show_note_text(app_for: MakeApp, size: tuple[int, int]) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        notes = step_screen(app).query_one(NoteList)
        notes.focus()
        await pilot.press("home")
        await settle(pilot)
        second = notes.notes[1].text  # not under the cursor: one line
        assert second[:16] in screen_text(app)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_step_three_conclusion_is_not_pushed_off_by_the_winwin_boxes(
    app_for: MakeApp, size: tuple[int, int]
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        screen.show_step(2)
        await pilot.press("f9")
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        conclusion = screen.query_one("#conclusion", TextArea)
        assert conclusion.display and screen.query_one(WinWinPanel).display
        assert conclusion.has_focus
        capture_top = screen.query_one(CaptureBar).region.y
        assert conclusion.region.height >= 3
        assert conclusion.region.bottom <= capture_top  # whole, above the capture line
        if size == (80, 24):  # at the design size without scrolling
            assert "Tavoitteesta ollaan yksimielisiä" in screen_text(app)


async def test_the_step_purpose_ends_at_a_word_with_an_ellipsis(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = screen_text(app).splitlines()
        purpose = [line.split("▕", 1)[1].rstrip() for line in lines[2:4]]
        assert purpose[1].endswith("…")
        whole = step_screen(app).query_one(StepHeading).purpose
        assert len(whole) > len(" ".join(purpose))  # it was cut …
        last = purpose[1][:-1].split()[-1]
        assert any(word.rstrip(",.:;") == last for word in whole.split())  # … after a word


def test_clamp_cuts_after_a_whole_word() -> None:
    text = "Kartoitetaan, mikä valtiota ja kaupunkia jo yhdistää: toimijat ja foorumit."
    assert clamp(text, 100, 2) == text
    cut = clamp(text, 30, 2)
    assert cut.endswith("…") and len(cut.split()) < len(text.split())
    words, whole = cut[:-1].split(), text.split()
    assert words[:-1] == whole[: len(words) - 1]
    assert words[-1] == whole[len(words) - 1].rstrip(",.:;")


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_roster_party_and_presence_are_on_screen(
    app_for: MakeApp, size: tuple[int, int]
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        table = app.screen.query_one(RosterTable)
        table.focus()
        await settle(pilot)
        widths = {
            str(column.key.value): column.get_render_width(table)
            for column in table.ordered_columns
        }
        keys = list(widths)
        right = sum(widths[key] for key in keys[: keys.index("party") + 1])
        assert right <= table.scrollable_content_region.width
        if size == (80, 24):
            right = sum(widths[key] for key in keys[: keys.index("present") + 1])
            assert right <= table.scrollable_content_region.width
            assert "Paikalla" in screen_text(app) and "Osapuoli" in screen_text(app)
            # The role too, whole ("Osallis" was cut by the edge); a long name ends in "…".
            right = sum(widths[key] for key in keys[: keys.index("role") + 1])
            assert right <= table.scrollable_content_region.width
            assert "Rooli" in screen_text(app) and "Osallistuja" in screen_text(app)
            names = [table.get_row_at(row)[1].plain for row in range(table.row_count)]
            assert "Työllisyyspalvelujen kehi…" in names
