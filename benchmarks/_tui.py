"""Provides the tools the TUI benchmarks share: the real app headless, frames, keys, settling.

``FrameProbe`` wraps the app's ``_display``, which Textual calls with every
frame it has composed (headless too: the layout and every visible line are
rendered, only the write to a terminal is skipped), and records when each
frame was made and of which screen. ``key_to_frame`` sends one key as a
terminal would (the driver's message queue, like ``Pilot.press``) and
measures from then to the last frame the key caused: the time until the
screen shows the key's whole effect. Unlike ``Pilot.press``, whose
idle-detection sleeps at least 2 x 20 ms per key, it adds no sleep of its
own to the figure.
"""

from __future__ import annotations

import asyncio
import time
import unicodedata
from collections.abc import Callable
from typing import Any

from textual import events
from textual._wait import wait_for_idle
from textual.app import App
from textual.keys import _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

QUIET = 0.05
"""A key's effect is complete when no further frame came for this long (s)."""


class FrameProbe:
    """Records ``(time, screen)`` for every frame the app composes."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.frames: list[tuple[float, Screen[Any]]] = []
        self._event = asyncio.Event()
        display = app._display

        def recording_display(screen: Screen[Any], renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None:
                self.frames.append((time.perf_counter(), screen))
                self._event.set()

        app._display = recording_display  # type: ignore[method-assign]

    def mark(self) -> int:
        """The number of frames so far (to wait for the ones after it)."""
        return len(self.frames)

    async def first_frame(
        self,
        since: int,
        accept: Callable[[Screen[Any]], bool] = lambda screen: True,
        timeout: float = 30.0,
    ) -> float | None:
        """The time of the first frame after ``since`` whose screen ``accept``s; None if none."""
        deadline = time.perf_counter() + timeout
        while True:
            for moment, screen in self.frames[since:]:
                if accept(screen):
                    return moment
            since = len(self.frames)
            self._event.clear()
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                return None
            try:
                await asyncio.wait_for(self._event.wait(), remaining)
            except TimeoutError:
                return None

    async def last_frame(
        self, since: int, quiet: float = QUIET, timeout: float = 30.0
    ) -> float | None:
        """The time of the last frame after ``since`` before ``quiet`` s pass without one."""
        first = await self.first_frame(since, timeout=timeout)
        if first is None:
            return None
        while True:
            count = len(self.frames)
            self._event.clear()
            try:
                await asyncio.wait_for(self._event.wait(), quiet)
            except TimeoutError:
                return self.frames[count - 1][0]


def key_event(key: str) -> events.Key:
    """The ``Key`` event a terminal sends for ``key``, as ``Pilot.press`` builds it."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        character: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        character = key if len(key) == 1 else None
    return events.Key(key, character)


async def key_to_frame(app: App[Any], probe: FrameProbe, key: str) -> tuple[float, float, float]:
    """Send ``key``; seconds to the first and to the last frame it caused, and the CPU seconds.

    The first frame shows the key's first visible effect (a typed letter); the
    last one its whole effect (a repaint that follows, a new note in the list).
    """
    since = probe.mark()
    event = key_event(key)
    event.set_sender(app)
    cpu = time.process_time()
    start = time.perf_counter()
    assert app._driver is not None
    app._driver.send_message(event)
    last = await probe.last_frame(since)
    cpu = time.process_time() - cpu
    if last is None:
        raise RuntimeError(f"the key {key!r} caused no frame")
    first = probe.frames[since][0]
    return first - start, last - start, cpu


async def settle(pilot: Pilot[Any]) -> None:
    """Let pending work finish and stop cursor blinking (which would add frames)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()
    await wait_for_idle(0)
