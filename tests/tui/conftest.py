"""Fixtures of the TUI tests: a copy of the example sessions, the app, and the screen as text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kumppani.settings.config import Config
from kumppani.tui.app import KumppaniApp, make_app
from tests.support.examples import EXAMPLES
from tests.support.tui import MakeApp


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
