"""Fixtures of the TUI tests: a copy of the example sessions, the app, and the screen as text."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from kumppani.config import Config
from kumppani.tui.app import KumppaniApp, make_app

EXAMPLES = Path(__file__).parent.parent.parent / "sessions"
FIRST = "2026-03-12-nuorisotyollisyys.toml"
FOLLOWUP = "2026-09-17-nuorisotyollisyys-seuranta.toml"

MakeApp = Callable[..., KumppaniApp]


@pytest.fixture
def sessions(tmp_path: Path) -> Path:
    """A sessions folder holding copies of the two example sessions."""
    folder = tmp_path / "sessions"
    folder.mkdir()
    for path in EXAMPLES.glob("*.toml"):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def app_for(sessions: Path) -> MakeApp:
    """Build the app over the copied folder, optionally opening one of its files."""

    def build(
        open_name: str | None = None, *, language: str = "fi", config: Config | None = None
    ) -> KumppaniApp:
        open_file = sessions / open_name if open_name else None
        return make_app(config or Config(), sessions, language=language, open_file=open_file)

    return build


def screen_text(app: KumppaniApp) -> str:
    """What the terminal shows right now, as plain lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def settle(pilot: Pilot[object]) -> None:
    """Stop cursor blinking and let pending work and messages finish."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()
