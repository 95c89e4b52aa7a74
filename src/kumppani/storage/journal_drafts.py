"""Provides drafts for the journal: typing that is not in the session yet.

The capture line's text before Enter and the fields of an open form are not
changes of the session, yet losing them to a crash loses notes. The app hands
them to ``Journal.draft`` as a small table under a key (``capture``,
``form:<name>``); an empty table means the draft is gone (the note was added,
the form closed). They are written as ``draft`` frames by the same flusher,
within about a second of the last key, and kept through compactions while
they last. Recovery gives back the latest table of each key (``latest``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kumppani.storage.journal_frames import frame, read_payload, toml_payload

KIND = "draft"


class Drafts:
    """The drafts of one journal: those to write, and those on disk that still hold text."""

    def __init__(self) -> None:
        self.pending: dict[str, dict[str, Any]] = {}
        self.live: dict[str, bytes] = {}
        """Key → the frame on disk of a draft that still holds text."""

    def set(self, key: str, table: dict[str, Any]) -> None:
        """The draft under ``key`` is now ``table`` (empty: gone)."""
        self.pending[key] = table

    def take(self) -> list[bytes]:
        """The frames of the drafts changed since the last call (to be written now)."""
        frames = []
        for key, table in self.pending.items():
            data = frame(KIND, 0, toml_payload({"key": key, "fields": table}))
            frames.append(data)
            self.live.pop(key, None)  # written anew: last, as ``latest`` reads it back
            if table:
                self.live[key] = data
        self.pending = {}
        return frames

    def put_back(self, frames: list[bytes]) -> None:
        """Frames from ``take`` that could not be written: write them again later."""
        for data in frames:
            table = read_payload(data[data.index(b"\n") + 1 : -1])
            key = str(table.get("key", ""))
            self.pending.setdefault(key, dict(table.get("fields", {})))

    def on_disk(self) -> bytes:
        """The frames a journal written anew must hold to keep the drafts."""
        return b"".join(self.live.values())


def latest(records: Iterable[tuple[str, int, bytes]]) -> dict[str, dict[str, Any]]:
    """Each key's last draft in a journal's records, those that still hold text.

    In the order they were last written: the newest last.
    """
    found: dict[str, dict[str, Any]] = {}
    for kind, _, payload in records:
        if kind != KIND:
            continue
        table = read_payload(payload)
        key, fields = table.get("key"), table.get("fields")
        if isinstance(key, str) and isinstance(fields, dict):
            found.pop(key, None)
            found[key] = fields
    return {key: fields for key, fields in found.items() if fields}
