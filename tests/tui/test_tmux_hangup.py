"""A closed terminal (SIGHUP) with a note just typed and a line left unfinished, in tmux.

kumppani runs in a real terminal (a tmux pane of 80x24 on a server of its own) over a
session. A note is typed and entered, then a text is left in the capture line without
Enter; once the journal holds it (waited for with a deadline, never a fixed time), the
kumppani process gets SIGHUP, as when its terminal window is closed. The next start in
the same folders offers the recovery; taking it (and the dead process's lock) gives the
note back in the step and the unfinished text back in the capture line.

How late a word typed before the signal is still kept is measured, not tested (timing):
``benchmarks/crash_window.py`` (the README's "Crash recovery and failed saves").
"""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.examples import EXAMPLES, FIRST
from tests.support.tmux import (
    ENDED,
    TMUX,
    Pane,
    kumppani_pid,
    press_quietly,
    quiet,
    start,
    stop,
    wait_for_draft,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed: this test drives a real one"),
    pytest.mark.skipif(os.name != "posix", reason="SIGHUP exists on POSIX systems only"),
]
NOTE = "Ennen katkosta"
LINE = "kesken jäi"


@pytest.fixture
def panes() -> Iterator[list[Pane]]:
    started: list[Pane] = []
    yield started
    for pane in started:
        stop(pane)


def test_a_closed_terminal_gives_back_the_note_and_the_unfinished_line(
    panes: list[Pane], tmp_path: Path
) -> None:
    (tmp_path / "istunnot").mkdir()
    shutil.copy(EXAMPLES / FIRST, tmp_path / "istunnot" / FIRST)
    socket = f"kumppani-hangup-{os.getpid()}-{tmp_path.name}"
    panes.append(start(f"{socket}-1", tmp_path, "--dir istunnot", home="koti"))
    pane = panes[0]
    pane.shows("1/1 istuntoa")
    pane.press("Enter")
    pane.shows("Vaihe ")
    pane.type(NOTE)
    pane.press("Enter")
    pane.type(LINE)  # left in the capture line, no Enter
    wait_for_draft(tmp_path / "state-koti" / "journal", "*.journal", LINE)
    os.kill(kumppani_pid(pane), signal.SIGHUP)
    pane.shows(ENDED)

    panes.append(start(f"{socket}-2", tmp_path, "--dir istunnot", home="koti"))
    pane = panes[1]
    pane.shows("Tallentamattomia muutoksia löytyi")
    pane.press("Enter")  # recover
    pane.shows("Lukinnut ohjelma ei ole enää käynnissä")  # the ended one's lock
    quiet(pane, "the lock dialog")
    press_quietly(pane, "BTab")  # from read-only (the safe default) to taking it over
    pane.press("Enter")
    screen = pane.wait(lambda screen: LINE in screen and NOTE in screen, "the note and the line")
    assert "Vaihe 1/5" in screen
