"""Helpers of the hostile-input TUI tests: a session full of given text, and a visit of every view.

Each field gets a short tag of its own before the text (``TI:`` for the title
…), so that a check finds *that* field on the screen. What a view must show
follows the app's documented rules:

- one-line places (header, tables, note list) show ``textsafe.one_line`` of
  the text, cut to the room they have;
- editors and multi-line labels (``TextArea``, ``Label``) show the text as it
  is, line by line, less the characters the app's line filter drops
  (``textsafe.TERMINAL_CONTROLS``); an ``Input`` holds the value exactly.

No drawn line may ever hold a control or bidi character.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from kumppani.fileformat.encode import text as stored_text
from kumppani.session.model import Action, Indicator, Note, Participant, Session, WinWin
from kumppani.storage.files import save_session
from kumppani.text.safe import TERMINAL_CONTROLS, one_line
from kumppani.tui.app import KumppaniApp
from kumppani.tui.dialogs.action_editor import ActionEditor
from kumppani.tui.dialogs.indicator_editor import IndicatorEditor
from kumppani.tui.screens.help import HelpScreen
from kumppani.tui.screens.setup import SetupScreen
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.screens.summary import SummaryScreen
from tests.support.tui import screen_text, settle

SIZE = (160, 50)
"""Wide and tall enough that conclusions, win-win and plan panels are all shown."""
PREFIX = 8
"""How many characters of a text (after its tag) a check looks for on the screen."""
FIELDS = (
    "title",
    "name",
    "organisation",
    "note",
    "conclusion",
    "winwin",
    "action",
    "description",
    "indicator",
    "message",
)
TAGS = {field: f"{field[:2].upper()}{index}:" for index, field in enumerate(FIELDS)}


def tagged(texts: dict[str, str]) -> dict[str, str]:
    """Each field's text behind its tag, as the session file stores it (CR LF as LF)."""
    return {field: stored_text(TAGS[field] + texts.get(field, "")) for field in FIELDS}


def hostile_session(texts: dict[str, str]) -> Session:
    """A session with ``texts`` (already tagged) in every field a view shows."""
    session = Session(title=texts["title"], date=dt.date(2026, 3, 12))
    person = Participant(
        name=texts["name"], organisation=texts["organisation"], title="", party="state"
    )
    session.participants = [person]
    for step in session.steps:
        step.notes = [Note(texts["note"], participant=person.id, party="state")]
        step.conclusion = texts["conclusion"]
    session.winwin = WinWin(state_gains=texts["winwin"])
    session.actions = [Action(title=texts["action"], description=texts["description"], owner="O")]
    session.indicators = [Indicator(name=texts["indicator"], owner="O")]
    session.shared_message = texts["message"]
    return session


def squash(text: str) -> str:
    """``text`` without any white space: wrapping and tab widths do not matter."""
    return "".join(text.split())


def one_line_form(text: str, prefix: int = PREFIX) -> str:
    """The start of ``text`` (its tag and ``prefix`` characters) as a one-line place shows it."""
    return one_line(text)[: len(TAGS["title"]) + prefix]


def editor_form(text: str, prefix: int = PREFIX) -> str:
    """The start of ``text`` as an editor or a label shows it: its first line, filtered."""
    lines = text.splitlines() or [""]
    return TERMINAL_CONTROLS.sub("", lines[0])[: len(TAGS["title"]) + prefix]


def assert_no_controls(app: KumppaniApp) -> None:
    """No drawn line holds a control or bidi character."""
    for strip in app.screen._compositor.render_strips():
        found = TERMINAL_CONTROLS.findall(strip.text)
        assert not found, f"{type(app.screen).__name__} drew {sorted(set(map(repr, found)))}"


def assert_shown(app: KumppaniApp, expected: str, where: str) -> None:
    shown = squash(screen_text(app))
    assert squash(expected) in shown, f"{where}: {expected!r} not on {type(app.screen).__name__}"


def step_screen(app: KumppaniApp) -> StepScreen:
    screen = app.screen
    assert isinstance(screen, StepScreen)
    return screen


async def visit_everything(
    app: KumppaniApp,
    pilot: Pilot[int],
    texts: dict[str, str],
    path: Path,
    *,
    forms: bool = True,
    prefix: int = PREFIX,
) -> None:
    """The home list, every step, the summary, both plan editors, and with ``forms`` the
    details (setup and roster) and the help.

    Checks on each that no control character is drawn and the texts are shown;
    at the end, that looking changed nothing in the session.
    """
    await settle(pilot)
    assert_no_controls(app)
    assert_shown(app, one_line_form(texts["title"], prefix), "home table")
    app.open_session(path)
    for number in range(1, 6):
        await pilot.press(f"alt+{number}")
        await settle(pilot)
        screen = step_screen(app)
        assert screen.index == number - 1
        assert_no_controls(app)
        assert_shown(app, one_line_form(texts["title"], prefix), "header")
        assert_shown(app, one_line_form(texts["note"], prefix), "note list")
        assert_shown(app, editor_form(texts["conclusion"], prefix), "conclusion")
        if screen.step_key == "will":
            assert_shown(app, editor_form(texts["winwin"], prefix), "win-win")
        if screen.step_key == "solutions":
            assert_shown(app, one_line_form(texts["action"], prefix), "actions table")
            assert_shown(app, editor_form(texts["message"], prefix), "shared message")
        if screen.step_key == "followup":
            assert_shown(app, one_line_form(texts["indicator"], prefix), "indicators table")
    await pilot.press("f12")
    await settle(pilot)
    assert isinstance(app.screen, SummaryScreen)
    assert_no_controls(app)
    assert_shown(app, editor_form(texts["title"], prefix), "summary heading")
    await pilot.press("escape")
    await settle(pilot)
    for number, editor_type, field in (
        (4, ActionEditor, "action"),
        (5, IndicatorEditor, "indicator"),
    ):
        await pilot.press(f"alt+{number}")
        await settle(pilot)
        step_screen(app).query_one("#plan", DataTable).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, editor_type)
        assert_no_controls(app)
        inputs = {widget.id: widget.value for widget in app.screen.query(Input)}
        assert texts[field] in inputs.values(), f"{field} not held exactly by its editor"
        if editor_type is ActionEditor:
            description = app.screen.query_one("#field-description", TextArea)
            assert description.text.splitlines() == texts["description"].splitlines()
            assert_shown(app, editor_form(texts["description"], prefix), "action description")
        await pilot.press("escape")
        await settle(pilot)
    if forms:
        await visit_details_and_help(app, pilot, texts, prefix)
    screen = step_screen(app)
    assert not screen.editor.dirty, "only looking changed the session"


async def show_roster(app: KumppaniApp, pilot: Pilot[int]) -> None:
    """Scroll the details form to its roster, as Tab does: the form is taller than the screen."""
    from kumppani.tui.widgets.forms.roster import Roster

    app.screen.query_one(Roster).scroll_visible(animate=False, top=True)
    await settle(pilot)


async def visit_details_and_help(
    app: KumppaniApp, pilot: Pilot[int], texts: dict[str, str], prefix: int = PREFIX
) -> None:
    """The session details with the roster (Ctrl+G), then the help (F1)."""
    await pilot.press("ctrl+g")
    await settle(pilot)
    assert isinstance(app.screen, SetupScreen)
    assert_no_controls(app)
    assert app.screen.query_one("#field-title", Input).value == texts["title"]
    await show_roster(app, pilot)
    # the roster cuts a name at 26 columns ("…" last): its first 25 as they were typed
    assert_shown(app, editor_form(texts["name"], prefix)[:25], "roster")
    await pilot.press("escape")
    await settle(pilot)
    await pilot.press("f1")
    await settle(pilot)
    assert isinstance(app.screen, HelpScreen)
    assert_no_controls(app)
    await pilot.press("escape")
    await settle(pilot)


def saved(folder: Path, session: Session) -> Path:
    """``session`` saved in ``folder``; its path."""
    path = folder / "vihamielinen.toml"
    save_session(session, path)
    return path
