"""Property tests: any session survives save and load, whatever its text, numbers and time zones."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from kumppani.fileformat import dump_session, encode_session, parse_session
from kumppani.fileformat.encode import text as stored_text
from kumppani.session.model import Session
from kumppani.storage.files import load_session, save_session
from tests.support.strategies import sessions


def as_stored(value: Any) -> Any:
    """The value as the file keeps it: line breaks folded to LF, instants as fixed offsets."""
    if isinstance(value, str):
        return stored_text(value)
    if isinstance(value, dt.datetime):
        # Same instant, fixed offset: Python never calls a fold=1 time equal across zones.
        offset = value.utcoffset()
        assert offset is not None
        return value.astimezone(dt.timezone(offset))
    if isinstance(value, list):
        return [as_stored(item) for item in value]
    if isinstance(value, dict):
        return {as_stored(key): as_stored(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: as_stored(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


@pytest.mark.slow
@given(sessions())
def test_load_of_save_is_the_same_session(session: Session) -> None:
    text = dump_session(encode_session(session))
    assert parse_session(text) == as_stored(session)


@pytest.mark.slow
@settings(  # few examples: each example saves to disk twice
    max_examples=40,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sessions())
def test_saving_twice_gives_identical_bytes(tmp_path: Path, session: Session) -> None:
    path = tmp_path / "s.toml"
    save_session(session, path)
    first = path.read_bytes()
    save_session(load_session(path), path)
    assert path.read_bytes() == first
