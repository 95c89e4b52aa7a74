"""Every screen a Finnish or Swedish user reaches shows no English word.

The app is driven as a user would (Pilot) through its screens, Textual's own
ones included (command palette, its "no matches", a Select's menu, the Ctrl+C
hint, the help), in Finnish and in Swedish; each screen's text is checked
against ``language_words.ENGLISH``. The stored snapshots of the screens not in
English are checked the same way.
"""

from __future__ import annotations

import errno
import html
import os
import re
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import HelpPanel, Select

from kumppani.tui.app import KumppaniApp
from tests.support.examples import FIRST
from tests.support.language import english_in
from tests.support.tui import MakeApp, edit_even_if_approved, screen_text, settle

LANGUAGES = ("fi", "sv")
SNAPSHOTS = Path(__file__).parent.parent
SIZE = (100, 30)


def english_on(app: KumppaniApp, where: str) -> dict[str, list[str]]:
    text = screen_text(app)
    return {
        f"{where}: {line.strip()}": found
        for line in text.splitlines()
        if (found := english_in(line))
    }


async def visit(pilot: Pilot[object], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_home_and_textuals_own_screens(
    app_for: MakeApp, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CommandPalette, "_NO_MATCHES_COUNTDOWN", 0.001)
    app = app_for(language=language)
    found: dict[str, list[str]] = {}
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        found |= english_on(app, "home")
        await visit(pilot, "ctrl+p")
        found |= english_on(app, "palette")
        await visit(pilot, *"zzzq")
        palette = app.screen
        for _ in range(200):  # until the palette says it found nothing
            if palette.query_one(CommandList).option_count:
                break
            await pilot.pause()
        await settle(pilot)
        assert palette.query_one(CommandList).option_count == 1
        found |= english_on(app, "no matches")
        await visit(pilot, "escape")
        select = app.screen.query(Select).first()
        select.focus()
        await visit(pilot, "enter")
        found |= english_on(app, "select menu")
        await visit(pilot, "escape")
        await visit(pilot, "ctrl+c")
        found |= english_on(app, "ctrl+c")
        await visit(pilot, "f1")
        found |= english_on(app, "help")
        await visit(pilot, "escape")
        for key in ("a", "t"):
            app.screen.focus_next()
            await visit(pilot, key)
            found |= english_on(app, f"view {key}")
            await visit(pilot, "escape")
    assert found == {}


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_step_views_and_the_summary(app_for: MakeApp, language: str) -> None:
    app = app_for(FIRST, language=language)
    found: dict[str, list[str]] = {}
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await edit_even_if_approved(pilot)
        for step in range(1, 6):
            found |= english_on(app, f"step {step}")
            await visit(pilot, "f8")
        await visit(pilot, "f12")
        found |= english_on(app, "summary")
        await visit(pilot, "ctrl+p")
        found |= english_on(app, "palette in a step")
    assert found == {}


@pytest.mark.parametrize("language", LANGUAGES)
async def test_every_textual_word_the_app_can_reach(
    app_for: MakeApp, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """System commands (Maximize too), the key panel's action, theme and command
    searches, Textual's screenshot action and its failure: in the language, or not there."""

    def refuse(*args: object, **kwargs: object) -> str:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    app = app_for(FIRST, language=language)
    found: dict[str, list[str]] = {}
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await edit_even_if_approved(pilot)
        assert app.screen.focused is not None and app.screen.focused.allow_maximize
        for command in app.get_system_commands(app.screen):
            found |= {command.title: english_in(f"{command.title} {command.help}")}
        app.action_show_help_panel()
        await settle(pilot)
        assert not app.screen.query(HelpPanel)
        found |= english_on(app, "keys panel")
        await visit(pilot, "escape")
        app.search_themes()
        await settle(pilot)
        found |= english_on(app, "theme search")
        await visit(pilot, "escape")
        app.search_commands([("kumppani", lambda: None)])
        await settle(pilot)
        found |= english_on(app, "command search")
        await visit(pilot, "escape")
        monkeypatch.setattr(app, "save_screenshot", refuse)
        app.action_screenshot()
        await settle(pilot)
        for notice in app._notifications:
            said = f"{notice.title} {notice.message}"
            found |= {said: english_in(said.replace(os.strerror(errno.EACCES), "!"))}
            assert os.strerror(errno.EACCES) not in said
    assert {where: words for where, words in found.items() if words} == {}


def _svg_text(path: Path) -> str:
    """The snapshot's text, without words cut short by "…" (a Finnish "not…" is no "not")."""
    lines = re.findall(r"<text[^>]*>(.*?)</text>", path.read_text("utf-8"))
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", line)) for line in lines)
    return re.sub(r"\w+…", " ", text)


CUT_AT_THE_EDGE = {"test_followup_view[indicators-80x24].svg": ["is"]}
"""Words the screen's right edge cuts without "…" (the table scrolls): "Kirjattu is(tunnossa)"."""


IN_ENGLISH = {"test_home_library_with_broken_files.svg"}
"""Snapshots in English whose names do not say so."""

NOT_ENGLISH = sorted(
    path
    for path in SNAPSHOTS.rglob("__snapshots__/**/*.svg")
    if not re.search(r"english|\[en\]|_en\b", path.name) and path.name not in IN_ENGLISH
)


@pytest.mark.parametrize("path", NOT_ENGLISH, ids=[path.name for path in NOT_ENGLISH])
def test_snapshots_not_in_english_hold_no_english(path: Path) -> None:
    assert english_in(_svg_text(path)) == CUT_AT_THE_EDGE.get(path.name, [])


def test_the_snapshots_are_found() -> None:
    assert len(NOT_ENGLISH) > 30
