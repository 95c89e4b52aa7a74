"""Provides the step bar: the five steps with status, time spent against planned, and where we are.

Two lines a step: ``1 ✓ Kokonaiskuva`` and ``  12:30/20:00`` (in a narrow
bar ``1 ✓`` and ``12:30``). The current step is
highlighted; a click posts ``JumpToStep``. The bar only draws what it is told
(``show``); the step screen decides what the entries are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.events import Click
from textual.widget import Widget

from kumppani.session.vocabulary import StepStatus
from kumppani.tui.messages import JumpToStep

NARROW = 12
"""Below this width the bar shows each step's number, status and time spent, not its name."""
STATUS_MARK = {StepStatus.DONE: "✓", StepStatus.IN_PROGRESS: "●", StepStatus.NOT_STARTED: "○"}


@dataclass(frozen=True)
class StepEntry:
    """What the bar shows of one step."""

    number: int
    name: str
    status: StepStatus
    spent_seconds: int
    planned_minutes: int


def clock(seconds: int) -> str:
    """``mm:ss`` (minutes may exceed 59)."""
    minutes, rest = divmod(max(0, seconds), 60)
    return f"{minutes:02d}:{rest:02d}"


class StepBar(Widget):
    """The five steps, the current one highlighted."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "step-bar--current",
        "step-bar--done",
        "step-bar--time",
    }

    DEFAULT_CSS = """
    StepBar { width: 20; height: 100%; padding: 0 0; }
    StepBar > .step-bar--current { background: $primary; color: $text; text-style: bold; }
    StepBar > .step-bar--done { color: $success; }
    StepBar > .step-bar--time { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[StepEntry] = []
        self.current = 0

    def show(self, entries: list[StepEntry], current: int) -> None:
        """Draw these entries with ``current`` highlighted."""
        self.entries = entries
        self.current = current
        self.refresh()

    def render(self) -> Text:
        width = max(4, self.size.width)
        text = Text(no_wrap=True, overflow="ellipsis")
        current = self.get_component_rich_style("step-bar--current")
        done = self.get_component_rich_style("step-bar--done")
        muted = self.get_component_rich_style("step-bar--time")
        for index, entry in enumerate(self.entries):
            mark = STATUS_MARK.get(entry.status, "○")
            if width < NARROW:  # numbers and time spent only: the notes need the room
                first = f"{entry.number} {mark}".ljust(width)
                second = clock(entry.spent_seconds)[:width].ljust(width)
            else:
                first = f"{entry.number} {mark} {entry.name}"[:width].ljust(width)
                time = f"{clock(entry.spent_seconds)}/{clock(entry.planned_minutes * 60)}"
                second = f"    {time}"[:width].ljust(width)
            if index == self.current:
                text.append(first + "\n", current)
                text.append(second + "\n", current)
            else:
                text.append(first + "\n", done if entry.status == StepStatus.DONE else "")
                text.append(second + "\n", muted)
        text.rstrip()
        return text

    def on_click(self, event: Click) -> None:
        index = event.y // 2
        if 0 <= index < len(self.entries):
            self.post_message(JumpToStep(index))
