"""Snapshots of the home screen's library with filters set, of review mode and of approval.

The folder is shown by a relative name so the status line is the same on every run.
Update with ``--snapshot-update`` only after looking at the new SVGs.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from kumppani.settings.config import Config
from kumppani.tui.app import KumppaniApp, make_app
from tests.support.examples import EXAMPLES, FOLLOWUP
from tests.support.library import make_library
from tests.support.tui import settle


@pytest.fixture
def library_app(shown_folder: Callable[[str], Path]) -> Callable[..., KumppaniApp]:
    folder = shown_folder("library")
    make_library(folder)

    def build(language: str = "fi") -> KumppaniApp:
        return make_app(Config(), folder, language=language)

    return build


async def with_filters(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("s", "slash", *"nuoret", "tab", *"2026-01-01", "tab", "tab", "tab")
    await settle(pilot)
    await pilot.press("enter", "down", "enter")  # party: state
    await settle(pilot)


def test_home_library_with_filters(
    snap_compare: Any, library_app: Callable[..., KumppaniApp]
) -> None:
    assert snap_compare(library_app(), terminal_size=(120, 30), run_before=with_filters)


def test_home_library_with_broken_files(
    snap_compare: Any, library_app: Callable[..., KumppaniApp]
) -> None:
    assert snap_compare(library_app("en"), terminal_size=(100, 24), run_before=settle)


@pytest.mark.parametrize("section", ["overview", "solutions", "actions", "minutes"])
def test_review(snap_compare: Any, section: str, shown_folder: Callable[[str], Path]) -> None:
    folder = shown_folder("review")
    shutil.copy(EXAMPLES / FOLLOWUP, folder / FOLLOWUP)
    app = make_app(Config(), folder, language="fi", review_file=folder / FOLLOWUP)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.screen.show_section(section)  # type: ignore[attr-defined]
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
