"""Provides translations: every visible string comes from the catalogs in ``locales/``.

The catalogs themselves are read by ``kumppani.text.catalogs`` (whose names
this module passes on). A key missing in Swedish or English falls back to
Finnish (a test makes sure none is missing). The values filled into a text are
said in the same language: a nested ``Message`` or error is rendered, a float is written
by ``numbers.format_number`` (``0,5`` in Finnish and Swedish, ``0.5`` in English).
"""

from __future__ import annotations

from kumppani.errors import KumppaniError, Message, install_renderer, render
from kumppani.text.catalogs import DEFAULT_LANGUAGE as DEFAULT_LANGUAGE
from kumppani.text.catalogs import LANGUAGES as LANGUAGES
from kumppani.text.catalogs import catalog as catalog
from kumppani.text.catalogs import lookup
from kumppani.text.catalogs import normalise_language as normalise_language
from kumppani.text.numbers import format_number


def t(key: str, language: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The text of ``key`` in ``language``, with ``{name}`` fields filled from ``values``.

    A key written in two forms (``key.one``, ``key.other``) takes the one its
    whole-number ``count`` asks for: "1 mittaus", "2 mittausta".
    """
    count = values.get("count")
    if isinstance(count, int) and not isinstance(count, bool):
        key = _form(key, count)
    text = lookup(key, language)
    if not values:
        return text
    said = {name: _said(value, language) for name, value in values.items()}
    return text.format_map(_Fields(said))


def _said(value: object, language: str) -> object:
    """A field's value as ``language`` says it: a message rendered, a float with its separator."""
    if isinstance(value, Message):
        return render(value, language)
    if isinstance(value, KumppaniError):
        return value.describe(language)
    if isinstance(value, float):
        return format_number(value, language)
    return value


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
    return t(message.key, language, **message.values)


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
