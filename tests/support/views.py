"""Helpers of the tests of the follow-up views: a third session with actions, and key helpers."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import OptionList

from kumppani.session.model import Action, Participant, Session
from kumppani.session.vocabulary import ActionStatus
from kumppani.storage.files import save_session
from kumppani.tui.screens.home import HomeScreen
from tests.support.tui import settle

TODAY = dt.date(2026, 11, 1)
"""The day the tracker tests are run on: two actions are overdue then."""
GROWTH = "2026-05-04-kasvupalvelut.toml"
"""A session of its own series (no previous session), with three actions."""


def growth_session() -> Session:
    when = dt.datetime(2026, 5, 4, 12, 0, tzinfo=dt.UTC)
    return Session(
        title="Kasvupalvelujen kumppanuuspöytä",
        date=dt.date(2026, 5, 4),
        created=when,
        modified=when,
        id="s-kasvu001",
        participants=[
            Participant("Elli Esimerkki", "Tampereen kaupunki", "Elinkeinojohtaja", "city"),
            Participant("Ville Valtio", "TEM", "Neuvotteleva virkamies", "state"),
        ],
        actions=[
            Action(
                "Yritysneuvonnan yhteinen palvelupiste",
                responsible=["Tampereen kaupunki", "TEM"],
                owner="Elinkeinojohtaja",
                due=dt.date(2026, 6, 1),
                status=ActionStatus.AGREED,
                id="a-palvelupiste",
            ),
            Action(
                "Osaajien maahanmuuton pilotti",
                responsible=["TEM"],
                owner="Neuvotteleva virkamies",
                due=dt.date(2027, 2, 1),
                status=ActionStatus.PROPOSED,
                id="a-pilotti",
            ),
            Action(
                "Toimialakatsaus",
                responsible=["Tampereen kaupunki"],
                owner="Tutkija",
                due=dt.date(2026, 9, 1),
                status=ActionStatus.DONE,
                id="a-katsaus",
            ),
        ],
    )


def add_growth_session(folder: Path) -> Path:
    path = folder / GROWTH
    save_session(growth_session(), path)
    return path


def option_labels(options: OptionList) -> list[str]:
    """The labels of a picker's options, without the numbers a ``ParticipantPicker`` adds."""
    prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    return [re.sub(r"^\s*\d+  ", "", prompt) for prompt in prompts]


async def pick_option(pilot: Pilot[object], label: str) -> None:
    """In an open picker, move down to the option with this label and choose it.

    A ``ParticipantPicker`` numbers its options ("  3  Name"): the number is not the label.
    """
    labels = option_labels(pilot.app.screen.query_one(OptionList))
    target = labels.index(label)
    await pilot.press("home", *["down"] * target, "enter")
    await settle(pilot)


async def select_home_row(pilot: Pilot[object], name: str) -> None:
    """Move the home screen's cursor (by keyboard) to the session file ``name``."""
    screen = pilot.app.screen
    assert isinstance(screen, HomeScreen)
    await pilot.press("ctrl+home")
    for _ in range(50):
        current = screen.current
        if current is not None and current.path.name == name:
            return
        await pilot.press("down")
    raise AssertionError(f"{name} is not on the home screen")
