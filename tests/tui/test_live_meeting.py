"""Running a meeting live: the step status, the timer when paging, the round's dialog and end."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from kumppani.session.vocabulary import StepStatus
from kumppani.tui.dialogs.round_dialog import RoundDialog
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.widgets.forms.tick_box import TickBox
from kumppani.tui.widgets.step.step_timer import StepTimer
from tests.support.examples import FIRST
from tests.support.tui import MakeApp, screen_text, settle


class HandClock:
    """A monotonic clock the test moves on by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def step_screen(app: object) -> StepScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, StepScreen)
    return screen


def messages(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def test_f10_marks_a_step_done_and_twice_keeps_it_done(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press("alt+2")
        step = screen.editor.step(screen.step_key)
        await pilot.press("f10")
        await settle(pilot)
        assert step.status is StepStatus.DONE
        await pilot.press("f10")
        await settle(pilot)
        assert step.status is StepStatus.DONE
        assert any("on jo valmis" in message for message in messages(app))
        await pilot.press("shift+f10")
        assert step.status is StepStatus.IN_PROGRESS


async def test_paging_past_steps_with_the_timer_running_adds_them_no_time(
    app_for: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = HandClock()
    monkeypatch.setattr(StepTimer, "clock", staticmethod(clock))
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        timer = screen.query_one(StepTimer)
        interval = next(t for t in timer._timers if t.name == "step-timer")
        await pilot.press("alt+5", "ctrl+t")
        before = {step.key: step.spent_seconds for step in screen.editor.session.steps}
        for _ in range(3):  # F7 quickly: each step is on screen a fraction of a second
            clock.now += 0.3
            await pilot.press("f7")
            interval._callback()  # type: ignore[misc]
            await pilot.pause()
        clock.now += 1.2
        interval._callback()  # type: ignore[misc]
        await pilot.pause()
        after = {step.key: step.spent_seconds for step in screen.editor.session.steps}
        gained = {key: after[key] - before[key] for key in after if after[key] != before[key]}
        assert gained == {screen.step_key: 1}


async def test_ending_a_round_says_so_once(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        step_screen(app)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        ended = [message for message in messages(app) if message.startswith("Kierros päättyi")]
        assert len(ended) == 1


async def test_round_dialog_tick_box_is_marked_only_when_on_and_enter_starts(
    app_for: MakeApp,
) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press("ctrl+r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RoundDialog)
        box = dialog.query_one("#round-alternate")
        assert isinstance(box, TickBox) and not box.value
        assert "▐X▌" not in screen_text(app)
        await pilot.press("tab")  # to the tick box
        assert app.focused is box
        await pilot.press("space")
        assert box.value and "▐X▌" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        speaking = screen.editor.step(screen.step_key).current_round
        assert speaking is not None and speaking.alternate


async def test_round_dialog_enter_in_the_minutes_starts(app_for: MakeApp) -> None:
    app = app_for(FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = step_screen(app)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.focused, Input)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.editor.step(screen.step_key).current_round is not None
