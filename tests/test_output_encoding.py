"""Output to a terminal or file that cannot hold a character never crashes.

``kumppani`` runs in a new process with standard output in Latin-1 or ASCII;
a title with "→" and "✓" (and, in ASCII, "ä") comes out with ``?`` in their
place, the command succeeds, and standard error says so once, in the user's
language.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import kumppani
from kumppani.session.model import Action, Session
from kumppani.storage.files import save_session

SOURCE = str(Path(kumppani.__file__).resolve().parents[1])


def run(folder: Path, args: list[str], **env: str) -> subprocess.CompletedProcess[bytes]:
    environment = dict(os.environ, **env)
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [SOURCE, os.environ.get("PYTHONPATH")])
    )
    return subprocess.run(
        [sys.executable, "-m", "kumppani", "--lang", "fi", "--dir", str(folder), *args],
        capture_output=True,
        env=environment,
        check=False,
        timeout=120,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    session = Session(title="Nuoret → työ ✓", date=date(2026, 3, 12))
    session.actions.append(Action(title="Kesätyöt → 2027"))
    save_session(session, tmp_path / "a.toml")
    return tmp_path


ENCODINGS = [
    pytest.param({"PYTHONIOENCODING": "latin-1"}, "latin-1", id="latin-1"),
    pytest.param({"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}, "ascii", id="C"),
]


@pytest.mark.parametrize(("env", "encoding"), ENCODINGS)
@pytest.mark.parametrize("command", [["list"], ["export", "a.toml"], ["actions"]])
def test_characters_that_cannot_be_shown_become_question_marks(
    folder: Path, env: dict[str, str], encoding: str, command: list[str]
) -> None:
    args = [str(folder / word) if word.endswith(".toml") else word for word in command]
    result = run(folder, args, **env)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    out = result.stdout.decode(encoding)
    assert ("Nuoret ? ty" in out) or ("? 2027" in out)
    warnings = result.stderr.decode(encoding).splitlines()
    assert len(warnings) == 1 and warnings[0].startswith("kumppani: ")
    assert "UTF-8" in warnings[0]


def test_a_utf8_terminal_gets_no_warning(folder: Path) -> None:
    result = run(folder, ["list"], PYTHONIOENCODING="utf-8")
    assert result.returncode == 0
    assert "Nuoret → työ ✓" in result.stdout.decode("utf-8")
    assert result.stderr == b""
