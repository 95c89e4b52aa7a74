"""Every folder comes from one place, each can be moved by an environment variable, and
the file names kumppani makes for sessions are safe on every platform."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kumppani.settings import paths

if TYPE_CHECKING:
    from tests.support.dirs import KumppaniDirs

SAFE_NAME = re.compile(r"^[a-z0-9äöå]+(?:-[a-z0-9äöå]+)*\.toml$")


def test_every_folder_follows_its_environment_variable(kumppani_dirs: KumppaniDirs) -> None:
    assert paths.config_dir() == kumppani_dirs.config
    assert paths.config_file() == kumppani_dirs.config / "config.toml"
    assert paths.user_templates_dir() == kumppani_dirs.config / "templates"
    assert paths.data_dir() == kumppani_dirs.data
    assert paths.default_sessions_dir() == kumppani_dirs.data / "sessions"
    assert paths.state_dir() == kumppani_dirs.state
    assert paths.cache_dir() == kumppani_dirs.cache


def test_an_override_may_start_with_a_tilde(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("KUMPPANI_DATA_DIR", "~/kumppani-data")
    assert paths.data_dir() == tmp_path / "kumppani-data"


@pytest.mark.parametrize(
    ("variable", "function", "default"),
    [
        ("KUMPPANI_CONFIG_DIR", paths.config_dir, platformdirs.user_config_path),
        ("KUMPPANI_DATA_DIR", paths.data_dir, platformdirs.user_data_path),
        ("KUMPPANI_STATE_DIR", paths.state_dir, platformdirs.user_state_path),
        ("KUMPPANI_CACHE_DIR", paths.cache_dir, platformdirs.user_cache_path),
    ],
)
def test_without_an_override_the_platform_folder_is_used(
    monkeypatch: pytest.MonkeyPatch, variable: str, function: object, default: object
) -> None:
    monkeypatch.delenv(variable)
    assert callable(function) and callable(default)
    assert function() == default("kumppani", appauthor=False)
    monkeypatch.setenv(variable, "   ")  # blank counts as unset
    assert function() == default("kumppani", appauthor=False)


def test_folders_are_not_created_until_ensure_dir(kumppani_dirs: KumppaniDirs) -> None:
    folder = paths.default_sessions_dir()
    assert not folder.exists()
    assert paths.ensure_dir(folder) == folder
    assert folder.is_dir()
    assert paths.ensure_dir(folder) == folder  # a second time is fine


@pytest.mark.parametrize(
    ("title", "day", "expected"),
    [
        (
            "Nuorisotyöllisyys, Tampere",
            date(2026, 3, 12),
            "2026-03-12-nuorisotyöllisyys-tampere.toml",
        ),
        ("Åbo – Turku: Hållbar stad!", date(2026, 1, 2), "2026-01-02-åbo-turku-hållbar-stad.toml"),
        ("Pyöreä pöytä ÄÖÅ äöå", None, "pyöreä-pöytä-äöå-äöå.toml"),
        ("../../etc/passwd", date(2026, 3, 12), "2026-03-12-etc-passwd.toml"),
        ("../../etc/passwd", None, "etc-passwd.toml"),
        ("..", None, "session.toml"),
        ("C:\\Windows\\system32", None, "c-windows-system32.toml"),
        ("CON", None, "con-session.toml"),
        ("lpt1", None, "lpt1-session.toml"),
        ("CON", date(2026, 3, 12), "2026-03-12-con.toml"),
        ("", None, "session.toml"),
        ("", date(2026, 3, 12), "2026-03-12-session.toml"),
        ("   ?!*:<>|\t\n", None, "session.toml"),
        ("Crème brûlée & Straße", None, "creme-brulee-strasse.toml"),
    ],
)
def test_safe_filename(title: str, day: date | None, expected: str) -> None:
    assert paths.safe_filename(title, day) == expected


def test_a_long_title_is_cut_at_a_word() -> None:
    title = "Kaupunkipolitiikan yhteistyöryhmän kumppanuuspöytä " * 4
    name = paths.safe_filename(title[:200], date(2026, 3, 12))
    assert name == "2026-03-12-kaupunkipolitiikan-yhteistyöryhmän.toml"
    assert len(Path(name).stem) <= paths.MAX_STEM


def test_a_long_word_is_cut_where_it_must() -> None:
    name = paths.safe_filename("a" * 200, None)
    assert name == "a" * paths.MAX_STEM + ".toml"


@given(st.text(max_size=300), st.none() | st.dates())
def test_any_title_makes_a_safe_name(title: str, day: date | None) -> None:
    name = paths.safe_filename(title, day)
    assert SAFE_NAME.match(name), name
    assert len(Path(name).stem) <= paths.MAX_STEM
    assert Path(name).name == name and ".." not in name


def test_unique_path_counts_up(tmp_path: Path) -> None:
    name = "2026-03-12-tampere.toml"
    assert paths.unique_path(tmp_path, name) == tmp_path / name
    (tmp_path / name).write_text("")
    assert paths.unique_path(tmp_path, name) == tmp_path / "2026-03-12-tampere-2.toml"
    (tmp_path / "2026-03-12-tampere-2.toml").write_text("")
    assert paths.unique_path(tmp_path, name) == tmp_path / "2026-03-12-tampere-3.toml"


def test_plain_text_fast_path_measures_and_cuts_like_the_general_rule() -> None:
    """Latin text skips per-character work; it must count and cut exactly as before."""
    import unicodedata

    from kumppani.text import safe as textsafe

    def general(char: str) -> int:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            return 0
        return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1

    plain = [chr(code) for code in range(0x20, 0x2100) if not textsafe._NOT_PLAIN.match(chr(code))]
    assert len(plain) > 700
    assert [char for char in plain if general(char) != 1] == []
    assert [char for char in plain if textsafe.printable(char) != char] == []
    assert textsafe.truncate("Vähän pidempi muistiinpano", 10) == "Vähän pid…"
    assert textsafe.truncate("日本語のメモ", 7) == "日本語…"
    assert textsafe.cell_width("日本語") == 6
