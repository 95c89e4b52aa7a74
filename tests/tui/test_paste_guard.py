"""A paste is text, never keys (issue 18): raw terminal bytes through the app's input parser.

Before: Textual's parser left a bracketed paste at its first ESC, so pasting
``see ESC]0; SUB ESC\\`` fired Ctrl+Z (undo) and a BEL fired Ctrl+G (session details);
7 of 7 escape-bearing pastes were altered.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from textual import events
from textual.drivers import linux_driver

from kumppani.tui.paste_guard import END, START, PasteGuard, SafeParser, visible
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.step.capture_line import CaptureLine
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, settle

RAW = b"\x1b[200~see \x1b]0;\x1a\x1b\\\x1b[201~"
PASTES = [
    RAW,
    b"\x1b[200~title \x1b]0;owned\x07 here\x1b[201~",  # OSC 0 ended by BEL (Ctrl+G)
    b"\x1b[200~clip \x1b]52;c;aGk=\x07\x1b[201~",  # OSC 52
    b"\x1b[200~\x1b[201~ inside\x1b[201~",
]


def parse(raw: bytes, parser_class: type = SafeParser, *, one_by_one: bool = False) -> list:
    parser = parser_class()
    text = raw.decode("utf-8")
    chunks = list(text) if one_by_one else [text]
    return [event for chunk in chunks for event in parser.feed(chunk)]


@pytest.mark.parametrize("raw", PASTES)
@pytest.mark.parametrize("one_by_one", [False, True])
def test_a_paste_is_one_paste_event_and_no_keys(raw: bytes, one_by_one: bool) -> None:
    events_ = parse(raw, one_by_one=one_by_one)
    pastes = [event for event in events_ if isinstance(event, events.Paste)]
    keys = [event.key for event in events_ if isinstance(event, events.Key)]
    assert len(pastes) == 1
    assert "ctrl+z" not in keys and "ctrl+g" not in keys
    assert "\x1b" not in pastes[0].text and "\x1a" not in pastes[0].text
    if raw == RAW:
        assert pastes[0].text == "see ␛]0;␚␛\\" and keys == []


@given(st.text(), st.integers(min_value=1, max_value=9))
@example("see \x1b]0;\x1a\x1b\\", 1)
@example("\x1b[200~", 3)
@example("\x1b[201", 2)
def test_any_paste_arrives_whole_and_visible(text: str, size: int) -> None:
    body = text.replace(END, "")
    data = "ab" + START + body + END + "cd"
    guard = PasteGuard()
    out = "".join(guard.filter(data[i : i + size]) for i in range(0, len(data), size))
    out += guard.flush()
    assert out == "ab" + START + visible(body) + END + "cd"


def test_the_app_reads_input_through_the_guard(app_for: MakeApp) -> None:
    app_for(FIRST)
    assert linux_driver.XTermParser is SafeParser


async def test_pasting_escapes_never_undoes_nor_opens_details(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        await pilot.press(*"tallennettu", "enter")  # a change Ctrl+Z would take back
        await settle(pilot)
        before = [note.text for note in screen.editor.session.all_notes()]
        parser = linux_driver.XTermParser()  # what the app's driver reads input with
        for raw in PASTES[:3]:
            for event in parser.feed(raw.decode()):
                app.post_message(event)  # as the driver hands them on
            await settle(pilot)
        assert app.screen is screen, "a paste opened a dialog"
        assert [note.text for note in screen.editor.session.all_notes()] == before
        typed = screen.query_one(CaptureLine).value
        assert typed.startswith("see ␛]0;␚␛\\") and "title ␛]0;owned␇ here" in typed
        assert "\x1b" not in typed
