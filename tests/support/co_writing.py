"""Helpers of the co-writing tests: the first note-taker's lock, waiting for the watcher."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from textual.pilot import Pilot
from textual.widgets import Button

from kumppani.storage import lock_holder, platform
from kumppani.storage.locks import LockInfo
from kumppani.tui.app import KumppaniApp
from kumppani.tui.screens.step.screen import StepScreen
from tests.support.tui import settle, wait_for


@contextmanager
def running_holder() -> Iterator[LockInfo]:
    """The first note-taker: another kumppani on this computer, still running."""
    with subprocess.Popen([sys.executable, "-c", "input()"], stdin=subprocess.PIPE) as child:
        ticks = platform.process_start_ticks(child.pid)
        yield replace(lock_holder.current_info(), user="sihteeri", pid=child.pid, start_ticks=ticks)
        child.communicate(b"\n")


def step_screen(app: KumppaniApp) -> StepScreen:
    """The step screen on top."""
    screen = app.screen
    assert isinstance(screen, StepScreen)
    return screen


async def join_as_co_writer(pilot: Pilot[object]) -> StepScreen:
    """Answer the lock's question "write alongside"; the step view, once it co-writes."""
    await settle(pilot)
    pilot.app.screen.query_one("#co_write", Button).press()
    await settle(pilot)
    screen = step_screen(pilot.app)
    await wait_for(pilot, lambda: screen.co_writing.active)  # its saves merge from now on
    return screen
