"""The language can be switched inside the app, keeping the open session and its step."""

from __future__ import annotations

import pytest
from textual.command import CommandList

from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.step.capture_line import CaptureLine
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle, wait_for


async def test_switching_to_english_keeps_the_session_the_step_and_typed_text(
    app_for: MakeApp,
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("alt+3", *"kesken")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"English", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        assert screen.step_key == "will"
        text = screen_text(app)
        assert "Step 3/5 · Shared will and goal" in text
        assert "Vaihe 3/5" not in text
        assert screen.query_one(CaptureLine).value == ""
        assert screen.editor.step("will").notes[-1].text == "kesken"  # flushed, not lost
        keys = {active.binding.description for active in app.screen.active_bindings.values()}
        assert "Party" in keys and "Osapuoli" not in keys  # the footer speaks English too
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"svenska", "enter")
        await settle(pilot)
        assert "Steg 3/5" in screen_text(app)


async def test_home_comes_back_in_each_new_language_and_only_once(app_for: MakeApp) -> None:
    from kumppani.tui.screens.home import HomeScreen

    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        shown = (("English", "— Sessions"), ("svenska", "— Sessioner"), ("suomi", "— Istunnot"))
        for name, title in shown:
            await pilot.press("ctrl+p")
            await settle(pilot)
            await pilot.press(*name, "enter")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            assert title in screen_text(app)
            assert len(app.screen_stack) == 1  # no home left under the new one
            await pilot.press("down", "up")  # the list answers keys
        homes = [screen for stack in app._screen_stacks.values() for screen in stack]
        assert len(homes) <= 2  # the current home, and at most Textual's first one


async def test_switching_language_keeps_the_next_notes_party_kind_and_speaker(
    app_for: MakeApp,
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f3", "f3", "f5")  # party "city", the next kind ("actor")
        screen = app.screen
        assert isinstance(screen, StepScreen)
        chosen = (screen.next_note.party, screen.next_note.kind)
        assert chosen == ("city", "actor")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"English", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        assert (screen.next_note.party, screen.next_note.kind) == chosen
        assert "City · Actor" in screen_text(app)  # and the line beside the capture says so
        await pilot.press("f4", "2")  # the second present person has the floor
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        speaker = screen.next_note.participant
        assert speaker != ""
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"svenska", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        assert screen.next_note.participant == speaker
        assert screen.next_note.kind == "actor"


LANGUAGE_WORD = {"fi": "kieli", "sv": "språk", "en": "language"}
"""The word for "language" in each language: it finds every language command (issue 14)."""


@pytest.mark.parametrize("language", LANGUAGE_WORD)
async def test_the_word_for_language_finds_every_other_language(
    app_for: MakeApp, language: str
) -> None:
    app = app_for(language=language)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*LANGUAGE_WORD[language])
        await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count >= 2)
        found = app.screen.query_one(CommandList)
        titles = [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]
        names = {"fi": "Kieli: suomi", "sv": "Språk: svenska", "en": "Language: English"}
        for other in set(LANGUAGE_WORD) - {language}:
            assert any(title.startswith(names[other]) for title in titles), titles
        assert not any(title.startswith(names[language]) for title in titles)
