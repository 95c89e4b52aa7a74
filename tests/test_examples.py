"""The example sessions in ``sessions/`` are real files a secretariat could open.

Each one loads, saves back byte for byte (so it is in the canonical format),
and a follow-up session points at the session before it in the series.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kumppani.session.model import Session
from kumppani.session.vocabulary import STEP_KEYS, ActionStatus
from kumppani.storage.files import load_session, save_session
from tests.support.examples import EXAMPLES as EXAMPLES_FOLDER

SESSIONS = EXAMPLES_FOLDER
EXAMPLES = sorted(SESSIONS.glob("*.toml"))


def _all() -> dict[str, Session]:
    return {path.name: load_session(path) for path in EXAMPLES}


def test_there_are_at_least_two_examples() -> None:
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_example_resaves_byte_for_byte(path: Path, tmp_path: Path) -> None:
    session = load_session(path)
    copy = tmp_path / path.name
    save_session(session, copy)
    assert copy.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_example_file_name_starts_with_its_date(path: Path) -> None:
    session = load_session(path)
    assert session.date is not None
    assert path.name.startswith(session.date.isoformat())


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_example_covers_all_five_steps(path: Path) -> None:
    session = load_session(path)
    assert [step.key for step in session.steps] == list(STEP_KEYS)
    for step in session.steps:
        assert step.notes, step.key
        assert step.conclusion, step.key
        assert step.planned_minutes and step.spent_seconds, step.key
    assert session.actions and session.indicators and session.shared_message
    assert session.recipes


def test_follow_up_links_to_its_predecessor() -> None:
    sessions = _all()
    followups = [session for session in sessions.values() if session.previous is not None]
    assert followups
    for session in followups:
        assert session.previous is not None
        before = sessions[session.previous.file]
        assert before.id == session.previous.id
        assert before.title == session.previous.title
        assert before.date is not None and session.date is not None
        assert before.date < session.date


def test_follow_up_carries_the_earlier_actions_and_indicators_forward() -> None:
    sessions = _all()
    for session in sessions.values():
        if session.previous is None:
            continue
        before = sessions[session.previous.file]
        actions = {action.id: action for action in session.actions}
        assert {action.id for action in before.actions} <= actions.keys()
        statuses = {actions[action.id].status for action in before.actions}
        assert ActionStatus.DONE in statuses
        postponed = [action for action in actions.values() if action.status == "postponed"]
        assert postponed and all(action.history for action in postponed)
        readings = {item.id: len(item.readings) for item in session.indicators}
        for item in before.indicators:
            assert readings[item.id] > len(item.readings)
