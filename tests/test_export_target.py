"""Exported minutes never replace a session, nor a stranger's file unasked (issue 18).

Before: ``kumppani export -o PATH`` refused only its own source and names ending
``.toml``; a session under another name (or a link to one) was replaced by the
minutes, and any other existing file was overwritten without a word. The summary's
``E`` refused nothing at all. ``minutes.target`` is the one check every export uses.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from kumppani.errors import FileError
from kumppani.minutes.target import check_target, is_session_file
from kumppani.session.model import Note, Session
from kumppani.storage.files import save_session
from kumppani.text.i18n import LANGUAGES, t
from tests.conftest import KumppaniDirs
from tests.support.cli import run

OWN_TEXT = "Oma muistiinpano, ei kumppanin\n"


def session_file(path: Path, title: str = "Kasvupalvelut Oulussa") -> Path:
    session = Session(title=title, date=date(2026, 4, 1), language="fi")
    session.step("situation").notes.append(Note(text="Nuorisotakuu toimii hyvin"))
    save_session(session, path)
    return path


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return session_file(tmp_path / "kasvu.toml")


def test_another_session_under_any_name_is_never_replaced_even_with_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, source: Path
) -> None:
    other = session_file(tmp_path / "toinen.toml", "Toinen istunto")
    renamed = tmp_path / "toinen-istunto.md"
    renamed.write_bytes(other.read_bytes())
    link = tmp_path / "linkki.md"
    link.symlink_to(other)
    before = other.read_bytes()
    for target in (renamed, link):
        for force in ([], ["--force"]):
            code, out, err = run(capsys, "export", str(source), "-o", str(target), *force)
            assert (code, out) == (1, ""), (target, force)
            assert str(target) in err and len(err.strip().splitlines()) == 1
    assert other.read_bytes() == before and renamed.read_bytes() == before
    assert link.is_symlink()


def test_the_source_through_a_link_is_never_replaced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, source: Path
) -> None:
    link = tmp_path / "kasvu.md"  # the default minutes name, yet it leads to the session
    link.symlink_to(source)
    before = source.read_bytes()
    assert run(capsys, "export", str(source), "-o", str(link), "--force")[0] == 1
    assert source.read_bytes() == before


def test_an_existing_file_is_replaced_only_with_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, source: Path
) -> None:
    own = tmp_path / "LUEMINUT.md"
    own.write_text(OWN_TEXT, "utf-8")
    code, out, err = run(capsys, "export", str(source), "-o", str(own))
    assert (code, out) == (1, "")
    assert "--force" in err and str(own) in err
    assert own.read_text("utf-8") == OWN_TEXT
    code, out, err = run(capsys, "export", str(source), "-o", str(own), "--force")
    assert (code, err) == (0, "")
    assert "Nuorisotakuu toimii hyvin" in own.read_text("utf-8")


@pytest.mark.parametrize("name", ["kasvu.md", "kasvu.html", "kasvu.MD"])
def test_the_sessions_own_minutes_are_exported_again_without_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, source: Path, name: str
) -> None:
    minutes = tmp_path / name
    minutes.write_text("vanha muistio\n", "utf-8")
    code, _, err = run(capsys, "export", str(source), "-o", str(minutes))
    assert (code, err) == (0, "")
    assert "Nuorisotakuu toimii hyvin" in minutes.read_text("utf-8")


def test_a_new_file_is_written_as_before(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, source: Path
) -> None:
    target = tmp_path / "muistio.md"
    assert run(capsys, "export", str(source), "-o", str(target))[0] == 0
    assert "Nuorisotakuu toimii hyvin" in target.read_text("utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_refusals_are_one_line_in_the_language(
    capsys: pytest.CaptureFixture[str],
    kumppani_dirs: KumppaniDirs,
    tmp_path: Path,
    source: Path,
    language: str,
) -> None:
    kumppani_dirs.config_file.parent.mkdir(parents=True, exist_ok=True)
    kumppani_dirs.config_file.write_text(f'language = "{language}"\n', "utf-8")
    renamed = tmp_path / "istunto.txt"
    renamed.write_bytes(source.read_bytes())
    own = tmp_path / "oma.md"
    own.write_text(OWN_TEXT, "utf-8")
    for target, key in ((renamed, "cli.export.toml_file"), (own, "cli.export.exists")):
        code, _, err = run(capsys, "export", str(source), "-o", str(target))
        assert code == 1
        assert t(key, language) in err and len(err.strip().splitlines()) == 1


def test_a_toml_name_is_refused_even_for_a_new_file(tmp_path: Path) -> None:
    with pytest.raises(FileError):
        check_target(tmp_path / "uusi.toml", None, force=True)
    assert not (tmp_path / "uusi.toml").exists()


@pytest.mark.parametrize(
    ("text", "session"),
    [
        ('format = "kumppani.session"\nformat_version = "1.3"\n', True),
        ("\ufeff# kommentti\nformat = 'kumppani.session'\n", True),
        ("# Muistio\n\n- format = kumppani.session mainittiin\n", False),
        ("", False),
    ],
)
def test_is_session_file(tmp_path: Path, text: str, session: bool) -> None:
    path = tmp_path / "f.md"
    path.write_text(text, "utf-8")
    assert is_session_file(path) is session


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_never_read_for_the_marker(tmp_path: Path) -> None:
    pipe = tmp_path / "putki.md"
    os.mkfifo(pipe)
    assert is_session_file(pipe) is False  # returns at once: opening would wait for a writer
