"""Fixtures of the TUI tests: a copy of the example sessions and the app built over it.

``snapshot_app`` is the one fixture of the snapshot tests: the app over the same
copy, found through a relative folder name (``sessions``, with the test's own
temporary folder as the working folder). The home and tracker status lines show
the folder as given, so a snapshot is the same on every run and every machine,
and no test writes to a fixed folder that parallel workers would share.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kumppani.settings.config import Config
from kumppani.storage import locks
from kumppani.storage.locks import LockInfo
from kumppani.tui.app import KumppaniApp, make_app
from tests.support.co_writing import running_holder
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


@pytest.fixture
def shown_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """Make folders in the test's temporary folder, named relative to it as the app shows them."""
    monkeypatch.chdir(tmp_path)

    def make(name: str) -> Path:
        folder = Path(name)
        folder.mkdir(exist_ok=True)
        return folder

    return make


@pytest.fixture
def snapshot_app(sessions: Path, shown_folder: Callable[[str], Path]) -> MakeApp:
    """Build the app over the copied examples as ``sessions``, optionally opening one of them."""
    folder = shown_folder(sessions.name)

    def build(language: str = "fi", open_name: str | None = None) -> KumppaniApp:
        open_file = folder / open_name if open_name else None
        return make_app(Config(), folder, language=language, open_file=open_file)

    return build


@pytest.fixture
def holder() -> Iterator[LockInfo]:
    """The first note-taker of a co-written session: another kumppani here, still running.

    Every lock this test's app took is let go afterwards.
    """
    with running_holder() as info:
        yield info
    locks.release_all()
