"""Provides changing one top-level string setting in the text of a config file.

Only that setting's value changes: every other byte of the file stays as it
was, comments and blank lines included. A setting the file already has gets
its new value on its own line (a comment after it stays); a new one is put on
a line of its own after the last top-level key, before the first ``[table]``
and the blank lines and comments above it (top-level keys must come before
any table), or at the end. The result is checked by parsing it; a file
whose text is too unusual for that falls back to tomlkit, which also keeps
comments.
"""

from __future__ import annotations

import json
import re

from kumppani.toml import read as tomlread
from kumppani.toml.locate import find_line

_VALUE = re.compile(r"""^(\s*"?[A-Za-z0-9_-]+"?\s*=\s*)("(?:[^"\\]|\\.)*"|'[^'\n]*')""")
_TABLE = re.compile(r"^\s*\[")


def _string(value: str) -> str:
    """``value`` as a TOML basic string (JSON's escapes are valid TOML)."""
    return json.dumps(value, ensure_ascii=False)


def _after_last_key(lines: list[str], table: int) -> int:
    """Where a new top-level key goes: after the last line before ``table`` that is not
    blank or a comment (those belong with the table), else just before the table."""
    index = table
    while index > 0 and lines[index - 1].strip()[:1] in ("", "#"):
        index -= 1
    return index if index > 0 else table


def _by_hand(text: str, key: str, value: str, present: bool) -> str:
    lines = text.splitlines(keepends=True)
    if present:
        number = find_line(text, key)
        if number is None:
            return text
        line = lines[number - 1]
        found = _VALUE.match(line)
        if found is None:
            return text
        lines[number - 1] = found.group(1) + _string(value) + line[found.end() :]
        return "".join(lines)
    newline = "\r\n" if "\r\n" in text else "\n"
    new = f"{key} = {_string(value)}{newline}"
    in_string = False
    for index, line in enumerate(lines):
        if (line.count('"""') + line.count("'''")) % 2:
            in_string = not in_string
        if not in_string and _TABLE.match(line):
            lines.insert(_after_last_key(lines, index), new)
            return "".join(lines)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    return "".join(lines) + new


def with_setting(text: str, key: str, value: str) -> str:
    """``text`` (a config file's TOML) with the top-level ``key`` set to the string ``value``.

    Raises ``tomlread.TOMLDecodeError`` if ``text`` is not valid TOML.
    """
    document = tomlread.loads(text)
    expected = {**document, key: value}
    changed = _by_hand(text, key, value, key in document)
    try:
        if tomlread.loads(changed) == expected:
            return changed
    except tomlread.TOMLDecodeError:
        pass
    # Imported here: only an unusual file needs the comment-keeping TOML library.
    import tomlkit

    edited = tomlkit.parse(text)
    edited[key] = value
    return tomlkit.dumps(edited)
