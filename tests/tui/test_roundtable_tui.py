"""Round-table tools in the step view, by keyboard: round, balance, dot vote, groups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input

from kumppani.session.vocabulary import ActionStatus, TurnOutcome
from kumppani.storage.files import load_session
from kumppani.tui.dialogs.confirm import ConfirmDialog
from kumppani.tui.dialogs.group_dialog import GroupDialog
from kumppani.tui.dialogs.round_dialog import RoundDialog
from kumppani.tui.dialogs.vote_dialog import VoteDialog
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.step.balance_view import BalanceView
from kumppani.tui.widgets.step.note_list import NoteList
from kumppani.tui.widgets.step.round_panel import RoundPanel
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, save_now, screen_text, settle

T0 = dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))


class FakeClock:
    """A clock the test moves on by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now

    def wait(self, seconds: int) -> None:
        self.now += dt.timedelta(seconds=seconds)


def step_screen(app: object, clock: FakeClock) -> StepScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, StepScreen)
    screen.roundtable.clock = clock  # type: ignore[method-assign]
    return screen


async def test_a_round_walks_the_table_and_notes_go_to_the_speaker(
    app_for: MakeApp, sessions: Path
) -> None:
    clock = FakeClock()
    app = app_for(FIRST)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = step_screen(app, clock)
        await pilot.press("alt+3")
        step = screen.editor.step("will")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, RoundDialog)
        await pilot.press("ctrl+a", "ctrl+k", "3", "enter")
        await settle(pilot)
        panel = screen.query_one(RoundPanel)
        assert panel.display
        assert "Puheenvuoro: Neuvotteleva virkamies (TEM, valtio)" in screen_text(app)
        assert "0:00 / 3:00" in screen_text(app)
        await pilot.press(*"hyvä pointti", "enter")
        assert step.notes[-1].participant == "p-tem1"
        clock.wait(200)
        panel.tick()
        await pilot.pause()
        assert "3:20 / 3:00" in screen_text(app)
        await pilot.press("alt+n")
        assert "Puheenvuoro: Opetusneuvos" in screen_text(app)
        await pilot.press("alt+s")  # Opetusneuvos is skipped
        clock.wait(40)
        await pilot.press("alt+p")  # Erityisasiantuntija has nothing to add
        await pilot.press("alt+b")  # back to the one skipped (not to the one who passed)
        assert "Puheenvuoro: Opetusneuvos" in screen_text(app)
        await pilot.press(*"lisäys", "enter")
        assert step.notes[-1].participant == "p-okm1"
        clock.wait(30)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not panel.display
        speaking = step.rounds[-1]
        assert [(t.participant, t.seconds, t.outcome) for t in speaking.turns] == [
            ("p-tem1", 200, TurnOutcome.SPOKE),
            ("p-okm1", 0, TurnOutcome.SKIPPED),
            ("p-tem2", 40, TurnOutcome.PASSED),
            ("p-okm1", 30, TurnOutcome.SPOKE),
        ]
        await save_now(pilot, screen)
    saved = load_session(sessions / FIRST).step("will").rounds[-1]
    assert saved.seconds_each == 180 and saved.ended is not None


async def test_balance_view_shows_at_a_glance_who_did_the_talking(app_for: MakeApp) -> None:
    clock = FakeClock()
    app = app_for(FIRST)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = step_screen(app, clock)
        await pilot.press("alt+5")
        view = screen.query_one(BalanceView)
        assert not view.display
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert view.display
        text = screen_text(app)
        assert "Tämä vaihe" in text and "Koko istunto" in text
        assert "⚠" not in text
        await pilot.press("f3")  # state speaks, again and again
        for word in ("yksi", "kaksi", "kolme", "neljä", "viisi", "kuusi"):
            await pilot.press(*word, "enter")
        view.tick()
        await pilot.pause()
        assert "⚠ Valtio hallitsee" in screen_text(app)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert not view.display


async def test_dot_vote_by_keyboard_ranks_and_carries_to_step_three(
    app_for: MakeApp, sessions: Path
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = step_screen(app, FakeClock())
        await pilot.press("alt+1")
        step = screen.editor.step("overall")
        screen.query_one(NoteList).focus()
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, VoteDialog)
        counts = ["1", "", "6", "2", "", ""][: len(step.notes)]
        for count in counts:
            await pilot.press(*count, "down")
        await pilot.press("ctrl+s")
        await pilot.pause()
        result = screen_text(app)
        assert "Tulos" in result and step.notes[2].text[:30] in result
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)
        vote = step.votes[-1]
        assert vote.counts == {step.notes[0].id: 1, step.notes[2].id: 6, step.notes[3].id: 2}
        assert vote.carried == "will" and vote.voters == 8
        themes = [n.text for n in screen.editor.step("will").notes if n.kind == "theme"]
        assert themes == [step.notes[2].text, step.notes[3].text, step.notes[0].text]
        assert step.notes[2].votes == 6
        await save_now(pilot, screen)
    saved = load_session(sessions / FIRST).step("overall").votes[-1]
    assert saved.counts == vote.counts


async def test_dot_vote_carries_draft_actions_to_step_four(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = step_screen(app, FakeClock())
        await pilot.press("alt+2")
        step = screen.editor.step("situation")
        screen.query_one(NoteList).focus()
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("shift+tab", "space")  # dots per party
        await pilot.press("shift+tab", "ctrl+a", "ctrl+k", "1")  # carry the top one
        await pilot.press("tab", "tab", "5", "enter")
        await pilot.press("ctrl+s", "4")
        await settle(pilot)
        vote = step.votes[-1]
        assert vote.per.value == "party" and vote.voters == 3
        added = screen.editor.session.actions[-1]
        assert added.title == step.notes[0].text and added.status is ActionStatus.PROPOSED


async def test_escape_in_the_vote_result_goes_back_to_the_counts(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = step_screen(app, FakeClock())
        screen.query_one(NoteList).focus()
        before = len(screen.editor.step(screen.step_key).votes)
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("2", "ctrl+s", "escape")
        assert isinstance(app.screen, VoteDialog) and app.focused is not None
        await pilot.press("escape")  # the counts typed are not thrown away unasked
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)
        assert len(screen.editor.step(screen.step_key).votes) == before


async def test_grouping_notes_by_keyboard_with_suggested_headings(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = step_screen(app, FakeClock())
        await pilot.press("alt+4")
        step = screen.editor.step("solutions")
        notes = screen.query_one(NoteList)
        notes.focus()
        await pilot.press("home", "g")
        await settle(pilot)
        assert isinstance(app.screen, GroupDialog)
        await pilot.press(*"Ohjaus ja tieto", "enter")
        await settle(pilot)
        assert step.notes[0].group and step.groups[0].heading == "Ohjaus ja tieto"
        assert "▸Ohjaus ja t" in screen_text(app)
        await pilot.press("down", "g")
        await settle(pilot)
        await pilot.press(*"ohj", "right", "enter")
        await settle(pilot)
        assert step.notes[1].group == step.notes[0].group and len(step.groups) == 1
        await pilot.press("g")
        await settle(pilot)
        assert app.screen.query_one(Input).value == "Ohjaus ja tieto"
        await pilot.press("ctrl+a", "ctrl+k", "enter")
        await settle(pilot)
        assert step.notes[1].group == ""


@pytest.mark.parametrize(
    ("language", "floor", "balance"),
    [
        ("sv", "Ordet har: Neuvotteleva virkamies", "Hela mötet"),
        ("en", "Has the floor: Neuvotteleva virkamies", "Whole session"),
    ],
)
async def test_round_and_balance_speak_swedish_and_english(
    app_for: MakeApp, language: str, floor: str, balance: str
) -> None:
    app = app_for(FIRST, language=language)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        step_screen(app, FakeClock())
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("enter", "ctrl+b")
        await pilot.pause()
        text = screen_text(app)
        assert floor in text and balance in text


async def test_read_only_session_starts_no_round(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = step_screen(app, FakeClock())
        screen.editor.read_only = True
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)
        assert screen.editor.step(screen.step_key).current_round is None


async def test_the_step_and_running_timer_are_saved_for_the_projector(
    app_for: MakeApp, sessions: Path
) -> None:
    clock = FakeClock()
    app = app_for(FIRST)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = step_screen(app, clock)
        await pilot.press("alt+3")
        spent = screen.editor.step("will").spent_seconds  # the timer ticks on in real time
        await pilot.press("ctrl+t")
        live = screen.editor.session.live
        assert (live.step, live.timer_since, live.timer_spent) == ("will", T0, spent)
        await save_now(pilot, screen)
        saved = load_session(sessions / FIRST).live
        assert saved.step == "will" and saved.timer_since == T0
        await pilot.press("ctrl+t")
        assert screen.editor.session.live.timer_since is None
