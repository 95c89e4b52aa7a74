"""Provides what a TOML syntax error says, as a message in the user's language.

The parser's own words are English; ``kumppani.toml.read.syntax_problem``
finds them and where they point, and each known wording maps to a ``toml.*``
catalog key (the value it quotes, such as a key name, kept as written). An
unknown wording, from a newer parser, is shown as the parser wrote it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kumppani.errors import Message
from kumppani.toml.read import TOMLDecodeError, syntax_problem

_KNOWN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"Cannot declare (?P<key>.+) twice", "declared_twice"),
        (r"Cannot mutate immutable namespace (?P<key>.+)", "immutable"),
        (r"Cannot overwrite a value", "overwrite"),
        (r"Cannot redefine namespace (?P<key>.+)", "redefine"),
        (r"Duplicate inline table key (?P<key>.+)", "duplicate_key"),
        (r"Escaped character is not a Unicode scalar value", "bad_escape"),
        (r"Expected '=' after a key in a key/value pair", "expected_equals"),
        (r"Expected '\]' at the end of a table declaration", "expected_table_end"),
        (r"Expected '\]\]' at the end of an array declaration", "expected_array_end"),
        (r"Expected (?P<what>.+)", "expected"),
        (r"(Found invalid|Illegal) character (?P<char>.+)", "bad_character"),
        (r"Invalid date or datetime", "bad_date"),
        (r"Invalid hex value", "bad_hex"),
        (r"Invalid initial character for a key part", "bad_key"),
        (r"Invalid statement", "bad_statement"),
        (r"Invalid value", "bad_value"),
        (r"Unclosed array", "unclosed_array"),
        (r"Unclosed inline table", "unclosed_table"),
        (r"Unescaped '\\\\' in a string", "unescaped_backslash"),
        (r"Unterminated string", "unterminated"),
    )
)


class TomlProblem(NamedTuple):
    """Where a TOML text stops making sense and why (``problem.not_toml``)."""

    message: Message
    line: int | None
    column: int | None


def toml_problem(error: TOMLDecodeError, text: str) -> TomlProblem:
    """The message and position of a TOML syntax ``error`` met in ``text``."""
    words, line, column = syntax_problem(error, text)
    return TomlProblem(Message("problem.not_toml", reason=reason(words)), line, column)


def reason(words: str) -> Message:
    """The parser's ``words`` as a ``toml.*`` message; unknown ones quoted as they are."""
    for pattern, key in _KNOWN:
        if found := pattern.fullmatch(words):
            return Message(f"toml.{key}", **found.groupdict())
    return Message("toml.other", words=words or "?") if words else Message("toml.cut_short")
