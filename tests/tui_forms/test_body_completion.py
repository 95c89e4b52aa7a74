"""The forms complete responsible bodies from the roster and the list of bodies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.widgets import Input, Label

from kumppani.settings.config import Config
from kumppani.text.i18n import Translator
from kumppani.tui.app import make_app
from kumppani.tui.dialogs.action_editor import ActionEditor
from kumppani.tui.dialogs.indicator_editor import IndicatorEditor
from kumppani.tui.widgets.forms.body_field import BodyChoices, BodySuggester
from tests.support.examples import EXAMPLES
from tests.support.tui import edit_even_if_approved, settle

ROSTER = (("Tampereen kaupunki", "city"), ("Tampereen Kauppakamari", "other"))


def choices(language: str = "fi") -> BodyChoices:
    config = Config()
    return BodyChoices(
        config.body_directory(), ROSTER, lambda key: config.party_label(key, language), language
    )


def test_the_body_after_the_last_comma_is_completed() -> None:
    suggest = BodySuggester(choices()).suggest
    assert suggest("tam") == "Tampereen kaupunki"  # the roster first
    assert suggest("TEM, tampereen kaup") == "TEM, Tampereen kaupunki"
    assert suggest("TEM, Tampereen kaupp") == "TEM, Tampereen Kauppakamari"
    assert suggest("YM;  lv") == "YM;  LVM"
    assert suggest("ympä") == "Ympäristöministeriö"
    assert suggest("TEM, ") is None
    assert suggest("zzz") is None


def test_the_line_under_the_field_names_the_body_and_its_party() -> None:
    describe = choices().describe
    assert describe("TEM, ym") == "YM – Ympäristöministeriö · Valtio"
    assert describe("Tampere") == "Tampere – Tampereen kaupunki · Kaupunki"
    assert describe("Tampereen Kauppakamari") == (
        "Tampereen Kauppakamari · Muu (osallistujaluettelosta)"
    )
    assert describe("Oma yhdistys") == "Oma yhdistys: uusi vastuutaho, osapuoli ei tiedossa"
    assert describe("") == "→ täydentää nimen · pilkku erottaa vastuutahot"
    # While a name is typed, the line says what → completes it to.
    assert describe("YM, lv") == "→ LVM – Liikenne- ja viestintäministeriö · Valtio"
    assert describe("Tampereen kaupp") == "→ Tampereen Kauppakamari · Muu (osallistujaluettelosta)"
    assert choices("sv").describe("MM") == "YM – Miljöministeriet · Staten"


async def test_typing_a_body_and_right_arrow_completes_it(host: Any, today: dt.date) -> None:
    app = host(lambda: ActionEditor(Translator("fi"), today=today, bodies=choices()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Raitiotie", "enter", "tab", "tab")
        field = app.screen.query_one("#field-responsible", Input)
        assert field.has_focus
        await pilot.press(*"lv")
        await pilot.pause()
        await pilot.press("right")
        assert field.value == "LVM"
        hint = app.screen.query_one("#responsible-hint", Label)
        assert str(hint.render()) == "LVM – Liikenne- ja viestintäministeriö · Valtio"
        await pilot.press(*", tamp")
        await pilot.pause()
        await pilot.press("right", "ctrl+s")
    [action] = app.results
    assert action.responsible == ["LVM", "Tampereen kaupunki"]


async def test_the_forms_complete_from_the_roster_of_the_open_session(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    name = "2026-03-12-nuorisotyollisyys.toml"
    (folder / name).write_bytes((EXAMPLES / name).read_bytes())
    app = make_app(Config(), folder, language="fi", open_file=folder / name)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await edit_even_if_approved(pilot)
        await app.push_screen(IndicatorEditor(Translator("fi")))
        await settle(pilot)
        field = app.screen.query_one("#field-owner", Input)
        field.focus()
        await pilot.press(*"tampereen kaupp")
        await pilot.pause()
        await pilot.press("right")
        assert field.value == "Tampereen Kauppakamari"
        hint = str(app.screen.query_one("#owner-hint", Label).render())
        assert hint == "Tampereen Kauppakamari · Muu (osallistujaluettelosta)"
        await pilot.press("escape")
