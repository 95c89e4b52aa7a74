"""The command line's errors that come from the system or carry numbers, in Finnish and Swedish.

``test_language_cli`` runs every error site of the CLI; this adds what those
cases cannot reach by their arguments alone: each reason the operating system
gives (a full disk, no permission, a read-only file system …, whose
``strerror`` is English), files that are not regular files or too large, and
config errors whose numbers have decimals (a comma in fi and sv).
"""

from __future__ import annotations

import errno
import os
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kumppani.cli.main import main
from kumppani.session.model import Session
from kumppani.settings import paths
from kumppani.storage.files import save_session
from tests.support.language import english_in

if TYPE_CHECKING:
    from tests.support.dirs import KumppaniDirs

LANGUAGES = ("fi", "sv")
REASONS = ("ENOENT", "EACCES", "EPERM", "ENOSPC", "EROFS", "EISDIR", "EEXIST", "ENOTDIR")
REASONS += ("EIO", "ENAMETOOLONG", "EDQUOT", "EXDEV", "EBUSY", "ECHILD")
"""Reasons people meet; ECHILD, which no catalog says, keeps the system's words."""
NUMBERS = sorted({getattr(errno, name) for name in REASONS if hasattr(errno, name)})


def said(capsys: pytest.CaptureFixture[str], args: list[str]) -> str:
    """The one error line ``args`` give (exit code 1)."""
    assert main(args) == 1
    captured = capsys.readouterr()
    lines = (captured.err + captured.out).strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err, lines
    return lines[0]


def no_english(line: str, number: int | None = None) -> None:
    """No English word in ``line``; no system words either unless no catalog says them."""
    if number is not None:
        english = os.strerror(number)
        assert (english in line) == (number == errno.ECHILD), line
        line = line.replace(english, "")
    assert english_in(line) == [], line


@pytest.fixture
def good(tmp_path: Path, kumppani_dirs: KumppaniDirs) -> Path:
    path = tmp_path / "hyva.toml"
    save_session(Session(title="Hyvä", date=date(2026, 3, 12)), path)
    return path


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("number", NUMBERS, ids=[errno.errorcode[n] for n in NUMBERS])
def test_a_folder_the_system_will_not_make(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    kumppani_dirs: KumppaniDirs,
    language: str,
    number: int,
) -> None:
    def refuse(folder: Path) -> Path:
        raise OSError(number, os.strerror(number), str(folder))

    monkeypatch.setattr(paths, "ensure_dir", refuse)
    line = said(capsys, ["--lang", language, "--dir", str(tmp_path / "uusi"), "new"])
    no_english(line, number)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("number", NUMBERS, ids=[errno.errorcode[n] for n in NUMBERS])
def test_an_export_the_system_will_not_save(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    good: Path,
    language: str,
    number: int,
) -> None:
    def refuse(descriptor: int) -> None:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(os, "fsync", refuse)
    line = said(capsys, ["--lang", language, "export", str(good), "-o", str(tmp_path / "m.md")])
    no_english(line, number)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("command", ["validate", "export"])
def test_a_named_pipe(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    kumppani_dirs: KumppaniDirs,
    language: str,
    command: str,
) -> None:
    pipe = tmp_path / "putki.toml"
    os.mkfifo(pipe)
    code = main(["--lang", language, command, str(pipe)])
    captured = capsys.readouterr()
    assert code == 1
    no_english(captured.err + captured.out)
    assert "FIFO" in captured.err + captured.out


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_file_larger_than_the_setting(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path, language: str
) -> None:
    config = tmp_path / "asetukset.toml"
    config.write_text("max_file_mb = 1.5\n", "utf-8")
    big = tmp_path / "iso.toml"
    big.write_bytes(good.read_bytes() + b"#" * 2_000_000 + b"\n")
    line = said(capsys, ["--lang", language, "--config", str(config), "export", str(big)])
    no_english(line)
    assert "1,5 M" in line


CONFIG_DECIMALS = {
    "autosave_seconds = 0.01": ("0,01", "0,1"),
    "autosave_seconds = 1e5": ("100000", "0,1"),
    "max_file_mb = 0.5": ("0,5", "100000"),
    'max_file_mb = "1.5"': ("'1.5'", "100000"),  # a text quoted as written
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("setting", list(CONFIG_DECIMALS))
def test_config_errors_write_decimals_as_the_language_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, language: str, setting: str
) -> None:
    config = tmp_path / "asetukset.toml"
    config.write_text(setting + "\n", "utf-8")
    line = said(capsys, ["--lang", language, "--config", str(config), "list"])
    no_english(line)
    for number in CONFIG_DECIMALS[setting]:
        assert number in line
    outside_quotes = re.sub(r"'[^']*'", "", line.split(": ", 1)[1])
    assert re.search(r"\d\.\d", outside_quotes) is None, line
