"""Provides the list of responsible bodies: the built-in one and the config file's additions.

Both are ``[bodies.NAME]`` tables of the same form (see
``kumppani/session/bodies.toml``)::

    [bodies.PIRHA]
    party = "region"
    fi = "Pirkanmaan hyvinvointialue"
    sv = "Birkalands välfärdsområde"
    aliases = ["Pirha"]

``read_bodies`` checks such tables; ``directory`` puts the config's bodies over
the built-in ones (a body of the config replaces the built-in one of the same
name).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn

from kumppani.errors import ConfigError, Message, Words, is_
from kumppani.session.bodies import Body, BodyDirectory, body_key
from kumppani.text.i18n import LANGUAGES
from kumppani.toml import read as tomlread

BUILTIN_FILE = "bodies.toml"
BODY_FIELDS: tuple[str, ...] = ("party", *LANGUAGES, "aliases")
"""The keys a ``[bodies.NAME]`` table may hold."""

Fail = Callable[[str, Words, Words], NoReturn]
"""Reports a wrong value: ``fail(key, what is wrong, what was expected)``."""


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def read_bodies(table: object, parties: Collection[str], fail: Fail) -> tuple[Body, ...]:
    """The bodies of a ``bodies`` table, checked; ``fail`` is called on the first problem."""
    if not isinstance(table, dict):
        fail("bodies", Message("problem.not_a_table"), Message("expected.bodies"))
    found: list[Body] = []
    for key, entry in table.items():
        where = f"bodies.{key}"
        if not key.strip():
            fail(where, Message("problem.empty_name"), Message("expected.body_name"))
        if not isinstance(entry, dict):
            fail(where, Message("problem.not_a_table"), Message("expected.body_table"))
        unknown = [name for name in entry if name not in BODY_FIELDS]
        if unknown:
            fail(
                f"{where}.{unknown[0]}",
                Message("problem.not_a_body_key"),
                Message("expected.one_of", choices=", ".join(BODY_FIELDS)),
            )
        party = entry.get("party")
        if not isinstance(party, str) or party not in parties:
            one_of = Message("expected.one_of", choices=", ".join(parties))
            fail(f"{where}.party", is_(repr(party)), one_of)
        names: dict[str, str] = {}
        for language in LANGUAGES:
            if language in entry:
                if not _text(entry[language]):
                    fail(
                        f"{where}.{language}",
                        Message("problem.not_a_name"),
                        Message("expected.non_empty"),
                    )
                names[language] = entry[language].strip()
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(_text(alias) for alias in aliases):
            fail(f"{where}.aliases", Message("problem.not_names"), Message("expected.aliases"))
        found.append(Body(key.strip(), party, names, tuple(alias.strip() for alias in aliases)))
    return tuple(found)


@cache
def builtin_bodies() -> tuple[Body, ...]:
    """The bodies that ship with kumppani (``kumppani/session/bodies.toml``)."""
    source = resources.files("kumppani").joinpath("session", BUILTIN_FILE)
    text = source.read_text(encoding="utf-8")
    path = Path(str(source))

    def fail(key: str, message: Words, expected: Words) -> NoReturn:
        raise ConfigError(path, message, field=key, expected=expected)

    document: dict[str, Any] = tomlread.loads(text)
    return read_bodies(document.get("bodies", {}), ("state", "city", "other"), fail)


def directory(own: Iterable[Body] = ()) -> BodyDirectory:
    """The bodies ``own`` (from the config) first, then the built-in ones they do not replace."""
    own = tuple(own)
    replaced = {body_key(body.key) for body in own}
    rest = (body for body in builtin_bodies() if body_key(body.key) not in replaced)
    return BodyDirectory((*own, *rest))
