"""Provides a step's timer: counts down the planned minutes, says "Aika!" when they are gone.

The timer counts only while running (Ctrl+T). Each second it posts
``TimerTick`` (the step screen adds the second to ``step.spent_seconds``) and,
the moment the planned time is used up, ``TimeUp`` once. ``tick()`` is a plain
method: the app's interval calls it, tests call it directly and never sleep.
"""

from __future__ import annotations

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
    StepTimer.-expired { background: $error; color: $text; text-style: bold reverse; }
    StepTimer.-paused { color: $text-muted; }
    """

    running: reactive[bool] = reactive(False)
    """True while the time counts."""

    def __init__(self, translate: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.translate = translate
        self.step_key = ""
        self.spent = 0
        self.planned = 0

    def on_mount(self) -> None:
        self.set_interval(1.0, self.tick, name="step-timer")

    def show(self, step_key: str, spent_seconds: int, planned_minutes: int) -> None:
        """Follow this step's time."""
        self.step_key = step_key
        self.spent = spent_seconds
        self.planned = planned_minutes * 60
        self._update_classes()
        self.refresh()

    @property
    def expired(self) -> bool:
        """True when the planned time is used up."""
        return self.planned > 0 and self.spent >= self.planned

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

    def watch_running(self) -> None:
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
