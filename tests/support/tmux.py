"""Drives kumppani in a real terminal: a tmux pane of 80x24 on a server of its own.

``Pane`` sends keys as the bytes a terminal sends (``tmux send-keys``) and reads
the screen's text; every wait is for what the screen shows, with a deadline.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
ENDED = "kumppani-ended"
"""What the pane shows once kumppani has ended (and saved)."""
DEADLINE = 30.0
"""Seconds to wait for the screen to show what a key should bring (a slow CI machine)."""


class Pane:
    """kumppani in a tmux pane of its own server: keys in, the screen's text out."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        assert TMUX is not None
        done = subprocess.run(
            [TMUX, "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p")

    def cursor(self) -> tuple[int, int]:
        x, y = self.tmux("display", "-p", "#{cursor_x} #{cursor_y}").split()
        return int(x), int(y)

    def in_roster_name(self) -> bool:
        """Whether the cursor is in the roster's (empty) name field, left of "Organisaatio".

        Read from the cursor, not the key bar, which follows the focus a frame later.
        """
        x, y = self.cursor()
        lines = self.screen().splitlines()
        line = lines[y] if y < len(lines) else ""
        return " Nimi " in line and "Organisaatio" in line and x < line.index("Organisaatio")

    def wait(self, ready: Callable[[str], bool], what: str) -> str:
        """The screen once ``ready`` says so; fails with the screen after ``DEADLINE``."""
        end = time.monotonic() + DEADLINE
        while True:
            screen = self.screen()
            if ready(screen):
                return screen
            if time.monotonic() > end:
                history = self.tmux("capture-pane", "-p", "-S", "-400")  # a crash's traceback
                pytest.fail(f"waited for {what}; the screen:\n{history}")
            time.sleep(0.05)  # polling the screen, not timing the app

    def shows(self, text: str) -> str:
        return self.wait(lambda screen: text in screen, repr(text))

    def gone(self, text: str) -> str:
        """Wait until ``text`` is off the screen (a dialog closed: keys reach the view again)."""
        return self.wait(lambda screen: text not in screen, f"{text!r} to go")

    def keys(self, *keys: str) -> None:
        """Send ``keys`` in one burst, as a fast typist does: tmux's key names (``Enter``,
        ``C-k``, ``F8``) and text, all in one ``send-keys``."""
        self.tmux("send-keys", *keys)

    def press(self, *keys: str) -> None:
        """Keys by tmux's names (``Enter``, ``C-k``, ``F8``), each sent once the last is read."""
        for key in keys:
            self.tmux("send-keys", key)

    def press_moving(self, key: str) -> None:
        """A key that moves the cursor (Tab, Enter in a form): wait until it has moved."""
        before = self.cursor()
        self.press(key)
        end = time.monotonic() + DEADLINE
        while self.cursor() == before:
            if time.monotonic() > end:
                pytest.fail(f"{key} did not move the cursor:\n{self.screen()}")
            time.sleep(0.05)

    def press_changing(self, key: str) -> None:
        """A key that moves the focus: wait until the screen (with its colours) changes."""
        before = self.tmux("capture-pane", "-p", "-e")
        self.press(key)
        end = time.monotonic() + DEADLINE
        while (now := self.tmux("capture-pane", "-p", "-e")) == before:
            if time.monotonic() > end:
                pytest.fail(f"{key} changed nothing:\n{before}")
            time.sleep(0.05)
        # Then until it has drawn all of it (the key bar follows the focus a frame later).
        while (then := self.tmux("capture-pane", "-p", "-e")) != now:
            now = then
            time.sleep(0.1)

    def type(self, text: str) -> None:
        """Type ``text`` as keys and wait until it shows once more than before."""
        before = self.screen().count(text)
        self.tmux("send-keys", "-l", text)
        self.wait(lambda screen: screen.count(text) > before, f"{text!r} typed")


def start(socket: str, folder: Path, arguments: str, *, home: str = "") -> Pane:
    """kumppani with ``arguments`` in a new 80x24 tmux server named ``socket``, in ``folder``.

    Its settings, data, state and cache live in ``folder`` too (``<name>-<socket>``, or
    ``<name>-<home>`` when given: a restart after a crash finds its journal there).
    """
    env = {
        "PYTHONPATH": os.pathsep.join(sys.path),
        **{
            f"KUMPPANI_{name}_DIR": str(folder / f"{name.lower()}-{home or socket}")
            for name in ("CONFIG", "DATA", "STATE", "CACHE")
        },
        "TERM": "tmux-256color",
        "LANG": "C.UTF-8",
    }
    exports = " ".join(f"{key}={value!r}" for key, value in env.items())
    # After kumppani ends the pane stays (a crash's traceback is then in the failure).
    app = f"{sys.executable} -m kumppani {arguments}"
    command = f"cd {str(folder)!r} && env {exports} {app}; echo {ENDED}; sleep 60"
    pane = Pane(socket)
    pane.tmux("-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24", command)
    return pane


def stop(pane: Pane) -> None:
    """End the pane's tmux server."""
    subprocess.run([TMUX or "tmux", "-L", pane.socket, "kill-server"], capture_output=True)


def kumppani_pid(pane: Pane) -> int:
    """The kumppani process in the pane: the child of the pane's shell."""
    shell = pane.tmux("display", "-p", "#{pane_pid}").strip()
    found = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", shell], capture_output=True, text=True, check=True
    )
    (pid,) = found.stdout.split()
    return int(pid)


def quiet(pane: Pane, after: str) -> None:
    """Wait until the screen and the cursor stay put (three looks 0.1 s apart), or fail.

    The cursor moves to a field a frame before the form scrolls it into view, the key
    bar follows the focus a frame later, and a dialog's first frame may show the focus
    on its first button before it moves to the one chosen: read at once, they mislead.
    """
    end, last, same = time.monotonic() + DEADLINE, None, 0
    while same < 3:
        now = (pane.cursor(), pane.tmux("capture-pane", "-p", "-e"))
        same, last = (same + 1 if now == last else 0), now
        if time.monotonic() > end:
            pytest.fail(f"the screen never settled after {after}:\n{pane.screen()}")
        time.sleep(0.1)  # polling the screen, not timing the app


def press_quietly(pane: Pane, key: str) -> None:
    """Press a key that moves the focus; wait until the screen settles (``quiet``)."""
    pane.press_changing(key)
    quiet(pane, key)


def wait_for_draft(folder: Path, pattern: str, text: str) -> None:
    """Until a file ``pattern`` in ``folder`` holds ``text`` (the writer's second), or fail."""
    end = time.monotonic() + DEADLINE
    while True:
        for file in folder.glob(pattern):
            try:
                if text in file.read_text(encoding="utf-8", errors="replace"):
                    return
            except OSError:
                pass  # replaced just now: read it again
        if time.monotonic() > end:
            pytest.fail(f"no {pattern} ever held {text!r}")
        time.sleep(0.05)  # polling the file, not timing the app
