"""Provides a step's timer: counts down the planned minutes, says "Aika!" when they are gone.

The timer counts only while running (Ctrl+T). Each whole second a step has been
on screen it posts ``TimerTick`` (the step screen adds the second to
``step.spent_seconds``) and, the moment the planned time is used up,
``TimeUp`` once. The seconds are measured on ``clock`` from the moment the step
came on screen (or the timer started), so paging past a step with F7/F8 adds no
time to it. ``tick()`` is a plain method: ``count()`` (the app's interval) calls
it with the whole seconds gone by; tests call either and never sleep.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from kumppani.text.i18n import Translator
from kumppani.tui.messages import TimerTick, TimeUp
from kumppani.tui.widgets.step.step_bar import clock


class StepTimer(Widget):
    """Remaining time of the current step, mm:ss; red and inverse once it is up."""

    DEFAULT_CSS = """
    StepTimer { width: auto; min-width: 14; height: 1; padding: 0 1; }
    StepTimer.-paused { color: $text-muted; }
    StepTimer.-expired, StepTimer.-expired.-paused {
        background: $error; color: auto; text-style: bold;
    }
    """

    running: reactive[bool] = reactive(False)
    """True while the time counts."""

    clock: Callable[[], float] = staticmethod(time.monotonic)
    """Where the seconds are measured; tests put a clock they move by hand here."""

    def __init__(self, translate: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.translate = translate
        self.step_key = ""
        self.spent = 0
        self.planned = 0
        self.since = self.clock()
        """Since when the time on screen is not counted yet."""

    def on_mount(self) -> None:
        self.set_interval(1.0, self.count, name="step-timer")

    def show(self, step_key: str, spent_seconds: int, planned_minutes: int) -> None:
        """Follow this step's time (from now, when it is another step)."""
        if step_key != self.step_key:
            self.since = self.clock()
        self.step_key = step_key
        self.spent = spent_seconds
        self.planned = planned_minutes * 60
        self._update_classes()
        self.refresh()

    @property
    def expired(self) -> bool:
        """True when the planned time is used up."""
        return self.planned > 0 and self.spent >= self.planned

    def count(self) -> None:
        """Count the whole seconds gone by since the last count, if running."""
        now = self.clock()
        seconds = int(now - self.since)
        if not self.running:
            self.since = now
        elif seconds >= 1:
            self.since += seconds
            self.tick(seconds)

    def tick(self, seconds: int = 1) -> None:
        """Count ``seconds`` if running; announce the moment the time runs out."""
        if not self.running or not self.step_key:
            return
        was_expired = self.expired
        self.spent += seconds
        self.post_message(TimerTick(self.step_key, seconds))
        if self.expired and not was_expired:
            self.post_message(TimeUp(self.step_key))
        self._update_classes()
        self.refresh()

    def watch_running(self, running: bool) -> None:
        if running:
            self.since = self.clock()
        self._update_classes()

    def _update_classes(self) -> None:
        self.set_class(self.expired, "-expired")
        self.set_class(not self.running, "-paused")

    def render(self) -> Text:
        if self.expired:
            label = f"⏱ {self.translate('step.time_up')} +{clock(self.spent - self.planned)}"
        else:
            label = f"⏱ {clock(self.planned - self.spent)}"
        if not self.running:
            label += f" ({self.translate('step.paused')})"
        return Text(label, no_wrap=True)
