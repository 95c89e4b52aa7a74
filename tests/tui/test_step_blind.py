"""The step view can be driven blind (issue 14): from the note line, by keys and the palette.

Before: ↑ from the note line stayed in it, "kierros" in the palette found nothing,
step 4 showed only the heading "Toimenpiteet" with no word of how to add one, and the
round's keys were Alt only.
"""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from kumppani.tui.commands import KumppaniCommands
from kumppani.tui.dialogs.action_editor import ActionEditor
from kumppani.tui.dialogs.indicator_editor import IndicatorEditor
from kumppani.tui.dialogs.round_dialog import RoundDialog
from kumppani.tui.dialogs.vote_dialog import VoteDialog
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.step.capture_line import CaptureLine
from kumppani.tui.widgets.step.note_list import NoteList
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle


def step_screen(app: object) -> StepScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, StepScreen)
    return screen


async def test_up_and_down_move_between_the_note_line_and_the_list(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        notes = screen.query_one(NoteList)
        await pilot.press("up")
        assert app.focused is notes and notes.cursor == len(notes.notes) - 1
        await pilot.press("up", "down")
        assert app.focused is notes
        await pilot.press("down")
        assert isinstance(app.focused, CaptureLine)
        assert app.focused.value == ""


async def test_the_rounds_ctrl_keys_edit_the_line_when_no_round_runs(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        line = screen.query_one(CaptureLine)
        await pilot.press(*"abc", "left", "ctrl+k")
        assert line.value == "ab"  # Ctrl+K: delete to the end, as in any line
        await pilot.press("ctrl+u")
        assert line.value == ""
        screen.roundtable.start_round(120, False)
        await settle(pilot)
        speaking = screen.current_step.current_round
        assert speaking is not None
        first = speaking.speaker
        bar = screen_text(app).splitlines()[-1]
        assert bar.lstrip().startswith("^n Seuraava puhuja"), bar  # the round's keys come first
        await pilot.press(*"xy", "ctrl+k")  # now: skip the speaker
        assert speaking.speaker != first and line.value == "xy"
        await pilot.press("ctrl+u")  # and back to them
        assert speaking.speaker == first and line.value == "xy"


PALETTE = {
    "fi": ["kierros", "äänestys", "toimenpide", "mittari", "ryhm", "johtopäätös", "tila"],
    "sv": ["runda", "röstning", "åtgärd", "indikator", "grupp", "slutsats", "status"],
    "en": ["round", "vote", "action", "indicator", "group", "conclusion", "status"],
}
NOTE_PALETTE = {
    "fi": ["muokkaa", "poista", "nosto", "ylös", "alas", "puhuja", "osapuol", "laji"],
    "sv": ["redigera", "radera", "lyft", "uppåt", "nedåt", "talare", "part", "typ"],
    "en": ["edit", "delete", "highlight", "up", "down", "speaker", "party", "kind"],
}
"""The note list's commands, each a palette title of its own: "Note: …" (issue 14, item 2)."""
NOTE_AREA = {"fi": "muistiinpano: ", "sv": "anteckning: ", "en": "note: "}


@pytest.mark.parametrize("language", PALETTE)
async def test_the_palette_finds_every_list_and_panel_command(
    app_for: MakeApp, language: str
) -> None:
    app = app_for(FIRST, language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        provider = KumppaniCommands(screen)
        titles = [title.lower() for title, _ in provider._commands()]
        missing = [word for word in PALETTE[language] if not any(word in t for t in titles)]
        assert missing == []
        notes = [title for title in titles if title.startswith(NOTE_AREA[language])]
        missing = [word for word in NOTE_PALETTE[language] if not any(word in t for t in notes)]
        assert missing == [] and len(notes) == len(NOTE_PALETTE[language])


@pytest.mark.parametrize(
    ("query", "dialog"),
    [("kierros", RoundDialog), ("äänestys", VoteDialog), ("uusi toimenpide", ActionEditor)],
)
async def test_a_palette_command_opens_its_tool(app_for: MakeApp, query: str, dialog: type) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*query)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, dialog)


async def test_empty_plan_tables_say_what_to_press_and_enter_adds(app_for: MakeApp) -> None:
    app = app_for(FIRST, language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        screen.editor.session.indicators.clear()
        await pilot.press("f8", "f8", "f8", "f8")
        await settle(pilot)
        assert "+ New indicator (Ctrl+F)" in screen_text(app)
        await pilot.press("up", "i")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorEditor)


async def test_the_palettes_note_commands_work_from_the_note_line(app_for: MakeApp) -> None:
    app = app_for(FIRST, language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        before, last = screen.current_step.notes[-2:]

        async def palette(query: str) -> None:
            await pilot.press("ctrl+p")
            await settle(pilot)
            await pilot.press(*query)
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)

        await palette("note: move the one chosen up")
        assert screen.current_step.notes[-2:] == [last, before]  # the last note, moved up
        await palette("note: make the one chosen a highlight")
        assert last.highlight
        await palette("note: change the party")
        assert last.party != ""
        await palette("note: delete")
        assert last not in screen.current_step.notes
        await palette("note: edit")
        assert type(app.screen).__name__ == "NoteEditor"


TERMINAL = {"ctrl+f": "\x06", "ctrl+d": "\x04", "ctrl+x": "\x18"}
"""What every terminal sends for the panel keys: one control byte."""


async def test_the_panel_keys_work_from_the_note_line_as_raw_bytes(app_for: MakeApp) -> None:
    from kumppani.tui.dialogs.group_dialog import GroupDialog
    from kumppani.tui.paste_guard import SafeParser

    app = app_for(FIRST, language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        line = screen.query_one(CaptureLine)

        async def send(key: str) -> None:
            parser = SafeParser()
            for event in [*parser.feed(TERMINAL[key]), *parser.feed("")]:
                assert getattr(event, "key", None) == key
                app.post_message(event)
            await settle(pilot)

        async def closes(dialog: type) -> None:
            assert isinstance(app.screen, dialog), app.screen
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is screen and app.focused is line

        await pilot.press(*"ab")
        await send("ctrl+f")  # step 1 has no plan: the key does nothing
        assert app.screen is screen
        await send("ctrl+d")  # a vote on the step's notes
        await closes(VoteDialog)
        await send("ctrl+x")  # the last note into a group
        await closes(GroupDialog)
        assert line.value == "ab"  # Ctrl+D did not delete, nor Ctrl+X cut
        await pilot.press("home")
        await send("ctrl+d")  # text right of the cursor: Ctrl+D deletes it, as in any field
        assert (app.screen, line.value) == (screen, "b")
        await pilot.press("home", "shift+end")
        await send("ctrl+x")  # a selection: Ctrl+X cuts it
        assert (app.screen, line.value) == (screen, "")
        await pilot.press(*"ab")
        await pilot.press("f8", "f8", "f8")
        await settle(pilot)
        bar = screen_text(app).splitlines()[-1]
        assert bar.lstrip().startswith("^f New action"), bar  # first on step 4's key bar
        await send("ctrl+f")
        await closes(ActionEditor)
        await pilot.press("f8")
        await settle(pilot)
        assert screen_text(app).splitlines()[-1].lstrip().startswith("^f New indicator")
        await send("ctrl+f")
        await closes(IndicatorEditor)
