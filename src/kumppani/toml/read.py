"""Provides ``loads`` and ``TOMLDecodeError`` for reading TOML: tomli where it is compiled.

Python's ``tomllib`` is tomli, copied into the standard library as pure
Python. The tomli wheels on PyPI for common platforms are compiled (mypyc):
the same parser, the same results and error messages, about 2.8 times as
fast on a 1,000-note session (28 ms against 79 ms on the development
machine). Opening a session, scanning a folder and checking a save all parse
whole session files; the catalogs, settings, templates and locks are read here
too, so that start-up loads one parser. Where tomli is missing, the
standard library's parser does the same job more slowly.
"""

from __future__ import annotations

import re
from typing import NamedTuple

try:
    from tomli import TOMLDecodeError, loads
except ImportError:  # pragma: no cover - tomli is a dependency; this keeps a broken install working
    from tomllib import TOMLDecodeError, loads  # type: ignore[assignment]

__all__ = ["SyntaxProblem", "TOMLDecodeError", "loads", "syntax_problem"]

_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


class SyntaxProblem(NamedTuple):
    """Where a TOML syntax error is and what it is, for an error message that points at it."""

    reason: str
    """The parser's message without its position (may be empty)."""
    line: int | None
    column: int | None


def syntax_problem(error: TOMLDecodeError, text: str) -> SyntaxProblem:
    """The reason, line and column of ``error`` raised for ``text``.

    An error "at end of document" is placed on the last character of the text.
    """
    message = str(error)
    found = _POSITION.search(message)
    line, column = (int(found.group(1)), int(found.group(2))) if found else (None, None)
    if found is None and "end of document" in message:
        last = text.rstrip("\n")
        line, column = last.count("\n") + 1, len(last) - (last.rfind("\n") + 1) + 1
    reason = _POSITION.sub("", message).replace("(at end of document)", "").strip()
    return SyntaxProblem(reason, line, column)
