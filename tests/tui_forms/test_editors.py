"""The action and indicator editors: typed values, validation, status history, readings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.widgets import DataTable, Input, Select, TextArea

from kumppani.session.model import Action, Indicator, Reading
from kumppani.session.vocabulary import ActionStatus
from kumppani.text.i18n import Translator
from kumppani.tui.dialogs.action_editor import ActionEditor, split_parties
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.dialogs.indicator_editor import IndicatorEditor


def test_responsible_parties_are_split_on_commas_semicolons_and_lines() -> None:
    assert split_parties("TEM, Tampere;YM\n OKM ,, ") == ["TEM", "Tampere", "YM", "OKM"]


async def test_a_new_action_with_responsible_parties_and_due_date(
    host: Any, today: dt.date
) -> None:
    app = host(lambda: ActionEditor(Translator("fi"), today=today))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Yhteinen ohjausryhmä", "enter")
        await pilot.press(*"Kokoontuu", "tab", *"Kaksi hallintoa", "tab")
        await pilot.press(*"TEM, Tampereen kaupunki", "enter", *"Aino", "enter")
        await pilot.press(*"2026-06-30", "enter", *"50 000 EUR", "ctrl+s")
    [action] = app.results
    assert isinstance(action, Action)
    assert action.title == "Yhteinen ohjausryhmä"
    assert action.description == "Kokoontuu"
    assert action.rationale == "Kaksi hallintoa"
    assert action.responsible == ["TEM", "Tampereen kaupunki"]
    assert action.owner == "Aino"
    assert action.due == dt.date(2026, 6, 30)
    assert action.resources == "50 000 EUR"
    assert action.status == ActionStatus.PROPOSED
    assert action.history == []


async def test_a_status_change_is_kept_in_the_history(host: Any, today: dt.date) -> None:
    original = Action("Ohjausryhmä", responsible=["TEM"], status=ActionStatus.AGREED)
    app = host(lambda: ActionEditor(Translator("en"), original, today=today))
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#field-status", Select).value = ActionStatus.DONE
        app.screen.query_one("#field-status_note", Input).value = "First meeting held"
        await pilot.press("ctrl+s")
    [action] = app.results
    assert action.id == original.id
    assert action.status == ActionStatus.DONE
    [change] = action.history
    assert (change.on, change.old, change.new) == (today, ActionStatus.AGREED, ActionStatus.DONE)
    assert change.note == "First meeting held"
    assert original.status == ActionStatus.AGREED and original.history == []


async def test_a_status_note_on_a_new_action_is_kept(host: Any, today: dt.date) -> None:
    app = host(lambda: ActionEditor(Translator("fi"), today=today))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Kehysesitys")
        app.screen.query_one("#field-status", Select).value = ActionStatus.AGREED
        app.screen.query_one("#field-status_note", Input).value = "kehysriihi hyväksyi"
        await pilot.press("ctrl+s")
    [action] = app.results
    assert action.status == ActionStatus.AGREED
    [change] = action.history
    assert (change.on, change.old, change.new) == (
        today,
        ActionStatus.PROPOSED,
        ActionStatus.AGREED,
    )
    assert change.note == "kehysriihi hyväksyi"


async def test_a_status_note_without_a_status_change_is_not_thrown_away(host: Any) -> None:
    app = host(lambda: ActionEditor(Translator("en"), Action("x", status=ActionStatus.AGREED)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#field-status_note", Input).value = "budget agreed"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert app.results == []
        assert "choose a new status" in str(app.screen.query_one("#error-status_note").render())
        assert app.focused is app.screen.query_one("#field-status")
        app.screen.query_one("#field-status", Select).value = ActionStatus.IN_PROGRESS
        await pilot.press("ctrl+s")
    [action] = app.results
    assert [change.note for change in action.history] == ["budget agreed"]


async def test_an_action_needs_a_title_and_a_valid_due_date(host: Any) -> None:
    app = host(lambda: ActionEditor(Translator("en")))
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#field-due", Input).value = "30.2.2026"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert app.screen.query_one("#error-title").display
        assert "no day 30.2.2026" in str(app.screen.query_one("#error-due").render())
        await pilot.press(*"Steering group")
        app.screen.query_one("#field-due", Input).value = "30.6.2026"
        await pilot.press("ctrl+s")
    assert app.results[0].due == dt.date(2026, 6, 30)


async def test_escape_cancels_the_action_editor_once_discarding_is_confirmed(host: Any) -> None:
    app = host(lambda: ActionEditor(Translator("fi"), Action("x")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#field-description", TextArea).text = "changed"
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog) and app.results == []
        await pilot.press("y")
    assert app.results == [None]


async def test_an_indicator_with_a_decimal_comma_and_a_reading(host: Any, today: dt.date) -> None:
    app = host(lambda: IndicatorEditor(Translator("fi"), today=today))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Nuorisotyöttömyys", "enter", "%", "enter")
        await pilot.press(*"18", "enter", *"12,5", "enter", *"TEM", "enter", *"puolivuosittain")
        await pilot.press("enter")
        assert app.focused is not None and app.focused.id == "reading-date"
        await pilot.press("tab", *"17,2", "tab", *"kevät", "enter")
        assert app.screen.query_one(DataTable).row_count == 1
        await pilot.press("ctrl+s")
    [indicator] = app.results
    assert isinstance(indicator, Indicator)
    assert (indicator.name, indicator.unit) == ("Nuorisotyöttömyys", "%")
    assert indicator.baseline == 18 and isinstance(indicator.baseline, int)
    assert indicator.target == 12.5
    assert (indicator.owner, indicator.schedule) == ("TEM", "puolivuosittain")
    assert indicator.readings == [Reading(today, 17.2, "kevät")]


async def test_readings_are_validated_and_can_be_deleted(host: Any, today: dt.date) -> None:
    start = Indicator("Työllisyysaste", readings=[Reading(today, 70), Reading(today, 71)])
    app = host(lambda: IndicatorEditor(Translator("en"), start, today=today))
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#reading-value", Input).value = "many"
        app.screen.query_one("#reading-value", Input).focus()
        await pilot.press("enter")
        assert "12.5" in str(app.screen.query_one("#error-reading").render())
        app.screen.query_one("#field-target", Input).value = "lots"
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        table.focus()
        await pilot.press("delete")
        assert table.row_count == 1
        await pilot.press("ctrl+s")  # "many" is still typed in the reading row: not dropped
        assert app.results == [] and app.screen.query_one("#error-reading").display
        app.screen.query_one("#reading-value", Input).value = ""
        await pilot.press("ctrl+s")
        assert app.results == []
        assert app.screen.query_one("#error-target").display
        app.screen.query_one("#field-target", Input).value = "75,5"
        await pilot.press("ctrl+s")
    [indicator] = app.results
    assert indicator.target == 75.5
    assert [reading.value for reading in indicator.readings] == [71]
    assert [reading.value for reading in start.readings] == [70, 71]


async def test_an_unchanged_indicator_keeps_its_values_exactly(host: Any, today: dt.date) -> None:
    start = Indicator("Työpaikat", baseline=1234567.5, target=2.0)
    app = host(lambda: IndicatorEditor(Translator("fi"), start, today=today))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.query_one("#field-baseline", Input).value == "1234567,5"
        assert app.screen.query_one("#field-target", Input).value == "2,0"
        await pilot.press("ctrl+s")
    [indicator] = app.results
    assert indicator.baseline == 1234567.5
    assert indicator.target == 2.0 and isinstance(indicator.target, float)


async def test_a_due_date_without_a_year_is_in_this_year(host: Any, today: dt.date) -> None:
    app = host(lambda: ActionEditor(Translator("fi"), today=today))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Ohjausryhmä")
        app.screen.query_one("#field-due", Input).value = "30.6."
        await pilot.press("ctrl+s")
    assert app.results[0].due == dt.date(today.year, 6, 30)
