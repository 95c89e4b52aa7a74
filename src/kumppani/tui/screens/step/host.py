"""Provides what the step view's tools may ask of the screen that owns the step on screen.

The round table and the panels are widgets of their own; the step screen
alone knows which step is on screen, who the next note is attributed to and
what else must be redrawn. They ask it through this narrow interface, and
the screen hands them itself.
"""

from __future__ import annotations

from typing import Protocol

from kumppani.session.model import Step


class StepHost(Protocol):
    """The step screen, as its tools see it."""

    @property
    def current_step(self) -> Step:
        """The step on screen."""

    def writable(self) -> bool:
        """Whether the session may change; if not, the user is told why."""

    def speaker_changed(self, participant: str) -> None:
        """The next note is ``participant``'s (``""``: nobody's), as a round passes the floor."""

    def notes_changed(self) -> None:
        """The notes of the step on screen changed (a vote, a group): redraw them."""

    def step_changed(self) -> None:
        """Something the step shows changed (a plan item): redraw the whole step."""

    def focus_capture(self) -> None:
        """Give the focus back to the capture line (if the session can be written)."""
