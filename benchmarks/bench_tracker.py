"""Benchmark of the actions tracker in the interface: a big folder, opened and filtered by key.

Generates N session files with ``bench_library.generate`` (series of one to
four sessions, follow-ups carrying open actions), warms the library's index
cache, then runs the real app headless at 120x40 and reports medians of:

- open: ``a`` on the home screen until the tracker shows every action
  (warm scan in its worker, ``track_actions``, the table filled);
- the filter keys ``s`` (open actions), ``!`` (overdue) and ``c`` (clear),
  each from the key to the last frame it caused (every row re-filtered and
  the table refilled).

    PYTHONPATH=src python benchmarks/bench_tracker.py --files 1000
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import _common  # noqa: F401  (isolated config, data, state and cache folders)
from _tui import FrameProbe, key_event, key_to_frame, settle
from bench_library import generate

from kumppani.library import scan_folder
from kumppani.settings.config import Config
from kumppani.tui.app import make_app
from kumppani.tui.screens.tracker import TrackerScreen


async def one_round(folder: Path) -> dict[str, float]:
    app = make_app(Config(), folder, language="fi")
    figures: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        probe = FrameProbe(app)
        event = key_event("a")
        event.set_sender(app)
        start = time.perf_counter()
        assert app._driver is not None
        app._driver.send_message(event)
        while not (isinstance(app.screen, TrackerScreen) and app.screen.loaded):
            await asyncio.sleep(0.001)
        since = probe.mark()
        last = await probe.last_frame(since)
        figures["open"] = (last or time.perf_counter()) - start
        figures["rows"] = len(app.screen.items)
        await settle(pilot)
        for key in ("s", "exclamation_mark", "c"):
            _, whole, _ = await key_to_frame(app, probe, key)
            figures[key] = whole
            await settle(pilot)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--notes", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="kumppani-bench-tracker-"))
    try:
        folder = root / "sessions"
        folder.mkdir()
        generate(folder, args.files, args.notes)
        scan_folder(folder)  # the index cache, as after any earlier run
        rounds = [asyncio.run(one_round(folder)) for _ in range(args.rounds)]
    finally:
        shutil.rmtree(root, ignore_errors=True)
    rows = int(rounds[0]["rows"])
    print(f"{args.files} sessions, {rows} tracked actions, median of {args.rounds} rounds:")
    for name, label in (
        ("open", "a: open the tracker (warm scan, table filled)"),
        ("s", "s: open actions only"),
        ("exclamation_mark", "!: overdue only"),
        ("c", "c: clear the filters"),
    ):
        print(f"  {label:48} {statistics.median(r[name] for r in rounds) * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
