"""Reading a session file that must fail: the error, and where in the text it points."""

from __future__ import annotations

from pathlib import Path

import pytest

from kumppani.errors import SessionFileError
from kumppani.fileformat import parse_session


def parse_error(text: str, path: Path) -> SessionFileError:
    """The error reading ``text`` as the session file ``path`` gives (it must give one)."""
    with pytest.raises(SessionFileError) as caught:
        parse_session(text, path)
    return caught.value


def line_of(text: str, needle: str) -> int:
    """The number (from 1) of the first line of ``text`` holding ``needle``."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)
