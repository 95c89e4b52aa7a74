"""The setup screen: a new session by keyboard, validation, and editing an existing roster."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.widgets import DataTable, Input

from kumppani.editing.editor import SessionEditor
from kumppani.session.model import Session
from kumppani.text.i18n import Translator
from kumppani.tui.screens.setup import SetupScreen
from kumppani.tui.widgets.forms.roster import Roster

Host = Any


def new_setup(host: Host, today: dt.date, language: str = "fi") -> Any:
    return host(lambda: SetupScreen(None, Translator(language), today=today))


async def test_a_new_session_by_keyboard_with_three_people_in_seat_order(
    host: Host, today: dt.date
) -> None:
    app = new_setup(host, today)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Nuorisotakuu", "enter", *"Työllisyys", "enter")
        assert app.focused is not None and app.focused.id == "field-date"
        await pilot.press(*"2026-04-02", "enter", *"9:30", "enter")
        app.screen.query_one("#minutes-will", Input).value = "45"
        app.screen.query_one("#roster-name", Input).focus()
        for name in ("Aino", "Bertta", "Cecilia"):
            await pilot.press(*name, "tab", *"TEM", "enter")
        await pilot.press("f3", *"Daniel", "enter")
        table = app.screen.query_one(DataTable)
        table.focus()
        await pilot.press("up", "alt+up", "space")
        await pilot.press("down", "delete")
        await pilot.press("ctrl+s")
    [result] = app.results
    assert isinstance(result, Session)
    assert result.title == "Nuorisotakuu"
    assert result.theme == "Työllisyys"
    assert result.date == dt.date(2026, 4, 2)
    assert result.start_time == dt.time(9, 30)
    assert result.step("will").planned_minutes == 45
    assert result.step("overall").planned_minutes == 20
    assert [p.name for p in result.participants] == ["Aino", "Cecilia", "Daniel"]
    assert [p.organisation for p in result.participants] == ["TEM", "TEM", ""]
    assert [p.present for p in result.participants] == [True, False, True]
    assert result.participants[2].party == "city"


async def test_an_invalid_date_is_shown_and_does_not_finish(host: Host, today: dt.date) -> None:
    app = new_setup(host, today, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Round table", "enter", "enter")
        await pilot.press(*"2026-13-40", "ctrl+s")
        error = app.screen.query_one("#error-date")
        assert error.display
        assert "There is no day 2026-13-40" in str(error.render())
        assert app.focused is not None and app.focused.id == "field-date"
        assert app.results == []
        await pilot.press("ctrl+shift+a", *"12.3.2026", "ctrl+s")
    assert app.results[0].date == dt.date(2026, 3, 12)


async def test_a_title_is_required(host: Host, today: dt.date) -> None:
    app = new_setup(host, today)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        assert app.screen.query_one("#error-title").display
        assert app.results == []


async def test_editing_an_existing_session_changes_the_editor(
    host: Host, editor: SessionEditor
) -> None:
    seen: list[str] = []
    editor.subscribe(seen.append)
    app = host(lambda: SetupScreen(editor, Translator("fi")))
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one(DataTable)
        table.focus()
        await pilot.press("enter")
        await pilot.press("ctrl+shift+a", *"Matti M.", "enter")
        await pilot.press("ctrl+s")
    assert app.results == [editor.session]
    assert editor.session.participants[0].name == "Matti M."
    assert seen == ["setup"]
    assert editor.dirty


async def test_names_are_shown_literally_in_the_roster(host: Host, session: Session) -> None:
    session.participants[1].name = "[@click=app.quit]"
    editor = SessionEditor(session, None)
    app = host(lambda: SetupScreen(editor, Translator("en")))
    async with app.run_test(size=(120, 40)):
        table = app.screen.query_one(DataTable)
        names = [str(table.get_cell_at((row, 1))) for row in range(table.row_count)]
        assert "[@click=app.quit]" in names
        assert "[bold]x[/]" in names
        roster = app.screen.query_one(Roster)
        assert len(roster.participants) == 3


async def test_the_minutes_fields_are_typed_in_the_form(host: Host, today: dt.date) -> None:
    app = new_setup(host, today)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Pöytä", "enter", "enter", "enter", *"9.00", "enter", *"11.30", "enter")
        assert app.focused is not None and app.focused.id == "field-venue"
        await pilot.press("enter", "enter", "enter", *"Sihteeri", "enter")
        await pilot.press(*"2026-10-01", "enter", *"13:00", "enter", *"Raatihuone", "enter")
        assert app.focused is not None and app.focused.id == "field-distribution"
        await pilot.press(*"Osallistujat", "enter", *"Ohjausryhmä")
        await pilot.press("ctrl+s")
    [result] = app.results
    assert isinstance(result, Session)
    assert (result.start_time, result.end_time) == (dt.time(9, 0), dt.time(11, 30))
    assert result.writer == "Sihteeri"
    assert result.next_meeting.date == dt.date(2026, 10, 1)
    assert result.next_meeting.start_time == dt.time(13, 0)
    assert result.next_meeting.venue == "Raatihuone"
    assert result.distribution == "Osallistujat\nOhjausryhmä"


async def test_a_wrong_end_time_is_shown_and_does_not_finish(host: Host, today: dt.date) -> None:
    app = new_setup(host, today, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Round table", "enter", "enter", "enter", "enter", *"25:99", "ctrl+s")
        assert app.screen.query_one("#error-end").display
        assert app.focused is not None and app.focused.id == "field-end"
    assert app.results == []
