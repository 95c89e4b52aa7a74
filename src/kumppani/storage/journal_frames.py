"""Provides the recovery journal's file format: frames, the pieces they record, where they live.

The file is a series of frames, ``KJ1 <kind> <revision> <length> <crc32>``
and a newline, then ``length`` bytes and a newline. ``head`` and ``op`` hold
a TOML table, ``whole`` the text of a session file. A frame cut short fails
its length or checksum and ends the journal there (``read_frames``); the
writer (``journal_disk``) never leaves one behind a good frame.

A journal lives in ``paths.state_dir()/journal/``, named by a hash of the
session file's resolved path (a symlinked session is journaled under its
target). When that folder cannot be written, the journal moves beside the
session file, ``.<name>.journal`` (``side_journal_path``); recovery looks in
both places. Beside a journal in the state folder lies ``<hash>.base``, its own
copy of the saved file the pieces apply to (a hard link to it, which costs
nothing: a save renames a new file into place and the link keeps the old one),
so the notes can be recovered even when the session file is gone.
"""

from __future__ import annotations

import hashlib
import os
import socket
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import tomli_w

from kumppani.fileformat.encode import _note as encode_note  # one note, as the file has it
from kumppani.fileformat.encode import _winwin as encode_winwin
from kumppani.fileformat.encode import instant, text
from kumppani.session.model import Note, Session, now
from kumppani.settings import paths
from kumppani.toml import read as tomlread

FOLDER_NAME = "journal"
SUFFIX = ".journal"
BASE_SUFFIX = ".base"
MAGIC = b"KJ1"
STEP_FIELDS = ("status", "planned_minutes", "spent_seconds", "conclusion")
STEP_TEXTS = {"shared_message": "solutions", "followup_plan": "followup"}
"""The session-level texts and the step table the file keeps each one in."""


@dataclass(frozen=True)
class Piece:
    """What one change touched: the journal records its state when it writes it."""

    kind: str
    """``note`` (put ``note`` in place, at ``index`` if given), ``note_delete``
    (``note_id``), ``step`` (the step's own fields), ``winwin`` or ``text`` (``field``)."""
    step_key: str = ""
    note: Note | None = None
    note_id: str = ""
    index: int | None = None
    field: str = ""

    @property
    def key(self) -> tuple[str, str, str, str]:
        """Two pieces with the same key (and no index) can be folded into the later one."""
        note_id = self.note.id if self.note is not None else self.note_id
        return (self.kind, self.step_key, note_id, self.field)


class JournalSource(Protocol):
    """What the journal needs of the editor: the session, and a consistent whole of it."""

    session: Session

    def serialize(self) -> tuple[int, bytes]: ...


@dataclass(frozen=True)
class Base:
    """The saved file the journal's pieces apply to."""

    size: int
    mtime_ns: int
    sha256: str


def journal_folder() -> Path:
    """Where the journals live (not created here)."""
    return paths.state_dir() / FOLDER_NAME


def journal_path(session_path: Path) -> Path:
    """The journal of one session file: a hash of its absolute path."""
    name = hashlib.sha256(str(absolute(session_path)).encode("utf-8", "surrogatepass"))
    return journal_folder() / (name.hexdigest()[:32] + SUFFIX)


def base_copy_path(session_path: Path) -> Path:
    """The journal's own copy of the saved file its pieces apply to (a hard link if possible)."""
    return journal_path(session_path).with_suffix(BASE_SUFFIX)


def side_journal_path(session_path: Path) -> Path:
    """Where the journal goes when the state folder cannot be written: beside the file."""
    target = absolute(session_path)
    return target.with_name(f".{target.name}{SUFFIX}")


def journal_paths(session_path: Path) -> tuple[Path, Path]:
    """Both places a session's journal may be, the usual one first."""
    return journal_path(session_path), side_journal_path(session_path)


def absolute(path: Path) -> Path:
    """``path`` made absolute and resolved as far as it exists (a vanished folder is fine)."""
    try:
        return path.resolve()
    except OSError:
        return Path(os.path.abspath(path))


# -- frames -----------------------------------------------------------------------------------
def frame(kind: str, revision: int, payload: bytes) -> bytes:
    """One record: header line, payload, newline."""
    crc = zlib.crc32(payload)
    head = b"%s %s %d %d %08x\n" % (MAGIC, kind.encode(), revision, len(payload), crc)
    return head + payload + b"\n"


def read_frames(data: bytes) -> Iterator[tuple[str, int, bytes]]:
    """The complete frames of a journal's bytes, in order; stops at the first broken one."""
    position = 0
    while position < len(data):
        end = data.find(b"\n", position, position + 200)
        if end < 0:
            return
        words = data[position:end].split(b" ")
        if len(words) != 5 or words[0] != MAGIC:
            return
        try:
            kind = words[1].decode("ascii")
            revision, length, crc = int(words[2]), int(words[3]), int(words[4], 16)
        except ValueError:
            return
        start = end + 1
        payload = data[start : start + length]
        if len(payload) != length or data[start + length : start + length + 1] != b"\n":
            return
        if zlib.crc32(payload) != crc:
            return
        yield kind, revision, payload
        position = start + length + 1


def head_frame(
    session_path: Path, token: str, segment: int, base_revision: int, base: Base | None
) -> bytes:
    """The ``head`` frame of a journal segment: the file, who writes it, and its base."""
    table: dict[str, Any] = {
        "path": str(session_path),
        "journal": token,
        "segment": segment,
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started": now(),
        "base_revision": base_revision,
    }
    if base is not None:
        table["base"] = {"size": base.size, "mtime_ns": base.mtime_ns, "sha256": base.sha256}
    return frame("head", 0, toml_payload(table))


def toml_payload(table: dict[str, Any]) -> bytes:
    """A table as the payload of a ``head`` or ``op`` frame."""
    return tomli_w.dumps(table, multiline_strings=False).encode("utf-8", "surrogatepass")


def read_payload(payload: bytes) -> dict[str, Any]:
    """The table of a ``head`` or ``op`` frame."""
    return tomlread.loads(payload.decode("utf-8", "surrogatepass"))


def encode_piece(session: Session, piece: Piece) -> dict[str, Any]:
    """The state of a piece now, as the table of an ``op`` frame."""
    table: dict[str, Any] = {"op": piece.kind, "modified": instant(session.modified)}
    if piece.step_key:
        table["step"] = piece.step_key
    if piece.kind == "note" and piece.note is not None:
        table["note"] = encode_note(piece.note)
        if piece.index is not None:
            table["index"] = piece.index
    elif piece.kind == "note_delete":
        table["id"] = piece.note_id
    elif piece.kind == "step":
        step = session.step(piece.step_key)
        values = {
            "status": step.status.value,
            "planned_minutes": step.planned_minutes,
            "spent_seconds": step.spent_seconds,
            "conclusion": text(step.conclusion),
        }
        table["fields"] = {name: value for name, value in values.items() if value}
    elif piece.kind == "winwin":
        table["winwin"] = encode_winwin(session.winwin)
    elif piece.kind == "text":
        table["field"] = piece.field
        table["value"] = text(str(getattr(session, piece.field)))
    return table
