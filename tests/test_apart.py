"""A save's bytes made in a forked child are the bytes a save in the thread makes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kumppani.errors import SaveError
from kumppani.storage import apart
from kumppani.storage.files import load_session, session_bytes
from tests.support.examples import EXAMPLES, FIRST

pytestmark = pytest.mark.skipif(not apart.available(), reason="no fork on this platform")


def test_bytes_made_apart_are_the_bytes_of_a_save() -> None:
    path = EXAMPLES / FIRST
    session = load_session(path)
    assert apart.Apart(path, lambda: session_bytes(session, path)).result() == session_bytes(
        session, path
    )


def test_a_failing_child_is_a_save_error_with_its_reason(tmp_path: Path) -> None:
    def broken() -> bytes:
        raise SaveError(tmp_path / "x.toml", "the disk said no")

    with pytest.raises(SaveError, match="the disk said no"):
        apart.Apart(tmp_path / "x.toml", broken).result()


def test_a_hung_child_is_killed_after_the_deadline(tmp_path: Path) -> None:
    told = tmp_path / "child-pid"

    def hangs() -> bytes:
        told.write_text(str(os.getpid()), "utf-8")
        time.sleep(600)
        return b""

    child = apart.Apart(tmp_path / "x.toml", hangs)
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        child.result(deadline=0.5)
    assert time.monotonic() - started < 30
    with pytest.raises(ProcessLookupError):  # killed and reaped: not even a zombie is left
        os.kill(child.pid, 0)
