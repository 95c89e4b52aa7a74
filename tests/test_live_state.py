"""The live-state file: what the facilitator's app publishes and the projector follows."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from kumppani.editing.projector import Follower, view_of
from kumppani.fileformat.live_state import dump_live, live_state_of, parse_live
from kumppani.roundtable import rounds
from kumppani.storage.files import load_session
from kumppani.storage.live_file import live_path, publish, remove_live
from tests.support.examples import EXAMPLES, FIRST

T0 = dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.UTC)


def test_live_state_reads_back_as_written() -> None:
    session = load_session(EXAMPLES / FIRST)
    session.live.step, session.live.timer_since, session.live.timer_spent = "will", T0, 42
    rounds.start_round(session.step("will"), session.participants, T0, seconds_each=90)
    state = parse_live(dump_live(live_state_of(session)))
    assert state.live == session.live
    assert state.spent_seconds == session.step("will").spent_seconds
    assert state.speaking == session.step("will").rounds[-1]


def test_follower_sees_a_step_change_and_a_pause_without_the_session_saved(
    tmp_path: Path,
) -> None:
    path = tmp_path / FIRST
    shutil.copy(EXAMPLES / FIRST, path)
    before = path.read_bytes()
    follower = Follower(path)
    assert view_of(follower.read(), T0).step.key != "solutions"
    assert not follower.changed()
    session = load_session(path)  # the facilitator's copy in memory
    session.live.step = "solutions"
    session.step("solutions").spent_seconds = 321
    assert publish(path, session)
    assert follower.changed()
    view = view_of(follower.read(), T0)
    assert view.step.key == "solutions" and not view.running
    assert view.remaining == session.step("solutions").planned_minutes * 60 - 321
    session.live.timer_since, session.live.timer_spent = T0, 321
    publish(path, session)
    view = view_of(follower.read(), T0 + dt.timedelta(seconds=9))
    assert view.running and view.remaining == session.step("solutions").planned_minutes * 60 - 330
    remove_live(path)
    assert not live_path(path).exists()
    assert path.read_bytes() == before
