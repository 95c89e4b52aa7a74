"""Text and key hints meet WCAG AA (4.5:1) in every theme, in truecolor, 256 and 16 colours.

Each scene is drawn with Pilot at 80x24 in the default, light and contrast
themes; every cell with a visible character is measured as a terminal would show
it (``tests.support.contrast``: 256 colours by rich's downgrade, 16 colours in
xterm's default palette). Borders, bars and marks are graphics, not text, and
what a dialog shades behind it is left out. A failure lists theme, colour
system, scene, widget, colours, ratio and the text drawn so.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from kumppani.settings.config import Config
from kumppani.tui.app import KumppaniApp, make_app
from kumppani.tui.screens.step.screen import StepScreen
from kumppani.tui.themes import CONTRAST, LIGHT
from tests.support.contrast import SYSTEMS, cell_ratio, cells
from tests.support.examples import FIRST
from tests.support.tui import settle

AA = 4.5
"""WCAG AA for text; terminal text is never "large", so no 3:1 exception."""
THEMES = [Config().theme, LIGHT, CONTRAST]
"""The default theme first, then kumppani's own two."""
T0 = dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))

Scene = Callable[[Pilot[Any]], Awaitable[None]]


async def home(pilot: Pilot[Any]) -> None:
    await pilot.press("down")


async def delete_dialog(pilot: Pilot[Any]) -> None:
    await pilot.press("d")


def at_step(index: int, *keys: str) -> Scene:
    async def scene(pilot: Pilot[Any]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, StepScreen)
        screen.roundtable.clock = lambda: T0  # type: ignore[method-assign]
        screen.show_step(index)
        await settle(pilot)
        await pilot.press(*keys)

    return scene


async def round_running(pilot: Pilot[Any]) -> None:
    await at_step(2)(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, StepScreen)
    screen.roundtable.start_round(180, True)
    await pilot.press(*"Ohjaus katkeaa", "enter")


async def action_form(pilot: Pilot[Any]) -> None:
    await at_step(3)(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, StepScreen)
    screen.keys.run("actions", True)


SCENES: dict[str, tuple[str | None, Scene]] = {
    "home": (None, home),
    "delete_dialog": (None, delete_dialog),
    "step_notes": (FIRST, at_step(1, "shift+tab")),
    "step_panels": (FIRST, at_step(2, "f9", "f6")),
    "round_running": (FIRST, round_running),
    "round_dialog": (FIRST, at_step(2, "ctrl+r")),
    "action_form": (FIRST, action_form),
}


@pytest.mark.parametrize("scene", list(SCENES))
@pytest.mark.parametrize("theme", THEMES)
async def test_text_contrast_is_aa(
    shown_folder: Callable[[str], Any], sessions: Any, theme: str, scene: str
) -> None:
    open_name, run = SCENES[scene]
    folder = shown_folder(sessions.name)
    app: KumppaniApp = make_app(
        Config(theme=theme),
        folder,
        language="fi",
        open_file=folder / open_name if open_name else None,
    )
    weak: dict[tuple[str, str, str, str, str], list[str]] = defaultdict(list)
    lowest = dict.fromkeys(SYSTEMS, 21.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await run(pilot)
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
