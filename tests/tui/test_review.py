"""Review mode: every part of a session can be browsed, and nothing can change the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kumppani.settings.config import Config
from kumppani.tui.app import make_app
from kumppani.tui.dialogs.error import ErrorDialog
from kumppani.tui.screens.home import HomeScreen
from kumppani.tui.screens.review.screen import SECTIONS, ReviewScreen
from kumppani.tui.widgets.tables.session_table import SessionTable
from tests.support.examples import FIRST, FOLLOWUP
from tests.support.tui import MakeApp, screen_text, settle

LETTERS = [*"abcdefghijklmnoprstuvwxyzåäö", "A", "Z", "space", "1", "9"]
"""Every letter in the section list (``q`` closes, so it comes last)."""
EDITING_KEYS = [
    "x",
    "ä",
    "space",
    "delete",
    "backspace",
    "enter",
    "ctrl+s",
    "ctrl+z",
    "ctrl+v",
    "ctrl+t",
    "ctrl+o",
    "alt+up",
    "down",
    "tab",
    *[f"f{n}" for n in range(2, 13)],
]
"""Keys that edit, save, undo or change a step elsewhere, pressed inside every section."""


def state_of(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every entry of the folder (hidden ones too) with its bytes and modification time."""
    return {
        path.name: (path.read_bytes(), os.stat(path).st_mtime_ns)
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


async def test_r_on_home_opens_review_mode_and_esc_returns(
    app_for: MakeApp, sessions: Path
) -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(SessionTable)
        assert table.move_to_path(sessions / FIRST)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        text = screen_text(app)
        assert FIRST in text
        # The mode and "read only" are each said once, not in the title, its subtitle and
        # the banner below ("Kumppani · TARKASTELU — Tarkastelu, vain luku · …").
        assert text.lower().count("tarkastelu") == 1, text
        assert text.count("vain luku") == 1, text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.slow
async def test_every_section_can_be_browsed(sessions: Path) -> None:
    app = make_app(Config(), sessions, language="fi", review_file=sessions / FOLLOWUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        seen = {}
        for key in SECTIONS:
            assert screen.section == key
            seen[key] = screen_text(app)
            await pilot.press("down")
            await settle(pilot)
        assert "Osallistujat" in seen["overview"] and "Erityisasiantuntija" in seen["overview"]
        assert "hyväksynyt Erityisasiantuntija 24.9.2026 klo 14.10" in seen["overview"]
        assert "Päivä: 17.9.2026 klo 13.00–15.30" in seen["overview"]  # as in the minutes
        assert "Johtopäätös" in seen["situation"] and "★" in seen["situation"]
        assert "Tahtotila" in seen["will"]
        assert "Yhteinen viesti" in seen["solutions"]
        assert "Seurantasuunnitelma" in seen["followup"]
        assert "Keskeytysilmoituksen sähköinen malli" in seen["actions"]
        assert "Tilan muutokset" in seen["actions"] and "Sovittu → Käynnissä" in seen["actions"]
        assert "Lähtötaso" in seen["indicators"] and "Mittaukset" in seen["indicators"]
        assert "Muistio – Nuorisotyöllisyyden" in seen["minutes"]
        # The second indicator's details follow the cursor in its table.
        await pilot.press("i", "enter", "down")
        await settle(pilot)
        second = screen.session.indicators[1].name
        assert second in screen_text(app).split("────")[-1]
        # The minutes as plain Markdown text.
        await pilot.press("m", "v")
        await settle(pilot)
        assert "# Muistio – Nuorisotyöllisyyden" in screen_text(app)
        await pilot.press("3")
        await settle(pilot)
        assert screen.section == "will"


async def test_user_text_is_never_markup(sessions: Path) -> None:
    path = sessions / FIRST
    text = path.read_text("utf-8")
    text = text.replace(
        'title = "Nuorisotyöllisyyden', 'title = "[bold red]Ei[/] \\u001b[2J Nuorisotyöllisyyden', 1
    )
    path.write_text(text, "utf-8")
    app = make_app(Config(), sessions, language="fi", review_file=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "[bold red]Ei[/]" in screen_text(app)
        await pilot.press("3")
        await settle(pilot)
        assert "Valtio hyötyy" in screen_text(app)  # step 3 shows the win-win
        await pilot.press("m")
        await settle(pilot)
        assert "[bold red]Ei[/]" in screen_text(app)


@pytest.mark.slow
async def test_no_key_changes_the_file_and_nothing_is_written(sessions: Path) -> None:
    path = sessions / FOLLOWUP
    before = state_of(sessions)
    app = make_app(Config(), sessions, language="fi", review_file=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await pilot.press(*LETTERS, *EDITING_KEYS)
        await settle(pilot)
        assert app.screen is screen and state_of(sessions) == before
        for key in SECTIONS:
            screen.show_section(key)
            screen.action_enter_section()
            await pilot.press(*EDITING_KEYS)
            await settle(pilot)
            assert app.screen is screen
            assert state_of(sessions) == before
        await pilot.press("f1")
        await settle(pilot)
        await pilot.press("escape", "q")
        await settle(pilot)
    assert app.return_value == 0
    assert state_of(sessions) == before


async def test_ctrl_q_quits_review_without_writing(sessions: Path) -> None:
    before = state_of(sessions)
    app = make_app(Config(), sessions, language="fi", review_file=sessions / FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("x", "ctrl+s", "ctrl+q")
        await settle(pilot)
    assert app.return_value == 0
    assert state_of(sessions) == before


async def test_a_broken_file_in_review_shows_where_it_is_broken(sessions: Path) -> None:
    broken = sessions / "rikki.toml"
    good = (sessions / FIRST).read_text("utf-8")
    broken.write_text(good.replace('title = "Nuorisotyöllisyyden', 'title = 3 # "', 1), "utf-8")
    app = make_app(Config(), sessions, language="fi", review_file=broken)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        assert "rikki.toml:6" in app.screen.detail and "title" in app.screen.detail
        await pilot.press("enter")
        await settle(pilot)
    assert app.return_value == 1


async def test_a_change_of_language_keeps_review_mode(sessions: Path) -> None:
    before = state_of(sessions)
    app = make_app(Config(), sessions, language="fi", review_file=sessions / FIRST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.switch_language("en")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert "REVIEW" in screen_text(app) and "Overview" in screen_text(app)
        await pilot.press("q")
        await settle(pilot)
    assert app.return_value == 0
    assert state_of(sessions) == before
