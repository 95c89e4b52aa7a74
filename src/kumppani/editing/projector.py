"""Provides what the projector view shows: the live step of a session file, computed.

No Textual here: ``kumppani.tui.projector.app`` draws it. The step on screen is the
one the facilitator has open (``session.live.step``), else the first step in
progress, else the first; its timer runs from ``live.timer_since`` when the
facilitator's timer is running. The step on screen, its timer and its round
come from the live-state file beside the session (``storage.live_file``) when
there is one: the facilitator's app writes it at once, while the session
itself is saved later. ``read_state`` and ``Follower`` only read: they never
write and never take a lock.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kumppani.fileformat import parse_session
from kumppani.fileformat.live_state import apply_live
from kumppani.roundtable.rounds import floor_seconds, remaining_seconds
from kumppani.session.model import Note, Round, Session, Step
from kumppani.session.vocabulary import StepStatus
from kumppani.storage.files import read_text
from kumppani.storage.live_file import live_path, read_live

Stamp = tuple[int, int]
"""A file's size and modification time (ns): when it changes, the file is read again."""


def stamp(path: Path) -> Stamp | None:
    """The file's size and modification time, or None when it cannot be seen."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def read_state(path: Path) -> Session:
    """The session in the file, read only (a located error when it is broken)."""
    text, _data = read_text(path)
    return parse_session(text, path)


class Follower:
    """Reads a session file again when it changed, and its live state when that changed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.session: Session | None = None
        self.seen: tuple[Stamp | None, Stamp | None] | None = None
        """The stamps of the file and of its live state when last read."""
        self._lock = threading.Lock()
        """One read at a time, in order: an older read never lands after a newer one."""

    def stamps(self) -> tuple[Stamp | None, Stamp | None]:
        return stamp(self.path), stamp(live_path(self.path))

    def changed(self) -> bool:
        """True when the file or its live state changed since the last ``read``."""
        return self.stamps() != self.seen

    def read(self) -> Session:
        """The session with its live state; only the live state is read if only it changed.

        A broken file raises its located error (and is not read again until it changes).
        """
        with self._lock:
            return self._read()

    def _read(self) -> Session:
        seen = self.stamps()
        session = self.session
        try:
            if session is None or self.seen is None or seen[0] != self.seen[0]:
                session = read_state(self.path)
        finally:
            self.seen = seen
        state = read_live(self.path)
        if state is not None:
            apply_live(session, state)
        self.session = session
        return session


def live_step(session: Session) -> Step:
    """The step the facilitator has on screen."""
    for step in session.steps:
        if step.key == session.live.step:
            return step
    for step in session.steps:
        if step.status is StepStatus.IN_PROGRESS:
            return step
    return session.steps[0]


def spent_seconds(session: Session, step: Step, at: datetime) -> int:
    """Seconds spent in ``step`` so far, counting on while the facilitator's timer runs."""
    live = session.live
    if live.step == step.key and live.timer_since is not None:
        return live.timer_spent + max(0, int((at - live.timer_since).total_seconds()))
    return step.spent_seconds


@dataclass
class View:
    """Everything the projector shows at one instant."""

    step: Step
    remaining: int
    """Seconds left of the planned time (negative when over); the spent time if none planned."""
    planned: bool
    running: bool
    notes: list[Note]
    speaker: str
    """Who has the floor in a running round (participant id), or empty."""
    speaker_left: int | None
    speaker_for: int


def view_of(session: Session, at: datetime, latest: int = 30) -> View:
    """What to show now: the live step, its timer, its latest notes and the round."""
    step = live_step(session)
    spent = spent_seconds(session, step, at)
    planned = step.planned_minutes * 60
    speaking: Round | None = step.current_round
    return View(
        step=step,
        remaining=planned - spent if planned else spent,
        planned=bool(planned),
        running=session.live.step == step.key and session.live.timer_since is not None,
        notes=step.notes[-latest:],
        speaker=speaking.speaker if speaking else "",
        speaker_left=remaining_seconds(speaking, at) if speaking else None,
        speaker_for=floor_seconds(speaking, at) if speaking else 0,
    )
