"""Two note-takers, two kumppani programs, one session file, in real terminals (tmux, 80x24).

The first opens the session; the second is asked and chooses to write alongside;
each types notes and sees the other's appear without a question; after both quit
the file holds every note once and the lock file is gone. Each step waits for what
the screens show (never a fixed time), with a deadline.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kumppani.storage import locks as locking
from kumppani.storage.files import load_session
from kumppani.storage.lock_holder import writers_from_toml
from tests.support.examples import EXAMPLES, FIRST
from tests.support.tmux import ENDED, TMUX, Pane, start, stop

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed: this test drives a real one"),
    pytest.mark.skipif(
        os.environ.get("KUMPPANI_TMUX_TESTS") != "1",
        reason="opt-in (KUMPPANI_TMUX_TESTS=1), as the other tmux test: real terminals under "
        "load are not green every time",
    ),
]


@pytest.fixture
def panes(tmp_path: Path) -> Iterator[tuple[Pane, Pane, Path]]:
    path = tmp_path / FIRST
    shutil.copy(EXAMPLES / FIRST, path)
    first = start(f"kumppani-a-{os.getpid()}", tmp_path, FIRST)
    first.shows("Vaihe ")
    second = start(f"kumppani-b-{os.getpid()}", tmp_path, FIRST)
    yield first, second, path
    stop(first)
    stop(second)


def test_two_apps_write_one_session_and_see_each_others_notes(
    panes: tuple[Pane, Pane, Path],
) -> None:
    first, second, path = panes
    second.shows("Kirjoita rinnalla toisena kirjaajana")
    second.press("BTab")  # the focus starts on read-only; the co-writer's button is above
    second.press("Enter")
    second.shows("Vaihe ")
    writers = writers_from_toml(locking.lock_path(path).read_text("utf-8"))
    assert len(writers) == 2

    for number in range(3):
        first.type(f"ensimmäisen {number}")
        first.press("Enter")
        second.type(f"toisen {number}")
        second.press("Enter")
    for pane in (first, second):
        for number in range(3):
            pane.shows(f"ensimmäisen {number}")
            pane.shows(f"toisen {number}")
    first.shows("toiselta kirjaajalta")

    second.press("C-q")
    second.shows(ENDED)
    assert len(writers_from_toml(locking.lock_path(path).read_text("utf-8"))) == 1
    first.press("C-q")
    first.shows(ENDED)
    assert not locking.lock_path(path).exists()
    texts = [note.text for step in load_session(path).steps for note in step.notes]
    for number in range(3):
        assert texts.count(f"ensimmäisen {number}") == 1
        assert texts.count(f"toisen {number}") == 1
