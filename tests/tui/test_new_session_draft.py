"""A new session typed into its form, not yet created, survives a crash (issue 18, item 3).

Before: the new-session form has no session file, so no journal: a facilitator who
typed the title, the date and the roster and then lost the terminal lost all of it.
Now its typing goes to a draft file in the state folder within a second, the next
start offers it, and the form opens with it in place.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from kumppani.settings.config import Config
from kumppani.storage.draft_file import NEW_SESSION, draft_path, read_draft
from kumppani.storage.files import load_session
from kumppani.tui.app import KumppaniApp
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.screens.home import HomeScreen
from kumppani.tui.screens.setup import SetupScreen
from kumppani.tui.widgets.forms.roster import Roster
from tests.support.tui import MakeApp, paste, screen_text, settle

TITLE = "Kevään pyöreä pöytä"
NAMES = ("Aino Esimerkki", "Bertil Prov")


async def type_new_session(app: KumppaniApp, pilot: Pilot[object]) -> None:
    """On home: ``n``, a title, two names in the roster; the draft written, no session made."""
    await settle(pilot)
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(app.screen, SetupScreen)
    await paste(pilot, TITLE)
    app.screen.query_one("#roster-name").focus()
    for name in NAMES:
        await paste(pilot, name)
        await pilot.press("enter")
    await settle(pilot)
    app.draft_file(NEW_SESSION).flush()  # what its writer does within a second


def sessions_titled(folder: Path, title: str) -> list[Path]:
    return [path for path in folder.glob("*.toml") if load_session(path).title == title]


async def test_a_new_session_left_in_its_form_is_offered_and_created(
    app_for: MakeApp, sessions: Path
) -> None:
    app = app_for(config=Config(autosave_seconds=600.0))
    async with app.run_test(size=(100, 30)) as pilot:
        await type_new_session(app, pilot)
    assert not sessions_titled(sessions, TITLE)  # nothing was created: the crash
    assert draft_path(NEW_SESSION).stat().st_mode & 0o077 == 0  # names: owner-only

    app = app_for(config=Config(autosave_seconds=600.0))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        shown = screen_text(app)
        assert "Uusi istunto jäi kesken" in shown and TITLE in shown
        assert "Osallistujia: 2" in shown
        await pilot.press("y")  # continue
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SetupScreen)
        assert form.query_one("#field-title", Input).value == TITLE
        assert [person.name for person in form.query_one(Roster).participants] == list(NAMES)
        await pilot.press("ctrl+s")
        await settle(pilot)
    (created,) = sessions_titled(sessions, TITLE)
    assert [person.name for person in load_session(created).participants] == list(NAMES)
    assert read_draft(NEW_SESSION) is None and not draft_path(NEW_SESSION).exists()


async def test_not_now_keeps_it_for_the_next_new_session_and_esc_asks(
    app_for: MakeApp, sessions: Path
) -> None:
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await type_new_session(app, pilot)

    app = app_for()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # not now
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert read_draft(NEW_SESSION) is not None  # kept, as the notice says
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SetupScreen)
        assert form.query_one("#field-title", Input).value == TITLE
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)  # asked before throwing it away
        await pilot.press("escape")  # keep editing
        await settle(pilot)
        assert app.screen is form and read_draft(NEW_SESSION) is not None
        await pilot.press("escape", "y")  # asked again, and now discarded
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert read_draft(NEW_SESSION) is None
    assert not sessions_titled(sessions, TITLE)


async def test_a_new_session_created_leaves_no_draft_behind(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await type_new_session(app, pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, SetupScreen)
        assert read_draft(NEW_SESSION) is None


async def test_typing_before_the_forms_first_frame_is_typing(app_for: MakeApp) -> None:
    # Found in tmux (kill -9 test): a title typed at once after ``n`` reached the form
    # before its first frame, and the form took it for what it opened with: the draft
    # left the title out, and Esc closed the form without asking.
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        form = SetupScreen(None, app.translate, app.config)
        await app.push_screen(form)
        form.query_one("#field-title", Input).insert_text_at_cursor(TITLE)  # no frame between
        await settle(pilot)
        app.draft_file(NEW_SESSION).flush()
        assert read_draft(NEW_SESSION) == {"values": {"field-title": TITLE}}
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)


async def test_enter_continues_the_form_and_not_now_keeps_the_draft_across_starts(
    app_for: MakeApp, sessions: Path
) -> None:
    # Issue 18 (a tester): the focus was on "Ei nyt", so Enter closed the offer without
    # opening the form. Enter now continues; "Ei nyt" keeps the draft, says so, and the
    # next start offers it again.
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_new_session(app, pilot)

    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "poista mitään" in screen_text(app)
        await pilot.click("#no")  # "Ei nyt"
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert read_draft(NEW_SESSION) is not None

    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SetupScreen)
        assert form.query_one("#field-title", Input).value == TITLE
