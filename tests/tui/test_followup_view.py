"""The follow-up session from the home screen: the next session of the series, opened to edit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input

from kumppani.storage.files import load_session
from kumppani.text.i18n import t
from kumppani.tui.dialogs.followup_date import FollowupDateDialog
from kumppani.tui.screens.step.screen import StepScreen
from tests.support.examples import FIRST, FOLLOWUP
from tests.support.tui import MakeApp, settle
from tests.support.views import select_home_row


async def test_followup_key_creates_the_next_session_and_opens_it(
    app_for: MakeApp, sessions: Path
) -> None:
    previous = load_session(sessions / FOLLOWUP)
    first = load_session(sessions / FIRST)
    before = {path.name for path in sessions.glob("*.toml")}
    app = app_for()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await select_home_row(pilot, FOLLOWUP)
        await pilot.press("f")
        await settle(pilot)
        # The date is asked: today, shown and changeable; a wrong one is not taken.
        assert isinstance(app.screen, FollowupDateDialog)
        field = app.screen.query_one(Input)
        assert field.value == dt.date.today().isoformat()
        field.value = "31.2.2026"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FollowupDateDialog)
        assert sorted(sessions.glob("*.toml")) == sorted(sessions / name for name in before)
        field.value = "1.10.2026"
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        created = {path.name for path in sessions.glob("*.toml")} - before
        assert len(created) == 1
        path = sessions / created.pop()
        screen = app.screen
        assert isinstance(screen, StepScreen)
        assert screen.editor.path == path and not screen.editor.read_only
    made = load_session(path)
    assert made.previous is not None and made.previous.id == previous.id
    assert made.previous.file == FOLLOWUP
    # The series' title with "follow-up" once, in the session's language.
    assert made.title == t("cli.followup.default_title", "fi", title=first.title)
    assert [p.name for p in made.participants] == [p.name for p in previous.participants]
    assert made.date == dt.date(2026, 10, 1)
    assert [p.present for p in made.participants] == [None] * len(made.participants)
    # Step 5 starts with what is still open and every indicator, readings kept.
    assert {a.id for a in made.actions} == {"a-kokeilulaki", "a-mielenterveys", "a-kampanja"}
    assert [i.id for i in made.indicators] == [i.id for i in previous.indicators]
    assert [len(i.readings) for i in made.indicators] == [3, 3, 2]


async def test_followup_of_a_followup_does_not_pile_up_titles(
    app_for: MakeApp, sessions: Path
) -> None:
    app = app_for()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await select_home_row(pilot, FOLLOWUP)
        await pilot.press("f", "enter")  # the date: today
        await settle(pilot)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepScreen)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert screen.editor.path is not None
        await select_home_row(pilot, screen.editor.path.name)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        second = app.screen
        assert isinstance(second, StepScreen) and second is not screen
        assert second.editor.session.title == screen.editor.session.title
        assert second.editor.path != screen.editor.path
