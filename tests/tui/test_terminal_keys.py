"""Every step-view key arrives intact in every terminal (issue 14): raw bytes through the parser.

Before: in tmux Alt+5 (``ESC 5``) typed "∞" into the note and Alt+1 "¡" (Textual's
parser read them as macOS Option characters), Alt+B (``ESC b``) was read as
Ctrl+Left, and moving a note, the balance and the round keys were reachable only by
Alt (or Ctrl+B, tmux's own prefix). ``TERMINALS`` says what each terminal sends for
each key, ``None`` where it sends nothing usable (the terminal keeps the key, or drops
the modifier); every action must have a key that each terminal sends.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from kumppani.tui.bindings import NOTE_LIST_BINDINGS, STEP_BINDINGS
from kumppani.tui.paste_guard import SafeParser
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.step.capture_line import CaptureLine
from kumppani.tui.widgets.step.note_list import NoteList
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, settle

ESC = "\x1b"
CTRL = {f"ctrl+{c}": chr(ord(c) - ord("a") + 1) for c in "bdefgklnopqrstuxyz"}
"""Ctrl+letter is one control byte in every terminal."""
PLAIN = {key: key for key in "acghikpqstv12345"} | {"minus": "-", "plus": "+", "delete": "\x1b[3~"}
PLAIN |= {"enter": "\r", "escape": ESC, "up": "\x1b[A", "down": "\x1b[B", "space": " "}
PLAIN |= {"home": "\x1b[H", "end": "\x1b[F", "pageup": "\x1b[5~", "pagedown": "\x1b[6~"}
VT_HOME = {"home": "\x1b[1~", "end": "\x1b[4~"}
"""Home and End as screen's, tmux's and the Linux console's terminfo has them."""
XTERM_F = {
    "f1": "\x1bOP",
    "f2": "\x1bOQ",
    "f3": "\x1bOR",
    "f4": "\x1bOS",
    "f5": "\x1b[15~",
    "f6": "\x1b[17~",
    "f7": "\x1b[18~",
    "f8": "\x1b[19~",
    "f9": "\x1b[20~",
    "f10": "\x1b[21~",
    "f12": "\x1b[24~",
    "shift+f10": "\x1b[21;2~",
}
LINUX_F = XTERM_F | {f"f{n}": f"\x1b[[{chr(ord('A') + n - 1)}" for n in range(1, 6)}
LINUX_F |= {"shift+f10": None}  # the console sends nothing for it: the palette reopens
SHIFT_F10_AS_F22 = {"f22": None}
"""xterm with some keyboards sends Shift+F10 as F22; Textual reads the usual form above."""
MODIFIED = {
    "ctrl+up": "\x1b[1;5A",
    "ctrl+down": "\x1b[1;5B",
    "alt+up": "\x1b[1;3A",
    "alt+down": "\x1b[1;3B",
    "ctrl+pageup": "\x1b[5;5~",
    "ctrl+pagedown": "\x1b[6;5~",
}
META = {f"alt+{c}": ESC + c for c in "12345bnpse"}
"""Alt as ESC + the key: xterm (metaSendsEscape), VTE, tmux, screen, the Linux console,
Windows Terminal, macOS Terminal and iTerm2 with "Option as Meta"."""
NONE = dict.fromkeys((*META, *MODIFIED))
"""Keys a terminal does not send as such."""

BASE = CTRL | PLAIN | SHIFT_F10_AS_F22 | {"ctrl+shift+z": None, "ctrl+Z": None}
"""(Ctrl+Shift+Z is Ctrl+Z in most terminals; redo is Ctrl+Y everywhere.)"""
TERMINALS: dict[str, dict[str, str | None]] = {
    "xterm": BASE | XTERM_F | MODIFIED | META,
    "vte": BASE | XTERM_F | MODIFIED | META,
    # tmux keeps Ctrl+B (its prefix; Ctrl+B twice sends it on), screen Ctrl+A.
    "tmux": BASE | VT_HOME | XTERM_F | MODIFIED | META | {"ctrl+b": None},
    "screen": BASE | VT_HOME | XTERM_F | NONE | META,
    # The console sends arrows and pages without modifiers; Alt+arrows switch consoles.
    "linux-console": BASE | VT_HOME | LINUX_F | NONE | META,
    # In split panes Windows Terminal keeps Alt+arrows; Ctrl+V is its paste.
    "windows-terminal": BASE | XTERM_F | MODIFIED | META | {"alt+up": None, "alt+down": None},
    # Option types characters ("∞", "¡", "@" on a Finnish Mac); Ctrl+arrows are Mission Control.
    "macos-terminal": BASE | XTERM_F | NONE,
    "macos-terminal-meta": BASE | XTERM_F | NONE | META,
    "iterm2": BASE | XTERM_F | NONE,
    "iterm2-meta": BASE | XTERM_F | NONE | META | {"alt+up": "\x1b[1;3A", "alt+down": "\x1b[1;3B"},
}


def parse(raw: str) -> list[str]:
    parser = SafeParser()
    found = [*parser.feed(raw), *parser.feed("")]
    return [event.key for event in found if isinstance(event, events.Key)]


def sent(terminal: str) -> list[tuple[str, str]]:
    return [(key, raw) for key, raw in TERMINALS[terminal].items() if raw is not None]


@pytest.mark.parametrize("terminal", TERMINALS)
def test_each_key_a_terminal_sends_is_read_as_that_key(terminal: str) -> None:
    wrong = {key: parse(raw) for key, raw in sent(terminal) if parse(raw) != [key]}
    assert wrong == {}


@pytest.mark.parametrize("raw", [*(ESC + c for c in "1234567890-=§bfnpse"), "\x1bN"])
def test_an_alt_key_is_never_a_character_nor_another_key(raw: str) -> None:
    [key] = parse(raw)
    assert key.startswith("alt+")
    parser = SafeParser()
    [event] = [*parser.feed(raw), *parser.feed("")]
    assert isinstance(event, events.Key) and not event.is_printable


PALETTE = {
    "tool('balance')": {"ctrl+p"},
    "tool('end_session')": {"ctrl+p", "ctrl+o"},
    "reopen_step": {"ctrl+p"},
}
"""Actions also reached another way: the palette (Ctrl+P: test_palette_finds_…), and the end
of the session offered on closing (Ctrl+O). In tmux the balance is also Ctrl+B twice."""


def _actions() -> dict[str, set[str]]:
    """Each step-view and note-list action (by binding id stem) and the keys bound to it."""
    actions: dict[str, set[str]] = {}
    for binding in (*STEP_BINDINGS, *NOTE_LIST_BINDINGS):
        assert not isinstance(binding, tuple)
        # a round key's Ctrl and Alt twins
        action = binding.action.replace("tool_ctrl(", "tool(").replace("tool_alt(", "tool(")
        for key in binding.key.split(","):
            actions.setdefault(action, set()).add(key)
    return actions


@pytest.mark.parametrize("terminal", TERMINALS)
def test_every_action_has_a_key_the_terminal_sends(terminal: str) -> None:
    table = TERMINALS[terminal]
    bound = {key for keys in _actions().values() for key in keys}
    assert bound <= set(table), f"table lacks {sorted(bound - set(table))}"
    unreachable = {
        action: sorted(keys)
        for action, keys in _actions().items()
        if not any(table.get(key) is not None for key in keys | PALETTE.get(action, set()))
    }
    assert unreachable == {}


def first_sent(terminal: str, *keys: str) -> str:
    """The bytes of the first of ``keys`` the terminal sends."""
    table = TERMINALS[terminal]
    return next(raw for key in keys if (raw := table.get(key)) is not None)


@pytest.mark.parametrize("terminal", ["tmux", "linux-console", "macos-terminal", "iterm2-meta"])
async def test_raw_keys_drive_the_step_view_and_type_nothing(
    app_for: MakeApp, terminal: str
) -> None:
    """The real app, fed what each terminal sends: each action happens, the note stays empty."""
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        line = screen.query_one(CaptureLine)
        notes_before = len(list(screen.editor.session.all_notes()))

        async def send(*keys: str) -> None:
            parser = SafeParser()  # "" at the end of each key: its end of input
            for event in [*parser.feed(first_sent(terminal, *keys)), *parser.feed("")]:
                app.post_message(event)
            await settle(pilot)

        await send("alt+3", "f8")
        expected = 2 if TERMINALS[terminal].get("alt+3") else 1
        assert screen.index == expected
        await send("f7")
        assert screen.index == expected - 1
        party = screen.next_note.party
        await send("f3")
        assert screen.next_note.party != party
        screen.roundtable.start_round(120, False)
        await settle(pilot)
        speaking = screen.current_step.current_round
        assert speaking is not None
        first = speaking.speaker
        await send("alt+s", "ctrl+k")  # skip the first speaker
        assert speaking.speaker != first
        await send("alt+n", "ctrl+n")
        await send("alt+b", "ctrl+u")  # and bring them back
        assert speaking.speaker == first
        await send("up")
        assert isinstance(app.focused, NoteList)
        await send("minus", "alt+up", "ctrl+up")  # a note moves, from the list
        await send("down")
        await send("down")
        assert app.focused is line
        assert line.value == ""
        assert len(list(screen.editor.session.all_notes())) == notes_before


async def test_alt_b_and_f_move_a_word_in_a_text_field(app_for: MakeApp) -> None:
    """macOS Terminal sends Option+Left/Right as ESC b / ESC f: a word, as in readline."""
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"abc def")
        field = app.focused
        assert isinstance(field, Input)
        for raw in ("\x1bb", "X", "\x1bf", "Y"):
            parser = SafeParser()
            for event in [*parser.feed(raw), *parser.feed("")]:
                app.post_message(event)
            await settle(pilot)
        assert field.value == "abc Xdef" + "Y"


@pytest.mark.parametrize("terminal", ["xterm", "tmux"])
async def test_alt_b_in_the_note_line_outside_a_round_moves_a_word_back(
    app_for: MakeApp, terminal: str
) -> None:
    """It said "Ei ketään, jonka luo palata" and stayed put; in a round it still brings back."""
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        line = screen.query_one(CaptureLine)
        assert app.focused is line and screen.current_step.current_round is None

        async def send(raw: str) -> None:
            parser = SafeParser()
            for event in [*parser.feed(raw), *parser.feed("")]:
                app.post_message(event)
            await settle(pilot)

        await pilot.press(*"yksi kaksi")
        await send(first_sent(terminal, "alt+b"))
        await send("X")
        assert line.value == "yksi Xkaksi"
        assert not app._notifications  # no "nobody to bring back"
        await send(ESC + "f")
        await send("Y")
        assert line.value == "yksi XkaksiY"
