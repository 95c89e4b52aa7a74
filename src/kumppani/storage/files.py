"""Provides reading and atomic writing of session files.

A save builds the whole text first, parses it back, checks it reads as the same
document and validates it as a session, and only then touches the disk: a
temporary file in the same folder, flushed and fsynced, renamed over the
target with ``os.replace`` (retried for about two seconds while Windows reports
the target held open by another program) and the folder fsynced. The target's
permission bits are kept; a new file is made readable by its owner only, as
sessions hold personal data (on Windows, the folder's access list decides:
``platform.set_file_mode``). If anything fails, the old file is untouched and no temporary
file is left. The parse-back is done in parts (``fileformat.fragments``): a
part of the text unchanged since an earlier save, such as a note, was checked
then and is not parsed again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kumppani.errors import (
    Message,
    NewerFormatError,
    SaveError,
    SessionFileError,
    os_reason,
    read_problem,
)
from kumppani.fileformat import decode_session, encode_session, parse_session
from kumppani.fileformat.fragments import DumpCheckError, checked_dump_bytes
from kumppani.fileformat.layout import LayoutError, comments, layout_dump, same_document
from kumppani.fileformat.note_memo import NOTES
from kumppani.fileformat.pacing import checkpoint
from kumppani.session.format_version import FORMAT_VERSION, newer_format
from kumppani.session.model import Session
from kumppani.storage import platform
from kumppani.toml import read as tomlread
from kumppani.toml.source import not_regular_reason, read_source, text_of

SUFFIX = ".toml"
TEMP_PREFIX = ".kumppani-"
TEMP_SUFFIX = ".tmp"
NEW_FILE_MODE = 0o600


@dataclass(frozen=True)
class Snapshot:
    """What a session file looked like when it was last read or written."""

    size: int
    mtime_ns: int
    sha256: str


def read_text(path: Path) -> tuple[str, bytes]:
    """The file's text and bytes; a located error if it is not UTF-8 or not a regular file.

    A byte order mark is dropped from the text, kept in the bytes (see ``toml.source``).
    """
    try:
        data = read_source(path)
    except OSError as error:
        raise SessionFileError(path, read_problem(error)) from None
    try:
        return text_of(data), data
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        not_utf8, utf8 = Message("problem.not_utf8"), Message("expected.utf8")
        raise SessionFileError(path, not_utf8, line=line, column=column, expected=utf8) from None


def snapshot_of(path: Path, data: bytes) -> Snapshot:
    """Size, modification time and hash of ``data`` as stored at ``path``."""
    info = path.stat()
    return Snapshot(info.st_size, info.st_mtime_ns, hashlib.sha256(data).hexdigest())


def load_session(path: Path) -> Session:
    """Read and validate a session file."""
    return read_session(path)[0]


def read_session(path: Path) -> tuple[Session, Snapshot]:
    """Read and validate a session file, with a snapshot to detect later outside changes."""
    text, data = read_text(path)
    session = parse_session(text, path)
    return session, snapshot_of(path, data)


def session_bytes(session: Session, path: Path | None = None) -> bytes:
    """The exact bytes a save would write, checked to read back as the same document.

    A file read with comments or unknown keys is written into its own text
    (``fileformat.layout``), so they stay where they were written; where that
    cannot be done, the fixed layout is written (``kept_layout`` tells beforehand).
    """
    document = encode_session(session, NOTES)  # unchanged notes: their tables as last time
    checkpoint()
    kept = _in_layout(document, session.layout)
    try:
        if kept is not None:  # (the text the file's own layout gave)
            data, reparsed = kept[0].encode("utf-8", errors="replace"), kept[1]
        else:
            data, reparsed = checked_dump_bytes(document)
    except DumpCheckError as error:  # a writer bug: never write such bytes
        raise SaveError(path or Path("<session>"), str(error)) from None
    checkpoint()
    try:  # never write a file that kumppani itself would refuse to open
        decode_session(reparsed, path, check=True)
    except SessionFileError:
        try:  # again with the text, so the reason names the line
            decode_session(reparsed, path, data.decode("utf-8", errors="replace"), check=True)
        except SessionFileError as error:
            would_not_load = Message("problem.would_not_load", reason=error)
            raise SaveError(path or Path("<session>"), would_not_load) from None
        raise  # (cannot happen: the same document was refused a moment ago)
    return data


def _in_layout(document: dict[str, Any], layout: str | None) -> tuple[str, Any] | None:
    """The document written into ``layout`` and read back, if it reads back as the document."""
    if layout is None:
        return None
    try:
        text = layout_dump(document, layout)
        reparsed = tomlread.loads(text)
    except (LayoutError, tomlread.TOMLDecodeError, RecursionError):
        return None
    return (text, reparsed) if same_document(reparsed, document) else None


def kept_layout(session: Session) -> bool:
    """True if a save keeps the file's comments and unknown keys where they are (or has none)."""
    return session.layout is None or _in_layout(encode_session(session), session.layout) is not None


def lost_comments(session: Session) -> list[tuple[int, str]]:
    """The comments (line, text) of the file that a save of ``session`` would drop."""
    if kept_layout(session):
        return []
    assert session.layout is not None
    return comments(session.layout)


def save_session(session: Session, path: Path) -> Snapshot:
    """Write the session to ``path`` atomically; return the snapshot of what was written."""
    if session.format_version.major > FORMAT_VERSION.major:
        raise NewerFormatError(path, newer_format(session.format_version), field="format_version")
    data = session_bytes(session, path)
    write_atomic(path, data)
    return written_snapshot(path, data)


def claim_new_file(path: Path) -> bool:
    """Create ``path`` empty (owner-only) if nobody has, so two runs never pick the same name."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, NEW_FILE_MODE)
    except FileExistsError:
        return False
    except (OSError, ValueError) as error:
        raise save_error(path, error) from None
    os.close(descriptor)
    return True


def claim_unique_file(folder: Path, name: str) -> Path:
    """A new file claimed in ``folder``: ``name``, else ``name`` with -2, -3 … added."""
    from kumppani.settings.paths import unique_path

    path = unique_path(folder, name)
    while not claim_new_file(path):
        path = unique_path(folder, name)
    return path


TRASH_FOLDER = ".trash"
"""Where files set aside go: a hidden folder beside them, never read as sessions."""


def move_to_trash(path: Path) -> Path:
    """Move ``path`` into ``.trash/`` in its folder (under a free name); return where it went."""
    trash = path.parent / TRASH_FOLDER
    try:
        trash.mkdir(exist_ok=True)
    except OSError as error:
        raise SaveError(path, os_reason(error)) from None
    target = claim_unique_file(trash, path.name)
    try:
        platform.replace(path, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            platform.remove(target)  # the claim, left empty: nothing was moved
        raise SaveError(path, os_reason(error)) from None
    return target


def _mode_for(path: Path) -> int:
    """The mode to keep for ``path`` (new files: owner-only); one ``stat`` for both checks.

    A ``SaveError`` if ``path`` is a device, a named pipe or a socket: replacing one
    would swap it for a plain file (``-o /dev/full`` as root removed the device), so
    such a target is refused before anything is written.
    """
    try:
        info = path.stat()
    except (OSError, ValueError):  # gone, unreadable, a bad name: the save itself says why
        return NEW_FILE_MODE
    if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        raise SaveError(path, not_regular_reason(info.st_mode))
    return stat.S_IMODE(info.st_mode)


def link_target(path: Path) -> Path:
    """Where ``path`` leads if it is a symbolic link (followed to the end), else ``path``."""
    try:
        return path.resolve() if path.is_symlink() else path
    except (OSError, ValueError):  # a loop of links, a bad name: writing it will say so
        return path


def write_atomic(
    path: Path, data: bytes, put: Callable[[Path, Path], None] = platform.replace
) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file.

    Any failure, on any platform, is a ``SaveError`` (the old file untouched,
    the temporary file removed): a refused disk (``OSError``), a path the
    system cannot take (``ValueError``: a NUL, a name not encodable), and a
    target Windows keeps held open past the retries of ``platform.replace``.
    A symbolic link is kept: its target is replaced, atomically, in the target's folder.
    ``put(temp, path)`` moves the written temporary file into place (``storage.swap``
    swaps instead, to see what it replaced).
    """
    path = link_target(path)
    folder = path.parent
    mode = _mode_for(path)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    except (OSError, ValueError) as error:
        raise save_error(path, error) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            platform.set_file_mode(stream.fileno(), temp, mode)
            os.fsync(stream.fileno())
        put(temp, path)
    except (OSError, ValueError) as error:
        with contextlib.suppress(OSError):
            platform.remove(temp)
        raise save_error(path, error) from None
    platform.fsync_folder(folder)


def save_error(path: Path, error: OSError | ValueError) -> SaveError:
    """The save fault for ``error`` met while saving ``path``, with the system's reason.

    A ValueError comes from a name the system cannot take (a NUL byte in it).
    """
    if isinstance(error, OSError):
        return SaveError(path, os_reason(error), errno=error.errno)
    return SaveError(path, Message("os_error.einval"))


def written_snapshot(path: Path, data: bytes) -> Snapshot:
    """The snapshot of ``data`` just written to ``path``; a ``SaveError`` if it cannot be had."""
    try:
        return snapshot_of(path, data)
    except (OSError, ValueError) as error:
        raise save_error(path, error) from None
