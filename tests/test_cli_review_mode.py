"""``kumppani review FILE``: review mode on a terminal, the minutes printed otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from kumppani.cli import review as cli_review
from kumppani.cli.main import main
from tests.support.examples import EXAMPLES, FIRST

EXAMPLE = EXAMPLES / FIRST


@pytest.fixture
def session(tmp_path: Path) -> Path:
    path = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, path)
    return path


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Stand in for the terminal interface, recording how it was started."""
    import kumppani.tui.app

    calls: list[dict[str, Any]] = []

    def fake_run_app(config: object, folder: Path, **options: Any) -> int:
        calls.append({"folder": folder, **options})
        return 0

    monkeypatch.setattr(kumppani.tui.app, "run_app", fake_run_app)
    return calls


def test_on_a_terminal_review_opens_review_mode(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    session: Path,
    started: list[dict[str, Any]],
) -> None:
    monkeypatch.setattr(cli_review, "_on_terminal", lambda: True)
    before = (session.read_bytes(), session.stat().st_mtime_ns)
    assert main(["review", str(session)]) == 0
    assert started == [{"folder": session.parent, "language": "fi", "review_file": session}]
    assert capsys.readouterr().out == ""
    assert (session.read_bytes(), session.stat().st_mtime_ns) == before


def test_print_prints_even_on_a_terminal(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    session: Path,
    started: list[dict[str, Any]],
) -> None:
    monkeypatch.setattr(cli_review, "_on_terminal", lambda: True)
    assert main(["review", "--print", str(session)]) == 0
    assert started == []
    assert capsys.readouterr().out.startswith("# Muistio – Nuorisotyöllisyyden")


def test_into_a_pipe_the_minutes_are_printed(
    capsys: pytest.CaptureFixture[str], session: Path, started: list[dict[str, Any]]
) -> None:
    assert main(["review", str(session)]) == 0  # pytest's captured output is no terminal
    assert started == []
    assert "# Muistio" in capsys.readouterr().out


def test_a_missing_file_is_one_line_on_a_terminal_too(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    started: list[dict[str, Any]],
) -> None:
    monkeypatch.setattr(cli_review, "_on_terminal", lambda: True)
    assert main(["review", str(tmp_path / "nope.toml")]) == 1
    assert started == []
    assert capsys.readouterr().err.startswith(f"kumppani: {tmp_path / 'nope.toml'}")
