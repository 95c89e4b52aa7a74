"""Provides the line finder: where in a TOML text a field such as ``steps.will.notes[2].kind`` is.

tomllib reports lines only for syntax errors. For a value that parses but is
wrong, this scans the text for the table header and the key, which is enough to
point a person at the right line. It follows ``[table]`` and ``[[array]]``
headers and skips multi-line strings; it returns None when it cannot tell.
"""

from __future__ import annotations

import re

Part = str | int

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r'^\s*("?)([A-Za-z0-9_-]+)\1\s*=')
_INDEX = re.compile(r"\[(\d+)\]")


def split_field(field: str) -> list[Part]:
    """``a.b[2].c`` → ``["a", "b", 2, "c"]``."""
    parts: list[Part] = []
    for chunk in field.split("."):
        name = chunk.split("[", 1)[0]
        if name:
            parts.append(name)
        parts.extend(int(index) for index in _INDEX.findall(chunk))
    return parts


def _names(header: str) -> list[str]:
    return [name.strip().strip('"') for name in header.split(".")]


def _resolve(names: list[str], arrays: dict[tuple[Part, ...], int]) -> list[Part]:
    """Header names → a concrete path, indexing arrays of tables by their latest element."""
    path: list[Part] = []
    for name in names:
        path.append(name)
        count = arrays.get(tuple(path))
        if count:
            path.append(count - 1)
    return path


def _opens_or_closes_multiline(line: str) -> bool:
    return (line.count('"""') + line.count("'''")) % 2 == 1


def find_line(text: str, field: str) -> int | None:
    """The 1-based line of ``field`` in ``text``, or of its table, or None."""
    target = split_field(field)
    while target and isinstance(target[-1], int):
        target.pop()  # an element of an inline array: point at the array's key
    if not target:
        return None
    arrays: dict[tuple[Part, ...], int] = {}
    table: list[Part] = []
    table_line: int | None = None
    in_string = False
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string:
            in_string = not _opens_or_closes_multiline(line)
            continue
        header = _HEADER.match(line)
        if header:
            names = _names(header.group(2))
            if header.group(1) == "[[":
                parent = _resolve(names[:-1], arrays)
                key = (*parent, names[-1])
                arrays[key] = arrays.get(key, 0) + 1
                table = [*parent, names[-1], arrays[key] - 1]
            else:
                table = _resolve(names, arrays)
            if table == target:
                return number
            if table == target[:-1]:
                table_line = number
            continue
        assignment = _KEY.match(line)
        if assignment and table == target[:-1] and assignment.group(2) == target[-1]:
            return number
        if assignment and not table and target[:1] == [assignment.group(2)]:
            return number
        in_string = _opens_or_closes_multiline(line)
    return table_line
