"""Finding the session files of a folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kumppani.settings import paths


@dataclass(frozen=True)
class _File:
    path: Path
    """As shown: under the folder as it was given."""
    key: str
    """The absolute path: the cache key."""
    size: int
    mtime_ns: int


def session_files(folder: Path, *, recursive: bool = False) -> list[Path]:
    """The session files in ``folder``: ``*.toml``, not hidden (so no temporary files)."""
    return [found.path for found in _files(folder, recursive=recursive)]


def _files(folder: Path, *, recursive: bool) -> list[_File]:
    base = os.path.abspath(folder)
    found: list[_File] = []

    def visit(shown: Path, absolute: str) -> None:
        try:
            entries = sorted(os.scandir(absolute), key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if recursive and entry.is_dir():
                    visit(shown / entry.name, entry.path)
                elif entry.name.endswith(paths.SESSION_SUFFIX) and entry.is_file():
                    info = entry.stat()
                    found.append(
                        _File(shown / entry.name, entry.path, info.st_size, info.st_mtime_ns)
                    )
            except OSError:
                continue  # gone or unreadable between listing and stat: not a session now

    visit(folder, base)
    return found
