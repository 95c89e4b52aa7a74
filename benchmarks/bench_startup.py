"""Start-up: process start to the first frame of the home screen, against a bare Textual app.

Budget (issue 7): at most 1.3x the bare Textual app (one ``Static``), same run,
same way of measuring, both headless and in a real terminal.

- **Headless**: ``_startup_child.py`` runs the app with ``App.run(headless=True)``
  and prints a line when the first frame showing a known string is composed;
  the time is from just before the parent spawns the process to that moment
  (both read the same monotonic clock). kumppani starts through
  ``kumppani.cli.main.main`` with ``--dir`` set to a folder of two small sessions,
  and the known string is a column title of the home screen's session table.
- **Terminal**: the real ``python -m kumppani --dir …`` (and the bare app) in a
  tmux session (``tmux new-session -d``, 120x40, a private tmux server), from
  just before ``new-session`` until ``capture-pane`` shows the string; polled
  every 10 ms, so the figures are good to about 10 ms.

Both also report when the session list itself shows (the home screen reads
the folder in a worker thread); the budget is on the first frame.

Bytecode: this machine sets ``PYTHONDONTWRITEBYTECODE=1``. The benchmark uses
its own bytecode cache (``PYTHONPYCACHEPREFIX``, a folder under the temporary
directory): it compiles ``src`` and Textual/Rich with ``compileall`` and runs
each program once, writing bytecode for everything else it imports; the timed
runs then read that cache and write nothing. Every run, bare and kumppani, is
warm in the same way, as an installed kumppani would be.

Also prints the top offenders of ``python -X importtime -c "import
kumppani.tui.app"`` (median of several runs).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import _common  # before kumppani: puts this checkout's src on sys.path
from _common import (
    PYCACHE,
    Row,
    compile_bytecode,
    median,
    parser,
    report,
    spread,
    warm_env,
    write_session,
)

from kumppani.text.i18n import t

PYTHON = sys.executable
CHILD = _common.BENCH_DIR / "_startup_child.py"
BARE_MARKER = "bare-textual-first-frame"
LISTED_TITLE = "Vertailuistunto"
TMUX_SOCKET = f"kumppani-bench-{os.getpid()}"
POLL = 0.01
TIMEOUT = 30.0


def child_env() -> dict[str, str]:
    """The environment of every timed process (warm bytecode, this checkout's src)."""
    env = warm_env()
    env.pop("TEXTUAL", None)
    return env


# -- headless -----------------------------------------------------------------------------------
def headless_once(command: list[str]) -> dict[str, float]:
    """Spawn ``command``; seconds from spawn to each of its START/IMPORTED/FRAME/LISTED lines."""
    spawned = time.perf_counter()
    process = subprocess.Popen(
        command, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    marks: dict[str, float] = {}
    assert process.stdout is not None
    for line in process.stdout:
        word, _, value = line.strip().partition(" ")
        if word in ("START", "IMPORTED", "FRAME", "LISTED"):
            marks[word] = float(value) - spawned
    try:
        process.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
    if "FRAME" not in marks:
        error = process.stderr.read() if process.stderr else ""
        raise RuntimeError(f"no first frame from {command}:\n{error[-2000:]}")
    return marks


# -- tmux ---------------------------------------------------------------------------------------
def tmux(*words: str, check: bool = True) -> str:
    """Run a tmux command on the benchmark's own server; its output."""
    done = subprocess.run(
        ["tmux", "-L", TMUX_SOCKET, *words], capture_output=True, text=True, check=False
    )
    if check and done.returncode:
        raise RuntimeError(f"tmux {' '.join(words)}: {done.stderr.strip()}")
    return done.stdout


def shell_command(command: list[str]) -> str:
    """``command`` as one shell line, with the timed environment set explicitly."""
    env = child_env()
    names = (
        "PYTHONPATH",
        "PYTHONPYCACHEPREFIX",
        "PYTHONDONTWRITEBYTECODE",
        "KUMPPANI_CONFIG_DIR",
        "KUMPPANI_DATA_DIR",
        "KUMPPANI_STATE_DIR",
        "KUMPPANI_CACHE_DIR",
    )
    settings = " ".join(f"{name}={shlex.quote(env[name])}" for name in names)
    return f"exec env {settings} " + " ".join(shlex.quote(word) for word in command)


def terminal_once(
    command: list[str], marker: str, listed: str | None, number: int
) -> dict[str, float]:
    """Seconds from ``tmux new-session`` to the pane showing ``marker`` (and ``listed``)."""
    name = f"run{number}"
    start = time.perf_counter()
    tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", shell_command(command))
    marks: dict[str, float] = {}
    try:
        while time.perf_counter() - start < TIMEOUT:
            screen = tmux("capture-pane", "-p", "-t", name, check=False)
            now = time.perf_counter() - start
            if "FRAME" not in marks and marker in screen:
                marks["FRAME"] = now
            if listed is not None and "LISTED" not in marks and listed in screen:
                marks["LISTED"] = now
            if "FRAME" in marks and (listed is None or "LISTED" in marks):
                break
            time.sleep(POLL)
    finally:
        tmux("kill-session", "-t", name, check=False)
    if "FRAME" not in marks:
        raise RuntimeError(f"{command}: {marker!r} never showed in the terminal")
    return marks


# -- importtime ---------------------------------------------------------------------------------
@dataclass
class Imports:
    """What ``python -X importtime -c statement`` showed, as medians over several runs."""

    total: float
    """µs of everything the statement imported (top-level cumulative times summed)."""
    own: dict[str, float]
    """Module → median self µs."""
    cumulative: dict[str, float]
    """Module → median cumulative µs."""
    importer: dict[str, str]
    """Module → the nearest kumppani module above it in the import tree (itself if kumppani)."""


def _parse(stderr: str) -> list[tuple[str, int, int, int]]:
    """``(module, depth, self µs, cumulative µs)`` in the order ``-X importtime`` prints them."""
    entries = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line[len("import time:") :].split("|")
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        entries.append((name.strip(), depth, int(own), int(cumulative)))
    return entries


def importtime(statement: str, runs: int) -> Imports:
    """Import times of ``statement``, without what the interpreter imports before any statement."""
    startup = {entry[0] for entry in _parse(_importtime_stderr("pass"))}
    owns: dict[str, list[int]] = defaultdict(list)
    cumulatives: dict[str, list[int]] = defaultdict(list)
    totals: list[int] = []
    entries: list[tuple[str, int, int, int]] = []
    for _ in range(runs):
        entries = [
            entry for entry in _parse(_importtime_stderr(statement)) if entry[0] not in startup
        ]
        for name, _depth, own, cumulative in entries:
            owns[name].append(own)
            cumulatives[name].append(cumulative)
        totals.append(sum(entry[3] for entry in entries if entry[1] == 0))
    # The output lists a module after everything it imported: read it backwards to walk the tree.
    importer: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    for name, depth, _own, _cumulative in reversed(entries):
        while stack and stack[-1][0] >= depth:
            stack.pop()
        above = [module for _, module in stack if module.startswith("kumppani")]
        importer[name] = name if name.startswith("kumppani") else (above[-1] if above else "")
        stack.append((depth, name))
    return Imports(
        total=median(totals),
        own={name: median(values) for name, values in owns.items()},
        cumulative={name: median(values) for name, values in cumulatives.items()},
        importer=importer,
    )


def _importtime_stderr(statement: str) -> str:
    return subprocess.run(
        [PYTHON, "-X", "importtime", "-c", statement],
        env=child_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stderr


def print_importtime(app: Imports, bare: Imports) -> None:
    """The heaviest imports of kumppani.tui.app, and what it imports beyond the bare app."""
    print("\n-X importtime of kumppani.tui.app, median µs (top 20 by self time):")
    for name, own in sorted(app.own.items(), key=lambda item: -item[1])[:20]:
        print(f"  {own:>8.0f} self {app.cumulative[name]:>9.0f} cumulative  {name}")
    packages: dict[str, float] = defaultdict(float)
    for name, own in app.own.items():
        packages[name.split(".")[0]] += own
    print("\nself time by top-level package (µs):")
    for package, total in sorted(packages.items(), key=lambda item: -item[1])[:12]:
        print(f"  {total:>9.0f}  {package}")
    extra: dict[str, list[str]] = defaultdict(list)
    for name in app.own:
        if name not in bare.own:
            extra[app.importer.get(name, "")].append(name)
    extra_total = sum(app.own[name] for names in extra.values() for name in names)
    print(
        f"\nimported by kumppani.tui.app but not by the bare app: {extra_total / 1000:.0f} ms of "
        "self time, by the kumppani module whose import brought it in (top 15):"
    )
    groups = sorted(extra.items(), key=lambda item: -sum(app.own[name] for name in item[1]))
    for importer, names in groups[:15]:
        total = sum(app.own[name] for name in names)
        heavy = sorted(
            (name for name in names if not name.startswith("kumppani")), key=lambda n: -app.own[n]
        )[:4]
        shown = ", ".join(f"{name} {app.own[name] / 1000:.1f}" for name in heavy)
        print(f"  {total / 1000:>6.1f} ms  {importer or '(outside kumppani)'}: {shown}")


# -- main ---------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> list[Row]:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    runs = 2 if args.quick else 15
    work = Path(tempfile.mkdtemp(prefix="kumppani-bench-startup-"))
    try:
        folder = work / "sessions"
        write_session(folder, 20, "2026-03-12-vertailu.toml", title=f"{LISTED_TITLE} A")
        write_session(folder, 20, "2026-09-17-vertailu.toml", title=f"{LISTED_TITLE} B")
        home_marker = t("home.title", "fi")
        kumppani_args = ["--dir", str(folder), "--lang", "fi"]
        headless = {
            "bare": [PYTHON, str(CHILD), "bare", BARE_MARKER],
            "kumppani": [
                PYTHON,
                str(CHILD),
                "kumppani",
                home_marker,
                LISTED_TITLE,
                "--",
                *kumppani_args,
            ],
        }
        bare_script = work / "bare_app.py"
        bare_script.write_text(
            "from textual.app import App, ComposeResult\n"
            "from textual.widgets import Static\n\n\n"
            "class Bare(App[None]):\n"
            "    def compose(self) -> ComposeResult:\n"
            f"        yield Static({BARE_MARKER!r})\n\n\n"
            "Bare().run()\n",
            "utf-8",
        )
        terminal = {
            "bare": ([PYTHON, str(bare_script)], BARE_MARKER, None),
            "kumppani": ([PYTHON, "-m", "kumppani", *kumppani_args], home_marker, LISTED_TITLE),
        }
        print(f"compiling bytecode into {PYCACHE} …", file=sys.stderr)
        compile_bytecode(list(headless.values()))

        marks: dict[str, list[dict[str, float]]] = {"bare": [], "kumppani": []}
        for _ in range(1 + runs):  # the first round is a warm-up
            for name, command in headless.items():
                marks[name].append(headless_once(command))
        marks = {name: values[1:] for name, values in marks.items()}

        term: dict[str, list[dict[str, float]]] = {"bare": [], "kumppani": []}
        have_tmux = shutil.which("tmux") is not None
        if have_tmux:
            tmux("new-session", "-d", "-s", "keepalive", "sleep 3600")
            try:
                number = 0
                for _ in range(1 + runs):
                    for name, (command, marker, listed) in terminal.items():
                        number += 1
                        term[name].append(terminal_once(command, marker, listed, number))
            finally:
                tmux("kill-server", check=False)
                folder = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
                (folder / TMUX_SOCKET).unlink(missing_ok=True)
            term = {name: values[1:] for name, values in term.items()}

        import_runs = 3 if args.quick else 7
        app_imports = importtime("import kumppani.tui.app", import_runs)
        bare_imports = importtime(
            "from textual.app import App; from textual.widgets import Static", import_runs
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    rows: list[Row] = []
    command = "python benchmarks/bench_startup.py"

    def phase(name: str, which: str, key: str) -> list[float]:
        source = marks if name == "headless" else term
        return [values[key] for values in source[which] if key in values]

    for mode in ("headless", "terminal"):
        if mode == "terminal" and not have_tmux:
            continue
        bare, app = phase(mode, "bare", "FRAME"), phase(mode, "kumppani", "FRAME")
        detail = f"kumppani {spread(app)}; bare {spread(bare)}"
        if mode == "headless":
            started = median(phase(mode, "kumppani", "START")) * 1000
            imported = median(phase(mode, "kumppani", "IMPORTED")) * 1000
            bare_imported = median(phase(mode, "bare", "IMPORTED")) * 1000
            detail += (
                f"; interpreter up {started:.0f} ms, imports done {imported:.0f} ms "
                f"(bare {bare_imported:.0f} ms)"
            )
        rows.append(
            Row(
                f"start-up to first frame of home ({mode})",
                median(app) * 1000,
                budget="≤ 1.3x bare Textual app",
                baseline=median(bare) * 1000,
                baseline_what="bare app",
                limit_ratio=1.3,
                command=command,
                detail=detail,
            )
        )
        listed = phase(mode, "kumppani", "LISTED")
        rows.append(
            Row(
                f"start-up until the session list shows ({mode})",
                median(listed) * 1000,
                baseline=median(bare) * 1000,
                baseline_what="bare app",
                command=command,
                detail=spread(listed),
            )
        )
    rows.append(
        Row(
            "import kumppani.tui.app (-X importtime, cumulative)",
            app_imports.total / 1000,
            baseline=bare_imports.total / 1000,
            baseline_what="the bare app's imports",
            command=command,
        )
    )
    report("bench_startup.py", rows, args.json, args.quick)
    print_importtime(app_imports, bare_imports)
    return rows


if __name__ == "__main__":
    main()
