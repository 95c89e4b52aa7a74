"""Provides an open session's document: its file, its revisions, and saving it.

``SessionDocument`` holds the session, the file it belongs to and how far it
has been saved; ``SessionEditor`` (``kumppani.editing.editor``) builds the
edits with undo and redo on it. Every change ends in ``changed``, so that the
revision counter, ``session.modified``, the recovery journal and the autosave
listeners all see it. No Textual here.

Saving may run in a worker thread. Serializing a big session takes a while
(about 0.6 s for 10,000 notes), so it does not hold the lock the mutations
take: it counts the structural changes (notes added, removed, moved; forms)
and, if one happened while it read the session, it reads again. Field
assignments are atomic, so a read that saw no structural change is a
consistent picture. Only after repeated collisions does it hold the lock.
The file is written outside the lock, so typing never waits for the disk.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from kumppani.errors import KumppaniError, Message, NewerFormatError, SaveError, os_reason
from kumppani.fileformat import parse_session
from kumppani.fileformat.pacing import unpaced
from kumppani.session.format_version import FORMAT_VERSION, newer_format
from kumppani.session.model import Session, Step
from kumppani.session.template import StepTemplate, Template
from kumppani.session.template_sources import default_template, find_template
from kumppani.storage import swap
from kumppani.storage.conflicts import checked_write, forced_write
from kumppani.storage.files import Snapshot, read_text, session_bytes, snapshot_of
from kumppani.storage.journal import Journal, Piece
from kumppani.storage.save_errors import clean_stale_temps
from kumppani.toml.source import text_of

Listener = Callable[[str], None]

LIGHT_CHANGES = frozenset({"note", "time", "conclusion", "winwin", "status"})
"""Changes that only assign fields (``changed(what)``); every other ``what`` may restructure."""

SERIALIZE_ATTEMPTS = 3
"""Reads without the lock before a save holds it."""


class ReadOnlyError(KumppaniError):
    """The session was opened read-only (or is in a newer format) and cannot change."""


@dataclass
class SessionDocument:
    """One open session, the file it belongs to, and how far it has been saved."""

    session: Session
    path: Path | None
    read_only: bool = False
    template: Template = field(default_factory=default_template)
    snapshot: Snapshot | None = None
    revision: int = 0
    """Bumped on every change."""
    saved_revision: int = 0
    """The revision that is on disk."""
    _listeners: list[Listener] = field(default_factory=list, repr=False)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    """Held while the session is mutated or serialized."""
    _structure: int = field(default=0, repr=False)
    """Counts changes to lists and whole objects, which a concurrent read could see half-done."""
    _write_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    journal: Journal | None = field(default=None, repr=False)
    """The recovery journal every change also goes to (the app attaches one)."""
    base_data: bytes | None = field(default=None, repr=False)
    """The bytes of the file as last read or written: the base of a merge with outside changes."""
    kept_versions: list[Path] = field(default_factory=list, repr=False)
    """Other versions of the file that a killed save left beside it, found at open
    (``storage.swap.kept_backups``): maybe an outside change; never removed unread."""

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, *, read_only: bool = False, config_dir: Path | None = None) -> Self:
        """Read ``path``; a file in a newer format opens read-only (it is never overwritten)."""
        text, data = read_text(path)
        session, snapshot = parse_session(text, path), snapshot_of(path, data)
        if not read_only:
            clean_stale_temps(path.parent)
        newer = session.format_version.major > FORMAT_VERSION.major
        template = template_for(session, config_dir)
        document = cls(session, path, read_only or newer, template, snapshot)
        document.base_data = data
        if not read_only:
            document.kept_versions = swap.kept_backups(path)
        return document

    @classmethod
    def new(cls, session: Session, path: Path | None, *, template: Template | None = None) -> Self:
        """A session not yet on disk: it counts as changed, so the first autosave writes it."""
        editor = cls(session, path, False, template or template_for(session, None))
        editor.revision = 1
        return editor

    # -- state -------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        """True while there are changes that are not on disk."""
        return self.revision != self.saved_revision

    @property
    def newer_format(self) -> bool:
        """True when the file was written by a newer kumppani."""
        return self.session.format_version.major > FORMAT_VERSION.major

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(what)`` after every change (the autosave uses this)."""
        self._listeners.append(listener)

    def step(self, step_key: str) -> Step:
        """The session's step with this key."""
        return self.session.step(step_key)

    def step_template(self, step_key: str) -> StepTemplate:
        """The template's step with this key."""
        return self.template.step(step_key)

    def changed(self, what: str = "", *pieces: Piece) -> None:
        """Record a change already made to ``self.session``.

        ``pieces`` tell the recovery journal what changed; without them it keeps the whole.
        """
        self._check_writable()
        with self.lock:
            self.revision += 1
            revision = self.revision
            if what not in LIGHT_CHANGES:
                self._structure += 1
            self.session.touch()
        if self.journal is not None:
            self.journal.record(revision, pieces)
        for listener in list(self._listeners):
            listener(what)

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(Message("problem.read_only"))

    # -- saving ------------------------------------------------------------------------------
    def serialize(self) -> tuple[int, bytes]:
        """The revision and the exact bytes to save, taken consistently under the lock."""
        if self.path is None:
            raise SaveError(Path("<session>"), Message("problem.no_file"))
        if self.newer_format:
            newer = newer_format(self.session.format_version)
            raise NewerFormatError(self.path, newer, field="format_version")
        if self.read_only:
            raise SaveError(self.path, Message("problem.read_only"))
        for _ in range(SERIALIZE_ATTEMPTS):
            revision, structure = self.revision, self._structure
            try:
                data = session_bytes(self.session, self.path)
            except RuntimeError:  # a mapping changed size while it was read
                continue
            if structure == self._structure:
                return revision, data
        with self.lock, unpaced():  # the UI thread may wait for this lock: never pause in it
            return self.revision, session_bytes(self.session, self.path)

    def write(self, revision: int, data: bytes, *, force: bool = False) -> Snapshot:
        """Write bytes from ``serialize`` atomically and record ``revision`` as saved.

        Raises ``ConflictError`` (nothing written) if the file changed outside since it
        was loaded or saved, unless ``force`` (the user chose to keep theirs over it).
        """
        assert self.path is not None
        with self._write_lock:  # one writer at a time, and never an older revision last
            if revision < self.saved_revision and self.snapshot is not None:
                return self.snapshot
            try:
                if force:
                    snapshot = forced_write(self.path, data)
                else:
                    snapshot = checked_write(self.path, data, self.snapshot)
            except (KumppaniError, OSError) as error:
                if self.journal is not None:  # the journal keeps what could not be written
                    self.journal.save_failed(revision, data)
                if isinstance(error, OSError):
                    raise SaveError(self.path, os_reason(error), errno=error.errno) from None
                raise
            with self.lock:
                self.snapshot, self.base_data = snapshot, data
                self.saved_revision = max(self.saved_revision, revision)
            if self.journal is not None:
                self.journal.saved(revision, snapshot.size, snapshot.mtime_ns, snapshot.sha256)
        return snapshot

    def adopt_merge(self, session: Session, snapshot: Snapshot, data: bytes) -> None:
        """Go on with ``session``: mine merged with the file as it now is (``data``).

        The file becomes the base of the next merge and the next checked save; the
        merged session counts as a change, so the next save writes it.
        """
        with self._write_lock, self.lock:
            self.session, self.snapshot, self.base_data = session, snapshot, data
            self._structure += 1
            self.revision += 1
            revision = self.revision
        if self.journal is not None:  # journaled whole: the pieces no longer apply
            self.journal.record(revision, ())
        for listener in list(self._listeners):
            listener("merge")

    def warm_up(self) -> None:
        """Do the slow part of a first save now, for a worker thread once the session shows.

        A save checks each note's text once and keeps it (``fileformat.fragments``),
        so the first save after opening costs several times what later ones do.
        Run early, the first autosave costs what the others do. Writes nothing; a
        failure here is left to the real save to report.
        """
        if self.path is None or self.read_only or self.newer_format:
            return
        try:
            session_bytes(self.session, self.path)
        except (KumppaniError, RuntimeError):  # RuntimeError: a note list changed meanwhile
            return

    def save(self, *, force: bool = False) -> Snapshot:
        """Save now; raises SaveError, NewerFormatError or ConflictError, file unchanged."""
        revision, data = self.serialize()
        return self.write(revision, data, force=force)

    def save_as(self, path: Path) -> Snapshot:
        """Save to ``path`` (a new file the caller claimed) and go on editing there."""
        revision, data = self.serialize()
        with self._write_lock:
            snapshot = forced_write(path, data)
            with self.lock:
                self.path, self.snapshot, self.base_data = path, snapshot, data
                self.saved_revision = max(self.saved_revision, revision)
            if self.journal is not None:
                self.journal.moved(
                    path, revision, snapshot.size, snapshot.mtime_ns, snapshot.sha256
                )
        return snapshot

    def reload(self) -> None:
        """Replace the session by the file on disk, as saved (the user chose theirs)."""
        assert self.path is not None
        data = read_text(self.path)[1]
        self.adopt_file(snapshot_of(self.path, data), data)

    def adopt_file(self, snapshot: Snapshot, data: bytes) -> None:
        """Replace the session by the file as it was read (``data``): nothing to save.

        The file is not read again, so it may have changed or gone since (the next
        look or save finds that); ``data`` parsed once already and parses again.
        """
        assert self.path is not None
        session = parse_session(text_of(data), self.path)
        with self._write_lock, self.lock:
            self.session, self.snapshot, self.base_data = session, snapshot, data
            self._structure += 1
            self.saved_revision = revision = self.revision
        if self.journal is not None:  # the edits were given up for the file as it is
            self.journal.saved(revision, snapshot.size, snapshot.mtime_ns, snapshot.sha256)


def template_for(session: Session, config_dir: Path | None) -> Template:
    """The session's template, the newest of that id, or the built-in one."""
    found = find_template(session.template_id, config_dir, session.template_version)
    found = found or find_template(session.template_id, config_dir)
    return found or default_template()
