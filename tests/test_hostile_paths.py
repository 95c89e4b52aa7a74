"""File names made from hostile titles: never a path, never reserved, readable, short enough."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kumppani.settings import paths

DAY = date(2026, 3, 12)
WINDOWS_RESERVED = (
    {"con", "prn", "aux", "nul"} | {f"com{n}" for n in range(10)} | {f"lpt{n}" for n in range(10)}
)


def assert_plain_name(name: str) -> None:
    """One name, in the folder, that every file system takes as it is."""
    assert Path(name).name == name and "/" not in name and "\\" not in name
    assert name not in (".", "..") and not name.startswith(".")
    stem = name.removesuffix(".toml")
    assert stem and stem == stem.strip(". ") and not stem.endswith("-")
    assert stem.split(".")[0] not in WINDOWS_RESERVED
    assert not any(char in name for char in '<>:"|?*') and name.isprintable()
    assert len(name.encode("utf-8")) <= 255
    assert unicodedata.is_normalized("NFC", name)


@pytest.mark.parametrize(
    "title",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "..\\..\\Windows\\system32",
        "C:\\Users\\x",
        "~/.ssh/authorized_keys",
        "..",
        ".",
        "./.hidden",
    ],
)
@pytest.mark.parametrize("day", [DAY, None])
def test_path_traversal_never_leaves_the_folder(
    title: str, day: date | None, tmp_path: Path
) -> None:
    name = paths.safe_filename(title, day)
    assert_plain_name(name)
    assert paths.unique_path(tmp_path, name).parent == tmp_path


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("CON", "con-session.toml"),
        ("nul", "nul-session.toml"),
        ("Com1", "com1-session.toml"),
        ("LPT9", "lpt9-session.toml"),
        ("aux.txt", "aux-txt.toml"),
        ("nimi.", "nimi.toml"),
        ("nimi ", "nimi.toml"),
        ("nimi . . .", "nimi.toml"),
    ],
)
def test_reserved_names_and_trailing_dots_or_spaces(title: str, expected: str) -> None:
    assert paths.safe_filename(title, None) == expected
    assert_plain_name(expected)


@pytest.mark.parametrize("title", ["", "   ", "?!*:<>|", "…", "\x1b[2J\x00", "👩\u200d👩\u200d👧"])
def test_empty_or_punctuation_titles_get_the_fallback(title: str) -> None:
    assert paths.safe_filename(title, None) == "session.toml"
    assert paths.safe_filename(title, DAY) == "2026-03-12-session.toml"


def test_finnish_and_swedish_letters_stay_readable() -> None:
    assert (
        paths.safe_filename("Äänekosken työllisyys", DAY) == "2026-03-12-äänekosken-työllisyys.toml"
    )
    assert paths.safe_filename("Hållbar Åbo", None) == "hållbar-åbo.toml"
    # Decomposed input (as macOS may hand it over) makes the same, composed name.
    decomposed = unicodedata.normalize("NFD", "Pöytä Åbo")
    assert paths.safe_filename(decomposed, None) == "pöytä-åbo.toml"
    # Other accents go, the letters stay.
    assert paths.safe_filename("Crème brûlée Ørsted", None) == "creme-brulee-orsted.toml"


@pytest.mark.parametrize("letter", ["ä", "ö", "å", "€", "漢", "👩"])
def test_very_long_titles_stay_within_the_byte_limit(letter: str, tmp_path: Path) -> None:
    title = letter * 10_000
    name = paths.safe_filename(title, DAY)
    assert_plain_name(name)
    assert len(Path(name).stem) <= paths.MAX_STEM
    (tmp_path / name).write_text("")  # the file system takes it
    second = paths.unique_path(tmp_path, name)
    assert second.name == name.replace(".toml", "-2.toml")
    assert len(second.name.encode("utf-8")) <= 255


@pytest.mark.parametrize(
    "name", ["../x.toml", "/etc/x.toml", "..\\x.toml", "a/b.toml", "..", ".", ""]
)
def test_unique_path_refuses_a_name_with_a_folder(name: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        paths.unique_path(tmp_path, name)


def test_unique_path_keeps_counting_past_taken_names(tmp_path: Path) -> None:
    name = paths.safe_filename("Pöytä", DAY)
    for _ in range(3):
        paths.unique_path(tmp_path, name).write_text("")
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "2026-03-12-pöytä-2.toml",
        "2026-03-12-pöytä-3.toml",
        "2026-03-12-pöytä.toml",
    ]


@given(st.text(max_size=500), st.none() | st.dates())
def test_any_title_makes_a_plain_name(title: str, day: date | None) -> None:
    assert_plain_name(paths.safe_filename(title, day))
