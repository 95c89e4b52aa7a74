"""Provides the fixed values of options (status, step, sort) typed in any language.

``--status luonnos``, ``--status utkast`` and ``--status draft`` are the same
value: ``vocabulary`` makes an argparse type that accepts a stored key or its
label in Finnish, Swedish or English, in any case, with spaces, hyphens or
underscores alike, and returns the key. A value it does not know is refused
with the values listed in the user's language; ``help`` lists them too.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from kumppani.text.i18n import LANGUAGES, t

Label = Callable[[str, str], str]
"""``label(key, language)``: how a value is called in a language."""


def _fold(text: str) -> str:
    return "_".join(text.casefold().replace("-", " ").replace("_", " ").split())


def _shown(text: str) -> str:
    return "-".join(text.casefold().split())


class Vocabulary:
    """An argparse type: a key of ``keys``, typed as the key or as its label in any language."""

    def __init__(self, keys: Sequence[str], label: Label, language: str) -> None:
        self.keys = tuple(keys)
        self.label = label
        self.language = language
        self.names: dict[str, str] = {}
        for key in self.keys:
            self.names[_fold(key)] = key
        for code in (language, *LANGUAGES):
            for key in self.keys:
                self.names.setdefault(_fold(label(key, code)), key)
        self.__name__ = "value"  # argparse names a type by it in messages

    def help(self, text: str) -> str:
        """``text``, then the values as the user's language calls them."""
        return t("cli.value.choices", self.language, help=text, choices=self.listing)

    @property
    def listing(self) -> str:
        """``luonnos, käynnissä, …``: the values as the user's language calls them."""
        return ", ".join(_shown(self.label(key, self.language)) for key in self.keys)

    def __call__(self, text: str) -> str:
        found = self.names.get(_fold(text))
        if found is None:
            raise argparse.ArgumentTypeError(
                t("cli.value.unknown", self.language, value=text, choices=self.listing)
            )
        return found


def catalog_label(prefix: str, **special: str) -> Label:
    """Labels from the catalog keys ``prefix.<key>``; ``special`` maps a key to another key."""

    def label(key: str, language: str) -> str:
        return t(special.get(key, f"{prefix}.{key}"), language)

    return label
