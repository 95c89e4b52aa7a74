"""Provides ``parse_session``: a session file's text to a validated Session, or one located error.

The text is parsed as TOML here (a parse error becomes a ``SessionFileError``
with its line and column), then decoded by ``kumppani.fileformat.decode``.
"""

from __future__ import annotations

import re
from pathlib import Path

from kumppani.errors import SessionFileError
from kumppani.fileformat.decode import decode_session
from kumppani.session.model import Session
from kumppani.toml import read as tomlread

_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse_session(text: str, path: Path | None = None) -> Session:
    """Parse and validate a session file's text."""
    try:
        document = tomlread.loads(text)
    except tomlread.TOMLDecodeError as error:
        message = str(error)
        line, column = _error_position(message, text)
        reason = _POSITION.sub("", message).replace("(at end of document)", "").strip()
        raise SessionFileError(
            path, f"not valid TOML: {reason or 'cut short'}", line=line, column=column
        ) from None
    except RecursionError:
        # The TOML parser recurses once per nested array or inline table: a hostile or corrupt file
        # nested some thousand levels deep must be an error about the file, not a crash.
        raise SessionFileError(
            path, "not valid TOML: values nested too deeply", line=_first_deep_line(text)
        ) from None
    return decode_session(document, path, text)


def _error_position(message: str, text: str) -> tuple[int | None, int | None]:
    """Line and column of a TOML parse error; the last character for "at end of document"."""
    found = _POSITION.search(message)
    if found:
        return int(found.group(1)), int(found.group(2))
    if "end of document" in message:
        last = text.rstrip("\n")
        return last.count("\n") + 1, len(last) - (last.rfind("\n") + 1) + 1
    return None, None


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
