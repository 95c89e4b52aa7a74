"""Text and key hints meet WCAG AA (4.5:1) in every theme, in truecolor, 256 and 16 colours.

Each scene is drawn with Pilot at 80x24 in the default, light and contrast
themes: every screen of kumppani (home, the step view with its panels, tools
and dialogs, the forms, the follow-up views, review mode, the summary, the
projector). Every cell with a visible character is measured as a terminal would
show it (``tests.support.contrast``: 256 colours by rich's downgrade, 16 colours
in xterm's default palette). Borders, bars and marks are graphics, not text, and
what a dialog shades behind it is left out. A failure lists theme, colour
system, scene, widget, colours, ratio and the text drawn so.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

from kumppani.settings.config import Config
from kumppani.text.i18n import Translator
from kumppani.tui.app import KumppaniApp, make_app
from kumppani.tui.screens.indicators import IndicatorsScreen
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.screens.timeline import TimelineScreen
from kumppani.tui.screens.tracker import TrackerScreen
from kumppani.tui.themes import CONTRAST, LIGHT
from kumppani.tui.widgets.step.round_panel import RoundPanel
from kumppani.tui.widgets.step.step_timer import StepTimer
from tests.support.contrast import SYSTEMS, cell_ratio, cells
from tests.support.examples import FIRST, FOLLOWUP
from tests.support.projector import make_live_file, projector_for
from tests.support.tui import settle
from tests.support.views import TODAY, add_growth_session
from tests.tui.test_dialog_snapshots import DIALOGS

AA = 4.5
"""WCAG AA for text; terminal text is never "large", so no 3:1 exception."""
THEMES = [Config().theme, LIGHT, CONTRAST]
"""The default theme first, then kumppani's own two."""
T0 = dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
FOLDER = Path("sessions")
"""The sessions folder, as the app is given it (relative to the test's own folder)."""

Run = Callable[[Pilot[Any]], Awaitable[None]]


@dataclass(frozen=True)
class Scene:
    """What to open (a session in the step view, in review mode, or on the projector), and
    the keys or calls that bring the screen to be measured."""

    run: Run
    open_name: str | None = None
    review: bool = False
    projector: bool = False

    def build(self, config: Config) -> App[Any]:
        if self.projector:
            return projector_for(make_live_file(FOLDER), config=config)
        named = FOLDER / self.open_name if self.open_name else None
        return make_app(
            config,
            FOLDER,
            language="fi",
            open_file=None if self.review else named,
            review_file=named if self.review else None,
        )


async def nothing(pilot: Pilot[Any]) -> None:
    return None


def pressing(*keys: str) -> Run:
    async def scene(pilot: Pilot[Any]) -> None:
        await pilot.press(*keys)

    return scene


def step_screen(pilot: Pilot[Any]) -> StepScreen:
    screen = pilot.app.screen
    assert isinstance(screen, StepScreen)
    return screen


def at_step(index: int, *keys: str) -> Run:
    async def scene(pilot: Pilot[Any]) -> None:
        screen = step_screen(pilot)
        screen.roundtable.clock = lambda: T0  # type: ignore[method-assign]
        screen.show_step(index)
        await settle(pilot)
        await pilot.press(*keys)

    return scene


async def round_running(pilot: Pilot[Any]) -> None:
    await at_step(2)(pilot)
    step_screen(pilot).roundtable.start_round(180, True)
    await pilot.press(*"Ohjaus katkeaa", "enter")


async def time_up(pilot: Pilot[Any]) -> None:
    """A speaker 35 s over their minute, and the step's own time used up."""
    await at_step(2)(pilot)
    screen = step_screen(pilot)
    screen.roundtable.start_round(60, True)
    screen.roundtable.clock = lambda: T0 + dt.timedelta(seconds=95)  # type: ignore[method-assign]
    screen.query_one(RoundPanel).tick()
    timer = screen.query_one(StepTimer)
    timer.show(timer.step_key, timer.planned + 95, timer.planned // 60)


async def action_form(pilot: Pilot[Any]) -> None:
    await at_step(3)(pilot)
    step_screen(pilot).keys.run("actions", True)


def showing(make: Callable[[KumppaniApp], Screen[Any]], *keys: str) -> Run:
    async def scene(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, KumppaniApp)
        await app.push_screen(make(app))
        await settle(pilot)
        await pilot.press(*keys)

    return scene


def dialog(make: Callable[[Translator], Screen[Any]]) -> Run:
    async def scene(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, KumppaniApp)
        await app.push_screen(make(app.translate))

    return scene


def tracker(app: KumppaniApp) -> Screen[Any]:
    add_growth_session(FOLDER)
    return TrackerScreen(FOLDER, app.config, app.translate, today=TODAY)


SCENES: dict[str, Scene] = {
    "home": Scene(pressing("down")),
    "delete_dialog": Scene(pressing("d")),
    "new_session": Scene(pressing("n")),
    "step_notes": Scene(at_step(1, "shift+tab"), FIRST),
    "step_panels": Scene(at_step(2, "f9", "f6"), FIRST),
    "round_running": Scene(round_running, FIRST),
    "time_up": Scene(time_up, FIRST),
    "round_dialog": Scene(at_step(2, "ctrl+r"), FIRST),
    "vote_dialog": Scene(at_step(1, "shift+tab", "v"), FIRST),
    "action_form": Scene(action_form, FIRST),
    "balance": Scene(at_step(1, "ctrl+b"), FIRST),
    "balance_lopsided": Scene(
        at_step(4, "f3", "f3", *"Yksi", "enter", *"Kaksi", "enter", "ctrl+b"), FIRST
    ),
    "details": Scene(at_step(0, "ctrl+g"), FIRST),
    "summary": Scene(at_step(0, "f12"), FIRST),
    "tracker": Scene(showing(tracker, "exclamation_mark")),
    "timeline": Scene(
        showing(lambda app: TimelineScreen(FOLDER / FIRST, app.config, app.translate))
    ),
    "indicators": Scene(
        showing(lambda app: IndicatorsScreen(FOLDER / FOLLOWUP, app.config, app.translate))
    ),
    "review": Scene(nothing, FOLLOWUP, review=True),
    "review_minutes": Scene(pressing("m", "enter"), FOLLOWUP, review=True),
    "review_minutes_plain": Scene(pressing("m", "v"), FOLLOWUP, review=True),
    **{name: Scene(dialog(DIALOGS[name])) for name in ("conflict", "lock", "recovery", "error")},
    "projector": Scene(nothing, projector=True),
}


@pytest.mark.parametrize("scene", list(SCENES))
@pytest.mark.parametrize("theme", THEMES)
async def test_text_contrast_is_aa(
    shown_folder: Callable[[str], Any], sessions: Any, theme: str, scene: str
) -> None:
    shown_folder(sessions.name)
    app = SCENES[scene].build(Config(theme=theme))
    weak: dict[tuple[str, str, str, str, str], list[str]] = defaultdict(list)
    lowest = dict.fromkeys(SYSTEMS, 21.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await SCENES[scene].run(pilot)
        await settle(pilot)
        app.clear_notifications()
        await settle(pilot)
        for cell in cells(app):
            for system_name, system in SYSTEMS.items():
                ratio = cell_ratio(cell, system)
                lowest[system_name] = min(lowest[system_name], ratio)
                if ratio < AA:
                    widget = app.screen.get_widget_at(cell.x, cell.y)[0]
                    where = type(widget).__name__ + (f"#{widget.id}" if widget.id else "")
                    colours = f"{cell.color.name} on {cell.bgcolor.name}"
                    key = (system_name, where, colours, f"{ratio:.2f}", str(cell.y))
                    weak[key].append(cell.text)
    print(f"{theme} {scene} lowest:", {name: round(value, 2) for name, value in lowest.items()})
    found = [f"{theme} {' '.join(key)}: {''.join(texts)!r}" for key, texts in sorted(weak.items())]
    assert not found, "\n".join(found)
