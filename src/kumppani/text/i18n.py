"""Provides translations: every visible string comes from the catalogs in ``locales/``.

Catalogs are TOML files ``locales/<lang>/<area>.toml`` (``core``, ``export``,
``cli``, ``tui`` …). Nested tables flatten to dotted keys: ``[kind]
observation = "Havainto"`` is ``kind.observation``. Finnish is the reference
language; a key missing in Swedish or English falls back to Finnish (a test
makes sure none is missing).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from kumppani.errors import Message, install_renderer, render_value
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


def t(key: str, language: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The text of ``key`` in ``language``, with ``{name}`` fields filled from ``values``.

    A key written in two forms (``key.one``, ``key.other``) takes the one its
    whole-number ``count`` asks for: "1 mittaus", "2 mittausta".
    """
    count = values.get("count")
    if isinstance(count, int) and not isinstance(count, bool):
        key = _form(key, count)
    text = catalog(normalise_language(language)).get(key)
    if text is None:
        text = catalog(DEFAULT_LANGUAGE).get(key, key)
    return text.format_map(_Fields(values)) if values else text


def _form(key: str, count: int) -> str:
    """``key`` itself, or ``key.one``/``key.other`` where the catalog has the two forms."""
    if key in catalog(DEFAULT_LANGUAGE):
        return key
    form = f"{key}.{'one' if count == 1 else 'other'}"
    return form if form in catalog(DEFAULT_LANGUAGE) else key


def plural(key: str, count: int, language: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The text of ``key.one`` or ``key.other`` by ``count`` (fi, sv and en share that rule).

    ``count`` is available to the text as ``{count}``.
    """
    form = "one" if count == 1 else "other"
    return t(f"{key}.{form}", language, count=count, **values)


def render_message(message: Message, language: str = DEFAULT_LANGUAGE) -> str:
    """A ``Message`` in ``language``; nested messages too (and the form its ``count`` asks for)."""
    values = {
        name: render_value(value, language) if isinstance(value, Message) else value
        for name, value in message.values.items()
    }
    return t(message.key, language, **values)


install_renderer(render_message)


class _Fields(dict[str, object]):
    """Format fields; one the caller did not give stays visible as ``{name}``."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Translator:
    """``t`` bound to one language, for code that speaks one language throughout."""

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        self.language = normalise_language(language)

    def __call__(self, key: str, /, **values: object) -> str:
        return t(key, self.language, **values)

    def plural(self, key: str, count: int, /, **values: object) -> str:
        """``plural`` in this translator's language."""
        return plural(key, count, self.language, **values)
