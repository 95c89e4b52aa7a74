"""``kumppani actions --format csv --delimiter ';' --bom``: the bytes a spreadsheet opens.

Issue 18: a title such as ``Budjetti;=1+1;loppu`` was written unquoted, and a spreadsheet
in a Finnish locale (which splits on ``;``) got a cell ``=1+1`` and ran it. Here the real
command writes the CSV (``actions`` is the only command that writes CSV), and Python's csv
module, told the same delimiter, must read back every cell intact, each formula guarded.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import kumppani
from kumppani.session.model import Action, Session
from kumppani.session.vocabulary import ActionStatus
from kumppani.storage.files import save_session

BOM = b"\xef\xbb\xbf"

TITLES = {
    "a-1": "Budjetti;=1+1;loppu",
    "a-2": 'Sanoi "kyllä", sitten\tsarkain',
    "a-3": "Kaksi\n=rivi; @toinen",
    "a-4": "+358 40 123 4567",
    "a-5": "Tavallinen otsikko",
}
"""Each cell as a spreadsheet must show it: a formula start gets a leading apostrophe."""
SHOWN = {
    "a-1": "Budjetti;'=1+1;loppu",
    "a-2": 'Sanoi "kyllä", sitten\tsarkain',
    "a-3": "Kaksi\n'=rivi; '@toinen",
    "a-4": "'+358 40 123 4567",
    "a-5": "Tavallinen otsikko",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    session = Session(title="Budjettipöytä", date=dt.date(2026, 3, 1), id="s-1")
    session.actions = [
        Action(id=ident, title=title, status=ActionStatus.AGREED, owner="-Vastuu, Virpi")
        for ident, title in TITLES.items()
    ]
    save_session(session, sessions / "budjetti.toml")
    return sessions


def csv_bytes(folder: Path, *options: str) -> bytes:
    """What ``kumppani actions --format csv OPTIONS`` writes to standard output, as bytes."""
    source = str(Path(kumppani.__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=source, PYTHONIOENCODING="utf-8")
    command = [sys.executable, "-m", "kumppani", "actions", "--dir", str(folder), "--no-cache"]
    result = subprocess.run(
        [*command, "--format", "csv", *options], capture_output=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    return result.stdout


def test_semicolons_and_a_bom_give_every_cell_intact(folder: Path) -> None:
    data = csv_bytes(folder, "--delimiter", ";", "--bom")
    assert data.startswith(BOM + b"id;title;status;")  # the mark first, then ; between cells
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"").replace(b"Kaksi\n", b"")
    assert b'"Budjetti;\'=1+1;loppu"' in data  # quoted, and the formula after ; guarded
    assert b"'+358" in data and b'"\'-Vastuu, Virpi"' in data
    rows = list(
        csv.DictReader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline=""), delimiter=";")
    )
    assert {row["id"]: row["title"] for row in rows} == SHOWN
    assert {row["owner"] for row in rows} == {"'-Vastuu, Virpi"}
    for row in rows:  # no cell a spreadsheet would run
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values())


def test_the_default_is_commas_without_a_bom(folder: Path) -> None:
    data = csv_bytes(folder)
    assert data.startswith(b"id,title,status,")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    assert {row["id"]: row["title"] for row in rows} == SHOWN
