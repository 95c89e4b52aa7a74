"""Run every benchmark, one after the other, and print one table of all their figures.

    python benchmarks/run_all.py            # the full run (a few minutes on 2 cores)
    python benchmarks/run_all.py --quick    # smoke mode: checks they run and print figures

Each ``bench_*.py`` runs in its own process (timings never share one) with
``--json`` and, if asked, ``--quick``; its own output (details, breakdowns,
import times) streams as it runs, and the combined table follows at the end.
``--markdown FILE`` also writes the table as Markdown, as in
``docs/performance.md``.

A benchmark script of another area that does not write JSON (such as
``bench_library.py``) is run too, when it exists, and listed in the table as
run or failed; its figures are in its own output. The exit status is 1 if a
script crashed, else 0: in quick mode the timings are not checked (CI runs
it to keep the benchmarks from rotting); ``--strict`` also fails on a figure
over its budget.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import BENCH_DIR, environment, table_lines

OURS = (
    "bench_startup.py",
    "bench_file.py",
    "bench_typing.py",
    "bench_export.py",
    "bench_merge.py",
)
OTHERS = ("bench_library.py",)


def main(argv: list[str] | None = None) -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--quick", action="store_true", help="smoke mode (seconds, not minutes)")
    arguments.add_argument("--only", help="comma-separated script names, e.g. file,export")
    arguments.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
    arguments.add_argument("--json", type=Path, help="also write every row as JSON here")
    arguments.add_argument("--strict", action="store_true", help="exit 1 if a figure fails")
    args = arguments.parse_args(argv)

    scripts = [name for name in (*OURS, *OTHERS) if (BENCH_DIR / name).exists()]
    if args.only:
        wanted = {
            f"bench_{word.strip().removeprefix('bench_').removesuffix('.py')}.py"
            for word in args.only.split(",")
        }
        scripts = [name for name in scripts if name in wanted]
    env = environment()
    print("environment:", json.dumps(env, ensure_ascii=False))
    rows: list[dict[str, object]] = []
    crashed: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kumppani-bench-") as folder:
        for name in scripts:
            command = [sys.executable, str(BENCH_DIR / name)]
            if args.quick:
                command.append("--quick")
            output = Path(folder) / f"{name}.json"
            if name in OURS:
                command += ["--json", str(output)]
            print(f"\n=== {name} ===", flush=True)
            begun = time.perf_counter()
            done = subprocess.run(command, check=False)
            took = time.perf_counter() - begun
            print(f"--- {name}: exit {done.returncode}, {took:.0f} s", flush=True)
            if done.returncode:
                crashed.append(name)
            if name in OURS and output.exists():
                rows += json.loads(output.read_text("utf-8"))["rows"]
            else:
                rows.append(_script_row(name, done.returncode, took))
    print(
        f"\nall benchmarks{' (quick)' if args.quick else ''}: "
        f"{time.perf_counter() - started:.0f} s; load average at start {env['load_average']}"
    )
    for line in table_lines(rows):
        print(line)
    if args.markdown is not None:
        args.markdown.write_text("\n".join(table_lines(rows, markdown=True)) + "\n", "utf-8")
    if args.json is not None:
        args.json.write_text(json.dumps({"environment": env, "rows": rows}, indent=1), "utf-8")
    if crashed:
        print(f"crashed: {', '.join(crashed)}", file=sys.stderr)
        return 1
    if args.strict and any(row["status"] == "FAIL" for row in rows):
        return 1
    return 0


def _script_row(name: str, code: int, took: float) -> dict[str, object]:
    """A row for a script that wrote no JSON: whether it ran; its figures are in its output."""
    return {
        "what": f"{name} (figures in its own output above)",
        "budget": "",
        "measured": took,
        "unit": "s run",
        "baseline": None,
        "baseline_what": "",
        "ratio": None,
        "status": "ran" if code == 0 else "CRASHED",
        "command": f"python benchmarks/{name}",
    }


if __name__ == "__main__":
    sys.exit(main())
