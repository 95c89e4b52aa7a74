"""Provides ``parse_session``: a session file's text to a validated Session, or one located error.

The text is parsed as TOML here (a parse error becomes a ``SessionFileError``
with its line and column), then decoded by ``kumppani.fileformat.decode``.
"""

from __future__ import annotations

from pathlib import Path

from kumppani.errors import Message, SessionFileError
from kumppani.fileformat.decode import decode_session
from kumppani.session.model import Session
from kumppani.toml import read as tomlread
from kumppani.toml.problems import toml_problem


def parse_session(text: str, path: Path | None = None) -> Session:
    """Parse and validate a session file's text."""
    try:
        document = tomlread.loads(text)
    except tomlread.TOMLDecodeError as error:
        message, line, column = toml_problem(error, text)
        raise SessionFileError(path, message, line=line, column=column) from None
    except RecursionError:
        # The TOML parser recurses once per nested array or inline table: a hostile or corrupt file
        # nested some thousand levels deep must be an error about the file, not a crash.
        too_deep = Message("problem.not_toml", reason=Message("toml.too_deep"))
        raise SessionFileError(path, too_deep, line=_first_deep_line(text)) from None
    return decode_session(document, path, text)


def _first_deep_line(text: str, depth: int = 100) -> int | None:
    """The first line where brackets open more than ``depth`` levels deep, if any."""
    level = 0
    for number, line in enumerate(text.splitlines(), start=1):
        for char in line:
            if char in "[{":
                level += 1
                if level > depth:
                    return number
            elif char in "]}":
                level = max(0, level - 1)
    return None
