"""Provides the top of the step view: the step's name and purpose, and its guiding questions.

The questions fold away with F2 (``toggle_questions``); on a small screen they
start folded so the notes keep their room.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static


class StepHeading(Vertical):
    """Name, purpose and guiding questions of the current step."""

    DEFAULT_CSS = """
    StepHeading { height: auto; padding: 0 1; }
    StepHeading > #step-name { text-style: bold; color: $primary; }
    StepHeading > #step-purpose { color: $text-muted; max-height: 2; }
    StepHeading > #step-questions { padding: 0 0 0 1; max-height: 7; color: $text; }
    StepHeading.-folded > #step-questions { display: none; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="step-name", markup=False)
        yield Static(id="step-purpose", markup=False)
        yield Static(id="step-questions", markup=False)

    def show(self, name: str, purpose: str, title: str, questions: list[str]) -> None:
        """Show one step's texts (all literal)."""
        self.query_one("#step-name", Static).update(Text(name))
        self.query_one("#step-purpose", Static).update(Text(purpose))
        text = Text(title + "\n", style="italic")
        for number, question in enumerate(questions, 1):
            text.append(f"{number}. {question}\n")
        text.rstrip()
        self.query_one("#step-questions", Static).update(text)

    @property
    def folded(self) -> bool:
        """True while the questions are hidden."""
        return self.has_class("-folded")

    def toggle_questions(self) -> None:
        """Show or hide the guiding questions."""
        self.toggle_class("-folded")
