"""Provides the translation catalogs: the files in ``locales/`` read into one table per language.

Catalogs are TOML files ``locales/<lang>/<area>.toml`` (``core``, ``export``,
``cli``, ``tui`` …). Nested tables flatten to dotted keys: ``[kind]
observation = "Havainto"`` is ``kind.observation``. Finnish is the reference
language. This module only reads them; ``i18n`` puts them into sentences and
``numbers`` takes the decimal separator from them, so both stand on this one
and neither on the other.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from kumppani.toml import read as tomlread

DEFAULT_LANGUAGE = "fi"
LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")

LOCALES = Path(__file__).parent.parent / "locales"
"""The catalogs, installed next to this module (a plain path: ``importlib.resources``
brings in ``zipfile`` and its readers, several ms of every start-up)."""


def _flatten(table: dict[str, Any], prefix: str, into: dict[str, str]) -> None:
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            _flatten(value, name + ".", into)
        else:
            into[name] = str(value)


@cache
def catalog(language: str) -> dict[str, str]:
    """Every key of one language, from all of its catalog files."""
    folder = LOCALES / language
    entries: dict[str, str] = {}
    if not folder.is_dir():
        return entries
    for item in sorted(folder.glob("*.toml")):
        _flatten(tomlread.loads(item.read_text("utf-8")), "", entries)
    return entries


def normalise_language(language: str | None) -> str:
    """A supported language code; anything else becomes Finnish."""
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def lookup(key: str, language: str) -> str:
    """The text of ``key`` in ``language``, else in Finnish, else the key itself."""
    text = catalog(normalise_language(language)).get(key)
    return catalog(DEFAULT_LANGUAGE).get(key, key) if text is None else text
