"""Only regular files are read as sessions, templates or settings; a BOM is fine (issue 18).

A named pipe made ``validate`` wait forever; ``export`` of a symlink to /dev/zero grew to
24 GB before the kernel killed it; a file saved by Notepad with a byte order mark was refused.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kumppani.errors import ConfigError, SessionFileError, TemplateError
from kumppani.session.template import load_template
from kumppani.settings.config import load_config, parse_config
from kumppani.storage.files import load_session, read_session
from kumppani.toml import source
from kumppani.toml.source import NotARegularFile, read_source

EXAMPLE = Path(__file__).parent.parent / "sessions" / "2026-03-12-nuorisotyollisyys.toml"
TEMPLATE = Path(__file__).parent.parent / "src" / "kumppani" / "templates" / "partnership.toml"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def run(*args: str, language: str = "en") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kumppani", "--lang", language, *args],
        capture_output=True,
        text=True,
        timeout=30,  # the old code never returned: a hang fails here instead of hanging CI
    )


PIPE = {"en": "is a named pipe (FIFO), not a regular file", "fi": "on nimetty putki (FIFO)"}
DEVICE = {"en": "is a device, not a regular file", "fi": "on laite, ei tavallinen tiedosto"}


@needs_fifo
@pytest.mark.parametrize("language", ["en", "fi"])
@pytest.mark.parametrize("command", ["validate", "export"])
def test_a_fifo_gets_one_line_at_once(tmp_path: Path, command: str, language: str) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    result = run(command, str(fifo), language=language)
    assert result.returncode != 0
    lines = (result.stdout + result.stderr).strip().splitlines()
    assert len(lines) == 1 and "pipe.toml" in lines[0] and PIPE[language] in lines[0]


@needs_fifo
@pytest.mark.parametrize("language", ["en", "fi"])
def test_the_app_and_projector_give_a_fifo_the_same_line_as_validate(
    tmp_path: Path, language: str
) -> None:
    """``kumppani FIFO``, ``open`` and ``present`` said "no such file"; validate named the pipe."""
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    plain = tmp_path / "pipe"
    os.mkfifo(plain)

    def reason(*args: str) -> str:
        result = run(*args, language=language)
        assert result.returncode != 0
        [line] = (result.stdout + result.stderr).strip().splitlines()
        return line.split("pipe.toml: ", 1)[-1].split("pipe: ", 1)[-1]

    expected = reason("validate", str(fifo))
    assert PIPE[language] in expected
    for args in ([], ["open"], ["present"], ["followup"], ["review"]):
        assert reason(*args, str(fifo)) == expected, args
    assert reason(str(plain)) == expected  # no .toml ending: still a file, not a command


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_symlink_to_dev_zero_is_refused_not_read(tmp_path: Path) -> None:
    link = tmp_path / "zero.toml"
    link.symlink_to("/dev/zero")
    with pytest.raises(SessionFileError, match="device"):
        load_session(link)
    for language, words in DEVICE.items():
        result = run("export", str(link), language=language)
        assert result.returncode != 0 and words in result.stdout + result.stderr


def test_a_folder_named_like_a_session_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    with pytest.raises(SessionFileError, match="folder"):
        load_session(folder)


@needs_fifo
def test_a_fifo_as_template_or_settings_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "template.toml"
    os.mkfifo(fifo)
    with pytest.raises(TemplateError, match="named pipe"):
        load_template(fifo)
    with pytest.raises(ConfigError, match="named pipe"):
        load_config(fifo)


def test_a_size_limit_stops_runaway_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"# " + b"x" * 3000 + b"\n")
    monkeypatch.setattr(source, "_limit", 1000)
    with pytest.raises(SessionFileError, match="larger than"):
        load_session(big)
    with pytest.raises(NotARegularFile):
        read_source(big)
    assert read_source(big, limit=10_000).startswith(b"# x")


def test_the_limit_is_a_setting(tmp_path: Path) -> None:
    assert parse_config("max_file_mb = 5\n", tmp_path / "c.toml").max_file_mb == 5.0
    assert load_config().max_file_mb == 50.0
    with pytest.raises(ConfigError, match="max_file_mb"):
        parse_config("max_file_mb = 0\n", tmp_path / "c.toml")


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    data = b"\xef\xbb\xbf" + EXAMPLE.read_bytes()
    path.write_bytes(data)
    session, snapshot = read_session(path)
    assert session == load_session(EXAMPLE) and snapshot.size == len(data)
    assert path.read_bytes() == data  # reading never rewrites the file
    template = tmp_path / "t.toml"
    template.write_bytes(b"\xef\xbb\xbf" + TEMPLATE.read_bytes())
    assert load_template(template).id == load_template(TEMPLATE).id
    config = tmp_path / "config.toml"
    config.write_bytes(b'\xef\xbb\xbflanguage = "sv"\n')
    assert load_config(config).language == "sv"


def test_a_bom_file_validates_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    shutil.copy(EXAMPLE, path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert run("validate", str(path)).returncode == 0


@needs_fifo
@pytest.mark.parametrize("language", ["en", "fi"])
def test_exporting_onto_a_named_pipe_leaves_the_pipe(tmp_path: Path, language: str) -> None:
    """``-o`` naming a pipe or a device was replaced by a plain file (as root: /dev/full gone)."""
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    result = run("export", str(EXAMPLE), "-o", str(fifo), language=language)
    assert result.returncode != 0
    lines = (result.stdout + result.stderr).strip().splitlines()
    assert len(lines) == 1 and "out.md" in lines[0] and PIPE[language] in lines[0]
    assert fifo.is_fifo()  # still the pipe, not a file of minutes
