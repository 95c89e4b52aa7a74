"""Helpers of the projector tests: a live session file mid-round and the projector over it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from kumppani.roundtable import rounds
from kumppani.settings.config import Config
from kumppani.storage.files import load_session, save_session
from kumppani.tui.projector.app import PresentApp
from tests.support.examples import EXAMPLES, FIRST

T0 = dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
"""The moment the round starts; the projector's clock stands 75 s later."""


def make_live_file(folder: Path) -> Path:
    """A copy of the first example in ``folder``, the facilitator in step 2 with the timer and
    a round running."""
    path = folder / FIRST
    shutil.copy(EXAMPLES / FIRST, path)
    session = load_session(path)
    session.live.step = "situation"
    session.live.timer_since = T0
    session.live.timer_spent = 600
    step = session.step("situation")
    rounds.start_round(step, session.participants, T0, seconds_each=120)
    save_session(session, path)
    return path


def projector_for(path: Path, language: str = "fi", config: Config | None = None) -> PresentApp:
    """The projector over ``path``, its clock standing 1:15 into the round."""
    return PresentApp(
        path, config or Config(), language, clock=lambda: T0 + dt.timedelta(seconds=75)
    )
