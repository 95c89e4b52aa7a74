"""Provides the recovery journal: every edit also goes to local disk within about a second.

While a session is edited, each change made through the ``SessionEditor`` is recorded here
as the *piece* it touched (one note, one step's fields, the win-win, a step text), not as
the whole session, so a keystroke costs the same in a 10-note and a 10,000-note session:
``record`` only appends to a list. A background thread writes what has piled up every
``FLUSH_SECONDS`` (write and fsync), so a crash, a killed terminal or a power cut loses at
most about the last second. ``kumppani.storage.recovery`` reads the journal back; the file
format is in ``journal_frames``, the careful writes in ``journal_disk``.

One journal per session file, in ``paths.state_dir()/journal/`` (folder 0700, files 0600),
named by a hash of the file's resolved path; its header names the file and the *base* (the
saved file's size, time and sha256). A save compacts it to what the save did not include, or
removes it. A failed save's bytes become a ``whole`` record (the journal alone then holds
every note), where there is room outside the reserve; else the pieces stay, with the
journal's copy of the saved file. Changes not described as a piece (forms, undo) are
recorded ``whole`` too, serialized by the flusher, off the UI thread.

Where the edits are (``health``): ``ok`` in the journal; ``reserve`` in it, but without the
reserve kept for a full disk (``journal_disk``: made as the session opens, used up, made
again by the next write or save that finds room); ``aside`` beside the session file, the
state folder cannot be written (``aside_error`` says why); ``memory`` nowhere on disk
(``last_error`` says why; tried again). Shown in the status line and before quitting. A
compaction with no room appends: the journal grows by whole frames only. Drafts ride along.
"""

from __future__ import annotations

import atexit
import contextlib
import threading
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kumppani.storage import journal_disk as disk
from kumppani.storage import platform
from kumppani.storage.journal_drafts import Drafts
from kumppani.storage.journal_frames import (
    BASE_SUFFIX,
    SUFFIX,
    Base,
    JournalSource,
    Piece,
    absolute,
    encode_piece,
    frame,
    head_frame,
    journal_path,
    side_journal_path,
    toml_payload,
)

__all__ = ["FLUSH_SECONDS", "SUFFIX", "Base", "Journal", "JournalSource", "Piece", "absolute"]

FLUSH_SECONDS = 0.5
"""How long a change waits, at most, before the flusher writes it (plus the fsync)."""

RETRY_MAX = 2.0
"""While nothing can be written, tried again at most this far apart (new notes wait no longer)."""
HEALTHS = ("ok", "reserve", "aside", "memory")


@dataclass
class _Entry:
    revision: int
    pieces: tuple[Piece, ...]
    """Empty: the change is not described; write the whole session."""


@dataclass
class _Frame:
    revision: int
    data: bytes


def _joined(frames: list[_Frame]) -> bytes:
    return b"".join(item.data for item in frames)


@dataclass(eq=False)
class Journal:
    """Records the edits of one session and writes them to disk in the background."""

    session_path: Path
    source: JournalSource
    base: Base | None = None
    interval: float = FLUSH_SECONDS
    base_revision: int = 0
    """The revision of the editor that the saved file (``base``) holds."""
    last_error: OSError | None = field(default=None, init=False)
    """The last failure to write the journal anywhere, None once a write worked."""
    aside_error: OSError | None = field(default=None, init=False)
    """Why the state folder could not be written, while the journal is beside the session."""
    health: str = field(default="ok", init=False)
    """Where the edits are safe now: one of ``HEALTHS`` (see the module)."""
    _pending: list[_Entry] = field(default_factory=list, init=False, repr=False)
    _written: list[_Frame] = field(default_factory=list, init=False, repr=False)
    _disk: disk.OnDisk = field(init=False, repr=False)
    """The journal on disk now (in the state folder, or beside the session)."""
    _whole_revision: int = field(default=-1, init=False, repr=False)
    _primary: Path = field(init=False, repr=False)
    """The journal in the state folder, named when the journal began."""
    _drafts: Drafts = field(default_factory=Drafts, init=False, repr=False)
    _base_kept: Base | None = field(default=None, init=False, repr=False)
    """The saved version ``base_copy_path`` holds now."""
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _wake: threading.Condition = field(init=False, repr=False)
    _io: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _thread: threading.Thread | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.session_path = absolute(self.session_path)
        self._primary = journal_path(self.session_path)  # the state folder as it is now
        self._disk = disk.OnDisk(self._primary)
        self._wake = threading.Condition(self._lock)
        threading.Thread(target=self._first_reserve, name="kumppani-reserve", daemon=True).start()

    def _first_reserve(self) -> None:
        with self._io:  # the reserve made as the session opens, before a disk may fill
            self._check_reserve()

    @property
    def file(self) -> Path:
        """Where the journal is written now (the state folder, or beside the session)."""
        return self._disk.file

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
            self._start_flusher()

    def draft(self, key: str, table: dict[str, Any]) -> None:
        """Typing not in the session yet (``journal_drafts``); an empty table: gone."""
        with self._lock:
            self._drafts.set(key, table)
            self._start_flusher()

    def _start_flusher(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="kumppani-journal", daemon=True)
            self._thread.start()
            _LIVE.add(self)

    def saved(self, revision: int, size: int, mtime_ns: int, sha256: str) -> None:
        """``revision`` is in the file now: keep only what came later (or nothing)."""
        with self._io:
            self.base = Base(size, mtime_ns, sha256)
            self.base_revision = revision
            with self._lock:
                self._pending = [entry for entry in self._pending if entry.revision > revision]
                drafted = self._drafts.take()  # as they are now (a note just added is no draft)
            keep = [item for item in self._written if item.revision > revision]
            if not keep and not self._drafts.live:
                self._remove()
                self._written = []
                self.last_error, self.health = None, "ok"
            else:  # written again with the new base in its header, or recovery would call
                with contextlib.suppress(OSError):  # the save a change from outside
                    self._store(keep, fresh=True, may_append=False, drafts=b"".join(drafted))
            self._check_reserve()  # the save found room: the reserve may fit again

    def moved(self, session_path: Path, revision: int, size: int, mtime_ns: int, sha: str) -> None:
        """The session was saved as ``session_path`` (``revision``): journal it there now."""
        with self._io:
            self._remove()
            self.session_path = absolute(session_path)
            self._primary = journal_path(self.session_path)
            self._disk = disk.OnDisk(self._primary)
        self.saved(revision, size, mtime_ns, sha)

    def save_failed(self, revision: int, data: bytes) -> None:
        """A save of ``revision`` failed: keep its bytes, so the journal alone holds them."""
        with self._io:
            if revision <= self._whole_revision:
                return
            whole = _Frame(revision, frame("whole", revision, data))
            keep = [whole, *(item for item in self._written if item.revision > revision)]
            with self._lock:
                covered = [entry for entry in self._pending if entry.revision <= revision]
                self._pending = [entry for entry in self._pending if entry.revision > revision]
            stored = False
            if self.health != "reserve":  # the reserve, or what is left, is for the notes
                with contextlib.suppress(OSError):
                    self._store(keep, fresh=True, use_reserve=False)
                    stored = True
            if not stored:  # no room for the whole file: its changes go in as pieces instead
                with self._lock:
                    self._pending[:0] = covered
                self._write_batch()
                return
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
                self._pending, self._drafts = [], Drafts()
            self._written = []
            self._remove()

    # -- the flusher thread ------------------------------------------------------------------
    def _run(self) -> None:
        failures = 0
        while True:
            with self._lock:
                self._wake.wait(min(RETRY_MAX, self.interval * 2**failures))
                if not self._pending and not self._drafts.pending:
                    self._thread = None
                    return
            self._write_pending()
            failures = failures + 1 if self.last_error is not None else 0

    def _write_pending(self) -> None:
        with self._io:
            self._write_batch()

    def _write_batch(self) -> None:
        """Write what is pending (the caller holds ``_io``); on failure it stays pending."""
        with self._lock:
            batch, self._pending = self._pending, []
            drafts = self._drafts.take()
        if not batch and not drafts:
            return
        described = [entry for entry in batch if entry.pieces]
        try:
            if len(described) < len(batch):
                revision, data = self.source.serialize()
                self._store([_Frame(revision, frame("whole", revision, data))], fresh=True)
            else:
                frames = [self._encode(entry) for entry in batch]
                self._store(frames, fresh=False, drafts=b"".join(drafts))
        except OSError as error:  # no room for it all: the pieces at least, then retry
            self.last_error, self.health = error, "memory"
            with self._lock:
                self._drafts.put_back(drafts)
            undescribed = [entry for entry in batch if not entry.pieces]
            if undescribed and described:
                with contextlib.suppress(OSError):
                    self._store([self._encode(entry) for entry in described], fresh=False)
                    batch = undescribed
                    self.last_error, self.health = error, "memory"
            with self._lock:
                self._pending[:0] = batch
        except Exception:  # a session that cannot be serialized: keep the pieces known
            frames = [self._encode(entry) for entry in batch if entry.pieces]
            with contextlib.suppress(OSError):
                self._store(frames, fresh=False)

    def _encode(self, entry: _Entry) -> _Frame:
        session = self.source.session
        payload = b"".join(
            frame("op", entry.revision, toml_payload(encode_piece(session, piece)))
            for piece in entry.pieces
        )
        return _Frame(entry.revision, payload)

    # -- where the frames go -----------------------------------------------------------------
    def _store(
        self,
        frames: list[_Frame],
        *,
        fresh: bool,
        may_append: bool = True,
        drafts: bytes = b"",
        use_reserve: bool = True,
    ) -> None:
        """Put ``frames`` on disk, in the first place that takes them (see the module).

        ``fresh``: the journal becomes just these frames (a compaction, a whole session);
        otherwise they are added to what was written. A fresh journal that finds no room
        for a new file is added to the old one instead if ``may_append``. OSError if no
        place takes them. ``drafts``: draft frames to add too (a journal written anew gets
        every draft that still holds text instead). ``use_reserve``: the reserve may be
        released for them when the disk is full.
        """
        if not frames and not drafts and not (fresh and self._drafts.live):
            return  # (a fresh journal holding only live drafts is written: its header is new)
        primary, side = self._primary, side_journal_path(self.session_path)
        error: OSError | None = None
        for place in (primary, side):
            for attempt in ("write", "reserve"):
                try:
                    here, written = self._put(place, frames, fresh, may_append, drafts)
                except OSError as failure:
                    error = failure
                    if place == primary:
                        self.aside_error = failure
                    if (
                        failure.errno in disk.SPACE_ERRORS
                        and attempt == "write"
                        and use_reserve
                        and disk.release_reserve(primary.parent)
                    ):
                        continue  # the reserve is free now: once more, same place
                    break
                self._arrived(here, written)
                return
        assert error is not None
        raise error

    def _put(
        self, place: Path, frames: list[_Frame], fresh: bool, may_append: bool, drafts: bytes
    ) -> tuple[disk.OnDisk, list[_Frame]]:
        """Write ``frames`` at ``place``; the journal there and the frames it holds now."""
        if place == self._primary:
            disk.ensure_folder(place.parent)
        here = self._disk if place == self._disk.file else disk.OnDisk(place)
        live = self._drafts.on_disk()
        if here.good is not None and not fresh:
            with contextlib.suppress(FileNotFoundError):  # gone: written anew below
                here.append(self._header, _joined(frames) + drafts)
                return here, self._written + frames
        elif here.good is not None:
            try:
                here.fresh(self._header, _joined(frames) + live)
                return here, frames
            except OSError as error:  # no room for a new file: add them to the old one
                if error.errno not in disk.SPACE_ERRORS or not may_append:
                    raise
                here.append(self._header, _joined(frames) + drafts)
                return here, self._written + frames
        everything = frames if fresh else self._written + frames
        here.fresh(self._header, _joined(everything) + live)
        return here, everything

    def _keep_base(self) -> None:
        """Keep the journal's own copy of the saved file (best effort: the file may be gone)."""
        base = self.base
        if base is None or base == self._base_kept:
            return
        copy = self._primary.with_suffix(BASE_SUFFIX)
        if disk.keep_copy(self.session_path, copy, base.size, base.mtime_ns):
            self._base_kept = base

    def _arrived(self, here: disk.OnDisk, written: list[_Frame]) -> None:
        primary, place = self._primary, here.file
        if here is not self._disk:
            self._disk.remove()  # one journal at a time: the other place is older
        self._disk, self._written, self.last_error = here, written, None
        if place == primary:
            self._keep_base()
            self.aside_error = None
        self.health = "aside" if place != primary else "ok"
        self._check_reserve()

    def _check_reserve(self) -> None:
        """After a write or save that worked: the reserve made again if room, else ``reserve``."""
        if self.health not in ("ok", "reserve") or self._disk.file != self._primary:
            return
        headroom = max(disk.RESERVE_HEADROOM, self.base.size if self.base else 0)  # a save
        kept = disk.keep_reserve(self._primary.parent, headroom)
        self.health = "ok" if kept else "reserve"

    def _header(self, token: str, segment: int) -> bytes:
        return head_frame(self.session_path, token, segment, self.base_revision, self.base)

    def _remove(self) -> None:
        self._base_kept = None
        self._disk.remove()
        disk.OnDisk(side_journal_path(self.session_path)).remove()
        disk.OnDisk(self._primary).remove()
        with contextlib.suppress(OSError):
            platform.remove(self._primary.with_suffix(BASE_SUFFIX))
        self._disk = disk.OnDisk(self._primary)


_LIVE: weakref.WeakSet[Journal] = weakref.WeakSet()


@atexit.register
def flush_all() -> None:
    """Write every journal whose flusher has run (at exit; on a signal: ``last_write``)."""
    for journal in list(_LIVE):
        with contextlib.suppress(Exception):
            journal.flush()
