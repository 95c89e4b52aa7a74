"""Measures how late a typed word is still kept when kumppani is ended by a signal.

Not a performance budget (``run_all.py`` does not run it): the figures of the README's
"Crash recovery and failed saves". Each round starts kumppani in a tmux pane of 80x24
over a copy of an example session, types notes (each word and Enter, 3 to 20 a second),
then a text left in the capture line without Enter, waits a random 0 to 0.8 s and sends
the signal (``--signal HUP``, a closed terminal; ``KILL``, kill -9) to the kumppani
process. It then reads what the next start would offer (the journal, else the saved
file) and prints, for each round, the notes lost with how long before the signal they
were typed, and whether the unfinished line came back. The summary gives the oldest note
lost and the youngest unfinished line lost.

    python benchmarks/crash_window.py --signal HUP --rounds 20
    python benchmarks/crash_window.py --signal HUP --rounds 20 --autosave 600

Needs tmux. Every round has its own throw-away folders.
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
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src"
sys.path.insert(0, str(SRC))
EXAMPLE = REPO / "sessions" / "2026-03-12-nuorisotyollisyys.toml"
DEADLINE = 30.0


def tmux(socket: str, *args: str) -> str:
    done = subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True)
    return done.stdout


def wait_for(socket: str, text: str) -> None:
    end = time.monotonic() + DEADLINE
    while text not in tmux(socket, "capture-pane", "-p"):
        if time.monotonic() > end:
            raise SystemExit(f"never showed {text!r}:\n{tmux(socket, 'capture-pane', '-p')}")
        time.sleep(0.05)


def kumppani_pid(socket: str) -> int:
    shell = tmux(socket, "display", "-p", "#{pane_pid}").strip()
    found = subprocess.run(["ps", "-o", "pid=", "--ppid", shell], capture_output=True, text=True)
    children = found.stdout.split()
    return int(children[0]) if children else int(shell)  # the shell may exec kumppani itself


def one_round(number: int, sig: signal.Signals, autosave: float, rng: random.Random) -> dict:
    home = Path(tempfile.mkdtemp(prefix="kumppani-crash-"))
    folders = {name: home / name.lower() for name in ("CONFIG", "DATA", "STATE", "CACHE")}
    sessions = home / "istunnot"
    sessions.mkdir()
    session = sessions / EXAMPLE.name
    shutil.copy(EXAMPLE, session)
    folders["CONFIG"].mkdir()
    (folders["CONFIG"] / "config.toml").write_text(f"autosave_seconds = {autosave}\n")
    env = {
        "PYTHONPATH": str(SRC),
        **{f"KUMPPANI_{name}_DIR": str(path) for name, path in folders.items()},
        "TERM": "tmux-256color",
        "LANG": "C.UTF-8",
    }
    exports = " ".join(f"{key}={value!r}" for key, value in env.items())
    command = f"cd {str(home)!r} && env {exports} {sys.executable} -m kumppani --dir istunnot"
    socket = f"crash-window-{os.getpid()}-{number}"
    tmux(socket, "-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24", command)
    try:
        wait_for(socket, "1/1 istuntoa")
        tmux(socket, "send-keys", "Enter")
        wait_for(socket, "Vaihe ")
        pid = kumppani_pid(socket)
        typed: dict[str, float] = {}
        for index in range(rng.randint(4, 10)):
            word = f"sana{number:02d}x{index:02d}"
            tmux(socket, "send-keys", "-l", word)
            tmux(socket, "send-keys", "Enter")
            typed[word] = time.monotonic()
            time.sleep(rng.uniform(1 / 20, 1 / 3))
        line = f"kesken{number:02d}"
        tmux(socket, "send-keys", "-l", line)
        line_time = time.monotonic()
        time.sleep(rng.uniform(0.0, 0.8))
        os.kill(pid, sig)
        ended = time.monotonic()
        end = ended + DEADLINE
        while os.path.exists(f"/proc/{pid}") and time.monotonic() < end:
            time.sleep(0.02)
    finally:
        tmux(socket, "kill-server")
    for name, path in folders.items():
        os.environ[f"KUMPPANI_{name}_DIR"] = str(path)
    from kumppani.storage.files import load_session
    from kumppani.storage.recovery import find_offer

    offer = find_offer(session)
    kept = offer.session if offer is not None and offer.session is not None else None
    kept = kept or load_session(session)
    texts = " ".join(note.text for note in kept.all_notes())
    drafts = offer.drafts if offer is not None else {}
    line_back = any(line in str(table) for table in drafts.values())
    lost = {word: ended - at for word, at in typed.items() if word not in texts}
    shutil.rmtree(home, ignore_errors=True)
    return {
        "notes": len(typed),
        "lost": lost,
        "line_age": ended - line_time,
        "line_back": line_back,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signal", default="HUP", choices=["HUP", "KILL", "TERM"])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--autosave", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is needed")
    sig = signal.Signals[f"SIG{args.signal}"]
    rng = random.Random(args.seed)
    notes = lost = 0
    oldest_lost = 0.0
    lines_back = 0
    youngest_line_lost: float | None = None
    for number in range(args.rounds):
        result = one_round(number, sig, args.autosave, rng)
        notes += result["notes"]
        lost += len(result["lost"])
        if result["lost"]:
            oldest_lost = max(oldest_lost, max(result["lost"].values()))
        ages = ", ".join(f"{age:.2f} s" for age in sorted(result["lost"].values()))
        state = "back" if result["line_back"] else "LOST"
        print(
            f"round {number + 1:2d}: {result['notes']:2d} notes, lost {len(result['lost'])}"
            f"{' (' + ages + ')' if ages else ''}; unfinished line typed "
            f"{result['line_age']:.2f} s before: {state}",
            flush=True,
        )
        if result["line_back"]:
            lines_back += 1
        else:
            if youngest_line_lost is None or result["line_age"] > youngest_line_lost:
                youngest_line_lost = result["line_age"]
    print(
        f"SIG{args.signal}, autosave {args.autosave:g} s: {args.rounds} rounds, {notes} notes "
        f"typed, {lost} lost (oldest {oldest_lost:.2f} s before the signal); unfinished lines "
        f"back {lines_back} of {args.rounds}"
        + (
            f" (the oldest lost was typed {youngest_line_lost:.2f} s before)"
            if youngest_line_lost is not None
            else ""
        )
    )


if __name__ == "__main__":
    main()
