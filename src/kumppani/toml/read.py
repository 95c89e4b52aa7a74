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

try:
    from tomli import TOMLDecodeError, loads
except ImportError:  # pragma: no cover - tomli is a dependency; this keeps a broken install working
    from tomllib import TOMLDecodeError, loads  # type: ignore[assignment]

__all__ = ["TOMLDecodeError", "loads"]
