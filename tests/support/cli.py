"""Running the command line in tests: in this process, or as ``python -m kumppani``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import kumppani
from kumppani.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``kumppani ARGS`` in this process: exit status, standard output, standard error."""
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_module(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m kumppani ARGS`` in a new process, finding this source tree."""
    source = str(Path(kumppani.__file__).resolve().parents[1])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [source, env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "kumppani", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=60,
        check=False,
    )
