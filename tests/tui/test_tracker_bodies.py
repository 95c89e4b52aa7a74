"""The tracker puts an action under every party its responsible bodies belong to."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import OptionList

from kumppani.session.model import Action, Participant, Session
from kumppani.session.vocabulary import ActionStatus
from kumppani.settings.config import Config
from kumppani.storage.files import save_session
from kumppani.tui.app import KumppaniApp, make_app
from kumppani.tui.screens.tracker import TrackerScreen
from kumppani.tui.widgets.tables.tracker_table import TrackerTable
from tests.support.tui import settle
from tests.support.views import option_labels, pick_option


def bodies_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "bodies"
    folder.mkdir()
    people = [Participant("Johtaja", organisation="Tampereen kaupunki", party="city", id="p-1")]
    session = Session(title="Pöytä", date=dt.date(2026, 3, 12), id="s-1", participants=people)
    agreed = ActionStatus.AGREED
    session.actions = [
        Action("Kaavoitus", id="a-ym", status=agreed, responsible=["YM"]),
        Action("Raitiotie", id="a-lvm", status=agreed, responsible=["LVM"]),
        Action("Yhteinen", id="a-both", status=agreed, responsible=["Tampere", "YM"]),
        Action("Kaupungin oma", id="a-city", status=agreed, responsible=["Tampereen kaupunki"]),
    ]
    save_session(session, folder / "2026-03-12-poyta.toml")
    return folder


def shown(app: KumppaniApp) -> set[str]:
    return {item.action.id for item in app.screen.query_one(TrackerTable).shown}


async def test_party_picker_finds_ministries_and_one_choice_per_body(tmp_path: Path) -> None:
    folder = bodies_folder(tmp_path)
    app = make_app(Config(), folder, language="fi")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await app.push_screen(TrackerScreen(folder, app.config, app.translate))
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        labels = option_labels(options)
        # Tampere and Tampereen kaupunki are one body; abbreviations show their full name.
        assert [label for label in labels if "Tampere" in label] == ["Tampere – Tampereen kaupunki"]
        assert "YM – Ympäristöministeriö" in labels
        await pick_option(pilot, "Valtio")
        assert shown(app) == {"a-ym", "a-lvm", "a-both"}
        await pilot.press("p")
        await settle(pilot)
        await pick_option(pilot, "Kaupunki")
        assert shown(app) == {"a-both", "a-city"}
        await pilot.press("p")
        await settle(pilot)
        await pick_option(pilot, "Tampere – Tampereen kaupunki")
        assert shown(app) == {"a-both", "a-city"}
