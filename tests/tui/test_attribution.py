"""Attribution at the speed of speech: a numbered, filtering speaker picker (F4)."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Label, OptionList

from kumppani.settings.config import Config
from kumppani.tui.widgets.step.note_list import NoteList
from kumppani.tui.widgets.step.participant_picker import ParticipantPicker
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle
from tests.tui.test_comments_and_status import terminal_keys
from tests.tui.test_step import step_screen


def attribution(screen: object) -> str:
    """The attribution beside the capture line, as shown."""
    return str(screen.query_one("#attribution", Label).render())  # type: ignore[attr-defined]


def present_ids(screen: object) -> list[str]:
    session = screen.editor.session  # type: ignore[attr-defined]
    return [person.id for person in session.participants if person.present]


async def test_picker_opens_at_the_top_and_a_digit_chooses(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        ids = present_ids(screen)
        assert 3 <= len(ids) <= 9
        await pilot.press("f4", "3")
        await settle(pilot)
        assert screen.next_note.participant == ids[2]
        await pilot.press("f4")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, ParticipantPicker)
        # The same place every time, not at the current speaker: counts stay absolute.
        assert picker.query_one(OptionList).highlighted == 0
        assert "1  " in screen_text(app) and "3  " in screen_text(app)
        await pilot.press("1")
        await settle(pilot)
        assert screen.next_note.participant == ids[0]
        await pilot.press("f4", "0")
        await settle(pilot)
        assert screen.next_note.participant == ""


async def test_typing_filters_and_enter_takes_the_first_match(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press("f4", *"NUORISO")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1
        await pilot.press("enter")
        await settle(pilot)
        assert screen.next_note.participant == "p-tre2"
        # Backspace widens the filter again; Esc first clears, then closes.
        await pilot.press("f4", *"turu", "backspace", "backspace", "backspace", "backspace")
        await settle(pilot)
        parties = len(screen.config.parties)
        count = app.screen.query_one(OptionList).option_count
        assert count == len(present_ids(screen)) + 1 + parties
        await pilot.press(*"xyz", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ParticipantPicker)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.next_note.participant == "p-tre2"


class PickerApp(App[None]):
    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count
        self.chosen: list[str | None] = []

    def on_mount(self) -> None:
        choices = [("", "(none)")] + [(f"id{n}", f"Person {n}") for n in range(1, self.count + 1)]
        self.push_screen(ParticipantPicker("Who?", choices), self.chosen.append)


async def test_beyond_nine_two_digits_choose_and_one_digit_waits() -> None:
    app = PickerApp(12)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert app.chosen == []  # 1 or 10, 11, 12: wait
        await pilot.press("1")
        await pilot.pause()
        assert app.chosen == ["id11"]
    app = PickerApp(12)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")
        await pilot.pause()
        assert app.chosen == ["id1"]
    app = PickerApp(12)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("9")
        await pilot.pause()
        assert app.chosen == ["id9"]


async def test_a_captured_notes_speaker_and_party_are_corrected_and_undone(
    app_for: MakeApp,
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press(*"kuka sanoi", "enter")
        note = screen.editor.step(screen.step_key).notes[-1]
        assert (note.participant, note.party) == ("", "")
        screen.query_one(NoteList).focus()
        await pilot.press("s", *"nuoriso", "enter")
        await settle(pilot)
        assert (note.participant, note.party) == ("p-tre2", "city")
        assert "Nuorisopalvelujen" in screen_text(app)
        await pilot.press("p")
        assert (note.participant, note.party) == ("", "other")
        await pilot.press("k")
        default_kind = screen.editor.step_template(screen.step_key).default_kind
        assert note.kind != default_kind
        await pilot.press("ctrl+z")  # each change undone in turn: the kind first
        await settle(pilot)
        assert note.kind == default_kind
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert (note.participant, note.party) == ("p-tre2", "city")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert (note.participant, note.party) == ("", "")
        assert note.text == "kuka sanoi"


async def test_attribution_is_kept_by_default_and_says_so(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press("f4", "4", *"eka", "enter", *"toka", "enter")
        notes = screen.editor.step(screen.step_key).notes
        assert [note.participant for note in notes[-2:]] == ["p-tre1", "p-tre1"]
        assert attribution(screen).endswith("Havainto · pysyy ›")


async def test_attribution_resets_after_each_note_when_so_set(app_for: MakeApp) -> None:
    app = app_for(FIRST, config=Config(keep_attribution=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        assert attribution(screen).endswith(" · kerran ›")
        await pilot.press("f4", "4", "f5", *"eka", "enter", *"yleinen", "enter")
        await settle(pilot)
        first, second = screen.editor.step(screen.step_key).notes[-2:]
        assert (first.participant, first.party) == ("p-tre1", "city")
        assert (second.participant, second.party) == ("", "")
        assert second.kind == screen.editor.step_template(screen.step_key).default_kind
        assert first.kind != second.kind
        assert attribution(screen).startswith("Ei osapuolta · ")


async def test_a_party_is_chosen_directly_by_its_first_letter(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press("f4", "k", "enter")
        await settle(pilot)
        assert (screen.next_note.party, screen.next_note.participant) == ("city", "")
        await pilot.press("f4", "v", "enter", *"valtion kanta", "enter")
        await settle(pilot)
        note = screen.editor.step(screen.step_key).notes[-1]
        assert (note.party, note.participant) == ("state", "")
        # The parties have no numbers: the people keep theirs.
        await pilot.press("f4", "8")
        await settle(pilot)
        assert screen.next_note.participant == present_ids(screen)[7]
        # And on a captured note: s, then the party.
        screen.query_one(NoteList).focus()
        await pilot.press("s", "m", "enter")
        await settle(pilot)
        assert (note.party, note.participant) == ("other", "")


async def test_the_picker_from_the_raw_bytes_of_a_terminal(app_for: MakeApp) -> None:
    # F4 as xterm, VTE, tmux and the Linux console send it, then a digit, then a party letter.
    for f4 in ("\x1bOS", "\x1b[14~", "\x1b[[D"):
        keys = terminal_keys(f4 + "4")
        assert keys == ["f4", "4"], f4
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press(*terminal_keys("\x1bOS4"))
        await settle(pilot)
        assert screen.next_note.participant == present_ids(screen)[3]
        await pilot.press(*terminal_keys("\x1bOSv\r"))
        await settle(pilot)
        assert (screen.next_note.party, screen.next_note.participant) == ("state", "")
