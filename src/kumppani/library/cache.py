"""The index cache: one JSON file per scanned folder, checked entry by entry."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kumppani import __version__
from kumppani.errors import KumppaniError
from kumppani.library.files import _File
from kumppani.settings import paths
from kumppani.storage.files import write_atomic

CACHE_FORMAT = "kumppani.library-cache"
CACHE_VERSION = 6
"""Bumped whenever the record layout changes; an older cache is then rebuilt."""
CACHE_FOLDER = "library"
RACY_NS = 2_000_000_000
"""How much older than its cache entry a file must be for the entry to be trusted (2 s)."""


def cache_file(folder: Path, *, recursive: bool = False) -> Path:
    """Where the index of ``folder`` is cached."""
    key = f"{os.path.abspath(folder)}\0{int(recursive)}"
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return paths.cache_dir() / CACHE_FOLDER / f"{digest}.json"


@dataclass
class _Entry:
    size: int
    mtime_ns: int
    checked_ns: int
    record: Any

    def fits(self, found: _File) -> bool:
        return (
            self.size == found.size
            and self.mtime_ns == found.mtime_ns
            and found.mtime_ns < self.checked_ns - RACY_NS
        )


def _load_cache(where: Path, folder: str) -> dict[str, _Entry]:
    """The entries of the cache file; nothing if it is missing, unreadable or not ours."""
    try:
        document = json.loads(where.read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    if (
        type(document) is not dict
        or document.get("format") != CACHE_FORMAT
        or document.get("version") != CACHE_VERSION
        or document.get("kumppani") != __version__
        or document.get("folder") != folder
        or type(document.get("entries")) is not dict
    ):
        return {}
    entries: dict[str, _Entry] = {}
    for key, value in document["entries"].items():
        if type(value) is not list or len(value) != 4:
            continue
        size, mtime_ns, checked_ns, record = value
        if all(type(number) is int for number in (size, mtime_ns, checked_ns)):
            entries[key] = _Entry(size, mtime_ns, checked_ns, record)
    return entries


def _save_cache(where: Path, folder: str, entries: dict[str, _Entry]) -> None:
    """Write the cache atomically; a cache that cannot be written is only a slower next scan."""
    document = {
        "format": CACHE_FORMAT,
        "version": CACHE_VERSION,
        "kumppani": __version__,
        "folder": folder,
        "entries": {
            key: [entry.size, entry.mtime_ns, entry.checked_ns, entry.record]
            for key, entry in entries.items()
        },
    }
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass"
    )
    with contextlib.suppress(OSError, KumppaniError):
        paths.ensure_dir(where.parent)
        write_atomic(where, data)
