"""Measures the recovery journal at the disk's edges with the real app (issue 18, items 1-2).

Not a performance budget (``run_all.py`` does not run it); needs tmux, and root for
``fill``. Each round starts kumppani in a tmux pane of 80x24, types notes and ends it
with kill -9, then reads what the next start would offer (the journal, else the file).

``--mode fsize``: under ``prlimit --fsize=8000`` (the session is too big to save, every
autosave fails), notes 0.05 to 0.5 s apart, kill -9 after a random 2 to 10 s. Prints
how many notes typed more than 0.5 s before the kill came back, and the oldest not
back (timed when tmux took the Enter, so the app's own reading of it adds to it).

``--mode fill``: sessions and state on one 512 KB tmpfs, a session of 250 long notes
(bigger than the reserve), the disk filled ``--fills`` times with 12 notes typed each
time, space freed and one note typed between fills, kill -9 after the last. Prints
the notes back, and whether ``.reserve`` was there before each fill.

    python benchmarks/journal_edges.py --mode fsize --rounds 15
    python benchmarks/journal_edges.py --mode fill --fills 3 --rounds 3
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
os.environ["PYTHONPATH"] = str(REPO / "src")  # the app measured is this tree's
EXAMPLE = REPO / "sessions" / "2026-03-12-nuorisotyollisyys.toml"
SOCKET = f"journal-edges-{os.getpid()}"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True).stdout


def start(command: str) -> int:
    """Start kumppani in a pane; its process id once its screen is up."""
    tmux("new-session", "-d", "-x", "80", "-y", "24", command)
    for _ in range(200):
        if "^p" in tmux("capture-pane", "-p"):
            break
        time.sleep(0.1)
    time.sleep(1)
    pane = int(tmux("list-panes", "-F", "#{pane_pid}"))
    children = subprocess.run(["pgrep", "-P", str(pane)], capture_output=True, text=True)
    found = [pane, *(int(item) for item in children.stdout.split())]
    return next(pid for pid in found if "python" in Path(f"/proc/{pid}/comm").read_text())


def type_note(text: str) -> float:
    tmux("send-keys", "-l", text)
    tmux("send-keys", "Enter")
    return time.monotonic()


def kill(pid: int) -> float:
    os.kill(pid, signal.SIGKILL)
    killed = time.monotonic()
    tmux("kill-server")
    return killed


def notes_back(session: Path) -> set[int]:
    from kumppani.storage.files import load_session
    from kumppani.storage.recovery import find_offer

    offer = find_offer(session)
    kept = offer.session if offer is not None and offer.session is not None else None
    kept = kept or load_session(session)
    texts = [note.text for step in kept.steps for note in step.notes]
    return {int(text.split()[1]) for text in texts if text.startswith("muistiinpano ")}


def fsize_round(folder: Path) -> tuple[int, int, list[float]]:
    session = folder / "round.toml"
    shutil.copy(EXAMPLE, session)
    app = start(f"prlimit --fsize=8000 {sys.executable} -m kumppani {session}")
    typed: dict[int, float] = {}
    stop = threading.Event()

    def typing() -> None:
        while not stop.is_set():
            typed[len(typed)] = type_note(f"muistiinpano {len(typed):03d} kirjoitettu")
            time.sleep(random.uniform(0.05, 0.5))

    typist = threading.Thread(target=typing)
    typist.start()
    time.sleep(random.uniform(2, 10))
    killed = kill(app)
    stop.set()
    typist.join()
    back = notes_back(session)
    old = {number for number, when in typed.items() if killed - when > 0.5}
    late = sorted(killed - typed[number] for number in set(typed) - back)
    return len(old & back), len(old), late


def fill_disk(filler: Path) -> None:
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    for size in (65536, 4096, 512, 1):
        try:
            while os.write(descriptor, b"x" * size):
                pass
        except OSError:
            pass
    os.close(descriptor)


def fill_round(folder: Path, fills: int) -> tuple[int, int, list[bool]]:
    from kumppani.editing.editor import SessionEditor

    disk = folder / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(disk)], check=True)
    try:
        os.environ["KUMPPANI_STATE_DIR"] = str(disk / "state")
        (disk / "sessions").mkdir()
        session = disk / "sessions" / "round.toml"
        shutil.copy(EXAMPLE, session)
        editor = SessionEditor.open(session)
        for number in range(250):
            editor.add_note("overall", f"aiempi {number:03d} " + "aiempaa tekstiä " * 16)
        editor.save()
        app = start(f"{sys.executable} -m kumppani {session}")
        count, reserves = 0, []
        for round_number in range(fills):
            reserves.append((disk / "state" / "journal" / ".reserve").exists())
            fill_disk(disk / "filler")
            for _ in range(12):
                type_note(f"muistiinpano {count:03d} kirjoitettu täyteen levyyn")
                count += 1
                time.sleep(0.3)
            time.sleep(2)
            if round_number < fills - 1:
                (disk / "filler").unlink()
                type_note(f"muistiinpano {count:03d} tilaa taas")
                count += 1
                time.sleep(4)
        kill(app)
        (disk / "filler").unlink()
        return len(notes_back(session) & set(range(count))), count, reserves
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mode", choices=["fsize", "fill"], required=True)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--fills", type=int, default=3)
    options = parser.parse_args()
    total = kept = 0
    oldest = 0.0
    for number in range(options.rounds):
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            for kind in ("CONFIG", "DATA", "STATE", "CACHE"):
                os.environ[f"KUMPPANI_{kind}_DIR"] = str(folder / kind.lower())
            if options.mode == "fsize":
                back, typed, late = fsize_round(folder)
                oldest = max([oldest, *late])
                shown = ", ".join(f"{value:.2f}" for value in late)
                print(f"round {number}: {back} of {typed} back; not back, s before: {shown}")
            else:
                back, typed, reserves = fill_round(folder, options.fills)
                print(f"round {number}: {back} of {typed} back; reserve before fills {reserves}")
            total, kept = total + typed, kept + back
    if options.mode == "fsize":
        print(
            f"{kept} of {total} notes typed > 0.5 s before the kill back;"
            f" oldest not back {oldest:.2f} s"
        )
    else:
        print(f"{kept} of {total} notes back")


if __name__ == "__main__":
    main()
