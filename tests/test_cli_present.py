"""``kumppani present``: listed in the help, and a missing or broken file is one line, exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import run


def test_present_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "--lang", "en", "--help")
    assert code == 0 and "present" in out


def test_present_help_in_finnish(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "--lang", "fi", "present", "--help")
    words = " ".join(out.split())  # the help is wrapped at 80 columns
    assert code == 0 and "heijastimelle" in words and "Tiedostoon ei kirjoiteta" in words


def test_present_of_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = run(capsys, "present", str(tmp_path / "ei.toml"))
    assert code == 1 and err.count("\n") == 1 and "ei.toml" in err


def test_present_of_a_broken_file_names_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "rikki.toml"
    path.write_text(
        'format = "kumppani.session"\nformat_version = "1.1"\n\n[session]\ntitle = 3\n\n[end]\n'
    )
    code, _out, err = run(capsys, "present", str(path))
    assert code == 1 and "rikki.toml:5" in err and "session.title" in err
