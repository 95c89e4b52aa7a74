"""Provides what the benchmarks share: the checkout's ``src`` on the path, sessions, timing, rows.

Every ``bench_*.py`` imports this module first. It puts this checkout's
``src`` at the front of ``sys.path`` (so the figures are always those of the
code beside the benchmarks, even if another kumppani is installed), points
kumppani's config, data, state and cache folders at a throw-away folder (no
user settings, no user templates), and offers:

- ``make_session`` / ``write_session``: a realistic session with N notes
  (about 0.5 kB of TOML per note, Finnish text, participants, actions and
  indicators), written with kumppani's own ``save_session``;
- ``interleaved``: time a subject and its baseline alternately, so that drift
  and other processes on the machine hit both alike;
- ``Row`` and the ``report`` / ``print_table`` helpers: every script prints
  the same table and can write it as JSON (``--json FILE``) for ``run_all.py``.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import gc
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
SRC = REPO / "src"

if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

_HOME = Path(tempfile.mkdtemp(prefix="kumppani-bench-home-"))
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
for _variable in (
    "KUMPPANI_CONFIG_DIR",
    "KUMPPANI_DATA_DIR",
    "KUMPPANI_STATE_DIR",
    "KUMPPANI_CACHE_DIR",
):
    os.environ[_variable] = str(_HOME / _variable.split("_")[1].lower())

# Imported after the path is set: the kumppani of this checkout.
from kumppani.session.model import (  # noqa: E402
    Action,
    Indicator,
    Note,
    Participant,
    Reading,
    Session,
    default_steps,
)
from kumppani.session.vocabulary import ActionStatus, Role, StepStatus  # noqa: E402
from kumppani.storage.files import save_session  # noqa: E402

ZONE = dt.timezone(dt.timedelta(hours=2))

SENTENCES = (
    "Seudun työllisyysalue on vastannut TE-palveluista vuoden 2025 alusta; alle "
    "30-vuotiaita palvellaan myös Ohjaamossa.",
    "Kelan nuorten palvelut ja ammatillisen koulutuksen järjestäjät kulkevat samoissa "
    "asiakaspoluissa, mutta omilla järjestelmillään.",
    "Valmiita foorumeita: kuutoskaupunkien työllisyysverkosto, C21-verkosto ja OKM:n "
    "ohjaamotoiminnan kehittämisverkosto.",
    "Yksi nuori voi olla yhtä aikaa työllisyyspalvelujen, Kelan ja oppilaitoksen asiakas, "
    "eikä kukaan näe kokonaisuutta.",
    "Työllisyyden kuntakokeiluista jäi hyviä käytäntöjä, mutta niitä ei ole koottu yhteen.",
    "Kaupunki haluaa, että valtion rahoitus ohjautuu pitkäjänteisesti eikä vuoden "
    "mittaisina hankkeina.",
    "Tilastojen mukaan koulutuksen keskeyttäneiden osuus on kasvanut erityisesti "
    "toisen asteen ensimmäisenä vuonna.",
    "Ehdotetaan yhteistä tilannekuvaa, jota päivitetään kahdesti vuodessa "
    "kumppanuuspöydän seurantaistunnossa.",
    "Valtion näkökulmasta hyöty on vertailukelpoinen tieto, jota voi käyttää myös muissa "
    "suurissa kaupungeissa.",
    "Yrityksillä on halukkuutta tarjota harjoittelupaikkoja, jos yhteyshenkilö on selvä "
    "ja byrokratia vähäistä.",
    "Mitä tarkoittaa onnistuminen kolmen vuoden päästä? Tarvitaan mittari, jonka molemmat "
    "osapuolet hyväksyvät.",
    "Nostetaan esiin: tiedonkulku viranomaisten välillä on suurin yksittäinen este, ja "
    "siihen on tartuttava ensin.",
)
KINDS = ("observation", "actor", "question", "challenge", "opportunity", "idea")
PARTIES = ("state", "city", "other", "")


def make_session(
    notes: int,
    *,
    steps: Sequence[str] | None = None,
    seed: int = 7,
    title: str = "Vertailuistunto: valtio ja kaupunki",
) -> Session:
    """A session with ``notes`` notes spread evenly over ``steps`` (default: all five).

    The first step holding notes is left in progress and the others before it
    done, so the app opens on it. Each note has two or three sentences of
    Finnish text (about 0.5 kB of TOML per note in all, as the budget assumes),
    a kind, and a speaker or a party; every tenth is a highlight.
    """
    chance = random.Random(seed)
    start = dt.datetime(2026, 3, 12, 9, 0, tzinfo=ZONE)
    session = Session(
        title=title,
        theme="Nuorten polut koulutuksesta työhön",
        date=dt.date(2026, 3, 12),
        venue="Raatihuone, kokoushuone 2",
        facilitator="Neuvotteleva virkamies",
        language="fi",
        created=start,
        modified=start,
        id="s-bench0001",
        steps=default_steps({"overall": 30, "situation": 40, "will": 30, "solutions": 50}),
    )
    session.participants = [
        Participant(
            name=f"Osallistuja {number}",
            organisation=("TEM", "OKM", "Kela", "Kaupunki")[number % 4],
            party=("state", "state", "state", "city")[number % 4],
            role=Role.CHAIR if number == 0 else Role.PARTICIPANT,
            id=f"p-{number:04d}",
        )
        for number in range(8)
    ]
    keys = list(steps) if steps is not None else [step.key for step in session.steps]
    for index in range(notes):
        speaker = chance.randrange(10)
        text = " ".join(chance.choice(SENTENCES) for _ in range(chance.choice((2, 3, 3, 4))))
        note = Note(
            text=f"{text} ({index + 1})",
            kind=chance.choice(KINDS),
            party=chance.choice(PARTIES) if speaker >= 8 else "",
            participant=f"p-{speaker:04d}" if speaker < 8 else "",
            highlight=index % 10 == 0,
            votes=chance.randrange(4),
            created=start + dt.timedelta(seconds=20 * index),
            id=f"n-{index:08x}",
        )
        session.step(keys[index * len(keys) // max(1, notes)]).notes.append(note)
    first = next((step for step in session.steps if step.notes), session.steps[0])
    for step in session.steps:
        if step is first:
            step.status = StepStatus.IN_PROGRESS
            break
        step.status = StepStatus.DONE
    session.actions = [
        Action(
            title=f"Toimenpide {number}",
            description=SENTENCES[number],
            responsible=["state", "city"],
            owner="p-0001",
            due=dt.date(2026, 12, 31),
            status=ActionStatus.AGREED,
            id=f"a-{number:04d}",
        )
        for number in range(3)
    ]
    session.indicators = [
        Indicator(
            name=f"Mittari {number}",
            unit="%",
            baseline=12.5,
            target=9.0,
            readings=[Reading(on=dt.date(2026, 9, 1), value=11.0)],
            id=f"i-{number:04d}",
        )
        for number in range(2)
    ]
    return session


def write_session(folder: Path, notes: int, name: str | None = None, **options: Any) -> Path:
    """Write a generated session with ``notes`` notes into ``folder``; its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"bench-{notes}-notes.toml")
    save_session(make_session(notes, **options), path)
    return path


# -- processes with warm bytecode -------------------------------------------------------------
PYCACHE = Path(tempfile.gettempdir()) / "kumppani-bench-pycache"
"""The benchmarks' own bytecode cache (``PYTHONPYCACHEPREFIX``)."""


def warm_env() -> dict[str, str]:
    """The environment of a timed Python process: this checkout's src, the bytecode cache.

    This machine sets ``PYTHONDONTWRITEBYTECODE=1``, so without a cache every
    process would compile kumppani (and anything else without bytecode) anew.
    The timed processes read the benchmarks' own cache and write nothing; fill
    it first with ``compile_bytecode``.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def compile_bytecode(commands: Sequence[Sequence[str]] = ()) -> None:
    """Fill the cache: ``compileall`` over src, Textual and Rich, then run each command once.

    The runs write bytecode for whatever else they import (the standard
    library, other dependencies), so that every timed run is equally warm.
    """
    import rich
    import textual

    env = warm_env()
    del env["PYTHONDONTWRITEBYTECODE"]
    folders = [str(SRC), *(str(Path(package.__file__).parent) for package in (textual, rich))]
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "-j", "0", *folders],
        env=env,
        check=True,
        timeout=600,
    )
    for command in commands:
        subprocess.run(list(command), env=env, capture_output=True, timeout=120, check=False)


# -- timing -----------------------------------------------------------------------------------
def timed(function: Callable[[], object]) -> float:
    """Seconds one call of ``function`` takes (garbage collected first, collector left on)."""
    gc.collect()
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def interleaved(
    subjects: dict[str, Callable[[], object]], repeat: int, warmup: int = 1
) -> dict[str, list[float]]:
    """Time each subject ``repeat`` times, taking turns, after ``warmup`` untimed rounds."""
    for _ in range(warmup):
        for function in subjects.values():
            function()
    times: dict[str, list[float]] = {name: [] for name in subjects}
    for _ in range(repeat):
        for name, function in subjects.items():
            times[name].append(timed(function))
    return times


def median(values: Sequence[float]) -> float:
    """The median (NaN for no values)."""
    return statistics.median(values) if values else float("nan")


# -- rows -------------------------------------------------------------------------------------
@dataclass
class Row:
    """One line of the results table."""

    what: str
    measured: float
    """The median, in ``unit``."""
    unit: str = "ms"
    budget: str = ""
    baseline: float | None = None
    baseline_what: str = ""
    limit_ratio: float | None = None
    """Pass when ``measured / baseline`` is at most this."""
    limit: float | None = None
    """Pass when ``measured`` is below this (in ``unit``)."""
    command: str = ""
    detail: str = ""
    """Spread, sample count and other figures behind the median."""
    status: str = field(default="", init=True)

    @property
    def ratio(self) -> float | None:
        """Measured over baseline, if there is a baseline."""
        if self.baseline is None or not self.baseline:
            return None
        return self.measured / self.baseline

    def __post_init__(self) -> None:
        if self.status:
            return
        if self.limit_ratio is not None and self.ratio is not None:
            self.status = "pass" if self.ratio <= self.limit_ratio else "FAIL"
        elif self.limit is not None:
            self.status = "pass" if self.measured < self.limit else "FAIL"
        else:
            self.status = "info"

    def as_dict(self) -> dict[str, Any]:
        """The row as plain data (with its ratio)."""
        data = asdict(self)
        data["ratio"] = self.ratio
        return data


def spread(values: Sequence[float], scale: float = 1000.0) -> str:
    """``n=…, min…max`` of timings in seconds, shown in ms."""
    if not values:
        return "n=0"
    return f"n={len(values)}, min {min(values) * scale:.1f}, max {max(values) * scale:.1f}"


def fmt(value: float | None, unit: str = "") -> str:
    """A figure for the table: 3 significant digits or so."""
    if value is None or value != value:  # None or NaN
        return "–"
    if abs(value) >= 100:
        text = f"{value:.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return f"{text} {unit}".strip()


def table_lines(rows: Sequence[dict[str, Any]], *, markdown: bool = False) -> list[str]:
    """The rows as a text table (or a Markdown one)."""
    header = ("what", "budget", "measured (median)", "baseline", "ratio", "result", "command")
    body = []
    for row in rows:
        ratio = row.get("ratio")
        baseline = row.get("baseline")
        base_text = "–"
        if baseline is not None:
            base_text = f"{fmt(baseline, row['unit'])} ({row['baseline_what']})"
        body.append(
            (
                row["what"],
                row["budget"] or "–",
                fmt(row["measured"], row["unit"]),
                base_text,
                f"{ratio:.2f}x" if ratio is not None else "–",
                row["status"],
                row["command"],
            )
        )
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for cells in body:
            escaped = [cell.replace("|", "\\|") for cell in cells]
            escaped[-1] = f"`{escaped[-1]}`" if escaped[-1] else ""
            lines.append("| " + " | ".join(escaped) + " |")
        return lines
    shown = [cells[:-1] for cells in body]
    widths = [max(len(h), *(len(c[i]) for c in shown)) for i, h in enumerate(header[:-1])]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header[:-1], widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for cells in shown:
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))
    return lines


def environment() -> dict[str, Any]:
    """What the figures were taken on: machine, load, versions, commit."""
    import textual

    def git(*words: str) -> str:
        try:
            return subprocess.run(
                ["git", *words], cwd=REPO, capture_output=True, text=True, check=False
            ).stdout.rstrip("\n")
        except OSError:
            return ""

    changed = [line[3:] for line in git("status", "--porcelain", "--", "src").splitlines()]
    return {
        "when": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load_average": [round(value, 2) for value in os.getloadavg()],
        "python": platform.python_version(),
        "textual": textual.__version__,
        "commit": git("rev-parse", "--short", "HEAD").strip(),
        "src_changes_not_committed": changed,
    }


def parser(description: str) -> argparse.ArgumentParser:
    """The command line every benchmark script shares."""
    arguments = argparse.ArgumentParser(description=description)
    arguments.add_argument(
        "--quick",
        action="store_true",
        help="smoke mode: few repetitions, small sizes; checks the script runs, not the timings",
    )
    arguments.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    return arguments


def report(script: str, rows: Sequence[Row], json_path: Path | None, quick: bool) -> None:
    """Print the rows as a table and, if asked, write them as JSON."""
    data = [row.as_dict() for row in rows]
    print(f"\n{script}{' (quick)' if quick else ''}")
    for line in table_lines(data):
        print(line)
    for row in rows:
        if row.detail:
            print(f"  {row.what}: {row.detail}")
    if json_path is not None:
        json_path.write_text(
            json.dumps({"script": script, "quick": quick, "rows": data}, indent=1), "utf-8"
        )
