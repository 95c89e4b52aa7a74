"""Provides responsible bodies (vastuutahot) and the party each one belongs to.

A responsible body is typed as free text (``"YM"``, ``"Tampere"``,
``"Ympäristöministeriö"``). A ``BodyDirectory`` knows which texts name the same
body and which party it belongs to, from two sources:

- a list of bodies (``Body``): an abbreviation or short name, its full name per
  language, other names, and its party; the built-in list ships with kumppani
  (``kumppani/session/bodies.toml``) and the config file adds to it;
- the roster of a session: a participant's organisation is a body of the
  participant's party; ``"Ympäristöministeriö (YM)"`` also names it ``YM``.

Names are compared case-folded with spaces collapsed; nothing else is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

_SPACES = re.compile(r"\s+")
_PARENTHESISED = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")

Roster = Iterable[tuple[str, str]]
"""A session's organisations and their parties: ``(organisation, party key)`` pairs."""


def body_key(name: str) -> str:
    """How a body's name is compared: case-folded, spaces collapsed, no dash variants."""
    name = name.replace("\u2013", "-").replace("\u2011", "-")
    return _SPACES.sub(" ", name).strip().casefold()


def name_variants(name: str) -> tuple[str, ...]:
    """The names a roster organisation stands for: ``"A (B)"`` is ``A (B)``, ``A`` and ``B``."""
    name = name.strip()
    found = _PARENTHESISED.match(name)
    return (name, found.group(1).strip(), found.group(2).strip()) if found else (name,)


@dataclass(frozen=True)
class Body:
    """One responsible body of the list, with its names and its party."""

    key: str
    """Its abbreviation or short name (``YM``, ``Tampere``): how the list names it."""
    party: str
    """The key of the party it belongs to (``state``, ``city`` …)."""
    names: Mapping[str, str] = field(default_factory=dict)
    """Its full name by language code."""
    aliases: tuple[str, ...] = ()
    """Other names it goes by (a Swedish abbreviation, a city's bare name …)."""

    def name(self, language: str) -> str:
        """The full name in ``language``: else the Finnish one, else the key."""
        return self.names.get(language) or self.names.get("fi") or self.key

    @property
    def all_names(self) -> tuple[str, ...]:
        """Every name of the body: the key, the full names, then the other names."""
        return (self.key, *self.names.values(), *self.aliases)


class BodyDirectory:
    """The known bodies: which names mean the same body and whose party it is."""

    def __init__(self, bodies: Iterable[Body] = ()) -> None:
        self.bodies: tuple[Body, ...] = tuple(bodies)
        """The bodies of the list, in their order."""
        self._by_name: dict[str, Body] = {}
        for body in self.bodies:
            for name in body.all_names:
                self._by_name.setdefault(body_key(name), body)

    def find(self, name: str) -> Body | None:
        """The body of the list that ``name`` names, if any."""
        return self._by_name.get(body_key(name))

    def identity(self, name: str) -> str:
        """What makes two names the same body: the list's body, else the name itself."""
        body = self.find(name)
        return "=" + body_key(body.key) if body is not None else body_key(name)

    def same(self, first: str, second: str) -> bool:
        """True if ``first`` and ``second`` name the same body."""
        return self.identity(first) == self.identity(second)

    def label(self, name: str, language: str) -> str:
        """How a body is shown in a list of bodies: ``YM – Ympäristöministeriö``, else ``name``."""
        body = self.find(name)
        if body is None:
            return name.strip()
        full = body.name(language)
        return body.key if body_key(full) == body_key(body.key) else f"{body.key} – {full}"

    def parties_of(self, name: str, roster: Roster = ()) -> list[str]:
        """The parties of the body ``name``: its party in the list, and the party of every
        organisation of ``roster`` that names the same body."""
        found: list[str] = []
        body = self.find(name)
        if body is not None and body.party:
            found.append(body.party)
        wanted = self.identity(name)
        for organisation, party in roster:
            if party and party not in found:
                variants = name_variants(organisation)
                if any(self.identity(variant) == wanted for variant in variants if variant):
                    found.append(party)
        return found

    def parties(self, names: Iterable[str], roster: Roster = ()) -> list[str]:
        """The parties of all the bodies ``names``, each once, in the order found."""
        pairs = list(roster)
        found: list[str] = []
        for name in names:
            if name.strip():
                found += [party for party in self.parties_of(name, pairs) if party not in found]
        return found

    def completions(self, language: str, organisations: Iterable[str] = ()) -> list[str]:
        """What a body field completes from, best first: the roster's organisations, then the
        list's abbreviations, its full names in ``language``, and its other names."""
        ordered = [variant for name in organisations for variant in name_variants(name)]
        ordered += [body.key for body in self.bodies]
        ordered += [body.name(language) for body in self.bodies]
        ordered += [name for body in self.bodies for name in body.all_names]
        seen: set[str] = set()
        unique = []
        for name in ordered:
            if name and name not in seen:
                seen.add(name)
                unique.append(name)
        return unique
