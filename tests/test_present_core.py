"""What the projector computes from a session file: the live step and its running timer."""

from __future__ import annotations

import datetime as dt

from kumppani.editing.projector import live_step, spent_seconds, view_of
from kumppani.session.model import Note, Session
from kumppani.session.vocabulary import StepStatus

T0 = dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.UTC)


def test_live_step_is_the_facilitators_else_the_one_in_progress() -> None:
    session = Session(title="x")
    assert live_step(session).key == "overall"
    session.step("will").status = StepStatus.IN_PROGRESS
    assert live_step(session).key == "will"
    session.live.step = "followup"
    assert live_step(session).key == "followup"


def test_the_timer_counts_on_from_when_it_was_started() -> None:
    session = Session(title="x")
    step = session.step("situation")
    step.planned_minutes, step.spent_seconds = 30, 100
    assert spent_seconds(session, step, T0) == 100
    session.live.step, session.live.timer_since, session.live.timer_spent = "situation", T0, 90
    assert spent_seconds(session, step, T0 + dt.timedelta(seconds=50)) == 140
    view = view_of(session, T0 + dt.timedelta(minutes=31))
    assert view.running and view.planned and view.remaining == 30 * 60 - 90 - 31 * 60


def test_view_keeps_the_latest_notes() -> None:
    session = Session(title="x")
    session.step("overall").notes = [Note(str(n)) for n in range(50)]
    view = view_of(session, T0, latest=5)
    assert [note.text for note in view.notes] == ["45", "46", "47", "48", "49"]
    assert view.speaker == "" and not view.running
