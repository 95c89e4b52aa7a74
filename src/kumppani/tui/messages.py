"""Provides the messages widgets post upward; screens decide what they mean.

Widgets never reach into the session or into each other: the note list asks
for a note to be deleted, the capture line hands over a line of text, the
timer reports a second that passed. The step screen turns these into calls on
the ``SessionEditor``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from kumppani.editing.editor import SessionEditor
    from kumppani.session.merge import MergeResult
    from kumppani.storage.conflicts import ConflictError


@dataclass
class NoteCommand(Message):
    """The note list asks for something to be done to a note."""

    action: str
    """``edit``, ``delete``, ``highlight``, ``kind`` or ``move``."""
    note_id: str
    delta: int = 0


@dataclass
class CaptureSubmitted(Message):
    """The capture line was submitted with this text (never empty)."""

    text: str


class CaptureFlushed(Message):
    """The capture line has handed over everything typed into it (see ``CaptureLine.flush``)."""


@dataclass
class JumpToStep(Message):
    """Go to the step with this index (0–4)."""

    index: int


@dataclass
class TimerTick(Message):
    """The running timer of a step counted ``seconds`` more."""

    step_key: str
    seconds: int = 1


@dataclass
class TimeUp(Message):
    """The step's planned time just ran out."""

    step_key: str


@dataclass
class SaveStateChanged(Message):
    """The autosave's state: ``saved``, ``dirty``, ``saving``, ``failed`` or ``read_only``."""

    state: str
    reason: str = ""


@dataclass
class OpenSession(Message):
    """Open a session file in the step view."""

    path: Path
    read_only: bool = False


@dataclass
class CoWriterMerged(Message):
    """A co-writer's changes were merged into the open session (on a save, or as they came)."""

    editor: SessionEditor
    merges: list[MergeResult]


@dataclass
class SaveConflict(Message):
    """A save found the file changed outside; autosave waits until the user chooses."""

    error: ConflictError
