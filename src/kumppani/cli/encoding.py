"""Provides output that never fails on a character the terminal or file cannot hold.

A terminal in Latin-1 (``PYTHONIOENCODING=latin-1``) or plain ASCII
(``LC_ALL=C PYTHONUTF8=0``) cannot show "ä" or "→": Python raises
``UnicodeEncodeError`` in the middle of the output. ``guard_output`` makes
standard output and error replace such a character with ``?`` instead and
remember that it did; ``report_replaced`` then says so once, on standard error,
in the user's language.
"""

from __future__ import annotations

import codecs
import contextlib
import sys
from collections.abc import Callable
from typing import TextIO

HANDLER = "kumppani-replace"
"""The codec error handler: ``?`` for each character that cannot be encoded, remembered."""

_replaced: list[str] = []


def _replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    _replaced.append(error.encoding)
    return "?" * (error.end - error.start), error.end


codecs.register_error(HANDLER, _replace)


def guard_output() -> None:
    """Make standard output and standard error replace what they cannot encode."""
    _replaced.clear()
    for stream in (sys.stdout, sys.stderr):
        _guard(stream)


def _guard(stream: TextIO | None) -> None:
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return
    try:
        reconfigure(errors=HANDLER)
    except (ValueError, OSError):  # a closed or detached stream: nothing will be written to it
        return


def encode(text: str, encoding: str | None) -> bytes:
    """``text`` in ``encoding`` (UTF-8 if None), what cannot be encoded replaced and remembered."""
    return text.encode(encoding or "utf-8", errors=HANDLER)


def report_replaced(warning: Callable[[str], str]) -> None:
    """Print ``warning(encoding)`` once on standard error if any character was replaced."""
    if not _replaced:
        return
    encoding = _replaced[0]
    _replaced.clear()
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
        print(warning(encoding), file=sys.stderr)
    _replaced.clear()  # the warning itself may have lost its "ä": no second warning
