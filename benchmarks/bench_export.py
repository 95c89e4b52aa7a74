"""Markdown minutes of a 10,000-note session.

Budget (issue 7): export Markdown minutes of a 10,000-note session in under
300 ms. The budgeted figure is ``minutes.render_minutes`` of the session in
memory (what the summary screen does with the open session; the home
screen's ``e`` and ``kumppani export`` read the file first), median of
several runs. Beside it, for the whole picture: the same with
``anonymize=True``, reading the file (``storage.load_session``) that the
command does first, and ``kumppani export FILE -o OUT`` end to end in a new
process (interpreter start and imports included, with warm bytecode).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import (
    Row,
    compile_bytecode,
    interleaved,
    median,
    parser,
    report,
    spread,
    warm_env,
    write_session,
)

from kumppani.minutes.document import render_minutes
from kumppani.storage.files import load_session

COMMAND = "python benchmarks/bench_export.py"


def cli_export(path: Path, out: Path, runs: int) -> list[float]:
    """Seconds of ``python -m kumppani export path -o out --force`` in a new process, ``runs``
    times (``--force``: from the second run on ``out`` exists, and is not the session's own)."""
    command = [sys.executable, "-m", "kumppani", "export", str(path), "-o", str(out), "--force"]
    compile_bytecode([command])
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=warm_env(), check=True, capture_output=True, timeout=300)
        times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> list[Row]:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    repeat = 2 if args.quick else 9
    work = Path(tempfile.mkdtemp(prefix="kumppani-bench-export-"))
    try:
        path = write_session(work, 10000)
        session = load_session(path)
        size = len(render_minutes(session, "fi"))
        times = interleaved(
            {
                "render": lambda: render_minutes(session, "fi"),
                "anonymized": lambda: render_minutes(session, "fi", anonymize=True),
                "load": lambda: load_session(path),
            },
            repeat,
        )
        cli = cli_export(path, work / "minutes.md", 1 if args.quick else 5)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    render, load = median(times["render"]) * 1000, median(times["load"]) * 1000
    rows = [
        Row(
            "Markdown minutes of a 10,000-note session (render_minutes)",
            render,
            budget="< 300 ms",
            limit=300.0,
            command=COMMAND,
            detail=f"{size / 1e6:.2f} MB of Markdown; {spread(times['render'])}",
        ),
        Row(
            "the same, anonymized",
            median(times["anonymized"]) * 1000,
            budget="< 300 ms",
            limit=300.0,
            command=COMMAND,
            detail=spread(times["anonymized"]),
        ),
        Row(
            "read the 10,000-note file first (load_session)",
            load,
            command=COMMAND,
            detail=spread(times["load"]),
        ),
        Row(
            "kumppani export FILE -o OUT, 10,000 notes, new process",
            median(cli) * 1000,
            command=COMMAND,
            detail=f"{spread(cli)}; load + render in process: {load + render:.0f} ms",
        ),
    ]
    report("bench_export.py", rows, args.json, args.quick)
    return rows


if __name__ == "__main__":
    main()
