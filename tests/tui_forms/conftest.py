"""Fixtures for the form tests: a tiny host app that pushes one screen, and a sample session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.screen import Screen

from kumppani.editing.editor import SessionEditor
from kumppani.session.model import (
    Action,
    Indicator,
    Note,
    Participant,
    Reading,
    Session,
    default_steps,
)
from kumppani.session.vocabulary import Role
from kumppani.tui.themes import register_themes

TODAY = dt.date(2026, 3, 12)
"""A fixed today, so snapshots do not change with the calendar."""


class HostApp(App[None]):
    """Pushes the screen made by ``factory`` and keeps whatever it dismissed with."""

    def __init__(self, factory: Callable[[], Screen[Any]], theme: str = "kumppani-light") -> None:
        super().__init__()
        self.factory = factory
        self.results: list[Any] = []
        register_themes(self)
        self.theme = theme

    def on_mount(self) -> None:
        self.push_screen(self.factory(), self.results.append)


@pytest.fixture
def session() -> Session:
    """A round table with three people, a note with markup-like text, an action, an indicator."""
    steps = default_steps({"overall": 20, "situation": 30, "will": 25, "solutions": 35})
    steps[0].notes.append(Note("Nuorten työllisyyspalvelut ovat hajallaan [kolmessa] paikassa"))
    return Session(
        title="Nuorisotyöllisyys Tampereella",
        date=TODAY,
        venue="Tampereen kaupungintalo",
        facilitator="Aino Fasilitaattori",
        steps=steps,
        participants=[
            Participant("Matti Meikäläinen", "TEM", "neuvotteleva virkamies", "state"),
            Participant("Liisa Virtanen", "Tampereen kaupunki", "johtaja", "city", Role.CHAIR),
            Participant("[bold]x[/]", "OKM", party="state", present=False),
        ],
        actions=[Action("Yhteinen ohjausryhmä", responsible=["TEM", "Tampere"])],
        indicators=[Indicator("Nuorisotyöttömyys", "%", 18, 12.5, readings=[Reading(TODAY, 17)])],
    )


@pytest.fixture
def editor(session: Session, tmp_path: Path) -> SessionEditor:
    """An editor on ``session`` as if opened from ``tmp_path/round-table.toml``."""
    return SessionEditor(session, tmp_path / "round-table.toml")


@pytest.fixture
def host() -> type[HostApp]:
    """The host app class, for tests to build with the screen they need."""
    return HostApp


@pytest.fixture
def today() -> dt.date:
    """The fixed date the forms take as today."""
    return TODAY
