"""The English words a Finnish or Swedish user must never meet, and how to find them.

``english_in(text)`` lists the words of ``ENGLISH`` in a text after taking out
what is a name, not a word: anything in quotes, paths and file names, options
(``--status``), placeholders and the names in ``ALLOWED``. A word both English
and Swedish ("argument", "text", "session", "format") is not in the list.
"""

from __future__ import annotations

import re

_ENGLISH_WORDS = """
expected required invalid choice choose cannot could usage error errors search commands command
dismiss quit maximize minimize options arguments screenshot theme themes keys found matches match
press missing exist exists file files folder not the is of with show help focused menu save saved
change unknown unrecognized value values following allowed ignored ambiguous read written whole
number table array date time steps questions open already nothing empty must only too deep nested
cut short should one least most such directory permission denied left device busy
resource unavailable pipe regular larger named permitted links
"""
ENGLISH: frozenset[str] = frozenset(_ENGLISH_WORDS.split())
"""English words (lower case) that only appear when something was left untranslated."""

ALLOWED: frozenset[str] = frozenset({"kumppani", "toml", "utf-8", "markdown", "svg"})
"""Names that stay as they are in every language."""

_NAMES = re.compile(
    r"^kumppani [\w-]+:"  # the command as its usage names it
    r"|'[^']*'|\"[^\"]*\"|«[^»]*»"  # quoted values and keys
    r"|\S*[/\\]\S*"  # paths
    r"|\S+\.(toml|md|svg|csv|txt)\b"  # file names
    r"|(?<!\w)--?[\w-]+"  # options
    r"|\{[^}]*\}|\[[^\]]*\]"  # placeholders, TOML tables and choices
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def english_in(text: str, names: frozenset[str] = frozenset()) -> list[str]:
    """The English words of ``text`` that are not names (``ALLOWED``, and ``names``)."""
    plain = _NAMES.sub(" ", text)
    words = (word.casefold() for word in _WORD.findall(plain))
    return [word for word in words if word in ENGLISH and word not in ALLOWED | names]
