"""Benchmark of the session library: scanning a secretariat folder cold and warm.

Generates N realistic session files (participants, ~30 notes over the five
steps, conclusions, win-win, actions with history, indicators with readings,
series linked by their previous session) in a temporary folder, then reports
medians over repeated runs of:

- raw: reading and ``tomllib.loads`` of every file, serially, in this process
  (the baseline the targets are set against);
- cold: ``scan_folder`` with an empty cache (parallel parse and validation,
  then the index cache written);
- cold, no cache: the same without reading or writing the cache;
- warm: ``scan_folder`` when no file has changed (everything from the cache);
- one changed: warm, after one file was rewritten;
- and, unless ``--no-cli``, the warm ``list``, ``search`` and ``actions``
  commands end to end in a new Python process (interpreter start included).

Targets (issue 4): cold at most 1.2x raw, warm under 0.3 s for 1,000 files.

    PYTHONPATH=src python benchmarks/bench_library.py --files 1000
    PYTHONPATH=src python benchmarks/bench_library.py --quick
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

try:
    import kumppani
except ModuleNotFoundError:  # run from a checkout without PYTHONPATH=src
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import kumppani

from kumppani.fileformat import dump_session, encode_session
from kumppani.library import default_workers, scan_folder
from kumppani.session.model import (
    Action,
    Indicator,
    Note,
    Participant,
    PreviousSession,
    Reading,
    Session,
    WinWin,
)
from kumppani.session.vocabulary import STEP_KEYS, ActionStatus, SessionStatus
from kumppani.settings import paths

WORDS = [
    "nuoret",
    "työllisyys",
    "kaupunki",
    "valtio",
    "ohjaamo",
    "koulutus",
    "keskeyttäneet",
    "palvelut",
    "rahoitus",
    "kokeilu",
    "mittari",
    "tavoite",
    "yhteistyö",
    "hyvinvointialue",
    "asuminen",
    "liikenne",
    "ilmasto",
    "osaaminen",
    "maahanmuuttajat",
    "kotoutuminen",
    "yritykset",
    "innovaatio",
    "tutkimus",
    "verkosto",
    "sopimus",
    "selvitys",
    "kampanja",
    "tilasto",
    "seuranta",
    "kasvusopimus",
    "elinvoima",
    "kaavoitus",
    "raideliikenne",
    "opiskelijat",
    "työnantajat",
    "tietojen",
    "luovutus",
    "kohtaanto",
    "ennakointi",
    "digitalisaatio",
]
ORGANISATIONS = (
    ("TEM", "state"),
    ("YM", "state"),
    ("OKM", "state"),
    ("VM", "state"),
    ("Tampereen kaupunki", "city"),
    ("Turun kaupunki", "city"),
    ("Oulun kaupunki", "city"),
    ("Kela", "other"),
    ("Pirkanmaan hyvinvointialue", "other"),
)
OLD_NS = 1_600_000_000 * 1_000_000_000
"""Files are dated back to 2020, as in a real archive (and so the cache trusts them)."""


def sentence(rng: random.Random, low: int = 8, high: int = 22) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def make_session(
    rng: random.Random, number: int, notes: int, previous: Session | None, path_of_previous: str
) -> Session:
    """One realistic session; a follow-up carries the open actions of ``previous``."""
    day = (
        previous.date + dt.timedelta(days=rng.randint(90, 200))
        if previous is not None and previous.date is not None
        else dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 2200))
    )
    people = [
        Participant(
            name=f"Henkilö {number}-{index}",
            organisation=organisation,
            title=sentence(rng, 2, 4),
            party=party,
            present=rng.random() > 0.1,
        )
        for index, (organisation, party) in enumerate(rng.sample(ORGANISATIONS, 7))
    ]
    session = Session(
        title=f"Kumppanuuspöytä {number}: {sentence(rng, 2, 5)}",
        theme=sentence(rng, 4, 8),
        date=day,
        venue="Kokoushuone",
        facilitator="Fasilitaattori",
        participants=people,
        status=rng.choice(list(SessionStatus)),
    )
    if previous is not None:
        session.previous = PreviousSession(previous.id, path_of_previous, previous.title)
    per_step = [notes // len(STEP_KEYS)] * len(STEP_KEYS)
    for index in range(notes % len(STEP_KEYS)):
        per_step[index] += 1
    for step, count in zip(session.steps, per_step, strict=True):
        step.conclusion = sentence(rng)
        step.planned_minutes = 20
        step.notes = [
            Note(
                text=sentence(rng),
                participant=rng.choice(people).id,
                highlight=rng.random() < 0.2,
                votes=rng.randint(0, 4),
            )
            for _ in range(count)
        ]
    session.winwin = WinWin(state_gains=sentence(rng), city_gains=sentence(rng))
    if previous is not None:
        for action in previous.actions:
            if action.status.is_open:
                carried = Action(
                    title=action.title,
                    description=action.description,
                    responsible=list(action.responsible),
                    owner=action.owner,
                    due=action.due,
                    status=action.status,
                    history=list(action.history),
                    id=action.id,
                )
                carried.set_status(rng.choice(list(ActionStatus)), day, sentence(rng, 3, 6))
                session.actions.append(carried)
    for index in range(4):
        action = Action(
            title=sentence(rng, 4, 7),
            description=sentence(rng),
            rationale=sentence(rng),
            responsible=[people[index].organisation, people[index + 1].organisation],
            owner=people[index].name,
            due=day + dt.timedelta(days=rng.randint(30, 365)),
            status=ActionStatus.AGREED,
        )
        session.actions.append(action)
    session.shared_message = sentence(rng)
    for _ in range(3):
        session.indicators.append(
            Indicator(
                name=sentence(rng, 3, 6),
                unit="%",
                baseline=rng.randint(0, 50),
                target=rng.randint(50, 100),
                readings=[
                    Reading(on=day - dt.timedelta(days=30 * k), value=rng.randint(0, 100))
                    for k in range(3)
                ],
            )
        )
    session.followup_plan = sentence(rng)
    return session


def generate(folder: Path, count: int, notes: int, seed: int = 4) -> None:
    """``count`` session files in ``folder``, in series of one to four sessions."""
    rng = random.Random(seed)
    previous: Session | None = None
    previous_name = ""
    left_in_series = 0
    for number in range(count):
        if left_in_series == 0:
            previous, left_in_series = None, rng.randint(1, 4)
        session = make_session(rng, number, notes, previous, previous_name)
        name = f"{session.date}-istunto-{number:05d}.toml"
        (folder / name).write_text(dump_session(encode_session(session)), encoding="utf-8")
        os.utime(folder / name, ns=(OLD_NS, OLD_NS + number))
        previous, previous_name = session, name
        left_in_series -= 1


def median_time(run: Callable[[], object], repeat: int, before: Callable[[], None]) -> float:
    times = []
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def nothing() -> None:
    pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="session files (default 1000)")
    parser.add_argument("--notes", type=int, default=30, help="notes per session (default 30)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--workers", type=int, default=None, help="scan processes")
    parser.add_argument("--quick", action="store_true", help="200 files, 3 runs: a smoke test")
    parser.add_argument("--no-cli", action="store_true", help="skip the end-to-end commands")
    args = parser.parse_args()
    if args.quick:
        args.files, args.repeat = min(args.files, 200), min(args.repeat, 3)

    root = Path(tempfile.mkdtemp(prefix="kumppani-bench-"))
    try:
        folder, cache = root / "sessions", root / "cache"
        folder.mkdir()
        os.environ[paths.CACHE_DIR_ENV] = str(cache)
        start = time.perf_counter()
        generate(folder, args.files, args.notes)
        files = sorted(folder.glob("*.toml"))
        size = sum(path.stat().st_size for path in files)
        print(
            f"kumppani {kumppani.__version__}, Python {sys.version.split()[0]}, "
            f"{default_workers()} usable cores, workers={args.workers or default_workers()}"
        )
        print(
            f"{len(files)} files, {size / len(files) / 1024:.1f} KiB each on average, "
            f"{args.notes} notes each (generated in {time.perf_counter() - start:.1f} s)"
        )

        def raw() -> None:
            for path in files:
                tomllib.loads(path.read_text(encoding="utf-8"))

        def clear_cache() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        def scan(use_cache: bool = True) -> None:
            result = scan_folder(folder, cache=use_cache, workers=args.workers)
            assert len(result.summaries) == len(files), result.errors[:3]

        figures: dict[str, float] = {}
        figures["raw"] = median_time(raw, args.repeat, nothing)
        figures["cold"] = median_time(scan, args.repeat, clear_cache)
        figures["cold_nocache"] = median_time(lambda: scan(False), args.repeat, nothing)
        figures["cold_serial"] = median_time(
            lambda: scan_folder(folder, cache=False, workers=1), args.repeat, nothing
        )
        scan()
        figures["warm"] = median_time(scan, args.repeat, nothing)

        changed = files[len(files) // 2]
        text = changed.read_text(encoding="utf-8")

        def touch_one() -> None:
            changed.write_text(text, encoding="utf-8")
            stamp = time.time_ns() - 10 * 1_000_000_000
            os.utime(changed, ns=(stamp, stamp))

        figures["one_changed"] = median_time(scan, args.repeat, touch_one)

        raw_time = figures["raw"]
        print(f"raw tomllib.loads, serial:  {raw_time:7.3f} s")
        print(
            f"cold scan (empty cache):    {figures['cold']:7.3f} s   "
            f"{figures['cold'] / raw_time:.2f}x raw (target <= 1.2x)"
        )
        print(
            f"cold scan, cache off:       {figures['cold_nocache']:7.3f} s   "
            f"{figures['cold_nocache'] / raw_time:.2f}x raw"
        )
        print(
            f"cold scan, one process:     {figures['cold_serial']:7.3f} s   "
            f"{figures['cold_serial'] / raw_time:.2f}x raw (parse + validation, for reference)"
        )
        print(
            f"warm scan (nothing changed):{figures['warm']:7.3f} s   "
            f"{figures['warm'] / raw_time:.3f}x raw (target < 0.3 s)"
        )
        print(f"warm scan, one file changed:{figures['one_changed']:7.3f} s")

        if not args.no_cli:
            scan()
            env = dict(os.environ)
            source = str(Path(kumppani.__file__).resolve().parents[1])
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [source, env.get("PYTHONPATH")]))
            commands = {
                "--version (start-up only)": ["--version"],
                "list": ["list"],
                "search elinvoima": ["search", "elinvoima"],
                "search yhteenveto (no match)": ["search", "yhteenveto"],
                "actions --status open": ["actions", "--status", "open"],
            }
            for label, words in commands.items():
                lines = 0

                def command(words: list[str] = words) -> None:
                    nonlocal lines
                    done = subprocess.run(
                        [sys.executable, "-m", "kumppani", "--dir", str(folder), *words],
                        env=env,
                        capture_output=True,
                        check=True,
                    )
                    lines = done.stdout.count(b"\n")

                took = median_time(command, args.repeat, nothing)
                print(f"kumppani {label} (warm, new process): {took:.3f} s, {lines} lines")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
