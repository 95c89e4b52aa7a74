"""kill -9 with a form open, in a real terminal (tmux, 80x24): the form comes back filled.

kumppani runs in a tmux pane of its own server and gets the keys a terminal sends.
Once the draft on disk holds the last thing typed (waited for with a deadline, never a
fixed time), the process is killed with SIGKILL, and started again.

* The new-session form (before: no journal, as there is no session file yet; the
  title and the roster were lost): ``n``, a title, two names added to the roster and
  a third left in the name field. The next start offers the unfinished session;
  continuing opens the form with everything in place, and Ctrl+S creates the session
  with the title and all three names.
* A round's dialog over a session (before: its typing came back as text to copy, and
  the alternation tick not at all): recovering opens it again as it was set, and
  Enter starts that round.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kumppani.storage.files import load_session
from tests.support.examples import EXAMPLES, FIRST
from tests.support.tmux import (
    ENDED,
    TMUX,
    Pane,
    kumppani_pid,
    press_quietly,
    quiet,
    wait_for_draft,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed: this test drives a real one"),
    pytest.mark.skipif(
        os.environ.get("KUMPPANI_TMUX_TESTS") != "1",
        reason="opt-in (KUMPPANI_TMUX_TESTS=1), as the other tmux test: a loaded machine "
        "may miss its deadlines, and the suite must be green every time",
    ),
]
TITLE = "Kevään pyöreä pöytä"
NAMES = ("Ahola", "Berg", "Castrén")


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Callable[[], Pane]]:
    """Start kumppani in a new tmux server over the same folders (again after a crash)."""
    folder = tmp_path / "istunnot"
    folder.mkdir()
    env = {
        "PYTHONPATH": os.pathsep.join(sys.path),
        **{f"KUMPPANI_{name}_DIR": str(tmp_path / name.lower()) for name in ("CONFIG", "DATA")},
        **{f"KUMPPANI_{name}_DIR": str(tmp_path / name.lower()) for name in ("STATE", "CACHE")},
        "TERM": "tmux-256color",
        "LANG": "C.UTF-8",
    }
    exports = " ".join(f"{key}={value!r}" for key, value in env.items())
    app = f"{sys.executable} -m kumppani --dir istunnot"
    command = f"cd {str(tmp_path)!r} && env {exports} {app}; echo {ENDED}; sleep 60"
    sockets: list[str] = []

    def run() -> Pane:
        socket = f"kumppani-crash-{os.getpid()}-{tmp_path.name}-{len(sockets)}"
        sockets.append(socket)
        pane = Pane(socket)
        pane.tmux("-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24", command)
        return pane

    yield run
    for socket in sockets:
        subprocess.run([TMUX or "tmux", "-L", socket, "kill-server"], capture_output=True)


def in_roster_fields(pane: Pane) -> bool:
    """The focus is in the roster's row of fields (their keys lead the key bar)."""
    return "f3 Osapuoli  f4 Rooli" in pane.screen().splitlines()[-1]


def to_roster_name(pane: Pane) -> None:
    """Tab on to the roster's row of fields, then back (Shift+Tab) to its name field."""
    while not in_roster_fields(pane):
        press_quietly(pane, "Tab")
    while not pane.in_roster_name():
        press_quietly(pane, "BTab")


def test_kill_9_in_the_new_session_form_loses_nothing(
    start: Callable[[], Pane], tmp_path: Path
) -> None:
    pane = start()
    pane.shows("Istunnot")
    pane.press("n")
    pane.shows("Uusi istunto")
    pane.type(TITLE)
    pane.press_moving("Enter")
    to_roster_name(pane)
    for name in NAMES[:-1]:
        pane.type(name)
        pane.press("Enter")
        pane.wait(lambda screen: " Nimi         Organisaatio " in screen, f"{name} added")
    pane.type(NAMES[-1])  # left in the name field, no Enter
    wait_for_draft(tmp_path / "state" / "journal", "new-session-*.draft", NAMES[-1])
    os.kill(kumppani_pid(pane), signal.SIGKILL)
    pane.shows(ENDED)
    assert not list((tmp_path / "istunnot").glob("*.toml"))  # no session was created

    pane = start()
    offered = ("Uusi istunto jäi kesken", f"Otsikko: {TITLE}", "Osallistujia: 2")
    pane.wait(lambda screen: all(text in screen for text in offered), "the offer")
    pane.press("y")
    pane.gone("jäi kesken")
    # The form, its title in place (the roster is further down, off the screen).
    pane.wait(lambda screen: "Perustiedot" in screen and TITLE in screen, "the form")
    pane.press("C-s")  # the name left in its field is added, the session created
    pane.shows("Vaihe 1/5")
    (created,) = (tmp_path / "istunnot").glob("*.toml")
    session = load_session(created)
    assert session.title == TITLE
    assert [person.name for person in session.participants] == list(NAMES)


def test_kill_9_with_a_round_dialog_open_brings_it_back_as_it_was_set(
    start: Callable[[], Pane], tmp_path: Path
) -> None:
    # The journal's side: a form over a session (the round's time box and alternation).
    shutil.copy(EXAMPLES / FIRST, tmp_path / "istunnot" / FIRST)
    pane = start()
    pane.shows("1/1 istuntoa")  # the list read: Enter opens it
    pane.press("Enter")
    pane.shows("Vaihe ")
    pane.press("C-r")
    pane.shows("Enter aloittaa · Esc peruu")
    pane.type("7")  # over the 2 minutes it offers (selected as the field takes the focus)
    pane.press_changing("Tab")
    pane.press_changing("Space")
    wait_for_draft(tmp_path / "state" / "journal", "*.journal", "round-alternate = true")
    os.kill(kumppani_pid(pane), signal.SIGKILL)
    pane.shows(ENDED)

    pane = start()
    pane.shows("Tallentamattomia muutoksia löytyi")
    pane.press("Enter")  # recover
    pane.shows("Lukinnut ohjelma ei ole enää käynnissä")  # the killed one's lock
    quiet(pane, "the lock dialog")
    press_quietly(pane, "BTab")  # from read-only (the safe default) to taking it over
    pane.press("Enter")
    screen = pane.shows("Aloita puheenvuorokierros")  # the dialog, open again
    assert "▐X▌" in screen  # the alternation, ticked
    pane.press("Enter")  # start the round as it was set
    pane.shows("^n Seuraava puhuja")
    saved = tmp_path / "istunnot" / FIRST
    pane.wait(lambda _: "seconds_each = 420" in saved.read_text(encoding="utf-8"), "the save")
