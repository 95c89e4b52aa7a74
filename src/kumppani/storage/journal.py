"""Provides the recovery journal: every edit also goes to local disk within about a second.

While a session is edited, each change made through the ``SessionEditor`` is
recorded here as the *piece* it touched (one note, one step's fields, the
win-win, a step text), not as the whole session, so a keystroke costs the
same in a 10-note and a 10,000-note session: ``record`` only appends to a
list. A background thread writes what has piled up every ``FLUSH_SECONDS``
(write and fsync), so a crash, a killed terminal or a power cut loses at most
about the last second. ``kumppani.storage.recovery`` reads the journal back.

One journal per session file, in ``paths.state_dir()/journal/`` (folder 0700,
files 0600), named by a hash of the file's absolute path. It starts with a
header: the file, who wrote the journal, and the *base*, the saved file's
size, time and sha256 (the file itself holds the content). After every
successful save the journal is compacted to what the save did not yet
include, and removed when that is nothing. When a save fails, the bytes that
could not be written become a ``whole`` record, so the journal alone holds
every note even if the session's folder is gone. Changes the editor cannot
describe as a piece (forms, undo) are recorded as ``whole`` too, serialized
by the flusher, off the UI thread.

The file is a series of frames, ``KJ1 <kind> <revision> <length> <crc32>``
and a newline, then ``length`` bytes and a newline. ``head`` and ``op`` hold
a TOML table, ``whole`` the text of a session file. A frame cut short by a
crash fails its length or checksum and ends the journal there.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import os
import socket
import threading
import weakref
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import tomli_w

from kumppani.fileformat.encode import _note as encode_note  # one note, as the file has it
from kumppani.fileformat.encode import _winwin as encode_winwin
from kumppani.fileformat.encode import instant, text
from kumppani.session.model import Note, Session, now
from kumppani.settings import paths
from kumppani.storage import platform
from kumppani.toml import read as tomlread

FLUSH_SECONDS = 0.5
"""How long a change waits, at most, before the flusher writes it (plus the fsync)."""

FOLDER_NAME = "journal"
SUFFIX = ".journal"
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


@dataclass
class _Entry:
    revision: int
    pieces: tuple[Piece, ...]
    """Empty: the change is not described; write the whole session."""


@dataclass
class _Frame:
    revision: int
    data: bytes


def journal_folder() -> Path:
    """Where the journals live (not created here)."""
    return paths.state_dir() / FOLDER_NAME


def journal_path(session_path: Path) -> Path:
    """The journal of one session file: a hash of its absolute path."""
    name = hashlib.sha256(str(absolute(session_path)).encode("utf-8", "surrogatepass"))
    return journal_folder() / (name.hexdigest()[:32] + SUFFIX)


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


# -- the journal of one open session ----------------------------------------------------------
@dataclass(eq=False)
class Journal:
    """Records the edits of one session and writes them to disk in the background."""

    session_path: Path
    source: JournalSource
    base: Base | None = None
    interval: float = FLUSH_SECONDS
    base_revision: int = 0
    """The revision of the editor that the saved file (``base``) holds."""
    file: Path = field(init=False)
    last_error: OSError | None = field(default=None, init=False)
    """The last failure to write the journal (the state folder full or gone), None if fine."""
    _pending: list[_Entry] = field(default_factory=list, init=False, repr=False)
    _written: list[_Frame] = field(default_factory=list, init=False, repr=False)
    _exists: bool = field(default=False, init=False, repr=False)
    _whole_revision: int = field(default=-1, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _wake: threading.Condition = field(init=False, repr=False)
    _io: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _thread: threading.Thread | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.session_path = absolute(self.session_path)
        self.file = journal_path(self.session_path)
        self._wake = threading.Condition(self._lock)

    # -- called by the editor (any thread) ---------------------------------------------------
    def record(self, revision: int, pieces: tuple[Piece, ...]) -> None:
        """A change reached ``revision``; ``pieces`` says what it touched (empty: unknown)."""
        with self._lock:
            last = self._pending[-1] if self._pending else None
            if (
                last is not None
                and pieces
                and len(pieces) == len(last.pieces) == 1
                and pieces[0].index is None
                and last.pieces[0].index is None
                and pieces[0].key == last.pieces[0].key
            ):
                last.revision = revision  # typing in one field: only the latest state counts
            else:
                self._pending.append(_Entry(revision, pieces))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="kumppani-journal", daemon=True
                )
                self._thread.start()
                _LIVE.add(self)

    def saved(self, revision: int, size: int, mtime_ns: int, sha256: str) -> None:
        """``revision`` is in the file now: keep only what came later (or nothing)."""
        with self._io:
            self.base = Base(size, mtime_ns, sha256)
            self.base_revision = revision
            with self._lock:
                self._pending = [entry for entry in self._pending if entry.revision > revision]
            keep = [item for item in self._written if item.revision > revision]
            try:
                if keep:
                    self._rewrite(keep)
                else:
                    self._remove()
            except OSError as error:
                self.last_error = error
            self._written = keep

    def moved(self, session_path: Path, revision: int, size: int, mtime_ns: int, sha: str) -> None:
        """The session was saved as ``session_path`` (``revision``): journal it there now."""
        with self._io:
            with contextlib.suppress(OSError):
                self._remove()
            self.session_path = absolute(session_path)
            self.file = journal_path(self.session_path)
        self.saved(revision, size, mtime_ns, sha)

    def save_failed(self, revision: int, data: bytes) -> None:
        """A save of ``revision`` failed: keep its bytes, so the journal alone holds them."""
        with self._io:
            if revision <= self._whole_revision:
                return
            whole = _Frame(revision, frame("whole", revision, data))
            keep = [whole, *(item for item in self._written if item.revision > revision)]
            with self._lock:
                self._pending = [entry for entry in self._pending if entry.revision > revision]
            try:
                self._rewrite(keep)
            except OSError as error:
                self.last_error = error
                return
            self._written = keep
            self._whole_revision = revision

    def flush(self) -> None:
        """Write everything recorded so far, now, in this thread (before exiting, in tests)."""
        self._write_pending()

    @property
    def pending(self) -> int:
        """How many recorded changes are not on disk yet."""
        with self._lock:
            return len(self._pending)

    def discard(self) -> None:
        """Forget everything and remove the file (the user chose to throw the edits away)."""
        with self._io:
            with self._lock:
                self._pending = []
            self._written = []
            with contextlib.suppress(OSError):
                self._remove()

    # -- the flusher thread ------------------------------------------------------------------
    def _run(self) -> None:
        failures = 0
        while True:
            with self._lock:
                self._wake.wait(min(60.0, self.interval * 2**failures))
                if not self._pending:
                    self._thread = None
                    return
            self._write_pending()
            failures = failures + 1 if self.last_error is not None else 0

    def _write_pending(self) -> None:
        with self._io:
            with self._lock:
                batch, self._pending = self._pending, []
            if not batch:
                return
            try:
                if any(not entry.pieces for entry in batch):
                    revision, data = self.source.serialize()
                    whole = _Frame(revision, frame("whole", revision, data))
                    self._rewrite([whole])
                    self._written = [whole]
                else:
                    frames = [self._encode(entry) for entry in batch]
                    self._append(frames)
                    self._written.extend(frames)
                self.last_error = None
            except OSError as error:  # the state folder is full or gone: try again later
                self.last_error = error
                with self._lock:
                    self._pending[:0] = batch
            except Exception:  # a session that cannot be serialized: keep the pieces known
                frames = [self._encode(entry) for entry in batch if entry.pieces]
                with contextlib.suppress(OSError):
                    self._append(frames)
                    self._written.extend(frames)

    def _encode(self, entry: _Entry) -> _Frame:
        session = self.source.session
        payload = b"".join(
            frame("op", entry.revision, toml_payload(encode_piece(session, piece)))
            for piece in entry.pieces
        )
        return _Frame(entry.revision, payload)

    # -- files -------------------------------------------------------------------------------
    def _header(self) -> bytes:
        table: dict[str, Any] = {
            "path": str(self.session_path),
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started": now(),
            "base_revision": self.base_revision,
        }
        if self.base is not None:
            table["base"] = {
                "size": self.base.size,
                "mtime_ns": self.base.mtime_ns,
                "sha256": self.base.sha256,
            }
        return frame("head", 0, toml_payload(table))

    def _append(self, frames: list[_Frame]) -> None:
        if not frames:
            return
        try:
            if not self._exists:
                raise FileNotFoundError(self.file)
            descriptor = os.open(self.file, os.O_WRONLY | os.O_APPEND)
        except FileNotFoundError:  # new, or removed behind our back: start it again
            self._rewrite(self._written + frames)
            return
        try:
            os.write(descriptor, b"".join(item.data for item in frames))
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

    def _rewrite(self, frames: list[_Frame]) -> None:
        folder = ensure_folder(self.file.parent)
        temp = folder / f".{self.file.name}.{os.getpid()}.tmp"
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(descriptor, self._header() + b"".join(item.data for item in frames))
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        platform.replace(temp, self.file)
        platform.fsync_folder(folder)
        self._exists = True

    def _remove(self) -> None:
        self._exists = False
        with contextlib.suppress(FileNotFoundError):
            platform.remove(self.file)


_LIVE: weakref.WeakSet[Journal] = weakref.WeakSet()
"""Journals whose flusher has run: written once more when Python exits normally."""


@atexit.register
def _flush_at_exit() -> None:
    for journal in list(_LIVE):
        with contextlib.suppress(Exception):
            journal.flush()


def ensure_folder(folder: Path) -> Path:
    """The journal folder, created readable by the user only."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):
        platform.set_path_mode(folder, 0o700)
    return folder
