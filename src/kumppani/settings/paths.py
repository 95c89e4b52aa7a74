"""Provides every folder kumppani uses, and safe names for the session files it creates.

All platform folders come from platformdirs (``~/.config/kumppani`` on Linux,
``~/Library/Application Support/kumppani`` on macOS, ``%LOCALAPPDATA%\\kumppani``
on Windows …). Each one can be moved with an environment variable, which is
also how the tests keep away from the real home folder:

- ``KUMPPANI_CONFIG_DIR``: ``config.toml`` and ``templates/``
- ``KUMPPANI_DATA_DIR``: the default sessions folder (``sessions/``)
- ``KUMPPANI_STATE_DIR``: state kept between runs (recent files, crash reports)
- ``KUMPPANI_CACHE_DIR``: anything that can be thrown away
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

import platformdirs

from kumppani.session.vocabulary import USER_TEMPLATES_FOLDER
from kumppani.text.safe import printable

APP_NAME = "kumppani"

CONFIG_DIR_ENV = "KUMPPANI_CONFIG_DIR"
DATA_DIR_ENV = "KUMPPANI_DATA_DIR"
STATE_DIR_ENV = "KUMPPANI_STATE_DIR"
CACHE_DIR_ENV = "KUMPPANI_CACHE_DIR"

CONFIG_FILE_NAME = "config.toml"
SESSIONS_FOLDER_NAME = "sessions"
SESSION_SUFFIX = ".toml"

MAX_STEM = 60
"""The longest file name stem ``safe_filename`` makes (date included), in characters."""

FALLBACK_STEM = "session"
"""The stem used when a title has no letters or digits to make a name from."""


def _folder(variable: str, default: Callable[..., Path]) -> Path:
    """The folder named by ``variable`` if it is set, else the platform default."""
    value = os.environ.get(variable, "").strip()
    if value:
        return Path(value).expanduser()
    # appauthor=False: no "kumppani/kumppani" nesting on Windows.
    return default(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The folder of the user's configuration (``config.toml``, ``templates/``)."""
    return _folder(CONFIG_DIR_ENV, platformdirs.user_config_path)


def config_file() -> Path:
    """The user's configuration file; it need not exist."""
    return config_dir() / CONFIG_FILE_NAME


def data_dir() -> Path:
    """The folder of the user's data (the default sessions folder lives here)."""
    return _folder(DATA_DIR_ENV, platformdirs.user_data_path)


def default_sessions_dir() -> Path:
    """Where sessions are kept when neither ``--dir`` nor the config names a folder.

    The folder is not created here; callers that write to it use ``ensure_dir``.
    """
    return data_dir() / SESSIONS_FOLDER_NAME


def state_dir() -> Path:
    """The folder of state kept between runs (recent files, crash reports)."""
    return _folder(STATE_DIR_ENV, platformdirs.user_state_path)


def cache_dir() -> Path:
    """The folder of data that can be rebuilt and may be deleted at any time."""
    return _folder(CACHE_DIR_ENV, platformdirs.user_cache_path)


def user_templates_dir() -> Path:
    """The folder of the user's own process templates."""
    return config_dir() / USER_TEMPLATES_FOLDER


def ensure_dir(folder: Path) -> Path:
    """Create ``folder`` (and its parents) if it does not exist yet; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# Letters that Unicode decomposition does not reduce to ASCII, spelt as a reader expects.
_SPELLINGS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th"}
)
KEPT_LETTERS = "äöå"
"""The letters beyond ASCII a file name keeps: Finnish and Swedish words stay readable."""
_NOT_NAME = re.compile(f"[^a-z0-9{KEPT_LETTERS}]+")
# Names Windows reserves in every folder, whatever the extension.
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$")
_SLUG_INPUT = 4000
"""How much of a title a name is made from: a name is short, a pasted title need not be."""


def _ascii(char: str) -> str:
    """``char`` without accents (é → e), or as it is if it is a kept letter."""
    if char in KEPT_LETTERS or char.isascii():
        return char
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(part for part in decomposed if not unicodedata.combining(part))


def _slug(text: str) -> str:
    """Lower-case letters (ASCII and ä, ö, å) and digits separated by single dashes."""
    text = printable(text[:_SLUG_INPUT])  # "\x1b[31mRed" is "red", not "31mred"
    text = unicodedata.normalize("NFC", text.casefold().translate(_SPELLINGS))
    return _NOT_NAME.sub("-", "".join(map(_ascii, text))).strip("-")


def _shorten(slug: str, limit: int) -> str:
    """``slug`` cut to at most ``limit`` characters, at a dash where one is near."""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    dash = cut.rfind("-")
    if dash >= limit // 2:
        cut = cut[:dash]
    return cut.strip("-")


def safe_filename(title: str, day: date | None) -> str:
    """A session file name made of the date and the title.

    ``safe_filename("Nuorisotyöllisyys, Tampere", date(2026, 3, 12))`` is
    ``2026-03-12-nuorisotyöllisyys-tampere.toml``. The name is lower-case ASCII
    letters and digits, and ä, ö and å (composed, NFC); other letters lose their
    accents (é becomes e) and everything else becomes a dash. It is at most
    ``MAX_STEM`` characters (so at most 120 bytes) before ``.toml``, never empty,
    and never a path, ``..``, a name ending in a dot or a space, or a name
    Windows reserves.
    """
    prefix = f"{day.isoformat()}-" if day is not None else ""
    slug = _shorten(_slug(title), MAX_STEM - len(prefix)) or FALLBACK_STEM
    if not prefix and _RESERVED.match(slug):
        slug = f"{slug}-{FALLBACK_STEM}"
    return f"{prefix}{slug}{SESSION_SUFFIX}"


def unique_path(folder: Path, name: str) -> Path:
    """``folder / name``, or with ``-2``, ``-3`` … before the suffix if that is taken.

    ``name`` must be a plain file name: one with a folder in it (``../x``, ``/x``,
    ``..\\x``), or ``.``/``..``, is refused with ``ValueError``, so that nothing is
    ever made outside ``folder``.
    """
    if name in ("", ".", "..") or "/" in name or "\\" in name or "\0" in name:
        raise ValueError(f"not a plain file name: {name!r}")
    candidate = folder / name
    if not candidate.exists():
        return candidate
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 2
    while True:
        candidate = folder / f"{stem}-{number}{suffix}"
        if not candidate.exists():
            return candidate
        number += 1
