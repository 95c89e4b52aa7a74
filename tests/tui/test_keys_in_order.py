"""Keys typed in one burst are handled in the order typed, whatever the keys before them set off.

A terminal delivers a fast typist's keys at once; Textual hands each key to the
focused widget's queue and goes on with the next, while what a key does (Enter's
submit bubbling up to the form that moves the focus, Tab's binding, a dialog
closing) comes later. These tests post the keys back to back, as the terminal
driver does (``burst``), and only then let the app run. Each failed before
``kumppani.tui.key_order``: letters after Enter or Tab went to the previous field,
"name Enter name" in the roster lost the second name, Ctrl+S saved a dialog
without its last letters, and Ctrl+K right after the Ctrl+S that started a round
went to the closing dialog and crashed ("node has no screen"). The same bursts
go through a real terminal in ``test_tmux_round_table``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.command import Hits
from textual.widgets import Input

from kumppani.session.vocabulary import TurnOutcome
from kumppani.settings.config import Config
from kumppani.tui.app import make_app
from kumppani.tui.commands import KumppaniCommands
from kumppani.tui.dialogs.action_editor import ActionEditor
from kumppani.tui.dialogs.round_dialog import RoundDialog
from kumppani.tui.dialogs.vote_dialog import VoteDialog
from kumppani.tui.screens.setup import SetupScreen
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.forms.roster import Roster
from kumppani.tui.widgets.step.capture_line import CaptureLine
from kumppani.tui.widgets.step.note_list import NoteList
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, settle
from tests.tui.test_capture_burst import burst, typed


def field(screen: object, name: str) -> str:
    return screen.query_one(f"#{name}", Input).value  # type: ignore[attr-defined,no-any-return]


FORM_FIELDS = ("title", "theme", "date", "start")
FORM_TYPED = ["Kotoutuminen", "Työ ja kieli", "2026-05-20", "13:00"]


def form_keys() -> list[str]:
    """The new-session form's first fields typed, moving on by Enter and by Tab."""
    first, second, third, fourth = (typed(text) for text in FORM_TYPED)
    return [*first, "enter", *second, "tab", *third, "enter", *fourth]


async def test_letters_right_after_enter_and_tab_go_to_the_next_field(tmp_path: Path) -> None:
    app = make_app(Config(), tmp_path, language="fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        burst(app, *form_keys())
        await settle(pilot)
        assert [field(screen, f"field-{key}") for key in FORM_FIELDS] == FORM_TYPED


async def test_keys_typed_while_the_form_opens_reach_the_form(tmp_path: Path) -> None:
    app = make_app(Config(), tmp_path, language="fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "n", *form_keys())
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        assert [field(screen, f"field-{key}") for key in FORM_FIELDS] == FORM_TYPED


async def test_a_roster_typed_in_one_burst_adds_each_person(tmp_path: Path) -> None:
    app = make_app(Config(), tmp_path, language="fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        screen.query_one("#roster-name", Input).focus()
        await settle(pilot)
        burst(app, *typed("Ahola"), "tab", *typed("TEM"), "enter", *typed("Berg"), "enter")
        burst(app, *typed("Castrén"), "enter", *typed("Dahl"))
        await settle(pilot)
        people = screen.query_one(Roster).participants
        assert [(person.name, person.organisation) for person in people] == [
            ("Ahola", "TEM"),
            ("Berg", ""),
            ("Castrén", ""),
        ]
        assert field(screen, "roster-name") == "Dahl"


async def test_ctrl_s_right_after_typing_saves_all_that_was_typed(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("alt+4")
        screen = app.screen
        assert isinstance(screen, StepScreen)
        screen.query_one(NoteList).focus()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ActionEditor)
        before = list(screen.editor.session.actions)
        burst(app, *typed("Kielikoulutuspilotti syksyllä"), "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        [added] = [action for action in screen.editor.session.actions if action not in before]
        assert added.title == "Kielikoulutuspilotti syksyllä"


@pytest.mark.parametrize("start", ["ctrl+s", "enter"])
async def test_ctrl_k_right_after_the_key_that_starts_a_round_skips_the_speaker(
    app_for: MakeApp, start: str
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("alt+3")
        screen = app.screen
        assert isinstance(screen, StepScreen)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, RoundDialog)
        burst(app, start, "ctrl+k", *typed("heti perään"))
        await settle(pilot)
        assert app.return_code is None  # still running: no crash
        assert app.screen is screen
        speaking = screen.editor.step(screen.step_key).current_round
        assert speaking is not None
        assert [turn.outcome for turn in speaking.turns] == [TurnOutcome.SKIPPED]
        assert screen.query_one(CaptureLine).value == "heti perään"


async def test_a_change_arriving_after_its_dialog_closed_is_no_crash(app_for: MakeApp) -> None:
    """Ctrl+K in the round dialog's field (delete to the end) posts a change; when Enter had
    closed the dialog first, the change reached the app's draft keeping from a field with no
    screen any more ("node has no screen")."""
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RoundDialog)
        field = dialog.query(Input).first()
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not dialog
        app.post_message(Input.Changed(field, "12"))
        await settle(pilot)
        assert app.return_code is None and app._exception is None


@pytest.mark.parametrize(
    ("query", "dialog"),
    [("kierros", RoundDialog), ("äänestys", VoteDialog), ("uusi toimenpide", ActionEditor)],
)
async def test_enter_right_after_typing_in_the_palette_runs_what_was_typed(
    app_for: MakeApp, monkeypatch: pytest.MonkeyPatch, query: str, dialog: type
) -> None:
    """The palette searches in a worker, not in a message: before, Enter was handed on as soon
    as the letters' messages were handled, and picked whatever the list showed then (nothing,
    or the first match of fewer letters) while the search of all the letters still ran."""
    search = KumppaniCommands.search

    async def slow_search(self: KumppaniCommands, query: str) -> Hits:
        """As a search over a slower machine or more commands: it takes a while."""
        await asyncio.sleep(0.05)
        async for hit in search(self, query):
            yield hit

    monkeypatch.setattr(KumppaniCommands, "search", slow_search)
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "ctrl+p", *typed(query), "enter")
        await settle(pilot)
        assert isinstance(app.screen, dialog)
