"""Provides the top of the step view: the step's name and purpose, and its guiding questions.

The questions fold away with F2 (``toggle_questions``); on a small screen they
start folded so the notes keep their room. The purpose takes at most
``PURPOSE_LINES`` rows; a longer one ends at a word with "…", never mid-word.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

PURPOSE_LINES = 2


def clamp(text: str, width: int, lines: int) -> str:
    """``text`` in at most ``lines`` rows of ``width``, cut after a word with "…" if longer."""
    words = text.split()
    rows: list[str] = []
    for word in words:
        if rows and len(rows[-1]) + 1 + len(word) <= width:
            rows[-1] += " " + word
        else:
            rows.append(word)
    if len(rows) <= lines:
        return text
    last = rows[lines - 1]
    while last and len(last) + 1 >= width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[: width - 2]
    return " ".join([*rows[: lines - 1], last.rstrip(",;:.") + "…"])


class StepHeading(Vertical):
    """Name, purpose and guiding questions of the current step."""

    purpose = ""
    """The step's purpose in full; shown clamped to the width."""

    DEFAULT_CSS = """
    StepHeading { height: auto; padding: 0 1; }
    StepHeading > #step-name { text-style: bold; color: $primary; }
    StepHeading > #step-purpose { color: $text-muted; }
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
        self.purpose = purpose
        self._show_purpose()
        text = Text(title + "\n", style="italic")
        for number, question in enumerate(questions, 1):
            text.append(f"{number}. {question}\n")
        text.rstrip()
        self.query_one("#step-questions", Static).update(text)

    def on_resize(self) -> None:
        self._show_purpose()

    def _show_purpose(self) -> None:
        width = self.content_size.width or 80
        text = clamp(self.purpose, width, PURPOSE_LINES)
        self.query_one("#step-purpose", Static).update(Text(text))

    @property
    def folded(self) -> bool:
        """True while the questions are hidden."""
        return self.has_class("-folded")

    def toggle_questions(self) -> None:
        """Show or hide the guiding questions."""
        self.toggle_class("-folded")
